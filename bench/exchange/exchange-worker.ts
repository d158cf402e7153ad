// One side of the exchange benchmark, in its own worker thread (see exchange.bench.ts). The producer keys Nexmark
// bids by auction through a RecordWriter onto two output channels, checking for room once per batch as a subtask
// does; the consumer reads both channels as an input gate does and touches every record. The channel kind is the
// variant: SharedArrayBuffer rings (the runtime's) with the generic codec or with the codec the compiler generates for
// the Nexmark bid schema, or one of two postMessage baselines measured the same way.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type ChannelEntry, END_OF_INPUT, isControl } from "../../runtime/core/elements.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { createChannelSelector } from "../../runtime/graph/partitioner.js";
import { compileBatchCodec } from "./compile-batch-codec.js";
import { NEXMARK_TABLES } from "../../compiler/types/nexmark.js";
import { NexmarkGenerator, type Bid } from "../../runtime/connectors/nexmark/index.js";
import { type BatchCodec, genericBatchCodec } from "../../runtime/network/batch-codec.js";
import { schemaBatchCodec } from "../../runtime/network/schema-batch-codec.js";
import type { InputChannel, OutputChannel } from "../../runtime/network/channel-endpoints.js";
import { Doorbell } from "../../runtime/network/doorbell.js";
import { RingInputChannel, RingOutputChannel, type RingSpec } from "../../runtime/network/shared-ring-channel.js";
import { RecordWriter } from "../../runtime/scheduler/record-writer.js";
import { TcpExchange } from "../../runtime/network/tcp/tcp-exchange.js";
import { ColumnsInputChannel, ColumnsOutputChannel, CloneInputChannel, CloneOutputChannel } from "./message-channels.js";

export type Variant = "ring" | "ring-schema" | "tcp" | "clone" | "columns";

/** The codec of a ring variant in this worker: the generic one, or the bid schema's as the compiler generates it. */
function ringCodec(variant: Variant): BatchCodec {
  return variant === "ring-schema" ? schemaBatchCodec(compileBatchCodec(NEXMARK_TABLES.get("bid")!)) : genericBatchCodec;
}

export interface ExchangeSetup {
  readonly role: "producer" | "consumer";
  readonly variant: Variant;
  readonly batchSize: number;
  /** Distinct bids the producer cycles through. */
  readonly poolSize: number;
  readonly rings: readonly RingSpec[];
  /** postMessage variants: one port per channel (the producer's ends or the consumer's). */
  readonly ports: readonly MessagePort[];
  /** Batches consumed per channel (postMessage variants' flow control). */
  readonly consumed: SharedArrayBuffer;
  readonly producerBell: SharedArrayBuffer;
  readonly consumerBell: SharedArrayBuffer;
  /** tcp: Int32 [0] = the consumer's loopback port, written before it reports ready. */
  readonly tcpPort: SharedArrayBuffer;
  /** tcp: batches in flight per channel (the credits a consumer grants). */
  readonly tcpCredits: number;
}

/** A round: the producer sends `records` bids (then END_OF_INPUT), the consumer reads until both channels end. */
export interface RoundRequest { readonly round: number; readonly records: number }
export interface ProducerReport { readonly round: number; readonly startedAt: number; readonly auctionSum: number; readonly bytes: number; readonly overflowed: number }
export interface ConsumerReport { readonly round: number; readonly endedAt: number; readonly records: number; readonly auctionSum: number; readonly touched: number }

const setup = (workerData as { data: ExchangeSetup }).data;
const producerBell = Doorbell.attach(setup.producerBell);
const consumerBell = Doorbell.attach(setup.consumerBell);
const consumed = new Int32Array(setup.consumed);
const now = (): number => performance.timeOrigin + performance.now();
/** How long a side watches its doorbell before it sleeps (Doorbell.spinFor), EXCHANGE_SPIN µs: 0, 200 and 1000 gave the same wall time and 0 the least CPU. */
const SPIN_MICROS = Number(process.env["EXCHANGE_SPIN"] ?? 0);

function bidPool(size: number): Bid[] {
  const generator = new NexmarkGenerator({});
  const bids: Bid[] = [];
  while (bids.length < size) {
    const event = generator.next();
    if (event.type === 2) bids.push(event.bid);
  }
  return bids;
}

/** The tcp variant's output ends: connected once the consumer listens (main starts rounds only after both are ready). */
async function tcpOutputs(codec: BatchCodec): Promise<OutputChannel[]> {
  const port = new Int32Array(setup.tcpPort)[0]!;
  const exchange = new TcpExchange();
  return Promise.all([0, 1].map((c) => exchange.openOutput(`bids[0]->sink[${c}]`, { host: "127.0.0.1", port }, codec, setup.tcpCredits, () => producerBell.ring())));
}

async function produce(): Promise<void> {
  const codec = ringCodec(setup.variant);
  let channels: OutputChannel[] = setup.variant === "tcp" ? [] : setup.rings.length > 0
    ? setup.rings.map((spec) => new RingOutputChannel(spec, codec, consumerBell))
    : setup.ports.map((port, c) => (setup.variant === "clone" ? new CloneOutputChannel(`clone-${c}`, port, consumed, c) : new ColumnsOutputChannel(`columns-${c}`, port, consumed, c)));
  const selector = createChannelSelector({ kind: "hash", keySelector: (b: Bid) => b.auction }, 2, 128, 0, 0);
  const pool = bidPool(setup.poolSize);
  const bytes = (): number => channels.reduce((sum, ch) => sum + ((ch as { bytesSent?: number }).bytesSent ?? 0), 0);
  const overflowed = (): number => channels.reduce((sum, ch) => sum + ((ch as { overflowed?: number }).overflowed ?? 0), 0);

  /** Sleeps on the producer's doorbell until every channel has room (the check a subtask makes per slice). */
  async function untilAvailable(writer: RecordWriter): Promise<void> {
    for (;;) {
      const seen = producerBell.current();
      if (writer.isAvailable()) return;
      if (!producerBell.spinFor(seen, SPIN_MICROS)) await producerBell.waitFor(seen, 100);
    }
  }

  parentPort!.on("message", (request: RoundRequest) => {
    void (async () => {
      if (setup.variant === "tcp" && channels.length === 0) channels = await tcpOutputs(codec);
      const writer = new RecordWriter(channels, selector, setup.batchSize);
      const bytesBefore = bytes();
      const overflowedBefore = overflowed();
      const startedAt = now();
      let auctionSum = 0;
      let next = 0;
      for (let sent = 0; sent < request.records; ) {
        await untilAvailable(writer);
        const end = Math.min(request.records, sent + setup.batchSize);
        for (; sent < end; sent++) {
          const bid = pool[next]!;
          next = next + 1 === pool.length ? 0 : next + 1;
          auctionSum += bid.auction;
          writer.push(bid, bid.dateTime);
        }
      }
      writer.endOfInput();
      await untilAvailable(writer);
      const report: ProducerReport = { round: request.round, startedAt, auctionSum, bytes: bytes() - bytesBefore, overflowed: overflowed() - overflowedBefore };
      parentPort!.postMessage(report);
    })();
  });
}

async function tcpInputs(codec: BatchCodec): Promise<InputChannel[]> {
  const exchange = new TcpExchange();
  const { port } = await exchange.listen();
  new Int32Array(setup.tcpPort)[0] = port;
  return [0, 1].map((c) => exchange.openInput(`bids[0]->sink[${c}]`, codec, setup.tcpCredits, () => consumerBell.ring()));
}

async function consume(): Promise<void> {
  const codec = ringCodec(setup.variant);
  const channels: InputChannel[] = setup.variant === "tcp" ? await tcpInputs(codec) : setup.rings.length > 0
    ? setup.rings.map((spec) => new RingInputChannel(spec, codec, producerBell))
    : setup.ports.map((port, c) => (setup.variant === "clone" ? new CloneInputChannel(`clone-${c}`, port, consumed, c, producerBell, consumerBell) : new ColumnsInputChannel(`columns-${c}`, port, consumed, c, producerBell, consumerBell)));

  parentPort!.on("message", (request: RoundRequest) => {
    void (async () => {
      let records = 0;
      let auctionSum = 0;
      let touched = 0;
      let ended = 0;
      for (const ch of channels) ch.ended = false;
      while (ended < channels.length) {
        const seen = consumerBell.current();
        let progress = false;
        for (const ch of channels) {
          if (ch.ended) continue;
          const entry: ChannelEntry | undefined = ch.poll();
          if (entry === undefined) continue;
          progress = true;
          if (isControl(entry)) {
            if (entry === END_OF_INPUT || entry.kind === "end-of-input") {
              ch.ended = true;
              ended++;
            }
            continue;
          }
          const values = entry.values as Bid[];
          const n = entry.length;
          for (let i = 0; i < n; i++) {
            const bid = values[i]!;
            auctionSum += bid.auction;
            touched += bid.extra.length + bid.channel.length;
          }
          records += n;
          entry.length = 0;
          if (ch.recycled.length < 4) ch.recycled.push(entry as RecordBatch);
        }
        // why wait only after a pass that found nothing: the bell rang for whatever arrived since `seen`
        if (!progress && !consumerBell.spinFor(seen, SPIN_MICROS)) await consumerBell.waitFor(seen, 100);
      }
      const report: ConsumerReport = { round: request.round, endedAt: now(), records, auctionSum, touched };
      parentPort!.postMessage(report);
    })();
  });
}

if (setup.role === "producer") await produce();
else await consume();
parentPort!.postMessage("ready");
