// Imports that cannot be read are FLOW2009 at the path, for TypeScript and .flow imports alike.
import test from "ava";
import { reports } from "../helpers/check.js";

test("a missing .ts import is FLOW2009 at the path", (t) => {
  reports(t, `import { f } from ⟦"./missing.ts"⟧\n`, "FLOW2009");
});

test("a missing .flow import is FLOW2009 at the path, naming the file it looked for", (t) => {
  const found = reports(t, `import { Txn } from ⟦"./schemas/missing.flow"⟧\n`, "FLOW2009");
  t.regex(found?.message ?? "", /`\.\/schemas\/missing\.flow`/);
  t.regex(found?.hint ?? "", /schemas\/missing\.flow/);
});

test("a .flow import that exists is read (no FLOW2009)", (t) => {
  const found = reports(t, `import { ⟦Nope⟧ } from "./schemas.flow"\n`, "FLOW2010", { "schemas.flow": "schema Txn { id: string }\n" });
  t.truthy(found);
});
