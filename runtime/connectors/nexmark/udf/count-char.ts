// Nexmark q14's user-defined function, registered in Flink as com.github.nexmark.flink.udf.CountChar: how many times a
// character occurs in a string. The SQL translator maps that class name here, so q14.sql runs as written.
type int = number;

export function countChar(s: string, c: string): int {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}
