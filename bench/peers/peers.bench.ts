// Eddy against peers in the same process on the same pre-generated bids: RxJS, @most/core, Node object-mode
// streams and a hand-written loop, for q0, q1, q2 and a keyed tumbling count (q12 on event time). Rates are bids
// per CPU second; the ratio Eddy / peer > 1 means Eddy is faster.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { compile, EDDY_ROOT } from "../../compiler/compile.js";
import { nexmark } from "../../runtime/index.js";
import { formatRate, saveResult } from "../harness.js";
import { bestRate } from "../nexmark/cpu.js";
import { loopRun, mostRun, nodeStreamsRun, rxRun, WORKLOADS, type Workload } from "./workloads.js";

type Factory = (o: Record<string, unknown>) => { run(): Promise<unknown> };

async function loadEddy(): Promise<Record<Workload, Factory>> {
  const file = join(EDDY_ROOT, "bench", "peers", "peers.flow");
  const result = compile(readFileSync(file, "utf8"), file);
  if (!result.ok) throw new Error("peers.flow does not compile");
  const dir = mkdtempSync(join(tmpdir(), "eddy-peers-"));
  try {
    writeFileSync(join(dir, "job.mjs"), await bundleJob({ files: result.files, outDir: result.options.outDir }));
    return (await import(pathToFileURL(join(dir, "job.mjs")).href)) as Record<Workload, Factory>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PeerRow {
  readonly workload: Workload;
  /** Bids per CPU second by implementation. */
  readonly rates: Readonly<Record<string, number>>;
  /** Eddy's rate divided by each peer's. */
  readonly ratios: Readonly<Record<string, number>>;
}

export async function runPeers(options: { bids?: number; quick?: boolean } = {}): Promise<PeerRow[]> {
  const quick = options.quick === true;
  // why: 1M events (920k bids) give the same rates within noise as 2M, in half the time of the full run
  const events = options.bids ?? (quick ? 300_000 : 1_000_000);
  const generator = new nexmark.NexmarkGenerator({ maxEvents: events });
  const bids: nexmark.Bid[] = [];
  while (generator.hasNext()) { const e = generator.next(); if (e.type === 2) bids.push(e.bid); }
  const eddy = await loadEddy();
  const fold = (sum: number, r: { price?: number; auction?: number; n?: number }) => sum + (r.price ?? 0) + (r.auction ?? 0) + (r.n ?? 0);
  const eddyRun = async (w: Workload) => {
    let sum = 0;
    const sink = (r: { price?: number; auction?: number; n?: number }) => void (sum = fold(sum, r));
    // why workers: 1 — the peers run in this thread; on the pool the bids would be copied to a worker per run
    await eddy[w]({ workers: 1, sources: { bid: bids }, sinks: { bids: sink, euros: sink, selected: sink, counts: sink } }).run();
    return sum;
  };
  const impls: Record<string, (w: Workload) => number | Promise<number>> = {
    eddy: eddyRun,
    loop: (w) => loopRun(w, bids),
    rxjs: (w) => rxRun(w, bids),
    most: (w) => mostRun(w, bids),
    "node streams": (w) => nodeStreamsRun(w, bids),
  };
  const rows: PeerRow[] = [];
  for (const w of WORKLOADS) {
    // 1. every implementation computes the same checksum
    const expected = loopRun(w, bids);
    for (const [name, run] of Object.entries(impls)) {
      const got = await run(w);
      if (Math.abs(got - expected) > 1e-6 * Math.abs(expected)) throw new Error(`${name} computes ${got} for ${w}, the loop ${expected}`);
    }
    // 2. rates; the checksum run of step 1 was each implementation's first warm-up
    const rates: Record<string, number> = {};
    for (const [name, run] of Object.entries(impls)) {
      rates[name] = (await bestRate(bids.length, () => run(w), quick ? 0 : 2, quick ? 2 : 5)).perCpuSecond;
    }
    const ratios: Record<string, number> = {};
    for (const name of Object.keys(impls)) if (name !== "eddy") ratios[name] = rates.eddy! / rates[name]!;
    rows.push({ workload: w, rates, ratios });
    console.log(`${w.padEnd(6)} ${Object.entries(rates).map(([k, v]) => `${k} ${formatRate(v)}`).join(" · ")}`);
  }
  return rows;
}

export function printPeers(rows: readonly PeerRow[]): void {
  const names = Object.keys(rows[0]?.rates ?? {});
  console.log("\nPeers — bids per CPU second on pre-generated bids; ratio = Eddy / peer");
  console.log(`${"workload".padEnd(9)}${names.map((n) => n.padStart(14)).join("")}${names.filter((n) => n !== "eddy").map((n) => `÷${n}`.padStart(14)).join("")}`);
  for (const r of rows) {
    console.log(`${r.workload.padEnd(9)}${names.map((n) => formatRate(r.rates[n]!).padStart(14)).join("")}${names.filter((n) => n !== "eddy").map((n) => r.ratios[n]!.toFixed(2).padStart(14)).join("")}`);
  }
}

export function savePeers(rows: readonly PeerRow[], quick: boolean): string {
  return saveResult(quick ? "peers-quick" : "peers", { unit: "bids per CPU second", rows });
}
