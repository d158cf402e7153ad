// Bid channels and URLs (BidGenerator): four hot channels and a cache of 10,000 `channel-i`.
//
// The reference fills both from an unseeded `new Random()`, so its URLs differ between runs.
// Here each URL is drawn from a JavaRandom seeded by the channel number (hot channels by
// -1 - index), which keeps the same shape and proportions and makes the values reproducible.
// They do not depend on the config, so one module-level cache serves every generator.

import { JavaRandom } from "./java-random.js";
import { nextString } from "./strings.js";

export const HOT_CHANNELS: readonly string[] = Object.freeze(["Google", "Facebook", "Baidu", "Apple"]);
/** P(bid uses a hot channel) = 1 - 1/HOT_CHANNELS_RATIO. */
export const HOT_CHANNELS_RATIO = 2;
export const CHANNELS_NUMBER = 10_000;

const UNDERSCORE = 95;

/** getBaseUrl: https://www.nexmark.com/<3-4 chars>/<3-4 chars>/<3-4 chars>/item.htm?query=1 */
function baseUrl(random: JavaRandom): string {
  return "https://www.nexmark.com/" +
    nextString(random, 5, UNDERSCORE) + "/" +
    nextString(random, 5, UNDERSCORE) + "/" +
    nextString(random, 5, UNDERSCORE) + "/" +
    "item.htm?query=1";
}

/** Integer.reverse: the 32 bits of x in reverse order, as a signed int. */
export function reverseInt32(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) | 0;
}

/** Java's Math.abs(int): wraps for Integer.MIN_VALUE, so channel 1 gets "-2147483648" as there. */
function absInt32(x: number): number {
  return (x < 0 ? -x : x) | 0;
}

export const HOT_URLS: readonly string[] = Object.freeze(
  HOT_CHANNELS.map((_, i) => baseUrl(new JavaRandom(-1 - i))),
);

const channelNames: (string | undefined)[] = new Array(CHANNELS_NUMBER).fill(undefined);
const channelUrls: (string | undefined)[] = new Array(CHANNELS_NUMBER).fill(undefined);

function fillChannel(channel: number): void {
  const random = new JavaRandom(channel);
  let url = baseUrl(random);
  // 9 in 10 channel URLs carry the channel id (q21 extracts it with a regular expression).
  if (random.nextIntBelow(10) > 0) url = url + "&channel_id=" + absInt32(reverseInt32(channel));
  channelNames[channel] = "channel-" + channel;
  channelUrls[channel] = url;
}

/** Name of cold channel `channel` in [0, CHANNELS_NUMBER). */
export function channelName(channel: number): string {
  const name = channelNames[channel];
  if (name !== undefined) return name;
  fillChannel(channel);
  return channelNames[channel]!;
}

/** URL of cold channel `channel`; call after channelName (which fills the cache entry). */
export function channelUrl(channel: number): string {
  const url = channelUrls[channel];
  if (url !== undefined) return url;
  fillChannel(channel);
  return channelUrls[channel]!;
}
