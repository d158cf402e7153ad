// The program of a pool worker thread: a host that any copy of the runtime plugs into. A process may hold several
// copies of Eddy's runtime (each compiled bundle carries its own), yet it has one pool; so a worker loads, for each
// job, the runtime entry the job's thread names (runtime/scheduler/pool/worker-main.ts, or the bundle that contains
// it), and routes the job's messages to the handler that copy registered. The host also keeps the worker's load
// counters and reports them.
//
// It runs as an eval'd worker (a file worker would need a JavaScript file of its own next to every bundle). Workers
// do not run the process's --import preloads, and tsx registers its loader hooks only in the main thread, so the host
// imports the preloads itself and registers tsx through its API: without the hooks it could not load sources.
import type { FromWorker, ToWorker } from "./protocol.js";

/** What the host offers the runtime copies in its thread (globalThis[HOST]). */
export interface WorkerHost {
  readonly worker: number;
  post(message: FromWorker): void;
  /** A runtime copy's handler for the messages of the jobs it deployed, by its entry URL. */
  register(entry: string, handler: (message: ToWorker) => void): void;
  /** Busy and idle time of the thread, and what it sent to other workers, over every copy's jobs. */
  readonly load: { busyMs: number; idleMs: number; steals: number; exchangeRecords: number; exchangeBytes: number };
}

export const HOST = Symbol.for("eddy.pool-worker-host");

/** How often the host reports the worker's load, ms. */
export const LOAD_INTERVAL_MS = 200;

export const HOST_PROGRAM = `"use strict";
const { workerData, parentPort } = require("node:worker_threads");
const handlers = new Map();
const waiting = new Map();
const jobs = new Map();
const load = { busyMs: 0, idleMs: 0, steals: 0, exchangeRecords: 0, exchangeBytes: 0 };
const post = (m) => parentPort.postMessage(m);
globalThis[Symbol.for("eddy.pool-worker-host")] = {
  worker: workerData.worker,
  post,
  load,
  register(entry, handler) {
    handlers.set(entry, handler);
    const w = waiting.get(entry);
    if (w !== undefined) { waiting.delete(entry); w(handler); }
  },
};
// why one promise per entry: jobs deployed together before their runtime has loaded all wait for the same registration
const loading = new Map();
const handlerOf = (entry) => {
  if (handlers.has(entry)) return Promise.resolve(handlers.get(entry));
  let loaded = loading.get(entry);
  if (loaded === undefined) {
    loaded = new Promise((resolve, reject) => {
      waiting.set(entry, resolve);
      import(entry).catch(reject);
    });
    loading.set(entry, loaded);
    loaded.catch(() => loading.delete(entry));
  }
  return loaded;
};
const preloaded = (async () => {
  for (const p of workerData.preload) {
    if (p.kind === "tsx") (await import(p.url)).register();
    else await import(p.url);
  }
})();
parentPort.on("message", (m) => {
  if (m.type === "listen") {
    preloaded.then(() => handlerOf(m.runtime)).then((h) => h(m), (e) => post({ type: "listening", jobId: null, port: -1, error: String(e && e.message || e) }));
    return;
  }
  let handler = jobs.get(m.jobId);
  if (m.type === "deploy") {
    handler = preloaded.then(() => handlerOf(m.runtime));
    jobs.set(m.jobId, handler);
    handler.catch((e) => post({ type: "failed", jobId: m.jobId, attempt: m.attempt, error: { name: "EddyError", message: "a worker of the pool could not load the runtime at " + m.runtime + ": " + (e && e.message || e), stack: e && e.stack, eddy: { domain: "user", retriable: false, context: {} }, fault: null } }));
  }
  // why: a request about a job this worker does not run (it replaced a worker that died, or the job's runtime did not
  // load here) is answered as worker-main answers one about an unknown attempt — the job's thread awaits every reply
  const nothingToDo = () => { if (typeof m.request === "number" && m.type !== "reply") post({ type: "replied", jobId: m.jobId, attempt: m.attempt, request: m.request, error: null }); };
  if (handler === undefined) return nothingToDo();
  // why through the promise: messages of a job wait, in order, until its runtime has loaded
  handler.then((h) => h(m), nothingToDo);
  if (m.type === "close") jobs.delete(m.jobId);
});
setInterval(() => post({ type: "load", jobId: null, busyMs: load.busyMs, idleMs: load.idleMs, steals: load.steals, exchangeRecords: load.exchangeRecords, exchangeBytes: load.exchangeBytes }), ${LOAD_INTERVAL_MS}).unref();
`;
