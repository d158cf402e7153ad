// The Nexmark benchmark: each query of dsl-examples/nexmark compiled and run on one core, reported as events per
// second per core (CPU time of the process, as nexmark counts: all generated events, person + auction + bid), once
// with the generator in the loop and once on pre-generated input (the engine alone: each view source replaced by an
// array of its records).
import { nexmark } from "../../runtime/index.js";
import { formatRate, saveResult } from "../harness.js";
import { bestRate } from "./cpu.js";
import { QUERIES, loadQuery, type QueryName } from "./queries.js";

export interface NexmarkOptions {
  readonly queries?: readonly QueryName[];
  /** Events per run (default 1,000,000; queries with unbounded state run on a fifth of them). */
  readonly events?: number;
  readonly quick?: boolean;
}

export interface QueryResult {
  readonly query: QueryName;
  readonly events: number;
  readonly outputs: number;
  /** Events per CPU second with the generator in the measured loop. */
  readonly withGenerator: number;
  /** Events per CPU second on pre-generated input (null when skipped). */
  readonly engineOnly: number | null;
}

/** Goals of the Nexmark issue, events/s/core with the generator (q1 also has peer goals, see bench/peers). */
export const GOALS: Readonly<Partial<Record<QueryName, number>>> = { q0: 1e6, q1: 1e6, q2: 1e6, q5: 4e5, q7: 2e5, q8: 4e5, q11: 2e5 };

/** Queries whose state grows with the input (regular joins, per-key top-n over all bids): run on fewer events. */
const UNBOUNDED_STATE = new Set<QueryName>(["q3", "q4", "q9", "q18", "q19", "q20"]);

/** The views of `events` generated events, as the pre-generated replacement sources. */
function pregenerate(events: number): Record<"person" | "auction" | "bid", unknown[]> {
  const generator = new nexmark.NexmarkGenerator(nexmark.splitConfig({ maxEvents: events }, 1)[0]!);
  const views = { person: [] as unknown[], auction: [] as unknown[], bid: [] as unknown[] };
  while (generator.hasNext()) {
    const e = generator.next();
    if (e.type === 0) views.person.push(e.person);
    else if (e.type === 1) views.auction.push(e.auction);
    else views.bid.push(e.bid);
  }
  return views;
}

export async function runNexmark(options: NexmarkOptions = {}): Promise<QueryResult[]> {
  const quick = options.quick === true;
  const full = options.events ?? (quick ? 200_000 : 1_000_000);
  const queries = options.queries ?? QUERIES;
  const results: QueryResult[] = [];
  const cache = new Map<number, ReturnType<typeof pregenerate>>();
  const views = (n: number) => {
    let v = cache.get(n);
    if (v === undefined) cache.set(n, (v = pregenerate(n)));
    return v;
  };
  for (const name of queries) {
    const events = UNBOUNDED_STATE.has(name) && options.events === undefined ? Math.round(full / 5) : full;
    const query = await loadQuery(name);
    let outputs = 0;
    const warmup = quick ? 0 : 1;
    const repeat = quick ? 1 : 2;
    // A warm-up on a fifth of the events lets V8 optimise the generated code before the timed runs.
    if (!quick) await query.run({ nexmark: { maxEvents: Math.max(1, Math.round(events / 5)) } });
    const gen = await bestRate(events, async () => { outputs = (await query.run({ nexmark: { maxEvents: events } })).records; }, warmup > 0 ? 0 : 0, repeat);
    let engineOnly: number | null = null;
    if (name !== "q12") {
      const input = views(events);
      const sources = Object.fromEntries(query.sources.map((s) => [s, input[s as keyof typeof input]]));
      engineOnly = (await bestRate(events, () => query.run({ sources }), 0, repeat)).perCpuSecond;
    }
    const result: QueryResult = { query: name, events, outputs, withGenerator: gen.perCpuSecond, engineOnly };
    results.push(result);
    console.log(`${name.padEnd(4)} ${formatRate(result.withGenerator).padStart(11)} with generator  ${engineOnly === null ? "".padStart(11) : formatRate(engineOnly).padStart(11)} engine only  (${events.toLocaleString("en-US")} events → ${outputs.toLocaleString("en-US")} rows)`);
  }
  return results;
}

export function printNexmarkTable(results: readonly QueryResult[]): void {
  console.log("\nNexmark on one core — events/s per core (CPU time; all events counted, generator included unless noted)");
  console.log(`${"query".padEnd(6)}${"events".padStart(11)}${"with gen".padStart(13)}${"engine only".padStart(13)}${"goal".padStart(11)}  status`);
  for (const r of results) {
    const goal = GOALS[r.query];
    const status = goal === undefined ? "" : r.withGenerator >= goal ? "met" : `missed (${(r.withGenerator / goal * 100).toFixed(0)}%)`;
    console.log(`${r.query.padEnd(6)}${r.events.toLocaleString("en-US").padStart(11)}${formatRate(r.withGenerator).padStart(13)}${(r.engineOnly === null ? "—" : formatRate(r.engineOnly)).padStart(13)}${(goal === undefined ? "" : formatRate(goal)).padStart(11)}  ${status}`);
  }
}

export function saveNexmark(results: readonly QueryResult[], quick: boolean): string {
  return saveResult(quick ? "nexmark-quick" : "nexmark", { unit: "events per CPU second (one core)", goals: GOALS, results });
}
