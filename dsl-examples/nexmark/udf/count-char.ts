// Nexmark q14's user-defined function count_char: how many times a character occurs in a string.
type int = number;

export function countChar(s: string, c: string): int {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}
