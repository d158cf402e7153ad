// When partitions commit (Flink's partition-time and process-time triggers), from every subtask's committed progress.
import test from "ava";
import fc from "fast-check";
import { committablePartitions, type SubtaskCommitProgress } from "../../../../runtime/connectors/file/partition-commit-trigger.js";

const KEYS = ["dt", "hm"];
const MINUTE = 60_000;
const T0 = Date.UTC(2015, 6, 15, 12, 0);
/** The partition of minute `m` after 12:00 on 2015-07-15. */
const minute = (m: number) => `dt=2015-07-15/hm=12%3A${String(m).padStart(2, "0")}`;

function progress(subtask: number, o: Partial<SubtaskCommitProgress> = {}): SubtaskCommitProgress {
  return { subtask, parallelism: 2, checkpointId: 5, watermark: Number.NEGATIVE_INFINITY, ended: false, partitions: {}, ...o };
}

const partitionTime = { trigger: "partition-time" as const, delay: MINUTE, timePattern: "$dt $hm:00" };

test("partition-time: a partition commits once the smallest watermark is past its time plus the delay", (t) => {
  const partitions = { [minute(0)]: 0, [minute(1)]: 0, [minute(2)]: 0 };
  const at = (w0: number, w1: number) =>
    committablePartitions(partitionTime, KEYS, [progress(0, { watermark: w0, partitions }), progress(1, { watermark: w1 })], 5, 0);
  // minute 0 stands for 12:00; with 1 min delay it commits when the watermark is past 12:01
  t.deepEqual(at(T0 + MINUTE, T0 + 10 * MINUTE), [], "12:01 is not past 12:01");
  t.deepEqual(at(T0 + MINUTE + 1, T0 + 10 * MINUTE), [minute(0)]);
  t.deepEqual(at(T0 + 10 * MINUTE, T0 + MINUTE + 1), [minute(0)], "the slower subtask decides");
  t.deepEqual(at(T0 + 3 * MINUTE + 1, T0 + 3 * MINUTE + 1), [minute(0), minute(1), minute(2)]);
});

test("property: partition-time commits exactly the partitions with time + delay < min watermark (brute force)", (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: -2 * MINUTE, max: 70 * MINUTE }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 5 * MINUTE }),
      (minutes, watermarks, delay) => {
        const partitions = Object.fromEntries(minutes.map((m) => [minute(m), 0]));
        const all = watermarks.map((w, i) => progress(i, { parallelism: watermarks.length, watermark: T0 + w, partitions: i === 0 ? partitions : {} }));
        const actual = committablePartitions({ ...partitionTime, delay }, KEYS, all, 5, 0);
        const lowest = T0 + Math.min(...watermarks);
        const expected = minutes.filter((m) => lowest > T0 + m * MINUTE + delay).map(minute).sort();
        return JSON.stringify(actual) === JSON.stringify(expected);
      },
    ),
    { seed: 20261206 },
  );
  t.pass();
});

test("nothing commits until every subtask has committed the checkpoint (Flink's committer waits for all tasks)", (t) => {
  const done = progress(0, { watermark: T0 + 10 * MINUTE, partitions: { [minute(0)]: 0 } });
  t.deepEqual(committablePartitions(partitionTime, KEYS, [done, progress(1, { checkpointId: 4, watermark: T0 + 10 * MINUTE })], 5, 0), []);
  t.deepEqual(committablePartitions(partitionTime, KEYS, [done, progress(1, { checkpointId: -1, watermark: T0 + 10 * MINUTE })], 5, 0), [], "restored, not committed in this run");
  t.deepEqual(committablePartitions(partitionTime, KEYS, [done, progress(1, { checkpointId: 5, watermark: T0 + 10 * MINUTE })], 5, 0), [minute(0)]);
});

test("end of input: every partition commits, whatever the trigger and delay", (t) => {
  const all = [progress(0, { ended: true, partitions: { [minute(0)]: 100 } }), progress(1, { ended: true, partitions: { [minute(59)]: 100 } })];
  t.deepEqual(committablePartitions({ ...partitionTime, delay: 365 * 24 * 60 * MINUTE }, KEYS, all, 5, 0), [minute(0), minute(59)]);
  t.deepEqual(committablePartitions({ trigger: "process-time", delay: MINUTE, timePattern: null }, KEYS, all, 5, 100), [minute(0), minute(59)]);
  t.deepEqual(committablePartitions(partitionTime, KEYS, [all[0]!, progress(1, { partitions: { [minute(59)]: 100 } })], 5, 0), [], "one subtask still reads");
});

test("process-time: a partition commits once processing time is past its first commit by any subtask plus the delay", (t) => {
  const processTime = { trigger: "process-time" as const, delay: 10_000, timePattern: null };
  const all = [progress(0, { partitions: { [minute(0)]: 1_000, [minute(1)]: 5_000 } }), progress(1, { partitions: { [minute(1)]: 3_000 } })];
  t.deepEqual(committablePartitions(processTime, KEYS, all, 5, 11_000), []);
  t.deepEqual(committablePartitions(processTime, KEYS, all, 5, 11_001), [minute(0)]);
  t.deepEqual(committablePartitions(processTime, KEYS, all, 5, 13_001), [minute(0), minute(1)], "the earliest first commit counts");
  t.deepEqual(committablePartitions({ ...processTime, delay: 0 }, KEYS, all, 5, 1_000), [minute(0), minute(1)], "no delay: on the commit itself");
});

test("partition-time ignores directories that are not partitions of the sink's columns", (t) => {
  const all = [progress(0, { parallelism: 1, watermark: Number.MAX_VALUE, partitions: { "other=1": 0, [minute(0)]: 0 } })];
  t.deepEqual(committablePartitions(partitionTime, KEYS, all, 5, 0), [minute(0)]);
});
