// docs/sql.md's diagnostics table lists exactly the SQL2xxx codes of the catalogue, with their severities and titles.
import { readFileSync } from "node:fs";
import test from "ava";
import { messages } from "../../../compiler/diagnostics/messages.js";

const DOC = readFileSync(new URL("../../../docs/sql.md", import.meta.url), "utf8");

test("the SQL diagnostics table matches the catalogue", (t) => {
  const rows = [...DOC.matchAll(/^\| (SQL\d{4}) \| (error|warning) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
  const catalogue = Object.entries(messages).filter(([code]) => code.startsWith("SQL")).map(([code, m]) => [code, m.severity, m.title]);
  t.true(catalogue.length > 0);
  t.deepEqual(rows, catalogue);
});
