// A seeded, deterministic fault injector: crashes a subtask at its n-th record, during a snapshot,
// between pre-commit and commit, or during restore; drops or delays acknowledgements.

export type Fault =
  /** Throw when subtask `subtask` of operator `operator` (name or uid) reaches its n-th input record (1-based). */
  | { readonly kind: "crash-at-record"; readonly operator: string; readonly subtask: number; readonly record: number }
  /** Throw while the subtask takes the snapshot of checkpoint `checkpointId` (or the n-th snapshot it takes). */
  | { readonly kind: "crash-during-snapshot"; readonly operator: string; readonly subtask: number; readonly snapshot: number }
  /** Throw in a two-phase-commit sink after pre-commit, before the n-th commit. */
  | { readonly kind: "crash-before-commit"; readonly operator: string; readonly subtask: number; readonly commit: number }
  /**
   * On the worker pool: end the worker thread that runs subtask `subtask` of `operator` at its n-th input record, as
   * a crash of the thread would (in one thread, where there is no worker to lose, it fails the subtask).
   */
  | { readonly kind: "kill-worker"; readonly operator: string; readonly subtask: number; readonly record: number }
  /** Throw while restoring for the n-th time. */
  | { readonly kind: "crash-during-restore"; readonly restore: number }
  /** Lose the acknowledgement of the n-th checkpoint (it then times out). */
  | { readonly kind: "drop-ack"; readonly checkpoint: number }
  /** Hold back the acknowledgements of checkpoint n by `ms` of processing time. */
  | { readonly kind: "delay-ack"; readonly checkpoint: number; readonly ms: number };

export class InjectedFault extends Error {
  constructor(readonly fault: Fault) {
    super(`injected fault: ${describeFault(fault)}`);
    this.name = "InjectedFault";
  }
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case "crash-at-record":
      return `crash ${f.operator}#${f.subtask} at record ${f.record}`;
    case "crash-during-snapshot":
      return `crash ${f.operator}#${f.subtask} during its snapshot ${f.snapshot}`;
    case "crash-before-commit":
      return `crash ${f.operator}#${f.subtask} before commit ${f.commit}`;
    case "kill-worker":
      return `kill the worker of ${f.operator}#${f.subtask} at record ${f.record}`;
    case "crash-during-restore":
      return `crash during restore ${f.restore}`;
    case "drop-ack":
      return `drop the acknowledgement of checkpoint ${f.checkpoint}`;
    case "delay-ack":
      return `delay the acknowledgements of checkpoint ${f.checkpoint} by ${f.ms} ms`;
  }
}

/**
 * Each fault fires at most once, even across restarts (so a schedule of k faults causes at most k
 * failures). Counters are per process run of the injector, not per attempt: "the 500th record"
 * means the 500th record that subtask processed since the job was submitted, replays included.
 */
export class FaultInjector {
  private readonly remaining: Fault[];
  private readonly counters = new Map<string, number>();
  readonly fired: Fault[] = [];

  /** `onFire` hears of a fault before it strikes (a worker of the pool reports it to the job's thread, or dies). */
  constructor(faults: readonly Fault[], private readonly onFire: ((fault: Fault) => void) | null = null) {
    this.remaining = [...faults];
  }

  /** A copy of this injector fired `fault` (in a worker): it is not fired again. */
  markFired(fault: Fault): void {
    const key = JSON.stringify(fault);
    const i = this.remaining.findIndex((f) => JSON.stringify(f) === key);
    if (i < 0) return;
    this.fired.push(...this.remaining.splice(i, 1));
  }

  /** Random schedules for property tests: deterministic for a seed. */
  static random(seed: number, count: number, targets: { operators: readonly string[]; parallelism: number; maxRecord: number }): FaultInjector {
    let s = seed | 0 || 1;
    const next = (n: number) => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) % n;
    };
    const faults: Fault[] = [];
    for (let i = 0; i < count; i++) {
      const operator = targets.operators[next(targets.operators.length)]!;
      const subtask = next(targets.parallelism);
      switch (next(3)) {
        case 0:
          faults.push({ kind: "crash-at-record", operator, subtask, record: 1 + next(targets.maxRecord) });
          break;
        case 1:
          faults.push({ kind: "crash-during-snapshot", operator, subtask, snapshot: 1 + next(4) });
          break;
        default:
          faults.push({ kind: "crash-before-commit", operator, subtask, commit: 1 + next(4) });
      }
    }
    return new FaultInjector(faults);
  }

  get pending(): readonly Fault[] {
    return this.remaining;
  }

  /** Called once per input batch: throws if the target record falls inside this batch. */
  onRecords(operator: string, uid: string, subtask: number, count: number): void {
    if (this.remaining.length === 0) return;
    const key = `rec|${uid}|${subtask}`;
    const before = this.counters.get(key) ?? 0;
    const after = before + count;
    this.counters.set(key, after);
    this.fire((f) => (f.kind === "crash-at-record" || f.kind === "kill-worker") && (f.operator === operator || f.operator === uid) && f.subtask === subtask && f.record > before && f.record <= after);
  }

  onSnapshot(operator: string, uid: string, subtask: number): void {
    const n = this.bump(`snap|${uid}|${subtask}`);
    this.fire((f) => f.kind === "crash-during-snapshot" && (f.operator === operator || f.operator === uid) && f.subtask === subtask && f.snapshot === n);
  }

  onCommit(operator: string, uid: string, subtask: number): void {
    const n = this.bump(`commit|${uid}|${subtask}`);
    this.fire((f) => f.kind === "crash-before-commit" && (f.operator === operator || f.operator === uid) && f.subtask === subtask && f.commit === n);
  }

  onRestore(): void {
    const n = this.bump("restore");
    this.fire((f) => f.kind === "crash-during-restore" && f.restore === n);
  }

  /** True when the acknowledgement of this checkpoint should be lost. */
  dropAck(checkpointId: number): boolean {
    const i = this.remaining.findIndex((f) => f.kind === "drop-ack" && f.checkpoint === checkpointId);
    if (i < 0) return false;
    this.fired.push(...this.remaining.splice(i, 1));
    return true;
  }

  /** Milliseconds to hold back an acknowledgement of this checkpoint (0: none). Applies to every ack of it. */
  ackDelay(checkpointId: number): number {
    const f = this.remaining.find((x) => x.kind === "delay-ack" && x.checkpoint === checkpointId);
    if (f === undefined || f.kind !== "delay-ack") return 0;
    if (!this.fired.includes(f)) this.fired.push(f);
    return f.ms;
  }

  private bump(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  private fire(match: (f: Fault) => boolean): void {
    const i = this.remaining.findIndex(match);
    if (i < 0) return;
    const [fault] = this.remaining.splice(i, 1);
    this.fired.push(fault!);
    this.onFire?.(fault!);
    throw new InjectedFault(fault!);
  }
}
