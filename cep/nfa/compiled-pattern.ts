// An immutable compiled NFA, shared by all keys; it creates and restores per-key matchers.
import type { SkipStrategy } from "../after-match/skip-strategy.js";
import type { Pattern } from "../pattern/pattern.js";
import type { MatcherSnapshot } from "./matcher-snapshot.js";
import { Matcher } from "./matcher.js";
import { MatcherScratch } from "./matcher-scratch.js";
import { PROCEED, type NfaState } from "./state.js";

export class CompiledPattern<T> {
  readonly startState: NfaState<T>;
  /** Identifies the automaton's shape in snapshots (state names and edges, not condition code). */
  readonly fingerprint: string;

  constructor(
    readonly states: readonly NfaState<T>[],
    /** FIRST_AND_LAST window in ms; 0 = none. */
    readonly windowTime: number,
    readonly skipStrategy: SkipStrategy,
    /** Positive stage names in pattern order. */
    readonly stageNames: readonly string[],
    readonly timeoutHandling: boolean,
    readonly pattern: Pattern<T>,
  ) {
    this.startState = states.find((s) => s.kind === "start")!;
    this.fingerprint = [
      windowTime,
      skipStrategy.describe(),
      ...states.map((s) => `${s.name}/${s.kind}/${s.windowTime ?? ""}[${s.transitions.map((t) => `${t.action}>${t.target.id}`).join(",")}]`),
    ].join(";");
    Object.freeze(this.states);
    // Shape facts the matcher's hot path reads instead of walking edges per event.
    for (const s of states) s.hasProceed = s.transitions.some((t) => t.action === PROCEED);
    for (const s of states) s.proceedsToFinal = reachesFinalByProceed(s);
  }

  /** @internal scratch arrays shared by this pattern's matchers */
  readonly scratch = new MatcherScratch<T>();

  newMatcher(): Matcher<T> {
    return new Matcher(this);
  }

  restoreMatcher(snapshot: MatcherSnapshot<T>): Matcher<T> {
    if (snapshot.format !== 1) throw new Error(`Unknown matcher snapshot format ${String(snapshot.format)}.`);
    if (snapshot.pattern !== this.fingerprint) {
      throw new Error("The snapshot was taken with a different pattern; restore it with the pattern it was taken with.");
    }
    return Matcher.restore(this, snapshot);
  }
}

function reachesFinalByProceed<T>(from: NfaState<T>): boolean {
  const seen = new Set<NfaState<T>>([from]);
  const todo = [from];
  while (todo.length > 0) {
    for (const t of todo.pop()!.transitions) {
      if (t.action !== PROCEED || seen.has(t.target)) continue;
      if (t.target.kind === "final") return true;
      seen.add(t.target);
      todo.push(t.target);
    }
  }
  return false;
}
