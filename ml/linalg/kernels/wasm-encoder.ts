// A tiny WebAssembly binary encoder: just the opcodes, sections and LEB128 numbers the ml kernels use, so a kernel is
// TypeScript that emits its module's bytes when first needed (no toolchain at build or run time). Reference: the
// WebAssembly core specification 2.0, "Binary Format", and the fixed-width SIMD proposal's opcode table.

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
export function u32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function s32(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const EMPTY_BLOCK = 0x40;
const SIMD = 0xfd;

/** Instructions, each returning its bytes; a function body is their concatenation. */
export const op = {
  block: (): number[] => [0x02, EMPTY_BLOCK],
  loop: (): number[] => [0x03, EMPTY_BLOCK],
  if: (): number[] => [0x04, EMPTY_BLOCK],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...u32(depth)],
  brIf: (depth: number): number[] => [0x0d, ...u32(depth)],
  get: (local: number): number[] => [0x20, ...u32(local)],
  set: (local: number): number[] => [0x21, ...u32(local)],
  i32: (value: number): number[] => [0x41, ...s32(value)],
  i32Add: (): number[] => [0x6a],
  i32Mul: (): number[] => [0x6c],
  i32LtS: (): number[] => [0x48],
  i32GtS: (): number[] => [0x4a],
  i32LeS: (): number[] => [0x4c],
  /** i32.load with 4-byte alignment and a constant offset. */
  i32Load: (offset = 0): number[] => [0x28, 2, ...u32(offset)],
  f64Add: (): number[] => [0xa0],
  /** f64.store with 8-byte alignment and a constant offset. */
  f64Store: (offset = 0): number[] => [0x39, 3, ...u32(offset)],
  v128Load: (offset = 0): number[] => [SIMD, ...u32(0x00), 4, ...u32(offset)],
  v128Store: (offset = 0): number[] => [SIMD, ...u32(0x0b), 4, ...u32(offset)],
  v128Zero: (): number[] => [SIMD, ...u32(0x0c), ...new Array<number>(16).fill(0)],
  f64x2ExtractLane: (lane: 0 | 1): number[] => [SIMD, ...u32(0x21), lane],
  f64x2Add: (): number[] => [SIMD, ...u32(0xf0)],
  f64x2Mul: (): number[] => [SIMD, ...u32(0xf2)],
};

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValueType[];
  /** Locals after the params, in order (their indices follow the params'). */
  readonly locals: readonly ValueType[];
  readonly body: readonly number[];
}

function vec(items: readonly number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...u32(bytes.length), ...bytes];
}

/** A module of functions without results that share one exported memory ("memory", `minPages` 64 KiB pages). */
export function encodeModule(functions: readonly WasmFunction[], minPages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...u32(f.params.length), ...f.params, 0]);
  const bodies = functions.map((f) => {
    const groups: number[][] = [];
    for (const t of f.locals) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0]!++;
      else groups.push([1, t]);
    }
    const code = [...u32(groups.length), ...groups.flatMap(([count, t]) => [...u32(count!), t!]), ...f.body, ...op.end()];
    return [...u32(code.length), ...code];
  });
  const exports = [
    [...name("memory"), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...u32(i)]),
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => u32(i)))),
    ...section(5, vec([[0x00, ...u32(minPages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
