// The emitters: straight-line fused chains tagged with .flow positions, specialised accumulators, generated code that
// passes strict tsc, and a typed factory that rejects a wrongly typed source in the caller's code.
import test from "ava";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const CHAIN = `schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }
source txns: Txn = collection([{ id: "a", account: "x", amount: 5.0, country: "NL", ts: 1 }]) watermark ts delay 1s
sink out = collect()
job j {
  txns
    | map { account, cents: amount * 100.0, country }
    | filter cents > 1000.0
    | extend { big: cents > 100000.0 }
    | to out
}
`;

test("a map → filter → extend chain is one function that allocates only the final record", (t) => {
  const result = compileText(CHAIN);
  t.true(result.ok);
  const chains = result.files.get("chains.ts")!;
  t.is((chains.match(/export function jChain/g) ?? []).length, 1, "one chain function");
  // why up to the next function: the source's read loop follows (source fusion: the same chain, read from an array)
  const start = chains.indexOf("export function jChain");
  const next = chains.indexOf("export function", start + 1);
  const fn = chains.slice(start, next === -1 ? undefined : next);
  // Only the surviving record is allocated (written over the batch slot it came from): no object literal before it.
  const code = fn.split("\n").filter((l) => !l.trim().startsWith("//") && !l.trim().startsWith("*")).join("\n");
  t.is((code.match(/\{ [a-z]+(: [^,}]+)?, /g) ?? []).length, 1, fn);
  t.regex(fn, /const cents = r\.amount \* 100/);
  t.regex(fn, /if \(!\(cents > 1000\)\) continue;/);
  t.regex(fn, /\/\/ main\.flow:7:7 {2}filter cents > 1000\.0/);
  t.regex(fn, /results\[kept\] = \{ account: r\.account, cents, country: r\.country, big \};\n\s+timestamps\[kept\+\+\] = timestamps\[i\]!;/);
  t.regex(fn, /batch\.length = kept;\n\s+if \(kept > 0\) out\.collectBatch\(batch/);
  t.notRegex(fn, /out\.collect\(/, "no call per record");
});

test("a window aggregate becomes an accumulator interface with one field per aggregate, updated in place", (t) => {
  const result = compileText(`schema T { k: string, v: float, ts: timestamp }
source s: T = collection([]) watermark ts delay 0s
sink out = collect()
job j { s | keyBy k | window tumbling(1m) | aggregate { total: sum(v), top: max(v), n: count(), mean: avg(v) } | to out }
`);
  t.true(result.ok);
  const chains = result.files.get("chains.ts")!;
  t.regex(chains, /export interface JAggregate\d+Acc \{\n\s+n: number;\n\s+total: number;\n\s+top: number \| null;\n\s+mean: number;\n\s*\}/);
  t.regex(chains, /acc\.total \+= r\.v;/);
  t.regex(chains, /if \(acc\.top === null \|\| r\.v > acc\.top\) acc\.top = r\.v;/);
  t.notRegex(chains, /evaluate|interpret/);
});

test("--no-fuse runs every operator through the interpreter", (t) => {
  const result = compileText(CHAIN, { fuse: false });
  t.true(result.ok);
  const job = result.files.get("job.ts")!;
  t.regex(job, /interpretMap\(/);
  t.regex(job, /interpretFilter\(/);
  t.regex(job, /interpretExtend\(/);
  t.notRegex(result.files.get("chains.ts")!, /function/);
});

test("generated code passes strict tsc, and a wrongly typed source is a compile error in the caller", (t) => {
  const dir = scratchDir("emit-typecheck");
  try {
    const result = compileText(CHAIN, { outDir: dir });
    const good = `import { j } from "./index.js";\nconst out: { account: string; cents: number; country: string; big: boolean }[] = [];\nvoid j({ sources: { txns: [{ id: "1", account: "a", amount: 1, country: "NL", ts: 0 }] }, sinks: { out: (r) => out.push(r) } });\n`;
    const bad = `import { j } from "./index.js";\nvoid j({ sources: { txns: [{ id: 1, account: "a" }] } });\n`;
    const ok = typeCheck(result, { "caller.ts": good });
    t.deepEqual(ok.diagnostics, []);
    const rejected = typeCheck(result, { "caller.ts": bad });
    t.true(rejected.diagnostics.some((d) => d.includes("caller.ts") && /Type 'number' is not assignable to type 'string'|is missing the following properties/.test(d)), rejected.diagnostics.join("\n"));
    t.false(rejected.diagnostics.some((d) => !d.includes("caller.ts")), "only the caller is wrong");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the fraud example's generated code (windows, late side output, UDF, let) passes strict tsc, fused and interpreted", (t) => {
  for (const fuse of [true, false]) {
    const dir = scratchDir(`emit-fraud-${fuse}`);
    try {
      const udf = "export function riskScore(account: string, total: number): number { return total > 10 ? 1 : 0; }\n";
      const result = compileText(`import { riskScore } from "./risk.ts"
schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 5s
sink alerts = collect()
sink lateTxns = collect()
job fraud {
  parallelism 2
  let valid = txns | filter amount > 0.0 and country != ""
  valid
    | keyBy account
    | window tumbling(1m) allowedLateness 10s lateTo lateTxns
    | aggregate { total: sum(amount), n: count(), biggest: max(amount), end: window.end }
    | filter total > 10_000.0 or riskScore(account, total) > 0.9
    | map { account, total, n, windowEnd: end }
    | to alerts
  valid | keyBy country | window session(5m) | aggregate { n: count(), accounts: distinctCount(account) } | to alerts2
}
sink alerts2 = collect()
`, { outDir: dir, fuse, fileName: join(dir, "main.flow"), files: { [join(dir, "risk.ts")]: udf } });
      t.true(result.ok, JSON.stringify(result.check.diagnostics));
      t.deepEqual(typeCheck(result, { "risk.ts": udf }).diagnostics, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("format: false emits the same code as the formatted files, only laid out as the emitters wrote it", (t) => {
  const formatted = compileText(CHAIN);
  const raw = compileText(CHAIN, { format: false });
  t.true(formatted.ok && raw.ok);
  t.deepEqual([...raw.files.keys()], [...formatted.files.keys()]);
  const tokens = (text: string) => text.replace(/\s+/g, "");
  for (const [name, text] of formatted.files) t.is(tokens(raw.files.get(name)!), tokens(text), name);
  t.notDeepEqual([...raw.files.values()], [...formatted.files.values()], "the layout differs somewhere");
});
