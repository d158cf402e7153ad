// Same answers under every knob, for random programs: the same multiset at parallelism 1, 2, 3 and the file's own,
// fused and --no-fuse. (The dsl-examples: parallelism-equivalence.test.ts; Nexmark: parallelism-equivalence.nexmark.test.ts.)
import test from "ava";
import fc from "fast-check";
import { loadFactories } from "./factories.js";

const PARALLELISMS = [1, 2, 3] as const;
const FUSIONS = [true, false] as const;

interface R { k: string; g: number; v: number; ts: number }

const statelessOp = fc.oneof(
  fc.integer({ min: 2, max: 4 }).map((m) => `filter v % ${m} != 0`),
  fc.integer({ min: 1, max: 3 }).map((c) => `map { k, g, v: v * ${c}, ts }`),
  fc.integer({ min: 1, max: 9 }).map((c) => `extend { w: v + ${c} }`),
  fc.constantFrom("rebalance", "parallelism 2", "parallelism 1"),
);
const stateful = fc.oneof(
  fc.record({ key: fc.constantFrom("k", "g"), size: fc.constantFrom(10, 25) }).map(({ key, size }) => `keyBy ${key} | window tumbling(${size}ms) | aggregate { n: count(), s: sum(v), end: window.end }`),
  fc.constantFrom(10, 40).map((size) => `window tumbling(${size}ms) | aggregate { n: count(), s: sum(v), hi: max(v) }`),
  fc.constantFrom("k", "g").map((key) => `keyBy ${key} | window cumulate(30ms, 10ms) | aggregate { n: count(), s: sum(v), end: window.end }`),
  fc.constantFrom("k", "g").map((key) => `keyBy ${key} | aggregate { n: count(), s: sum(v) }`),
  fc.constantFrom("k", "g").map((key) => `keyBy ${key} | window tumbling(20ms) | reduce (a, b) => if a.v >= b.v then a else b`),
  fc.constantFrom("dedupe k within 30ms", "dedupe g within 15ms"),
);
const program = fc.record({
  jobParallelism: fc.integer({ min: 1, max: 3 }),
  before: fc.array(statelessOp, { maxLength: 3 }),
  middle: stateful,
  after: fc.array(fc.constantFrom("filter n > 1", "map { n, s }", "filter s % 2 == 0"), { maxLength: 1 }),
}).map(({ jobParallelism, before, middle, after }) => {
  // why: a rebalance or a change of parallelism before the stateful operator reorders records of one key (as in
  // Flink); only order-insensitive operators (window aggregates of count/sum/max) may follow one
  const orderSensitive = !middle.includes("window") || middle.includes("reduce");
  const head = orderSensitive ? before.filter((op) => op !== "rebalance" && !op.startsWith("parallelism")) : before;
  // The operators after the stateful one read the aggregate's fields.
  const tail = middle.includes("aggregate") ? after : [];
  const body = ["rs", ...head, middle, ...tail, "to out"].join(" | ");
  return `schema R { k: string, g: int, v: int, ts: timestamp }
source rs: R = collection([]) watermark ts delay 0s
sink out = collect()
job p {
  parallelism ${jobParallelism}
  ${body}
}
`;
});
const input = fc.array(fc.record({ k: fc.constantFrom("a", "b", "c", "d"), g: fc.integer({ min: 0, max: 4 }), v: fc.integer({ min: -20, max: 20 }), ts: fc.integer({ min: 0, max: 120 }) }), { minLength: 1, maxLength: 60 })
  .map((rs) => [...rs].sort((x, y) => x.ts - y.ts));

test("random programs give the same multiset at parallelism 1, 2, 3 and the file's own, fused and --no-fuse", async (t) => {
  const runs = Number(process.env.EDDY_PROPERTY_RUNS ?? 12) > 100 ? 60 : 12;
  await fc.assert(
    fc.asyncProperty(program, input, async (source, rs: R[]) => {
      const outputs = new Map<string, string>();
      for (const fuse of FUSIONS) {
        const { jobs } = await loadFactories(source, "random.flow", fuse);
        for (const p of [undefined, ...PARALLELISMS]) {
          const run = await jobs.p!({ ...(p === undefined ? {} : { parallelism: p }), sources: { rs } }).run();
          outputs.set(`parallelism ${p ?? "as written"}, ${fuse ? "fused" : "--no-fuse"}`, JSON.stringify((run.collected.out ?? []).map((r) => JSON.stringify(r)).sort()));
        }
      }
      const distinct = new Set(outputs.values());
      if (distinct.size !== 1) t.log(source, [...outputs].map(([k, v]) => `${k}: ${v}`).join("\n"));
      return distinct.size === 1;
    }),
    { numRuns: runs, seed: Number(process.env.EDDY_PROPERTY_SEED ?? 20261205) },
  );
  t.pass();
});
