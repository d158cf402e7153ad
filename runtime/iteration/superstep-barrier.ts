// What an iteration's entries, heads and tails share in their thread (they are co-located: see iterations.ts): the
// queues of records entering the loop and fed back into it, and the superstep barrier.
//
// A superstep (Flink ML's epoch) is numbered from 0. Its records carry their superstep as their timestamp, and the
// heads emit the superstep as a watermark after its last record — so inside the loop, event time IS the superstep:
// an operator learns that superstep e is complete when its watermark reaches e, exactly as it learns that an event-time
// window is complete, and records it emits then belong to superstep e. A tail that sees watermark e has fed back all
// of superstep e's records for its head. When every tail has, the barrier decides for all heads at once: stop (no
// record was fed back, the termination criteria stream stayed empty, or the superstep limit is reached) or go on with
// superstep e + 1 (each head emits what was fed back to it, then watermark e + 1).

/** The roles that report to the barrier once per superstep: feedback tails per variable stream, and criteria tails. */
export type TailRole = { readonly kind: "feedback"; readonly variable: number } | { readonly kind: "criteria" };

/** The barrier's verdict on a completed superstep. */
export interface SuperstepDecision {
  readonly superstep: number;
  readonly terminate: boolean;
  readonly reason: "no-feedback" | "criteria-empty" | "max-supersteps" | null;
}

/** Records queued for one head subtask; swapped out whole when the head takes them (no copying). */
class RecordQueue {
  values: unknown[] = [];

  take(): unknown[] {
    const taken = this.values;
    this.values = [];
    return taken;
  }
}

class HeadSlot {
  readonly entering = new RecordQueue();
  readonly fedBack = new RecordQueue();
  entryEnded = false;
  private waiter: (() => void) | null = null;
  private pending: Promise<void> | null = null;

  /** Resolves at the next change for this head (records queued, its entry ended, a decision). */
  changed(): Promise<void> {
    if (this.pending === null) this.pending = new Promise<void>((resolve) => (this.waiter = resolve));
    return this.pending;
  }

  wake(): void {
    const w = this.waiter;
    if (w === null) return;
    this.waiter = null;
    this.pending = null;
    w();
  }
}

export class SuperstepBarrier {
  /** slots[variable][subtask] */
  private readonly slots: HeadSlot[][] = [];
  /** Tail subtasks per role key that report each superstep (registered in setup, before any record flows). */
  private readonly tailParallelism = new Map<string, number>();
  private reports = 0;
  private fedBackCount = 0;
  private criteriaCount = 0;
  private readonly decisions: SuperstepDecision[] = [];

  constructor(
    readonly iterationId: string,
    /** The iteration stops after this many supersteps at the latest (Infinity: only when nothing is fed back). */
    readonly maxSupersteps: number,
  ) {}

  /** A head, entry or tail of variable `variable` with `parallelism` subtasks takes part. */
  registerVariable(variable: number, parallelism: number): void {
    const slots = (this.slots[variable] ??= []);
    for (let i = slots.length; i < parallelism; i++) slots.push(new HeadSlot());
  }

  registerTail(role: TailRole, parallelism: number): void {
    if (role.kind === "feedback") this.registerVariable(role.variable, parallelism);
    this.tailParallelism.set(roleKey(role), parallelism);
  }

  get hasCriteria(): boolean {
    return this.tailParallelism.has("criteria");
  }

  // ---- entries ----

  enter(variable: number, subtask: number, values: readonly unknown[], count: number): void {
    const slot = this.slot(variable, subtask);
    const q = slot.entering.values;
    for (let i = 0; i < count; i++) q.push(values[i]);
    slot.wake();
  }

  endEntry(variable: number, subtask: number): void {
    const slot = this.slot(variable, subtask);
    slot.entryEnded = true;
    slot.wake();
  }

  // ---- heads ----

  takeEntering(variable: number, subtask: number): unknown[] {
    return this.slot(variable, subtask).entering.take();
  }

  entryEnded(variable: number, subtask: number): boolean {
    return this.slot(variable, subtask).entryEnded;
  }

  takeFedBack(variable: number, subtask: number): unknown[] {
    return this.slot(variable, subtask).fedBack.take();
  }

  decisionFor(superstep: number): SuperstepDecision | undefined {
    return this.decisions[superstep];
  }

  changed(variable: number, subtask: number): Promise<void> {
    return this.slot(variable, subtask).changed();
  }

  // ---- tails ----

  feedBack(variable: number, subtask: number, values: readonly unknown[], count: number): void {
    const q = this.slot(variable, subtask).fedBack.values;
    for (let i = 0; i < count; i++) q.push(values[i]);
    this.fedBackCount += count;
  }

  countCriteria(count: number): void {
    this.criteriaCount += count;
  }

  /** One tail subtask has seen the watermark of `superstep`: everything it will feed back for it is queued. */
  reachedEnd(superstep: number): void {
    if (this.decisions[superstep] !== undefined) throw new Error(`iteration ${this.iterationId}: superstep ${superstep} was already decided`);
    this.reports++;
    let expected = 0;
    for (const p of this.tailParallelism.values()) expected += p;
    if (this.reports < expected) return;
    const reason =
      this.fedBackCount === 0 ? "no-feedback" : this.hasCriteria && this.criteriaCount === 0 ? "criteria-empty" : superstep + 1 >= this.maxSupersteps ? "max-supersteps" : null;
    this.decisions[superstep] = { superstep, terminate: reason !== null, reason };
    this.reports = 0;
    this.fedBackCount = 0;
    this.criteriaCount = 0;
    for (const slots of this.slots) for (const slot of slots) slot.wake();
  }

  /** Supersteps decided so far (the number run, once the iteration ended). */
  get superstepsDecided(): number {
    return this.decisions.length;
  }

  private slot(variable: number, subtask: number): HeadSlot {
    const slot = this.slots[variable]?.[subtask];
    if (slot === undefined) throw new Error(`iteration ${this.iterationId}: no head for variable stream ${variable}, subtask ${subtask} in this thread (are the iteration's operators co-located?)`);
    return slot;
  }
}

function roleKey(role: TailRole): string {
  return role.kind === "feedback" ? `feedback:${role.variable}` : "criteria";
}
