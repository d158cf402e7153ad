// `range(n)` is [0, 1, …, n − 1] (empty for n ≤ 0), and `flatMap range(n) as i` makes n copies of a record — the same
// fused and `--no-fuse`, with a constant argument too (which constant folding may evaluate at compile time).
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema R { id: int, n: int }
source rs: R = collection([{ id: 1, n: 3 }, { id: 2, n: 0 }, { id: 3, n: -2 }, { id: 4, n: 1 }])
sink copies = collect()
sink constant = collect()
job j {
  rs | flatMap range(n) as i | map { id, i } | to copies
  rs | filter id == 1 | map { id, xs: range(2) } | to constant
}
`;

for (const fuse of [true, false]) {
  test(`flatMap range(n) makes n copies; none for n ≤ 0 (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const { collected } = await runCompiled(await compileQuery(SOURCE, "range.flow", "j", { fuse }), { checkpointing: null });
    t.deepEqual(collected["copies"], [{ id: 1, i: 0 }, { id: 1, i: 1 }, { id: 1, i: 2 }, { id: 4, i: 0 }]);
    t.deepEqual(collected["constant"], [{ id: 1, xs: [0, 1] }]);
  });
}
