// q12 counts bids in windows of processing time: it runs in virtual time, where its output is deterministic and checked
// against counts by hand, fused and --no-fuse. (The other queries: fused and --no-fuse agree at parallelism 1 and 3 in
// parallelism-equivalence.nexmark.test.ts and with checkpoints in nexmark-checkpointed.test.ts; the DuckDB oracle
// checks their results in test/integration/nexmark.)
import test from "ava";
import { loadQuery } from "../../bench/nexmark/queries.js";
import { nexmark } from "../../runtime/index.js";
import { IdleAwareClock } from "../helpers/idle-aware-clock.js";

const EVENTS = 5_000;
const canonical = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The bids of 5,000 events at 100 events per second of event time: about 46 s, so several 10 s windows. */
function bids(): nexmark.Bid[] {
  const out: nexmark.Bid[] = [];
  for (const e of new nexmark.NexmarkGenerator({ maxEvents: EVENTS, firstEventRate: 100 })) if (e.bid !== null) out.push(e.bid);
  return out;
}

/**
 * Feeds `bids` with processing time = each bid's dateTime: before the clock moves on, the engine has gone idle, so every
 * bid sent so far has been assigned to its window at the time it was sent. Ends once the windows the clock has
 * passed have fired (a window still open at the end is dropped, as Flink does in STREAMING mode).
 */
async function* inProcessingTime(input: readonly nexmark.Bid[], clock: IdleAwareClock): AsyncGenerator<nexmark.Bid> {
  for (const bid of input) {
    if (bid.dateTime > clock.now()) {
      await clock.engineIdle();
      clock.set(bid.dateTime);
    }
    yield bid;
  }
  await clock.engineIdle();
}

/** Hand count: bids per (bidder, 10 s window of the bid's processing time) for the windows that closed. */
function expectedQ12(input: readonly nexmark.Bid[]): Record<string, unknown>[] {
  const lastTime = input[input.length - 1]!.dateTime;
  const counts = new Map<string, { bidder: number; bidCount: number; starts: number; ends: number }>();
  for (const bid of input) {
    const starts = bid.dateTime - (bid.dateTime % 10_000);
    const ends = starts + 10_000;
    if (ends - 1 > lastTime) continue; // why: fires when the clock reaches its last millisecond, which it never does
    const key = `${bid.bidder}@${starts}`;
    const row = counts.get(key) ?? { bidder: bid.bidder, bidCount: 0, starts, ends };
    row.bidCount++;
    counts.set(key, row);
  }
  return [...counts.values()];
}

test("q12 in virtual processing time: bids per bidder in 10 s windows match a hand count, fused and --no-fuse alike", async (t) => {
  const input = bids();
  const expected = expectedQ12(input);
  t.true(new Set(expected.map((r) => r.starts)).size >= 4, "the input spans several windows");
  for (const fuse of [true, false]) {
    const rows: Record<string, unknown>[] = [];
    const clock = new IdleAwareClock(input[0]!.dateTime);
    const result = await (await loadQuery("q12", { fuse, runtime: "shared" })).run({ sources: { bid: inProcessingTime(input, clock) }, clock, sink: (r) => void rows.push(r) });
    t.is(result.recordsIn, input.length, `fuse ${fuse}: every bid was read`);
    t.deepEqual(canonical(rows), canonical(expected), `fuse ${fuse}`);
  }
});
