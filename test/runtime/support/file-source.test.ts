// The `file(...)` source: CSV with nulls and multi-line fields, dead letters at the record's first line, directories
// and a file sink's parts, a missing file failing the job at once (an external, non-retriable error naming the file
// and the source), and paths resolved against the working directory when the job starts.
import test from "ava";
import { appendFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource, type FileSourceOptions } from "../../../runtime/support/file-source.js";
import { readAll } from "../../helpers/read-source.js";
import { filePath, type JobIO } from "../../../runtime/support/job.js";
import type { DeadLetter, SchemaType } from "../../../runtime/support/validate.js";
import { CollectSink, EddyError, RestartStrategies, type Source, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

const T: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "string" } },
    { name: "amount", type: { kind: "float" } },
    { name: "note", type: { kind: "nullable", inner: { kind: "string" } } },
  ],
};

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "eddy-file-source-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function source(path: string, over: Partial<FileSourceOptions> = {}): { source: FileSource<unknown>; dead: DeadLetter[] } {
  const dead: DeadLetter[] = [];
  return { source: new FileSource({ name: "ins", path, format: "csv", watch: false, type: T, onDeadLetter: (d) => dead.push(d), ...over }), dead };
}


test("CSV: nulls, empty strings and a field with a line break are read; dead letters name the record's first line", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "in.csv");
  writeFileSync(path, 'id,amount,note\na,1.5,\nb,2,""\n\nc,x,\nd,4,"two\nlines"\ne,5,x,extra\n"f",6,null');
  const { source: s, dead } = source(path);
  t.deepEqual(readAll(s), [
    { id: "a", amount: 1.5, note: null },
    { id: "b", amount: 2, note: "" },
    { id: "d", amount: 4, note: "two\nlines" },
    { id: "f", amount: 6, note: "null" },
  ]);
  t.deepEqual(dead, [
    { source: "ins", position: 5, reason: 'column `amount` should be a float, got "x"', raw: "c,x," },
    { source: "ins", position: 8, reason: "the row has 4 fields, the header names 3 columns", raw: "e,5,x,extra" },
  ]);
});

test("CSV: a header naming an unknown column is a dead letter at line 1", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "in.csv");
  writeFileSync(path, "id,amount,colour\na,1,red\n");
  const { source: s, dead } = source(path);
  t.deepEqual(readAll(s), [{ id: "a", amount: 1, note: null }]);
  t.deepEqual(dead, [{ source: "ins", position: 1, reason: "the header names a column the schema does not have: `colour` (fields: id, amount, note)", raw: "id,amount,colour" }]);
});

test("a byte order mark at the start of a file is not part of the first column's name or the first JSON line", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "in.csv"), "\uFEFFid,amount,note\na,1,\n");
  writeFileSync(join(dir, "in.jsonl"), '\uFEFF{"id":"b","amount":2}\n');
  const csv = source(join(dir, "in.csv"));
  t.deepEqual(readAll(csv.source), [{ id: "a", amount: 1, note: null }]);
  const json = source(join(dir, "in.jsonl"), { format: "jsonl" });
  t.deepEqual(readAll(json.source), [{ id: "b", amount: 2, note: null }]);
  t.deepEqual([...csv.dead, ...json.dead], []);
});

test("watching: a record whose quoted field is not complete yet is read once the rest is appended", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "in.csv");
  writeFileSync(path, 'id,amount,note\na,1,"first\n');
  const { source: s } = source(path, { watch: true });
  const out: unknown[] = [];
  const reader = s.createReader();
  t.is(reader.pollNext({ collect: (r) => out.push(r) }, 10), "NOTHING_AVAILABLE");
  t.deepEqual(out, []);
  appendFileSync(path, 'half"\nb,2,\n');
  t.is(reader.pollNext({ collect: (r) => out.push(r) }, 10), "NOTHING_AVAILABLE");
  t.deepEqual(out, [{ id: "a", amount: 1, note: "first\nhalf" }, { id: "b", amount: 2, note: null }]);
  reader.close?.();
});

test("a missing file is an external error naming the source and the file, and retrying cannot help", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "data", "in.csv");
  const { source: s } = source(path);
  const error = t.throws(() => s.createReader().pollNext({ collect: () => {} }, 1), { instanceOf: EddyError }) as EddyError;
  t.is(error.domain, "external");
  t.false(error.retriable);
  t.is(
    error.message,
    `file source 'ins' cannot open ${path}: no such file — relative paths are resolved against the working directory (${process.cwd()}); ` +
      `check the path, or give another one with RunOptions.files { ins: "…" }`,
  );
});

test("a job reading a missing file fails at once with that message, despite its restart strategy", async (t) => {
  const dir = tempDir(t);
  const { source: file } = source(join(dir, "nope.csv"));
  let readers = 0;
  const counting: Source<unknown> = { boundedness: "BOUNDED", maxParallelism: 1, replayable: true, createReader: () => (readers++, file.createReader()) };
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 0));
  env.fromSource(counting, WatermarkStrategy.noWatermarks(), "source:ins").sinkTo(new CollectSink(), "sink:out");
  const error = await t.throwsAsync(env.execute("missing"));
  t.regex(error!.message, /^file source 'ins' cannot open .*nope\.csv: no such file/);
  t.notRegex(error!.message, /user function failed/);
  t.is(readers, 1, "the source was opened once: no restart");
});

test("a directory: its visible files in numeric name order, each CSV with its own header; dead letters name the file", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "part-0-10.csv"), "note,amount,id\n,3,c\n");
  writeFileSync(join(dir, "part-0-2.csv"), "id,amount,note\nb,2,x\nbad,x,\n");
  writeFileSync(join(dir, "part-0-1.csv"), "id,amount,note\na,1,\n");
  writeFileSync(join(dir, ".part-0-11.inprogress"), "id,amount,note\nhidden,0,\n");
  writeFileSync(join(dir, "_SUCCESS"), "");
  mkdirSync(join(dir, "sub"));
  const { source: s, dead } = source(dir);
  t.deepEqual(readAll(s), [{ id: "a", amount: 1, note: null }, { id: "b", amount: 2, note: "x" }, { id: "c", amount: 3, note: null }]);
  t.deepEqual(dead, [{ source: "ins (part-0-2.csv)", position: 3, reason: 'column `amount` should be a float, got "x"', raw: "bad,x," }]);
});

test("a path a file sink wrote to reads the sink's committed parts, in subtask and part order", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "rows-1-0.csv"), "id,amount,note\nc,3,\n");
  writeFileSync(join(dir, "rows-0-1.csv"), "id,amount,note\nb,2,\n");
  writeFileSync(join(dir, "rows-0-0.csv"), "id,amount,note\na,1,\n");
  writeFileSync(join(dir, ".rows-0-2.pending"), "id,amount,note\nnot yet,0,\n");
  writeFileSync(join(dir, "other-0-0.csv"), "id,amount,note\nnot mine,0,\n");
  t.deepEqual(readAll(source(join(dir, "rows.csv")).source).map((r) => (r as { id: string }).id), ["a", "b", "c"]);
});

test("several files: a checkpointed position resumes in the middle of the second file", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "a.csv"), "id,amount,note\na1,1,\na2,2,\n");
  writeFileSync(join(dir, "b.csv"), "amount,id,note\n3,b1,\n4,b2,\n5,b3,\n");
  const { source: s } = source(dir);
  const first = s.createReader();
  const seen: unknown[] = [];
  first.pollNext({ collect: (r) => seen.push(r) }, 3);
  const state = JSON.parse(JSON.stringify(first.snapshotState!()));
  first.close?.();
  t.deepEqual(seen.map((r) => (r as { id: string }).id), ["a1", "a2", "b1"]);
  writeFileSync(join(dir, "0-new.csv"), "id,amount,note\nlate,9,\n");
  const resumed = s.createReader();
  resumed.restoreState!(state);
  const rest: unknown[] = [];
  while (resumed.pollNext({ collect: (r) => rest.push(r) }, 2) !== "END_OF_INPUT");
  // why: the checkpoint lists the files it read from; a file that appeared later is not part of this bounded input
  t.deepEqual(rest.map((r) => (r as { id: string }).id), ["b2", "b3"]);
});

test("watching a directory reads files that appear in it", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "part-0-0.csv"), "id,amount,note\na,1,\n");
  const { source: s } = source(dir, { watch: true });
  const reader = s.createReader();
  const out: unknown[] = [];
  t.is(reader.pollNext({ collect: (r) => out.push(r) }, 10), "NOTHING_AVAILABLE");
  writeFileSync(join(dir, "part-0-1.csv"), "id,amount,note\nb,2,\n");
  t.is(reader.pollNext({ collect: (r) => out.push(r) }, 10), "NOTHING_AVAILABLE");
  t.deepEqual(out.map((r) => (r as { id: string }).id), ["a", "b"]);
  reader.close?.();
});

test("relative paths are resolved against the working directory when the job starts; RunOptions.files replaces them by name", (t) => {
  const dir = tempDir(t);
  const before = process.cwd();
  t.teardown(() => process.chdir(before));
  process.chdir(dir);
  const io = { nexmark: {}, onDeadLetter: () => {}, collect: () => new CollectSink() } as unknown as JobIO;
  t.is(filePath(io, "ins", "data/in.csv"), join(dir, "data", "in.csv"));
  t.is(filePath(io, "ins", "/abs/in.csv"), "/abs/in.csv");
  const overridden = { ...io, files: { ins: "other/x.csv" } } as JobIO;
  t.is(filePath(overridden, "ins", "data/in.csv"), join(dir, "other", "x.csv"));
  t.is(filePath(overridden, "out", "data/out"), join(dir, "data", "out"));
});

test("CSV without header lines (Flink's csv format): columns are the schema's fields in order, in every file and after a restore", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "a.csv"), "a1,1,\na2,2,x\n");
  writeFileSync(join(dir, "b.csv"), "id,amount,note\nb2,4,\nb3,5,y,extra\n");
  const { source: s, dead } = source(dir, { header: false });
  const first = s.createReader();
  const seen: unknown[] = [];
  first.pollNext({ collect: (r) => seen.push(r) }, 2);
  const state = JSON.parse(JSON.stringify(first.snapshotState!()));
  first.close?.();
  t.deepEqual(seen, [{ id: "a1", amount: 1, note: null }, { id: "a2", amount: 2, note: "x" }]);
  const resumed = s.createReader();
  resumed.restoreState!(state);
  const rest: unknown[] = [];
  while (resumed.pollNext({ collect: (r) => rest.push(r) }, 2) !== "END_OF_INPUT");
  // a first line that looks like a header is a row like any other: here one whose amount is no float
  t.deepEqual(rest, [{ id: "b2", amount: 4, note: null }]);
  t.deepEqual(dead.map((d) => [d.position, d.reason]), [
    [1, 'column `amount` should be a float, got "amount"'],
    [3, "the row has 4 fields, the schema has 3 columns (the file has no header)"],
  ]);
});
