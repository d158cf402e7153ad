// Columnar codec for checkpointed state values: turns a column of values into typed arrays, joined
// strings and one sub-column per record field, so that v8.deserialize on restore reads a few big
// buffers instead of a million small objects. Anything it does not specialise stays a raw column,
// which v8 serialises as before. Figures: bench/checkpoint/column-codec.bench.ts.
import { inspect, types } from "node:util";
import { unreachable } from "../core/errors.js";

/**
 * A column in columnar form: plain data (typed arrays, strings, arrays), itself serialisable by
 * v8.serialize. decodeColumn(encodeColumn(xs)) equals the v8 round trip of xs.
 */
export type EncodedColumn =
  /** The values as they are: v8 serialises them, holes, named properties, cycles and all. */
  | { readonly kind: "raw"; readonly values: readonly unknown[] }
  /** `length` times the same primitive (undefined or null). */
  | { readonly kind: "constant"; readonly value: null | undefined; readonly length: number }
  /** Numbers that are all int32 and none -0. */
  | { readonly kind: "int32"; readonly values: Int32Array }
  | { readonly kind: "float64"; readonly values: Float64Array }
  /** Booleans, one byte each (0 or 1). */
  | { readonly kind: "boolean"; readonly values: Uint8Array }
  /** Strings concatenated; value i is the next lengths[i] UTF-16 code units of `joined`. */
  | { readonly kind: "string"; readonly joined: string; readonly lengths: Uint32Array }
  /** Plain objects with the same own enumerable keys in the same order: one column per key. */
  | { readonly kind: "record"; readonly keys: readonly string[]; readonly length: number; readonly fields: readonly EncodedColumn[] }
  /** Dense arrays: value i is the next lengths[i] items. */
  | { readonly kind: "list"; readonly lengths: Uint32Array; readonly items: EncodedColumn }
  /** A mix: value i is the next value of parts[tags[i]]. */
  | { readonly kind: "union"; readonly tags: Uint8Array; readonly parts: readonly EncodedColumn[] };

// Value classes found while encoding; record shapes take the classes from RECORD on.
const NUMBER = 0;
const STRING = 1;
const BOOLEAN = 2;
const UNDEFINED = 3;
const NULL = 4;
const LIST = 5;
const OTHER = 6;
const RECORD = 7;
/** Distinct record shapes per column; the rest go to the raw part (tags must fit a byte). */
const MAX_SHAPES = 32;
/** Objects with more keys are dictionaries, not records: one column per key would not pay. */
const MAX_FIELDS = 256;
/** Nesting depth below which columns stay raw; also what stops encoding a cycle of records. */
const MAX_DEPTH = 16;
/** Longest joined string; V8's limit is 2^29 - 24 code units, beyond it join throws. */
const MAX_JOINED = 2 ** 28;

interface EncodeContext {
  /** Raw parts inside a decomposed value: they may refer back to it (see reachesDecomposed). */
  readonly nestedRaw: (readonly unknown[])[];
  /** Columns whose objects (records, lists) were taken apart and are rebuilt on decode. */
  readonly decomposed: (readonly unknown[])[];
}

/** Encodes a column of values; reads them, never changes them. A raw result holds `values` itself. */
export function encodeColumn(values: readonly unknown[]): EncodedColumn {
  // why: v8 keeps holes and named properties of the outer array; only a dense plain list has columns
  if (values.length === 0 || !isDenseList(values)) return { kind: "raw", values };
  const ctx: EncodeContext = { nestedRaw: [], decomposed: [] };
  const encoded = encodeValues(values, 0, ctx);
  // why: a decomposed object is rebuilt as a copy, and a raw part referring to it gets another copy —
  // harmless for a tree, but a cycle through it would come back unrolled, which is not deep-equal
  if (ctx.nestedRaw.length > 0 && reachesDecomposed(values, ctx)) return { kind: "raw", values };
  return encoded;
}

/**
 * Decodes a column. It takes ownership of `encoded` (normally what v8.deserialize just returned):
 * a raw column comes back as the very array it holds.
 */
export function decodeColumn(encoded: EncodedColumn): unknown[] {
  switch (encoded.kind) {
    case "raw":
      // why: not copied — slice() would drop the named properties v8 restored on it
      return encoded.values as unknown[];
    case "constant":
      return new Array<unknown>(encoded.length).fill(encoded.value);
    case "int32":
    case "float64":
      return typedToArray(encoded.values);
    case "boolean": {
      const bytes = encoded.values;
      const out = new Array<boolean>(bytes.length);
      for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] === 1;
      return out;
    }
    case "string":
      return splitByLengths(encoded.joined, encoded.lengths);
    case "record":
      return buildRecords(encoded.keys, encoded.fields.map(decodeColumn), encoded.length);
    case "list":
      return splitByLengths(decodeColumn(encoded.items), encoded.lengths);
    case "union": {
      const parts = encoded.parts.map(decodeColumn);
      const next = new Uint32Array(parts.length);
      const tags = encoded.tags;
      const out = new Array<unknown>(tags.length);
      for (let i = 0; i < tags.length; i++) {
        const tag = tags[i]!;
        out[i] = parts[tag]![next[tag]!++];
      }
      return out;
    }
    default:
      return unreachable(encoded, "unknown encoded column kind");
  }
}

/** Classifies every value, then encodes each class as its own column (a union if there are several). */
function encodeValues(values: readonly unknown[], depth: number, ctx: EncodeContext): EncodedColumn {
  const n = values.length;
  if (n === 0) return { kind: "raw", values: [] };
  if (depth > MAX_DEPTH) return rawPart(values, depth, ctx);
  const classes = new Uint8Array(n);
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  let lastKeys: string[] | null = null;
  let lastClass = OTHER;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let c: number;
    switch (typeof v) {
      case "number":
        c = NUMBER;
        break;
      case "string":
        c = STRING;
        break;
      case "boolean":
        c = BOOLEAN;
        break;
      case "undefined":
        c = UNDEFINED;
        break;
      case "object":
        if (v === null) c = NULL;
        else if (Array.isArray(v)) c = isDenseList(v) ? LIST : OTHER;
        else if (!isRecord(v)) c = OTHER;
        else {
          const keys = Object.keys(v);
          if (lastKeys !== null && sameKeys(keys, lastKeys)) c = lastClass;
          else {
            c = shapeClass(keys, shapes, shapeIds);
            lastKeys = keys;
            lastClass = c;
          }
        }
        break;
      default: // bigint (and symbols or functions, which v8.serialize refuses anyway)
        c = OTHER;
    }
    classes[i] = c;
  }

  // 1. One class: no tags needed.
  const first = classes[0]!;
  let single = true;
  for (let i = 1; i < n; i++) {
    if (classes[i] !== first) {
      single = false;
      break;
    }
  }
  if (single) return encodeClass(first, values, shapes, depth, ctx);

  // 2. Several: gather each class (in order of first appearance) and encode it as a part.
  const tagOf = new Int16Array(RECORD + MAX_SHAPES).fill(-1);
  const groups: unknown[][] = [];
  const groupClass: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = classes[i]!;
    let tag = tagOf[c]!;
    if (tag === -1) {
      tag = tagOf[c] = groups.length;
      groups.push([]);
      groupClass.push(c);
    }
    groups[tag]!.push(values[i]);
    classes[i] = tag;
  }
  const parts = groups.map((group, tag) => encodeClass(groupClass[tag]!, group, shapes, depth, ctx));
  return { kind: "union", tags: classes, parts };
}

function encodeClass(c: number, values: readonly unknown[], shapes: readonly string[][], depth: number, ctx: EncodeContext): EncodedColumn {
  switch (c) {
    case NUMBER:
      return encodeNumbers(values as readonly number[]);
    case STRING:
      return encodeStrings(values as readonly string[], depth, ctx);
    case BOOLEAN: {
      const out = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = values[i] === true ? 1 : 0;
      return { kind: "boolean", values: out };
    }
    case UNDEFINED:
      return { kind: "constant", value: undefined, length: values.length };
    case NULL:
      return { kind: "constant", value: null, length: values.length };
    case LIST:
      return encodeLists(values as readonly (readonly unknown[])[], depth, ctx);
    case OTHER:
      return rawPart(values, depth, ctx);
    default:
      return encodeRecords(values as readonly Record<string, unknown>[], shapes[c - RECORD]!, depth, ctx);
  }
}

function encodeNumbers(values: readonly number[]): EncodedColumn {
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    // why: -0 | 0 === 0, so -0 would come back as 0
    if ((x | 0) !== x || (x === 0 && 1 / x < 0)) return { kind: "float64", values: new Float64Array(values) };
  }
  return { kind: "int32", values: new Int32Array(values) };
}

function encodeStrings(values: readonly string[], depth: number, ctx: EncodeContext): EncodedColumn {
  const lengths = new Uint32Array(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    total += lengths[i] = v.length;
    // why: reading a character flattens a concatenated (cons) string in place, once; join copies
    // cons strings without flattening them, again at every checkpoint — 3× slower (measured: 500k
    // template-literal strings, 750 → 270 ms per encode)
    v.charCodeAt(0);
  }
  if (total > MAX_JOINED) return rawPart(values, depth, ctx);
  return { kind: "string", joined: values.join(""), lengths };
}

function encodeLists(lists: readonly (readonly unknown[])[], depth: number, ctx: EncodeContext): EncodedColumn {
  ctx.decomposed.push(lists);
  const lengths = new Uint32Array(lists.length);
  let total = 0;
  for (let i = 0; i < lists.length; i++) total += lengths[i] = lists[i]!.length;
  const items = new Array<unknown>(total);
  let at = 0;
  for (const list of lists) for (let j = 0; j < list.length; j++) items[at++] = list[j];
  return { kind: "list", lengths, items: encodeValues(items, depth + 1, ctx) };
}

function encodeRecords(records: readonly Record<string, unknown>[], keys: readonly string[], depth: number, ctx: EncodeContext): EncodedColumn {
  ctx.decomposed.push(records);
  const fields = keys.map((key) => {
    const column = new Array<unknown>(records.length);
    for (let i = 0; i < records.length; i++) column[i] = records[i]![key];
    return encodeValues(column, depth + 1, ctx);
  });
  return { kind: "record", keys, length: records.length, fields };
}

function rawPart(values: readonly unknown[], depth: number, ctx: EncodeContext): EncodedColumn {
  if (depth > 0) ctx.nestedRaw.push(values);
  return { kind: "raw", values };
}

/** The class of a record shape, or OTHER when there are too many shapes or keys. */
function shapeClass(keys: string[], shapes: string[][], shapeIds: Map<string, number>): number {
  if (keys.length > MAX_FIELDS) return OTHER;
  // why: length-prefixed, so no key can fake a separator
  let id = "";
  for (const key of keys) id += key.length + ":" + key;
  const known = shapeIds.get(id);
  if (known !== undefined) return known;
  if (shapes.length === MAX_SHAPES) return OTHER;
  const c = RECORD + shapes.length;
  shapes.push(keys);
  shapeIds.set(id, c);
  return c;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An object v8 serialises as a plain object: prototype Object.prototype or null (v8 restores both
 * as Object.prototype), and none of the built-ins v8 writes in its own way, even with a swapped
 * prototype. Costs ~100 ns, against ~800 ns to v8.serialize a two-field record.
 */
function isRecord(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return !(
    types.isMap(v) ||
    types.isSet(v) ||
    types.isDate(v) ||
    types.isRegExp(v) ||
    types.isNativeError(v) ||
    types.isBoxedPrimitive(v) ||
    types.isArrayBufferView(v) ||
    types.isAnyArrayBuffer(v)
  );
}

/** Inspect options that print an array's named properties but none of its elements. */
const NAMED_PROPERTIES_ONLY = { maxArrayLength: 0, depth: 0, customInspect: false, showHidden: false, breakLength: Infinity } as const;
/** Below this length Object.keys is cheaper than inspect (~90 ns per element vs ~9 µs per call). */
const SMALL_LIST = 100;

/** An array without holes and without named properties, so that its elements are all there is. */
function isDenseList(list: readonly unknown[]): boolean {
  const n = list.length;
  for (let i = 0; i < n; i++) if (list[i] === undefined && !(i in list)) return false;
  if (n <= SMALL_LIST) return Object.keys(list).length === n;
  // why: every API listing own keys also lists the n indices (Object.keys of 1M elements: 93 ms);
  // inspect with no elements shown lists only the named ones. Any other output (a subclass, a
  // symbol key, a future format) just means raw, which is always correct.
  return inspect(list, NAMED_PROPERTIES_ONLY) === `[ ... ${n} more item${n === 1 ? "" : "s"} ]`;
}

function typedToArray(values: Int32Array | Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** Cuts `whole` (a joined string, or the items of all lists) into consecutive pieces of the given lengths. */
function splitByLengths<T>(whole: { slice(start: number, end: number): T }, lengths: Uint32Array): T[] {
  const out = new Array<T>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = at + lengths[i]!;
    out[i] = whole.slice(at, end);
    at = end;
  }
  return out;
}

type RecordBuilder = (columns: readonly unknown[][], n: number) => Record<string, unknown>[];
const builders = new Map<string, RecordBuilder>();
const MAX_BUILDERS = 1024;
let codegenAllowed = true;

/** Rebuilds n records from one array per key, keys in order. */
function buildRecords(keys: readonly string[], columns: readonly unknown[][], n: number): Record<string, unknown>[] {
  const id = JSON.stringify(keys);
  let build = builders.get(id);
  if (build === undefined) {
    build = (codegenAllowed && compileBuilder(keys)) || buildRecordsByKey.bind(null, keys);
    if (builders.size === MAX_BUILDERS) builders.clear();
    builders.set(id, build);
  }
  return build(columns, n);
}

/**
 * A builder with the keys in an object literal: V8 creates each record from one boilerplate with
 * its final shape. Measured for 1M {name, n}: 37 ms, against 156 ms assigning key by key.
 */
function compileBuilder(keys: readonly string[]): RecordBuilder | null {
  const loads = keys.map((_, k) => `const c${k} = columns[${k}];`).join("\n");
  // why: keys are JSON string literals, so no key can escape into code; "__proto__" must be a
  // computed key, as a literal key it would set the prototype instead of an own property
  const fields = keys.map((key, k) => `${key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}: c${k}[i]`).join(", ");
  const body = `${loads}\nconst out = new Array(n);\nfor (let i = 0; i < n; i++) out[i] = { ${fields} };\nreturn out;`;
  try {
    return new Function("columns", "n", body) as RecordBuilder;
  } catch {
    // why: node --disallow-code-generation-from-strings; the slow builder gives the same records
    codegenAllowed = false;
    return null;
  }
}

function buildRecordsByKey(keys: readonly string[], columns: readonly unknown[][], n: number): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) {
      Object.defineProperty(record, keys[k]!, { value: columns[k]![i], writable: true, enumerable: true, configurable: true });
    }
    out[i] = record;
  }
  return out;
}

/**
 * Whether a nested raw part reaches a decomposed object (or the outer array) through any chain of
 * references. Runs only when some record or list holds a raw part: it walks the raw parts' object
 * graphs once, which costs about what serialising them does.
 */
function reachesDecomposed(root: readonly unknown[], ctx: EncodeContext): boolean {
  let targets: Set<unknown> | null = null;
  const seen = new Set<object>();
  const stack: unknown[] = [];
  for (const part of ctx.nestedRaw) for (const v of part) if (typeof v === "object" && v !== null) stack.push(v);
  while (stack.length > 0) {
    const v = stack.pop() as object;
    if (seen.has(v)) continue;
    seen.add(v);
    if (targets === null) {
      targets = new Set<unknown>([root]);
      for (const column of ctx.decomposed) for (const x of column) targets.add(x);
    }
    if (targets.has(v)) return true;
    if (!pushChildren(v, stack)) return true;
  }
  return false;
}

/** Pushes the objects v refers to; false when it cannot tell (an accessor), to be safe. */
function pushChildren(v: object, stack: unknown[]): boolean {
  const push = (x: unknown): void => {
    if (typeof x === "object" && x !== null) stack.push(x);
  };
  if (types.isDate(v) || types.isRegExp(v) || types.isBoxedPrimitive(v) || types.isArrayBufferView(v) || types.isAnyArrayBuffer(v)) return true;
  if (types.isMap(v)) for (const [key, value] of v as Map<unknown, unknown>) (push(key), push(value));
  else if (types.isSet(v)) for (const value of v as Set<unknown>) push(value);
  // why: own names, not only enumerable ones — v8 also writes an error's message, stack and cause
  for (const name of Object.getOwnPropertyNames(v)) {
    const descriptor = Object.getOwnPropertyDescriptor(v, name)!;
    if (!("value" in descriptor)) return false;
    push(descriptor.value);
  }
  return true;
}
