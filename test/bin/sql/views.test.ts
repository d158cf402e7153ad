// The three result displays against hand-written expected text: tableau (Flink's boxed rows with the op column),
// changelog (Row.toString lines) and table (materialised; live redraws on a terminal, one final table elsewhere).
import test from "ava";
import { ChangelogView } from "../../../bin/sql/changelog-view.js";
import type { ResultView } from "../../../bin/sql/result-view.js";
import type { ResultShape } from "../../../bin/sql/run-jobs.js";
import { TableView } from "../../../bin/sql/table-view.js";
import { TableauView } from "../../../bin/sql/tableau-view.js";
import { ChangelogBuilder } from "../../../table/changelog.js";

function capture(extra: { isTTY?: boolean; columns?: number; rows?: number } = {}) {
  const out = { text: "", ...extra, write(s: string) { out.text += s; return true; } };
  return out;
}

function feed(view: ResultView, shape: ResultShape | ChangelogBuilder, records: readonly Record<string, unknown>[]): void {
  const changelog = shape instanceof ChangelogBuilder ? shape : new ChangelogBuilder(shape.changelog, shape.columns);
  for (const r of records) view.add(changelog.changes(r));
}

const cols = (...names: string[]) => names.map((name) => ({ name, field: name }));
const wordCount: ResultShape = { columns: cols("word", "n"), changelog: { kind: "upsert", upsertKey: ["word"] } };
const names = (shape: ResultShape) => shape.columns.map((c) => c.name);
const counts = [{ word: "a", n: 1 }, { word: "bb", n: 1 }, { word: "a", n: 2 }];

test("tableau: widths from the first row's types (text 30, INT 11), values right-aligned, -U/+U for an update", (t) => {
  const out = capture();
  const view = new TableauView(names(wordCount), out);
  feed(view, wordCount, counts);
  view.end({ kind: "finished" });
  t.is(out.text, [
    "+----+--------------------------------+-------------+",
    "| op |                           word |           n |",
    "+----+--------------------------------+-------------+",
    "| +I |                              a |           1 |",
    "| +I |                             bb |           1 |",
    "| -U |                              a |           1 |",
    "| +U |                              a |           2 |",
    "+----+--------------------------------+-------------+",
    "Received a total of 4 rows",
    "",
  ].join("\n"));
});

test("tableau: NULL, booleans, long text cut with ..., a number wider than its column kept whole, no rows", (t) => {
  const shape: ResultShape = { columns: cols("id", "ok", "s"), changelog: { kind: "insert-only" } };
  const out = capture();
  const view = new TableauView(names(shape), out);
  feed(view, shape, [{ id: 1, ok: true, s: null }, { id: 3_000_000_000_000, ok: false, s: "x".repeat(40) }]);
  view.end({ kind: "limit", limit: 2 });
  t.is(out.text, [
    "+----+-------------+-------+--------------------------------+",
    "| op |          id |    ok |                              s |",
    "+----+-------------+-------+--------------------------------+",
    "| +I |           1 |  TRUE |                         <NULL> |",
    `| +I | 3000000000000 | FALSE | ${"x".repeat(27)}... |`,
    "+----+-------------+-------+--------------------------------+",
    "Received a total of 2 rows (stopped at --limit 2)",
    "",
  ].join("\n"));
  const empty = capture();
  const none = new TableauView(names(shape), empty);
  none.end({ kind: "finished" });
  t.is(empty.text, "Empty set\n");
});

test("changelog: one Row.toString line per change", (t) => {
  const out = capture();
  const view = new ChangelogView(out);
  feed(view, wordCount, [...counts, { word: null, n: 0 }]);
  view.end({ kind: "cancelled" });
  t.is(out.text, "+I[a, 1]\n+I[bb, 1]\n-U[a, 1]\n+U[a, 2]\n+I[null, 0]\nReceived a total of 5 changes (cancelled)\n");
});

test("table off a terminal: the materialised result once at the end (an update replaced its row in place), no escape codes", (t) => {
  const out = capture({ isTTY: false });
  const view = new TableView(names(wordCount), out, { live: false });
  feed(view, wordCount, counts);
  view.end({ kind: "finished" }, 1234);
  t.is(out.text, [
    "+------+---+",
    "| word | n |",
    "+------+---+",
    "|    a | 2 |",
    "|   bb | 1 |",
    "+------+---+",
    "2 rows in the result, from 4 changes, in 1.23s",
    "",
  ].join("\n"));
  t.false(out.text.includes("\x1b"));
});

test("table of a retract result: a -D removes one copy of its row, equal rows stay as often as they were inserted", (t) => {
  const outerJoin: ResultShape = { columns: cols("id", "paid"), changelog: { kind: "retract", rowKindField: "__rowKind" } };
  const out = capture({ isTTY: false });
  const view = new TableView(names(outerJoin), out, { live: false });
  feed(view, outerJoin, [
    { id: 1, paid: null, __rowKind: "+I" },
    { id: 2, paid: null, __rowKind: "+I" },
    { id: 2, paid: null, __rowKind: "+I" },
    { id: 1, paid: null, __rowKind: "-D" },
    { id: 1, paid: 10, __rowKind: "+I" },
    { id: 2, paid: null, __rowKind: "-D" },
  ]);
  view.end({ kind: "finished" }, 1000);
  t.is(out.text, [
    "+----+--------+",
    "| id |   paid |",
    "+----+--------+",
    "|  2 | <NULL> |",
    "|  1 |     10 |",
    "+----+--------+",
    "2 rows in the result, from 6 changes, in 1.00s",
    "",
  ].join("\n"));
});

test("table on a terminal: each redraw moves up over the previous frame and erases it; only the last rows that fit are shown", (t) => {
  const out = capture({ isTTY: true, columns: 80, rows: 8 });
  let clock = 0;
  const view = new TableView(["n"], out, { live: true, now: () => clock, intervalMs: 60_000 });
  const shape = new ChangelogBuilder({ kind: "insert-only" }, cols("n"));
  feed(view, shape, [{ n: 1 }, { n: 2 }]);
  clock = 2000;
  view.draw("first");
  const first = out.text;
  t.is(first, ["\x1b[J+---+", "| n |", "+---+", "| 1 |", "| 2 |", "+---+", "first", ""].join("\n"));
  feed(view, shape, [{ n: 3 }, { n: 4 }, { n: 5 }]);
  view.end({ kind: "finished" }, 2500);
  // 8 terminal rows leave room for 2 result rows: 3 borders, the header, the status line and the shell's prompt
  t.is(out.text.slice(first.length), ["\x1b[7A\r\x1b[J+---+", "| n |", "+---+", "| 4 |", "| 5 |", "+---+", "5 rows in the result, from 5 changes, in 2.50s · the last 2 shown", ""].join("\n"));
});

test("table on a terminal redraws by itself while rows come; the status gives the rate since the last redraw", async (t) => {
  const frames: string[] = [];
  let drawn: (() => void) | null = null;
  const out = { isTTY: true, columns: 80, rows: 30, write(s: string) { frames.push(s); drawn?.(); return true; } };
  const nextFrame = () => new Promise<string>((resolve) => (drawn = () => { drawn = null; resolve(frames.at(-1)!); }));
  let clock = 0;
  const view = new TableView(["n"], out, { live: true, now: () => clock, intervalMs: 1 });
  const changes = new ChangelogBuilder({ kind: "insert-only" }, cols("n"));
  let frame = nextFrame();
  feed(view, changes, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  clock = 2000;
  t.true((await frame).endsWith("3 rows · 3 changes · 2/s · 2.0s · Ctrl-C stops the query\n"));
  frame = nextFrame();
  feed(view, changes, [{ n: 4 }, { n: 5 }, { n: 6 }, { n: 7 }]);
  clock = 3000;
  const second = await frame;
  t.true(second.startsWith("\x1b[8A\r\x1b[J"), "over the first frame: 3 borders, header, 3 rows, status");
  t.true(second.endsWith("7 rows · 7 changes · 4/s · 3.0s · Ctrl-C stops the query\n"), second);
  view.end({ kind: "cancelled" }, 3500);
  t.true(frames.at(-1)!.endsWith("7 rows in the result, from 7 changes, in 3.50s (cancelled)\n"));
});

test("control characters in text become spaces in a cell (a newline or an ESC would break the table), not in a changelog line", (t) => {
  const out = capture();
  const view = new TableauView(["s"], out);
  view.add([{ kind: "+I", values: ["a\nb\x1b[2Jc"], key: "0" }]);
  t.true(out.text.includes("| +I |                       a b [2Jc |\n"), out.text);
  const lines = capture();
  new ChangelogView(lines).add([{ kind: "+I", values: ["a\tb"], key: "0" }]);
  t.is(lines.text, "+I[a\tb]\n");
});
