// Keys → key groups → subtasks. Key groups (default 128 = max parallelism) are the unit in which
// keyed state is partitioned, snapshotted and redistributed when a job is rescaled (as in Flink).

export const DEFAULT_MAX_PARALLELISM = 128;

/** A key as the user's KeySelector returns it: a primitive or a (small) composite value. */
export type Key = unknown;

/**
 * A key in the form used for Map lookups: primitives stay as they are (so they cost nothing), and
 * composite keys (arrays, objects) become canonical JSON behind a \u0001 marker, so equal keys find
 * the same state, no composite key collides with a string key, and the key can be rebuilt.
 */
export type NormalizedKey = string | number | boolean | bigint | null | undefined;

const COMPOSITE = "\u0001";

export function normalizeKey(key: Key): NormalizedKey {
  switch (typeof key) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return key;
    default:
      if (key === null) return null;
      // why: starting from the marker saves one concatenation (and one rope node) per key
      return Array.isArray(key) ? arrayJson(COMPOSITE, key) : COMPOSITE + canonicalJson(key);
  }
}

/** The key a normalized key stands for: equal (not identical) to the user's composite key. */
export function denormalizeKey(key: NormalizedKey): Key {
  if (typeof key !== "string" || key.charCodeAt(0) !== 1) return key;
  const json = key.slice(1);
  // why: a reviver makes JSON.parse call back for every value (1.0M → 6.4M/s without); only a key
  // that holds a bigint can contain the marker's field name, so the others parse without one
  return json.includes('"$bigint"') ? JSON.parse(json, reviveBigInt) : JSON.parse(json);
}

/**
 * JSON with object fields sorted, so `{a,b}` equals `{b,a}`; bigints as {"$bigint": "…"}; what
 * JSON.stringify gives nothing for (undefined, functions, symbols) as null. Written as loops that
 * append to one string, without the intermediate arrays of map/join: normalizeKey of a
 * [bidder, auction] key 4.9M → 25.9M/s, of an { auction, day } record 2.0M → 9.3M/s
 * (`npm run bench -- micro --only key`).
 * The output must not change: normalized keys are stored in checkpoints.
 */
function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "number":
      // why: what JSON.stringify gives — the shortest round-trip form (-0 as 0), non-finite as null
      return Number.isFinite(value) ? "" + value : "null";
    case "string":
      return quote(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return '{"$bigint":"' + value + '"}';
    case "object":
      if (value === null) return "null";
      return Array.isArray(value) ? arrayJson("", value) : recordJson(value);
    default:
      return "null";
  }
}

function arrayJson(prefix: string, array: readonly unknown[]): string {
  let s = prefix + "[";
  const n = array.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) s += ",";
    const v = array[i];
    // why: Array.prototype.map + join, as the format was first written, leave a hole empty
    if (v === undefined && !(i in array)) continue;
    s += canonicalJson(v);
  }
  return s + "]";
}

/** The field order of the last record seen: records of one key selector share it, so sorting and quoting happen once. */
let lastFields: readonly string[] = [];
let lastSorted: readonly string[] = [];
/** `"field":` per sorted field, the first without the comma that separates the others. */
let lastLabels: readonly string[] = [];

function recordJson(record: object): string {
  const fields = Object.keys(record);
  const n = fields.length;
  if (n === 0) return "{}";
  if (!sameFields(fields, lastFields)) {
    const sorted = fields.slice().sort();
    lastLabels = sorted.map((f, i) => (i === 0 ? "" : ",") + quote(f) + ":");
    lastSorted = sorted;
    lastFields = fields;
  }
  const sorted = lastSorted;
  const labels = lastLabels;
  let s = "{";
  for (let i = 0; i < n; i++) s += labels[i]! + canonicalJson((record as Record<string, unknown>)[sorted[i]!]);
  return s + "}";
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** JSON.stringify of a string; one needing no escape (the usual key) is just put in quotes, which is ~1.6× faster. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // why: control characters, '"' and '\\' are escaped, and lone surrogates too (well-formed JSON.stringify)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

function reviveBigInt(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const v = value as { $bigint?: unknown };
    if (typeof v.$bigint === "string" && Object.keys(v).length === 1) return BigInt(v.$bigint);
  }
  return value;
}

/** A deterministic 32-bit hash of a normalized key (same value → same hash in every process). */
export function hashKey(key: NormalizedKey): number {
  switch (typeof key) {
    case "number":
      return hashNumber(key);
    case "string":
      return hashString(key);
    case "boolean":
      return key ? 1231 : 1237;
    case "bigint":
      return hashString(key.toString());
    default:
      return 0;
  }
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

const float64 = new Float64Array(1);
const float64Words = new Int32Array(float64.buffer);

function hashNumber(n: number): number {
  if ((n | 0) === n) return n;
  float64[0] = n;
  return (float64Words[0]! ^ float64Words[1]!) | 0;
}

/**
 * Flink's MathUtils.murmurHash: one murmur3 round over the 32-bit hash, then the finaliser, made
 * non-negative — so sequential ids spread over the key groups as they do in Flink.
 */
function murmurHash(code: number): number {
  code = Math.imul(code, 0xcc9e2d51);
  code = (code << 15) | (code >>> 17);
  code = Math.imul(code, 0x1b873593);
  code = (code << 13) | (code >>> 19);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  code = Math.imul(code ^ (code >>> 16), 0x85ebca6b);
  code = Math.imul(code ^ (code >>> 13), 0xc2b2ae35);
  code ^= code >>> 16;
  if (code >= 0) return code;
  return code !== -2147483648 ? -code : 0;
}

export function keyGroupOf(key: NormalizedKey, maxParallelism: number): number {
  return murmurHash(hashKey(key)) % maxParallelism;
}

/** Flink's formula: key group kg belongs to subtask ⌊kg · p / maxP⌋, so ranges stay contiguous. */
export function subtaskForKeyGroup(keyGroup: number, parallelism: number, maxParallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** The contiguous range of key groups [start, end] a subtask owns. */
export function keyGroupRangeOf(subtask: number, parallelism: number, maxParallelism: number): { start: number; end: number } {
  return {
    start: Math.ceil((subtask * maxParallelism) / parallelism),
    end: Math.ceil(((subtask + 1) * maxParallelism) / parallelism) - 1,
  };
}

export function checkMaxParallelism(maxParallelism: number, parallelism: number): void {
  if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768) {
    throw new RangeError(`max parallelism must be an integer in 1..32768, got ${maxParallelism}`);
  }
  if (parallelism > maxParallelism) {
    throw new RangeError(`parallelism ${parallelism} exceeds max parallelism ${maxParallelism}; raise setMaxParallelism()`);
  }
}
