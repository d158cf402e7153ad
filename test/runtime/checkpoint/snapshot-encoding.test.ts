// The state file format: a header and one buffer per key group, written without joining them,
// read back with every key group decodable on its own; a damaged file is refused.
import test from "ava";
import { decodeKeyGroup, encodeKeyGroup, readSnapshotFile, snapshotFileParts } from "../../../runtime/checkpoint/snapshot-encoding.js";
import type { EncodedOperatorSnapshot, KeyGroupSnapshot } from "../../../runtime/checkpoint/snapshot.js";

const group = (k: number): KeyGroupSnapshot => ({
  states: {
    counts: { namespaces: ["\u0000void"], nsIndex: [], keys: [k, k + 128], values: [{ name: `n${k}`, n: k }, { name: "x", n: -0 }] },
    windows: { namespaces: [0, 60_000], nsIndex: [0, 1, 1], keys: ["a", "b", "c"], values: [1.5, 2, 3] },
  },
  eventTimers: [["window-timers", 59_999, k, 0]],
  processingTimers: [],
});

test("a key group round-trips through its encoding", (t) => {
  t.deepEqual(decodeKeyGroup(encodeKeyGroup(group(3))), group(3));
});

test("a state file round-trips: header fields as they were, each key group decodable alone", (t) => {
  const snapshot: EncodedOperatorSnapshot = {
    operatorUid: "sum",
    subtask: 1,
    parallelism: 2,
    maxParallelism: 128,
    operatorState: [{ txn: "t-1" }],
    encodedKeyGroups: { 64: encodeKeyGroup(group(64)), 70: encodeKeyGroup(group(70)) },
  };
  const file = Buffer.concat(snapshotFileParts(snapshot));
  const read = readSnapshotFile(file);
  t.deepEqual({ ...read, encodedKeyGroups: undefined }, { ...snapshot, encodedKeyGroups: undefined });
  t.deepEqual(Object.keys(read.encodedKeyGroups!), ["64", "70"]);
  t.deepEqual(decodeKeyGroup(read.encodedKeyGroups![70]!), group(70));
  t.deepEqual(decodeKeyGroup(read.encodedKeyGroups![64]!), group(64));
});

test("a snapshot without keyed state has no key groups; a truncated file is refused", (t) => {
  const plain: EncodedOperatorSnapshot = { operatorUid: "src", subtask: 0, parallelism: 1, maxParallelism: 128, operatorState: [42] };
  t.deepEqual(readSnapshotFile(Buffer.concat(snapshotFileParts(plain))), plain);
  const file = Buffer.concat(snapshotFileParts({ ...plain, encodedKeyGroups: { 1: encodeKeyGroup(group(1)) } }));
  t.throws(() => readSnapshotFile(file.subarray(0, file.length - 3)), { message: /damaged/ });
});
