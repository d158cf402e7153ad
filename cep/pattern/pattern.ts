// The Pattern API: a linked list of stages built fluently, with Flink CEP's names and build-time checks.
import { NoSkip } from "../after-match/no-skip.js";
import type { SkipStrategy } from "../after-match/skip-strategy.js";
import { andCondition, orCondition, type Condition } from "./condition.js";
import { MalformedPatternError } from "./malformed-pattern-error.js";
import { Quantifier, type ConsumingStrategy, type Times } from "./quantifier.js";
import type { WithinType } from "./within-type.js";

/** Name Flink gives to group stages; group stages are never named in matches, their inner stages are. */
export const GROUP_STAGE_NAME = "GroupPattern";

/**
 * One stage of a pattern sequence, linked to the stage before it. A group stage (`Pattern.begin(seq)`,
 * `.next(seq)`, …) carries the inner sequence in `group` instead of a condition.
 */
export class Pattern<T> {
  condition: Condition<T> | undefined;
  untilCondition: Condition<T> | undefined;
  quantifier: Quantifier;
  /** Occurrence bounds of a quantified stage (Flink: getTimes()). */
  count: Times | undefined;
  readonly windows: { FIRST_AND_LAST?: number; PREVIOUS_AND_CURRENT?: number } = {};

  protected constructor(
    readonly name: string,
    readonly previous: Pattern<T> | undefined,
    consumingStrategy: ConsumingStrategy,
    readonly skipStrategy: SkipStrategy,
    readonly group: Pattern<T> | undefined,
  ) {
    this.quantifier = new Quantifier("SINGLE", consumingStrategy);
  }

  /** Starts a sequence with a named stage, or with a group (a whole sequence acting as one stage). */
  static begin<T>(nameOrGroup: string | Pattern<T>, skipStrategy: SkipStrategy = NoSkip.INSTANCE): Pattern<T> {
    if (typeof nameOrGroup === "string") return new Pattern<T>(nameOrGroup, undefined, "STRICT", skipStrategy, undefined);
    return new Pattern<T>(GROUP_STAGE_NAME, undefined, "STRICT", skipStrategy, nameOrGroup);
  }

  get isGroup(): boolean {
    return this.group !== undefined;
  }

  // ---- contiguity -------------------------------------------------------------------------------

  /** Strict contiguity: the next event must match. */
  next(nameOrGroup: string | Pattern<T>): Pattern<T> {
    return this.append(nameOrGroup, "STRICT");
  }
  /** Relaxed contiguity: skip non-matching events until the first matching one. */
  followedBy(nameOrGroup: string | Pattern<T>): Pattern<T> {
    return this.append(nameOrGroup, "SKIP_TILL_NEXT");
  }
  /** Non-deterministic relaxed contiguity: every later matching event starts an alternative. */
  followedByAny(nameOrGroup: string | Pattern<T>): Pattern<T> {
    return this.append(nameOrGroup, "SKIP_TILL_ANY");
  }
  /** The event right after the previous stage must not match. */
  notNext(name: string): Pattern<T> {
    this.checkNoOptionalBeforeNot();
    return new Pattern<T>(name, this, "NOT_NEXT", this.skipStrategy, undefined);
  }
  /** No matching event may occur between the previous stage and the next one (or, last, until `within` expires). */
  notFollowedBy(name: string): Pattern<T> {
    this.checkNoOptionalBeforeNot();
    return new Pattern<T>(name, this, "NOT_FOLLOW", this.skipStrategy, undefined);
  }

  private append(nameOrGroup: string | Pattern<T>, strategy: ConsumingStrategy): Pattern<T> {
    if (typeof nameOrGroup === "string") return new Pattern<T>(nameOrGroup, this, strategy, this.skipStrategy, undefined);
    return new Pattern<T>(GROUP_STAGE_NAME, this, strategy, this.skipStrategy, nameOrGroup);
  }

  // ---- conditions -------------------------------------------------------------------------------

  /** Adds a condition, AND-ed with any previous one. */
  where(condition: Condition<T>): this {
    this.checkNotGroup("where()");
    this.condition = this.condition === undefined ? condition : andCondition(this.condition, condition);
    return this;
  }
  /** Adds a condition, OR-ed with the previous one. */
  or(condition: Condition<T>): this {
    this.checkNotGroup("or()");
    this.condition = this.condition === undefined ? condition : orCondition(this.condition, condition);
    return this;
  }
  /** Only events passing the type guard match (Flink's subtype(Class)). */
  subtype<S extends T>(guard: (event: T) => event is S): this {
    return this.where((e) => guard(e));
  }
  /** Stops a looping stage: an event matching `condition` ends the loop (and is not taken by it). */
  until(condition: Condition<T>): this {
    this.checkNotGroup("until()");
    if (this.untilCondition !== undefined) throw new MalformedPatternError("Only one until() condition can be applied to a stage.");
    if (this.quantifier.kind !== "LOOPING") {
      throw new MalformedPatternError(`until() applies only to looping stages; call oneOrMore() or timesOrMore() on '${this.name}' first.`);
    }
    this.untilCondition = condition;
    return this;
  }

  // ---- quantifiers ------------------------------------------------------------------------------

  oneOrMore(): this {
    return this.timesOrMore(1);
  }
  timesOrMore(times: number): this {
    this.checkQuantifiable();
    if (!Number.isInteger(times) || times < 1) throw new MalformedPatternError("timesOrMore(n) needs an integer n ≥ 1.");
    this.quantifier = this.requantify("LOOPING");
    this.count = { from: times, to: times };
    return this;
  }
  times(from: number, to?: number): this {
    this.checkQuantifiable();
    const upper = to ?? from;
    if (!Number.isInteger(from) || !Number.isInteger(upper) || from < 0 || (to === undefined && from < 1)) {
      throw new MalformedPatternError("times() needs positive integer counts.");
    }
    if (upper < from) throw new MalformedPatternError(`times(${from}, ${upper}): the upper bound must be ≥ the lower bound.`);
    if (upper < 1) throw new MalformedPatternError("times(0, 0) matches nothing; use times(0, n) with n ≥ 1 or optional().");
    this.quantifier = this.requantify("TIMES");
    // Flink: times(0, n) is times(1, n).optional().
    if (from === 0) this.quantifier.makeOptional();
    this.count = { from: Math.max(1, from), to: upper };
    return this;
  }
  optional(): this {
    // A greedy loop followed by an optional stage is ambiguous in Flink's NFA; it rejects the combination.
    if (this.previous?.quantifier.greedy) {
      throw new MalformedPatternError(`'${this.name}' cannot be optional right after the greedy stage '${this.previous.name}'; drop greedy() or optional().`);
    }
    this.quantifier.makeOptional();
    return this;
  }
  greedy(): this {
    if (this.quantifier.isNot()) throw new MalformedPatternError(`greedy() is not applicable to the NOT stage '${this.name}'.`);
    this.checkNotGroup("greedy()");
    this.quantifier.makeGreedy();
    return this;
  }
  consecutive(): this {
    this.quantifier.consecutive();
    return this;
  }
  allowCombinations(): this {
    this.quantifier.combinations();
    return this;
  }

  // ---- time -------------------------------------------------------------------------------------

  /**
   * Maximum time span of a match: from its first to its last event (default), or between each event
   * of this stage and the event before it (`PREVIOUS_AND_CURRENT`).
   */
  within(ms: number, withinType: WithinType = "FIRST_AND_LAST"): this {
    if (!(ms > 0)) throw new MalformedPatternError("within() needs a positive duration in milliseconds.");
    this.windows[withinType] = ms;
    return this;
  }

  // ---- checks -----------------------------------------------------------------------------------

  private requantify(kind: "LOOPING" | "TIMES"): Quantifier {
    const q = new Quantifier(kind, this.quantifier.consumingStrategy);
    q.optional = this.quantifier.optional;
    q.greedy = this.quantifier.greedy;
    q.innerConsumingStrategy = this.quantifier.innerConsumingStrategy;
    return q;
  }
  private checkQuantifiable(): void {
    if (this.quantifier.isNot()) {
      throw new MalformedPatternError(`The NOT stage '${this.name}' cannot be quantified; a NOT stage matches a single event.`);
    }
    if (this.quantifier.kind !== "SINGLE") {
      throw new MalformedPatternError(`'${this.name}' already has a quantifier (${this.quantifier.kind.toLowerCase()}); apply only one.`);
    }
  }
  private checkNotGroup(what: string): void {
    if (this.isGroup) throw new MalformedPatternError(`${what} is not applicable to a group stage; apply it to a stage inside the group.`);
  }
  private checkNoOptionalBeforeNot(): void {
    if (this.quantifier.optional) {
      throw new MalformedPatternError(
        `A NOT stage cannot follow the optional stage '${this.name}'; write two patterns, one with and one without '${this.name}'.`,
      );
    }
  }
}
