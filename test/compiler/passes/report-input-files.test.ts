// Input files named by a constant path are looked at when checking, the way the source will read them when the job
// runs — against the working directory: nothing readable there is a warning (the job may run elsewhere), an empty
// input too. (FLOW5001 is the prelude's unused source.)
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { check } from "../../../compiler/index.js";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

const reading = (path: string, extra = "") => `${PRELUDE}source logs: Txn = file(${path}${extra})\njob j { logs | to out }\n`;

test("a missing file is warning FLOW5014 at the path, and the hint names where it looked and how to give another path", (t) => {
  const found = reports(t, reading(`⟦"data/nope.jsonl"⟧`), "FLOW5014");
  t.is(found?.severity, "warning");
  t.regex(found?.hint ?? "", /looked for \/.*data\/nope\.jsonl: a relative path in `file\(…\)` is resolved when the job runs, against the working directory/);
  t.regex(found?.hint ?? "", /--file logs=…/);
});

test("an empty file is FLOW5008 at the path; a watched empty file and a file with lines are fine", (t) => {
  reports(t, reading(`⟦"e.jsonl"⟧`), "FLOW5008", { "e.jsonl": "" });
  const codes = (source: string, files: Record<string, string>) => checkText(source, files).diagnostics.map((d) => d.code).filter((c) => c !== "FLOW5001");
  t.deepEqual(codes(reading(`"e.jsonl"`, ", watch: true"), { "e.jsonl": "" }), []);
  t.deepEqual(codes(reading(`"l.jsonl"`), { "l.jsonl": "{}\n" }), []);
});

test("on the file system: files, directories, a file sink's parts and partitions count as input, resolved against the working directory", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-input-"));
  try {
    mkdirSync(join(dir, "data"));
    mkdirSync(join(dir, "nothing"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "data", "full.jsonl"), "{}\n");
    writeFileSync(join(dir, "data", "empty.jsonl"), "");
    writeFileSync(join(dir, "out", "alerts-0-0.jsonl"), "{}\n");
    mkdirSync(join(dir, "bycountry", "country=NL"), { recursive: true });
    writeFileSync(join(dir, "bycountry", "country=NL", "part-0-0.jsonl"), "{}\n");
    writeFileSync(join(dir, "bycountry", "_SUCCESS"), "");
    // The .flow file's own directory plays no part: the paths are relative to the process's working directory.
    const flow = join(dir, "elsewhere", "job.flow");
    const codes = (path: string, extra = "") => check(reading(`"${path}"`, extra), flow).diagnostics.map((d) => d.code).filter((c) => c !== "FLOW5001");
    const rel = (path: string) => relative(process.cwd(), join(dir, path));
    t.deepEqual(codes(rel("data/full.jsonl")), []);
    t.deepEqual(codes(rel("data/empty.jsonl")), ["FLOW5008"]);
    t.deepEqual(codes(rel("data"), ', format: "jsonl"'), [], "a directory's files are read one after the other");
    t.deepEqual(codes(rel("nothing"), ', format: "jsonl"'), ["FLOW5008"], "a directory without visible files is an empty input");
    t.deepEqual(codes(rel("out/alerts.jsonl")), [], "a file sink's committed parts are read for its path");
    t.deepEqual(codes(rel("bycountry"), ', format: "jsonl", partitionBy: ["country"]'), [], "a partitioned source's files are those of its partition directories");
    t.deepEqual(codes(rel("bycountry"), ', format: "jsonl"'), ["FLOW5008"], "without partitionBy the same directory holds no visible file");
    t.deepEqual(codes("data/full.jsonl"), ["FLOW5014"], "relative to the working directory, not to the .flow file");
    t.deepEqual(codes(join(dir, "data", "full.jsonl")), [], "absolute paths are taken as they are");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
