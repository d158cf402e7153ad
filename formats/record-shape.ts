// In formats/ because the compiler generates the same gather code for its per-schema codecs (compiler/emit/
// batch-codec-code.ts) that the runtime compiles at run time: a data contract both sides import, importing neither.
//
// Record shapes for the batch codec: what a column of a batch holds (its kind), how a batch's shape is found, and
// the per-shape functions compiled with `new Function` that move records into columns and back. Each thread compiles
// its own (a Function cannot cross threads); the codec caches them per shape.
//
// A shape is the key list of plain-object records (the same keys in the same order in every record of the batch) or
// null for scalar records (the values themselves are numbers, strings…). Each field gets a column kind from the types
// seen in it:
//   N  numbers                                   M  numbers, null and undefined (a tag byte per record)
//   S  strings, null and undefined (dictionary)  B  booleans, null and undefined (one byte per record)
//   V  any other mix of primitives (bigint, number|string…): v8.serialize of the column
//   O  anything v8 can serialise, objects included: v8.serialize of the column (only per-schema codecs, whose schema
//      says a field holds nested records or arrays; the generic codec sends such batches whole through v8)
// A nested object, array, Date, Map, function or symbol anywhere makes the whole batch go through v8.serialize.

export type ColumnKind = "N" | "M" | "S" | "B" | "V" | "O";

/** Type bits: the union of what a field held across a batch. */
export const T_NUMBER = 1;
export const T_STRING = 2;
export const T_BOOLEAN = 4;
export const T_NULL = 8;
export const T_UNDEFINED = 16;
/** bigint: a primitive v8 serialises and this codec does not specialise. */
export const T_PRIMITIVE = 32;
/** Objects, functions, symbols: the batch goes through v8.serialize. */
export const T_OBJECT = 64;

const NULLISH = T_NULL | T_UNDEFINED;

export function typeBit(x: unknown): number {
  switch (typeof x) {
    case "number": return T_NUMBER;
    case "string": return T_STRING;
    case "boolean": return T_BOOLEAN;
    case "undefined": return T_UNDEFINED;
    case "bigint": return T_PRIMITIVE;
    case "object": return x === null ? T_NULL : T_OBJECT;
    default: return T_OBJECT;
  }
}

/** The column kind that holds every type of `mask`, or null when only v8 can (an object among the values). */
export function kindOf(mask: number): ColumnKind | null {
  if ((mask & T_OBJECT) !== 0) return null;
  const base = mask & ~NULLISH;
  if (base === T_NUMBER) return (mask & NULLISH) !== 0 ? "M" : "N";
  if (base === T_STRING) return "S";
  if (base === T_BOOLEAN || base === 0) return "B";
  return "V";
}

/** The types a kind accepts (widening a column joins this with what a new batch holds). */
export function maskOf(kind: ColumnKind): number {
  switch (kind) {
    case "N": return T_NUMBER;
    case "M": return T_NUMBER | NULLISH;
    case "S": return T_STRING | NULLISH;
    case "B": return T_BOOLEAN | NULLISH;
    case "V": return T_NUMBER | T_STRING | T_BOOLEAN | NULLISH | T_PRIMITIVE;
    case "O": return T_NUMBER | T_STRING | T_BOOLEAN | NULLISH | T_PRIMITIVE | T_OBJECT;
  }
}

/**
 * A record the codec may take apart: a plain object whose prototype is Object.prototype. v8.serialize keeps only
 * own enumerable string keys of such an object, which is what Object.keys (and for-in, given that prototype) lists.
 */
export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype && (x as { constructor?: unknown }).constructor === Object;
}

/** Keys an object literal in generated code can recreate in the same order. */
export function usableKeys(keys: readonly string[]): boolean {
  // why: `{"__proto__": x}` in a literal sets the prototype instead of creating the key; 255 keeps generated code small
  return keys.length <= 255 && !keys.includes("__proto__");
}

export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** String-column dictionary: a direct-mapped cache of this many recent strings (per batch). */
export const DICTIONARY_SLOTS = 64;

/** Scratch columns of one shape's encoder, reused batch after batch. */
export class EncoderColumn {
  /** N, M: the numbers (placeholder 0 for null/undefined). */
  numbers = new Float64Array(0);
  /** M: 0 number, 1 null, 2 undefined. B: 0 false, 1 true, 2 null, 3 undefined. */
  bytes = new Uint8Array(0);
  /** S: UTF-16 length of each dictionary entry. */
  lengths = new Int32Array(0);
  /** S: entry of each record; -1 null, -2 undefined. */
  codes = new Int32Array(0);
  /** S: the dictionary cache (string and its entry), cleared per batch. */
  readonly cacheKeys: (string | undefined)[];
  readonly cacheCodes: Int32Array;
  /** S: the entries concatenated (a rope: flattened once, when it is written). */
  joined = "";
  entries = 0;
  /**
   * S: whether gather looks strings up in the dictionary. Looking up costs reading two code units of each string
   * (a cache miss for a string made elsewhere), so a column of mostly unique strings stops doing it for a while.
   */
  dictionary = true;
  /** S: batches until a column that stopped looking strings up tries again. */
  probeIn = 0;
  /** V, O: the values as they are. */
  values: unknown[] = [];
  /** V, O: their v8 serialisation, made by prepare. */
  blob: Uint8Array | null = null;
  capacity = 0;

  constructor(readonly kind: ColumnKind) {
    this.cacheKeys = kind === "S" ? new Array<string | undefined>(DICTIONARY_SLOTS).fill(undefined) : [];
    this.cacheCodes = new Int32Array(kind === "S" ? DICTIONARY_SLOTS : 0);
  }

  /** Room for `n` records (dictionary entries ≤ records). */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const capacity = Math.max(n, this.capacity * 2, 64);
    switch (this.kind) {
      case "N": this.numbers = new Float64Array(capacity); break;
      case "M": this.numbers = new Float64Array(capacity); this.bytes = new Uint8Array(capacity); break;
      case "B": this.bytes = new Uint8Array(capacity); break;
      case "S": this.lengths = new Int32Array(capacity); this.codes = new Int32Array(capacity); break;
      case "V": case "O": break;
    }
    this.capacity = capacity;
  }
}

/** Moves batch records into the columns; -1 when every record fits the shape, else the index of the first misfit. */
export type GatherFunction = (values: readonly unknown[], n: number, columns: readonly EncoderColumn[]) => number;

/** Fills values[0, n) with records rebuilt from decoded columns (one or two inputs per column, see compileScatter). */
export type ScatterFunction = (values: unknown[], n: number, inputs: readonly unknown[]) => void;

const literal = (key: string): string => JSON.stringify(key);

/**
 * Compiles the gather function of a shape. Per record: the key check (for-in lists own and inherited enumerable
 * keys; `constructor === Object` keeps out arrays, class instances, Dates…), then one typed store per field.
 * Strings go through a per-batch dictionary: a repeated string (a channel name, a URL) is stored once.
 */
export function compileGather(keys: readonly string[] | null, kinds: string): GatherFunction {
  const source = `"use strict";\nreturn ${gatherSource(keys, kinds, "K", false)};`;
  // why a fresh unfrozen array: with `K` frozen the key check took 46 ns a Nexmark bid against 21 ns (node 20, a
  // throwaway loop over 16K bids, not kept): V8 loads from frozen arrays more slowly
  return new Function("K", source)(keys === null ? null : [...keys]) as GatherFunction;
}

/**
 * The source text of a gather function (a function expression named `gather`) for a shape, reading the key list from
 * the variable `keysName` (an unfrozen array in scope). `typed` adds TypeScript annotations to its parameters, for
 * generated modules (compiler/emit/batch-codec-code.ts); without, it is JavaScript for `new Function`.
 */
export function gatherSource(keys: readonly string[] | null, kinds: string, keysName: string, typed: boolean): string {
  const head: string[] = [];
  const body: string[] = [];
  const tail: string[] = [];
  for (let c = 0; c < kinds.length; c++) {
    const kind = kinds[c] as ColumnKind;
    const x = keys === null ? "r" : `x${c}`;
    if (keys !== null) body.push(`const x${c} = r[${literal(keys[c]!)}];`);
    switch (kind) {
      case "N":
        head.push(`const n${c} = columns[${c}].numbers;`);
        body.push(`if (typeof ${x} !== "number") return i; n${c}[i] = ${x};`);
        break;
      case "M":
        head.push(`const n${c} = columns[${c}].numbers, t${c} = columns[${c}].bytes;`);
        body.push(
          `if (typeof ${x} === "number") { n${c}[i] = ${x}; t${c}[i] = 0; }`,
          `else if (${x} === null) { n${c}[i] = 0; t${c}[i] = 1; } else if (${x} === undefined) { n${c}[i] = 0; t${c}[i] = 2; } else return i;`,
        );
        break;
      case "B":
        head.push(`const b${c} = columns[${c}].bytes;`);
        body.push(
          `if (${x} === true) b${c}[i] = 1; else if (${x} === false) b${c}[i] = 0;`,
          `else if (${x} === null) b${c}[i] = 2; else if (${x} === undefined) b${c}[i] = 3; else return i;`,
        );
        break;
      case "S":
        head.push(
          `const s${c} = columns[${c}], l${c} = s${c}.lengths, k${c} = s${c}.codes, ck${c} = s${c}.cacheKeys, cc${c} = s${c}.cacheCodes;`,
          `const d${c} = s${c}.dictionary; if (d${c}) ck${c}.fill(undefined); let j${c} = "", m${c} = 0;`,
        );
        body.push(
          `if (typeof ${x} === "string") {`,
          // why: length, middle and last code unit tell apart most strings without hashing them all
          `  const h = d${c} ? ((${x}.length << 3) ^ ${x}.charCodeAt(${x}.length >> 1) ^ (${x}.charCodeAt(${x}.length - 1) << 1)) & ${DICTIONARY_SLOTS - 1} : -1;`,
          `  if (h >= 0 && ck${c}[h] === ${x}) k${c}[i] = cc${c}[h];`,
          // why charCodeAt without a dictionary: it flattens a cons string in place, once for its life; left a tree, a
          // string sent again and again (a cached URL built with +) is walked leaf by leaf in every batch's rope
          // (rope and encodeInto: 93 ns against 17 ns a Nexmark URL in a throwaway loop over 16K bids, not kept)
          `  else { if (h >= 0) { ck${c}[h] = ${x}; cc${c}[h] = m${c}; } else ${x}.charCodeAt(0); l${c}[m${c}] = ${x}.length; j${c} += ${x}; k${c}[i] = m${c}++; }`,
          `} else if (${x} === null) k${c}[i] = -1; else if (${x} === undefined) k${c}[i] = -2; else return i;`,
        );
        tail.push(`s${c}.joined = j${c}; s${c}.entries = m${c};`);
        break;
      case "V":
        head.push(`const v${c} = columns[${c}].values;`);
        body.push(`if ((typeof ${x} === "object" && ${x} !== null) || typeof ${x} === "function" || typeof ${x} === "symbol") return i; v${c}[i] = ${x};`);
        break;
      case "O":
        // why functions and symbols: v8.serialize throws on them, and the generic codec names the failure better
        head.push(`const v${c} = columns[${c}].values;`);
        body.push(`if (typeof ${x} === "function" || typeof ${x} === "symbol") return i; v${c}[i] = ${x};`);
        break;
    }
  }
  const check = keys === null ? "" : [
    // why getPrototypeOf when a field is named constructor: that field hides Object.prototype.constructor (a
    // schema codec's records may have one; the generic codec sends them through v8)
    keys.includes("constructor")
      ? `if (typeof r !== "object" || r === null || Object.getPrototypeOf(r) !== Object.prototype) return i;`
      : `if (typeof r !== "object" || r === null || r.constructor !== Object) return i;`,
    `let k = 0;`,
    `for (const key in r) { if (key !== ${keysName}[k]) return i; k++; }`,
    `if (k !== ${keys.length}) return i;`,
  ].join("\n    ");
  const parameters = typed ? "values: readonly any[], n: number, columns: readonly EncoderColumn[]" : "values, n, columns";
  return [
    `function gather(${parameters})${typed ? ": number" : ""} {`,
    `  ${head.join("\n  ")}`,
    `  for (let i = 0; i < n; i++) {`,
    `    const r = values[i];`,
    `    ${check}`,
    `    ${body.join("\n    ")}`,
    `  }`,
    `  ${tail.join("\n  ")}`,
    `  return -1;`,
    `}`,
  ].join("\n");
}

/**
 * Compiles the scatter function of a shape and column variants. `variants` has one letter per column: `f`/`i` for
 * float64/int32 numbers (N, M), `p`/`d` for a plain (one entry per record, in order) or dictionary string column (S),
 * `-` otherwise. Inputs per column: N the numbers; M tags and numbers; S plain the entries, S dictionary the entries
 * and codes; B the bytes; V the deserialised values.
 */
export function compileScatter(keys: readonly string[] | null, kinds: string, variants: string): ScatterFunction {
  const head: string[] = [];
  const expressions: string[] = [];
  let input = 0;
  for (let c = 0; c < kinds.length; c++) {
    const kind = kinds[c] as ColumnKind;
    switch (kind) {
      case "N":
        head.push(`const n${c} = inputs[${input++}];`);
        expressions.push(`n${c}[i]`);
        break;
      case "M":
        head.push(`const t${c} = inputs[${input++}], n${c} = inputs[${input++}];`);
        expressions.push(`(t${c}[i] === 0 ? n${c}[i] : t${c}[i] === 1 ? null : undefined)`);
        break;
      case "B":
        head.push(`const b${c} = inputs[${input++}];`);
        expressions.push(`BYTE_VALUES[b${c}[i]]`);
        break;
      case "S":
        if (variants[c] === "p") {
          head.push(`const e${c} = inputs[${input++}];`);
          expressions.push(`e${c}[i]`);
        } else {
          head.push(`const e${c} = inputs[${input++}], k${c} = inputs[${input++}];`);
          expressions.push(`(k${c}[i] >= 0 ? e${c}[k${c}[i]] : k${c}[i] === -1 ? null : undefined)`);
        }
        break;
      case "V":
      case "O":
        head.push(`const v${c} = inputs[${input++}];`);
        expressions.push(`v${c}[i]`);
        break;
    }
  }
  const record = keys === null ? expressions[0]! : `{ ${keys.map((k, c) => `${literal(k)}: ${expressions[c]}`).join(", ")} }`;
  const source = [
    `"use strict";`,
    `return function scatter(values, n, inputs) {`,
    `  ${head.join("\n  ")}`,
    `  for (let i = 0; i < n; i++) values[i] = ${record};`,
    `};`,
  ].join("\n");
  return new Function("BYTE_VALUES", source)(BYTE_VALUES) as ScatterFunction;
}

/** What the bytes of a B column stand for. */
const BYTE_VALUES: readonly unknown[] = Object.freeze([false, true, null, undefined]);
