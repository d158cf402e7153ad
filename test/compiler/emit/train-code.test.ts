// The code `train` and `predict latest` generate, fused and --no-fuse: the estimator built with the checked settings,
// features assembled into a DenseVector, versions back into arrays. (The strict type check of this code is in the
// integration suite, test/integration/compiler/train-code.test.ts: it costs seconds of tsc.)
import test from "ava";
import { compileText } from "../helpers/compile.js";
import { TRAIN_PROGRAM as SOURCE } from "../helpers/train-program.js";

for (const fuse of [true, false]) {
  test(`generated train and predict latest code (${fuse ? "fused" : "--no-fuse"})`, (t) => {
    const result = compileText(SOURCE, { fuse });
    t.true(result.ok);
    const job = result.files.get("job.ts")!;
    t.regex(job, /new OnlineLogisticRegression\(\)\.setGlobalBatchSize\(10\)\.setAlpha\(0\.1\)\.setBeta\(0\.1\)\.setReg\(0\.1\)\.setElasticNet\(0\.5\)\.setWeightCol\("weight"\)/);
    t.regex(job, /features: new DenseVector\(Float64Array\.of\(r\.a, r\.b\)\), label: r\.clicked, weight: r\.w/, "the listed fields, in order");
    t.regex(job, /new OnlineKMeans\(\)\.setK\(2\)\.setGlobalBatchSize\(32\)\.setDecayFactor\(0\.9\)/);
    t.regex(job, /features: new DenseVector\(Float64Array\.from\(r\.xy\)\)/, "a vector field is copied");
    t.regex(job, /rawPrediction: vectorToArray\(s\["rawPrediction"\]\)/);
  });
}
