// Hive-style partition directory names (`dt=2015-07-15/hm=12%3A00`): the contract between the file sink that writes
// them, the file source that reads the values back and the checker that looks at a source's files (Flink's
// PartitionPathUtils). File-system free, so every side can use it.

/** The directory name of a partition whose column is null or the empty string (Flink's `partition.default-name`). */
export const DEFAULT_PARTITION_NAME = "__DEFAULT_PARTITION__";

/**
 * Characters escaped as `%XX` in partition directory names, as Flink and Hive do: path separators, `=`, `:` (a
 * Windows drive and Hadoop URI separator), glob and quoting characters, and control characters.
 */
const ESCAPED = new Set(['"', "#", "%", "'", "*", "/", ":", "=", "?", "\\", "\u007f", "{", "[", "]", "^"]);

function mustEscape(ch: string): boolean {
  return ESCAPED.has(ch) || ch.charCodeAt(0) < 0x20;
}

/** A partition key or value as it appears in a directory name. */
export function escapePartitionName(text: string): string {
  let out = "";
  for (const ch of text) out += mustEscape(ch) ? `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}` : ch;
  return out;
}

/** The inverse of escapePartitionName (a `%` not followed by two hex digits stays as it is, as Flink reads it). */
export function unescapePartitionName(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Whether a directory name is a partition directory of column `key` (`key=value`, the key escaped). */
export function isPartitionDirectory(name: string, key: string): boolean {
  const eq = name.indexOf("=");
  return eq >= 0 && unescapePartitionName(name.slice(0, eq)) === key;
}

/**
 * The values of a partition path `k1=v1/k2=v2` (unescaped; null for DEFAULT_PARTITION_NAME) in the order of `keys`;
 * null when the path is not one of `keys`, in that order.
 */
export function partitionValuesOfPath(segments: readonly string[], keys: readonly string[]): (string | null)[] | null {
  if (segments.length !== keys.length) return null;
  const values: (string | null)[] = [];
  for (let i = 0; i < keys.length; i++) {
    const segment = segments[i]!;
    if (!isPartitionDirectory(segment, keys[i]!)) return null;
    const value = segment.slice(segment.indexOf("=") + 1);
    values.push(value === DEFAULT_PARTITION_NAME ? null : unescapePartitionName(value));
  }
  return values;
}
