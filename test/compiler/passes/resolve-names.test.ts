// Unknown names get a "did you mean" hint naming the closest name of the kind expected there.
import test from "ava";
import { PRELUDE, reports } from "../helpers/check.js";

const job = (body: string, extra = "") => `${PRELUDE}${extra}\njob j {\n${body}\n}\n`;

test("an unknown sink suggests the closest sink", (t) => {
  t.is(reports(t, job("txns | to ⟦outt⟧"), "FLOW2004")?.hint, "did you mean `out`?");
});

test("an unknown stream suggests a source or a let defined before it", (t) => {
  t.is(reports(t, job("⟦txn⟧ | to out"), "FLOW2003")?.hint, "did you mean `txns`?");
  t.is(reports(t, job("let large = txns | filter amount > 1.0\n ⟦larg⟧ | to out"), "FLOW2003")?.hint, "did you mean `large`?");
});

test("only names of the expected kind are suggested; nothing close keeps the catalogue hint", (t) => {
  // `out` is a sink, one edit from `ou`, but a pipeline starts at a stream.
  t.is(reports(t, job("⟦ou⟧ | to out"), "FLOW2003")?.hint, "a pipeline starts at a source or a `let` of the same job");
  t.is(reports(t, job("txns | to ⟦somewhere⟧"), "FLOW2004")?.hint, undefined);
});

test("an unknown pattern suggests the closest pattern", (t) => {
  const pattern = "pattern Burst on Txn { begin a where amount > 1.0 } emit { n: 1 }\n";
  t.is(reports(t, job("txns | keyBy account | match ⟦Brust⟧ | to out", pattern), "FLOW2007")?.hint, "did you mean `Burst`?");
});
