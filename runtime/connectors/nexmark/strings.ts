// Random strings of the reference (StringsGenerator): short fields, exact-length padding, `extra`.
//
// Characters are written into one reusable byte buffer and turned into a string with a single
// latin1 decode, which measured 2.5x faster than String.fromCharCode.apply and 4x faster than
// `+=` (68-char strings, node 20: 1.3M/s concat, 2.1M/s apply, 5.3M/s latin1).

import { JavaRandom } from "./java-random.js";

/** Smallest random string size (MIN_STRING_LENGTH). */
const MIN_STRING_LENGTH = 3;
const CHAR_a = 97;
const SPACE = 32;

/** Scratch bytes shared by every call in this isolate; grown on demand, never shrunk. */
let scratch: Buffer = Buffer.allocUnsafe(1024);

function ensureScratch(length: number): Buffer {
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
  return scratch;
}

/**
 * nextString(random, maxLength, special): 3 + nextInt(maxLength - 3) characters, each `special`
 * with probability 1/13 and a random lower-case letter otherwise, then Java's trim() (which only
 * removes something when `special` is a space, since letters and '_' are above U+0020).
 */
export function nextString(random: JavaRandom, maxLength: number, special = SPACE): string {
  let len = MIN_STRING_LENGTH + random.nextIntBelow(maxLength - MIN_STRING_LENGTH);
  const buf = ensureScratch(len);
  let end = 0;
  while (len-- > 0) {
    buf[end++] = random.nextIntBelow(13) === 0 ? special : CHAR_a + random.nextIntBelow(26);
  }
  let start = 0;
  if (special <= SPACE) {
    while (start < end && buf[start]! <= SPACE) start++;
    while (end > start && buf[end - 1]! <= SPACE) end--;
  }
  return buf.toString("latin1", start, end);
}

/** Write nextExactString's characters into `buf` at `at`; returns the end offset. */
function writeExact(random: JavaRandom, buf: Buffer, at: number, length: number): number {
  let rnd = 0;
  let n = 0; // characters left in rnd; 6 = floor(log_26(2^31))
  const end = at + length;
  for (let i = at; i < end; i++) {
    if (n === 0) {
      rnd = random.nextInt();
      n = 6;
    }
    // Java's % and / truncate toward zero, so a negative rnd yields 'H'..'a': kept as is.
    buf[i] = CHAR_a + (rnd % 26);
    rnd = (rnd / 26) | 0;
    n--;
  }
  return end;
}

/** nextExactString: exactly `length` characters, six per nextInt(). */
export function nextExactString(random: JavaRandom, length: number): string {
  const buf = ensureScratch(length);
  return buf.toString("latin1", 0, writeExact(random, buf, 0, length));
}

/**
 * The length nextExtra pads to: the average minus what the other fields take, ±20% uniformly
 * (minSize + nextInt(2 * delta)). Draws one random number unless delta is 0.
 */
export function nextExtraLength(random: JavaRandom, currentSize: number, desiredAverageSize: number): number {
  if (currentSize > desiredAverageSize) return 0;
  const remaining = desiredAverageSize - currentSize;
  // Java's Math.round is floor(x + 0.5), like JS Math.round for these non-negative values.
  const delta = Math.round(remaining * 0.2);
  const minSize = remaining - delta;
  return minSize + (delta === 0 ? 0 : random.nextIntBelow(2 * delta));
}

/** nextExtra: a string such that currentSize + its length averages desiredAverageSize. */
export function nextExactExtra(random: JavaRandom, currentSize: number, desiredAverageSize: number): string {
  if (currentSize > desiredAverageSize) return "";
  return nextExactString(random, nextExtraLength(random, currentSize, desiredAverageSize));
}

/** Length of the shared padding source: 1 MiB of nextExactString characters. */
export const SHARED_EXTRA_LENGTH = 1 << 20;
/** Seed of the Random that writes the shared padding (any fixed value; this one spells "extra"). */
const SHARED_EXTRA_SEED = 0x6578747261;
let sharedExtra: string | undefined;

/** The shared padding source, built on first use (about 5 ms). */
export function sharedExtraSource(): string {
  if (sharedExtra === undefined) {
    const buf = Buffer.allocUnsafe(SHARED_EXTRA_LENGTH);
    writeExact(new JavaRandom(SHARED_EXTRA_SEED), buf, 0, SHARED_EXTRA_LENGTH);
    sharedExtra = buf.toString("latin1");
  }
  return sharedExtra;
}

/**
 * nextExtra with the same length draw, but the characters are a substring of one shared 1 MiB
 * string of nextExactString output at a random offset: O(1) instead of a character loop and a
 * decode per event (mix: 1.7M → 3.2M events/s, bench/nexmark/generator.bench.ts). V8 makes a substring of 13+
 * characters a slice of its parent, and the parent lives for the process anyway, so retaining an
 * event's extra retains no more than the event. Lengths beyond half the source fall back to exact.
 */
export function nextSharedExtra(random: JavaRandom, currentSize: number, desiredAverageSize: number): string {
  if (currentSize > desiredAverageSize) return "";
  const length = nextExtraLength(random, currentSize, desiredAverageSize);
  if (length > SHARED_EXTRA_LENGTH >> 1) return nextExactString(random, length);
  const source = sharedExtraSource();
  const offset = random.nextIntBelow(SHARED_EXTRA_LENGTH - length + 1);
  return source.substring(offset, offset + length);
}

/** The `extra` of the configured mode: reference characters ("exact") or shared ones ("shared"). */
export function nextExtra(random: JavaRandom, exact: boolean, currentSize: number, desiredAverageSize: number): string {
  return exact
    ? nextExactExtra(random, currentSize, desiredAverageSize)
    : nextSharedExtra(random, currentSize, desiredAverageSize);
}
