// A doorbell: one counter in shared memory per worker, rung by every channel that has news for it (records to read,
// room to write), so that an idle worker sleeps on one address instead of polling each of its channels.
//
// Use without lost wake-ups: `seen = bell.current()`, then look at all work, and only if there is none
// `await bell.waitFor(seen, timeout)` — a ring that happened after `current()` makes the wait return at once.

/** Int32 slots of the buffer. */
const VALUE = 0;
/** Sleepers right now: ring() skips Atomics.notify (a lock in V8) while this is 0. */
const WAITERS = 1;
const SLOTS = 2;

const RESOLVED: Promise<void> = Promise.resolve();
/** setTimeout's largest delay (a larger one, Infinity included, fires after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Atomics.waitAsync (V8 8.7, so Node 16+) is in TypeScript's ES2024 lib; the project compiles against ES2023. */
interface WaitAsync {
  waitAsync(cells: Int32Array, index: number, value: number, timeoutMs: number):
    | { readonly async: false; readonly value: "not-equal" | "timed-out" }
    | { readonly async: true; readonly value: Promise<"ok" | "timed-out"> };
}
const atomics = Atomics as unknown as WaitAsync;

export class Doorbell {
  private readonly cells: Int32Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer, 0, SLOTS);
  }

  static create(): Doorbell {
    return new Doorbell(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  }

  /** The same bell in another thread (the buffer came through postMessage). */
  static attach(buffer: SharedArrayBuffer): Doorbell {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < SLOTS * Int32Array.BYTES_PER_ELEMENT) {
      throw new TypeError(`Doorbell.attach needs the SharedArrayBuffer of Doorbell.create(), got ${describe(buffer)}`);
    }
    return new Doorbell(buffer);
  }

  /** Tells the owner there is news; cheap when it is not asleep (no notify). */
  ring(): void {
    Atomics.add(this.cells, VALUE, 1);
    // why: sequentially consistent add-then-load against the sleeper's add-then-wait: either we see its WAITERS
    // increment and notify, or its waitAsync sees our new VALUE and does not sleep
    if (Atomics.load(this.cells, WAITERS) !== 0) Atomics.notify(this.cells, VALUE);
  }

  /** The number of rings so far (wraps at 2^31); pass it to waitFor after checking for work. */
  current(): number {
    return Atomics.load(this.cells, VALUE);
  }

  /**
   * Watches the bell for up to `micros` without sleeping; true as soon as it rang since `seen`. Waking a sleeping
   * thread is slow on a small VM (on the 2-vCPU reference machine a ring that wakes a sleeper took 10–12 µs of the
   * ringer's time and a wake-up ping-pong between two workers ~120–220 µs a round trip, measured with a throwaway
   * loop not kept), so a loop that expects work soon may spin a little before it calls waitFor. The exchange
   * benchmark saw the same wall time with 0, 200 and 1,000 µs of spin (EXCHANGE_SPIN), and the least CPU with 0.
   */
  spinFor(seen: number, micros: number): boolean {
    if (Atomics.load(this.cells, VALUE) !== seen) return true;
    const until = performance.now() + micros / 1000;
    do {
      for (let i = 0; i < 64; i++) if (Atomics.load(this.cells, VALUE) !== seen) return true;
    } while (performance.now() < until);
    return false;
  }

  /** Resolves at once if the bell rang since `seen` was read, else on the next ring or after `timeoutMs`. */
  waitFor(seen: number, timeoutMs: number): Promise<void> {
    Atomics.add(this.cells, WAITERS, 1);
    const wait = atomics.waitAsync(this.cells, VALUE, seen, timeoutMs);
    if (!wait.async) {
      Atomics.sub(this.cells, WAITERS, 1);
      return RESOLVED;
    }
    return new Promise<void>((resolve) => {
      let settled = false;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        Atomics.sub(this.cells, WAITERS, 1);
        resolve();
      };
      // why a timer as well: a pending waitAsync does not keep Node's event loop alive, so a worker with nothing
      // else to do would exit while it waits
      const timer = setTimeout(finish, Math.min(timeoutMs, MAX_TIMER_MS));
      void wait.value.then(finish);
    });
  }
}

function describe(value: unknown): string {
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes (not shared)`;
  if (value instanceof SharedArrayBuffer) return `a SharedArrayBuffer of ${value.byteLength} bytes`;
  return typeof value;
}
