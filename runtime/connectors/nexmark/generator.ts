// NexmarkGenerator: deterministic, replayable Nexmark events (person, auction, bid) with watermarks.
//
// A port of nexmark-flink's NexmarkGenerator / GeneratorConfig and the Person, Auction, Bid,
// Price, Strings and Long generators (themselves a port of Beam's Nexmark generator). The event
// model, id arithmetic, proportions, hot ratios, price distribution, channel/URL scheme, extra
// padding, timestamps and out-of-order groups follow the reference, constants included.
//
// Deliberate differences from the reference (also in README.md):
//  1. Randomness is seeded per event: event id k draws from a java.util.Random (ported
//     bit-exactly) seeded with a 48-bit mix of (k, config.seed). nexmark-flink shares one unseeded
//     Random, so its streams differ on every run; Beam seeds `new Random(k)`, whose first draws
//     barely change across consecutive k (see event-seed.ts: hot-auction share 0.12..0.87 in
//     windows of 10k events). The mix keeps draws independent-looking across events, and per-event
//     seeding makes an event a pure function of (config, position): replay and `fromPosition`
//     need no state beyond the position.
//  2. `extra` padding (extraMode "shared", the default) keeps the reference's length draw but
//     takes its characters from one shared 1 MiB string at a random offset; "exact" reproduces
//     the reference's characters at ~40% of the throughput. No other field differs.
//  3. Channel URLs (the 4 hot ones and the 10,000 `channel-i`, 90% with `&channel_id=`) are drawn
//     from Randoms seeded by the channel number instead of unseeded ones: same shape and
//     proportions, reproducible values.
//  4. `baseTime` defaults to a fixed instant (2015-07-15T00:00:00Z) instead of the wall clock at
//     start-up; pass the clock's time for live event time.
//  5. No wall-clock pacing: the generator only computes event time (the reference's
//     maxEmitSpeed/simulation mode). A source adapter may pace on `eventTime - baseTime`.
//     Rate shapes (only SQUARE with one rate is live in nexmark-flink) and extended-bid mode are
//     not ported.
//  6. Events are plain objects with epoch-millisecond numbers for dateTime/expires.
//  7. `maxEvents = 0` (unbounded) runs to Number.MAX_SAFE_INTEGER ids instead of Long.MAX_VALUE
//     divided by the largest average size.
// Math.pow in V8 and the JVM may disagree in the last ulp; a price differs only if 10^(6U)·100
// lands within that ulp of a .5 boundary, which the tests have not met.

import {
  adjustedEventNumber, resolveConfig, timestampForEvent, watermarkEventNumber,
  type NexmarkConfig, type ResolvedConfig,
} from "./config.js";
import { EventSeeder } from "./event-seed.js";
import { JavaRandom } from "./java-random.js";
import { nextAuction } from "./auction.js";
import { nextBid } from "./bid.js";
import type { Auction, Bid, NexmarkEvent, Person } from "./model.js";
import { nextPerson } from "./person.js";

export class NexmarkGenerator {
  readonly config: ResolvedConfig;
  /** Events emitted so far (the reference's eventsCountSoFar): the next event's position. */
  private next_: number;
  /** One Random reseeded per event, where a per-event seeding would allocate `new Random(seed)`. */
  private readonly random = new JavaRandom();
  private readonly seeder: EventSeeder;

  constructor(config: Partial<NexmarkConfig> | ResolvedConfig = {}, position = 0) {
    this.config = isResolved(config) ? config : resolveConfig(config);
    this.seeder = new EventSeeder(this.config.seed);
    this.next_ = 0;
    this.seek(position);
  }

  /** A generator whose next event is the one at `position` of a run started at 0. */
  static fromPosition(config: Partial<NexmarkConfig> | ResolvedConfig, position: number): NexmarkGenerator {
    return new NexmarkGenerator(config, position);
  }

  /** The next event's position (events emitted so far); snapshot this to checkpoint a source. */
  get position(): number {
    return this.next_;
  }

  /** Move to `position`; O(1), since each event depends only on its position. */
  seek(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0 || position > this.config.eventLimit) {
      throw new RangeError(`position must be an integer in [0, ${this.config.eventLimit}], got ${position}`);
    }
    this.next_ = position;
  }

  hasNext(): boolean {
    return this.next_ < this.config.eventLimit;
  }

  /** Events left before maxEvents. */
  get remaining(): number {
    return this.config.eventLimit - this.next_;
  }

  /**
   * A lower bound on the event time of every event not yet emitted: the time of the first event
   * number of the current out-of-order group (the reference's NextEvent.watermark for the next
   * event). Later events have dateTime >= watermark, so a Flink-style watermark ("no more events
   * at or before W") is `watermark - 1`.
   */
  get watermark(): number {
    const c = this.config;
    return timestampForEvent(c, watermarkEventNumber(c, c.firstEventNumber + this.next_));
  }

  /** The next event; throws RangeError past maxEvents (check hasNext or remaining first). */
  next(): NexmarkEvent {
    if (this.next_ >= this.config.eventLimit) throw new RangeError("nexmark generator exhausted");
    return this.eventAt(this.next_++);
  }

  /**
   * Write up to `max` next events into `out` from index 0 and return how many were written; the
   * array is reused by the caller so that a batch costs only the events themselves.
   */
  fill(out: NexmarkEvent[], max: number = out.length): number {
    const n = Math.min(max, this.config.eventLimit - this.next_);
    let p = this.next_;
    for (let i = 0; i < n; i++) out[i] = this.eventAt(p++);
    this.next_ = p;
    return n;
  }

  /** The event at `position` without moving this generator (random access). */
  eventAt(position: number): NexmarkEvent {
    const c = this.config;
    const eventNumber = adjustedEventNumber(c, c.firstEventNumber + position);
    const eventId = c.firstEventId + eventNumber;
    const timestamp = timestampForEvent(c, eventNumber);
    this.seeder.seed(this.random, eventId);
    const rem = eventId % c.totalProportion;
    if (rem < c.personProportion) {
      return personEvent(nextPerson(c, eventId, this.random, timestamp));
    }
    if (rem < c.personProportion + c.auctionProportion) {
      return auctionEvent(nextAuction(c, eventId, eventNumber, this.random, timestamp));
    }
    return bidEvent(nextBid(c, eventId, this.random, timestamp));
  }

  /** Iterate the remaining events (convenient in tests; `next`/`fill` are faster). */
  *[Symbol.iterator](): IterableIterator<NexmarkEvent> {
    while (this.hasNext()) yield this.next();
  }
}

// The three builders use the same property order with null placeholders so that every event
// shares one hidden class (see NexmarkEvent).
function personEvent(person: Person): NexmarkEvent {
  return { type: 0, person, auction: null, bid: null };
}

function auctionEvent(auction: Auction): NexmarkEvent {
  return { type: 1, person: null, auction, bid: null };
}

function bidEvent(bid: Bid): NexmarkEvent {
  return { type: 2, person: null, auction: null, bid };
}

function isResolved(c: Partial<NexmarkConfig> | ResolvedConfig): c is ResolvedConfig {
  return typeof (c as ResolvedConfig).interEventDelayUs === "number" && Object.isFrozen(c);
}
