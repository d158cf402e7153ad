// NexmarkGenerator behaviour: proportions, ids, hot ratios, prices, sizes, time, watermarks, replay.

import test from "ava";
import fc from "fast-check";
import {
  DEFAULT_BASE_TIME, EventType, NexmarkGenerator, eventTime,
  type Auction, type Bid, type NexmarkConfig, type NexmarkEvent, type Person,
} from "../../../../runtime/connectors/nexmark/index.js";

const N = 100_000;

function run(config: Partial<NexmarkConfig> = {}, count = N, position = 0): NexmarkEvent[] {
  const g = NexmarkGenerator.fromPosition(config, position);
  const out: NexmarkEvent[] = new Array(count);
  t_fill(g, out);
  return out;
}

function t_fill(g: NexmarkGenerator, out: NexmarkEvent[]): void {
  const n = g.fill(out);
  if (n !== out.length) throw new Error(`generator stopped after ${n} events`);
}

const events = run();
const persons = events.flatMap((e) => (e.type === EventType.Person ? [e.person] : []));
const auctions = events.flatMap((e) => (e.type === EventType.Auction ? [e.auction] : []));
const bids = events.flatMap((e) => (e.type === EventType.Bid ? [e.bid] : []));

/** Base-0 id arithmetic of the default config, restated here from the 1:3:46 epoch layout. */
const FIRST_EVENT_ID = 1;
const FIRST_EVENT_NUMBER = 1;
const eventIdAt = (position: number): number => FIRST_EVENT_ID + FIRST_EVENT_NUMBER + position;
const lastPerson = (id: number): number => Math.floor(id / 50);
const lastAuction = (id: number): number => Math.floor(id / 50) * 3 + Math.min(Math.max((id % 50) - 1, -1), 2);

test("every 50 consecutive events hold exactly 1 person, 3 auctions and 46 bids", (t) => {
  for (const offset of [0, 17, 49]) {
    for (let start = offset; start + 50 <= events.length; start += 50) {
      const counts = [0, 0, 0];
      for (let i = start; i < start + 50; i++) counts[events[i]!.type]!++;
      if (counts[0] !== 1 || counts[1] !== 3 || counts[2] !== 46) {
        t.fail(`window at ${start}: ${counts.join(":")}`);
        return;
      }
    }
  }
  t.is(persons.length + auctions.length + bids.length, N);
  t.pass();
});

test("the type of each event is eventId % 50: <1 person, <4 auction, else bid", (t) => {
  for (let p = 0; p < 1000; p++) {
    const rem = eventIdAt(p) % 50;
    t.is(events[p]!.type, rem < 1 ? 0 : rem < 4 ? 1 : 2);
  }
});

test("person and auction ids are dense and increase by one in emission order", (t) => {
  t.true(persons.every((p, i) => i === 0 || p.id === persons[i - 1]!.id + 1));
  t.true(auctions.every((a, i) => i === 0 || a.id === auctions[i - 1]!.id + 1));
  // The first event has id 2 (firstEventId 1 + firstEventNumber 1): the second auction of epoch 0.
  t.is(auctions[0]!.id, 1001);
  t.is(persons[0]!.id, 1001);
  const fromZero = run({ firstEventId: 0, firstEventNumber: 0 }, 50);
  t.is(fromZero[0]!.person!.id, 1000);
  t.is(fromZero[1]!.auction!.id, 1000);
});

test("bids and auctions refer to people and auctions that exist or are at most 10 ids ahead", (t) => {
  let violations = 0;
  for (let p = 0; p < N; p++) {
    const e = events[p]!;
    const id = eventIdAt(p);
    if (e.type === EventType.Bid) {
      const a = e.bid.auction - 1000;
      const b = e.bid.bidder - 2000; // the reference adds FIRST_PERSON_ID twice to bidders
      if (a < 0 || a > lastAuction(id) + 10 || a < lastAuction(id) - 100) violations++;
      if (b < 0 || b > lastPerson(id) + 10 || b < lastPerson(id) - 1000) violations++;
    } else if (e.type === EventType.Auction) {
      const s = e.auction.seller - 1000;
      if (s < 0 || s > lastPerson(id) + 10) violations++;
    }
  }
  t.is(violations, 0);
});

/** |observed - expected| within `tol` (absolute), with the values in the failure message. */
function near(t: import("ava").ExecutionContext, observed: number, expected: number, tol: number, what: string): void {
  t.true(Math.abs(observed - expected) <= tol, `${what}: observed ${observed.toFixed(4)}, expected ${expected.toFixed(4)} ± ${tol}`);
}

test("hot auction, bidder, seller and channel ratios match 1/2, 3/4, 3/4, 1/2 on 100k events", (t) => {
  let hotAuction = 0;
  let hotBidder = 0;
  let hotChannel = 0;
  let hotSeller = 0;
  for (let p = 0; p < N; p++) {
    const e = events[p]!;
    const id = eventIdAt(p);
    if (e.type === EventType.Bid) {
      if (e.bid.auction === Math.floor(lastAuction(id) / 100) * 100 + 1000) hotAuction++;
      if (e.bid.bidder === Math.floor(lastPerson(id) / 100) * 100 + 1 + 2000) hotBidder++;
      if (!e.bid.channel.startsWith("channel-")) hotChannel++;
    } else if (e.type === EventType.Auction) {
      if (e.auction.seller === Math.floor(lastPerson(id) / 100) * 100 + 1000) hotSeller++;
    }
  }
  // A random pick hits the hot id with probability 1/111 (auctions) or ~1/1010 (people).
  near(t, hotAuction / bids.length, 0.5 + 0.5 / 111, 0.01, "hot auctions");
  near(t, hotBidder / bids.length, 0.75 + 0.25 / 1010, 0.01, "hot bidders");
  near(t, hotSeller / auctions.length, 0.75, 0.02, "hot sellers");
  near(t, hotChannel / bids.length, 0.5, 0.01, "hot channels");
});

test("prices lie in [100, 1e8] and are log-uniform: each decade holds about 1/6", (t) => {
  const decades = [0, 0, 0, 0, 0, 0];
  const prices = bids.map((b) => b.price).concat(auctions.map((a) => a.initialBid));
  for (const p of prices) {
    t.true(Number.isInteger(p) && p >= 100 && p <= 1e8, `price ${p}`);
    decades[Math.min(5, Math.floor(Math.log10(p / 100)))]!++;
  }
  for (const [i, d] of decades.entries()) near(t, d / prices.length, 1 / 6, 0.01, `decade ${i}`);
  t.true(auctions.every((a) => a.reserve > a.initialBid && a.reserve <= a.initialBid + 1e8));
});

const personSize = (p: Person) => 8 + p.name.length + p.emailAddress.length + p.creditCard.length + p.city.length + p.state.length + p.extra.length;
const auctionSize = (a: Auction) => 8 + a.itemName.length + a.description.length + 40 + a.extra.length;
const bidSize = (b: Bid) => 32 + b.extra.length;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

test("field sizes plus extra average the configured 200 / 500 / 100 bytes", (t) => {
  near(t, mean(persons.map(personSize)), 200, 4, "person bytes");
  near(t, mean(auctions.map(auctionSize)), 500, 10, "auction bytes");
  near(t, mean(bids.map(bidSize)), 100, 2, "bid bytes");
  // Bid padding: 68 ± 20% → minSize 54 + nextInt(28).
  t.true(bids.every((b) => b.extra.length >= 54 && b.extra.length < 82));
  const custom = run({ avgBidByteSize: 300, extraMode: "exact" }, 5000).flatMap((e) => (e.bid ? [e.bid] : []));
  near(t, mean(custom.map(bidSize)), 300, 6, "bid bytes at avgBidByteSize 300");
  t.true(custom.every((b) => /^[H-z]*$/.test(b.extra)), "exact extra uses the reference alphabet 'H'..'z'");
});

test("person fields use the reference vocabularies and formats", (t) => {
  for (const p of persons) {
    t.regex(p.name, /^(Peter|Paul|Luke|John|Saul|Vicky|Kate|Julie|Sarah|Deiter|Walter) (Shultz|Abrams|Spencer|White|Bartels|Walton|Smith|Jones|Noris)$/);
    // Java's trim() can empty an all-space part, so "@bex.com" is a valid reference address.
    t.regex(p.emailAddress, /^[a-z ]{0,6}@[a-z ]{0,4}\.com$/);
    t.regex(p.creditCard, /^\d{4} \d{4} \d{4} \d{4}$/);
    t.true(["AZ", "CA", "ID", "OR", "WA", "WY"].includes(p.state));
  }
  t.is(new Set(persons.map((p) => p.city)).size, 10);
});

test("auctions: category 10..14, expiry after creation within twice the in-flight horizon", (t) => {
  // 100 in-flight auctions take 1666 events = 166.6 ms at 10,000 events/s.
  for (const a of auctions) {
    t.true(a.category >= 10 && a.category <= 14);
    t.true(a.expires > a.dateTime && a.expires <= a.dateTime + 2 * 167);
    t.true(a.itemName.length <= 19 && a.description.length <= 99 && a.itemName.trim() === a.itemName);
  }
  near(t, mean(auctions.map((a) => a.expires - a.dateTime)), 167, 5, "mean auction length (ms)");
});

test("channels: channel-i names, URLs under nexmark.com, 90% of cold URLs carry channel_id", (t) => {
  const cold = new Map<string, string>();
  for (const b of bids) {
    t.true(b.url.startsWith("https://www.nexmark.com/"));
    if (b.channel.startsWith("channel-")) cold.set(b.channel, b.url);
    else t.true(["Google", "Facebook", "Baidu", "Apple"].includes(b.channel));
  }
  t.true(cold.size > 9000, `distinct cold channels ${cold.size}`);
  let withId = 0;
  for (const [channel, url] of cold) {
    const i = Number(channel.slice("channel-".length));
    t.true(i >= 0 && i < 10_000);
    const m = /&channel_id=(-?\d+)$/.exec(url);
    if (m) {
      withId++;
      // Math.abs(Integer.reverse(i)): channel 1 keeps Integer.MIN_VALUE, as in Java.
      const reversed = parseInt(i.toString(2).padStart(32, "0").split("").reverse().join(""), 2) | 0;
      t.is(Number(m[1]), reversed === -2147483648 ? reversed : Math.abs(reversed));
    }
  }
  near(t, withId / cold.size, 0.9, 0.02, "cold URLs with channel_id");
});

test("in order (group size 1) timestamps follow the rate: baseTime + trunc(n × 1e6/rate / 1000)", (t) => {
  for (let p = 0; p < N; p++) {
    const expected = DEFAULT_BASE_TIME + Math.trunc(Math.trunc((FIRST_EVENT_NUMBER + p) * 100) / 1000);
    if (eventTime(events[p]!) !== expected) return t.fail(`position ${p}`);
  }
  const slow = run({ firstEventRate: 1000, firstEventNumber: 0 }, 100);
  t.deepEqual(slow.map(eventTime), slow.map((_, i) => DEFAULT_BASE_TIME + i));
  // Two generators share the rate: each runs at half of it on its own timeline.
  const shared = run({ firstEventRate: 1000, numEventGenerators: 2, firstEventNumber: 0 }, 10);
  t.deepEqual(shared.map(eventTime), shared.map((_, i) => DEFAULT_BASE_TIME + 2 * i));
  return undefined;
});

/** Largest position p such that the watermark before event p exceeds a timestamp at or after p. */
function watermarkViolations(config: Partial<NexmarkConfig>, count: number): number {
  const g = new NexmarkGenerator(config);
  const marks: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    marks.push(g.watermark);
    times.push(eventTime(g.next()));
  }
  let violations = 0;
  let suffixMin = Infinity;
  for (let i = count - 1; i >= 0; i--) {
    suffixMin = Math.min(suffixMin, times[i]!);
    if (marks[i]! > suffixMin) violations++;
    if (i > 0 && marks[i]! < marks[i - 1]!) violations++; // monotone
  }
  return violations;
}

test("watermark is never ahead of a later event's timestamp, and never goes back", (t) => {
  for (const outOfOrderGroupSize of [1, 7, 100, 1000]) {
    t.is(watermarkViolations({ outOfOrderGroupSize, firstEventRate: 1000 }, 20_000), 0, `group ${outOfOrderGroupSize}`);
  }
  const g = new NexmarkGenerator({ firstEventRate: 1000 });
  const before = g.watermark;
  t.is(eventTime(g.next()), before, "in order, the watermark is the next event's time");
});

test("out-of-order groups permute the event times within each group", (t) => {
  // Not 7: (n × 953) % 7 is n % 7 because 953 ≡ 1 (mod 7), so groups of 7 stay in order.
  const size = 10;
  const shuffled = run({ outOfOrderGroupSize: size, firstEventRate: 1000, firstEventNumber: 0 }, 7000);
  const ordered = run({ firstEventRate: 1000, firstEventNumber: 0 }, 7000);
  let outOfOrder = 0;
  for (let g = 0; g < 7000; g += size) {
    const a = shuffled.slice(g, g + size).map(eventTime).sort((x, y) => x - y);
    const b = ordered.slice(g, g + size).map(eventTime);
    t.deepEqual(a, b, `group at ${g}`);
    for (let i = g + 1; i < g + size; i++) if (eventTime(shuffled[i]!) < eventTime(shuffled[i - 1]!)) outOfOrder++;
  }
  t.true(outOfOrder > 0, "some events arrive out of order");
  // The event itself moves with its time: the permuted stream holds the same events.
  const key = (e: NexmarkEvent) => JSON.stringify(e);
  t.deepEqual(shuffled.slice(0, size).map(key).sort(), ordered.slice(0, size).map(key).sort());
  const identity = run({ outOfOrderGroupSize: 7, firstEventRate: 1000, firstEventNumber: 0 }, 700);
  t.deepEqual(identity.map(eventTime), ordered.slice(0, 700).map(eventTime), "953 ≡ 1 (mod 7) quirk");
});

test("same config and seed give the same events; another seed gives others with the same layout", (t) => {
  t.deepEqual(run({}, 2000), events.slice(0, 2000));
  const other = run({ seed: 987654321 }, 2000);
  t.notDeepEqual(other, events.slice(0, 2000));
  t.deepEqual(other.map((e) => e.type), events.slice(0, 2000).map((e) => e.type));
  t.deepEqual(other.map(eventTime), events.slice(0, 2000).map(eventTime));
});

const replayConfigs: Partial<NexmarkConfig>[] = [{}, { outOfOrderGroupSize: 13, seed: 42 }, { extraMode: "exact", firstEventRate: 77 }];
const fullRuns = replayConfigs.map((c) => run(c, 3000));

test("fromPosition(p) yields exactly the tail of a full run from p", (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: replayConfigs.length - 1 }), fc.integer({ min: 0, max: 2990 }), (k, p) => {
      const g = NexmarkGenerator.fromPosition(replayConfigs[k]!, p);
      t.is(g.position, p);
      const tail = fullRuns[k]!.slice(p, p + 10);
      const replayed = Array.from({ length: tail.length }, () => g.next());
      return JSON.stringify(replayed) === JSON.stringify(tail) && g.position === p + tail.length;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test("seek, eventAt, fill and maxEvents agree on positions", (t) => {
  const g = new NexmarkGenerator({ maxEvents: 120 });
  const all = [...g];
  t.is(all.length, 120);
  t.false(g.hasNext());
  t.is(g.remaining, 0);
  t.throws(() => g.next(), { instanceOf: RangeError });
  g.seek(100);
  const buf: NexmarkEvent[] = new Array(50);
  t.is(g.fill(buf), 20);
  t.deepEqual(buf.slice(0, 20), all.slice(100));
  t.deepEqual(g.eventAt(5), all[5]);
  t.is(g.position, 120, "eventAt does not move the generator");
  t.throws(() => g.seek(121), { instanceOf: RangeError });
  t.throws(() => g.seek(-1), { instanceOf: RangeError });
});
