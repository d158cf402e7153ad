// MurmurHash3 x86 32-bit (Appleby) over a string's UTF-16 code units, as Guava's murmur3_32(seed)
// .hashUnencodedChars that Flink ML's HashingTF and FeatureHasher call: the same as hashing the string's UTF-16LE
// bytes. Also the int and long forms (hashInt, hashLong) for numbers and booleans.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK1(k1: number): number {
  k1 = Math.imul(k1, C1);
  k1 = (k1 << 15) | (k1 >>> 17);
  return Math.imul(k1, C2);
}

function mixH1(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

function finalMix(h1: number, length: number): number {
  h1 ^= length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 | 0;
}

/** The signed 32-bit hash of `s`'s UTF-16 code units (Guava's hashUnencodedChars). */
export function murmur3HashChars(s: string, seed = 0): number {
  let h1 = seed | 0;
  let i = 1;
  for (; i < s.length; i += 2) h1 = mixH1(h1, mixK1(s.charCodeAt(i - 1) | (s.charCodeAt(i) << 16)));
  if ((s.length & 1) === 1) h1 ^= mixK1(s.charCodeAt(s.length - 1));
  return finalMix(h1, 2 * s.length);
}

/** The signed 32-bit hash of a 32-bit integer (Guava's hashInt). */
export function murmur3HashInt(value: number, seed = 0): number {
  return finalMix(mixH1(seed | 0, mixK1(value | 0)), 4);
}

/** The signed 32-bit hash of a 64-bit value given as its low and high words (Guava's hashLong). */
export function murmur3HashLong(low: number, high: number, seed = 0): number {
  let h1 = mixH1(seed | 0, mixK1(low | 0));
  h1 = mixH1(h1, mixK1(high | 0));
  return finalMix(h1, 8);
}

const doubleBits = new DataView(new ArrayBuffer(8));

/** The hash of a double's IEEE bits (Java's Double.doubleToLongBits, NaN canonical), as Guava's hashLong of them. */
export function murmur3HashDouble(value: number, seed = 0): number {
  doubleBits.setFloat64(0, Number.isNaN(value) ? NaN : value, true);
  return murmur3HashLong(doubleBits.getInt32(0, true), doubleBits.getInt32(4, true), seed);
}

/** Java's Math.floorMod for an int and a positive modulus. */
export function nonNegativeMod(x: number, mod: number): number {
  const r = x % mod;
  return r < 0 ? r + mod : r;
}
