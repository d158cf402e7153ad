// The channel factory (Timely Dataflow's allocators): the execution graph asks it for the channel between two
// subtasks, and it answers with an in-thread channel when both run in this thread, or the local end of a channel to
// another worker. The cluster adds a factory whose ends cross processes.
import type { BatchCodecFactory } from "../graph/transformation.js";
import { Channel } from "../scheduler/channel.js";
import type { InputChannel, OutputChannel } from "./channel-endpoints.js";

export interface ChannelEnds {
  /** The end the producer writes to, when the producer runs in this thread. */
  readonly output: OutputChannel | null;
  /** The end the consumer reads from, when the consumer runs in this thread. */
  readonly input: InputChannel | null;
}

export interface ChannelFactory {
  /** Whether subtask `index` of vertex `vertexId` runs in this thread. */
  isLocal(vertexId: number, index: number): boolean;
  /**
   * The ends of channel `id` that live in this thread (see runtime/graph/deployment.ts for ids). `codec` makes the
   * codec of the records on the channel where it crosses threads (the edge's, see DataStream.withBatchCodec); null:
   * the generic codec.
   */
  open(id: string, producerLocal: boolean, consumerLocal: boolean, codec: BatchCodecFactory | null): ChannelEnds;
}

/** Every subtask in this thread: every channel is an in-thread queue of batches. */
export class InThreadChannelFactory implements ChannelFactory {
  constructor(private readonly capacity: number) {}

  isLocal(): boolean {
    return true;
  }

  open(id: string): ChannelEnds {
    const channel = new Channel(id, this.capacity);
    return { output: channel, input: channel };
  }
}
