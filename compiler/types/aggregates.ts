// Signatures of the aggregate functions usable inside `aggregate { … }` (per key and window).
import { badArg, badArity, ok, type FunctionTyping } from "./call-check.js";
import { arrayOf, FLOAT, INT, type Type } from "./type.js";

const orderable = (t: Type) => ["unknown", "int", "float", "string", "timestamp", "duration"].includes(t.kind);

function unary(expected: string, accepts: (t: Type) => boolean, result: (t: Type) => Type): FunctionTyping {
  return (args) => {
    if (args.length !== 1) return badArity("1");
    return accepts(args[0]!) ? ok(result(args[0]!)) : badArg(0, expected);
  };
}

export const AGGREGATES: ReadonlyMap<string, FunctionTyping> = new Map<string, FunctionTyping>([
  // count() counts records; count(x) counts records where x is not null.
  ["count", (args) => (args.length > 1 ? badArity("0 or 1") : ok(INT))],
  ["sum", unary("int, float or duration", (t) => ["unknown", "int", "float", "duration"].includes(t.kind), (t) => t)],
  ["avg", unary("int or float", (t) => ["unknown", "int", "float"].includes(t.kind), () => FLOAT)],
  ["min", unary("a number, string, timestamp or duration", orderable, (t) => t)],
  ["max", unary("a number, string, timestamp or duration", orderable, (t) => t)],
  ["first", unary("a value", () => true, (t) => t)],
  ["last", unary("a value", () => true, (t) => t)],
  ["collect", unary("a value", () => true, (t) => arrayOf(t))],
  ["distinctCount", unary("a value", () => true, () => INT)],
]);
