// Nexmark event shapes: Person, Auction, Bid and the tagged event that carries one of them.
//
// Field names and order follow the Flink DDL (ddl_gen.sql). Times are epoch milliseconds as plain
// numbers (the reference uses Instant). BIGINT columns are numbers: every id, price and time the
// generator produces stays far below 2^53.

export interface Person {
  id: number;
  name: string;
  emailAddress: string;
  creditCard: string;
  city: string;
  state: string;
  dateTime: number;
  extra: string;
}

export interface Auction {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
}

export interface Bid {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
}

/** The `event_type` column of the Flink DDL. */
export const EventType = Object.freeze({ Person: 0, Auction: 1, Bid: 2 } as const);
export type EventType = (typeof EventType)[keyof typeof EventType];

/**
 * One generated event, shaped like the Flink source row (event_type, person, auction, bid).
 *
 * Every event object has all four fields, the absent ones null, so V8 gives them one hidden
 * class and a consumer's `e.type === EventType.Bid` and `e.bid` loads stay monomorphic. The union
 * lets TypeScript narrow on `type` so that `e.bid` needs no `!`.
 */
export type NexmarkEvent =
  | { readonly type: 0; readonly person: Person; readonly auction: null; readonly bid: null }
  | { readonly type: 1; readonly person: null; readonly auction: Auction; readonly bid: null }
  | { readonly type: 2; readonly person: null; readonly auction: null; readonly bid: Bid };

/** The event time of any event (its entity's dateTime). */
export function eventTime(e: NexmarkEvent): number {
  switch (e.type) {
    case 0: return e.person.dateTime;
    case 1: return e.auction.dateTime;
    case 2: return e.bid.dateTime;
  }
}
