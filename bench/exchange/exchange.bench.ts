// The cross-thread exchange end to end: a keyBy shuffle of Nexmark bids (hash on auction, two channels) from a
// producer worker to a consumer worker. The producer runs a RecordWriter (partitioning, batching, the room check a
// subtask makes); the consumer decodes into RecordBatches and touches every record. Reported: wall ns per record from
// the producer's first record to the consumer's last, bytes per record, and the process's CPU ns per record (both
// workers together). The rings run twice: with the runtime's generic codec (`ring`) and with the codec the compiler
// generates for the Nexmark bid schema (`ring-schema`, compiler/emit/batch-codec-code.ts). Baselines in the same run:
// postMessage of each batch's bid objects (structured clone) and of transferred Float64Array columns with one joined
// string per string field. Goal for the rings: ≤ 30 ns/record.
//   npm run bench -- exchange [--quick] [--records n]
// The bids come from a pool the producer cycles through (their generation would dominate); results go to
// bench/results/exchange.json.
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { Doorbell } from "../../runtime/network/doorbell.js";
import { allocateRing } from "../../runtime/network/shared-ring-channel.js";
import { saveResult } from "../harness.js";
import { type CostRow, measureExchangeCosts } from "./exchange-costs.js";
import type { ConsumerReport, ExchangeSetup, ProducerReport, Variant } from "./exchange-worker.js";

export interface ExchangeRow {
  readonly variant: Variant;
  readonly description: string;
  readonly records: number;
  /** Best round: wall time per record, ns. */
  readonly nsPerRecord: number;
  /** Median round. */
  readonly medianNsPerRecord: number;
  /** Bytes crossing per record (the ring's frames; the columns' buffers and strings; not measured for clone). */
  readonly bytesPerRecord: number | null;
  /** CPU of the whole process per record in the best round, ns (both workers; the main thread only waits). */
  readonly cpuNsPerRecord: number;
  readonly roundsNs: readonly number[];
}

const DESCRIPTIONS: Record<Variant, string> = {
  ring: "SharedArrayBuffer rings, columnar batch codec (runtime)",
  "ring-schema": "SharedArrayBuffer rings, the codec generated for the bid schema (compiler/emit/batch-codec-code.ts)",
  tcp: "TCP over loopback between the two workers, columnar batch codec, credit-based flow control (runtime/network/tcp)",
  columns: "postMessage, transferred Float64Array columns + joined strings",
  clone: "postMessage, structured clone of the bid objects",
};

// why eval: workers do not run the process's --import preloads (tsx among them), so this registers tsx's loader
// through its API before importing the TypeScript worker module
const BOOTSTRAP = `const { workerData } = require("node:worker_threads");
(async () => {
  (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { console.error("exchange worker: " + (e && e.stack || e)); process.exit(70); });`;

function start(data: ExchangeSetup, transfer: readonly MessagePort[]): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: import.meta.resolve("tsx/esm/api"), entry: new URL("./exchange-worker.ts", import.meta.url).href, data },
    transferList: [...transfer],
    name: `exchange-${data.role}`,
  });
}

function next<T>(worker: Worker, accept: (m: unknown) => m is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (!accept(m)) return;
      worker.off("message", onMessage);
      worker.off("error", reject);
      resolve(m);
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
  });
}

const isReady = (m: unknown): m is "ready" => m === "ready";
const isReport = (round: number) => <T extends { round: number }>(m: unknown): m is T => typeof m === "object" && m !== null && (m as T).round === round;

async function runVariant(variant: Variant, options: { records: number; rounds: number; batchSize: number; ringBytes: number; poolSize: number }): Promise<ExchangeRow> {
  const channels = 2;
  const ringVariant = variant === "ring" || variant === "ring-schema";
  const rings = ringVariant ? Array.from({ length: channels }, (_, c) => allocateRing(`bids[0]->sink[${c}]`, options.ringBytes)) : [];
  const pipes = ringVariant || variant === "tcp" ? [] : Array.from({ length: channels }, () => new MessageChannel());
  const base = {
    variant, batchSize: options.batchSize, poolSize: options.poolSize, rings,
    consumed: new SharedArrayBuffer(4 * channels), producerBell: Doorbell.create().buffer, consumerBell: Doorbell.create().buffer,
    tcpPort: new SharedArrayBuffer(4), tcpCredits: Math.max(4, Math.floor(options.ringBytes / (options.batchSize * 128))),
  };
  const producer = start({ ...base, role: "producer", ports: pipes.map((p) => p.port1) }, pipes.map((p) => p.port1));
  const consumer = start({ ...base, role: "consumer", ports: pipes.map((p) => p.port2) }, pipes.map((p) => p.port2));
  try {
    await Promise.all([next(producer, isReady), next(consumer, isReady)]);
    const rounds: { ns: number; cpuNs: number; bytes: number }[] = [];
    // round 0 warms up the JIT of both workers and is not counted
    for (let round = 0; round <= options.rounds; round++) {
      const cpuBefore = process.cpuUsage();
      const done = Promise.all([next(producer, isReport(round)<ProducerReport>), next(consumer, isReport(round)<ConsumerReport>)]);
      consumer.postMessage({ round, records: options.records });
      producer.postMessage({ round, records: options.records });
      const [sent, received] = await done;
      const cpu = process.cpuUsage(cpuBefore);
      if (received.records !== options.records || received.auctionSum !== sent.auctionSum) {
        throw new Error(`exchange ${variant}: ${received.records} records arrived of ${options.records}, auction sums ${received.auctionSum} vs ${sent.auctionSum}`);
      }
      if (round === 0) continue;
      if (sent.overflowed > 0) console.log(`  round ${round}: ${sent.overflowed} batches found the ring full and waited in the overflow`);
      rounds.push({ ns: ((received.endedAt - sent.startedAt) * 1e6) / options.records, cpuNs: ((cpu.user + cpu.system) * 1e3) / options.records, bytes: sent.bytes / options.records });
    }
    const sorted = [...rounds].sort((a, b) => a.ns - b.ns);
    const best = sorted[0]!;
    return {
      variant,
      description: DESCRIPTIONS[variant],
      records: options.records,
      nsPerRecord: best.ns,
      medianNsPerRecord: sorted[Math.floor(sorted.length / 2)]!.ns,
      bytesPerRecord: best.bytes > 0 ? best.bytes : null,
      cpuNsPerRecord: best.cpuNs,
      roundsNs: rounds.map((r) => r.ns),
    };
  } finally {
    await Promise.all([producer.terminate(), consumer.terminate()]);
  }
}

export interface ExchangeResult {
  readonly rows: readonly ExchangeRow[];
  /** The ring variant's steps, each alone in one thread. */
  readonly costs: readonly CostRow[];
}

export async function runExchange(options: { quick?: boolean; records?: number; variants?: readonly Variant[] } = {}): Promise<ExchangeResult> {
  const quick = options.quick === true;
  const settings = {
    records: options.records ?? (quick ? 500_000 : 2_000_000),
    rounds: quick ? 3 : 5,
    batchSize: 1024,
    ringBytes: 1 << 20,
    poolSize: Number(process.env["EXCHANGE_POOL"] ?? 1 << 16),
  };
  const rows: ExchangeRow[] = [];
  for (const variant of options.variants ?? (["ring", "ring-schema", "tcp", "columns", "clone"] as const)) {
    const row = await runVariant(variant, variant === "clone" ? { ...settings, records: Math.min(settings.records, quick ? 200_000 : 500_000) } : settings);
    console.log(formatRow(row));
    rows.push(row);
  }
  const costs = measureExchangeCosts({ poolSize: settings.poolSize, records: quick ? 100_000 : 200_000, batchSize: settings.batchSize, runs: quick ? 3 : 5 });
  printCosts(costs);
  return { rows, costs };
}

function printCosts(costs: readonly CostRow[]): void {
  console.log("where the time goes (each step alone, CPU ns/record, best run):");
  for (const c of costs) console.log(`  ${c.codec.padEnd(8)} ${c.side.padEnd(8)} ${c.step.padEnd(60)} ${c.ns.toFixed(1).padStart(6)}`);
  for (const codec of [...new Set(costs.map((c) => c.codec))]) {
    // the partition step is the writer's, the same for every codec; the measurement-only row is not a step
    const steps = costs.filter((c) => (c.codec === codec || c.codec === "any") && !c.step.startsWith("("));
    const producer = steps.filter((c) => c.side === "producer").reduce((sum, c) => sum + c.ns, 0);
    const consumer = steps.filter((c) => c.side === "consumer").reduce((sum, c) => sum + c.ns, 0);
    // why the check on steps of its own: a codec with measurement rows only (TaggedBid) has no exchange to total
    if (codec !== "any" && steps.some((c) => c.codec === codec)) console.log(`  ${codec}: producer total ${producer.toFixed(1)}, consumer total ${consumer.toFixed(1)}: the slower side bounds the exchange`);
  }
}

function formatRow(r: ExchangeRow): string {
  const bytes = r.bytesPerRecord === null ? "     –" : r.bytesPerRecord.toFixed(1).padStart(6);
  return `${r.variant.padEnd(8)} ${r.nsPerRecord.toFixed(1).padStart(7)} ns/rec (median ${r.medianNsPerRecord.toFixed(1).padStart(6)})  cpu ${r.cpuNsPerRecord.toFixed(1).padStart(6)} ns/rec  ${bytes} B/rec  ${r.description}`;
}

export function printExchange(result: ExchangeResult): void {
  console.log("\nExchange: keyBy shuffle of Nexmark bids, producer worker → consumer worker (2 channels)");
  for (const r of result.rows) console.log(formatRow(r));
  printCosts(result.costs);
}

export function saveExchange(result: ExchangeResult, quick: boolean): string {
  return saveResult(quick ? "exchange-quick" : "exchange", { goalNsPerRecord: 30, rows: result.rows, costs: result.costs });
}
