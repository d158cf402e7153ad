// An `unbounded` join of an update stream (a running aggregate's rows, a running top's) as docs/language.md describes
// it (Flink's ChangelogNormalize before a regular join): the compiler turns the update stream into a changelog keyed by
// its update key — the replaced row `-U`, its successor `+U` — so a replaced row leaves the join; the join's output is
// a changelog with deletions whose net rows are the join of the last rows (hand-computed), fused and `--no-fuse`, at
// parallelism 1 and 3. Inner and outer, on either side, through a renaming `map`. A running aggregate whose groups do
// not follow the update key (its rows move between groups) reads the same changelog, and so does a running top.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { checkText } from "../helpers/check.js";
import { netRows } from "../../helpers/net-rows.js";

const SOURCE = `
schema Bid { auction: int, bidder: int, price: int, ts: timestamp }
schema Auction { id: int, seller: string, ts: timestamp }
source bids: Bid = collection([
  { auction: 1, bidder: 7, price: 5, ts: 1 },
  { auction: 2, bidder: 8, price: 7, ts: 2 },
  { auction: 1, bidder: 9, price: 9, ts: 3 },
  { auction: 1, bidder: 7, price: 4, ts: 4 },
  { auction: 5, bidder: 8, price: 3, ts: 5 },
  { auction: 2, bidder: 9, price: 8, ts: 6 },
]) watermark ts delay 0s
source auctions: Auction = collection([
  { id: 1, seller: "ann", ts: 0 },
  { id: 2, seller: "bob", ts: 0 },
  { id: 3, seller: "cat", ts: 0 },
]) watermark ts delay 0s
sink best = collect()
sink unsold = collect()
sink leaders = collect()
sink prices = collect()
sink winners = collect()
sink podium = collect()
job j {
  let highest = bids | keyBy auction | aggregate { top: max(price), n: count() } | map { lot: auction, top, n }
  auctions | join highest as h on id == h.lot unbounded | map { seller, top: h.top, n: h.n } | to best
  auctions | left join highest as h on id == h.lot unbounded | map { id, top: if h == null then 0 else h.top } | to unsold
  bids | keyBy auction | top 1 by price desc | right join auctions as a on auction == a.id unbounded | map { id: a.id, bidder } | to leaders
  highest | keyBy top | aggregate { lots: count(), sold: sum(n) } | to prices
  bids | keyBy auction % 2 | top 1 by price desc | keyBy bidder | aggregate { wins: count() } | to winners
  highest | extend { g: 0 } | keyBy g | top 2 by top desc | map { rank, lot, top } | to podium
}
`;

const rows = (xs: readonly object[]) => xs.map((r) => JSON.stringify(r)).sort();

for (const fuse of [true, false]) {
  for (const parallelism of [1, 3]) {
    test(`the net rows are the join of each key's last row (${fuse ? "fused" : "--no-fuse"}, parallelism ${parallelism})`, async (t) => {
      const query = await compileQuery(SOURCE, "updates.flow", "j", { fuse });
      const { collected } = await runCompiled(query, { checkpointing: null, parallelism });
      // last rows of `highest`: lot 1 top 9 n 3, lot 2 top 8 n 2, lot 5 top 3 n 1 (no auction)
      const best = collected["best"] as Record<string, unknown>[];
      t.deepEqual(netRows(best), rows([{ seller: "ann", top: 9, n: 3 }, { seller: "bob", top: 8, n: 2 }]));
      t.true(best.some((r) => r.__rowKind === "-D"), "replaced rows left the join");
      t.deepEqual(netRows(collected["unsold"] as Record<string, unknown>[]), rows([{ id: 1, top: 9 }, { id: 2, top: 8 }, { id: 3, top: 0 }]));
      // the highest bid per auction: 1 by bidder 9, 2 by bidder 9; auction 3 has none (padded); auction 5 is no auction
      t.deepEqual(netRows(collected["leaders"] as Record<string, unknown>[]), rows([{ id: 1, bidder: 9 }, { id: 2, bidder: 9 }, { id: 3, bidder: null }]));
      // lots per highest price: 9 (lot 1), 8 (lot 2), 3 (lot 5); earlier highs (5, 7) were taken back to nothing
      t.deepEqual(netRows(collected["prices"] as Record<string, unknown>[]), rows([{ top: 9, lots: 1, sold: 3 }, { top: 8, lots: 1, sold: 2 }, { top: 3, lots: 1, sold: 1 }]));
      // the best bid per auction parity: odd auctions (1, 5) → bidder 9 at 9; even (2) → bidder 9 at 8
      t.deepEqual(netRows(collected["winners"] as Record<string, unknown>[]), rows([{ bidder: 9, wins: 2 }]));
      // a running top over the update stream keeps every lot's current row: the two highest now, lot 1 (9) and 2 (8)
      t.deepEqual(netRows(collected["podium"] as Record<string, unknown>[]), rows([{ rank: 1, lot: 1, top: 9 }, { rank: 2, lot: 2, top: 8 }]));
    });
  }
}

test("a bounded join of an update stream joins each version (no changelog): only unbounded joins keep rows", async (t) => {
  const text = SOURCE.replace(/job j \{[\s\S]*\}\s*$/, "job j {\n  bids | keyBy auction | aggregate { top: max(price) } | join auctions as a on auction == a.id between -1s and 1s | to best\n}\n");
  t.deepEqual(checkText(text).diagnostics.filter((d) => d.severity === "error"), []);
});
