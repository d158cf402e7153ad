// How `top` orders its keys' values: numbers and strings by `<`, and NULL below every value — so it ranks first in
// ascending order and last in descending order, as Flink orders NULLs by default (NullCollation.LOW).

/** True when `x` orders before `y` ascending (x ≠ y); a null (or absent) value is the smallest. */
export function orderedBefore(x: unknown, y: unknown): boolean {
  if (x === null || x === undefined) return true;
  if (y === null || y === undefined) return false;
  return (x as number | string) < (y as number | string);
}
