// Matcher-level CEP benchmark: events/s on one core and heap for strict, relaxed-loop and skip-strategy patterns over many keys.
// Run: npx tsx bench/cep/nfa.bench.ts [events=2000000] [keys=10000]
import { AfterMatchSkipStrategy, Pattern, compilePattern, type Matcher } from "../../cep/index.js";

interface Ev {
  key: number;
  type: number; // 0 = a, 1 = b, 2 = c, 3 = other
  ts: number;
}

const N = Number(process.argv[2] ?? 2_000_000);
const KEYS = Number(process.argv[3] ?? 10_000);

/** Deterministic events: per key, a skewed mix of a/b/c/other, 1 ms apart globally. */
function generate(): Ev[] {
  const out: Ev[] = new Array(N);
  let x = 12345;
  for (let i = 0; i < N; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const r = x >>> 8;
    out[i] = { key: r % KEYS, type: (r >>> 14) % 4, ts: i };
  }
  return out;
}

const isA = (e: Ev) => e.type === 0;
const isB = (e: Ev) => e.type === 1;
const isC = (e: Ev) => e.type === 2;

const cases: Array<[string, () => Pattern<Ev>]> = [
  ["(a) a next b next c (strict)", () => Pattern.begin<Ev>("a").where(isA).next("b").where(isB).next("c").where(isC)],
  ["(b) a followedBy b+ followedBy c within 10s", () => Pattern.begin<Ev>("a").where(isA).followedBy("b").where(isB).oneOrMore().followedBy("c").where(isC).within(10_000)],
  [
    "(c) (b) with skipPastLastEvent",
    () =>
      Pattern.begin<Ev>("a", AfterMatchSkipStrategy.skipPastLastEvent())
        .where(isA)
        .followedBy("b")
        .where(isB)
        .oneOrMore()
        .followedBy("c")
        .where(isC)
        .within(10_000),
  ],
];

const events = generate();
const rows: string[][] = [["pattern", "events/s", "matches", "heap MB", "buffered events"]];
for (const [name, build] of cases) {
  const compiled = compilePattern(build());
  const run = (): [number, number, number] => {
    const matchers: Array<Matcher<Ev> | undefined> = new Array(KEYS);
    let matches = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const m = (matchers[e.key] ??= compiled.newMatcher());
      // Advancing time only matters for windowed patterns; Flink's operator does it per watermark.
      if (compiled.windowTime > 0) matches += m.advanceTime(e.ts).matches.length;
      matches += m.process(e, e.ts).length;
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    let buffered = 0;
    for (const m of matchers) if (m !== undefined) buffered += m.bufferSize().events;
    return [events.length / secs, matches, buffered];
  };
  run(); // warm-up
  globalThis.gc?.();
  const [rate, matches, buffered] = run();
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  rows.push([name, `${(rate / 1e6).toFixed(2)}M`, String(matches), heap.toFixed(0), String(buffered)]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
console.log(`\n${N} events, ${KEYS} keys, node ${process.version}`);
