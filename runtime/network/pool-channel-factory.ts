// The channel factory of a worker of the pool: in-thread channels between two of its own subtasks, the local end of a
// shared-memory ring for a channel to or from another worker (the rings are allocated by the job's thread and sent
// with the deployment, so both ends attach to the same memory). A ring end encodes with the codec of its edge
// (DataStream.withBatchCodec: one instance per codec factory in this worker) or else the worker's generic codec. A
// subtask that may move between workers (work stealing, placement.movable) has a copy on every worker and rings for
// all its channels, even to a subtask of the same worker, since the two may not stay together. On a TaskManager, a
// channel to or from a worker of another process is a TCP end of the worker's exchange (network/tcp), credit-based
// like the rings are bounded; its news rings this worker's own doorbell.
import type { Placement } from "../graph/deployment.js";
import type { BatchCodecFactory } from "../graph/transformation.js";
import { Channel } from "../scheduler/channel.js";
import type { BatchCodec } from "./batch-codec.js";
import type { ChannelEnds, ChannelFactory } from "./channel-factory.js";
import type { Doorbell } from "./doorbell.js";
import type { SchemaBatchCodec } from "./schema-batch-codec.js";
import { RingInputChannel, RingOutputChannel } from "./shared-ring-channel.js";
import type { RemoteChannel } from "../scheduler/pool/protocol.js";
import type { TcpExchange } from "./tcp/tcp-exchange.js";

/** A cross-worker channel as the deployment describes it. */
export interface RingDescription {
  readonly buffer: SharedArrayBuffer;
  readonly producerWorker: number;
  readonly consumerWorker: number;
}

export class PoolChannelFactory implements ChannelFactory {
  private readonly outputs: { readonly recordsSent: number; readonly bytesSent: number }[] = [];
  /** The codec each factory made (its ends in this thread take turns with one instance, as with the generic codec). */
  private readonly codecs = new Map<BatchCodecFactory, BatchCodec>();
  /** The name of the codec of each ring end opened here, by channel id: "generic" or the schema's (tests, explain). */
  readonly codecNames = new Map<string, string>();

  constructor(
    private readonly worker: number,
    private readonly placement: Placement,
    private readonly rings: Readonly<Record<string, RingDescription>>,
    private readonly bells: readonly Doorbell[],
    private readonly codec: BatchCodec,
    private readonly capacity: number,
    /** Channels whose other end is in another process, and this worker's exchange for them (TaskManagers only). */
    private readonly network: { readonly remote: Readonly<Record<string, RemoteChannel>>; readonly exchange: TcpExchange } | null = null,
  ) {}

  isLocal(vertexId: number, index: number): boolean {
    return this.placement.workerOf[vertexId]![index] === this.worker || this.placement.movable[vertexId] === true;
  }

  open(id: string, producerLocal: boolean, consumerLocal: boolean, codecFactory: BatchCodecFactory | null = null): ChannelEnds {
    const remote = this.network?.remote[id];
    if (remote !== undefined) return this.openRemote(id, remote, producerLocal, consumerLocal, codecFactory);
    const ring = this.rings[id];
    if (producerLocal && consumerLocal && ring === undefined) {
      const channel = new Channel(id, this.capacity);
      return { output: channel, input: channel };
    }
    if (ring === undefined) throw new Error(`internal: no ring was allocated for channel ${id} (worker ${this.worker})`);
    const spec = { id, buffer: ring.buffer };
    const codec = this.codecFor(codecFactory);
    this.codecNames.set(id, codec.name);
    let output: RingOutputChannel | null = null;
    if (producerLocal) {
      output = new RingOutputChannel(spec, codec, this.bells);
      this.outputs.push(output);
    }
    return { output, input: consumerLocal ? new RingInputChannel(spec, codec, this.bells) : null };
  }

  private openRemote(id: string, remote: RemoteChannel, producerLocal: boolean, consumerLocal: boolean, codecFactory: BatchCodecFactory | null): ChannelEnds {
    const { exchange } = this.network!;
    const codec = this.codecFor(codecFactory);
    this.codecNames.set(id, codec.name);
    const bell = this.bells[this.worker]!;
    const wake = () => bell.ring();
    if (producerLocal) {
      if (remote.peer === null) throw new Error(`internal: channel ${id} is written on worker ${this.worker} but has no consumer address`);
      const output = exchange.openConnectedOutput(remote.tcpId, remote.peer, codec, this.capacity, wake);
      this.outputs.push(output);
      return { output, input: null };
    }
    if (!consumerLocal) throw new Error(`internal: channel ${id} has neither end on worker ${this.worker}`);
    return { output: null, input: exchange.openInput(remote.tcpId, codec, this.capacity, wake) };
  }

  private codecFor(factory: BatchCodecFactory | null): BatchCodec {
    if (factory === null) return this.codec;
    let codec = this.codecs.get(factory);
    if (codec === undefined) this.codecs.set(factory, (codec = factory()));
    return codec;
  }

  /** Batches this worker's schema codecs encoded in their own format and those that did not fit (metrics). */
  schemaCodecBatches(): { readonly schema: number; readonly fallback: number } {
    let schema = 0;
    let fallback = 0;
    // why not instanceof: a job module bundled with its own copy of the runtime makes codecs of that copy's class
    for (const codec of this.codecs.values() as Iterable<BatchCodec & Partial<Pick<SchemaBatchCodec, "schemaBatches" | "fallbackBatches">>>) {
      schema += codec.schemaBatches ?? 0;
      fallback += codec.fallbackBatches ?? 0;
    }
    return { schema, fallback };
  }

  /** Records this worker sent to other workers so far (exchange metrics). */
  recordsSent(): number {
    let n = 0;
    for (const o of this.outputs) n += o.recordsSent;
    return n;
  }

  bytesSent(): number {
    let n = 0;
    for (const o of this.outputs) n += o.bytesSent;
    return n;
  }
}
