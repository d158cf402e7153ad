// Worker thread of the exactly-once PostgreSQL sink: owns the data connection and runs its
// statements in order, so that the sink's synchronous pre-commit can block until PREPARE landed.
// Plain JavaScript: on Node 20 worker threads do not inherit tsx's loader.
//
// Started either as its own file, or — inside a bundle of a compiled .flow job, where this file is
// inlined — as the bundle itself: the marker in workerData says "serve the data connection here".
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import pg from "pg";

/** The workerData key that makes a module loaded in a worker serve the data connection. */
export const DATA_CONNECTION_MARKER = "eddyPostgresDataConnection";

if (!isMainThread && workerData !== null && typeof workerData === "object" && workerData[DATA_CONNECTION_MARKER] === true) serve(workerData);

function serve({ connection, applicationName, shared }) {
  /** [0] the last sync request done, [1] 1 once a statement failed, [2] the failure text's length. */
  const state = new Int32Array(shared, 0, 3);
  const text = new Uint8Array(shared, 12);
  let failed = false;

  function fail(message) {
    if (failed) return;
    failed = true;
    const bytes = Buffer.from(message).subarray(0, text.length);
    text.set(bytes);
    Atomics.store(state, 2, bytes.length);
    Atomics.store(state, 1, 1);
  }

  const config = typeof connection === "string" ? { connectionString: connection } : connection;
  const client = new pg.Client({ application_name: applicationName, ...config });
  // why: an idle connection's error is an event; unheard it would end the worker without a word
  client.on("error", (e) => fail(`the data connection was lost: ${e.message}`));

  let tail = client.connect().then(
    () => parentPort.postMessage({ kind: "ready" }),
    (e) => parentPort.postMessage({ kind: "connect-failed", message: e.message, code: typeof e.code === "string" ? e.code : undefined }),
  );

  parentPort.on("message", (m) => {
    tail = tail.then(async () => {
      if (m.kind === "close") {
        await client.end().catch(() => {});
        parentPort.close();
        return;
      }
      if (!failed) {
        try {
          await client.query(m.query);
        } catch (e) {
          fail(`${m.what}: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ""}`);
        }
      }
      if (m.sync !== undefined) {
        Atomics.store(state, 0, m.sync);
        Atomics.notify(state, 0);
      }
    });
  });
}
