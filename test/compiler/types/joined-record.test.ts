// The record an outer join emits: the side it may leave unmatched is nullable, and reading a field through the
// nullable alias needs a null test (`if o == null then … else o.name`) or is FLOW3006.
import test from "ava";
import { checksClean, PRELUDE, reports } from "../helpers/check.js";

const OTHER = `schema Other { id: string, name: string, ts: timestamp }\nsource others: Other = collection([]) watermark ts delay 1s\n`;
const job = (body: string) => `${PRELUDE}${OTHER}sink typed = collect()\njob j {\n${body}\n}\n`;

/** The type of the join's output as the checker sees it: a record literal passes a typed sink only if it fits. */
const fits = (join: string, type: string) => `${PRELUDE}${OTHER}schema Out ${type}\nsink typed: Out = collect()\njob j {\n  txns | ${join} | to typed\n}\n`;

test("left join: the alias is a nullable record; the left fields stay as they are", (t) => {
  checksClean(t, fits("left join others as o on id == o.id window tumbling(1m) | map { id, o }", "{ id: string, o: { id: string, name: string, ts: timestamp }? }"));
  reports(t, fits("left join others as o on id == o.id window tumbling(1m) | map { id, o }", "{ id: string, o: { id: string, name: string, ts: timestamp } }"), "FLOW3012");
});

test("right join: every left field is nullable, the alias is not", (t) => {
  checksClean(t, fits("right join others as o on id == o.id between -1s and 1s | map { id, amount, o }", "{ id: string?, amount: float?, o: { id: string, name: string, ts: timestamp } }"));
  reports(t, fits("right join others as o on id == o.id between -1s and 1s | map { id, amount, o }", "{ id: string, amount: float?, o: { id: string, name: string, ts: timestamp } }"), "FLOW3012");
});

test("full join: both sides nullable", (t) => {
  checksClean(t, fits("full join others as o on id == o.id window tumbling(1m) | map { id, o }", "{ id: string?, o: { id: string, name: string, ts: timestamp }? }"));
});

test("a field of the nullable alias is read after a null test, in either branch; without one it is FLOW3006", (t) => {
  checksClean(t, job("txns | left join others as o on id == o.id window tumbling(1m) | map { id, name: if o == null then \"none\" else o.name, other: if o != null then o.name else \"\" } | to typed"));
  reports(t, job("txns | left join others as o on id == o.id window tumbling(1m) | map { id, name: ⟦o⟧.name } | to typed"), "FLOW3006");
  // the branch where it may be null still may not read it
  reports(t, job("txns | left join others as o on id == o.id window tumbling(1m) | map { name: if o == null then ⟦o⟧.name else \"\" } | to typed"), "FLOW3006");
});

test("an inner join's alias is not nullable", (t) => {
  checksClean(t, job("txns | join others as o on id == o.id window tumbling(1m) | map { id, name: o.name } | to typed"));
});
