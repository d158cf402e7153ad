// Nexmark q10 (Flink's q10.sql as written, and dsl-examples/nexmark/q10.flow): every bid logged to CSV files
// partitioned by day and minute, each partition committed with `_SUCCESS`. The rows equal the .flow query's; the
// files hold every bid exactly once, in the directory of its DATE_FORMAT day and minute, by an oracle that files the
// bids of the pass-through query q0 (same generator settings) itself.
import test from "ava";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadQuery } from "../../../bench/nexmark/queries.js";

/** 10 events per second of event time: 3,000 events span five minutes, so five partitions. */
const NEXMARK = { maxEvents: 3_000, firstEventRate: 10 };

interface Bid {
  auction: number;
  bidder: number;
  price: number;
  dateTime: number;
  extra: string;
}

const canonical = (rows: readonly unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "eddy-q10-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** RFC 4180 lines (quoted fields may hold commas and doubled quotes; the bids' text has no line breaks). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 2;
          break;
        }
      }
      cells.push(cell);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

/** The committed files under `dir`: partition (unescaped `dt/hm`) → its bids, and the partitions holding `_SUCCESS`. */
function readPartitions(dir: string): { bids: Map<string, string[]>; committed: Set<string> } {
  const bids = new Map<string, string[]>();
  const committed = new Set<string>();
  for (const dt of readdirSync(dir).filter((n) => !n.startsWith("."))) {
    for (const hm of readdirSync(join(dir, dt))) {
      const partition = `${decodeURIComponent(dt)}/${decodeURIComponent(hm)}`;
      const files = readdirSync(join(dir, dt, hm));
      if (files.includes("_SUCCESS")) committed.add(partition);
      const rows: string[] = [];
      for (const f of files.filter((n) => n.startsWith("part-"))) {
        // why no header line: Flink's csv format writes rows only (columns in DDL order: auction, bidder, price, dateTime, extra)
        const lines = readFileSync(join(dir, dt, hm, f), "utf8").split("\n").filter((l) => l !== "");
        rows.push(...lines.map((l) => JSON.stringify(csvCells(l))));
      }
      bids.set(partition, rows);
    }
  }
  return { bids, committed };
}

/** The oracle: q0's bids filed by their UTC day and minute, as DATE_FORMAT(dateTime, 'yyyy-MM-dd') and 'HH:mm' say. */
async function expectedPartitions(): Promise<Map<string, string[]>> {
  const bids: Bid[] = [];
  await (await loadQuery("q0", { runtime: "shared" })).run({ nexmark: NEXMARK, sink: (r) => void bids.push(r as unknown as Bid), workers: 1 });
  const out = new Map<string, string[]>();
  for (const b of bids) {
    const iso = new Date(b.dateTime).toISOString();
    const partition = `dt=${iso.slice(0, 10)}/hm=${iso.slice(11, 16)}`;
    out.set(partition, [...(out.get(partition) ?? []), JSON.stringify([b.auction, b.bidder, b.price, b.dateTime, b.extra].map(String))]);
  }
  return out;
}

test("q10.sql emits the rows of q10.flow (the bids with their day and minute)", async (t) => {
  const rows = async (language: "sql" | "flow") => {
    const out: unknown[][] = [];
    await (await loadQuery("q10", { language, runtime: "shared" })).run({ nexmark: NEXMARK, sink: (r) => void out.push(Object.values(r)), workers: 1 });
    return out;
  };
  const flow = await rows("flow");
  t.is(flow.length, 2_760, "46 of every 50 events are bids");
  t.deepEqual(canonical(await rows("sql")), canonical(flow));
});

for (const language of ["sql", "flow"] as const) {
  test(`q10 (${language}) files every bid once in the partition of its day and minute, each partition with _SUCCESS`, async (t) => {
    const root = tempDir(t);
    const query = await loadQuery("q10", { language, runtime: "shared", defines: { NEXMARK_DIR: root, SUBMIT_TIME: "1700000000000" } });
    const dir = language === "sql" ? join(root, "data/output/1700000000000/bid") : join(root, "bid");
    // why files only for .flow: the SQL table's path is the defines' NEXMARK_DIR and SUBMIT_TIME, as Flink's runner gives them
    await query.run({ nexmark: NEXMARK, ownSink: true, ...(language === "flow" ? { files: { out: `${dir}/` } } : {}), workers: 1, parallelism: 2 });
    const expected = await expectedPartitions();
    const { bids, committed } = readPartitions(dir);
    t.true(expected.size >= 5, `the bids span ${expected.size} minutes`);
    t.deepEqual([...bids.keys()].sort(), [...expected.keys()].sort(), "the oracle's partitions, no other");
    for (const [p, rows] of expected) t.deepEqual([...bids.get(p)!].sort(), [...rows].sort(), `${p}: its bids, each once`);
    t.deepEqual([...committed].sort(), [...expected.keys()].sort(), "every partition committed at the end of input");
  });
}
