// The head of a chain that has no input channels and is polled for records by its subtask instead: a source, or an
// iteration head (which reads what the iteration's tails feed back in the same thread).
import type { InputStatus } from "../connectors/source.js";
import type { StreamOperator } from "./operator.js";

export interface PolledOperator<OUT = unknown> extends StreamOperator<OUT> {
  readonly polled: true;
  /** Emits at most `max` records downstream; END_OF_INPUT once it never will again. */
  emitNext(max: number): InputStatus;
  /**
   * How many batches' worth of records one `emitNext` may read (1 when absent). More than one only when nothing is
   * batched behind it — records go straight into a sink's function — so a bigger poll holds no more in memory; the
   * subtask caps it at what is left of its slice and counts it as that many polls, so a slice reads as many records
   * as before (checkpoint barriers and cancellation wait no longer).
   */
  batchesPerPoll?(): number;
  /** After NOTHING_AVAILABLE: resolves when `emitNext` may have records again. */
  isAvailable(): Promise<void>;
  /** After END_OF_INPUT: the last watermark, before the end of input goes downstream. */
  emitFinalWatermark(): void;
}

export function isPolledOperator(op: StreamOperator<unknown>): op is PolledOperator<unknown> {
  return (op as Partial<PolledOperator<unknown>>).polled === true;
}
