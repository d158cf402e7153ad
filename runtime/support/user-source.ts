// The source behind a caller's replacement in the typed API: an array (replayable), an iterable or an async iterable.
import { isMainThread } from "node:worker_threads";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { AsyncIterableSource, CollectionSource, IterableSource, type Source } from "../index.js";

export function userSource<T>(data: Iterable<T> | AsyncIterable<T>): Source<T> {
  if (Array.isArray(data)) return new CollectionSource<T>(data as readonly T[]);
  if (Symbol.asyncIterator in (data as object)) return new AsyncIterableSource<T>(data as AsyncIterable<T>, "BOUNDED");
  return new IterableSource<T>(data as Iterable<T>);
}

/**
 * True when the module at `url` is the program node was started with (`node dist/x/index.js`). Never in a worker
 * thread: a bundle loaded as a worker's script (the PostgreSQL sink's data connection) must not run the jobs again.
 */
export function isMainModule(url: string): boolean {
  if (!isMainThread) return false;
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // why realpath: node runs the main module by its real path (import.meta.url), argv[1] keeps what was typed
    return url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
