// The code `predict` generates type-checks strictly (as in a user's project), with vector conversions only where the
// model reads or adds vectors, and the same code with --no-fuse.
import test from "ava";
import { rmSync } from "node:fs";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const metadata = (className: string, paramMap: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, className, timestamp: 0, paramMap });
const FILES = {
  "m/metadata": metadata("PipelineModel", {}, { numStages: 3 }),
  "m/stages/0/metadata": metadata("StringIndexerModel", { inputCols: ["country"], outputCols: ["countryIndex"] }),
  "m/stages/1/metadata": metadata("StandardScalerModel", { inputCol: "features", outputCol: "scaled" }),
  "m/stages/2/metadata": metadata("IndexToStringModel", { inputCols: ["countryIndex"], outputCols: ["again"] }),
};
const SOURCE = `schema In { id: int, country: string, features: [float], ts: timestamp }
source xs: In = collection([]) watermark ts delay 0s
sink out = collect()
job j { xs | predict model("m") | filter again != "" | to out }
`;

for (const fuse of [true, false]) {
  test(`generated predict code type-checks strictly (${fuse ? "fused" : "--no-fuse"})`, (t) => {
    const outDir = scratchDir(`predict-code-${fuse}`);
    const result = compileText(SOURCE, { files: FILES, fuse, outDir });
    t.true(result.ok);
    const job = result.files.get("job.ts")!;
    t.regex(job, /import \{ DenseVector, PipelineModelServable \} from "eddy\/ml";/);
    t.regex(job, /features: new DenseVector\(Float64Array\.from\(r\.features\)\)/, "the vector the model reads is converted on the way in");
    t.regex(job, /scaled: vectorToArray\(s\["scaled"\]\)/, "the vector it adds is converted on the way out");
    t.regex(job, /countryIndex: s\["countryIndex"\] as number/);
    t.regex(job, /again: s\["again"\] as string/);
    t.notRegex(job, /country: new DenseVector/, "a string column is passed as it is");
    const { diagnostics } = typeCheck(result);
    t.deepEqual(diagnostics, []);
    rmSync(outDir, { recursive: true, force: true });
  });
}

test("a model that reads no vector passes the record to it as it is", (t) => {
  const files = { "t/metadata": metadata("Tokenizer", { inputCol: "text", outputCol: "words" }) };
  const source = `schema In { text: string, ts: timestamp }\nsource xs: In = collection([]) watermark ts delay 0s\nsink out = collect()\njob j { xs | predict model("t") | to out }\n`;
  const result = compileText(source, { files, outDir: scratchDir("predict-code-plain") });
  t.regex(result.files.get("job.ts")!, /toRow: \(r: In\) => r as unknown as Record<string, unknown>/);
  t.notRegex(result.files.get("job.ts")!, /DenseVector/);
});
