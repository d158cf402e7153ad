// Row formats of the file sink: one record → one line of JSON Lines or CSV (RFC 4180).
import { EddyError } from "../../core/errors.js";

/** Encodes one record as a line, newline included. */
export type RowEncoder<T> = (record: T) => string;

/** JSON Lines; `omit` names fields of object records not to write (a partitioned sink's partition columns). */
export function jsonLinesEncoder<T>(omit: readonly string[] = []): RowEncoder<T> {
  if (omit.length > 0) {
    const plain = jsonLinesEncoder<Record<string, unknown>>();
    return (record) => {
      if (record === null || typeof record !== "object" || Array.isArray(record)) return plain(record as Record<string, unknown>);
      const kept: Record<string, unknown> = {};
      for (const key in record) if (!omit.includes(key)) kept[key] = (record as Record<string, unknown>)[key];
      return plain(kept);
    };
  }
  return (record) => {
    const text = JSON.stringify(record);
    // why: JSON.stringify(undefined) and of functions is undefined, which would write "undefined"
    if (text === undefined) throw new EddyError("user", `a ${typeof record} cannot be written as JSON Lines: map records to plain data first`, { record });
    return `${text}\n`;
  };
}

/**
 * CSV rows: arrays are written field by field; objects need `columns` (the fields, in order);
 * other values become a single field. Nested objects are written as JSON inside one field.
 */
export function csvEncoder<T>(columns: readonly string[] | undefined): RowEncoder<T> {
  return (record) => {
    let fields: readonly unknown[];
    if (Array.isArray(record)) fields = record;
    else if (record !== null && typeof record === "object" && !(record instanceof Date)) {
      if (columns === undefined) {
        throw new EddyError("user", "CSV rows of objects need the column order: FileSink.forRowFormat(dir, { format: 'csv', columns: [...] })", { record });
      }
      const row = record as Record<string, unknown>;
      fields = columns.map((c) => row[c]);
    } else fields = [record];
    return `${fields.map(csvField).join(",")}\n`;
  };
}

/** The header line for `columns`. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(",")}\n`;
}

/**
 * One CSV field. Null (and undefined) is an empty field and the empty string is `""`, so a reader can tell them
 * apart; fields with separators, quotes, line breaks or surrounding spaces are quoted (RFC 4180).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value === "") return '""';
  let text: string;
  if (typeof value === "string") text = value;
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  // why: RFC 4180 — quote fields with separators, quotes or line breaks; double inner quotes
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
