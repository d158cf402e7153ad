// The two ends of a channel as the rest of the runtime sees them. A channel between two subtasks of the same
// worker is one object with both ends (runtime/scheduler/channel.ts, arrays of batches); a channel between two
// workers has its output end in the producer's thread and its input end in the consumer's
// (runtime/network/shared-ring-channel.ts); the cluster adds ends over the network. The channel factory
// (channel-factory.ts) decides which a pair of subtasks gets.
import type { ChannelEntry } from "../core/elements.js";
import type { RecordBatch } from "../core/record-batch.js";

/** What a RecordWriter writes to. */
export interface OutputChannel {
  readonly id: string;
  /** Hands an entry over; the channel owns a batch from now on (the writer takes another from `recycled`). */
  push(entry: ChannelEntry): void;
  /** True when the consumer is behind by the channel's capacity: the producer must not run (backpressure). */
  isFull(): boolean;
  /** Empty batches the writer may fill again (saves an allocation per batch). */
  readonly recycled: RecordBatch[];
  /** False while the end holds entries the other end cannot see yet (then its subtask may not move); absent: true. */
  isSettled?(): boolean;
}

/** What an InputGate reads from. */
export interface InputChannel {
  readonly id: string;
  /** The next entry, or undefined when nothing has arrived. */
  poll(): ChannelEntry | undefined;
  isEmpty(): boolean;
  /** Set by the gate once END_OF_INPUT has been read from this channel. */
  ended: boolean;
  /** Batches the consumer is done with; an in-thread channel hands them back to its producer. */
  readonly recycled: RecordBatch[];
  /** False while the end holds part of an entry (then its subtask may not move); absent: true. */
  isSettled?(): boolean;
}
