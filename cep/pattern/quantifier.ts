// How often a stage may match and how events are consumed around it (Flink's Quantifier).
import { MalformedPatternError } from "./malformed-pattern-error.js";

/** STRICT = next, SKIP_TILL_NEXT = followedBy, SKIP_TILL_ANY = followedByAny. */
export type ConsumingStrategy = "STRICT" | "SKIP_TILL_NEXT" | "SKIP_TILL_ANY" | "NOT_FOLLOW" | "NOT_NEXT";
export type QuantifierKind = "SINGLE" | "LOOPING" | "TIMES";

export interface Times {
  readonly from: number;
  readonly to: number;
}

export class Quantifier {
  optional = false;
  greedy = false;
  /** Contiguity between events accepted by the same looping/times stage; relaxed by default. */
  innerConsumingStrategy: ConsumingStrategy = "SKIP_TILL_NEXT";

  constructor(
    readonly kind: QuantifierKind,
    readonly consumingStrategy: ConsumingStrategy,
  ) {}

  isNot(): boolean {
    return this.consumingStrategy === "NOT_FOLLOW" || this.consumingStrategy === "NOT_NEXT";
  }

  combinations(): void {
    check(this.kind !== "SINGLE", "allowCombinations() applies only to times()/oneOrMore()/timesOrMore(); add a quantifier first.");
    check(this.innerConsumingStrategy !== "STRICT", "Use either allowCombinations() or consecutive(), not both.");
    check(this.innerConsumingStrategy !== "SKIP_TILL_ANY", "allowCombinations() is already applied.");
    this.innerConsumingStrategy = "SKIP_TILL_ANY";
  }

  consecutive(): void {
    check(this.kind !== "SINGLE", "consecutive() applies only to times()/oneOrMore()/timesOrMore(); add a quantifier first.");
    check(this.innerConsumingStrategy !== "SKIP_TILL_ANY", "Use either allowCombinations() or consecutive(), not both.");
    check(this.innerConsumingStrategy !== "STRICT", "consecutive() is already applied.");
    this.innerConsumingStrategy = "STRICT";
  }

  makeOptional(): void {
    check(!this.optional, "optional() is already applied.");
    check(!this.isNot(), "A notNext()/notFollowedBy() stage cannot be optional; remove optional().");
    this.optional = true;
  }

  makeGreedy(): void {
    check(this.kind !== "SINGLE", "greedy() applies only to times()/oneOrMore()/timesOrMore(); add a quantifier first.");
    check(!this.greedy, "greedy() is already applied.");
    this.greedy = true;
  }
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new MalformedPatternError(message);
}
