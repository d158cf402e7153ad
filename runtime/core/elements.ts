// Control elements that travel in-band with the records through channels.
import type { RecordBatch } from "./record-batch.js";

export interface WatermarkElement { readonly kind: "watermark"; readonly timestamp: number }
/** An input that goes idle stops holding back the combined watermark (Flink's WatermarkStatus). */
export interface WatermarkStatusElement { readonly kind: "watermark-status"; readonly idle: boolean }
export interface BarrierElement {
  readonly kind: "barrier";
  readonly checkpointId: number;
  readonly timestamp: number;
  readonly savepoint: boolean;
}
export interface EndOfInputElement { readonly kind: "end-of-input" }

export type ControlElement = WatermarkElement | WatermarkStatusElement | BarrierElement | EndOfInputElement;

/** What a channel carries: a batch of records or one control element. */
export type ChannelEntry = RecordBatch | ControlElement;

export const END_OF_INPUT: EndOfInputElement = Object.freeze({ kind: "end-of-input" });
export const IDLE: WatermarkStatusElement = Object.freeze({ kind: "watermark-status", idle: true });
export const ACTIVE: WatermarkStatusElement = Object.freeze({ kind: "watermark-status", idle: false });

export function watermark(timestamp: number): WatermarkElement {
  return { kind: "watermark", timestamp };
}

export function isControl(entry: ChannelEntry): entry is ControlElement {
  return (entry as ControlElement).kind !== undefined;
}
