// The SQL text of the PostgreSQL sinks' batched statements: identifiers quoted, one parameter per value.
import test from "ava";
import { deleteStatement, insertStatement } from "../../../../runtime/connectors/postgres/sql.js";

test("an upsert updates the columns that are not the key", (t) => {
  t.is(
    insertStatement({ table: "s.totals", columns: ["k", "n"], key: ["k"] }, 2),
    'INSERT INTO "s"."totals" ("k", "n") VALUES ($1, $2), ($3, $4) ON CONFLICT ("k") DO UPDATE SET "n" = EXCLUDED."n"',
  );
});

test("a deletion by a one-column key lists the key values", (t) => {
  t.is(deleteStatement({ table: "paid", key: ["id"] }, 3), 'DELETE FROM "paid" WHERE "id" IN ($1, $2, $3)');
});

test("a deletion by a key of several columns compares them as a row, one tuple of parameters per row", (t) => {
  t.is(deleteStatement({ table: "s.Paid", key: ["a", "order"] }, 2), 'DELETE FROM "s"."Paid" WHERE ("a", "order") IN (($1, $2), ($3, $4))');
});
