// Job-level work at a processing time (checkpoint triggers, delayed acknowledgements) for a job whose subtasks run
// elsewhere: the single-thread scheduler interleaves such actions with its slices; on the pool the job's thread has no
// slices, so this runs them from its event loop.
import type { Clock } from "../time/clock.js";
import { TimerHeap } from "../time/timer-heap.js";

interface JobAction {
  readonly timestamp: number;
  readonly seq: number;
  readonly action: (now: number) => void;
}

export class JobActionTimer {
  private readonly timers = new TimerHeap<JobAction>();
  private seq = 0;
  private stopped = false;
  private wake: (() => void) | null = null;
  private running = false;

  constructor(private readonly clock: Clock) {}

  schedule(timestamp: number, action: (now: number) => void): void {
    if (this.stopped) return;
    this.timers.push({ timestamp, seq: this.seq++, action });
    this.wake?.();
    if (!this.running) void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    this.running = true;
    while (!this.stopped && this.timers.size > 0) {
      const now = this.clock.now();
      const next = this.timers.peek()!;
      if (next.timestamp <= now) {
        this.timers.pop();
        next.action(now);
        continue;
      }
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      await this.clock.sleepUntil(next.timestamp, woken);
      this.wake = null;
    }
    this.running = false;
  }
}
