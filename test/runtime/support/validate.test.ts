// JSON lines against the schema: conversions with one reading, and the reason of every kind of dead letter.
import test from "ava";
import { readJsonLine, type SchemaType } from "../../../runtime/support/validate.js";

const TXN: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "string" } },
    { name: "qty", type: { kind: "int" } },
    { name: "amount", type: { kind: "float" } },
    { name: "ok", type: { kind: "bool" } },
    { name: "ts", type: { kind: "timestamp" } },
    { name: "note", type: { kind: "nullable", inner: { kind: "string" } } },
    { name: "tags", type: { kind: "array", element: { kind: "int" } } },
  ],
};

const reasonOf = (line: string) => {
  const read = readJsonLine(line, TXN);
  return "reason" in read ? read.reason : `no reason: ${JSON.stringify(read.value)}`;
};

test("a fitting line is read; an ISO 8601 timestamp becomes epoch milliseconds; a missing nullable field is null", (t) => {
  t.deepEqual(readJsonLine('{"id":"a","qty":2,"amount":1.5,"ok":true,"ts":"2024-01-01T00:00:01Z","tags":[1],"extra":9}', TXN), {
    value: { id: "a", qty: 2, amount: 1.5, ok: true, ts: Date.UTC(2024, 0, 1, 0, 0, 1), note: null, tags: [1] },
  });
});

test("every JSON dead-letter reason names the field, the expected type and the value", (t) => {
  const base = { id: "a", qty: 2, amount: 1.5, ok: true, ts: 0, note: null, tags: [] as unknown[] };
  const line = (over: Record<string, unknown>) => JSON.stringify({ ...base, ...over });
  t.regex(reasonOf("{not json"), /^malformed JSON \(/);
  t.is(reasonOf("[1,2]"), "record should be a record, got [1,2]");
  t.is(reasonOf(JSON.stringify({ ...base, qty: undefined })), "missing field `qty`");
  t.is(reasonOf(line({ qty: 2.5 })), "field `qty` should be an integer, got 2.5");
  t.is(reasonOf(line({ amount: "1.5" })), 'field `amount` should be a number, got "1.5"');
  t.is(reasonOf(line({ id: 7 })), "field `id` should be a string, got 7");
  t.is(reasonOf(line({ ok: "true" })), 'field `ok` should be true or false, got "true"');
  t.is(reasonOf(line({ ts: "soon" })), 'field `ts` should be a timestamp (epoch milliseconds or ISO 8601), got "soon"');
  t.is(reasonOf(line({ tags: [1, "x"] })), 'field `tags[1]` should be an integer, got "x"');
  t.is(reasonOf(line({ tags: 3 })), "field `tags` should be an array, got 3");
  t.is(reasonOf(line({ note: 3 })), "field `note` should be a string, got 3");
});
