// Fuzzing past `check`: random valid programs (stateless chains, keys, every window assigner and trigger, aggregate,
// reduce, top, running aggregates) go through lowering, optimisation and emit without throwing, fused and --no-fuse,
// and the emitted TypeScript passes strict tsc (all programs in one tsc run, to keep the test time down).
import test from "ava";
import fc from "fast-check";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { compileText, scratchDir, strictDiagnostics } from "../helpers/compile.js";

const RUNS = Number(process.env.EDDY_BACKEND_FUZZ_RUNS ?? 30);

const HEADER = `schema R { k: string, a: int, b: float, s: string, tags: [string], ts: timestamp }
source rs: R = collection([]) watermark ts delay 1s
sink out = collect()
`;

type Ty = "int" | "float" | "string" | "bool";

/** A typed expression over the fields of R (and the extra int fields `extra`), as .flow text. */
function expr(type: Ty, depth: number, extra: readonly string[]): fc.Arbitrary<string> {
  const ints = ["a", ...extra];
  const leaf: Record<Ty, fc.Arbitrary<string>> = {
    int: fc.oneof(fc.constantFrom(...ints), fc.integer({ min: -5, max: 50 }).map((n) => (n < 0 ? `(${n})` : String(n)))),
    float: fc.oneof(fc.constant("b"), fc.constantFrom("0.5", "2.25", "10.0")),
    string: fc.oneof(fc.constantFrom("k", "s"), fc.constantFrom(`"x"`, `"ab"`)),
    bool: fc.constantFrom("true", "false"),
  };
  if (depth <= 0) return leaf[type];
  const sub = (t: Ty) => expr(t, depth - 1, extra);
  const composite: Record<Ty, fc.Arbitrary<string>[]> = {
    int: [
      fc.tuple(sub("int"), fc.constantFrom("+", "-", "*", "%"), sub("int")).map(([l, op, r]) => (op === "%" ? `(${l} % 7)` : `(${l} ${op} ${r})`)),
      sub("string").map((x) => `len(${x})`),
      fc.tuple(sub("bool"), sub("int"), sub("int")).map(([c, t, e]) => `(if ${c} then ${t} else ${e})`),
      fc.tuple(sub("int"), sub("int")).map(([x, y]) => `max(${x}, ${y})`),
    ],
    float: [
      fc.tuple(sub("float"), fc.constantFrom("+", "-", "*"), sub("float")).map(([l, op, r]) => `(${l} ${op} ${r})`),
      sub("int").map((x) => `toFloat(toString(${x})) ?? 0.0`),
    ],
    string: [
      fc.tuple(sub("string"), sub("string")).map(([x, y]) => `concat(${x}, ${y})`),
      sub("string").map((x) => `upper(${x})`),
      sub("int").map((x) => `toString(${x})`),
    ],
    bool: [
      fc.tuple(sub("int"), fc.constantFrom("<", "<=", ">", ">=", "==", "!="), sub("int")).map(([l, op, r]) => `${l} ${op} ${r}`),
      fc.tuple(sub("string"), sub("string")).map(([x, y]) => `${x} == ${y}`),
      fc.tuple(sub("bool"), fc.constantFrom("and", "or"), sub("bool")).map(([l, op, r]) => `(${l} ${op} ${r})`),
      sub("bool").map((x) => `not (${x})`),
    ],
  };
  return fc.oneof({ weight: 1, arbitrary: leaf[type] }, { weight: 2, arbitrary: fc.oneof(...composite[type]) });
}

/** Stateless steps that keep R's fields and may add int fields e1, e2…; returns the steps and the added names. */
const statelessRun: fc.Arbitrary<{ steps: string[]; extra: string[] }> = fc.array(fc.constantFrom("filter", "extend", "flatMap"), { maxLength: 3 }).chain((kinds) => {
  const extra: string[] = [];
  const steps = kinds.map((kind, i) => {
    const known = [...extra];
    if (kind === "filter") return expr("bool", 2, known).map((c) => `filter ${c}`);
    if (kind === "flatMap") return fc.constant(`flatMap tags as tag${i}`);
    const name = `e${i}`;
    extra.push(name);
    return expr("int", 2, known).map((v) => `extend { ${name}: ${v} }`);
  });
  return fc.tuple(...steps).map((s) => ({ steps: s, extra }));
});

const WINDOWS = [
  "tumbling(10s)", "tumbling(1m) allowedLateness 5s", "sliding(1m, 10s)", "cumulate(1m, 20s)", "session(30s)", "count(3)", "tumbling(10s) processing",
  "global trigger count(2) purge", "global trigger every 10s", "tumbling(1m) trigger early count(2) late count(1) allowedLateness 10s",
  "session(1m) trigger early every 10s purge", "tumbling(1m) trigger every 20s",
];

const stateful: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant([] as string[]),
  fc.tuple(fc.constantFrom(...WINDOWS), fc.constantFrom("aggregate", "reduce", "top")).map(([w, op]) => [
    "keyBy k",
    `window ${w}`,
    op === "aggregate" ? "aggregate { n: count(), total: sum(a), hi: max(b), first: first(s), end: window.end }"
      : op === "reduce" ? "reduce (x, y) => if x.a >= y.a then x else y"
      : "top 2 by b desc, a",
  ]),
  fc.constant(["keyBy k", "aggregate { n: count(), total: sum(a) }"] as string[]),
);

const program: fc.Arbitrary<string> = fc.tuple(statelessRun, stateful, fc.boolean()).map(([pre, agg, post]) => {
  const ops = [...pre.steps, ...agg];
  if (post && agg.length > 0) ops.push(`filter ${agg.includes("reduce (x, y) => if x.a >= y.a then x else y") || agg.some((o) => o.startsWith("top")) ? "a > 0" : "k != \"\""}`);
  return `${HEADER}job fuzz {\n  rs${ops.map((o) => `\n    | ${o}`).join("")}\n    | to out\n}\n`;
});

test(`${RUNS} random valid programs lower and emit, fused and --no-fuse, and the output passes strict tsc`, (t) => {
  const base = scratchDir("backend-fuzz");
  const roots: string[] = [];
  let n = 0;
  try {
    fc.assert(
      fc.property(program, (source) => {
        for (const fuse of [true, false]) {
          const outDir = join(base, `p${n++}`);
          const result = compileText(source, { fuse, outDir });
          if (!result.ok) throw new Error(`a generated program does not check:\n${source}\n${result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
          if (result.check.diagnostics.some((d) => d.code === "FLOW9999")) throw new Error(`internal error:\n${source}`);
          mkdirSync(outDir, { recursive: true });
          for (const [name, text] of result.files) {
            writeFileSync(join(outDir, name), text);
            roots.push(join(outDir, name));
          }
        }
      }),
      { numRuns: RUNS },
    );
    t.deepEqual(strictDiagnostics(roots), []);
    t.true(roots.length >= RUNS * 2 * 4, "every program emitted its files");
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
