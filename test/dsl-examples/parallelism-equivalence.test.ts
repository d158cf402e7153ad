// Same answers under every knob, for the runnable dsl-examples and the flagship: the same multiset of records at
// parallelism 1, 2 and 3, fused and --no-fuse, through the typed factory's `parallelism` option, through `eddy run -p`
// and through a compiled bundle's `--parallelism`. A plan decided from the file's `parallelism` instead of the one the
// job runs with (a dropped keyBy shuffle, a non-keyed window run three times) shows up here as a wrong multiset.
// (Nexmark queries: parallelism-equivalence.nexmark.test.ts; random programs: parallelism-equivalence.property.test.ts.
// why three files: AVA runs a file's tests concurrently, and one file held every example's jobs at once.)
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { writeBundle } from "../../compiler/bundle/write-bundle.js";
import { compile, EDDY_ROOT } from "../../compiler/compile.js";
import { riskScore } from "../../dsl-examples/fraud/udf/risk.js";
import { filePaths, loadFactories, runLikeTheCli } from "./factories.js";
import { canonicalOutput, listExamples } from "./golden.js";

const PARALLELISMS = [1, 2, 3] as const;
const FUSIONS = [true, false] as const;

for (const example of listExamples().filter((e) => e.run)) {
  const expected = readFileSync(join(example.expectedDir, "output.txt"), "utf8");

  test(`${example.name}: the committed output at parallelism 1, 2 and 3, fused and --no-fuse (typed factory)`, async (t) => {
    const source = readFileSync(example.file, "utf8");
    for (const fuse of FUSIONS) {
      const { jobs, result } = await loadFactories(source, example.file, fuse);
      for (const p of PARALLELISMS) {
        t.is(await runLikeTheCli(jobs, result, p, filePaths(result, dirname(example.file))), expected, `parallelism ${p}, ${fuse ? "fused" : "--no-fuse"}`);
      }
    }
  });

  test(`${example.name}: the committed output under \`eddy run -p 3\``, (t) => {
    const run = spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), "run", "--no-progress", "-p", "3", example.file], { cwd: dirname(example.file), encoding: "utf8", timeout: 120_000 });
    t.is(run.status, 0, run.stderr);
    t.is(canonicalOutput(run.stdout, run.stderr.split("\n").filter((l) => l.startsWith("dead letter"))), expected);
  });

  test(`${example.name}: the committed output from its compiled bundle run with --parallelism 2`, async (t) => {
    const result = compile(readFileSync(example.file, "utf8"), example.file, { fuse: true });
    t.true(result.ok);
    const out = mkdtempSync(join(tmpdir(), "eddy-equivalence-bundle-"));
    try {
      await writeBundle(result, out, "0.0.0");
      // Run from the example's directory: the bundle resolves its relative file paths there.
      const run = spawnSync(process.execPath, [join(out, "index.js"), "--parallelism", "2", "--no-progress"], { cwd: dirname(example.file), encoding: "utf8", timeout: 120_000 });
      t.is(run.status, 0, run.stderr);
      t.is(canonicalOutput(run.stdout, run.stderr.split("\n").filter((l) => l.startsWith("dead letter"))), expected);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}

interface Txn { id: string; account: string; amount: number; country: string; ts: number }
interface Alert { account: string; total: number; n: number; windowEnd: number }

test("the flagship finds the alerts a brute-force oracle finds, at every parallelism, fused and --no-fuse", async (t) => {
  // 30 accounts over 6 minutes of event time; some invalid amounts and countries; in timestamp order. Whole amounts:
  // a parallel source interleaves one account's records differently, and float sums depend on the order.
  const txns: Txn[] = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 6_000; i++) {
    const account = `acct-${Math.floor(rand() * 30)}`;
    txns.push({ id: `t${i}`, account, amount: rand() < 0.05 ? -1 : Math.round(rand() * 800), country: rand() < 0.05 ? "" : "NL", ts: i * 60 });
  }
  const windows = new Map<string, { account: string; total: number; n: number; end: number }>();
  for (const x of txns) {
    if (!(x.amount > 0 && x.country !== "")) continue;
    const end = Math.floor(x.ts / 60_000) * 60_000 + 60_000;
    const id = `${x.account}@${end}`;
    const w = windows.get(id) ?? { account: x.account, total: 0, n: 0, end };
    w.total += x.amount;
    w.n++;
    windows.set(id, w);
  }
  const oracle = [...windows.values()].filter((w) => w.total > 10_000 || riskScore(w.account, w.total) > 0.9)
    .map((w) => JSON.stringify({ account: w.account, total: w.total, n: w.n, windowEnd: w.end })).sort();
  t.true(oracle.length > 10, "the data must produce alerts for the comparison to mean anything");

  const file = join(EDDY_ROOT, "dsl-examples", "fraud", "flagship.flow");
  for (const fuse of FUSIONS) {
    const { jobs } = await loadFactories(readFileSync(file, "utf8"), file, fuse);
    for (const p of PARALLELISMS) {
      const alerts: Alert[] = [];
      await jobs.flagship!({ parallelism: p, sources: { txns }, sinks: { alerts: (a: Alert) => void alerts.push(a) } }).run();
      t.deepEqual(alerts.map((a) => JSON.stringify(a)).sort(), oracle, `parallelism ${p}, ${fuse ? "fused" : "--no-fuse"}`);
    }
  }
});
