// An ordered queue of asynchronous steps on one pg client, fed by the engine's synchronous writer
// calls. The first failure sticks: later steps are skipped and the writer surfaces it.
import type { EddyError } from "../../core/errors.js";

export class StatementQueue {
  private tail: Promise<void> = Promise.resolve();
  private firstFailure: EddyError | null = null;
  /** Steps enqueued and not yet finished (a measure of how far PostgreSQL lags behind). */
  inFlight = 0;

  constructor(private readonly wrap: (what: string, e: unknown) => EddyError) {}

  get failure(): EddyError | null {
    return this.firstFailure;
  }

  /** Records a failure from outside the queue (a lost connection). */
  fail(e: EddyError): void {
    this.firstFailure ??= e;
  }

  /** Runs `step` after every step enqueued before; resolves (never rejects) when it is done or skipped. */
  enqueue(what: string, step: () => Promise<unknown>): Promise<void> {
    this.inFlight++;
    const done = this.tail.then(async () => {
      try {
        if (this.firstFailure === null) await step();
      } catch (e) {
        this.firstFailure ??= this.wrap(what, e);
      } finally {
        this.inFlight--;
      }
    });
    this.tail = done;
    return done;
  }

  /** Resolves once every step enqueued so far has run. */
  drain(): Promise<void> {
    return this.tail;
  }

  /** Throws the first failure, if any: called at every writer entry point so the job fails. */
  check(): void {
    if (this.firstFailure !== null) throw this.firstFailure;
  }
}
