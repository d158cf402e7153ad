// Partition pruning in the partitioned `file(...)` source (`partitionFilter`): a partition directory whose values,
// converted as records' are, do not make the filter true is not read — its files never opened, so even malformed ones
// leave no dead letter — while one whose values do not convert is read (its dead letters stay) and one on which the
// filter throws is read too. The checkpointed position counts in the pruned list of files: a restore reads every
// matching record once, and a watching source never picks the pruned files up later.
import test from "ava";
import { FileSource, type FileSourceOptions } from "../../../runtime/support/file-source.js";
import type { PartitionFilter } from "../../../runtime/support/partition-columns.js";
import { tempDir, tree } from "../../helpers/directory-tree.js";
import { readAll } from "../../helpers/read-source.js";
import type { DeadLetter, SchemaType } from "../../../runtime/support/validate.js";

const EVENTS: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "int" } },
    { name: "dt", type: { kind: "nullable", inner: { kind: "string" } } },
    { name: "hr", type: { kind: "int" } },
  ],
};

function source(dir: string, partitionFilter: PartitionFilter, more: Partial<FileSourceOptions> = {}): { source: FileSource<unknown>; dead: DeadLetter[] } {
  const dead: DeadLetter[] = [];
  const options: FileSourceOptions = { name: "ins", path: dir, format: "jsonl", watch: false, partitionBy: ["dt", "hr"], partitionFilter, type: EVENTS, onDeadLetter: (d) => dead.push(d), ...more };
  return { source: new FileSource(options), dead };
}

/** `dt = '2026-01-01'` as SQL's WHERE runs it: NULL (the default partition) is not true. */
const onDay: PartitionFilter = (p) => (p["dt"] === null ? null : p["dt"] === "2026-01-01") === true;

test("a partition the filter is false or null for is not read: its malformed files leave no dead letter", (t) => {
  const dir = tempDir(t, "eddy-partition-pruning-");
  tree(dir, {
    "dt=2026-01-01/hr=1/part-0-0.jsonl": '{"id":1}\n{"id":2}\n',
    "dt=2026-01-01/hr=2/part-0-0.jsonl": '{"id":3}\n',
    "dt=2026-01-02/hr=1/part-0-0.jsonl": "not json\n",
    "dt=__DEFAULT_PARTITION__/hr=1/part-0-0.jsonl": "not json either\n",
  });
  const seen: unknown[] = [];
  const { source: s, dead } = source(dir, (p) => {
    seen.push(p);
    return onDay(p);
  });
  t.deepEqual(readAll(s), [
    { id: 1, dt: "2026-01-01", hr: 1 },
    { id: 2, dt: "2026-01-01", hr: 1 },
    { id: 3, dt: "2026-01-01", hr: 2 },
  ]);
  t.deepEqual(dead, []);
  // the filter sees each partition once, in path order, its columns converted to their types (the default one null)
  t.deepEqual(seen, [{ dt: null, hr: 1 }, { dt: "2026-01-01", hr: 1 }, { dt: "2026-01-01", hr: 2 }, { dt: "2026-01-02", hr: 1 }]);
});

test("without a filter the same tree reads every partition (the malformed files are dead letters)", (t) => {
  const dir = tempDir(t, "eddy-partition-pruning-");
  tree(dir, { "dt=2026-01-01/hr=1/part-0-0.jsonl": '{"id":1}\n', "dt=2026-01-02/hr=1/part-0-0.jsonl": "not json\n" });
  const dead: DeadLetter[] = [];
  const s = new FileSource({ name: "ins", path: dir, format: "jsonl", watch: false, partitionBy: ["dt", "hr"], type: EVENTS, onDeadLetter: (d) => dead.push(d) });
  t.deepEqual(readAll(s), [{ id: 1, dt: "2026-01-01", hr: 1 }]);
  t.is(dead.length, 1);
});

test("a partition whose values do not convert is read, so its records stay dead letters; a filter that throws reads the partition", (t) => {
  const dir = tempDir(t, "eddy-partition-pruning-");
  tree(dir, {
    "dt=2026-01-01/hr=seven/part-0-0.jsonl": '{"id":1}\n',
    "dt=2026-01-02/hr=1/part-0-0.jsonl": '{"id":2}\n',
    "dt=2026-01-03/hr=1/part-0-0.jsonl": '{"id":3}\n',
  });
  const { source: s, dead } = source(dir, (p) => {
    if (p["dt"] === "2026-01-03") throw new Error("cannot tell");
    return false;
  });
  t.deepEqual(readAll(s), [{ id: 3, dt: "2026-01-03", hr: 1 }]);
  t.deepEqual(dead.map((d) => [d.source, d.reason]), [["ins (dt=2026-01-01/hr=seven/part-0-0.jsonl)", 'partition directory `hr=seven`: column `hr` should be an int, got "seven"']]);
});

test("a restored position reads on in the pruned files: every matching record once, no pruned one", (t) => {
  const dir = tempDir(t, "eddy-partition-pruning-");
  tree(dir, {
    "dt=2026-01-01/hr=1/part-0-0.jsonl": '{"id":1}\n{"id":2}\n',
    "dt=2026-01-01/hr=1/part-0-1.jsonl": '{"id":3}\n',
    "dt=2026-01-02/hr=1/part-0-0.jsonl": "not json\n",
    "dt=2026-01-01/hr=3/part-0-0.jsonl": '{"id":4}\n{"id":5}\n',
  });
  const { source: s, dead } = source(dir, onDay);
  const first = s.createReader();
  const ids: unknown[] = [];
  const collect = { collect: (r: unknown) => ids.push((r as { id: number }).id) };
  first.pollNext(collect, 3);
  const state = JSON.parse(JSON.stringify(first.snapshotState!())) as { files: string[] };
  first.close?.();
  t.false(state.files.some((f) => f.includes("dt=2026-01-02")), "the position lists only the partitions read");
  const resumed = s.createReader();
  resumed.restoreState!(state);
  while (resumed.pollNext(collect, 2) !== "END_OF_INPUT");
  t.deepEqual(ids, [1, 2, 3, 4, 5]);
  t.deepEqual(dead, []);
});

test("a watching source reads partitions that appear later only when the filter keeps them", (t) => {
  const dir = tempDir(t, "eddy-partition-pruning-");
  tree(dir, { "dt=2026-01-01/hr=1/part-0-0.jsonl": '{"id":1}\n' });
  const { source: s, dead } = source(dir, onDay, { watch: true });
  const reader = s.createReader();
  const ids: unknown[] = [];
  const collect = { collect: (r: unknown) => ids.push((r as { id: number }).id) };
  while (reader.pollNext(collect, 10) !== "NOTHING_AVAILABLE");
  tree(dir, { "dt=2026-01-01/hr=2/part-0-0.jsonl": '{"id":2}\n', "dt=2026-01-02/hr=1/part-0-0.jsonl": "not json\n" });
  while (reader.pollNext(collect, 10) !== "NOTHING_AVAILABLE");
  reader.close?.();
  t.deepEqual(ids, [1, 2]);
  t.deepEqual(dead, []);
});
