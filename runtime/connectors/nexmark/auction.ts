// AuctionGenerator: a new auction with the next auction id, a seller, prices and an expiry.

import { timestampForEvent, type ResolvedConfig } from "./config.js";
import type { JavaRandom } from "./java-random.js";
import { lastBase0AuctionId, lastBase0PersonId, nextBase0PersonId, nextLongBelow } from "./ids.js";
import type { Auction } from "./model.js";
import { FIRST_PERSON_ID } from "./person.js";
import { nextPrice } from "./price.js";
import { nextExtra, nextString } from "./strings.js";

export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
/** Few categories so that small runs still find matches (NUM_CATEGORIES). */
export const NUM_CATEGORIES = 5;
/** The hot seller is the first person of the last block of this many (HOT_SELLER_RATIO). */
const HOT_SELLER_RATIO = 100;

/**
 * @param adjustedEventNumber the (out-of-order adjusted) event number; the auction length is
 *   measured from its time to the time numInFlightAuctions auctions later.
 */
export function nextAuction(
  config: ResolvedConfig, eventId: number, adjustedEventNumber: number, random: JavaRandom, timestamp: number,
): Auction {
  const id = lastBase0AuctionId(config, eventId) + FIRST_AUCTION_ID;
  let seller: number;
  // P(hot seller) = 1 - 1/hotSellersRatio.
  if (random.nextIntBelow(config.hotSellersRatio) > 0) {
    // Java long division truncates; ids here are never negative but trunc keeps that exact.
    seller = Math.trunc(lastBase0PersonId(config, eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO;
  } else {
    seller = nextBase0PersonId(config, eventId, random);
  }
  seller += FIRST_PERSON_ID;
  const category = FIRST_CATEGORY_ID + random.nextIntBelow(NUM_CATEGORIES);
  const initialBid = nextPrice(random);
  const expires = timestamp + nextAuctionLengthMs(config, adjustedEventNumber, random, timestamp);
  const itemName = nextString(random, 20);
  const description = nextString(random, 100);
  const reserve = initialBid + nextPrice(random);
  const currentSize = 8 + itemName.length + description.length + 8 + 8 + 8 + 8 + 8;
  const extra = nextExtra(random, config.exactExtra, currentSize, config.avgAuctionByteSize);
  return { id, itemName, description, initialBid, reserve, dateTime: timestamp, expires, seller, category, extra };
}

/** Auction length: 1 + uniform [0, 2·horizon), horizon = time until numInFlightAuctions more auctions. */
function nextAuctionLengthMs(
  config: ResolvedConfig, adjustedEventNumber: number, random: JavaRandom, timestamp: number,
): number {
  const futureAuction = timestampForEvent(config, adjustedEventNumber + config.numEventsForAuctions);
  const horizonMs = futureAuction - timestamp;
  return 1 + nextLongBelow(random, Math.max(horizonMs * 2, 1));
}
