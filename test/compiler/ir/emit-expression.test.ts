// Emission from IR: parentheses come from precedence (only where JavaScript needs them, never where `.flow` dropped
// them), and operators are the ones the IR resolved (=== vs eq(), numeric + vs concatenation, `?.` on nullable rows).
import test from "ava";
import { BARE_SCOPE, js, run, lowered, RECORD_SCOPE } from "./helpers.js";
import { emitIrArrowBody, emitIrExpr } from "../../../compiler/emit/emit-expression.js";

const cases: readonly (readonly [string, string])[] = [
  // associativity: the right operand of a left-associative operator keeps its parentheses
  ["a - (b - c)", "a - (b - c)"],
  ["(a - b) - c", "a - b - c"],
  ["a / (b * c)", "a / (b * c)"],
  ["(a + b) * c", "(a + b) * c"],
  ["a + b * c", "a + b * c"],
  // unary minus: never `--x` (a decrement)
  ["-(-x)", "-(-x)"],
  ["-(-3)", "-(-3)"],
  ["-(a + b)", "-(a + b)"],
  ["-a * b", "-a * b"],
  ["a - -b", "a - -b"],
  ["not (p and r)", "!(p && r)"],
  // `??` binds tighter than comparisons in .flow but looser in JavaScript, and JavaScript forbids mixing it with || / &&
  ["n ?? 0 > 5", "(n ?? 0) > 5"],
  ["n ?? a + 1", "n ?? a + 1"],
  ["q ?? false or p", "(q ?? false) || p"],
  ["p and q ?? true", "p && (q ?? true)"],
  ["n ?? m ?? 0", "n ?? m ?? 0"],
  // no `?? null` before another `??`: tsc rejects `xs[0] ?? null ?? 1` as always nullish
  ["(xs[0] ?? 1) * 2", "(xs[0] ?? 1) * 2"],
  ["xs[0]", "xs[0] ?? null"],
  // logic
  ["p and r or q ?? false", "p && r || (q ?? false)"],
  ["p and (r or p)", "p && (r || p)"],
  ["(p or r) and p", "(p || r) && p"],
  // string concatenation vs numeric addition
  ["s + t + u", "s + t + u"],
  ["s + (t + u)", "s + (t + u)"],
  ["len(s + t)", "(s + t).length"],
  ["toString(a + b) + s", "show(a + b) + s"],
  ["concat(s, t + u)", "s + (t + u)"],
  // equality by type: primitives ===, nullable values and records through eq(), null literals as `== null`
  ["a == b", "a === b"],
  ["a != b", "a !== b"],
  ["n == m", "eq(n, m)"],
  ["n != a", "!eq(n, a)"],
  ["n == null", "n == null"],
  ["null != n", "n != null"],
  ["row == other", "eq(row, other)"],
  ["a in [1, 2]", "[1, 2].includes(a)"],
  ["row in [other]", "includes([other], row)"],
  // conditionals
  ["if p then a else b + 1", "p ? a : b + 1"],
  ["(if p then a else b) + 1", "(p ? a : b) + 1"],
  ["if (if p then r else p) then a else b", "(p ? r : p) ? a : b"],
  // calls and members
  ["abs(-3)", "Math.abs(-3)"],
  ["lower(s + t)", "(s + t).toLowerCase()"],
  ["min(s, t)", "minOf(s, t)"],
  ["min(a, b)", "Math.min(a, b)"],
  ["toInt(f)", "Math.trunc(f) + 0"],
  ["toInt(s)", "parseIntOrNull(s)"],
  ["row.id + 1", "row.id + 1"],
  ["{ k: a + 1, l: [a, b] }.k", "{ k: a + 1, l: [a, b] }.k"],
];

for (const [source, expected] of cases) {
  test(`${source} emits ${expected}`, (t) => {
    t.is(js(source), expected);
  });
}

// The emitted text is also what it means: each case evaluates as the .flow expression reads.
test("emitted code computes the .flow meaning (hand-computed values)", (t) => {
  const record = { a: 10, b: 4, c: 3, x: 2, f: 2.7, s: "ab", t: "cd", u: "ef", n: null, m: 7, q: null, p: true, r: false, xs: [5], row: { id: 1 }, other: { id: 1 } };
  const value = (source: string) => run(emitIrExpr(lowered(source), RECORD_SCOPE), record);
  t.is(value("a - (b - c)"), 9);
  t.is(value("(a - b) - c"), 3);
  t.is(value("-(-x)"), 2);
  t.is(value("n ?? 0 > 5"), false);
  t.is(value("m ?? 0 > 5"), true);
  t.is(value("q ?? true or r"), true);
  t.is(value("s + (t + u)"), "abcdef");
  t.is(value("toString(a + b) + s"), "14ab");
  t.is(value("row == other"), true);
  t.is(value("n == null"), true);
  t.is(value("n == m"), false);
  t.is(value("(xs[3] ?? 1) * 2"), 2);
  t.is(value("toInt(f)"), 2);
});

// Found while checking reduce: `reduce (a, b) => { k: a.k, n: a.n + b.n }` generated `(a, b) => { k: … }`, a block.
test("an object literal as an arrow body is parenthesised; other bodies are not", (t) => {
  t.is(emitIrArrowBody(lowered("{ k: s, n: a + b }"), BARE_SCOPE), "({ k: s, n: a + b })");
  t.is(emitIrArrowBody(lowered("if p then row else other"), BARE_SCOPE), "p ? row : other");
});
