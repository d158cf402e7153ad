// `match` end to end: the language draft's CardTesting (test/compiler/fixtures/dsl-card-testing.flow) compiles and runs, timeouts reach `timeoutsTo` with the inferred record,
// non-keyed patterns run on one subtask, generated code type-checks, and malformed patterns fail at compile time.
import test from "ava";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, EDDY_ROOT } from "../../../compiler/compile.js";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

type Factory = (o: object) => { run(): Promise<{ collected: Record<string, unknown[]> }> };
let loaded = 0;

/** Compiles `source` (as `fileName`, imports read from disk) into a scratch directory of the repository and imports its factory `job`. */
async function load(source: string, job: string, options: { fuse: boolean; fileName?: string }): Promise<Factory> {
  // why: one directory per program — import() caches modules by path
  const outDir = scratchDir(`match-${job}-${loaded++}`);
  const fileName = options.fileName ?? "main.flow";
  const readFile = (p: string) => {
    const path = join(dirname(fileName), p);
    return existsSync(path) ? readFileSync(path, "utf8") : existsSync(p) ? readFileSync(p, "utf8") : undefined;
  };
  const result = compile(source, fileName, { fuse: options.fuse, outDir, host: { readFile } });
  if (!result.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of result.files) writeFileSync(join(outDir, name), text);
  const module = await import(pathToFileURL(join(outDir, "index.ts")).href);
  rmSync(outDir, { recursive: true, force: true });
  return module[job] as Factory;
}

const txn = (id: string, account: string, amount: number, country: string, ts: number) => ({ id, account, amount, country, ts });
const MIN = 60_000;

// acc-1: three probes, a large foreign purchase, no refund → an alert. acc-2: the same, then a refund → nothing.
const CARD_TXNS = [
  txn("t1", "acc-1", 0.5, "NL", 0), txn("t2", "acc-2", 0.1, "DE", 1000), txn("t3", "acc-1", 0.3, "NL", 2000),
  txn("t4", "acc-2", 0.2, "DE", 3000), txn("t5", "acc-1", 0.9, "NL", 4000), txn("t6", "acc-2", 0.3, "DE", 5000),
  txn("t7", "acc-1", 900, "US", MIN), txn("t8", "acc-2", 750, "BR", MIN), txn("t9", "acc-2", -750, "BR", 2 * MIN),
  txn("t10", "acc-3", 10, "NL", 30 * MIN),
];

for (const fuse of [true, false]) {
  const mode = fuse ? "fused" : "--no-fuse";

  test(`the language draft's CardTesting example compiles and runs (${mode})`, async (t) => {
    const file = join(EDDY_ROOT, "test/compiler/fixtures/dsl-card-testing.flow");
    const factory = await load(readFileSync(file, "utf8"), "cardTesting", { fuse, fileName: file });
    const alerts: unknown[] = [];
    await factory({ sources: { txns: CARD_TXNS }, sinks: { alerts: (a: unknown) => alerts.push(a) } }).run();
    t.deepEqual(alerts, [{ account: "acc-1", probes: 3, amount: 900, at: MIN }]);
  });

  test(`timed-out partial matches reach timeoutsTo with one [Event] field per positive stage (${mode})`, async (t) => {
    const source = `${PRELUDE}sink slow = collect()
pattern Login on Txn within 10s {
  begin fail where amount < 0.0 {2} consecutive
  next ok where amount > 0.0
} emit { account: first(fail).account, at: ok.ts }
job j { txns | keyBy account | match Login timeoutsTo slow | to out }
`;
    const factory = await load(source, "j", { fuse });
    const txns = [
      txn("a", "u1", -1, "NL", 1000), txn("b", "u1", -1, "NL", 2000), txn("c", "u1", 5, "NL", 3000), // a match
      txn("d", "u2", -1, "NL", 4000), txn("e", "u2", -1, "NL", 5000), // waits for `ok` until 4000 + 10s
    ];
    const { collected } = await factory({ sources: { txns } }).run();
    t.deepEqual(collected.out, [{ account: "u1", at: 3000 }]);
    // why: the run that started at e (one `fail`) expires too; both keep `ok` as an empty array
    const slow = (collected.slow as { fail: { id: string }[]; ok: unknown[] }[]).map((r) => ({ fail: r.fail.map((x) => x.id), ok: r.ok }));
    t.deepEqual(slow.sort((x, y) => x.fail.length - y.fail.length), [{ fail: ["e"], ok: [] }, { fail: ["d", "e"], ok: [] }]);
  });

  test(`a greedy stage's condition reading an earlier stage does not fail before that stage matched (${mode})`, async (t) => {
    // The library also evaluates s1's conditions to gate s0 (before s0 has an event): `first(s0)` must not crash.
    const source = `${PRELUDE}
pattern G on Txn {
  begin s0 where amount >= 0.0
  next s1 where amount >= 0.0 * greedy until amount > first(s0).amount
} emit { a: first(s0).id, n: count(s1) }
job j { txns | keyBy account | match G | to out }
`;
    const factory = await load(source, "j", { fuse });
    const { collected } = await factory({ sources: { txns: [txn("a", "u", 0, "NL", 1)] } }).run();
    t.deepEqual(collected.out, [{ a: "a", n: 0 }]);
  });

  test(`a match without keyBy runs on one subtask over the whole stream (${mode})`, async (t) => {
    const source = `${PRELUDE}
pattern Rise on Txn {
  begin a where amount > 0.0
  next b where amount > a.amount
} emit { from: a.id, to: b.id }
job j {
  parallelism 3
  txns | match Rise | to out
}
`;
    const compiled = compileText(source, { fuse });
    t.true(compiled.ok);
    const node = compiled.plan!.jobs[0]!.nodes.find((n) => n.kind === "match")!;
    t.deepEqual(node.parallelism, { kind: "fixed", subtasks: 1, reason: "non-parallel" });
    t.true(compiled.check.diagnostics.some((d) => d.code === "FLOW5003"));
    const factory = await load(source, "j", { fuse });
    // Different accounts: only a whole-stream pattern sees b after a.
    const txns = [txn("a", "u1", 1, "NL", 1), txn("b", "u2", 2, "NL", 2), txn("c", "u3", 1, "NL", 3)];
    const { collected } = await factory({ sources: { txns } }).run();
    t.deepEqual(collected.out, [{ from: "a", to: "b" }]);
  });
}

test("generated pattern code type-checks (strict), fused and --no-fuse", (t) => {
  const source = `${PRELUDE}sink slow = collect()
pattern P on Txn within 1h skip toLast(rise) {
  begin start where amount > 0.0
  notFollowedBy refund where amount < 0.0
  followedBy rise where amount > last(start).amount * 2.0 and count(rise) < 4 {2,4} greedy
  next peak where amount > 1000.0 and sum(rise.amount) > 10.0
  followedBy tail where amount > peak.amount ?
} emit { account: start.account, steps: count(rise), top: max(rise.amount), mean: avg(rise.amount), low: min(rise.country), at: (last(tail) ?? peak).ts }
job j { txns | keyBy account | match P timeoutsTo slow | to out }
sink wide = collect()
// the stream carries more fields than the pattern's schema
job k { txns | extend { x: 1 } | keyBy account | match P | to wide }
`;
  for (const fuse of [true, false]) {
    const result = compileText(source, { fuse, outDir: scratchDir(`match-types-${fuse}`) });
    t.true(result.ok, result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
    const { diagnostics, dir } = typeCheck(result);
    t.deepEqual(diagnostics, []);
    rmSync(dir, { recursive: true, force: true });
    if (fuse) {
      const chains = result.files.get("chains.ts")!;
      // straight-line conditions tagged with their .flow position, and the Pattern API chain
      t.regex(chains, /export function pRiseWhere\(event: Txn, ctx: ConditionContext<Txn>\): boolean \{\n {2}if \(ctx\.getEventsForPattern\("start"\)\.length === 0\) return false;[^\n]*\n {2}\/\/ main\.flow:8:25\n/);
      t.regex(chains, /Pattern\.begin<Txn>\("start", AfterMatchSkipStrategy\.skipToLast\("rise"\)\)/);
      t.regex(chains, /\.times\(2, 4\)\n\s+\.greedy\(\)/);
      t.regex(chains, /\.within\(3600000\)/);
    }
  }
});

// ───────────── malformed patterns: diagnostics at compile time, never a failure at run time ─────────────

test("a pattern ending in notFollowedBy without within is FLOW4020 at compile time", (t) => {
  reports(t, `${PRELUDE}pattern P on Txn {\n  begin a where amount > 1.0\n  ⟦notFollowedBy c where amount < 0.0⟧\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`, "FLOW4020");
  const result = compileText(`${PRELUDE}pattern P on Txn {\n  begin a where amount > 1.0\n  notFollowedBy c where amount < 0.0\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`);
  t.false(result.ok);
  t.is(result.files.size, 0, "nothing is generated");
});

test("what only the library rejects is FLOW4029, at the call that the library refused", (t) => {
  // until() needs oneOrMore/timesOrMore (Flink), not times(n, m)
  const d1 = reports(t, `${PRELUDE}pattern P on Txn {\n  begin a where amount > 1.0 {2,3} ⟦until amount < 0.0⟧\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`, "FLOW4029");
  t.regex(d1?.message ?? "", /until\(\) applies only to looping stages/);
  // a NOT stage right after an optional stage
  reports(t, `${PRELUDE}pattern P on Txn within 1m {\n  begin a where amount > 1.0\n  next b where amount > 2.0 ?\n  ⟦notNext c where amount < 0.0⟧\n  next d where amount > 3.0\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`, "FLOW4029");
  // an optional stage right after a greedy one
  reports(t, `${PRELUDE}pattern P on Txn {\n  begin a where amount > 1.0 + greedy\n  next b where amount > 2.0 ⟦?⟧\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`, "FLOW4029");
});

test("a pattern with structural errors is not also reported by the library", (t) => {
  const result = checkText(`${PRELUDE}pattern P on Txn {\n  begin a where amount > 1.0\n  notFollowedBy c where amount < 0.0\n} emit { n: count(a) }\njob j { txns | keyBy account | match P | to out }\n`);
  t.deepEqual(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code), ["FLOW4020"]);
});
