// Input files named by a constant path are looked at when checking: missing is an error, empty a warning. Paths are
// relative to the .flow file's directory, as when the job runs. (FLOW5001 is the prelude's unused source.)
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check } from "../../../compiler/index.js";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

const reading = (path: string, extra = "") => `${PRELUDE}source logs: Txn = file(${path}${extra})\njob j { logs | to out }\n`;

test("a missing file is FLOW2024 at the path, and the hint names where it looked", (t) => {
  const found = reports(t, reading(`⟦"data/nope.jsonl"⟧`), "FLOW2024");
  t.is(found?.severity, "error");
  t.regex(found?.hint ?? "", /looked for \/.*data\/nope\.jsonl: a relative path in `file\(…\)` is relative to the directory of the \.flow file/);
});

test("an empty file is FLOW5008 at the path; a watched empty file and a file with lines are fine", (t) => {
  reports(t, reading(`⟦"e.jsonl"⟧`), "FLOW5008", { "e.jsonl": "" });
  const codes = (source: string, files: Record<string, string>) => checkText(source, files).diagnostics.map((d) => d.code).filter((c) => c !== "FLOW5001");
  t.deepEqual(codes(reading(`"e.jsonl"`, ", watch: true"), { "e.jsonl": "" }), []);
  t.deepEqual(codes(reading(`"l.jsonl"`), { "l.jsonl": "{}\n" }), []);
});

test("on the file system: the path resolves against the .flow file's directory, not the current directory", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-input-"));
  try {
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "full.jsonl"), "{}\n");
    writeFileSync(join(dir, "data", "empty.jsonl"), "");
    const flow = join(dir, "job.flow");
    const codes = (path: string) => check(reading(`"${path}"`), flow).diagnostics.map((d) => d.code).filter((c) => c !== "FLOW5001");
    t.deepEqual(codes("data/full.jsonl"), []);
    t.deepEqual(codes("data/empty.jsonl"), ["FLOW5008"]);
    t.deepEqual(codes("data"), ["FLOW2024"], "a directory is not an input file");
    t.deepEqual(codes(join(dir, "data", "full.jsonl")), [], "absolute paths are taken as they are");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
