// When an imported TypeScript function throws inside a job, the failure names the `.flow` call site, the function and
// the record — fused and --no-fuse — and the call-site wrappers type-check.
import test from "ava";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const UDF = `export function risk(account: string, amount: number): number {
  if (amount > 100) throw new Error(\`amount \${amount} is too large\`);
  return amount * 2;
}
`;
const PROGRAM = `import { risk } from "./risk.ts"
schema Txn { account: string, amount: float, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 0s
sink out = collect()
// risk(…) below is called at line 8, column 29
job j {
  txns
    | map { account, score: risk(account, amount) }
    | to out
}
`;

// The same call fused into a tumbling-window aggregate (no shuffle under a `parallelism 1` hint): the generated
// aggregate operator.
const IN_AGGREGATE = PROGRAM.replace("  txns\n", "  txns | parallelism 1\n").replace("| map { account, score: risk(account, amount) }\n    | to out", "| filter risk(account, amount) > 0.0\n    | keyBy account | window tumbling(10s) | aggregate { total: sum(amount) }\n    | to out");

let runs = 0;
async function failureOf(fuse: boolean, records: object[], program = PROGRAM): Promise<string> {
  const dir = scratchDir(`udf-failure-${runs++}`);
  mkdirSync(dir, { recursive: true });
  try {
    const result = compileText(program, { outDir: join(dir, ".eddy"), fuse, fileName: join(dir, "main.flow"), files: { [join(dir, "risk.ts")]: UDF } });
    if (!result.ok) throw new Error(JSON.stringify(result.check.diagnostics));
    writeFileSync(join(dir, "risk.ts"), UDF);
    const file = join(dir, "job.mjs");
    writeFileSync(file, await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }));
    const module = await import(pathToFileURL(file).href);
    try {
      await module.j({ sources: { txns: records } }).run();
      return "no failure";
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RECORDS = [{ account: "a", amount: 5, ts: 1 }, { account: "b", amount: 500, ts: 2 }];

for (const fuse of [true, false]) {
  test(`a throwing UDF names main.flow:8:29, the function and the record (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const message = await failureOf(fuse, RECORDS);
    t.regex(message, /`risk` called at main\.flow:8:29 threw: amount 500 is too large/);
    t.regex(message, /record: \{"account":"b","amount":500,"ts":2\}/);
  });
}

test("a throwing UDF fused into a window aggregate names the call site, the operator and the record", async (t) => {
  t.not(IN_AGGREGATE, PROGRAM);
  const message = await failureOf(true, RECORDS, IN_AGGREGATE);
  t.regex(message, /`risk` called at main\.flow:8:14 threw: amount 500 is too large \(job 'j', operator 'window-aggregate#\d+'/);
  t.regex(message, /record: \{"account":"b","amount":500,"ts":2\}/);
});

test("records that do not make the UDF throw pass through (no failure)", async (t) => {
  t.is(await failureOf(true, [{ account: "a", amount: 5, ts: 1 }]), "no failure");
});

test("the call-site wrappers and the aggregate's record catch pass strict tsc", (t) => {
  const dir = scratchDir("udf-failure-tsc");
  try {
    const result = compileText(IN_AGGREGATE, { outDir: dir, fileName: join(dir, "main.flow"), files: { [join(dir, "risk.ts")]: UDF } });
    t.true(result.ok);
    t.regex(result.files.get("chains.ts") ?? "", /function riskAt8_14\(a0: Parameters<typeof risk>\[0\], a1: Parameters<typeof risk>\[1\]\)/);
    t.deepEqual(typeCheck(result, { "risk.ts": UDF }).diagnostics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
