// The failure of an imported TypeScript function, with the `.flow` call site that called it and (once known) the record
// being processed: what the job's failure message shows. Generated code wraps each call site in a small function
// (no try/catch in the record loops); the interpreter wraps its calls the same way.

export class UdfFailure extends Error {
  /** The record being processed, attached by the chain that caught this (undefined until then). */
  record: unknown = undefined;

  constructor(readonly udf: string, readonly location: string, cause: unknown) {
    super(`\`${udf}\` called at ${location} threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "UdfFailure";
  }
}

/** What a call-site wrapper throws when the function it calls throws. */
export function udfFailure(cause: unknown, udf: string, location: string): UdfFailure {
  // why: a UDF calling back into generated code (it cannot today) must not be blamed twice
  return cause instanceof UdfFailure ? cause : new UdfFailure(udf, location, cause);
}

/** Attaches the record being processed to a UDF failure (the first record wins), and returns the error to rethrow. */
export function withRecord(error: unknown, record: unknown): unknown {
  if (error instanceof UdfFailure && error.record === undefined) error.record = record;
  return error;
}

/** The record a failure carries, for the operator's error context. */
export function failedRecord(error: unknown): unknown {
  return error instanceof UdfFailure ? error.record : undefined;
}
