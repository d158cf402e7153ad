// Unknown functions get a "did you mean": built-ins, imported functions, and aggregate functions inside `aggregate`.
import test from "ava";
import { PRELUDE, reports } from "../helpers/check.js";

const job = (body: string, extra = "") => `${PRELUDE}${extra}\njob j {\n${body}\n}\n`;
const FILES = { "udf/risk.ts": "export function riskScore(account: string, total: number): number { return total; }\n" };

test("a misspelt built-in", (t) => {
  t.is(reports(t, job(`txns | filter ⟦lowr⟧(account) == "" | to out`), "FLOW2006")?.hint, "did you mean `lower`?");
});

test("a misspelt imported function", (t) => {
  const source = `import { riskScore } from "./udf/risk.ts"\n${job("txns | filter ⟦riskScor⟧(account, amount) > 1.0 | to out")}`;
  t.is(reports(t, source, "FLOW2006", FILES)?.hint, "did you mean `riskScore`?");
});

test("a misspelt aggregate function inside aggregate", (t) => {
  t.is(reports(t, job("txns | keyBy account | aggregate { n: ⟦cnt⟧() } | to out"), "FLOW2006")?.hint, "did you mean `count`?");
});

test("a field name is still suggested for an unknown field (FLOW2005)", (t) => {
  t.is(reports(t, job("txns | filter ⟦amont⟧ > 1.0 | to out"), "FLOW2005")?.hint, "did you mean `amount`?");
});
