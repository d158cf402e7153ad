// Nexmark config: reference defaults, validation, time arithmetic and splitting.

import test from "ava";
import {
  DEFAULT_BASE_TIME, DEFAULT_CONFIG, NexmarkGenerator, adjustedEventNumber, resolveConfig, splitConfig,
  timestampForEvent, watermarkEventNumber, type NexmarkConfig,
} from "../../../../runtime/connectors/nexmark/index.js";

test("defaults are the reference's", (t) => {
  const c = resolveConfig();
  t.like(c, {
    firstEventRate: 10_000, numEventGenerators: 1, personProportion: 1, auctionProportion: 3, bidProportion: 46,
    hotAuctionRatio: 2, hotSellersRatio: 4, hotBiddersRatio: 4, numInFlightAuctions: 100, numActivePeople: 1000,
    avgPersonByteSize: 200, avgAuctionByteSize: 500, avgBidByteSize: 100, outOfOrderGroupSize: 1,
    firstEventId: 1, firstEventNumber: 1, baseTime: DEFAULT_BASE_TIME, extraMode: "shared",
  });
  t.is(c.totalProportion, 50);
  t.is(c.interEventDelayUs, 100);
  t.is(c.numEventsForAuctions, 1666); // (100 × 50) / 3 in long arithmetic
  t.true(Object.isFrozen(c) && Object.isFrozen(DEFAULT_CONFIG));
});

test("timestamps truncate like (long)(n × delayUs) / 1000", (t) => {
  const c = resolveConfig({ firstEventRate: 3, baseTime: 0 }); // delay 333333.33… µs
  t.is(timestampForEvent(c, 1), 333);
  t.is(timestampForEvent(c, 3), 1000);
  t.is(timestampForEvent(c, 4), 1333);
});

test("out-of-order numbers stay in their group and the watermark number is the group start", (t) => {
  const c = resolveConfig({ outOfOrderGroupSize: 10 });
  const group = Array.from({ length: 10 }, (_, i) => adjustedEventNumber(c, 30 + i));
  t.deepEqual([...group].sort((a, b) => a - b), [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  t.notDeepEqual(group, [30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  t.is(watermarkEventNumber(c, 37), 30);
});

test("invalid configs are rejected with the field's name", (t) => {
  const bad: Partial<NexmarkConfig>[] = [
    { firstEventRate: 0 }, { firstEventRate: Number.NaN }, { hotAuctionRatio: 0 }, { personProportion: 0 },
    { outOfOrderGroupSize: 0 }, { numActivePeople: 1.5 }, { maxEvents: -1 }, { seed: -3 },
    { extraMode: "fast" as never }, { avgBidByteSize: Number.POSITIVE_INFINITY },
  ];
  for (const c of bad) {
    const key = Object.keys(c)[0]!;
    t.throws(() => resolveConfig(c), { instanceOf: RangeError, message: new RegExp(key) }, key);
  }
});

test("splitConfig gives disjoint event-id ranges that cover maxEvents on parallel timelines", (t) => {
  const parts = splitConfig({ maxEvents: 1000, numEventGenerators: 3 }, 3);
  t.deepEqual(parts.map((p) => [p.firstEventId, p.maxEvents]), [[1, 333], [334, 333], [667, 334]]);
  t.true(parts.every((p) => p.firstEventNumber === 1 && p.numEventGenerators === 3));
  // Parallel timelines: the first events of every part share a timestamp.
  const firsts = parts.map((p) => new NexmarkGenerator(p).next());
  t.is(new Set(firsts.map((e) => (e.person ?? e.auction ?? e.bid).dateTime)).size, 1);
  t.deepEqual(splitConfig({ maxEvents: 10 }, 1).map((p) => p.maxEvents), [10]);
  t.throws(() => splitConfig({}, 0), { instanceOf: RangeError });
});

test("a resolved config is accepted as is and maxEvents 0 means unbounded", (t) => {
  const c = resolveConfig({ seed: 5 });
  const g = new NexmarkGenerator(c);
  t.is(g.config, c);
  t.true(g.remaining > 2 ** 52);
});
