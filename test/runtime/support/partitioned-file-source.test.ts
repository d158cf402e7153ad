// The partitioned `file(...)` source (`partitionBy`, Flink's filesystem source over a PARTITIONED BY table), on
// directory trees made by hand: the files of the partition directories in path order, hidden parts and `_SUCCESS`
// skipped, partition columns unescaped and converted to their types from the directory names (`__DEFAULT_PARTITION__`
// is null), a value that does not convert making each record of its file a dead letter, and a restored position.
import test from "ava";
import { FileSource, type FileSourceOptions } from "../../../runtime/support/file-source.js";
import { join } from "node:path";
import { tempDir, tree } from "../../helpers/directory-tree.js";
import { readAll } from "../../helpers/read-source.js";
import type { DeadLetter, SchemaType } from "../../../runtime/support/validate.js";
import { EddyError } from "../../../runtime/index.js";


function source(options: Omit<FileSourceOptions, "name" | "watch" | "onDeadLetter">): { source: FileSource<unknown>; dead: DeadLetter[] } {
  const dead: DeadLetter[] = [];
  return { source: new FileSource({ name: "ins", watch: false, onDeadLetter: (d) => dead.push(d), ...options }), dead };
}

const nullable = (inner: SchemaType): SchemaType => ({ kind: "nullable", inner });

const EVENTS: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "int" } },
    { name: "dt", type: nullable({ kind: "string" }) },
    { name: "hm", type: { kind: "string" } },
  ],
};

test("the files of the partition directories, in path order; escaped values, the default partition, hidden files and _SUCCESS", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, {
    "dt=2015-07-15/hm=12%3A05/part-0-0.jsonl": '{"id":3}\n{"id":4}\n',
    "dt=2015-07-15/hm=12%3A05/_SUCCESS": "",
    "dt=2015-07-15/hm=12%3A05/.part-0-1.inprogress": '{"id":90}\n',
    "dt=2015-07-15/hm=12%3A05/.part-0-2.pending": '{"id":91}\n',
    "dt=2015-07-15/hm=08%3A00/part-1-0.jsonl": '{"id":2}\n',
    "dt=2015-07-15/hm=08%3A00/part-0-0.jsonl": '{"id":1}\n',
    "dt=__DEFAULT_PARTITION__/hm=a%2Fb%3Dc%25/part-0-0.jsonl": '{"id":0}\n',
    // not partitions of dt and hm: a file beside them, a directory of another key, a hidden directory
    "dt=2015-07-15/part-0-0.jsonl": '{"id":92}\n',
    "dt=2015-07-15/minute=1/part-0-0.jsonl": '{"id":93}\n',
    ".dt=2015-07-16/hm=00%3A00/part-0-0.jsonl": '{"id":94}\n',
    "_SUCCESS": "",
  });
  const { source: s, dead } = source({ path: dir, format: "jsonl", partitionBy: ["dt", "hm"], type: EVENTS });
  t.deepEqual(readAll(s), [
    { id: 0, dt: null, hm: "a/b=c%" },
    { id: 1, dt: "2015-07-15", hm: "08:00" },
    { id: 2, dt: "2015-07-15", hm: "08:00" },
    { id: 3, dt: "2015-07-15", hm: "12:05" },
    { id: 4, dt: "2015-07-15", hm: "12:05" },
  ]);
  t.deepEqual(dead, []);
});

const TYPED: SchemaType = {
  kind: "record",
  fields: [
    { name: "day", type: { kind: "timestamp" } },
    { name: "id", type: { kind: "int" } },
    { name: "hour", type: { kind: "int" } },
    { name: "rate", type: nullable({ kind: "float" }) },
  ],
};

test("partition values are converted to their columns' types; one that does not convert makes each record of its file a dead letter", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, {
    // CSV without header lines, as Flink writes it: the rows hold the other columns only (here `id`)
    "day=2015-07-15 12%3A00%3A00/hour=7/rate=0.5/part-0-0.csv": "1\n2\n",
    "day=2015-07-16/hour=-3/rate=__DEFAULT_PARTITION__/part-0-0.csv": "3\n",
    "day=1437004800000/hour=0/rate=1e3/part-0-0.csv": "4\n",
    "day=2015-07-17/hour=seven/rate=1/part-0-0.csv": "5\n6\n",
    "day=2015-07-18/hour=__DEFAULT_PARTITION__/rate=1/part-0-0.csv": "7\n",
    "day=yesterday/hour=1/rate=1/part-0-0.csv": "8\n",
  });
  const { source: s, dead } = source({ path: dir, format: "csv", header: false, partitionBy: ["day", "hour", "rate"], type: TYPED });
  const records = readAll(s);
  // why 1437004800000 after 2015-…: names compare numbers inside them as numbers (as the directory source does)
  t.deepEqual(records, [
    { day: Date.UTC(2015, 6, 15, 12), id: 1, hour: 7, rate: 0.5 },
    { day: Date.UTC(2015, 6, 15, 12), id: 2, hour: 7, rate: 0.5 },
    { day: Date.UTC(2015, 6, 16), id: 3, hour: -3, rate: null },
    { day: Date.UTC(2015, 6, 16), id: 4, hour: 0, rate: 1000 },
  ]);
  t.deepEqual(records.map((r) => Object.keys(r as object)), records.map(() => ["day", "id", "hour", "rate"]), "fields in the order of the type");
  t.deepEqual(dead, [
    { source: "ins (day=2015-07-17/hour=seven/rate=1/part-0-0.csv)", position: 1, reason: 'partition directory `hour=seven`: column `hour` should be an int, got "seven"', raw: "5" },
    { source: "ins (day=2015-07-17/hour=seven/rate=1/part-0-0.csv)", position: 2, reason: 'partition directory `hour=seven`: column `hour` should be an int, got "seven"', raw: "6" },
    {
      source: "ins (day=2015-07-18/hour=__DEFAULT_PARTITION__/rate=1/part-0-0.csv)",
      position: 1,
      reason: "partition directory `hour=__DEFAULT_PARTITION__`: column `hour` is not nullable, and __DEFAULT_PARTITION__ stands for null",
      raw: "7",
    },
    { source: "ins (day=yesterday/hour=1/rate=1/part-0-0.csv)", position: 1, reason: 'partition directory `day=yesterday`: column `day` should be a timestamp (epoch milliseconds or ISO 8601), got "yesterday"', raw: "8" },
  ]);
});

test("a string column that cannot be null reads the default partition as the empty string, which the sink also files there", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, { "dt=__DEFAULT_PARTITION__/hm=__DEFAULT_PARTITION__/part-0-0.jsonl": '{"id":1}\n' });
  const { source: s, dead } = source({ path: dir, format: "jsonl", partitionBy: ["dt", "hm"], type: EVENTS });
  t.deepEqual(readAll(s), [{ id: 1, dt: null, hm: "" }]);
  t.deepEqual(dead, []);
});

test("the partition directories' values come with a checkpointed position into the next partition", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, {
    "dt=2015-07-15/hm=00%3A00/part-0-0.jsonl": '{"id":1}\n{"id":2}\n',
    "dt=2015-07-15/hm=00%3A01/part-0-0.jsonl": '{"id":3}\n{"id":4}\n',
  });
  const { source: s } = source({ path: dir, format: "jsonl", partitionBy: ["dt", "hm"], type: EVENTS });
  const first = s.createReader();
  const seen: unknown[] = [];
  first.pollNext({ collect: (r) => seen.push(r) }, 3);
  const state = JSON.parse(JSON.stringify(first.snapshotState!()));
  first.close?.();
  const resumed = s.createReader();
  resumed.restoreState!(state);
  while (resumed.pollNext({ collect: (r) => seen.push(r) }, 2) !== "END_OF_INPUT");
  t.deepEqual(seen, [
    { id: 1, dt: "2015-07-15", hm: "00:00" },
    { id: 2, dt: "2015-07-15", hm: "00:00" },
    { id: 3, dt: "2015-07-15", hm: "00:01" },
    { id: 4, dt: "2015-07-15", hm: "00:01" },
  ]);
});

test("a sink's path with a format extension reads its committed parts in the partitions of its directory", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, {
    "dt=2015-07-15/hm=00%3A00/events-0-0.jsonl": '{"id":1}\n',
    "dt=2015-07-15/hm=00%3A00/.events-0-1.pending": '{"id":90}\n',
    "dt=2015-07-15/hm=00%3A00/other-0-0.jsonl": '{"id":91}\n',
  });
  const { source: s } = source({ path: join(dir, "events.jsonl"), format: "jsonl", partitionBy: ["dt", "hm"], type: EVENTS });
  t.deepEqual(readAll(s), [{ id: 1, dt: "2015-07-15", hm: "00:00" }]);
});

test("a partitioned source given a file, or partition columns of a type that is not a record, is a user error naming the source", (t) => {
  const dir = tempDir(t, "eddy-partitioned-source-");
  tree(dir, { "in.jsonl": '{"id":1}\n' });
  const file = source({ path: join(dir, "in.jsonl"), format: "jsonl", partitionBy: ["dt"], type: EVENTS });
  const error = t.throws(() => readAll(file.source), { instanceOf: EddyError });
  t.regex(error.message, /file source 'ins' cannot open .*in\.jsonl: a partitioned source reads a directory of partition directories, not a file/);
  t.throws(() => readAll(source({ path: dir, format: "jsonl", partitionBy: ["dt"], type: { kind: "string" } }).source), { instanceOf: EddyError, message: /file source 'ins': partitionBy needs records/ });
});
