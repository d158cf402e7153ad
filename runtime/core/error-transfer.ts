// Errors as plain data, so a failure inside a worker thread reaches the job's thread with the same message, domain
// and context (job, operator, subtask, record) it would have had on one thread.
import type { Fault } from "../checkpoint/fault-injector.js";
import { InjectedFault } from "../checkpoint/fault-injector.js";
import { EddyError, type ErrorContext, type ErrorDomain } from "./errors.js";

export interface TransferredError {
  readonly name: string;
  /** The whole message, context included. */
  readonly message: string;
  readonly stack: string | undefined;
  /** Set for an EddyError. */
  readonly eddy: { readonly domain: ErrorDomain; readonly retriable: boolean; readonly context: ErrorContext } | null;
  /** Set for an injected fault (tests): the job's thread marks it fired. */
  readonly fault: Fault | null;
}

export function transferError(e: unknown): TransferredError {
  const error = e instanceof Error ? e : new Error(String(e));
  const fault = error instanceof InjectedFault ? error.fault : null;
  const eddy = error instanceof EddyError ? { domain: error.domain, retriable: error.retriable, context: cloneableContext(error.context) } : null;
  return { name: error.name, message: error.message, stack: error.stack, eddy, fault };
}

export function reviveError(t: TransferredError): Error {
  let error: Error;
  if (t.fault !== null) error = new InjectedFault(t.fault);
  else if (t.eddy !== null) {
    const eddy = new EddyError(t.eddy.domain, "", {}, { retriable: t.eddy.retriable });
    (eddy as { context: ErrorContext }).context = t.eddy.context;
    error = eddy;
  } else error = new Error();
  error.message = t.message;
  error.name = t.name;
  if (t.stack !== undefined) error.stack = t.stack;
  return error;
}

/** The record is data the user's function saw; it may hold what cannot cross threads (functions, sockets). */
function cloneableContext(context: ErrorContext): ErrorContext {
  if (context.record === undefined) return context;
  try {
    structuredClone(context.record);
    return context;
  } catch {
    return { ...context, record: String(context.record) };
  }
}
