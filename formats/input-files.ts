// Which files a `file(...)` path names — the file itself, a directory's visible files, the committed parts a file
// sink wrote for that path, or the files of its partition directories — and where a file sink puts its parts.
// File-system only (no runtime), so the checker can look at a constant path the way the source will read it.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { isPartitionDirectory } from "./partition-names.js";

/** File name extensions that name a format (and make the path's last segment the part files' name). */
const FORMAT_EXTENSIONS = new Set([".jsonl", ".ndjson", ".json", ".csv"]);

/**
 * Where the part files of `path` go. A path ending in a format extension names the parts after it:
 * `out/alerts.jsonl` → `out/alerts-<subtask>-<n>.jsonl`; any other path is a directory of `part-<subtask>-<n>.<format>`.
 */
export function partFilesOf(path: string, format: "jsonl" | "csv"): { directory: string; prefix: string; suffix: string } {
  const ext = extname(path);
  if (FORMAT_EXTENSIONS.has(ext.toLowerCase()) && basename(path, ext) !== "") return { directory: dirname(path), prefix: basename(path, ext), suffix: ext };
  return { directory: path, prefix: "part", suffix: `.${format}` };
}

/** The inputs a source path names, and whether they are files complete when seen (parts, a directory's files). */
export interface Inputs {
  readonly files: readonly string[];
  readonly several: boolean;
}

/** What a path names, or the error of the path (or directory) that could not be opened. */
export type FoundInputs = Inputs | { readonly error: NodeJS.ErrnoException; readonly path: string };

/** Numbers inside names in numeric order: part-0-2 before part-0-10. */
const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** Names a reader skips: `.` starts in-progress and pending parts, `_` markers such as `_SUCCESS` (as Flink's FileSource). */
const isHidden = (name: string) => name.startsWith(".") || name.startsWith("_");

/**
 * Whether the files of a partition are read, given its directories' names (`["dt=2015-07-15", "hm=12%3A05"]`, one per
 * partition column): partition pruning. The directory is not even listed when it is not.
 */
export type PartitionPruning = (directories: readonly string[]) => boolean;

/**
 * The files `path` names: the file itself; a directory's visible files (not hidden, see isHidden), in name order; or
 * — when nothing is at `path` — the committed part files a `file(...)` sink wrote for that path. With `partitionBy`,
 * the files of its partition directories (see findPartitionFiles) that `keep` accepts.
 */
export function findInputFiles(path: string, format: "jsonl" | "csv", partitionBy: readonly string[] = [], keep: PartitionPruning | null = null): FoundInputs {
  if (partitionBy.length > 0) return findPartitionFiles(path, format, partitionBy, keep);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const parts = sinkParts(path, format);
    if (parts.length > 0) return { files: parts, several: true };
    return { error: e as NodeJS.ErrnoException, path };
  }
  if (!isDirectory) return { files: [path], several: false };
  try {
    const entries = readdirSync(path, { withFileTypes: true });
    return { files: entries.filter((e) => e.isFile() && !isHidden(e.name)).map((e) => e.name).sort(byName).map((n) => join(path, n)), several: true };
  } catch (e) {
    return { error: e as NodeJS.ErrnoException, path };
  }
}

/** The committed parts `<prefix>-<subtask>-<n><suffix>` a file sink declared with `path` wrote, in subtask and part order. */
function sinkParts(path: string, format: "jsonl" | "csv"): string[] {
  const { directory } = partFilesOf(path, format);
  if (directory === path) return [];
  const pattern = partNamePattern(path, format);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.filter((n) => pattern.test(n)).sort(byName).map((n) => join(directory, n));
}

/** The names of the committed parts a file sink declared with `path` writes: `<prefix>-<subtask>-<n><suffix>`. */
function partNamePattern(path: string, format: "jsonl" | "csv"): RegExp {
  const { prefix, suffix } = partFilesOf(path, format);
  return new RegExp(`^${escape(prefix)}-\\d+-\\d+${escape(suffix)}$`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The files of a partitioned source (Flink's filesystem source over a `PARTITIONED BY` table): the visible files in
 * the partition directories `k1=…/k2=…` exactly `keys.length` levels below `path`, each level the next key's (other
 * directories are not partitions), in path order — partitions sorted by name at every level, then the
 * files in each. A path where nothing is and whose last segment has a format extension — a file sink's
 * `out/alerts.jsonl` — reads the committed parts `alerts-<subtask>-<n>.jsonl` in the partitions of `out/`, as the
 * sink wrote them. No partition at all is no file, not an error: a partitioned table may be empty. A partition `keep`
 * rejects is skipped without listing its files.
 */
function findPartitionFiles(path: string, format: "jsonl" | "csv", keys: readonly string[], keep: PartitionPruning | null): FoundInputs {
  let root = path;
  let accept = (name: string) => !isHidden(name);
  try {
    // why an error for a file: its records have no partition directories to take their partition columns from
    if (!statSync(path).isDirectory()) return { error: Object.assign(new Error("a partitioned source reads a directory of partition directories, not a file"), { code: "ENOTDIR" }), path };
  } catch (e) {
    const { directory } = partFilesOf(path, format);
    if (directory === path) return { error: e as NodeJS.ErrnoException, path };
    root = directory;
    const parts = partNamePattern(path, format);
    accept = (name) => parts.test(name);
  }
  const files: string[] = [];
  /** Collects the files under `directory`: root, then the partition directories `partition` below it. */
  const visit = (directory: string, partition: readonly string[]): NodeJS.ErrnoException | null => {
    const level = partition.length;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (e) {
      return e as NodeJS.ErrnoException;
    }
    for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
      if (level === keys.length) {
        if (entry.isFile() && accept(entry.name)) files.push(join(directory, entry.name));
      } else if (entry.isDirectory() && isPartitionDirectory(entry.name, keys[level]!)) {
        const next = [...partition, entry.name];
        if (next.length === keys.length && keep !== null && !keep(next)) continue;
        const error = visit(join(directory, entry.name), next);
        if (error !== null) return error;
      }
    }
    return null;
  };
  const error = visit(root, []);
  return error === null ? { files, several: true } : { error, path: error.path ?? root };
}

/** Bytes a file source would read at `path` (every file it names, with its partitions), or undefined when it names nothing readable. */
export function inputSize(path: string, format: "jsonl" | "csv", partitionBy: readonly string[] = []): number | undefined {
  const found = findInputFiles(path, format, partitionBy);
  if ("error" in found) return undefined;
  let bytes = 0;
  for (const file of found.files) {
    try {
      bytes += statSync(file).size;
    } catch {
      return undefined;
    }
  }
  return bytes;
}
