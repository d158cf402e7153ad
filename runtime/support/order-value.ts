// How `top` orders its keys' values: numbers and strings by `<`, and NULL below every value — so it ranks first in
// ascending order and last in descending order, as Flink orders NULLs by default (NullCollation.LOW).

/**
 * Negative when `x` orders before `y` ascending, positive after, 0 when they tie: a null (or absent) value is the
 * smallest, and two of them tie.
 */
export function compareValues(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return y === null || y === undefined ? 0 : -1;
  if (y === null || y === undefined) return 1;
  return (x as number | string) < (y as number | string) ? -1 : (x as number | string) > (y as number | string) ? 1 : 0;
}
