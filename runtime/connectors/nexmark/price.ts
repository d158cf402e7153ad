// PriceGenerator: log-uniform prices in cents between 100 and 10^8.

import type { JavaRandom } from "./java-random.js";

/** round(10^(6·U) × 100) for U uniform in [0, 1): a price in [100, 10^8], log-uniform. */
export function nextPrice(random: JavaRandom): number {
  // Java's Math.round rounds halves up, as JS Math.round does for positive values.
  return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
}
