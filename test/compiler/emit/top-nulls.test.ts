// `top n by e` with a nullable `e`: NULL ranks first ascending and last descending (Flink's default null ordering),
// two NULLs tie (arrival order decides), in a window and running — fused and `--no-fuse`, hand-computed.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema R { id: int, k: int, v: int?, ts: timestamp }
source rs: R = collection([
  { id: 1, k: 0, v: 5, ts: 1 }, { id: 2, k: 0, v: null, ts: 2 }, { id: 3, k: 0, v: 1, ts: 3 },
  { id: 4, k: 0, v: null, ts: 4 }, { id: 5, k: 0, v: 9, ts: 5 }
]) watermark ts delay 0s
sink lowest = collect()
sink highest = collect()
sink running = collect()
job j {
  rs | keyBy k | window tumbling(1s) | top 3 by v | map { id } | to lowest
  rs | keyBy k | window tumbling(1s) | top 3 by v desc | map { id } | to highest
  rs | keyBy k | top 2 by v | map { rank, id } | to running
}
`;

for (const fuse of [true, false]) {
  test(`NULL ranks first ascending, last descending; NULLs tie in arrival order (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const { collected } = await runCompiled(await compileQuery(SOURCE, "top-nulls.flow", "j", { fuse }), { checkpointing: null });
    t.deepEqual(collected["lowest"], [{ id: 2 }, { id: 4 }, { id: 3 }]);
    t.deepEqual(collected["highest"], [{ id: 5 }, { id: 1 }, { id: 3 }]);
    // the last row per rank: 1 → id 2 (the first NULL), 2 → id 4 (the second, after the first)
    const last = new Map<unknown, unknown>();
    for (const r of collected["running"] as { rank: number; id: number }[]) last.set(r.rank, r.id);
    t.deepEqual([...last].sort(), [[1, 2], [2, 4]]);
  });
}
