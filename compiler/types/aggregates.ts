// Signatures of the aggregate functions usable inside `aggregate { … }` (per key and window).
import { badArg, badArity, ok, type FunctionTyping } from "./call-check.js";
import { arrayOf, FLOAT, INT, nonNull, nullable, type Type } from "./type.js";

const orderable = (t: Type) => ["unknown", "int", "float", "string", "timestamp", "duration"].includes(t.kind);

function unary(expected: string, accepts: (t: Type) => boolean, result: (t: Type) => Type): FunctionTyping {
  return (args) => {
    if (args.length !== 1) return badArity("1");
    return accepts(args[0]!) ? ok(result(args[0]!)) : badArg(0, expected);
  };
}

/**
 * SQL's null rule for SUM, AVG, MIN and MAX: null values are skipped, so the argument is checked without its `?`; the
 * result is nullable when the argument is (null until a non-null value arrives) and stays as it was when it is not.
 */
function skippingNulls(expected: string, accepts: (t: Type) => boolean, result: (t: Type) => Type): FunctionTyping {
  return unary(expected, (t) => accepts(nonNull(t)), (t) => (t.kind === "nullable" ? nullable(result(t.inner)) : result(t)));
}

export const AGGREGATES: ReadonlyMap<string, FunctionTyping> = new Map<string, FunctionTyping>([
  // count() counts records; count(x) counts records where x is not null.
  ["count", (args) => (args.length > 1 ? badArity("0 or 1") : ok(INT))],
  ["sum", skippingNulls("int, float or duration", (t) => ["unknown", "int", "float", "duration"].includes(t.kind), (t) => t)],
  ["avg", skippingNulls("int or float", (t) => ["unknown", "int", "float"].includes(t.kind), () => FLOAT)],
  ["min", skippingNulls("a number, string, timestamp or duration", orderable, (t) => t)],
  ["max", skippingNulls("a number, string, timestamp or duration", orderable, (t) => t)],
  // first, last and collect keep nulls (they are values of the stream like any other).
  ["first", unary("a value", () => true, (t) => t)],
  ["last", unary("a value", () => true, (t) => t)],
  ["collect", unary("a value", () => true, (t) => arrayOf(t))],
  ["distinctCount", unary("a value", () => true, () => INT)],
]);
