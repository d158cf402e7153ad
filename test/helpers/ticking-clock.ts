// A virtual processing-time clock that moves a little every time the engine reads it: the scheduler reads it once
// per round of slices, so periodic checkpoints fall every few rounds however fast the machine is, and a job of a few
// milliseconds of wall time still checkpoints many times. Where everything waits for a timer, time jumps to it.
import type { Clock } from "../../runtime/index.js";

export class TickingClock implements Clock {
  readonly virtual = true;
  private time: number;

  constructor(start = 0, private readonly step = 1) {
    this.time = start;
  }
  now(): number {
    this.time += this.step;
    return this.time;
  }
  sleepUntil(timestamp: number): Promise<void> {
    // why: nothing else moves this clock, so waiting for it would wait forever
    if (timestamp > this.time) this.time = timestamp;
    return Promise.resolve();
  }
}
