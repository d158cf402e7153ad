// A row of a PostgreSQL table, as the scan source reads it (PostgreSQL's own JSON of the row), checked against the
// source's schema: integer columns to `int`, real/double/numeric to `float`, text to `string`, boolean to `bool`,
// timestamp/timestamptz/date to `timestamp` (epoch milliseconds), arrays and json/jsonb to arrays and records.
import { coerce, type Checked, type SchemaType } from "./validate.js";

/** A timestamp as PostgreSQL's JSON writes a `timestamp` column: ISO 8601 without an offset. */
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The record the row makes, or why it does not fit. A `timestamp` column (without time zone) is read as UTC — as the
 * `postgres` sink writes Eddy's timestamps — where JavaScript would read its text as local time; `timestamptz` and
 * `date` text carries its offset or is UTC already. A value of another type than the field's (text in an `int`
 * field, a fraction in an `int`, a bigint beyond ±(2^53 − 1), NaN or infinity, a json value of another shape) does
 * not fit.
 */
export function readPostgresRow(row: Record<string, unknown>, type: SchemaType): Checked {
  if (type.kind !== "record") return coerce(row, type, "");
  let fixed: Record<string, unknown> | null = null;
  for (const f of type.fields) {
    const v = row[f.name];
    // why its own reason: the number read is already rounded, so "got <it>" would show digits the column does not hold
    if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v) && (f.type.kind === "nullable" ? f.type.inner : f.type).kind === "int") {
      return { reason: `field \`${f.name}\` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly` };
    }
    const utc = asUtc(v, f.type);
    if (utc === v) continue;
    fixed ??= { ...row };
    fixed[f.name] = utc;
  }
  return coerce(fixed ?? row, type, "");
}

/** A `timestamp` column's text (or a `timestamp[]` column's elements) with the offset UTC; anything else as it is. */
function asUtc(value: unknown, type: SchemaType): unknown {
  const t = type.kind === "nullable" ? type.inner : type;
  if (t.kind === "timestamp") return typeof value === "string" && WITHOUT_OFFSET.test(value) ? `${value}Z` : value;
  if (t.kind === "array" && Array.isArray(value) && (t.element.kind === "timestamp" || (t.element.kind === "nullable" && t.element.inner.kind === "timestamp"))) {
    return value.some((e) => asUtc(e, t.element) !== e) ? value.map((e) => asUtc(e, t.element)) : value;
  }
  return value;
}
