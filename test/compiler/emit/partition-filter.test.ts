// The pruning condition of a partitioned file source as job.ts passes it to FileSource (`partitionFilter`): generated
// code over the partition columns when fused, the interpreter's filter with --no-fuse — both passing strict tsc, with
// partition columns of several types and nullability.
import test from "ava";
import { rmSync } from "node:fs";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const PROGRAM = `schema Ev { x: int, name: string, dt: string?, hr: int, day: timestamp }
source ev: Ev = file("data/", "jsonl", partitionBy: ["dt", "hr", "day"])
sink out = collect()
job j {
  ev
    | filter dt == "2026-01-01" and x > 5 and hr in [1, 2] and day != null
    | map { name, x }
    | to out
}
`;

for (const fuse of [true, false]) {
  test(`${fuse ? "fused" : "--no-fuse"}: the source gets the partition conjuncts as its partitionFilter, in code that passes strict tsc`, (t) => {
    const dir = scratchDir(`partition-filter-${fuse}`);
    try {
      const result = compileText(PROGRAM, { outDir: dir, fuse });
      t.true(result.ok);
      const job = result.files.get("job.ts")!;
      const option = /partitionFilter: [^\n]*?, type: /.exec(job)?.[0] ?? "";
      if (fuse) {
        t.regex(option, /eq\(p\.dt, "2026-01-01"\)/);
        t.regex(option, /p\.hr/);
        t.notRegex(option, /p\.x\b/, "a row field is not read from the partition");
      } else {
        t.regex(option, /partitionFilter: interpretFilter\(IR\d+, \{\}\)/);
      }
      t.deepEqual(typeCheck(result).diagnostics, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
