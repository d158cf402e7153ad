// The generated code of outer joins passes strict tsc, fused and `--no-fuse`: a left join's output type has no NULL
// left fields, so its never-made right-only padding must not write one (nor a right join's left-only padding), and a
// running aggregate over the changelog an unbounded outer join makes is typed as the records it reads. (Jobs ran
// before — esbuild strips types — but a caller compiling the generated files with strict TypeScript got errors.)
import test from "ava";
import { rmSync } from "node:fs";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const program = (kind: string) => `
schema Bid { auction: int, price: int, ts: timestamp }
schema Auction { id: int, ts: timestamp }
source bids: Bid = collection([]) watermark ts delay 0s
source auctions: Auction = collection([]) watermark ts delay 0s
sink changes = collect()
sink counts = collect()
sink windowed = collect()
sink bounded = collect()
job j {
  auctions | ${kind} join bids as x on id == x.auction unbounded | to changes
  auctions | ${kind} join bids as x on id == x.auction unbounded | extend { g: 0 } | keyBy g | aggregate { n: count() } | to counts
  auctions | ${kind} join bids as x on id == x.auction window tumbling(10s) | to windowed
  auctions | ${kind} join bids as x on id == x.auction between -1s and 1s | to bounded
}
`;

for (const kind of ["left", "right", "full"]) {
  test(`${kind} joins (unbounded, windowed, interval) and an aggregate of their changelog pass strict tsc, fused and --no-fuse`, (t) => {
    for (const fuse of [true, false]) {
      const dir = scratchDir(`outer-join-types-${kind}-${fuse}`);
      try {
        const result = compileText(program(kind), { outDir: dir, fuse });
        t.true(result.ok);
        t.deepEqual(typeCheck(result).diagnostics, [], fuse ? "fused" : "--no-fuse");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
}
