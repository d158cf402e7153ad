// Hive-style partition directories of the file sink (`dt=2015-07-15/hm=12%3A00`) and the time a partition stands
// for (Flink's PartitionPathUtils and DefaultPartTimeExtractor).
import { DEFAULT_PARTITION_NAME, escapePartitionName, isPartitionDirectory, unescapePartitionName } from "../../../formats/partition-names.js";
import { EddyError } from "../../core/errors.js";

// why re-exported: the names are the contract in formats/ that the file source and the checker read too
export { DEFAULT_PARTITION_NAME, escapePartitionName, unescapePartitionName };

/** The text of a partition column's value in the path: null, undefined and "" become DEFAULT_PARTITION_NAME. */
export function partitionValueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return DEFAULT_PARTITION_NAME;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A function from a record to its partition's directory, relative to the sink's: `k1=v1/k2=v2` in the order of
 * `keys`. One string per record — the directory is needed to find the record's open part.
 */
export function partitionPathOf<T>(keys: readonly string[]): (record: T) => string {
  const prefixes = keys.map((k) => `${escapePartitionName(k)}=`);
  if (keys.length === 1) {
    const key = keys[0]!;
    const prefix = prefixes[0]!;
    return (record) => prefix + escapePartitionName(partitionValueText((record as Record<string, unknown>)[key]));
  }
  return (record) => {
    let path = "";
    for (let i = 0; i < keys.length; i++) {
      const value = escapePartitionName(partitionValueText((record as Record<string, unknown>)[keys[i]!]));
      path += i === 0 ? prefixes[i]! + value : `/${prefixes[i]!}${value}`;
    }
    return path;
  };
}

/** The values of a partition path `k1=v1/k2=v2`, unescaped, by key; null when it is not one for `keys`. */
export function partitionValuesOf(path: string, keys: readonly string[]): Map<string, string> | null {
  const segments = path.split("/");
  if (segments.length !== keys.length) return null;
  const values = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) {
    const segment = segments[i]!;
    if (!isPartitionDirectory(segment, keys[i]!)) return null;
    values.set(keys[i]!, unescapePartitionName(segment.slice(segment.indexOf("=") + 1)));
  }
  return values;
}

/** The `$name` references of a time pattern, in order of appearance. */
export function timePatternReferences(pattern: string): string[] {
  return [...pattern.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/**
 * The time a partition stands for, in ms since the epoch, UTC (Flink's default `partition.time-extractor.kind` with
 * `sink.partition-commit.watermark-time-zone` UTC): every `$key` of `pattern` is replaced by the partition's value
 * (longest keys first, so `$dt` is not read as `$d` + `t`), and the result must read as `yyyy-MM-dd HH:mm:ss` (with
 * optional fraction of a second) or `yyyy-MM-dd`. Without a pattern the first partition value is the time, as Flink.
 */
export function extractPartitionTime(pattern: string | null, keys: readonly string[], values: ReadonlyMap<string, string>): number {
  let text: string;
  if (pattern === null) text = values.get(keys[0]!) ?? "";
  else {
    text = pattern;
    for (const key of [...keys].sort((a, b) => b.length - a.length)) text = text.split(`$${key}`).join(values.get(key) ?? "");
  }
  const ms = parsePartitionTimestamp(text);
  if (ms === null) {
    const partition = keys.map((k) => `${k}=${values.get(k) ?? ""}`).join("/");
    throw new EddyError(
      "user",
      `partition ${partition}: its time '${text}' (from the time pattern ${pattern === null ? "(none: the first partition value)" : `'${pattern}'`}) is not 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-dd'`,
      {},
      { retriable: false },
    );
  }
  return ms;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?$/;

/** `yyyy-MM-dd[ HH:mm:ss[.S…]]` as UTC ms; null when the text is not such a time or names no real date. */
export function parsePartitionTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // why: Date.UTC rolls 2015-02-30 over into March; a day the month does not have is not a time
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}
