// Public surface of the Nexmark generator: a pure module that a source adapter wraps.

export { NexmarkGenerator } from "./generator.js";
export {
  DEFAULT_BASE_TIME, DEFAULT_CONFIG, adjustedEventNumber, resolveConfig, splitConfig, timestampForEvent,
  watermarkEventNumber, type NexmarkConfig, type ResolvedConfig,
} from "./config.js";
export { EventType, eventTime, type Auction, type Bid, type NexmarkEvent, type Person } from "./model.js";
export { FIRST_AUCTION_ID, FIRST_CATEGORY_ID, NUM_CATEGORIES } from "./auction.js";
export { FIRST_PERSON_ID } from "./person.js";
export { CHANNELS_NUMBER, HOT_CHANNELS } from "./channels.js";
export { JavaRandom } from "./java-random.js";
