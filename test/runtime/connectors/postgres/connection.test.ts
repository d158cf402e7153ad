// Which PostgreSQL failures a restart can cure: configuration and data errors fail the same way again.
import test from "ava";
import { retriableSqlState } from "../../../../runtime/connectors/postgres/connection.js";

test("configuration and data errors are not retriable", (t) => {
  for (const code of ["42P01" /* undefined table */, "42703" /* undefined column */, "42501" /* insufficient privilege */, "28P01" /* bad password */, "3D000" /* unknown database */, "22001" /* value too long */, "23505" /* unique violation */]) {
    t.false(retriableSqlState(code), code);
  }
});

test("connection, resource and concurrency failures, and errors without a SQLSTATE, are retriable", (t) => {
  for (const code of ["08006" /* connection failure */, "40001" /* serialization failure */, "40P01" /* deadlock */, "53300" /* too many connections */, "57P01" /* admin shutdown */, undefined]) {
    t.true(retriableSqlState(code), String(code));
  }
});
