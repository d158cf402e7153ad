// Connector settings the checker rejects with a span: a `file(...)` whose format neither `format:` nor the extension
// says (FLOW3030), the partitions of a `file(...)` sink (FLOW3056–FLOW3058), and the arguments of the `postgres(...)`
// sink (table, mode, key against the sink's records).
import test from "ava";
import { compileText } from "../helpers/compile.js";
import { checksClean, PRELUDE, reports } from "../helpers/check.js";

const sink = (args: string, type = "") => `${PRELUDE}sink db${type} = postgres(${args})\njob j { txns | to db }\n`;
const URL = `url: "postgres://127.0.0.1:5432/test"`;

test("the format of a file source follows its extension: .csv, .jsonl, .ndjson, .json (any case)", (t) => {
  for (const name of ["in.csv", "in.jsonl", "in.ndjson", "in.json", "data/IN.CSV", "./a.b/in.jsonl"]) {
    checksClean(t, `${PRELUDE}source s: Txn = file("${name}")\njob k { s | to out }\n`);
  }
});

test("FLOW3030: a file source or sink whose format cannot be told from the name", (t) => {
  reports(t, `${PRELUDE}source s: Txn = file(⟦"data/in.txt"⟧)\n`, "FLOW3030");
  reports(t, `${PRELUDE}source s: Txn = file(⟦"data/in"⟧)\n`, "FLOW3030");
  reports(t, `${PRELUDE}source s: Txn = file(path: ⟦"data.d/.csv"⟧)\n`, "FLOW3030");
  reports(t, `${PRELUDE}sink f = file(⟦"out/txns"⟧)\njob k { txns | to f }\n`, "FLOW3030");
});

test("an explicit format needs no extension and wins over it", (t) => {
  checksClean(t, `${PRELUDE}source s: Txn = file("data/in.txt", format: "csv")\nsink f = file("out/txns", "jsonl")\njob k { s | to f }\n`);
});

const fileSink = (args: string) => `${PRELUDE}sink f = file("out/txns", "csv", ${args})\njob k { txns | to f }\n`;

test("file sink: partitionBy names fields; commit, commitDelay and timePattern go with it", (t) => {
  checksClean(t, fileSink(`partitionBy: ["country"]`));
  checksClean(t, fileSink(`partitionBy: ["country", "account"], commit: "partition-time", commitDelay: 1m, timePattern: "$country 00:00:00"`));
  checksClean(t, fileSink(`partitionBy: ["country"], commit: "process-time", commitDelay: 10s, rollEvery: 1m`));
});

test("file sink: FLOW3056 for a partitionBy that is not column names, repeats one, or takes every field", (t) => {
  reports(t, fileSink(`partitionBy: ⟦"country"⟧`), "FLOW3056");
  reports(t, fileSink(`partitionBy: ⟦[]⟧`), "FLOW3056");
  reports(t, fileSink(`partitionBy: ⟦[1]⟧`), "FLOW3056");
  reports(t, fileSink(`partitionBy: ["country", ⟦"country"⟧]`), "FLOW3056");
  reports(t, fileSink(`partitionBy: ⟦["id", "account", "amount", "country", "ts"]⟧`), "FLOW3056");
});

test("file sink: a partition column that is not a field of the records is FLOW2005 at that column", (t) => {
  reports(t, fileSink(`partitionBy: ["country", ⟦"dt"⟧]`), "FLOW2005");
});

test("file sink: FLOW3057 for commit settings without partitionBy, or delay and pattern without commit", (t) => {
  reports(t, fileSink(`commit: ⟦"partition-time"⟧`), "FLOW3057");
  reports(t, fileSink(`partitionBy: ["country"], commitDelay: ⟦1m⟧`), "FLOW3057");
  reports(t, fileSink(`partitionBy: ["country"], timePattern: ⟦"$country"⟧`), "FLOW3057");
});

test("file sink: an unknown trigger is FLOW3001 at the value", (t) => {
  reports(t, fileSink(`partitionBy: ["country"], commit: ⟦"metastore"⟧`), "FLOW3001");
});

test("file sink: FLOW3058 for a time pattern that refers to no partition column or to another column", (t) => {
  reports(t, fileSink(`partitionBy: ["country"], commit: "partition-time", timePattern: ⟦"$account 00:00:00"⟧`), "FLOW3058");
  reports(t, fileSink(`partitionBy: ["country"], commit: "partition-time", timePattern: ⟦"2020-01-01"⟧`), "FLOW3058");
});

test("postgres: exactly-once by default, upsert with a key that names fields of the sink's records", (t) => {
  checksClean(t, sink(`${URL}, table: "txns"`));
  checksClean(t, sink(`${URL}, table: "s.txns", mode: "exactly_once", batchSize: 100`));
  checksClean(t, sink(`${URL}, table: "txns", mode: "upsert", key: "id"`));
  checksClean(t, sink(`${URL}, table: "txns", mode: "upsert", key: ["account", "country"]`));
  checksClean(t, sink(`${URL}, table: "txns", mode: "upsert", key: "id"`, ": Txn"));
});

test("postgres: a missing url or table is FLOW3004 at the call", (t) => {
  reports(t, `${PRELUDE}sink db = ⟦postgres(url: "postgres://h/db")⟧\njob j { txns | to db }\n`, "FLOW3004");
  reports(t, `${PRELUDE}sink db = ⟦postgres(table: "t")⟧\njob j { txns | to db }\n`, "FLOW3004");
});

test("postgres: an unknown mode is FLOW3001 at the mode", (t) => {
  reports(t, sink(`${URL}, table: "t", mode: ⟦"append"⟧`), "FLOW3001");
});

test("postgres: a key that is not a field of the records is FLOW2005 at that key", (t) => {
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ⟦"user"⟧`), "FLOW2005");
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ["id", ⟦"acount"⟧]`), "FLOW2005");
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ⟦"user"⟧`, ": Txn"), "FLOW2005");
});

test("postgres: FLOW3031 for upsert without key, a key with exactly_once, a key that is not column names, a repeated column", (t) => {
  reports(t, sink(`${URL}, table: "t", mode: ⟦"upsert"⟧`), "FLOW3031");
  reports(t, sink(`${URL}, table: "t", key: ⟦"id"⟧`), "FLOW3031");
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ⟦3⟧`), "FLOW3031");
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ⟦[]⟧`), "FLOW3031");
  reports(t, sink(`${URL}, table: "t", mode: "upsert", key: ["id", ⟦"id"⟧]`), "FLOW3031");
});

test("postgres: other arguments are type-checked (FLOW3005-style mismatch) and unknown ones named (FLOW2016)", (t) => {
  reports(t, sink(`${URL}, table: ⟦3⟧`), "FLOW3001");
  reports(t, sink(`${URL}, table: "t", ⟦user⟧: "x"`), "FLOW2016");
});

test("generated code holds the paths as written and resolves them when the job starts", (t) => {
  const result = compileText(`${PRELUDE}source s: Txn = file("data/in.csv")\nsink f = file("out/txns.jsonl", rollEvery: 1m)\njob k { s | to f }\n`, { fileName: "/somewhere/else/main.flow" });
  t.true(result.ok);
  const job = result.files.get("job.ts")!;
  t.false(job.includes("/somewhere"), "no path of the compiling machine is baked in");
  t.regex(job, /const sPath = filePath\(io, "s", "data\/in\.csv"\);/);
  t.regex(job, /new FileSource<Txn>\(\{ name: "s", path: sPath, format: "csv"/);
  t.regex(job, /const fPath = filePath\(io, "f", "out\/txns\.jsonl"\);/);
  t.regex(job, /fileSink<\w+>\(\{ path: fPath, format: "jsonl", columns: \["id", "account", "amount", "country", "ts"\], rollEvery: 60000 \}\)/);
});
