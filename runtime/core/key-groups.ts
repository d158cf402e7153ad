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
      return key === null ? null : COMPOSITE + canonicalJson(key);
  }
}

/** The key a normalized key stands for: equal (not identical) to the user's composite key. */
export function denormalizeKey(key: NormalizedKey): Key {
  return typeof key === "string" && key.charCodeAt(0) === 1 ? JSON.parse(key.slice(1), reviveBigInt) : key;
}

/** JSON with object fields sorted, so `{a,b}` equals `{b,a}`; bigints as {"$bigint": "…"}. */
function canonicalJson(value: unknown): string {
  if (typeof value === "bigint") return `{"$bigint":"${value}"}`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
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
