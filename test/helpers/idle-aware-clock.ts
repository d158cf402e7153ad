// A ManualClock that tells a test when the engine has run out of work: the scheduler asks a clock to sleep only when
// no subtask can run, so each such request means every record sent so far has been processed. Tests advance virtual
// time at those points instead of waiting on the wall clock and hoping the engine has caught up.
import { ManualClock } from "../../runtime/index.js";

export class IdleAwareClock extends ManualClock {
  private idleWaiters: ((nextTimer: number) => void)[] = [];

  /** Resolves at the next moment the engine has nothing to run and sleeps until its next timer (passed along). */
  engineIdle(): Promise<number> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  override sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void> {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve(timestamp);
    return super.sleepUntil(timestamp, wake);
  }
}
