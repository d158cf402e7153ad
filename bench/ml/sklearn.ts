// Runs one of the scikit-learn baselines (bench/ml/sklearn_*.py) single-threaded on points written to a temporary file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The interpreter with numpy and scikit-learn: EDDY_PYTHON, else the first python3 on the PATH. */
const PYTHON = process.env["EDDY_PYTHON"] ?? "python3";

/** Writes each array to a file, runs `script` with their paths then `args`, and parses its last line as JSON. */
export function runSklearn<R>(script: string, arrays: readonly Float64Array[], args: readonly (string | number)[]): R | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), "eddy-ml-bench-"));
  try {
    const files = arrays.map((a, i) => {
      const file = join(dir, `array${i}.f64`);
      writeFileSync(file, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      return file;
    });
    const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
    const run = spawnSync(PYTHON, [path, ...files, ...args.map(String)], {
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) return { error: run.stderr.slice(-400) };
    return JSON.parse(run.stdout.trim().split("\n").pop()!) as R;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
