// The frames of a TCP link between two processes (tcp-link.ts). Every frame starts with a 16-byte header — payload
// length (u32), channel number (u32), kind (u32), 4 bytes of padding — so that a payload that follows it in an
// 8-aligned buffer is 8-aligned too, as the batch codec requires. Channel numbers are given by the producing side: an
// OPEN frame names the channel (its deployment id, UTF-8) before its first entry.

export const HEADER_BYTES = 16;

export const OPEN = 1;
export const BATCH = 2;
export const WATERMARK = 3;
export const STATUS_IDLE = 4;
export const STATUS_ACTIVE = 5;
export const BARRIER = 6;
export const END = 7;
/** Consumer → producer: the payload's u32 is how many more batches the producer may send (Flink's credits). */
export const CREDIT = 8;

export type FrameKind = typeof OPEN | typeof BATCH | typeof WATERMARK | typeof STATUS_IDLE | typeof STATUS_ACTIVE | typeof BARRIER | typeof END | typeof CREDIT;

export function writeHeader(target: Buffer, offset: number, payloadLength: number, channel: number, kind: FrameKind): void {
  target.writeUInt32LE(payloadLength, offset);
  target.writeUInt32LE(channel, offset + 4);
  target.writeUInt32LE(kind, offset + 8);
  target.writeUInt32LE(0, offset + 12);
}

export const align8 = (n: number): number => (n + 7) & ~7;
