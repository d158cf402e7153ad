// A PostgreSQL row, as the scan source reads it (PostgreSQL's JSON of the row, here written out as it prints it),
// against the .flow schema: each column type to its field type, and each value that does not fit with its reason.
// The expected epoch milliseconds are computed with Date.UTC from the written text, not by the code under test.
import test from "ava";
import { readPostgresRow } from "../../../runtime/support/postgres-row.js";
import type { SchemaType } from "../../../runtime/support/validate.js";

const nullable = (inner: SchemaType): SchemaType => ({ kind: "nullable", inner });
const field = (name: string, type: SchemaType) => ({ name, type });
const INT: SchemaType = { kind: "int" };
const FLOAT: SchemaType = { kind: "float" };
const STRING: SchemaType = { kind: "string" };
const BOOL: SchemaType = { kind: "bool" };
const TIMESTAMP: SchemaType = { kind: "timestamp" };

const SCHEMA: SchemaType = {
  kind: "record",
  fields: [
    field("id", INT), field("big", nullable(INT)), field("real", nullable(FLOAT)), field("amount", FLOAT), field("name", nullable(STRING)),
    field("ok", BOOL), field("at", TIMESTAMP), field("at_tz", nullable(TIMESTAMP)), field("day", nullable(TIMESTAMP)),
    field("tags", nullable({ kind: "array", element: nullable(STRING) })), field("times", nullable({ kind: "array", element: TIMESTAMP })),
    field("doc", nullable({ kind: "record", fields: [field("k", STRING), field("n", nullable(INT))] })),
  ],
};

/** One row as `SELECT to_json(r)::text` prints it for the columns int, bigint, real, numeric, text, boolean, timestamp, timestamptz, date, text[], timestamp[], jsonb. */
const ROW = '{"id":1,"big":9007199254740991,"real":0.5,"amount":12.50,"name":"ä \\"q\\"","ok":true,"at":"2024-01-02T03:04:05.678912","at_tz":"2024-01-02T03:04:05+05:30","day":"2024-03-01","tags":["a",null],"times":["2024-01-01T00:00:00"],"doc":{"k":"x","n":null,"extra":[1]}}';

const fits = (json: string) => {
  const read = readPostgresRow(JSON.parse(json) as Record<string, unknown>, SCHEMA);
  if ("reason" in read) throw new Error(read.reason);
  return read.value as Record<string, unknown>;
};
const reason = (patch: Record<string, unknown>) => {
  const read = readPostgresRow({ ...(JSON.parse(ROW) as Record<string, unknown>), ...patch }, SCHEMA);
  return "reason" in read ? read.reason : "fits";
};

test("every supported column type converts to its field's type; timestamp without time zone is UTC", (t) => {
  t.deepEqual(fits(ROW), {
    id: 1,
    big: 9007199254740991,
    real: 0.5,
    amount: 12.5,
    name: 'ä "q"',
    ok: true,
    at: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    at_tz: Date.UTC(2024, 0, 1, 21, 34, 5),
    day: Date.UTC(2024, 2, 1),
    tags: ["a", null],
    times: [Date.UTC(2024, 0, 1)],
    doc: { k: "x", n: null },
  });
});

test("NULL in a nullable field is null; every nullable column NULL still fits", (t) => {
  const nulls = '{"id":2,"big":null,"real":null,"amount":0,"name":null,"ok":false,"at":"2024-01-01T00:00:00","at_tz":null,"day":null,"tags":null,"times":null,"doc":null}';
  t.like(fits(nulls), { id: 2, big: null, real: null, name: null, at_tz: null, tags: null, doc: null });
});

test("a value that does not fit its field says which field and what it got", (t) => {
  t.is(reason({ id: null }), "field `id` should be an integer, got null");
  t.is(reason({ id: 1.5 }), "field `id` should be an integer, got 1.5");
  // a bigint beyond 2^53 - 1 reads as an unsafe number: not an int
  t.is(reason({ big: JSON.parse("9007199254740993") }), "field `big` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly");
  t.is(reason({ big: -(2 ** 60) }), "field `big` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly");
  t.is(reason({ id: "12" }), 'field `id` should be an integer, got "12"');
  t.is(reason({ amount: "NaN" }), 'field `amount` should be a number, got "NaN"');
  t.is(reason({ at: "infinity" }), 'field `at` should be a timestamp (epoch milliseconds or ISO 8601), got "infinity"');
  t.is(reason({ name: 7 }), "field `name` should be a string, got 7");
  t.is(reason({ ok: "t" }), 'field `ok` should be true or false, got "t"');
  t.is(reason({ doc: { n: 1 } }), "missing field `doc.k`");
  t.is(reason({ tags: "a,b" }), 'field `tags` should be an array, got "a,b"');
});
