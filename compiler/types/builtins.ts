// Signatures of the built-in scalar functions (pure and deterministic: no clock, no randomness).
import { unify } from "./assignability.js";
import { badArg, badArity, ok, type CallCheck, type FunctionTyping } from "./call-check.js";
import { arrayOf, BOOL, FLOAT, INT, nullable, STRING, TIMESTAMP, type Type } from "./type.js";

const is = (t: Type, ...kinds: Type["kind"][]) => t.kind === "unknown" || kinds.includes(t.kind);

/** Checks a fixed list of parameter predicates, then computes the result. */
function fixed(params: readonly [string, (t: Type) => boolean][], result: (args: readonly Type[]) => Type, optional = 0): FunctionTyping {
  return (args) => {
    const min = params.length - optional;
    if (args.length < min || args.length > params.length) return badArity(optional === 0 ? String(params.length) : `${min} to ${params.length}`);
    for (let i = 0; i < args.length; i++) if (!params[i]![1](args[i]!)) return badArg(i, params[i]![0]);
    return ok(result(args));
  };
}

const string: [string, (t: Type) => boolean] = ["string", (t) => is(t, "string")];
const int: [string, (t: Type) => boolean] = ["int", (t) => is(t, "int")];
const numeric: [string, (t: Type) => boolean] = ["int or float", (t) => is(t, "int", "float")];
const any: [string, (t: Type) => boolean] = ["a value", () => true];

function minMax(args: readonly Type[]): CallCheck {
  if (args.length !== 2) return badArity("2");
  const [a, b] = args as [Type, Type];
  if (!is(a, "int", "float", "string", "timestamp", "duration")) return badArg(0, "a number, string, timestamp or duration");
  const common = unify(a, b);
  if (common === undefined || (common.kind !== "unknown" && !is(common, "int", "float", "string", "timestamp", "duration"))) return badArg(1, a.kind === "int" ? "int or float" : a.kind);
  return ok(common);
}

export const BUILTINS: ReadonlyMap<string, FunctionTyping> = new Map<string, FunctionTyping>([
  ["len", fixed([["string or array", (t) => is(t, "string", "array")]], () => INT)],
  ["lower", fixed([string], () => STRING)],
  ["upper", fixed([string], () => STRING)],
  ["trim", fixed([string], () => STRING)],
  ["split", fixed([string, string], () => arrayOf(STRING))],
  ["concat", (args) => {
    if (args.length === 0) return badArity("at least 1");
    const bad = args.findIndex((t) => !is(t, "string"));
    return bad >= 0 ? badArg(bad, "string") : ok(STRING);
  }],
  ["substring", fixed([string, int, int], () => STRING, 1)],
  ["contains", (args) => {
    if (args.length !== 2) return badArity("2");
    const [h, n] = args as [Type, Type];
    if (h.kind === "array") return unify(h.element, n) === undefined ? badArg(1, "an element of the array") : ok(BOOL);
    if (!is(h, "string")) return badArg(0, "string or array");
    return is(n, "string") ? ok(BOOL) : badArg(1, "string");
  }],
  ["startsWith", fixed([string, string], () => BOOL)],
  ["endsWith", fixed([string, string], () => BOOL)],
  ["abs", fixed([["int, float or duration", (t) => is(t, "int", "float", "duration")]], (a) => a[0]!)],
  ["floor", fixed([numeric], () => INT)],
  ["ceil", fixed([numeric], () => INT)],
  ["round", fixed([numeric], () => INT)],
  ["min", minMax],
  ["max", minMax],
  ["hash", (args) => (args.length === 0 ? badArity("at least 1") : ok(INT))],
  // Parsing a string can fail, so the string overloads are nullable.
  ["toInt", fixed([["int, float, string, timestamp or duration", (t) => is(t, "int", "float", "string", "timestamp", "duration")]], (a) => (a[0]!.kind === "string" ? nullable(INT) : INT))],
  ["toFloat", fixed([["int, float or string", (t) => is(t, "int", "float", "string")]], (a) => (a[0]!.kind === "string" ? nullable(FLOAT) : FLOAT))],
  ["toString", fixed([any], () => STRING)],
  ["tumbleStart", fixed([["timestamp", (t) => is(t, "timestamp")], ["duration", (t) => is(t, "duration")]], () => TIMESTAMP)],
  // Calendar fields and formatting read timestamps in UTC (Flink's TIMESTAMP(3) without time zone).
  ["hour", fixed([["timestamp", (t) => is(t, "timestamp")]], () => INT)],
  ["dateFormat", fixed([["timestamp", (t) => is(t, "timestamp")], string], () => STRING)],
  // SQL's year-month intervals: whole months, the day clamped to the target month's last (Jan 31 + 1 = Feb 28/29).
  ["addMonths", fixed([["timestamp", (t) => is(t, "timestamp")], int], () => TIMESTAMP)],
  // SQL helpers: null when the pattern does not match or the index is out of range.
  ["regexpExtract", fixed([string, string, int], () => nullable(STRING), 1)],
  ["splitIndex", fixed([string, string, int], () => nullable(STRING))],
  ["range", fixed([int], () => arrayOf(INT))],
]);

