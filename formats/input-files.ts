// Which files a `file(...)` path names — the file itself, a directory's visible files, or the committed parts a file
// sink wrote for that path — and where a file sink puts its parts. File-system only (no runtime), so the checker can
// look at a constant path the way the source will read it.
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

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

/**
 * The files `path` names: the file itself; a directory's visible files (not starting with `.` or `_`, which hold
 * in-progress parts and metadata, as Flink's FileSource skips them), in name order; or — when nothing is at `path` —
 * the committed part files a `file(...)` sink wrote for that path.
 */
export function findInputFiles(path: string, format: "jsonl" | "csv"): FoundInputs {
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
    return { files: entries.filter((e) => e.isFile() && !e.name.startsWith(".") && !e.name.startsWith("_")).map((e) => e.name).sort(byName).map((n) => join(path, n)), several: true };
  } catch (e) {
    return { error: e as NodeJS.ErrnoException, path };
  }
}

/** The committed parts `<prefix>-<subtask>-<n><suffix>` a file sink declared with `path` wrote, in subtask and part order. */
function sinkParts(path: string, format: "jsonl" | "csv"): string[] {
  const { directory, prefix, suffix } = partFilesOf(path, format);
  if (directory === path) return [];
  const pattern = new RegExp(`^${escape(prefix)}-\\d+-\\d+${escape(suffix)}$`);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.filter((n) => pattern.test(n)).sort(byName).map((n) => join(directory, n));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Bytes a file source would read at `path` (every file it names), or undefined when it names nothing readable. */
export function inputSize(path: string, format: "jsonl" | "csv"): number | undefined {
  const found = findInputFiles(path, format);
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
