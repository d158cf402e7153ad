// ts-morph (and TypeScript under it), loaded on first use: it takes ≈ 0.6 s to load, and only some compilations need
// it — those importing a TypeScript module (types/from-typescript.ts) and those that format the generated files
// (passes/back-end-context.ts). `eddy run`, `eddy sql` and the Table API do neither.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

let loaded: typeof TsMorph | undefined;

export function tsMorph(): typeof TsMorph {
  // why require: ts-morph is CommonJS, and a synchronous load keeps the compiler synchronous
  loaded ??= createRequire(import.meta.url)("ts-morph") as typeof TsMorph;
  return loaded;
}

export type { TsMorph };
