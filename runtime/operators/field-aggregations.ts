// sum / min / max / minBy / maxBy by field on a keyed stream, as reduce functions with Flink's semantics:
// sum/min/max keep the other fields of the first record; minBy/maxBy return the whole extreme record.
import { withField } from "../core/copy-record.js";

export type FieldRef = string | number;

function get(record: unknown, field: FieldRef): number {
  if (typeof record === "number" && field === 0) return record;
  const v = (record as Record<string | number, unknown>)[field];
  if (typeof v !== "number") throw new TypeError(`field '${String(field)}' is not a number in ${JSON.stringify(record)}`);
  return v;
}

function withFieldValue<T>(record: T, field: FieldRef, value: number): T {
  if (typeof record === "number") return value as T;
  if (Array.isArray(record)) {
    const copy = record.slice();
    copy[field as number] = value;
    return copy as T;
  }
  return withField(record as object, String(field), value) as T;
}

export function sumReducer<T>(field: FieldRef): (a: T, b: T) => T {
  return (a, b) => withFieldValue(a, field, get(a, field) + get(b, field));
}

export function minReducer<T>(field: FieldRef): (a: T, b: T) => T {
  return (a, b) => (get(b, field) < get(a, field) ? withFieldValue(a, field, get(b, field)) : a);
}

export function maxReducer<T>(field: FieldRef): (a: T, b: T) => T {
  return (a, b) => (get(b, field) > get(a, field) ? withFieldValue(a, field, get(b, field)) : a);
}

/** On ties the earlier record wins when `first` is true (Flink's default), the later one otherwise. */
export function minByReducer<T>(field: FieldRef, first = true): (a: T, b: T) => T {
  return (a, b) => {
    const x = get(a, field);
    const y = get(b, field);
    return y < x || (!first && y === x) ? b : a;
  };
}

export function maxByReducer<T>(field: FieldRef, first = true): (a: T, b: T) => T {
  return (a, b) => {
    const x = get(a, field);
    const y = get(b, field);
    return y > x || (!first && y === x) ? b : a;
  };
}
