// Loads a bundle's JavaScript as a module of this process. The file stays while the process runs — the worker pool's
// workers load the job from it, as does the PostgreSQL sink's data connection — and is removed by `dispose`, or as the
// process exits, so no temporary folder is left behind.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface ImportedBundle<M> {
  readonly module: M;
  readonly url: string;
  /** Removes the file now (after the jobs ended); otherwise it goes when the process exits. */
  dispose(): void;
}

/** Folders of bundles not yet disposed; one `exit` listener removes them all (not one listener per bundle). */
const pending = new Set<string>();
const removePending = () => {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true });
  pending.clear();
};

export async function importBundle<M>(js: string, prefix = "eddy-bundle-"): Promise<ImportedBundle<M>> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (pending.size === 0) process.on("exit", removePending);
  pending.add(dir);
  const dispose = () => {
    rmSync(dir, { recursive: true, force: true });
    pending.delete(dir);
    if (pending.size === 0) process.off("exit", removePending);
  };
  try {
    const entry = join(dir, "job.mjs");
    writeFileSync(entry, js);
    const url = pathToFileURL(entry).href;
    return { module: (await import(url)) as M, url, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
