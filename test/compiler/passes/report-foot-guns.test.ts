// Jobs that would silently yield nothing are warned about at check time — and only those.
import test from "ava";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

const job = (body: string, extra = "") => `${PRELUDE}${extra}\njob j {\n${body}\n}\n`;
const codes = (source: string, files: Record<string, string> = {}) => checkText(source, files).diagnostics.map((d) => d.code);
const window = (w: string) => job(`txns | keyBy account | window ${w} | aggregate { n: count() } | to out`);

test("a global window without a trigger never fires: FLOW5009 at the assigner; with a trigger, no warning", (t) => {
  reports(t, window("⟦global⟧"), "FLOW5009");
  t.false(codes(window("global trigger count(10)")).includes("FLOW5009"));
});

test("a processing-time window fed only by bounded sources: FLOW5010 at the assigner", (t) => {
  reports(t, window("⟦session(1m) processing⟧"), "FLOW5010");
  reports(t, window("⟦global processing⟧ trigger every 1s"), "FLOW5010");
});

test("no FLOW5010 when the window fires by count, or when an input does not end", (t) => {
  t.false(codes(window("tumbling(1m) processing trigger count(5)")).includes("FLOW5010"));
  t.false(codes(window("count(5) processing")).includes("FLOW5010"));
  const socket = `source live: Txn = socket("localhost", 9000)\n`;
  t.false(codes(job("txns | union live | keyBy account | window tumbling(1m) processing | aggregate { n: count() } | to out", socket)).includes("FLOW5010"));
  const watched = `source tail: Txn = file("t.jsonl", watch: true)\n`;
  t.false(codes(job("tail | keyBy account | window tumbling(1m) processing | aggregate { n: count() } | to out", watched), { "t.jsonl": "" }).includes("FLOW5010"));
});

const RAW = `source raw: Txn = collection([])\n`;

test("event time without a watermark: windows, a global window with a timed trigger, and match — FLOW5002", (t) => {
  reports(t, job("raw | keyBy account | window ⟦tumbling(1m)⟧ | aggregate { n: count() } | to out", RAW), "FLOW5002");
  reports(t, job("raw | keyBy account | window ⟦global⟧ trigger every 10s | aggregate { n: count() } | to out", RAW), "FLOW5002");
  const pattern = `pattern P on Txn { begin a where amount > 1 } emit { n: 1 }\n`;
  reports(t, job("raw | keyBy account | ⟦match P⟧ | to out", RAW + pattern), "FLOW5002");
});

test("no FLOW5002 when time plays no part: a global window firing by count, a count window", (t) => {
  t.false(codes(job("raw | keyBy account | window global trigger count(3) | aggregate { n: count() } | to out", RAW)).includes("FLOW5002"));
  t.false(codes(job("raw | keyBy account | window count(3) | aggregate { n: count() } | to out", RAW)).includes("FLOW5002"));
});

test("trigger count(n) on a time window replaces its end firing: FLOW5011 at the count; not on a global window", (t) => {
  const found = reports(t, window("sliding(1m, 10s) trigger ⟦count(7)⟧"), "FLOW5011");
  t.regex(found?.hint ?? "", /trigger early count\(7\)/);
  t.false(codes(window("global trigger count(7)")).includes("FLOW5011"));
});

test("late firings without allowedLateness: FLOW5012 at the late firing; none with lateness", (t) => {
  reports(t, window("tumbling(1m) trigger early count(2) late ⟦count(2)⟧"), "FLOW5012");
  t.false(codes(window("tumbling(1m) trigger late count(2) allowedLateness 1m")).includes("FLOW5012"));
});
