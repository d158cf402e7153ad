// The exactly-once sink's data connection, run in a worker thread: statements are sent in order
// without waiting, and `runSync` blocks until one has run — pre-commit is synchronous in the engine,
// and a checkpoint must not complete before its PREPARE TRANSACTION is durable.
import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
// why: a bundler inlines the worker's code here, and the bundle then serves as the worker's script (see workerScript)
import "./data-connection-worker.mjs";
import { EddyError, type ErrorContext } from "../../core/errors.js";
import { describeConnection, retriableSqlState, type PostgresConnection } from "./connection.js";

const FAILURE_TEXT_BYTES = 4096;

export interface Statement {
  readonly name?: string;
  readonly text: string;
  readonly values?: readonly unknown[];
}

/**
 * The worker's script: its own file next to this module, or — when this module was bundled into a compiled job and
 * the file is not beside the bundle — the bundle itself, which serves the connection when started with the marker.
 */
function workerScript(): URL {
  const own = new URL("./data-connection-worker.mjs", import.meta.url);
  return existsSync(fileURLToPath(own)) ? own : new URL(import.meta.url);
}

export class DataConnection {
  private readonly state: Int32Array;
  private readonly text: Uint8Array;
  private seq = 0;

  private constructor(
    private readonly worker: Worker,
    shared: SharedArrayBuffer,
    private readonly target: string,
    private readonly context: ErrorContext,
  ) {
    this.state = new Int32Array(shared, 0, 3);
    this.text = new Uint8Array(shared, 12);
  }

  static async open(connection: PostgresConnection, applicationName: string, context: ErrorContext): Promise<DataConnection> {
    const target = describeConnection(connection);
    try {
      structuredClone(connection);
    } catch (e) {
      throw new EddyError("user", `the PostgreSQL connection must be plain data (a connection string, or a ClientConfig without functions or sockets): the exactly-once sink's data connection runs in a worker thread`, context, { cause: e, retriable: false });
    }
    const shared = new SharedArrayBuffer(12 + FAILURE_TEXT_BYTES);
    const worker = new Worker(workerScript(), { workerData: { eddyPostgresDataConnection: true, connection, applicationName: applicationName.slice(0, 63), shared } });
    const [message] = (await Promise.race([once(worker, "message"), once(worker, "error").then(([e]) => Promise.reject(e))])) as [{ kind: string; message?: string; code?: string }];
    if (message.kind !== "ready") {
      await worker.terminate();
      throw new EddyError("external", `cannot connect to PostgreSQL at ${target}: ${message.message} — check that the server runs and accepts this user`, context, { retriable: retriableSqlState(message.code) });
    }
    return new DataConnection(worker, shared, target, context);
  }

  /** Queues a statement; a failure shows in `failure()` and fails every later `runSync`. */
  send(what: string, statement: Statement): void {
    this.worker.postMessage({ what, query: statement });
  }

  /** Queues a statement and blocks this thread until every statement so far has run. */
  runSync(what: string, statement: Statement, timeoutMs: number): void {
    const seq = ++this.seq;
    this.worker.postMessage({ what, query: statement, sync: seq });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const done = Atomics.load(this.state, 0);
      if (done >= seq) break;
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.state, 0, done, left) === "timed-out") {
        throw new EddyError("external", `PostgreSQL at ${this.target} did not ${what} within ${timeoutMs} ms`, this.context);
      }
    }
    const failure = this.failure();
    if (failure !== null) throw failure;
  }

  /** The first statement failure (or a lost connection), if any. */
  failure(): EddyError | null {
    if (Atomics.load(this.state, 1) === 0) return null;
    const message = Buffer.from(this.text.subarray(0, Atomics.load(this.state, 2))).toString();
    const code = /\(SQLSTATE (\w{5})\)$/.exec(message)?.[1];
    return new EddyError("external", `PostgreSQL sink at ${this.target} failed to ${message}`, this.context, { retriable: retriableSqlState(code) });
  }

  /** Ends the session after the statements sent so far; an open transaction is rolled back. */
  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    this.closing ??= this.end();
    return this.closing;
  }

  private async end(): Promise<void> {
    const exited = once(this.worker, "exit");
    this.worker.postMessage({ kind: "close" });
    const timer = setTimeout(() => void this.worker.terminate(), 10_000);
    await exited.finally(() => clearTimeout(timer));
  }
}
