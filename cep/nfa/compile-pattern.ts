// Compiles a Pattern into an immutable NFA of take / ignore / proceed edges, following Flink's NFACompiler rule by rule.
import type { SkipStrategy } from "../after-match/skip-strategy.js";
import { andCondition, notCondition, type Condition } from "../pattern/condition.js";
import { MalformedPatternError } from "../pattern/malformed-pattern-error.js";
import type { Pattern } from "../pattern/pattern.js";
import type { Times } from "../pattern/quantifier.js";
import { CompiledPattern } from "./compiled-pattern.js";
import { NfaState, PROCEED, type StateKind } from "./state.js";

export interface CompileOptions {
  /** Report partial matches that exceed `within` as timeouts (otherwise they are dropped silently). */
  readonly timeoutHandling?: boolean;
}

const ENDING_STATE_NAME = "$endState$";
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one shared always-true condition for every T
const TRUE: Condition<any> = () => true;

/**
 * Compile `pattern` (its last stage) into an NFA. Throws MalformedPatternError for patterns Flink
 * rejects at compile time: duplicate stage names, unknown skip-to stages, a trailing notFollowedBy
 * without `within`, a PREVIOUS_AND_CURRENT window longer than the pattern's window.
 */
export function compilePattern<T>(pattern: Pattern<T>, options: CompileOptions = {}): CompiledPattern<T> {
  const compiler = new NfaCompiler<T>(pattern);
  compiler.compile();
  return new CompiledPattern<T>(
    compiler.states,
    compiler.windowTime ?? 0,
    pattern.skipStrategy,
    stageNamesInOrder(pattern),
    options.timeoutHandling ?? false,
    pattern,
  );
}

/** Positive stage names in pattern order, groups flattened (the key order of emitted matches). */
function stageNamesInOrder<T>(last: Pattern<T>): string[] {
  const out: string[] = [];
  for (const p of chain(last)) {
    if (p.group !== undefined) out.push(...stageNamesInOrder(p.group));
    else if (!p.quantifier.isNot()) out.push(p.name);
  }
  return out;
}

/** Stages from first to last. */
function chain<T>(last: Pattern<T>): Pattern<T>[] {
  const out: Pattern<T>[] = [];
  for (let p: Pattern<T> | undefined = last; p !== undefined; p = p.previous) out.push(p);
  return out.reverse();
}

/**
 * The NFA is built backwards, from the final state to the start state. Comments name the Flink
 * method each step ports; the subtle rules (transitive NOTs through optional stages, greedy gating
 * of the following state, the ignore-state copies that keep optional branches from duplicating)
 * are Flink's, see NFACompiler.NFAFactoryCompiler.
 */
class NfaCompiler<T> {
  readonly states: NfaState<T>[] = [];
  windowTime: number | undefined;

  private readonly usedNames = new Map<string, number>();
  private readonly stopStates = new Map<string, NfaState<T>>();
  private readonly firstOfLoop = new Map<Pattern<T>, boolean>();
  private readonly originalStateMap = new Map<string, NfaState<T>>();
  private currentGroupPattern: Pattern<T> | undefined;
  private followingPattern: Pattern<T> | undefined;
  /** Global FIRST_AND_LAST window, known up front (see the pending-state note in createMiddleStates). */
  private readonly globalWindow: number | undefined;

  constructor(private currentPattern: Pattern<T>) {
    this.globalWindow = minWindow(currentPattern);
  }

  compile(): void {
    const lastPattern = this.currentPattern;
    this.checkNameUniqueness();
    this.checkSkipStrategy(lastPattern.skipStrategy);
    this.checkNoTrailingNotInGroups(lastPattern);

    let sink = this.createState(ENDING_STATE_NAME, ENDING_STATE_NAME, "final");
    this.windowTime = lastPattern.windows.FIRST_AND_LAST;
    sink = this.createMiddleStates(sink);
    const start = this.convertPattern(sink);
    start.kind = "start";

    this.checkWindowTimes();
    if (lastPattern.quantifier.consumingStrategy === "NOT_FOLLOW" && lastPattern.windows.PREVIOUS_AND_CURRENT === undefined && (this.windowTime ?? 0) === 0) {
      throw new MalformedPatternError(
        `notFollowedBy('${lastPattern.name}') ends the pattern but the pattern has no within(); add within(ms) so absence can be decided.`,
      );
    }
  }

  // ---- checks (Flink: checkPatternNameUniqueness, checkPatternSkipStrategy, checkPatternWindowTimes) ----

  private checkNameUniqueness(): void {
    const seen = new Set<string>([ENDING_STATE_NAME]);
    const visit = (last: Pattern<T>): void => {
      for (const p of chain(last)) {
        if (p.group !== undefined) visit(p.group);
        else if (seen.has(p.name)) {
          throw new MalformedPatternError(`Duplicate stage name '${p.name}'; stage names must be unique (they key the match).`);
        } else seen.add(p.name);
      }
    };
    visit(this.currentPattern);
  }

  private checkSkipStrategy(strategy: SkipStrategy): void {
    const name = strategy.patternName;
    if (name === undefined) return;
    if (!stageNamesInOrder(this.currentPattern).includes(name)) {
      throw new MalformedPatternError(`The skip strategy ${strategy.describe()} names stage '${name}', which is not in the pattern; use one of its stage names.`);
    }
  }

  /** Eddy addition: a NOT stage ending a group has nothing to guard (Flink silently drops it). */
  private checkNoTrailingNotInGroups(last: Pattern<T>): void {
    for (const p of chain(last)) {
      if (p.group === undefined) continue;
      if (p.group.quantifier.isNot()) {
        throw new MalformedPatternError(`The group ending with '${p.group.name}' ends with a NOT stage; move the NOT stage after the group.`);
      }
      this.checkNoTrailingNotInGroups(p.group);
    }
  }

  private checkWindowTimes(): void {
    if (this.windowTime === undefined) return;
    for (const s of this.states) {
      if (s.windowTime !== undefined && s.windowTime > this.windowTime) {
        throw new MalformedPatternError(
          `The PREVIOUS_AND_CURRENT window of '${s.stage}' (${s.windowTime} ms) exceeds the pattern's within (${this.windowTime} ms); shorten it.`,
        );
      }
    }
  }

  // ---- state creation ----------------------------------------------------------------------------

  private createState(name: string, stage: string, kind: StateKind): NfaState<T> {
    const n = this.usedNames.get(name) ?? 0;
    this.usedNames.set(name, n + 1);
    const state = new NfaState<T>(this.states.length, n === 0 ? name : `${name}:${n}`, stage, kind);
    this.states.push(state);
    return state;
  }

  /** A state for the current stage; a taking state records the stage's PREVIOUS_AND_CURRENT window (singleton stages only, as in Flink). */
  private createStageState(kind: StateKind, isTake: boolean): NfaState<T> {
    const p = this.currentPattern;
    const state = this.createState(p.name, p.name, kind);
    if (isTake && p.count === undefined) state.windowTime = p.windows.PREVIOUS_AND_CURRENT;
    return state;
  }

  private createStopState(notCondition: Condition<T>, name: string): NfaState<T> {
    let stop = this.stopStates.get(name);
    if (stop === undefined) {
      stop = this.createState(name, name, "stop");
      stop.addTake(stop, notCondition);
      this.stopStates.set(name, stop);
    }
    return stop;
  }

  // ---- structure (Flink: createMiddleStates, convertPattern, createTimesState, …) ------------------

  private createMiddleStates(sinkState: NfaState<T>): NfaState<T> {
    let lastSink = sinkState;
    while (this.currentPattern.previous !== undefined) {
      const p = this.currentPattern;
      const strategy = p.quantifier.consumingStrategy;
      if (strategy === "NOT_FOLLOW") {
        // A notFollowedBy in the middle becomes stop edges on its neighbours (addStopStates /
        // addStopStateToLooping). Trailing, it becomes a pending state that completes the match when
        // the window expires. Flink decides "has a window" from the NOT stage's own within() only;
        // Eddy uses the pattern's window wherever it was declared, which Flink's own compile-time
        // check also accepts (Flink would then silently ignore the NOT).
        if ((p.windows.PREVIOUS_AND_CURRENT !== undefined || (this.globalWindow ?? 0) > 0) && lastSink.kind === "final") {
          const notFollow = this.createStageState("pending", true);
          const notCond = this.takeCondition(p);
          const stop = this.createStopState(notCond, p.name);
          notFollow.addProceed(stop, notCond);
          notFollow.addIgnore(notFollow, notCondition(notCond));
          lastSink = notFollow;
        }
      } else if (strategy === "NOT_NEXT") {
        const notNext = this.createStageState("normal", true);
        const notCond = this.takeCondition(p);
        const stop = this.createStopState(notCond, p.name);
        // Ending the pattern, the check needs the next event: ignoring it leads to the final state.
        if (lastSink.kind === "final") notNext.addIgnore(lastSink, notCondition(notCond));
        else notNext.addProceed(lastSink, notCondition(notCond));
        notNext.addProceed(stop, notCond);
        lastSink = notNext;
      } else {
        lastSink = this.convertPattern(lastSink);
      }
      this.followingPattern = p;
      this.currentPattern = p.previous!;
      const w = this.currentPattern.windows.FIRST_AND_LAST;
      if (w !== undefined && (this.windowTime === undefined || w < this.windowTime)) this.windowTime = w;
    }
    return lastSink;
  }

  private convertPattern(sinkState: NfaState<T>): NfaState<T> {
    const p = this.currentPattern;
    let lastSink: NfaState<T>;
    if (p.quantifier.kind === "LOOPING") {
      // Once a loop has taken an event, NOT stages before an optional loop no longer apply.
      this.setFirstOfLoop(false);
      const sink = this.copyWithoutTransitiveNots(sinkState);
      const looping = this.createLooping(sink);
      this.setFirstOfLoop(true);
      lastSink = this.createTimesState(looping, sinkState, p.count!);
    } else if (p.quantifier.kind === "TIMES") {
      lastSink = this.createTimesState(sinkState, sinkState, p.count!);
    } else {
      lastSink = this.createSingletonState(sinkState, sinkState, this.takeCondition(p), this.ignoreCondition(p), p.quantifier.optional);
    }
    this.addStopStates(lastSink);
    return lastSink;
  }

  /** NOT conditions that apply on entering the current stage: preceding notFollowedBy stages, also across optional stages. */
  private currentNotConditions(): Array<[Condition<T>, string]> {
    const out: Array<[Condition<T>, string]> = [];
    let prev = this.currentPattern;
    while (prev.previous !== undefined && (prev.previous.quantifier.optional || prev.previous.quantifier.consumingStrategy === "NOT_FOLLOW")) {
      prev = prev.previous;
      if (prev.quantifier.consumingStrategy === "NOT_FOLLOW") out.push([this.takeCondition(prev), prev.name]);
    }
    return out;
  }

  /**
   * Taking an event in an optional stage discharges the NOT stages before it: e.g. for
   * `a notFollowedBy b followedByAny c? followedByAny d`, `a c b d` matches but `a b d` does not.
   * So the take edge of an optional stage leads to a copy of the sink without those stop edges.
   */
  private copyWithoutTransitiveNots(sinkState: NfaState<T>): NfaState<T> {
    const nots = this.currentNotConditions();
    if (nots.length === 0 || !this.currentPattern.quantifier.optional) return sinkState;
    const copy = this.createState(sinkState.name, sinkState.stage, sinkState.kind);
    copy.windowTime = sinkState.windowTime;
    for (const t of sinkState.transitions) {
      if (t.action === PROCEED) {
        let target = t.target;
        let remove = false;
        if (target.kind === "stop") {
          for (const [, name] of nots) if (target.stage === name) remove = true;
        } else {
          target = this.copyWithoutTransitiveNots(t.target);
        }
        if (!remove) copy.add(t.action, target, t.condition);
      } else {
        copy.add(t.action, t.target === t.source ? copy : t.target, t.condition);
      }
    }
    return copy;
  }

  private copy(state: NfaState<T>): NfaState<T> {
    const copy = this.createState(state.stage, state.stage, state.kind);
    copy.windowTime = state.windowTime;
    for (const t of state.transitions) copy.add(t.action, t.target === t.source ? copy : t.target, t.condition);
    return copy;
  }

  private addStopStates(state: NfaState<T>): void {
    for (const [cond, name] of this.currentNotConditions()) state.addProceed(this.createStopState(cond, name), cond);
  }

  private addStopStateToLooping(state: NfaState<T>): void {
    const f = this.followingPattern;
    if (f !== undefined && f.quantifier.consumingStrategy === "NOT_FOLLOW") {
      const cond = this.takeCondition(f);
      state.addProceed(this.createStopState(cond, f.name), cond);
    }
  }

  /** `from - 1` mandatory states, then `to - from` optional ones, then the head that takes the first event. */
  private createTimesState(sinkState: NfaState<T>, proceedState: NfaState<T>, times: Times): NfaState<T> {
    const p = this.currentPattern;
    let lastSink = sinkState;
    this.setFirstOfLoop(false);
    const until = p.untilCondition;
    const innerIgnore = extendWithUntil(this.innerIgnoreCondition(p), until, false);
    const take = extendWithUntil(this.takeCondition(p), until, true)!;
    if (p.quantifier.greedy && times.from !== times.to) {
      if (until !== undefined) this.originalStateMap.set(sinkState.name, this.copy(sinkState));
      updateWithGreedyCondition(sinkState, take);
    }
    for (let i = times.from; i < times.to; i++) {
      lastSink = this.createSingletonState(lastSink, proceedState, take, innerIgnore, true);
      this.addStopStateToLooping(lastSink);
    }
    for (let i = 0; i < times.from - 1; i++) {
      lastSink = this.createSingletonState(lastSink, undefined, take, innerIgnore, false);
      this.addStopStateToLooping(lastSink);
    }
    this.setFirstOfLoop(true);
    return this.createSingletonState(lastSink, proceedState, take, this.ignoreCondition(p), p.quantifier.optional);
  }

  /**
   * One taking state. An optional one also gets a twin reached by ignoring, without the proceed
   * edge, so that each skip of the stage is branched only once (Flink's createSingletonState).
   */
  private createSingletonState(
    sinkState: NfaState<T>,
    proceedState: NfaState<T> | undefined,
    take: Condition<T>,
    ignore: Condition<T> | undefined,
    isOptional: boolean,
  ): NfaState<T> {
    const p = this.currentPattern;
    if (p.group !== undefined) return this.createGroupPatternState(p, sinkState, proceedState!, isOptional);

    const singleton = this.createStageState("normal", true);
    const sink = this.copyWithoutTransitiveNots(sinkState);
    singleton.addTake(sink, take);
    const proceedCondition = this.trueFunction();
    if (isOptional && proceedState !== undefined) {
      if (p.quantifier.greedy) {
        const until = p.untilCondition;
        if (until !== undefined) {
          const original = this.originalStateMap.get(proceedState.name);
          if (original !== undefined) singleton.addProceed(original, andCondition(proceedCondition, until));
        }
        singleton.addProceed(proceedState, until !== undefined ? andCondition(proceedCondition, notCondition(until)) : proceedCondition);
      } else {
        singleton.addProceed(proceedState, proceedCondition);
      }
    }
    if (ignore !== undefined) {
      let ignoreState: NfaState<T>;
      if (isOptional || this.isHeadOfOptionalGroupPattern(p)) {
        ignoreState = this.createStageState("normal", false);
        ignoreState.addTake(sink, take);
        ignoreState.addIgnore(ignoreState, ignore);
        this.addStopStates(ignoreState);
      } else {
        ignoreState = singleton;
      }
      singleton.addIgnore(ignoreState, ignore);
    }
    return singleton;
  }

  private createGroupPatternState(group: Pattern<T>, sinkState: NfaState<T>, proceedState: NfaState<T>, isOptional: boolean): NfaState<T> {
    const proceedCondition = this.trueFunction();
    const saved = this.save();
    this.currentGroupPattern = group;
    this.currentPattern = group.group!;
    let lastSink = this.createMiddleStates(sinkState);
    lastSink = this.convertPattern(lastSink);
    // The proceed of an optional group's first state skips the whole group.
    if (isOptional) lastSink.addProceed(proceedState, proceedCondition);
    this.restore(saved);
    return lastSink;
  }

  private createLoopingGroupPatternState(group: Pattern<T>, sinkState: NfaState<T>): NfaState<T> {
    const proceedCondition = this.trueFunction();
    const saved = this.save();
    // A non-taking state closing the loop: from the group's end back to its start.
    const dummy = this.createStageState("normal", true);
    this.currentGroupPattern = group;
    this.currentPattern = group.group!;
    let lastSink = this.createMiddleStates(dummy);
    lastSink = this.convertPattern(lastSink);
    lastSink.addProceed(sinkState, proceedCondition);
    dummy.addProceed(lastSink, proceedCondition);
    this.restore(saved);
    return lastSink;
  }

  /** A state taking events in a loop, plus its ignoring twin (Flink's createLooping). */
  private createLooping(sinkState: NfaState<T>): NfaState<T> {
    const p = this.currentPattern;
    if (p.group !== undefined) return this.createLoopingGroupPatternState(p, sinkState);
    const until = p.untilCondition;
    const ignore = extendWithUntil(this.innerIgnoreCondition(p), until, false);
    const take = extendWithUntil(this.takeCondition(p), until, true)!;
    const proceedCondition = this.trueFunction();
    const looping = this.createStageState("normal", true);
    if (p.quantifier.greedy) {
      if (until !== undefined) {
        // When the until condition fires, leave through an ungated copy of the sink.
        const sinkCopy = this.copy(sinkState);
        looping.addProceed(sinkCopy, andCondition(proceedCondition, until));
        this.originalStateMap.set(sinkState.name, sinkCopy);
      }
      looping.addProceed(sinkState, until !== undefined ? andCondition(proceedCondition, notCondition(until)) : proceedCondition);
      // Greedy: the following state may not use an event the loop could take.
      updateWithGreedyCondition(sinkState, this.takeCondition(p));
    } else {
      looping.addProceed(sinkState, proceedCondition);
    }
    looping.addTake(looping, take);
    this.addStopStateToLooping(looping);
    if (ignore !== undefined) {
      const ignoreState = this.createStageState("normal", false);
      ignoreState.addTake(looping, take);
      ignoreState.addIgnore(ignoreState, ignore);
      looping.addIgnore(ignoreState, ignore);
      this.addStopStateToLooping(ignoreState);
    }
    return looping;
  }

  // ---- conditions ---------------------------------------------------------------------------------

  private groupUntil(): Condition<T> | undefined {
    return this.currentGroupPattern?.untilCondition;
  }

  private headOfGroup(p: Pattern<T>): boolean {
    return this.currentGroupPattern !== undefined && p.previous === undefined;
  }

  private isFirstOfLoop(): boolean {
    return this.currentGroupPattern === undefined ? true : (this.firstOfLoop.get(this.currentGroupPattern) ?? true);
  }

  private setFirstOfLoop(value: boolean): void {
    if (this.currentPattern.group !== undefined) this.firstOfLoop.set(this.currentPattern, value);
  }

  private isHeadOfOptionalGroupPattern(p: Pattern<T>): boolean {
    return this.headOfGroup(p) && this.isFirstOfLoop() && this.currentGroupPattern!.quantifier.optional;
  }

  private innerIgnoreCondition(p: Pattern<T>): Condition<T> | undefined {
    let strategy = p.quantifier.innerConsumingStrategy;
    if (this.headOfGroup(p)) strategy = this.currentGroupPattern!.quantifier.innerConsumingStrategy;
    return extendWithUntil(ignoreFor(strategy, p), this.groupUntil(), false);
  }

  private ignoreCondition(p: Pattern<T>): Condition<T> | undefined {
    let strategy = p.quantifier.consumingStrategy;
    if (this.headOfGroup(p)) {
      const g = this.currentGroupPattern!.quantifier;
      strategy = this.isFirstOfLoop() ? g.consumingStrategy : g.innerConsumingStrategy;
    }
    return extendWithUntil(ignoreFor(strategy, p), this.groupUntil(), false);
  }

  private takeCondition(p: Pattern<T>): Condition<T> {
    return extendWithUntil(p.condition ?? TRUE, this.groupUntil(), true)!;
  }

  private trueFunction(): Condition<T> {
    return extendWithUntil(TRUE, this.groupUntil(), true)!;
  }

  private save(): [Pattern<T>, Pattern<T> | undefined, Pattern<T> | undefined] {
    return [this.currentPattern, this.followingPattern, this.currentGroupPattern];
  }
  private restore([current, following, group]: [Pattern<T>, Pattern<T> | undefined, Pattern<T> | undefined]): void {
    this.currentPattern = current;
    this.followingPattern = following;
    this.currentGroupPattern = group;
  }
}

function ignoreFor<T>(strategy: string, p: Pattern<T>): Condition<T> | undefined {
  switch (strategy) {
    case "SKIP_TILL_NEXT":
      return notCondition(p.condition ?? TRUE);
    case "SKIP_TILL_ANY":
      return TRUE;
    default:
      return undefined; // STRICT: nothing may be skipped
  }
}

function extendWithUntil<T>(condition: Condition<T> | undefined, until: Condition<T> | undefined, isTake: boolean): Condition<T> | undefined {
  if (until !== undefined && condition !== undefined) return andCondition(notCondition(until), condition);
  if (until !== undefined && isTake) return notCondition(until);
  return condition;
}

function updateWithGreedyCondition<T>(state: NfaState<T>, take: Condition<T>): void {
  for (const t of state.transitions) t.condition = andCondition(t.condition ?? TRUE, notCondition(take));
}

function minWindow<T>(last: Pattern<T>): number | undefined {
  let min: number | undefined;
  for (const p of chain(last)) {
    const w = p.group !== undefined ? minWindow(p.group) : p.windows.FIRST_AND_LAST;
    const own = p.windows.FIRST_AND_LAST;
    for (const x of [w, own]) if (x !== undefined && (min === undefined || x < min)) min = x;
  }
  return min;
}

