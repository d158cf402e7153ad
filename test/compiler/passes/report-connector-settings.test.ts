// Connector settings the checker rejects with a span: a `file(...)` whose format neither `format:` nor the extension
// says (FLOW3030), the partitions of a `file(...)` sink (FLOW3056–FLOW3058) and source (FLOW3056, FLOW2005), and the
// arguments of the `postgres(...)` sink (table, mode, key against the sink's records, and which sinks take a changelog
// with deletions: FLOW4042).
import test from "ava";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileText } from "../helpers/compile.js";
import { checksClean, checkText, PRELUDE, reports, unmark } from "../helpers/check.js";

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

const fileSource = (args: string, schema = "schema Ev { id: int, tags: [string], dt: string, hm: string? }\n") =>
  `${schema}source evs: Ev = file("in/", "jsonl", ${args})\nsink back = collect()\njob k { evs | to back }\n`;

test("file source: partitionBy names fields of its records, of types a directory name holds", (t) => {
  checksClean(t, fileSource(`partitionBy: ["dt", "hm"]`));
  checksClean(t, fileSource(`partitionBy: ["hm"]`));
  checksClean(t, fileSource(`partitionBy: ["day", "hour", "rate", "on", "at", "gap"]`, "schema Ev { id: int, day: string, hour: int, rate: float?, on: bool, at: timestamp, gap: duration }\n"));
});

test("file source: a partition column that is not a field of its records is FLOW2005 at that column, with a caret", (t) => {
  reports(t, fileSource(`partitionBy: ["dt", ⟦"hour"⟧]`), "FLOW2005");
  const result = checkText(fileSource(`partitionBy: ["dt", "hour"]`));
  t.is(
    formatDiagnostics(result.diagnostics.filter((d) => d.severity === "error"), (f) => result.sources.get(f)),
    [
      "error[FLOW2005]: no field `hour` in `Ev`",
      " --> main.flow:2:59",
      "  |",
      '2 | source evs: Ev = file("in/", "jsonl", partitionBy: ["dt", "hour"])',
      "  |                                                           ^^^^^^",
      "",
      "1 error",
      "",
    ].join("\n"),
  );
});

test("file source: FLOW3056 for a partitionBy that is not column names, repeats one, takes every field or a column no directory name holds", (t) => {
  reports(t, fileSource(`partitionBy: ⟦"dt"⟧`), "FLOW3056");
  reports(t, fileSource(`partitionBy: ⟦[]⟧`), "FLOW3056");
  reports(t, fileSource(`partitionBy: ["dt", ⟦"dt"⟧]`), "FLOW3056");
  reports(t, fileSource(`partitionBy: ⟦["id", "tags", "dt", "hm"]⟧`), "FLOW3056");
  reports(t, fileSource(`partitionBy: ["dt", ⟦"tags"⟧]`), "FLOW3056");
});

test("file source: a commit setting is the sink's, not an argument of the source (FLOW2016)", (t) => {
  reports(t, fileSource(`partitionBy: ["dt"], ⟦commit⟧: "process-time"`), "FLOW2016");
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

test("a partitioned file source's generated FileSource is given its partition columns", (t) => {
  const result = compileText(fileSource(`partitionBy: ["dt", "hm"]`), { fileName: "/somewhere/main.flow" });
  t.true(result.ok);
  t.regex(result.files.get("job.ts")!, /new FileSource<Ev>\(\{ name: "evs", path: evsPath, format: "jsonl", watch: false, partitionBy: \["dt", "hm"\], type: EVS_SCHEMA/);
});

/** A postgres sink fed a changelog with deletions (an `unbounded` left join) at the marked `to`, and plain rows. */
const changelogInto = (args: string, type = "") =>
  `${PRELUDE}schema Pay { order: string, amount: float, ts: timestamp }
source pays: Pay = collection([]) watermark ts delay 1s
schema Paid { id: string, amount: float }
schema PaidChange { id: string, amount: float, __rowKind: string }
sink db${type} = postgres(${args})
job j {
  txns | left join pays as p on id == p.order unbounded | map { id, amount: if p == null then 0.0 else p.amount } | to ⟦db⟧
}
`;

test("postgres: an upsert sink takes a changelog with deletions, untyped or typed with `__rowKind`", (t) => {
  checksClean(t, changelogInto(`${URL}, table: "paid", mode: "upsert", key: "id"`).replace(/[⟦⟧]/g, ""));
  checksClean(t, changelogInto(`${URL}, table: "paid", mode: "upsert", key: "id"`, ": PaidChange").replace(/[⟦⟧]/g, ""));
});

test("postgres: FLOW4042 where a changelog with deletions goes into an exactly-once sink, the note at its mode", (t) => {
  const found = reports(t, changelogInto(`${URL}, table: "paid"`), "FLOW4042");
  t.regex(found?.message ?? "", /^the exactly-once `postgres` sink `db` reads a changelog with deletions/);
  t.regex(found?.hint ?? "", /mode: "upsert", key: …/);
  const explicit = reports(t, changelogInto(`${URL}, table: "paid", mode: "exactly_once"`), "FLOW4042");
  const text = unmark(changelogInto(`${URL}, table: "paid", mode: "exactly_once"`)).source;
  t.deepEqual(explicit?.notes?.map((n) => text.slice(n.span.start, n.span.end)), ['"exactly_once"']);
});

test("postgres: FLOW4042 for an upsert sink typed without `__rowKind` (its deletions would be upserted), the note at the type", (t) => {
  const found = reports(t, changelogInto(`${URL}, table: "paid", mode: "upsert", key: "id"`, ": Paid"), "FLOW4042");
  t.regex(found?.hint ?? "", /add `__rowKind: string`/);
  const text = unmark(changelogInto(`${URL}, table: "paid", mode: "upsert", key: "id"`, ": Paid")).source;
  t.deepEqual(found?.notes?.map((n) => text.slice(n.span.start, n.span.end)), ["Paid"]);
});

test("postgres: only the `to` that sends deletions is FLOW4042; plain rows into the same exactly-once sink are fine", (t) => {
  // (typed: an untyped sink's inputs must agree, and a changelog's records have one more field)
  const text = changelogInto(`${URL}, table: "paid"`, ": Paid").replace("\n}\n", "\n  txns | map { id, amount } | to db\n}\n");
  const errors = checkText(unmark(text).source).diagnostics.filter((d) => d.severity === "error");
  t.deepEqual(errors.map((d) => [d.code, d.span]), [["FLOW4042", unmark(text).span]]);
});

test("postgres: `__rowKind` as a key column is FLOW3031 (the change a record makes is no column)", (t) => {
  reports(t, changelogInto(`${URL}, table: "paid", mode: "upsert", key: ["id", ⟦"__rowKind"⟧]`).replace("to ⟦db⟧", "to db"), "FLOW3031");
});
