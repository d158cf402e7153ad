// Reads CSV rows of `file` and `socket` sources against the source's schema. Null round-trips with the file sink: an
// empty unquoted field is null, a quoted empty field ("") is the empty string. A row or header that does not fit the
// schema becomes a dead letter whose reason names the column, the offending text and the expected type.
import { coerce, type Checked, type SchemaType } from "./validate.js";

type Field = { readonly name: string; readonly type: SchemaType };

/**
 * Splits one CSV record (RFC 4180: `"` quotes, `""` inside quotes is a quote) into its fields; an empty field that
 * was not quoted is null. A record whose quotes are not closed is a reason (a multi-line field must be complete).
 */
export function splitCsvFields(line: string): (string | null)[] | { readonly reason: string } {
  const fields: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      // a quoted field: runs of text between quotes, `""` standing for one quote
      let field = "";
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return { reason: 'a quoted field is not closed (a `"` is missing)' };
        field += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) !== 34) {
          i = quote + 1;
          break;
        }
        field += '"';
        from = quote + 2;
      }
      // why: text after the closing quote (`"a"b`) is kept, as lenient readers do
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      fields.push(end > i ? field + line.slice(i, end) : field);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      fields.push(end === i ? null : line.slice(i, end));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/**
 * True when `text` ends inside a quoted field: the record goes on at the next line (a field with a line break). Only
 * a quote that starts a field opens one; a quote inside an unquoted field (`12" screen`) is text.
 */
export function endsInsideQuotes(text: string): boolean {
  // why: most records have no quote at all; only those need the full scan
  return text.indexOf('"') >= 0 && !Array.isArray(splitCsvFields(text));
}

/**
 * The rows of one CSV input: the header maps columns to the schema's fields by name, then every row becomes a record.
 * Only records of primitive fields are flat; array and record fields hold JSON text (as the file sink writes them).
 */
export class CsvRowReader {
  private readonly fields: readonly Field[];
  /** For each schema field, its column in the header, or -1 when the header does not name it. */
  private columnOf: number[] = [];
  private header: readonly string[] | null = null;
  /** No header line: the columns are the schema's fields in order (Flink's csv format). */
  private positional = false;

  constructor(private readonly type: SchemaType) {
    this.fields = type.kind === "record" ? type.fields : [];
  }

  /** The column names of the header read so far (null before it), as a checkpoint stores them. */
  headerNames(): readonly string[] | null {
    return this.header;
  }

  /** Reads files without header lines: the columns are the schema's fields, in declaration order. */
  useSchemaColumns(): void {
    this.positional = true;
    this.useHeader(this.fields.map((f) => f.name));
  }

  /** Restores a header read before a checkpoint (its problems were reported then). */
  restoreHeader(names: readonly string[] | null): void {
    if (this.positional) return;
    if (names === null) {
      this.header = null;
      this.columnOf = [];
    } else this.useHeader(names);
  }

  /**
   * Reads the header line. Returns null when it fits the schema, else why not: the header is then a dead letter, and
   * rows are still read by the columns it names that the schema has (a row then misses what the header lacks).
   */
  readHeader(line: string): string | null {
    const split = splitCsvFields(line);
    if (!Array.isArray(split)) return `header: ${split.reason}`;
    const names = split.map((n) => (n ?? "").trim());
    this.useHeader(names);
    if (this.type.kind !== "record") return "csv needs a record type";
    const problems: string[] = [];
    const known = new Set(this.fields.map((f) => f.name));
    const unknown = [...new Set(names.filter((n) => !known.has(n)))];
    if (unknown.length > 0) {
      problems.push(`the header names ${unknown.length === 1 ? "a column" : "columns"} the schema does not have: ${unknown.map((n) => `\`${n}\``).join(", ")} (fields: ${[...known].join(", ")})`);
    }
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0) problems.push(`the header names ${[...new Set(twice)].map((n) => `\`${n}\``).join(", ")} more than once`);
    const lacking = this.fields.filter((f) => f.type.kind !== "nullable" && !names.includes(f.name)).map((f) => `\`${f.name}\``);
    if (lacking.length > 0) problems.push(`the header lacks ${lacking.length === 1 ? "column" : "columns"} ${lacking.join(", ")}`);
    return problems.length === 0 ? null : problems.join("; ");
  }

  /** One data row as a record, or why it does not fit. */
  readRow(line: string): Checked {
    const header = this.header;
    if (header === null || this.type.kind !== "record") return { reason: "csv needs a record type and a header row" };
    const cells = splitCsvFields(line);
    if (!Array.isArray(cells)) return cells;
    if (cells.length !== header.length) {
      const columns = `${header.length} ${header.length === 1 ? "column" : "columns"}`;
      return { reason: `the row has ${cells.length} ${cells.length === 1 ? "field" : "fields"}, ${this.positional ? `the schema has ${columns} (the file has no header)` : `the header names ${columns}`}` };
    }
    const record: Record<string, unknown> = {};
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const column = this.columnOf[i]!;
      if (column < 0) {
        if (field.type.kind !== "nullable") return { reason: `missing column \`${field.name}\` (the header does not name it)` };
        record[field.name] = null;
        continue;
      }
      const read = readCell(cells[column]!, field);
      if (typeof read === "string") return { reason: read };
      record[field.name] = read.value;
    }
    return { value: record };
  }

  private useHeader(names: readonly string[]): void {
    this.header = names;
    this.columnOf = this.fields.map((f) => names.indexOf(f.name));
  }
}

/** What a column of `kind` should hold, for reasons. */
const EXPECTED: Readonly<Record<string, string>> = {
  int: "an int",
  float: "a float",
  bool: "a bool (true or false)",
  timestamp: "a timestamp (epoch milliseconds or ISO 8601)",
  duration: "a duration (integer milliseconds)",
  string: "a string",
  array: "an array (as JSON)",
  record: "a record (as JSON)",
  null: "null (an empty field)",
};

const INTEGER = /^[+-]?\d+$/;

/**
 * The value of one cell (null: an empty unquoted field), or the reason it does not fit the field. Also reads the text
 * of a partition directory's value (partition-columns.ts): the file sink writes both as the same text.
 */
export function readCell(text: string | null, field: Field): { readonly value: unknown } | string {
  let type = field.type;
  if (type.kind === "nullable") {
    if (text === null) return { value: null };
    type = type.inner;
  }
  // why: a non-nullable string column cannot hold null, so an empty field there can only mean the empty string
  if (text === null) return type.kind === "string" || type.kind === "unknown" ? { value: "" } : `column \`${field.name}\` should be ${EXPECTED[type.kind]}, got an empty field (null)`;
  const trimmed = type.kind === "string" ? text : text.trim();
  switch (type.kind) {
    case "string": case "unknown":
      return { value: text };
    case "int": case "duration": {
      const n = Number(trimmed);
      if (INTEGER.test(trimmed) && Number.isSafeInteger(n)) return { value: n };
      break;
    }
    case "float": {
      const n = Number(trimmed);
      if (trimmed !== "" && Number.isFinite(n)) return { value: n };
      break;
    }
    case "bool":
      if (trimmed === "true") return { value: true };
      if (trimmed === "false") return { value: false };
      break;
    case "timestamp": {
      if (INTEGER.test(trimmed)) {
        const n = Number(trimmed);
        if (Number.isSafeInteger(n)) return { value: n };
        break;
      }
      const ms = Date.parse(trimmed);
      if (Number.isFinite(ms)) return { value: ms };
      break;
    }
    case "array": case "record": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        break;
      }
      const c = coerce(parsed, type, field.name);
      return "reason" in c ? `column ${c.reason.replace(/^field /, "")}` : c;
    }
    case "null":
      break;
  }
  return `column \`${field.name}\` should be ${EXPECTED[type.kind]}, got ${JSON.stringify(text)}`;
}
