// GROUPING SETS, ROLLUP and CUBE, as Flink's planner runs them (Calcite's Expand, then one aggregate): each row is
// copied once per grouping set, numbered by a hidden field, with the group keys outside that set made NULL (in fields
// of their own: an aggregate may read the column a set leaves out); the aggregate groups by every key and the set's
// number, so each set's groups are apart even where their visible keys look alike (a NULL key of the set () beside a
// NULL value of the set (a)). GROUPING(a, …) and GROUPING_ID(a, …) read the set's number: bit i (from the right) is
// 1 where the i-th last argument is not in the row's set.
import type { Expr, Operator } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Call, Expr as SqlExpr } from "./ast.js";
import { binary, field, ident, ifExpr, intList, nameExpr, nullLit, numberLit } from "./flow-nodes.js";
import { printExpr } from "./print-sql.js";
import { abort, type Translator } from "./translator.js";

/** A group key as the grouping sets see it: its GROUP BY text and the field holding it. */
export interface SetKey {
  readonly text: string;
  readonly field: string;
}

/** The grouping sets of a GROUP BY, as the indexes of the keys each one groups by. */
export interface GroupingSets {
  /** The hidden field numbering a row's set (0 for the first set). */
  readonly field: string;
  readonly sets: readonly (readonly number[])[];
}

/**
 * The sets of `s.groupingSets` over `keys` (each set's expressions found among the keys by their text). In a window
 * aggregation, `windowBounds` are the texts of window_start and window_end: no keys (the window groups by them), and
 * in every set, as Flink requires (`GROUP BY window_start, window_end, ROLLUP(a)` puts them there).
 */
export function groupingSetsOf(
  t: Translator,
  sets: readonly (readonly SqlExpr[])[],
  keys: readonly SetKey[],
  field: string,
  span: Span,
  windowBounds: ReadonlySet<string>,
): GroupingSets {
  return {
    field,
    sets: sets.map((set) => {
      const texts = set.map(printExpr);
      for (const bound of windowBounds) {
        if (!texts.includes(bound)) {
          abort(t, "SQL3013", set[0]?.span ?? span, {
            problem: "every grouping set of a window aggregation groups by window_start and window_end",
            hint: "put them beside the grouping sets: GROUP BY window_start, window_end, GROUPING SETS (…)",
          });
        }
      }
      return [...new Set(set.flatMap((e, j) => {
        if (windowBounds.has(texts[j]!)) return [];
        const i = keys.findIndex((k) => k.text === texts[j]);
        if (i < 0) abort(t, "SQL3006", e.span, { what: "this expression in a grouping set", hint: "group by columns or expressions of the FROM clause's rows" });
        return [i];
      }))];
    }),
  };
}

/** True when key `i` is NULL in some set's rows (it is outside that set). */
export function nulledKey(g: GroupingSets, i: number): boolean {
  return g.sets.some((set) => !set.includes(i));
}

/** `set == a or set == b …`: the row's set is one of `indexes` (false for none). */
function inSets(g: GroupingSets, indexes: readonly number[], span: Span): Expr {
  const tests = indexes.map((i) => binary("==", nameExpr(g.field, span), numberLit(i, span), span));
  return tests.length === 0 ? { kind: "BoolLiteral", value: false, span } : tests.reduce((a, b) => binary("or", a, b, span));
}

/**
 * The steps before the keyBy: a copy of each row per set (numbered), where each key a set leaves out gets a field of
 * its own (`field`, from `source`) that is NULL in that set's copies — the source stays for the aggregates to read.
 */
export function expandOps(g: GroupingSets, keys: readonly { readonly field: string; readonly source: string }[], span: Span): Operator[] {
  const nulled = keys.flatMap((k, i) => {
    if (!nulledKey(g, i)) return [];
    const holding = g.sets.flatMap((set, s) => (set.includes(i) ? [s] : []));
    return [field(k.field, ifExpr(inSets(g, holding, span), nameExpr(k.source, span), nullLit(span), span), span)];
  });
  return [
    { kind: "FlatMapOp", expr: intList(0, g.sets.length - 1, span), as: ident(g.field, span), span },
    ...(nulled.length === 0 ? [] : [{ kind: "ExtendOp" as const, fields: nulled, span }]),
  ];
}

/** True for a call of GROUPING or GROUPING_ID. */
export function isGroupingCall(e: SqlExpr): boolean {
  if (e.kind !== "Call" || e.over !== null || e.name.length !== 1) return false;
  const name = e.name[0]!.name.toUpperCase();
  return name === "GROUPING" || name === "GROUPING_ID";
}

/**
 * GROUPING(a, b, …) / GROUPING_ID(…): per set, the bits of its arguments that are not in it (the last argument the
 * lowest bit) — a constant where every set gives the same value (always 0 for a plain GROUP BY, `g` null).
 */
export function groupingValue(t: Translator, e: Call, keys: readonly SetKey[], g: GroupingSets | null): Expr {
  const span = e.span;
  if (e.args.length === 0) abort(t, "SQL3008", span, { name: e.name[0]!.name.toUpperCase(), expected: "one or more GROUP BY expressions", actual: "0" });
  const indexes = e.args.map((a) => {
    const i = a.kind === "TableArgument" || a.kind === "NamedArgument" ? -1 : keys.findIndex((k) => k.text === printExpr(a));
    if (i < 0) abort(t, "SQL3006", a.span, { what: `an argument of ${e.name[0]!.name.toUpperCase()} that is not a GROUP BY expression`, hint: "pass expressions the query groups by" });
    return i;
  });
  const valueIn = (set: readonly number[]) => indexes.reduce((bits, i) => bits * 2 + (set.includes(i) ? 0 : 1), 0);
  const values = g === null ? [0] : g.sets.map(valueIn);
  if (values.every((v) => v === values[0])) return numberLit(values[0]!, span);
  // why from the last set: each set's value in one chain of conditionals over the hidden set number
  return values.slice(0, -1).reduceRight<Expr>(
    (otherwise, v, s) => ifExpr(binary("==", nameExpr(g!.field, span), numberLit(s, span), span), numberLit(v, span), otherwise, span),
    numberLit(values.at(-1)!, span),
  );
}
