// Person and auction id arithmetic (PersonGenerator / AuctionGenerator / LongGenerator ids).
//
// Ids are a pure function of the event id: in every epoch of `totalProportion` events the first
// `personProportion` create people, the next `auctionProportion` create auctions, the rest bid.
// So the id of the last person or auction created before any event is known without history,
// which is what keeps ids dense and lets the generator start at any position.

import type { ResolvedConfig } from "./config.js";
import type { JavaRandom } from "./java-random.js";

/** Person ids a random choice may run ahead of the last created person (PERSON_ID_LEAD). */
export const PERSON_ID_LEAD = 10;
/** Auction ids a random choice may run ahead of the last created auction (AUCTION_ID_LEAD). */
export const AUCTION_ID_LEAD = 10;

const JAVA_INT_MAX = 0x7fffffff;

/** LongGenerator.nextLong: a random long in [0, n), via nextInt when n fits an int. */
export function nextLongBelow(random: JavaRandom, n: number): number {
  if (n < JAVA_INT_MAX) return random.nextIntBelow(n);
  // Cold path, kept bit-exact: Math.abs(random.nextLong() % n), skew included ("Bad!" says the
  // reference). Only reachable with event rates below ~0.001/s or huge active-people counts.
  const r = random.nextLong() % BigInt(n);
  return Number(r < 0n ? -r : r);
}

/** Last person id (base 0) created at or before `eventId`; the current one if it is a person. */
export function lastBase0PersonId(config: ResolvedConfig, eventId: number): number {
  const epoch = Math.floor(eventId / config.totalProportion);
  let offset = eventId % config.totalProportion;
  if (offset >= config.personProportion) offset = config.personProportion - 1;
  return epoch * config.personProportion + offset;
}

/** A random active person id (base 0): one of the last numActivePeople, plus PERSON_ID_LEAD. */
export function nextBase0PersonId(config: ResolvedConfig, eventId: number, random: JavaRandom): number {
  const numPeople = lastBase0PersonId(config, eventId) + 1;
  const activePeople = Math.min(numPeople, config.numActivePeople);
  const n = nextLongBelow(random, activePeople + PERSON_ID_LEAD);
  return numPeople - activePeople + n;
}

/** Last auction id (base 0) created at or before `eventId`; the current one if it is an auction. */
export function lastBase0AuctionId(config: ResolvedConfig, eventId: number): number {
  let epoch = Math.floor(eventId / config.totalProportion);
  let offset = eventId % config.totalProportion;
  if (offset < config.personProportion) {
    // A person: the last auction is the final one of the previous epoch.
    epoch--;
    offset = config.auctionProportion - 1;
  } else if (offset >= config.personProportion + config.auctionProportion) {
    // A bid: the last auction is the final one of this epoch.
    offset = config.auctionProportion - 1;
  } else {
    offset -= config.personProportion;
  }
  return epoch * config.auctionProportion + offset;
}

/** A random in-flight auction id (base 0): one of the last numInFlightAuctions, plus a lead. */
export function nextBase0AuctionId(config: ResolvedConfig, eventId: number, random: JavaRandom): number {
  const maxAuction = lastBase0AuctionId(config, eventId);
  const minAuction = Math.max(maxAuction - config.numInFlightAuctions, 0);
  return minAuction + nextLongBelow(random, maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
}
