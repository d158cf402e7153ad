// The few WebAssembly JavaScript API members the kernels use, typed here: the project compiles without the DOM library,
// and @types/node declares the WebAssembly namespace without these values.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` 64 KiB pages (throws a RangeError past the maximum); the old buffer is detached. */
  grow(pages: number): number;
}

/** A compiled module (opaque). */
export interface WasmModule {
  readonly __wasmModule: unique symbol;
}

interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { readonly exports: Record<string, unknown> };
}

/** The engine's WebAssembly object, or null where there is none. */
export const webAssembly: WebAssemblyApi | null = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly ?? null;
