// Runtime errors with a domain and the job/operator/subtask context they happened in.

/** Who is at fault: user code, an external system, or the engine itself. */
export type ErrorDomain = "user" | "external" | "internal";

export interface ErrorContext {
  job?: string;
  operator?: string;
  subtask?: number;
  checkpointId?: number;
  /** The record being processed when the error happened (shown abbreviated). */
  record?: unknown;
}

export class EddyError extends Error {
  readonly domain: ErrorDomain;
  readonly context: ErrorContext;
  /** Whether retrying (a restart) can help. */
  readonly retriable: boolean;

  constructor(domain: ErrorDomain, message: string, context: ErrorContext = {}, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(withContext(message, context), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EddyError";
    this.domain = domain;
    this.context = context;
    this.retriable = options.retriable ?? domain !== "user";
  }
}

/** A user function failed; the job fails with the operator, subtask and record in the message. */
export function userFunctionError(cause: unknown, context: ErrorContext): EddyError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new EddyError("user", `user function failed: ${reason}`, context, { cause, retriable: true });
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new EddyError("internal", `internal invariant violated: ${message}`);
}

export function unreachable(value: never, message = "unexpected value"): never {
  throw new EddyError("internal", `${message}: ${JSON.stringify(value)}`);
}

function withContext(message: string, c: ErrorContext): string {
  const parts: string[] = [];
  if (c.job !== undefined) parts.push(`job '${c.job}'`);
  if (c.operator !== undefined) parts.push(`operator '${c.operator}'`);
  if (c.subtask !== undefined) parts.push(`subtask ${c.subtask}`);
  if (c.checkpointId !== undefined) parts.push(`checkpoint ${c.checkpointId}`);
  let text = parts.length > 0 ? `${message} (${parts.join(", ")})` : message;
  if (c.record !== undefined) text += `\n  record: ${abbreviate(c.record)}`;
  return text;
}

function abbreviate(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
