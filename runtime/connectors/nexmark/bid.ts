// BidGenerator: a bid on a (usually hot) auction by a (usually hot) bidder, with channel and URL.

import type { ResolvedConfig } from "./config.js";
import type { JavaRandom } from "./java-random.js";
import { FIRST_AUCTION_ID } from "./auction.js";
import { CHANNELS_NUMBER, HOT_CHANNELS, HOT_CHANNELS_RATIO, HOT_URLS, channelName, channelUrl } from "./channels.js";
import { lastBase0AuctionId, lastBase0PersonId, nextBase0AuctionId, nextBase0PersonId } from "./ids.js";
import type { Bid } from "./model.js";
import { FIRST_PERSON_ID } from "./person.js";
import { nextPrice } from "./price.js";
import { nextExtra } from "./strings.js";

/** The hot auction is the first of the last block of this many auctions (HOT_AUCTION_RATIO). */
const HOT_AUCTION_RATIO = 100;
/** The hot bidder is the second person of the last block of this many (HOT_BIDDER_RATIO). */
const HOT_BIDDER_RATIO = 100;
/** 8 bytes each for auction, bidder, price and dateTime, as the reference counts them. */
const BID_FIXED_SIZE = 8 + 8 + 8 + 8;

export function nextBid(config: ResolvedConfig, eventId: number, random: JavaRandom, timestamp: number): Bid {
  let auction: number;
  // P(hot auction) = 1 - 1/hotAuctionRatio.
  if (random.nextIntBelow(config.hotAuctionRatio) > 0) {
    auction = Math.trunc(lastBase0AuctionId(config, eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO;
  } else {
    auction = nextBase0AuctionId(config, eventId, random);
  }
  auction += FIRST_AUCTION_ID;

  let bidder: number;
  // P(hot bidder) = 1 - 1/hotBiddersRatio; "+ 1" so that hot bidders and hot sellers differ.
  if (random.nextIntBelow(config.hotBiddersRatio) > 0) {
    bidder = Math.trunc(lastBase0PersonId(config, eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1;
  } else {
    bidder = nextBase0PersonId(config, eventId, random);
  }
  bidder += FIRST_PERSON_ID;

  const price = nextPrice(random);

  let channel: string;
  let url: string;
  if (random.nextIntBelow(HOT_CHANNELS_RATIO) > 0) {
    const i = random.nextIntBelow(HOT_CHANNELS.length);
    channel = HOT_CHANNELS[i]!;
    url = HOT_URLS[i]!;
  } else {
    const c = random.nextIntBelow(CHANNELS_NUMBER);
    channel = channelName(c);
    url = channelUrl(c);
  }

  // nexmark-flink quirk kept on purpose: FIRST_PERSON_ID is added a second time, so a bidder id
  // is its base-0 person id + 2000 (person ids are base 0 + 1000), exactly as in the reference.
  bidder += FIRST_PERSON_ID;

  const extra = nextExtra(random, config.exactExtra, BID_FIXED_SIZE, config.avgBidByteSize);
  return { auction, bidder, price, channel, url, dateTime: timestamp, extra };
}
