// A TaskManager worker's data exchange: one TcpExchange per worker thread, opened when the TaskManager starts the
// worker (its port is registered with the TaskManager, so producers elsewhere know where to connect) and shared by
// every copy of the runtime the worker loads (a job's bundle carries its own copy), through globalThis.
import type { TcpExchange } from "./tcp-exchange.js";

const SHARED = Symbol.for("eddy.worker-exchange");
const global = globalThis as { [SHARED]?: WorkerExchange };

/** What every copy of the runtime in the thread sees of the exchange. */
export interface WorkerExchange {
  readonly exchange: TcpExchange;
  /** Called when a connection to another process breaks: the attempts with channels over the network fail over. */
  readonly brokenListeners: Set<(e: Error) => void>;
}

export function workerExchange(): WorkerExchange | null {
  return global[SHARED] ?? null;
}

export function setWorkerExchange(e: WorkerExchange): void {
  global[SHARED] = e;
}
