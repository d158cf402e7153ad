// CEP benchmark: events/s on one core and retained heap, at the matcher level (strict, relaxed loop, skip strategy) and through the DataStream API and CEP operator.
// Run: npx tsx bench/cep/nfa.bench.ts [events=2000000] [keys=10000] [--long] [--pregenerated] [--only=a,b,c,op] [--repeat=1] [--quick]
//   results of a normal run go to bench/results/cep.json (cep-quick.json with --quick)
//   --long          100M events (or the given count) per matcher case, printing heap and rate every 10M
//   --pregenerated  hold all events in one array first (the original setup; its GC cost grows with N)
//   --repeat=k      measure each row k times and report the best (the machine may be shared)
import v8 from "node:v8";
import vm from "node:vm";
import { AfterMatchSkipStrategy, CEP, Pattern, compilePattern, type Matcher } from "../../cep/index.js";
import { GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../runtime/index.js";
import { saveResult } from "../harness.js";

interface Ev {
  key: number;
  type: number; // 0 = a, 1 = b, 2 = c, 3 = other
  ts: number;
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")).map((a) => a.split("=")[0]));
const positional = args.filter((a) => !a.startsWith("--"));
const LONG = flags.has("--long");
const N = Number(positional[0] ?? (LONG ? 100_000_000 : 2_000_000));
const KEYS = Number(positional[1] ?? 10_000);
const PREGENERATED = flags.has("--pregenerated");
const REPEAT = Number(args.find((a) => a.startsWith("--repeat="))?.slice(9) ?? 1);
const ONLY = args.find((a) => a.startsWith("--only="))?.slice(7).split(",") ?? ["a", "b", "c", "op"];

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Event i, a pure function of i (a 32-bit mix), so a parallel source can produce it too: uniform keys and types, 1 ms apart. */
function eventAt(i: number): Ev {
  let h = Math.imul(i ^ (i >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = (h ^ (h >>> 16)) >>> 0;
  return { key: h % KEYS, type: (h >>> 20) & 3, ts: i };
}

const isA = (e: Ev) => e.type === 0;
const isB = (e: Ev) => e.type === 1;
const isC = (e: Ev) => e.type === 2;
const strict = () => Pattern.begin<Ev>("a").where(isA).next("b").where(isB).next("c").where(isC);
const loop = () => Pattern.begin<Ev>("a").where(isA).followedBy("b").where(isB).oneOrMore().followedBy("c").where(isC).within(10_000);
const loopSkip = () =>
  Pattern.begin<Ev>("a", AfterMatchSkipStrategy.skipPastLastEvent()).where(isA).followedBy("b").where(isB).oneOrMore().followedBy("c").where(isC).within(10_000);

const cases: Array<[id: string, name: string, build: () => Pattern<Ev>]> = [
  ["a", "(a) a next b next c (strict)", strict],
  ["b", "(b) a followedBy b+ followedBy c within 10s", loop],
  ["c", "(c) (b) with skipPastLastEvent", loopSkip],
];

const heapMB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const pregenerated: Ev[] | null = PREGENERATED ? Array.from({ length: N }, (_, i) => eventAt(i)) : null;

interface Outcome {
  /** Events per second of CPU time (all threads of the process: GC and compiler threads count too). */
  rate: number;
  /** Events per second of wall-clock time (lower when other processes compete for the cores). */
  wallRate: number;
  matches: number;
  buffered: number;
  heap: number;
}

/**
 * Drives one matcher per key as the operator does after sorting: advance time (windowed patterns
 * only), then process. `report` is called every `every` events with the rate of that stretch.
 */
function runMatchers(build: () => Pattern<Ev>, count: number, every = 0, report?: (done: number, rate: number, m: Array<Matcher<Ev> | undefined>) => void): Outcome {
  const compiled = compilePattern(build());
  const windowed = compiled.windowTime > 0;
  const matchers: Array<Matcher<Ev> | undefined> = new Array(KEYS);
  let matches = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let cpuLast = cpu0;
  for (let i = 0; i < count; i++) {
    const e = pregenerated !== null ? pregenerated[i]! : eventAt(i);
    const m = (matchers[e.key] ??= compiled.newMatcher());
    if (windowed) matches += m.advanceTime(e.ts).matches.length;
    matches += m.process(e, e.ts).length;
    if (every > 0 && (i + 1) % every === 0) {
      report!(i + 1, every / cpuSeconds(cpuLast), matchers);
      cpuLast = process.cpuUsage();
    }
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(cpu0);
  let buffered = 0;
  for (const m of matchers) if (m !== undefined) buffered += m.bufferSize().events;
  return { rate: count / cpu, wallRate: count / wall, matches, buffered, heap: heapMB() };
}

/** The same stream through the DataStream API: generator source → timestamps/watermarks → keyBy → CEP operator → discarding sink. */
async function runOperator(build: () => Pattern<Ev>, count: number): Promise<Outcome> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const events = env.fromSource(new GeneratorSource(eventAt, count), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "events");
  let matches = 0;
  CEP.pattern(events.keyBy((e) => e.key), build())
    .select((m) => m.size)
    .sinkTo(() => void matches++);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await env.execute("cep-bench");
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { rate: count / cpuSeconds(cpu0), wallRate: count / wall, matches, buffered: Number.NaN, heap: heapMB() };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

/** The best of repeated runs: highest CPU rate, with the best wall rate seen. */
function best(runs: Outcome[]): Outcome {
  const top = runs.reduce((a, b) => (b.rate > a.rate ? b : a));
  return { ...top, wallRate: Math.max(...runs.map((r) => r.wallRate)) };
}

const fmt = (rate: number) => `${(rate / 1e6).toFixed(2)}M`;

if (LONG) {
  console.log(`long run: ${N} events, ${KEYS} keys, node ${process.version}; heap after a full GC every 10M events`);
  for (const [id, name, build] of cases) {
    if (!ONLY.includes(id)) continue;
    console.log(`\n${name}`);
    runMatchers(build, Math.min(N, 1_000_000)); // warm-up
    const total = runMatchers(build, N, 10_000_000, (done, rate, matchers) => {
      let buffered = 0;
      let runs = 0;
      for (const m of matchers) if (m !== undefined) (buffered += m.bufferSize().events), (runs += m.partialMatchCount());
      console.log(`  ${String(done / 1e6).padStart(4)}M events  ${fmt(rate)} ev/s (cpu)  heap ${heapMB().toFixed(0)} MB  buffered events ${buffered}  runs ${runs}`);
    });
    console.log(`  overall ${fmt(total.rate)} ev/s (cpu), ${fmt(total.wallRate)} ev/s (wall), ${total.matches} matches`);
  }
} else {
  const rows: string[][] = [["pattern", "events/s (cpu)", "events/s (wall)", "matches", "heap MB", "buffered events"]];
  const results: { pattern: string; perCpuSecond: number; perWallSecond: number; matches: number; heapMB: number }[] = [];
  for (const [id, name, build] of cases) {
    if (!ONLY.includes(id)) continue;
    runMatchers(build, Math.min(N, 1_000_000)); // warm-up
    const r = best(Array.from({ length: REPEAT }, () => runMatchers(build, N)));
    rows.push([name, fmt(r.rate), fmt(r.wallRate), String(r.matches), r.heap.toFixed(0), String(r.buffered)]);
    results.push({ pattern: name, perCpuSecond: r.rate, perWallSecond: r.wallRate, matches: r.matches, heapMB: r.heap });
  }
  if (ONLY.includes("op")) {
    await runOperator(loop, Math.min(N, 500_000)); // warm-up
    const runs: Outcome[] = [];
    for (let i = 0; i < REPEAT; i++) runs.push(await runOperator(loop, N));
    const r = best(runs);
    const name = "(op) (b) through DataStream API + CepOperator, p=1";
    rows.push([name, fmt(r.rate), fmt(r.wallRate), String(r.matches), r.heap.toFixed(0), "-"]);
    results.push({ pattern: name, perCpuSecond: r.rate, perWallSecond: r.wallRate, matches: r.matches, heapMB: r.heap });
  }
  saveResult(flags.has("--quick") ? "cep-quick" : "cep", { unit: "events per CPU second (one core)", events: N, keys: KEYS, repeat: REPEAT, results });
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
  console.log(`\n${N} events, ${KEYS} keys, ${PREGENERATED ? "pre-generated in one array" : "generated while running"}, best of ${REPEAT}, node ${process.version}`);
}
