// Processing-time clocks. Time is injected, never read from globals: the engine asks a Clock.

export interface Clock {
  /** Current processing time in epoch milliseconds. */
  now(): number;
  /** Resolves once `now()` has reached `timestamp` (or earlier, when woken). */
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void>;
  /** A manual clock never waits on the wall clock; the scheduler treats it as virtual time. */
  readonly virtual: boolean;
}

export class SystemClock implements Clock {
  readonly virtual = false;
  now(): number {
    return Date.now();
  }
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void> {
    const delay = Math.max(0, timestamp - Date.now());
    return new Promise<void>((resolve) => {
      const handle = setTimeout(resolve, Math.min(delay, 2 ** 31 - 1));
      wake?.then(() => {
        clearTimeout(handle);
        resolve();
      });
    });
  }
}

/**
 * Virtual time for tests: it only moves when told (`advance`, `set`). Sleepers wake when the time
 * they wait for is reached, so processing-time windows, idleness and TTL run without real waiting.
 *
 * The time lives in shared memory: a job on the worker pool sees one clock in every thread (a map in one worker may
 * advance it while a window in another waits for it), so `describe()` gives a plain-data handle that
 * `clockFromDescription` attaches to in another thread.
 */
export class ManualClock implements Clock {
  readonly virtual = true;
  /** [0]: the time as the bits of a float64 (changed by compare-and-swap, so concurrent advances add up). */
  private readonly bits: BigInt64Array;
  /** [0]: bumped on every change; sleepers in any thread wait on it. */
  private readonly generation: Int32Array;
  private readonly scratch = new Float64Array(1);
  private readonly scratchBits = new BigInt64Array(this.scratch.buffer);

  constructor(start = 0, shared?: SharedArrayBuffer) {
    const buffer = shared ?? new SharedArrayBuffer(16);
    this.bits = new BigInt64Array(buffer, 0, 1);
    this.generation = new Int32Array(buffer, 8, 1);
    if (shared === undefined) Atomics.store(this.bits, 0, this.toBits(start));
  }

  /** The same clock, attached from another thread. */
  static attach(buffer: SharedArrayBuffer): ManualClock {
    return new ManualClock(0, buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.bits.buffer as SharedArrayBuffer;
  }

  now(): number {
    return this.fromBits(Atomics.load(this.bits, 0));
  }
  advance(ms: number): void {
    this.update((t) => t + ms);
  }
  set(timestamp: number): void {
    this.update((t) => {
      if (timestamp < t) throw new RangeError(`a clock does not go backwards (${timestamp} < ${t})`);
      return timestamp;
    });
  }
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void> {
    if (timestamp <= this.now()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let woken = false;
      wake?.then(() => {
        woken = true;
        resolve();
      });
      const loop = (): void => {
        if (woken) return;
        const seen = Atomics.load(this.generation, 0);
        if (this.now() >= timestamp) return resolve();
        // why: the clock may be advanced by another thread; a bounded wait keeps `wake` from leaking the waiter
        const waited = (Atomics as unknown as WaitAsync).waitAsync(this.generation, 0, seen, 1000);
        if (waited.async) void waited.value.then(loop);
        else queueMicrotask(loop);
      };
      loop();
    });
  }

  private update(next: (time: number) => number): void {
    for (;;) {
      const old = Atomics.load(this.bits, 0);
      const value = this.toBits(next(this.fromBits(old)));
      if (Atomics.compareExchange(this.bits, 0, old, value) === old) break;
    }
    Atomics.add(this.generation, 0, 1);
    Atomics.notify(this.generation, 0);
  }

  private toBits(time: number): bigint {
    this.scratch[0] = time;
    return this.scratchBits[0]!;
  }

  private fromBits(bits: bigint): number {
    this.scratchBits[0] = bits;
    return this.scratch[0]!;
  }
}

/** Atomics.waitAsync (Node 16+) is in TypeScript's ES2024 lib; generated code is checked against ES2023. */
interface WaitAsync {
  waitAsync(cells: Int32Array, index: number, value: number, timeoutMs: number): { readonly async: false; readonly value: string } | { readonly async: true; readonly value: Promise<string> };
}

/** A clock as plain data, so a job deployed to a worker thread reads the same processing time. */
export type ClockDescription = { readonly kind: "system" } | { readonly kind: "manual"; readonly buffer: SharedArrayBuffer };

// why marks on the prototypes, not instanceof: a compiled bundle carries its own copy of the runtime, and a clock made
// by the caller's copy must still be recognised by the bundle's
const SYSTEM_CLOCK = Symbol.for("eddy.system-clock");
const MANUAL_CLOCK = Symbol.for("eddy.manual-clock");
Object.defineProperty(SystemClock.prototype, SYSTEM_CLOCK, { value: true });
Object.defineProperty(ManualClock.prototype, MANUAL_CLOCK, { value: true });

/**
 * The description of `clock`, or null when it is neither the system clock nor a ManualClock (it cannot leave this
 * thread). A subclass is not described: what it adds may depend on the thread it runs in.
 */
export function describeClock(clock: Clock): ClockDescription | null {
  const proto = Object.getPrototypeOf(clock) as object | null;
  if (proto === null) return null;
  if (Object.hasOwn(proto, SYSTEM_CLOCK)) return { kind: "system" };
  if (Object.hasOwn(proto, MANUAL_CLOCK)) return { kind: "manual", buffer: (clock as ManualClock).buffer };
  return null;
}

export function clockFromDescription(description: ClockDescription): Clock {
  return description.kind === "system" ? new SystemClock() : ManualClock.attach(description.buffer);
}
