// Filtering an update stream as docs/language.md describes it: `changelog` turns a running aggregate's or running top's
// rows into their changelog (`+I`, `-U` the replaced row, `+U` its successor), so a `filter` after it takes a row back
// when it stops matching — SQL's WHERE/HAVING over a GROUP BY. The net rows must be the current rows per key that
// match (a brute-force oracle over random bids), fused and `--no-fuse`, at parallelism 1–3; what reads the filtered
// changelog (a running aggregate) takes the rows back too. A filter on the update key alone keeps the update stream.
import test from "ava";
import fc from "fast-check";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { rmSync } from "node:fs";
import { checkText } from "../helpers/check.js";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";
import { netRows } from "../../helpers/net-rows.js";
import { propertyRuns } from "../../helpers/property.js";

const SOURCE = `
schema Bid { auction: int, price: int, ts: timestamp }
source bids: Bid = collection([]) watermark ts delay 0s
sink cheap = collect()
sink even = collect()
sink keys = collect()
sink lots = collect()
job j {
  let sums = bids | keyBy auction | aggregate { s: sum(price), n: count() }
  sums | changelog | filter s < 20 and n != 2 | to cheap
  bids | keyBy auction | top 2 by price desc | changelog | filter price % 2 == 0 | to even
  sums | filter auction > 2 | to keys
  sums | changelog | filter s < 20 | extend { g: 0 } | keyBy g | aggregate { lots: count(), total: sum(s) } | to lots
}
`;

interface Bid {
  readonly auction: number;
  readonly price: number;
  readonly ts: number;
}

const rows = (xs: readonly object[]) => xs.map((r) => JSON.stringify(r)).sort();

/** The oracle: each auction's sum and count at the end, and its two highest bids (ties in arrival order). */
function expected(bids: readonly Bid[]) {
  const byAuction = new Map<number, Bid[]>();
  for (const b of bids) byAuction.set(b.auction, [...(byAuction.get(b.auction) ?? []), b]);
  const sums = [...byAuction].map(([auction, bs]) => ({ auction, s: bs.reduce((a, b) => a + b.price, 0), n: bs.length }));
  const cheap = sums.filter((r) => r.s < 20 && r.n !== 2);
  const even = [...byAuction].flatMap(([, bs]) =>
    [...bs].sort((a, b) => b.price - a.price).slice(0, 2).map((b, i) => ({ ...b, rank: i + 1 })).filter((r) => r.price % 2 === 0));
  const under = sums.filter((r) => r.s < 20);
  const lots = under.length === 0 ? [] : [{ g: 0, lots: under.length, total: under.reduce((a, r) => a + r.s, 0) }];
  return { cheap: rows(cheap), even: rows(even), keys: rows(sums.filter((r) => r.auction > 2)), lots: rows(lots) };
}

/** The last row per key of an update stream. */
function lastPerKey(records: readonly Record<string, unknown>[], key: string): string[] {
  const last = new Map<unknown, Record<string, unknown>>();
  for (const r of records) last.set(r[key], r);
  return rows([...last.values()]);
}

const compiled = new Map<boolean, Promise<CompiledQuery>>();
const queryFor = (fuse: boolean) => {
  let q = compiled.get(fuse);
  if (q === undefined) compiled.set(fuse, (q = compileQuery(SOURCE, "changelog.flow", "j", { fuse })));
  return q;
};

async function run(fuse: boolean, bids: readonly Bid[], parallelism: number) {
  const { collected } = await runCompiled(await queryFor(fuse), { checkpointing: null, parallelism, sources: { bids: bids.map((b) => ({ ...b })) } });
  const of = (name: string) => collected[name] as Record<string, unknown>[];
  return { of, actual: { cheap: netRows(of("cheap")), even: netRows(of("even")), keys: lastPerKey(of("keys"), "auction"), lots: netRows(of("lots")) } };
}

test("hand-computed: a row that stops matching is taken back by its -U, and the +U replacing it is dropped", async (t) => {
  // auction 1: sums 5, 12 (n 2), 13 (n 3); auction 2: 30; auction 3: 4
  const bids = [{ auction: 1, price: 5, ts: 1 }, { auction: 2, price: 30, ts: 2 }, { auction: 1, price: 7, ts: 3 }, { auction: 3, price: 4, ts: 4 }, { auction: 1, price: 1, ts: 5 }];
  const { of, actual } = await run(true, bids, 1);
  t.deepEqual(of("cheap"), [
    { auction: 1, s: 5, n: 1, __rowKind: "+I" },
    { auction: 1, s: 5, n: 1, __rowKind: "-U" }, // n 2: the +U fails the filter
    { auction: 3, s: 4, n: 1, __rowKind: "+I" },
    { auction: 1, s: 13, n: 3, __rowKind: "+U" }, // its -U (n 2) failed the filter
  ]);
  t.deepEqual(actual.cheap, rows([{ auction: 3, s: 4, n: 1 }, { auction: 1, s: 13, n: 3 }]));
  // a filter on the update key alone: still the update stream, no change kinds
  t.deepEqual(of("keys"), [{ auction: 3, s: 4, n: 1 }]);
  t.deepEqual(actual.lots, rows([{ g: 0, lots: 2, total: 17 }]));
});

for (const fuse of [true, false]) {
  test(`the net rows are the current rows per key that match: a brute-force oracle over random bids (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const bid = fc.record({ auction: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 0, max: 12 }), ts: fc.integer({ min: 0, max: 1000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(bid, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (bids, parallelism) => {
        const { actual } = await run(fuse, bids, parallelism);
        const wanted = expected(bids);
        // the top's ties: equal prices in arrival order, so compare the prices per rank, not which bid holds one
        const pricesOf = (xs: readonly string[]) => xs.map((r) => { const { auction, price, rank } = JSON.parse(r) as Bid & { rank: number }; return `${auction}/${rank}/${price}`; }).sort();
        return JSON.stringify([actual.cheap, pricesOf(actual.even), actual.keys, actual.lots]) === JSON.stringify([wanted.cheap, pricesOf(wanted.even), wanted.keys, wanted.lots]);
      }),
      { numRuns: propertyRuns(25), seed: 20261206 },
    );
    t.pass();
  });
}

test("`changelog` of an append stream is FLOW4043 at `changelog`; of a changelog with deletions it is nothing", (t) => {
  const program = (pipeline: string) => `schema Bid { auction: int, price: int, ts: timestamp }\nsource bids: Bid = collection([]) watermark ts delay 0s\nsink out = collect()\njob j {\n  ${pipeline}\n}\n`;
  const codes = (pipeline: string) => checkText(program(pipeline)).diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  t.deepEqual(codes("bids | changelog | to out"), ["FLOW4043"]);
  t.deepEqual(codes("bids | keyBy auction | aggregate { s: sum(price) } | filter s > 2 | changelog | to out"), ["FLOW4043"]);
  t.deepEqual(codes("bids | keyBy auction | aggregate { s: sum(price) } | changelog | changelog | filter s > 2 | to out"), []);
  t.deepEqual(codes("bids | keyBy auction | top 1 by price | map { lot: auction, price } | changelog | to out"), []);
});

test("the generated job with its normalize nodes (each row's fields copied with its kind) passes strict tsc, fused and interpreted", (t) => {
  for (const fuse of [true, false]) {
    const dir = scratchDir(`changelog-filter-${fuse}`);
    try {
      t.deepEqual(typeCheck(compileText(SOURCE, { outDir: dir, fuse })).diagnostics, [], fuse ? "fused" : "--no-fuse");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
