// Errors of the Dispatcher that a REST client caused (an unknown id, a request that does not fit the job's state):
// each carries the HTTP status it answers with, so the REST layer maps them without matching on messages.
export type DispatcherErrorKind = "bad-request" | "not-found" | "conflict" | "not-leader";

const STATUS: Readonly<Record<DispatcherErrorKind, number>> = { "bad-request": 400, "not-found": 404, conflict: 409, "not-leader": 503 };

export class DispatcherError extends Error {
  constructor(
    readonly kind: DispatcherErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DispatcherError";
  }

  get httpStatus(): number {
    return STATUS[this.kind];
  }
}
