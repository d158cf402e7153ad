// Starts a worker thread on a TypeScript module. Workers do not run the process's --import preloads, so the tsx
// loader the tests run under is registered in the worker through its API before the module is imported.
import { Worker } from "node:worker_threads";

const BOOTSTRAP = `const { workerData } = require("node:worker_threads");
(async () => {
  (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { console.error("test worker could not load " + workerData.entry + ": " + (e && e.stack || e)); process.exit(70); });`;

/** A worker running `entry` (a .ts module URL); it reads its own data from `workerData.data`. */
export function startTsWorker(entry: URL, data: unknown): Worker {
  return new Worker(BOOTSTRAP, { eval: true, workerData: { tsx: import.meta.resolve("tsx/esm/api"), entry: entry.href, data } });
}
