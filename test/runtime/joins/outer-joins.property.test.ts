// `.flow` outer joins (left/right/full × window/interval) vs a nested-loop oracle written from Flink SQL's semantics:
// every matching pair once, and every row of a kept side that matched nothing padded with nulls. Random two-sided
// input, out of order within the watermark delay, at parallelism 1 and 3, fused and --no-fuse. One more job windows
// a left interval join's output: its padded rows are behind the watermark that released them, so they only reach the
// window if the join holds its output watermark back.
import test from "ava";
import fc from "fast-check";
import { loadFactories, type Factory } from "../../dsl-examples/factories.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

interface L { readonly k: number; readonly a: number; readonly ts: number }
interface R { readonly k: number; readonly b: number; readonly ts: number }

const DELAY = 8;
const WINDOW = 10;
const LOWER = -6;
const UPPER = 4;
const KINDS = ["left", "right", "full"] as const;
type Kind = (typeof KINDS)[number];
const SPECS = { window: `window tumbling(${WINDOW}ms)`, interval: `between ${LOWER}ms and ${UPPER}ms` } as const;
type Spec = keyof typeof SPECS;

const jobName = (kind: Kind, spec: Spec) => `${kind}_${spec}`;

const SOURCE = `schema L { k: int, a: int, ts: timestamp }
schema R { k: int, b: int, ts: timestamp }
source ls: L = collection([]) watermark ts delay ${DELAY}ms
source rs: R = collection([]) watermark ts delay ${DELAY}ms
${KINDS.flatMap((kind) => (Object.keys(SPECS) as Spec[]).map((spec) => `sink ${jobName(kind, spec)}_out = collect()
job ${jobName(kind, spec)} {
  ls | ${kind} join rs as r on k == r.k and a != r.b ${SPECS[spec]} | to ${jobName(kind, spec)}_out
}`)).join("\n")}
sink counted_out = collect()
job counted {
  ls | left join rs as r on k == r.k and a != r.b ${SPECS.interval} | keyBy k | window tumbling(${WINDOW}ms) | aggregate { k, n: count(), end: window.end } | to counted_out
}
`;

/** Records in arrival order: each at most DELAY ms behind the largest timestamp before it (so never late). */
function outOfOrder<T extends { ts: number }>(value: fc.Arbitrary<Omit<T, "ts">>): fc.Arbitrary<T[]> {
  return fc.array(fc.record({ value, ts: fc.integer({ min: 0, max: 80 }), jitter: fc.integer({ min: 0, max: DELAY }) }), { maxLength: 25 })
    .map((xs) => xs.sort((x, y) => x.ts + x.jitter - (y.ts + y.jitter)).map((x) => ({ ...x.value, ts: x.ts }) as T));
}

const key = fc.integer({ min: 0, max: 3 });
const input = fc.record({
  ls: outOfOrder<L>(fc.record({ k: key, a: fc.integer({ min: 0, max: 2 }) })),
  rs: outOfOrder<R>(fc.record({ k: key, b: fc.integer({ min: 0, max: 2 }) })),
});

/** Whether `l` and `r` may be paired: same key, the residual condition, and the same window or the interval. */
function pairs(spec: Spec, l: L, r: R): boolean {
  if (l.k !== r.k || l.a === r.b) return false;
  if (spec === "window") return Math.floor(l.ts / WINDOW) === Math.floor(r.ts / WINDOW);
  return r.ts - l.ts >= LOWER && r.ts - l.ts <= UPPER;
}

interface Joined { readonly row: unknown; readonly ts: number }

/** Every pair, then each unmatched row of a kept side padded; `ts` is the time the row carries (interval joins). */
function oracle(kind: Kind, spec: Spec, ls: readonly L[], rs: readonly R[]): Joined[] {
  const out: Joined[] = [];
  for (const l of ls) for (const r of rs) if (pairs(spec, l, r)) out.push({ row: { ...l, r }, ts: Math.max(l.ts, r.ts) });
  if (kind !== "right") for (const l of ls) if (!rs.some((r) => pairs(spec, l, r))) out.push({ row: { ...l, r: null }, ts: l.ts });
  if (kind !== "left") for (const r of rs) if (!ls.some((l) => pairs(spec, l, r))) out.push({ row: { k: null, a: null, ts: null, r }, ts: r.ts });
  return out;
}

/** The left interval join's rows counted per key and tumbling window of the time each row carries. */
function countedOracle(ls: readonly L[], rs: readonly R[]): string[] {
  const counts = new Map<string, { k: number; n: number; end: number }>();
  for (const { row, ts } of oracle("left", "interval", ls, rs)) {
    const k = (row as L).k;
    const end = Math.floor(ts / WINDOW) * WINDOW + WINDOW;
    const c = counts.get(`${k}@${end}`) ?? { k, n: 0, end };
    c.n++;
    counts.set(`${k}@${end}`, c);
  }
  return sorted([...counts.values()]);
}

const sorted = (rows: readonly unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

for (const fuse of [true, false]) {
  test(`every outer join kind equals the oracle at parallelism 1 and 3 (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const { jobs } = await loadFactories(SOURCE, "outer-joins.flow", fuse);
    const run = async (name: string, parallelism: number, s: { ls: L[]; rs: R[] }) => {
      const factory = jobs[name] as Factory;
      const view = await factory({ parallelism, sources: { ls: s.ls, rs: s.rs } }).run();
      return sorted(view.collected[`${name}_out`] ?? []);
    };
    await assertProperty(
      t,
      fc.asyncProperty(input, async (s) => {
        for (const parallelism of [1, 3]) {
          for (const kind of KINDS) {
            for (const spec of Object.keys(SPECS) as Spec[]) {
              const expected = sorted(oracle(kind, spec, s.ls, s.rs).map((j) => j.row));
              t.deepEqual(await run(jobName(kind, spec), parallelism, s), expected, `${kind} ${spec} join, parallelism ${parallelism}`);
            }
          }
          t.deepEqual(await run("counted", parallelism, s), countedOracle(s.ls, s.rs), `padded rows reach a window downstream, parallelism ${parallelism}`);
        }
      }),
      { file: import.meta.url, numRuns: propertyRuns(10) },
    );
  });
}
