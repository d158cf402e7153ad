// Nexmark generator configuration: the reference defaults and the event-number → time arithmetic.
//
// Mirrors NexmarkConfiguration (user options) and GeneratorConfig (derived values) of
// nexmark-flink. Everything here is a pure function of the config and an event number, which is
// what makes the generator replayable from any position.

/** What a caller may set; every field is optional and defaults to the reference value. */
export interface NexmarkConfig {
  /** Overall event rate in events per second of event time, across all generators. Ref: 10000. */
  readonly firstEventRate: number;
  /** Generators sharing the rate, each on its own parallel timeline. Ref: 1. */
  readonly numEventGenerators: number;
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  /** P(bid is for the hot auction) = 1 - 1/hotAuctionRatio. */
  readonly hotAuctionRatio: number;
  /** P(auction is by the hot seller) = 1 - 1/hotSellersRatio. */
  readonly hotSellersRatio: number;
  /** P(bid is by the hot bidder) = 1 - 1/hotBiddersRatio. */
  readonly hotBiddersRatio: number;
  /** Auctions considered in flight when a bid picks a random auction. */
  readonly numInFlightAuctions: number;
  /** People considered active when an auction or bid picks a random person. */
  readonly numActivePeople: number;
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  /** Events per out-of-order group; 1 means in order. Groups are permuted by (n * 953) % size. */
  readonly outOfOrderGroupSize: number;
  /** Event time of event number 0, epoch ms. The reference uses the wall clock at start-up. */
  readonly baseTime: number;
  /** Events to generate; 0 means unbounded (the reference's "numEvents = 0"). */
  readonly maxEvents: number;
  /** Mixed into every per-event seed (low 48 bits); each value gives its own deterministic stream. */
  readonly seed: number;
  /** First event id of this generator; the ids of parallel generators are disjoint ranges. Ref: 1. */
  readonly firstEventId: number;
  /** Event number of the first event; it drives the timestamp. Ref (Flink table source): 1. */
  readonly firstEventNumber: number;
  /**
   * How `extra` padding is made. "exact": the reference's characters, six per Random.nextInt()
   * (costly: about half the generator's time). "shared" (default): same length draw, characters
   * taken from one shared 1 MiB string of the same alphabet at a random offset. Every other field
   * is identical in both modes, because extra is the last draw of every event.
   */
  readonly extraMode: "shared" | "exact";
}

/** 2015-07-15T00:00:00Z: a fixed default so that runs are reproducible without a clock. */
export const DEFAULT_BASE_TIME = 1436918400000;

export const DEFAULT_CONFIG: NexmarkConfig = Object.freeze({
  firstEventRate: 10_000,
  numEventGenerators: 1,
  personProportion: 1,
  auctionProportion: 3,
  bidProportion: 46,
  hotAuctionRatio: 2,
  hotSellersRatio: 4,
  hotBiddersRatio: 4,
  numInFlightAuctions: 100,
  numActivePeople: 1000,
  avgPersonByteSize: 200,
  avgAuctionByteSize: 500,
  avgBidByteSize: 100,
  outOfOrderGroupSize: 1,
  baseTime: DEFAULT_BASE_TIME,
  maxEvents: 0,
  seed: 0,
  firstEventId: 1,
  firstEventNumber: 1,
  extraMode: "shared",
});

/** A validated config plus the values GeneratorConfig derives from it. */
export interface ResolvedConfig extends NexmarkConfig {
  readonly totalProportion: number;
  /** 1e6 / firstEventRate * numEventGenerators, computed in that order as the reference does. */
  readonly interEventDelayUs: number;
  /** maxEvents with 0 replaced by "as many as a safe integer allows". */
  readonly eventLimit: number;
  /** Events until numInFlightAuctions more auctions exist: (inFlight * total) / auctionProportion. */
  readonly numEventsForAuctions: number;
  /** extraMode === "exact", read per event. */
  readonly exactExtra: boolean;
}

const INTEGER_FIELDS: readonly (keyof NexmarkConfig)[] = [
  "numEventGenerators", "personProportion", "auctionProportion", "bidProportion",
  "hotAuctionRatio", "hotSellersRatio", "hotBiddersRatio", "numInFlightAuctions",
  "numActivePeople", "avgPersonByteSize", "avgAuctionByteSize", "avgBidByteSize",
  "outOfOrderGroupSize", "baseTime", "maxEvents", "seed", "firstEventId", "firstEventNumber",
];

/** Java int bounds for the fields that feed Random.nextInt(bound). */
const INT_MAX = 0x7fffffff;

/** Fill defaults, validate, and derive; throws RangeError on a config the reference would reject. */
export function resolveConfig(input: Partial<NexmarkConfig> = {}): ResolvedConfig {
  const c: NexmarkConfig = { ...DEFAULT_CONFIG, ...input };
  for (const key of INTEGER_FIELDS) {
    const v = c[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v)) {
      throw new RangeError(`nexmark config: ${key} must be a safe integer, got ${String(v)}`);
    }
  }
  if (!(c.firstEventRate > 0) || !Number.isFinite(c.firstEventRate)) {
    throw new RangeError(`nexmark config: firstEventRate must be > 0, got ${c.firstEventRate}`);
  }
  const positive: (keyof NexmarkConfig)[] = [
    "numEventGenerators", "hotAuctionRatio", "hotSellersRatio", "hotBiddersRatio",
    "outOfOrderGroupSize", "numActivePeople", "numInFlightAuctions",
  ];
  for (const key of positive) {
    const v = c[key] as number;
    if (v < 1 || v > INT_MAX) throw new RangeError(`nexmark config: ${key} must be in [1, 2^31), got ${v}`);
  }
  for (const key of ["personProportion", "auctionProportion", "bidProportion"] as const) {
    // why ≥ 1: lastBase0PersonId/AuctionId step back to "proportion - 1"; 0 would yield id -1.
    if (c[key] < 1) throw new RangeError(`nexmark config: ${key} must be >= 1, got ${c[key]}`);
  }
  if (c.maxEvents < 0 || c.firstEventId < 0 || c.firstEventNumber < 0 || c.seed < 0) {
    throw new RangeError("nexmark config: maxEvents, firstEventId, firstEventNumber and seed must be >= 0");
  }
  if (c.extraMode !== "shared" && c.extraMode !== "exact") {
    throw new RangeError(`nexmark config: extraMode must be "shared" or "exact", got ${String(c.extraMode)}`);
  }
  const totalProportion = c.personProportion + c.auctionProportion + c.bidProportion;
  const interEventDelayUs = (1000000.0 / c.firstEventRate) * c.numEventGenerators;
  const eventLimit = c.maxEvents === 0 ? Number.MAX_SAFE_INTEGER - c.firstEventId - c.firstEventNumber : c.maxEvents;
  const numEventsForAuctions = Math.floor((c.numInFlightAuctions * totalProportion) / c.auctionProportion);
  const exactExtra = c.extraMode === "exact";
  // why every field spelled out rather than `{ ...c, … }`: V8 gives an object made by spread a new hidden class from
  // about the tenth one on, so each job's generator met a config of another class and its code, optimised for the
  // first ones, deoptimised and went megamorphic — a third slower from the fifth run of a job in a process. A literal
  // keeps one class for every config.
  return Object.freeze({
    firstEventRate: c.firstEventRate,
    numEventGenerators: c.numEventGenerators,
    personProportion: c.personProportion,
    auctionProportion: c.auctionProportion,
    bidProportion: c.bidProportion,
    hotAuctionRatio: c.hotAuctionRatio,
    hotSellersRatio: c.hotSellersRatio,
    hotBiddersRatio: c.hotBiddersRatio,
    numInFlightAuctions: c.numInFlightAuctions,
    numActivePeople: c.numActivePeople,
    avgPersonByteSize: c.avgPersonByteSize,
    avgAuctionByteSize: c.avgAuctionByteSize,
    avgBidByteSize: c.avgBidByteSize,
    outOfOrderGroupSize: c.outOfOrderGroupSize,
    baseTime: c.baseTime,
    maxEvents: c.maxEvents,
    seed: c.seed,
    firstEventId: c.firstEventId,
    firstEventNumber: c.firstEventNumber,
    extraMode: c.extraMode,
    totalProportion,
    interEventDelayUs,
    eventLimit,
    numEventsForAuctions,
    exactExtra,
  });
}

/** timestampForEvent: baseTime + (long)(eventNumber * interEventDelayUs) / 1000 (truncating). */
export function timestampForEvent(config: ResolvedConfig, eventNumber: number): number {
  return config.baseTime + Math.trunc(Math.trunc(eventNumber * config.interEventDelayUs) / 1000);
}

/** nextAdjustedEventNumber: the event number permuted within its out-of-order group. */
export function adjustedEventNumber(config: ResolvedConfig, eventNumber: number): number {
  const n = config.outOfOrderGroupSize;
  if (n === 1) return eventNumber;
  const base = eventNumber - (eventNumber % n);
  // Reference quirk kept: the map is a permutation only when gcd(953, n) = 1 (953 is prime), and
  // the identity when n divides 952 (e.g. 7, 8, 17), since then 953 ≡ 1 (mod n).
  return base + ((eventNumber * 953) % n);
}

/** nextEventNumberForWatermark: the start of the event's group, whose time bounds the group. */
export function watermarkEventNumber(config: ResolvedConfig, eventNumber: number): number {
  const n = config.outOfOrderGroupSize;
  return eventNumber - (eventNumber % n);
}

/**
 * GeneratorConfig.split(n): n configs with disjoint event-id ranges on parallel timelines (same
 * firstEventNumber); the last one takes the remainder. Needs a bounded maxEvents, as the
 * reference does (its "unbounded" is a large finite number).
 */
export function splitConfig(config: Partial<NexmarkConfig>, n: number): NexmarkConfig[] {
  const resolved = resolveConfig(config);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`split count must be >= 1, got ${n}`);
  const base: NexmarkConfig = pickUserFields(resolved);
  if (n === 1) return [base];
  const total = resolved.eventLimit;
  const sub = Math.floor(total / n);
  const out: NexmarkConfig[] = [];
  let firstEventId = resolved.firstEventId;
  for (let i = 0; i < n; i++) {
    const maxEvents = i === n - 1 ? total - sub * (n - 1) : sub;
    out.push({ ...base, firstEventId, maxEvents });
    firstEventId += maxEvents;
  }
  return out;
}

function pickUserFields(r: ResolvedConfig): NexmarkConfig {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_CONFIG)) out[key] = r[key as keyof NexmarkConfig];
  return out as unknown as NexmarkConfig;
}
