// `top` as docs/language.md describes it: best first (ascending unless `desc`), later keys break ties, full ties keep
// arrival order; windowed rows are the input records, running rows carry the rank they moved to, in rank order.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema Bid { auction: int, bidder: int, price: int, ts: timestamp }
source bids: Bid = collection([
  { auction: 1, bidder: 1, price: 5, ts: 1 },
  { auction: 1, bidder: 2, price: 9, ts: 2 },
  { auction: 1, bidder: 3, price: 5, ts: 3 },
  { auction: 1, bidder: 4, price: 7, ts: 4 },
  { auction: 1, bidder: 5, price: 9, ts: 5 },
  { auction: 1, bidder: 6, price: 7, ts: 0 },
]) watermark ts delay 0s
sink windowed = collect()
sink tieBroken = collect()
sink running = collect()
job j {
  bids | keyBy auction | window tumbling(1m) | top 3 by price desc | to windowed
  bids | keyBy auction | window tumbling(1m) | top 3 by price desc, ts desc | to tieBroken
  bids | keyBy auction | top 2 by price | to running
}
`;

const bidders = (rows: readonly unknown[]) => rows.map((r) => (r as { bidder: number }).bidder);

for (const fuse of [true, false]) {
  test(`top orders best first, breaks ties by the later keys, then by arrival (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const query = await compileQuery(SOURCE, "top.flow", "j", { fuse });
    const { collected } = await runCompiled(query, { checkpointing: null });
    // price desc: the two 9s in arrival order (bidders 2, 5), then the first 7 to arrive (bidder 4, not 6)
    t.deepEqual(bidders(collected["windowed"]!), [2, 5, 4]);
    t.false("rank" in (collected["windowed"]![0] as object), "windowed rows are the input records");
    // ts desc breaks the ties: the later 9 first; bidder 6's 7 arrived last but carries the earlier ts
    t.deepEqual(bidders(collected["tieBroken"]!), [5, 2, 4]);
    // running, ascending: 1 → rank 1; 2 → rank 2; 3 ties with 1 and ranks after it (pushes 2 out);
    // 4 and 5 do not enter; 6 (7) does not enter either (5, 5 are smaller)
    t.deepEqual(
      collected["running"]!.map((r) => [(r as { bidder: number }).bidder, (r as { rank: number }).rank]),
      [[1, 1], [2, 2], [3, 2]],
    );
  });
}

// the schema and source of SOURCE, over three bids
const NAMED = `${SOURCE.slice(0, SOURCE.indexOf("source bids"))}source bids: Bid = collection([{ auction: 1, bidder: 1, price: 5, ts: 1 }, { auction: 2, bidder: 2, price: 9, ts: 2 }, { auction: 1, bidder: 3, price: 8, ts: 3 }]) watermark ts delay 0s
sink named = collect()
sink counted = collect()
job j {
  bids | keyBy auction | top 2 by price desc as position | to named
  // the named rank is part of the update key: the running aggregate after it takes replaced rows back
  bids | keyBy auction | top 2 by price desc as position | changelog | keyBy position | aggregate { n: count() } | to counted
}
`;

for (const fuse of [true, false]) {
  test(`a running top's \`as name\` writes the rank into that field instead of \`rank\` (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const query = await compileQuery(NAMED, "top-named.flow", "j", { fuse });
    const { collected } = await runCompiled(query, { checkpointing: null });
    // auction 1: bidder 1 at 1; bidder 3 (8) enters at 1, pushing bidder 1 to 2. auction 2: bidder 2 at 1
    t.deepEqual(collected["named"], [
      { auction: 1, bidder: 1, price: 5, ts: 1, position: 1 },
      { auction: 2, bidder: 2, price: 9, ts: 2, position: 1 },
      { auction: 1, bidder: 3, price: 8, ts: 3, position: 1 },
      { auction: 1, bidder: 1, price: 5, ts: 1, position: 2 },
    ]);
    // the last count per position: two rows rank first (auctions 1 and 2), one second
    const last = new Map((collected["counted"] as { position: number; n: number }[]).map((r) => [r.position, r.n]));
    t.deepEqual([...last].sort(), [[1, 2], [2, 1]]);
  });
}

test("`as name` on a windowed top is FLOW4044 at the name: a windowed top adds no rank", async (t) => {
  const { compile } = await import("../../../compiler/compile.js");
  const result = compile(`${NAMED.split("job j")[0]}job j {\n  bids | keyBy auction | window tumbling(1m) | top 2 by price as position | to named\n}\n`, "w.flow", { fuse: true });
  const found = result.check.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, result.check.sources.get("w.flow")!.slice(d.span.start, d.span.end)]);
  t.deepEqual(found, [["FLOW4044", "position"]]);
});
