// The partition columns of a partitioned `file(...)` source (`partitionBy: ["dt", "hm"]`): their values come from the
// directories a file is in (`dt=2015-07-15/hm=12%3A05`), not from its rows, which the file sink writes without them —
// as Flink's filesystem source fills a row's partition columns in from its file's partition.
import { sep } from "node:path";
import { DEFAULT_PARTITION_NAME, partitionValuesOfPath } from "../../formats/partition-names.js";
import { parsePartitionTimestamp } from "../connectors/file/partitions.js";
import { EddyError } from "../core/errors.js";
import { readCell } from "./csv-rows.js";
import type { SchemaType } from "./validate.js";

type Field = { readonly name: string; readonly type: SchemaType };

/**
 * A condition on a partition's values (its partition columns by name, typed as in records): false when no record of
 * the partition is kept by the filter the source feeds, so the partition need not be read (FileSourceOptions).
 */
export type PartitionFilter = (partition: Readonly<Record<string, unknown>>) => boolean;

/** The values of one file's partition columns, in the order of PartitionColumns.fields, or why they do not convert. */
export type PartitionValues = { readonly values: readonly unknown[] } | { readonly reason: string };

export class PartitionColumns {
  /** The type of the rows in the files: the record type without its partition columns. */
  readonly rowType: SchemaType;
  /** The partition columns the record type has, with their key's position (a record type may leave some out). */
  private readonly fields: readonly (Field & { readonly key: number })[];
  /** Each field of the record type in order, with its position in `fields` (-1: read from the row). */
  private readonly layout: readonly { readonly name: string; readonly partition: number }[];
  /** The partition columns end the record type, in `fields` order: appending them to a row keeps the type's field order. */
  private readonly trailing: boolean;

  constructor(
    source: string,
    private readonly keys: readonly string[],
    type: SchemaType,
  ) {
    if (type.kind !== "record") throw new EddyError("user", `file source '${source}': partitionBy needs records, and its type is ${type.kind}`, {}, { retriable: false });
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "") || new Set(keys).size !== keys.length) {
      throw new EddyError("user", `file source '${source}': partitionBy must name distinct fields, got ${JSON.stringify(keys)}`, {}, { retriable: false });
    }
    this.fields = type.fields.filter((f) => keys.includes(f.name)).map((f) => ({ ...f, key: keys.indexOf(f.name) }));
    this.rowType = { kind: "record", fields: type.fields.filter((f) => !keys.includes(f.name)) };
    this.layout = type.fields.map((f) => ({ name: f.name, partition: this.fields.findIndex((p) => p.name === f.name) }));
    const tail = type.fields.slice(type.fields.length - this.fields.length);
    this.trailing = tail.every((f, i) => f.name === this.fields[i]!.name);
  }

  /**
   * The partition directories of `file` as they are named (`dt=2015-07-15/hm=12%3A05`): the `keys.length` directories
   * it is in, which findInputFiles made sure are partitions of these keys.
   */
  directoriesOf(file: string): string[] {
    return file.split(sep).slice(-1 - this.keys.length, -1);
  }

  /**
   * The values of the partition columns for the records of `file`, unescaped and converted to the columns' types as a
   * CSV cell is (a `timestamp` may also be `yyyy-MM-dd[ HH:mm:ss]`, UTC, as Flink writes one); `__DEFAULT_PARTITION__`
   * is null — or, in a `string` column that cannot be null, the empty string, the only other value the sink files there.
   */
  valuesOf(file: string): PartitionValues {
    return this.valuesOfDirectories(this.directoriesOf(file));
  }

  /** The values of the partition columns of the partition directories `directories` (one per key), as valuesOf. */
  valuesOfDirectories(directories: readonly string[]): PartitionValues {
    const texts = partitionValuesOfPath(directories, this.keys);
    if (texts === null) return { reason: `the file is not in partition directories ${this.keys.map((k) => `${k}=…`).join("/")}` };
    const values: unknown[] = [];
    for (const field of this.fields) {
      const text = texts[field.key]!;
      const value = convert(text, field);
      if (typeof value === "string") return { reason: `partition directory \`${directories[field.key]}\`: ${value}` };
      values.push(value.value);
    }
    return { values };
  }

  /**
   * Whether the partition directories `directories` may hold a record `filter` keeps, given the partition columns as a
   * record: partition pruning. A partition whose values do not convert is read (its records are dead letters, which
   * pruning must not hide), as is one on which `filter` throws (the filter behind the source decides then).
   */
  mayKeep(directories: readonly string[], filter: PartitionFilter): boolean {
    const partition = this.valuesOfDirectories(directories);
    if ("reason" in partition) return true;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < this.fields.length; i++) record[this.fields[i]!.name] = partition.values[i];
    try {
      return filter(record);
    } catch {
      return true;
    }
  }

  /** The record of a row of the file: `row` (of rowType) with the partition values, in the record type's field order. */
  complete(row: Record<string, unknown>, values: readonly unknown[]): Record<string, unknown> {
    const fields = this.fields;
    // why two ways: a row already holds the other fields in order, so trailing partition columns need no new record
    if (this.trailing) {
      for (let i = 0; i < fields.length; i++) row[fields[i]!.name] = values[i];
      return row;
    }
    const record: Record<string, unknown> = {};
    for (const { name, partition } of this.layout) record[name] = partition < 0 ? row[name] : values[partition];
    return record;
  }
}

/** One partition value (null: the default partition) as a value of `field`'s type, or why it is not one. */
function convert(text: string | null, field: Field): { readonly value: unknown } | string {
  const nullable = field.type.kind === "nullable";
  const type = field.type.kind === "nullable" ? field.type.inner : field.type;
  if (text === null) {
    if (nullable) return { value: null };
    if (type.kind === "string") return { value: "" };
    return `column \`${field.name}\` is not nullable, and ${DEFAULT_PARTITION_NAME} stands for null`;
  }
  if (type.kind === "timestamp") {
    const ms = parsePartitionTimestamp(text);
    if (ms !== null) return { value: ms };
  }
  return readCell(text, field);
}
