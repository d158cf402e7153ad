// Per-key matching state: the runs of the NFA over one key's events and their shared buffer (Flink's NFA + NFAState).
import type { EventKey, KeyedMatch } from "../after-match/skip-strategy.js";
import type { CompiledPattern } from "./compiled-pattern.js";
import { ComputationState, compareStarts } from "./computation-state.js";
import { START_VERSION, increase, increaseAndAddStage, type DeweyNumber } from "./dewey-number.js";
import type { AdvanceResult, Match, TimedOutMatch } from "./match-types.js";
import { BufferNode, BufferedEvent, SharedBuffer } from "./shared-buffer.js";
import type { MatcherSnapshot } from "./matcher-snapshot.js";
import type { MatcherScratch } from "./matcher-scratch.js";
import { IGNORE, PROCEED, TAKE, type NfaState, type Transition } from "./state.js";

const NO_MATCHES: Match<never>[] = [];
/** Returned when advancing time changes nothing: saves two allocations per call on the hot path. */
const NOTHING: AdvanceResult<never> = Object.freeze({ matches: NO_MATCHES, timeouts: Object.freeze([]) as unknown as TimedOutMatch<never>[] });
/** Shared empty list of held-back matches: most matchers never hold one, so they never allocate one. */
const NO_RUNS: ComputationState<never>[] = [];
/** computeNextStates' answer for a run that stays exactly as it is. */
const UNCHANGED = -1;

/**
 * Drive it as Flink's NFA tests do: `advanceTime(ts)` then `process(event, ts)`, with
 * non-decreasing timestamps (the CEP operator sorts events by time before feeding them).
 *
 * Hot-path layout: a matcher holds only its runs and buffer; edge lists, stacks and the condition
 * context live in the pattern's MatcherScratch, shared by all keys (fewer objects per key, and the
 * ones touched per event stay in cache).
 */
export class Matcher<T> {
  // Field order is declaration order: the fields every event reads come first, in one cache line.
  private readonly nfa: CompiledPattern<T>;
  /**
   * Runs in progress other than the fresh start run, ordered by start event; the shared empty
   * list when there are none. why: most keys are idle most of the time, and an idle key's event
   * then touches only the matcher object (the start run is read only if the event is taken).
   */
  private runs: ComputationState<T>[] = NO_RUNS as unknown as ComputationState<T>[];
  /** The run waiting in the start state (no node, no start event); ordered after all others. Null only if a NOT stage discarded it. */
  private startRun: ComputationState<T> | null;
  /** Completed matches held back until no earlier partial match exists (skip strategies only). */
  private completed: ComputationState<T>[] = NO_RUNS as unknown as ComputationState<T>[];
  /** No run expires before this time, so advanceTime below it has nothing to do; −∞ = recompute. */
  private earliestExpiry = Number.NEGATIVE_INFINITY;
  readonly buffer = new SharedBuffer<T>();
  /** @internal the CEP operator's note of the expiry it last set a timer for (not matching state: not snapshotted). */
  timerAt = Number.NaN;

  /** @internal use CompiledPattern.newMatcher() / restoreMatcher(). */
  constructor(nfa: CompiledPattern<T>, startRun?: ComputationState<T> | null) {
    this.nfa = nfa;
    this.startRun = startRun === undefined ? new ComputationState(nfa.startState, null, START_VERSION, -1, -1, null) : startRun;
  }

  /** Events and nodes held in the shared buffer (0 and 0 once no partial match references anything). */
  bufferSize(): { events: number; nodes: number } {
    return { events: this.buffer.eventCount, nodes: this.buffer.nodeCount };
  }

  /** Number of runs in progress, including the one waiting in the start state. */
  partialMatchCount(): number {
    return this.runs.length + (this.startRun === null ? 0 : 1);
  }

  /**
   * True when only the run waiting in the start state is left and nothing is buffered: a fresh
   * matcher behaves the same, so the operator may drop this one (no state kept for idle keys).
   */
  isEmpty(): boolean {
    return this.runs.length === 0 && this.startRun !== null && this.completed.length === 0 && this.buffer.eventCount === 0;
  }

  /**
   * The earliest time at which advanceTime() would expire a run (emitting a timeout or the match of
   * a trailing notFollowedBy); Infinity when no run can expire. The operator sets its timer here.
   */
  nextTimeout(): number {
    const windowTime = this.nfa.windowTime;
    let min = Number.POSITIVE_INFINITY;
    const partials = this.runs;
    for (let i = 0; i < partials.length; i++) {
      const cs = partials[i]!;
      if (cs.state.kind === "start") continue;
      // Mirrors advanceTime's two expiry tests.
      const w = cs.state.windowTime;
      if (w !== undefined && cs.prevTs + w < min) min = cs.prevTs + w;
      if (windowTime > 0 && cs.startTs + windowTime < min) min = cs.startTs + windowTime;
    }
    return min;
  }

  /**
   * Time has reached `timestamp`: runs older than the window time out (reported if the pattern was
   * compiled with timeoutHandling), and matches of a trailing notFollowedBy whose window expired are
   * emitted (Flink's NFA.advanceTime).
   */
  advanceTime(timestamp: number): AdvanceResult<T> {
    // why: nothing expires before the earliest expiry, and held-back matches can only be released
    // by a run going away; so below it the call is a no-op (one comparison per event per key)
    if (timestamp < this.earliestExpiry) return NOTHING as AdvanceResult<T>;
    const windowTime = this.nfa.windowTime;
    let matches: Match<T>[] = NO_MATCHES as Match<T>[];
    let timeouts: TimedOutMatch<T>[] | undefined;
    let potential: ComputationState<T>[] | undefined;
    let earliest = Number.POSITIVE_INFINITY;
    // Runs that stay are compacted in place (no new array per expiry).
    const partials = this.runs;
    const n = partials.length;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const cs = partials[i]!;
      const state = cs.state;
      let expiredAt = -1;
      if (state.kind !== "start") {
        // 1. PREVIOUS_AND_CURRENT: the gap to the event this state waits for.
        const w = state.windowTime;
        if (w !== undefined && timestamp - cs.prevTs >= w) expiredAt = cs.prevTs + w;
        // 2. FIRST_AND_LAST: the whole match.
        else if (windowTime > 0 && timestamp - cs.startTs >= windowTime) expiredAt = cs.startTs + windowTime;
      }
      if (expiredAt < 0) {
        partials[kept++] = cs;
        if (state.kind !== "start") earliest = Math.min(earliest, expiryOf(cs, windowTime));
        continue;
      }
      if (state.kind === "pending") {
        // A trailing notFollowedBy survived its window: it is a match, released after emission.
        (potential ??= []).push(cs);
        continue;
      }
      if (this.nfa.timeoutHandling) (timeouts ??= []).push({ match: this.materialize(this.currentPath(cs)), timestamp: expiredAt });
      if (cs.node !== null) this.buffer.release(cs.node, cs.version);
    }
    if (kept === 0) this.runs = NO_RUNS as unknown as ComputationState<T>[];
    else while (partials.length > kept) partials.pop();
    this.earliestExpiry = earliest;
    if (potential !== undefined || this.completed.length > 0) {
      matches = [];
      this.emitMatches(potential ?? [], matches);
      // why: a skip strategy may have pruned runs; recompute the bound next time
      this.earliestExpiry = Number.NEGATIVE_INFINITY;
    }
    if (matches.length === 0 && timeouts === undefined) return NOTHING as AdvanceResult<T>;
    return { matches, timeouts: timeouts ?? [] };
  }

  /** Feeds one event; returns the matches it completes (Flink's NFA.process). */
  process(event: T, timestamp: number): Match<T>[] {
    const scratch = this.nfa.scratch;
    if (scratch.busy) throw new Error("A CEP condition re-entered a matcher of its own pattern; conditions must not drive matchers.");
    scratch.busy = true;
    try {
      return this.processEvent(scratch, event, timestamp);
    } finally {
      scratch.busy = false;
    }
  }

  private processEvent(scratch: MatcherScratch<T>, event: T, timestamp: number): Match<T>[] {
    const ctx = scratch.ctx;
    ctx.owner = this;
    ctx.event = event;
    ctx.ts = timestamp;
    ctx.buffered = undefined;
    scratch.potential = undefined;
    const runs = this.runs;
    const n = runs.length;
    const next = scratch.next;
    // −1 until the first run changes; from then on `next` holds the new list.
    let nextLength = -1;
    for (let i = 0; i < n; i++) {
      const cs = runs[i]!;
      const count = this.computeNextStates(scratch, cs, cs.state, event, timestamp);
      if (count === UNCHANGED) {
        if (nextLength >= 0) next[nextLength++] = cs;
        continue;
      }
      if (nextLength < 0) {
        for (let j = 0; j < i; j++) next[j] = runs[j]!;
        nextLength = i;
      }
      nextLength = this.collectSuccessors(scratch, count, nextLength);
    }
    // The start run last, as Flink orders it; it stays in its own slot.
    const startRun = this.startRun;
    if (startRun !== null) {
      // why: its state is always the start state; not reading it from the run spares an idle key's
      // event a cache miss (the run object is only read if the event is taken)
      const count = this.computeNextStates(scratch, startRun, this.nfa.startState, event, timestamp);
      if (count !== UNCHANGED) {
        if (nextLength < 0) {
          for (let j = 0; j < n; j++) next[j] = runs[j]!;
          nextLength = n;
        }
        nextLength = this.collectSuccessors(scratch, count, nextLength);
      }
    }
    if (nextLength >= 0) {
      // Copy back: the matcher keeps its own array (or none), the scratch one is emptied.
      let target = runs;
      if (nextLength === 0) target = NO_RUNS as unknown as ComputationState<T>[];
      // why: exact size; filling [] index by index would reserve 17 slots for the usual one run
      else if (target === (NO_RUNS as unknown)) target = next.slice(0, nextLength);
      for (let j = 0; j < nextLength; j++) {
        target[j] = next[j]!;
        next[j] = undefined as unknown as ComputationState<T>;
      }
      if (nextLength > 0) {
        while (target.length > nextLength) target.pop();
        if (!isSorted(target)) target.sort(compareStarts);
      }
      this.runs = target;
      this.earliestExpiry = Number.NEGATIVE_INFINITY;
    }
    if (ctx.buffered !== undefined) this.buffer.releaseEvent(ctx.buffered);
    ctx.buffered = undefined;
    ctx.run = undefined;
    ctx.runPath = undefined;
    const potential = scratch.potential;
    scratch.potential = undefined;
    if (potential === undefined && this.completed.length === 0) return NO_MATCHES as Match<T>[];
    const result: Match<T>[] = [];
    this.emitMatches(potential ?? [], result);
    return result;
  }

  /**
   * Files the successors of one run (scratch.successors[0..count)) into `next` from `nextLength`:
   * completed matches to scratch.potential, the start run back to its slot; a run that reached a
   * stop state (a NOT stage fired) discards its other successors too — matches it completed on the
   * way are kept, as in Flink. Returns the new length of `next`.
   */
  private collectSuccessors(scratch: MatcherScratch<T>, count: number, nextLength: number): number {
    const successors = scratch.successors;
    const next = scratch.next;
    let discard = false;
    for (let j = 0; j < count; j++) {
      const s = successors[j]!;
      const kind = s.state.kind;
      if (kind === "final") (scratch.potential ??= []).push(s);
      else if (kind === "stop") {
        discard = true;
        if (s.node !== null) this.buffer.release(s.node, s.version);
      }
    }
    for (let j = 0; j < count; j++) {
      const s = successors[j]!;
      successors[j] = undefined as unknown as ComputationState<T>; // why: scratch must not keep runs alive
      const kind = s.state.kind;
      if (kind === "final" || kind === "stop") continue;
      if (s === this.startRun) {
        if (discard) this.startRun = null;
      } else if (!discard) next[nextLength++] = s;
      else if (s.node !== null) this.buffer.release(s.node, s.version);
    }
    return nextLength;
  }

  /**
   * Flink's NFA.computeNextStates: resolve edges (following proceeds), then branch versions so that
   * each successor run can be told apart in the shared buffer. Writes the successors to
   * scratch.successors and returns their number (0: the run dies), or UNCHANGED.
   */
  private computeNextStates(scratch: MatcherScratch<T>, cs: ComputationState<T>, state: NfaState<T>, event: T, ts: number): number {
    const ctx = scratch.ctx;
    ctx.run = cs;
    ctx.runPath = undefined;
    const edges = scratch.edges;
    let edgeCount = 0;
    let takeBranches = 0;
    let ignoreBranches = 0;
    // 1. Decision graph: the state's own edges, and depth-first over proceed edges whose condition holds.
    if (!state.hasProceed) {
      const ts_ = state.transitions;
      for (let i = 0; i < ts_.length; i++) {
        const t = ts_[i]!;
        if (t.condition !== undefined && !t.condition(event, ctx)) continue;
        edges[edgeCount++] = t;
        if (t.action === IGNORE) {
          if (t.target !== state) ignoreBranches++;
        } else takeBranches++;
      }
    } else {
      const stack = scratch.stack;
      let depth = 0;
      stack[depth++] = state;
      while (depth > 0) {
        const s = stack[--depth]!;
        const ts_ = s.transitions;
        for (let i = 0; i < ts_.length; i++) {
          const t = ts_[i]!;
          if (t.condition !== undefined && !t.condition(event, ctx)) continue;
          if (t.action === PROCEED) stack[depth++] = t.target;
          else {
            edges[edgeCount++] = t;
            if (t.action === IGNORE) {
              if (t.target !== state) ignoreBranches++;
            } else takeBranches++;
          }
        }
      }
    }
    const isStart = state.kind === "start";
    if (takeBranches === 0 && ignoreBranches === 0) {
      // Fast paths. Nothing to take: the start run stays; another run dies unless it ignores the
      // event in place, which would recreate it identically (same state, node and version; its
      // buffer lock taken and dropped again), so it stays too.
      if (isStart || edgeCount === 1) return UNCHANGED;
      if (edgeCount === 0) {
        if (cs.node !== null) this.buffer.release(cs.node, cs.version);
        return 0;
      }
    }
    // 2. Perform the edges, numbering versions as Flink does.
    const out = scratch.successors;
    let count = 0;
    let takeToVisit = Math.max(0, takeBranches - 1);
    let ignoreToVisit = ignoreBranches;
    const takeToSkip = takeToVisit;
    for (let i = 0; i < edgeCount; i++) {
      const e = edges[i]!;
      edges[i] = undefined as unknown as Transition<T>;
      if (e.action === IGNORE) {
        if (isStart) continue; // the start run never ignores: it is kept below
        let version: DeweyNumber;
        if (e.target === state) version = increase(cs.version, selfIncrease(ignoreBranches, takeBranches));
        else {
          version = increaseAndAddStage(cs.version, takeToSkip + ignoreToVisit);
          ignoreToVisit--;
        }
        out[count++] = this.newRun(e.target, cs.node, version, cs.startTs, cs.prevTs, cs.start);
      } else if (e.action === TAKE) {
        const current = increase(cs.version, takeToVisit);
        const nextVersion = increaseAndAddStage(cs.version, takeToVisit);
        takeToVisit--;
        const ev = ctx.bufferedEvent();
        const node = this.buffer.put(e.source.stage, ev, cs.node, current);
        const startTs = isStart ? ts : cs.startTs;
        const start = isStart ? ev : cs.start;
        out[count++] = this.newRun(e.target, node, nextVersion, startTs, ts, start);
        // A proceed path to the final state means this take also completes a match.
        if (e.target.proceedsToFinal) {
          const fin = this.finalAfterProceed(e.target, event);
          if (fin !== undefined) out[count++] = this.newRun(fin, node, nextVersion, startTs, ts, start);
        }
      }
    }
    if (isStart) {
      // why: the start run has no node, so it can advance in place instead of being replaced
      cs.version = increase(cs.version, selfIncrease(ignoreBranches, takeBranches));
      out[count++] = cs;
    } else if (cs.node !== null) this.buffer.release(cs.node, cs.version);
    return count;
  }

  private newRun(
    state: NfaState<T>,
    node: BufferNode<T> | null,
    version: DeweyNumber,
    startTs: number,
    prevTs: number,
    start: EventKey | null,
  ): ComputationState<T> {
    if (node !== null) this.buffer.lock(node, version);
    return new ComputationState(state, node, version, startTs, prevTs, start);
  }

  private finalAfterProceed(state: NfaState<T>, event: T): NfaState<T> | undefined {
    const stack: NfaState<T>[] = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (const t of s.transitions) {
        if (t.action !== PROCEED || (t.condition !== undefined && !t.condition(event, this.nfa.scratch.ctx))) continue;
        if (t.target.kind === "final") return t.target;
        stack.push(t.target);
      }
    }
    return undefined;
  }

  /**
   * Flink's processMatchesAccordingToSkipStrategy. With a skip strategy a completed match waits
   * until no partial match started earlier, then prunes runs per the strategy.
   */
  private emitMatches(potential: ComputationState<T>[], result: Match<T>[]): void {
    if (potential.length > 0 && this.completed === (NO_RUNS as unknown)) this.completed = [];
    const completed = this.completed;
    for (const p of potential) completed.push(p);
    if (completed.length > 1) completed.sort((a, b) => this.compareCompleted(a, b));
    const skipping = this.nfa.skipStrategy.isSkipStrategy();
    while (completed.length > 0) {
      const earliest = completed[0]!;
      if (skipping) {
        const earliestPartial = this.runs[0] ?? this.startRun ?? undefined;
        if (earliestPartial !== undefined && compareStarts(earliest, earliestPartial) > 0) break;
      }
      completed.shift();
      const path = this.currentPath(earliest);
      if (skipping) {
        const keyed = keyedMatch(path);
        const pruning = this.nfa.skipStrategy.pruningKey(keyed);
        if (pruning !== undefined) {
          const runs = this.prune(this.runs, pruning);
          this.runs = runs.length === 0 ? (NO_RUNS as unknown as ComputationState<T>[]) : runs;
          const kept = this.prune(completed, pruning);
          if (kept !== completed) {
            completed.length = 0;
            for (const c of kept) completed.push(c);
          }
        }
      }
      result.push(this.materialize(path));
      if (earliest.node !== null) this.buffer.release(earliest.node, earliest.version);
    }
  }

  private prune(runs: ComputationState<T>[], pruning: EventKey): ComputationState<T>[] {
    let kept: ComputationState<T>[] | undefined;
    for (let i = 0; i < runs.length; i++) {
      const cs = runs[i]!;
      if (cs.start !== null && this.nfa.skipStrategy.shouldPrune(cs.start, pruning)) {
        kept ??= runs.slice(0, i);
        if (cs.node !== null) this.buffer.release(cs.node, cs.version);
      } else if (kept !== undefined) kept.push(cs);
    }
    return kept ?? runs;
  }

  /**
   * Order of completed matches: by start event (as Flink); Flink leaves matches with the same start
   * in PriorityQueue heap order, Eddy orders them by their events' arrival order, lexicographically.
   */
  private compareCompleted(a: ComputationState<T>, b: ComputationState<T>): number {
    const c = compareStarts(a, b);
    if (c !== 0) return c;
    const x = (a.pathKeys ??= this.pathKeys(a));
    const y = (b.pathKeys ??= this.pathKeys(b));
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  }

  private pathKeys(cs: ComputationState<T>): number[] {
    return this.currentPath(cs).map((n) => n.event.seq);
  }

  /** The events of a run: first event → last (Flink's extractCurrentMatches; a run has at most one path). */
  currentPath(cs: ComputationState<T>): BufferNode<T>[] {
    if (cs.node === null) return [];
    return this.buffer.extractPaths(cs.node, cs.version)[0] ?? [];
  }

  materialize(path: BufferNode<T>[]): Match<T> {
    const m: Match<T> = new Map();
    for (const n of path) {
      const list = m.get(n.stage);
      if (list === undefined) m.set(n.stage, [n.event.event]);
      else list.push(n.event.event);
    }
    return m;
  }

  /** Plain data: runs, pending matches and the buffer with its events as given. */
  snapshot(): MatcherSnapshot<T> {
    const nodeIds = new Map<BufferNode<T>, number>();
    const eventIds = new Map<BufferedEvent<T>, number>();
    const events: MatcherSnapshot<T>["events"] = [];
    const nodes: MatcherSnapshot<T>["nodes"] = [];
    const visit = (root: BufferNode<T> | null): number => {
      if (root === null) return -1;
      const known = nodeIds.get(root);
      if (known !== undefined) return known;
      // Iterative post-order so that long loops do not overflow the call stack.
      const order: BufferNode<T>[] = [];
      const todo: BufferNode<T>[] = [root];
      const seen = new Set<BufferNode<T>>();
      while (todo.length > 0) {
        const n = todo.pop()!;
        if (seen.has(n) || nodeIds.has(n)) continue;
        seen.add(n);
        order.push(n);
        for (const e of n.edges) if (e.target !== null) todo.push(e.target);
      }
      for (let i = order.length - 1; i >= 0; i--) {
        const n = order[i]!;
        let ev = eventIds.get(n.event);
        if (ev === undefined) {
          ev = events.length;
          eventIds.set(n.event, ev);
          events.push({ seq: n.event.seq, ts: n.event.ts, event: n.event.event });
        }
        nodeIds.set(n, nodes.length);
        nodes.push({ event: ev, stage: n.stage, edges: [] });
      }
      for (const n of order) {
        nodes[nodeIds.get(n)!]!.edges = n.edges.map((e) => ({ target: e.target === null ? -1 : nodeIds.get(e.target)!, version: [...e.version] }));
      }
      return nodeIds.get(root)!;
    };
    const run = (cs: ComputationState<T>): MatcherSnapshot<T>["partials"][number] => ({
      state: cs.state.id,
      node: visit(cs.node),
      version: [...cs.version],
      startTs: cs.startTs,
      prevTs: cs.prevTs,
      start: cs.start === null ? null : { ts: cs.start.ts, seq: cs.start.seq },
    });
    const partials = this.runs.map(run);
    if (this.startRun !== null) partials.push(run(this.startRun));
    const completed = this.completed.map(run);
    return { format: 1, pattern: this.nfa.fingerprint, nextSeq: this.buffer.nextSeq, events, nodes, partials, completed };
  }

  /** @internal restores runs and buffer from a snapshot (reference counts are recomputed). */
  static restore<T>(nfa: CompiledPattern<T>, snap: MatcherSnapshot<T>): Matcher<T> {
    const m = new Matcher<T>(nfa, null);
    const buffer = m.buffer;
    buffer.nextSeq = snap.nextSeq;
    const events = snap.events.map((e) => new BufferedEvent<T>(e.event, e.ts, e.seq));
    const nodes = snap.nodes.map((n) => {
      const ev = events[n.event]!;
      const node = new BufferNode<T>(ev, n.stage, []);
      node.nextOfEvent = ev.firstNode;
      ev.firstNode = node;
      ev.refs++;
      return node;
    });
    snap.nodes.forEach((n, i) => {
      for (const e of n.edges) nodes[i]!.edges.push({ target: e.target < 0 ? null : nodes[e.target]!, version: e.version, refs: 0 });
    });
    buffer.eventCount = events.length;
    buffer.nodeCount = nodes.length;
    // Reference counts are replayed: every edge locks its target, every run its node.
    for (const n of nodes) for (const e of n.edges) if (e.target !== null) buffer.lock(e.target, e.version);
    const run = (r: MatcherSnapshot<T>["partials"][number]): ComputationState<T> => {
      const node = r.node < 0 ? null : nodes[r.node]!;
      if (node !== null) buffer.lock(node, r.version);
      const start = r.start === null ? null : (events.find((e) => e.seq === r.start!.seq) ?? r.start);
      return new ComputationState(nfa.states[r.state]!, node, r.version, r.startTs, r.prevTs, start);
    };
    const runs = snap.partials.map(run);
    // The fresh start run (no start event) has its own slot; every other run goes to the list.
    const fresh = runs.findIndex((r) => r.start === null && r.node === null && r.state.kind === "start");
    m.startRun = fresh < 0 ? null : runs.splice(fresh, 1)[0]!;
    if (runs.length > 0) m.runs = runs;
    if (snap.completed.length > 0) m.completed = snap.completed.map(run);
    return m;
  }
}

function selfIncrease(ignoreBranches: number, takeBranches: number): number {
  return takeBranches === 0 && ignoreBranches === 0 ? 0 : ignoreBranches + Math.max(1, takeBranches);
}

function isSorted<T>(runs: ComputationState<T>[]): boolean {
  for (let i = 1; i < runs.length; i++) if (compareStarts(runs[i - 1]!, runs[i]!) > 0) return false;
  return true;
}

function keyedMatch<T>(path: BufferNode<T>[]): KeyedMatch {
  const m = new Map<string, EventKey[]>();
  for (const n of path) {
    const list = m.get(n.stage);
    if (list === undefined) m.set(n.stage, [n.event]);
    else list.push(n.event);
  }
  return m;
}

/** When a (non-start) run expires: the earlier of its two windows. */
function expiryOf<T>(cs: ComputationState<T>, windowTime: number): number {
  const w = cs.state.windowTime;
  let at = w !== undefined ? cs.prevTs + w : Number.POSITIVE_INFINITY;
  if (windowTime > 0 && cs.startTs + windowTime < at) at = cs.startTs + windowTime;
  return at;
}
