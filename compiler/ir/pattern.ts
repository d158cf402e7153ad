// A CEP pattern in IR terms: the Pattern API calls that build it (plan/pattern-recipe.ts) with its `where` and `until`
// conditions as IR, and the record a match emits. `match P` nodes of every job share it; the generated code builds
// the pattern with cep's Pattern API (emit/pattern-code.ts) and the interpreter replays the same calls.
import type { Span } from "../ast/span.js";
import type { PatternCall, PatternRecipe } from "../plan/pattern-recipe.js";
import type { RecordType } from "../types/type.js";
import type { IrExpr, IrField } from "./expr.js";

export interface IrPatternCondition {
  readonly stage: string;
  readonly kind: "where" | "until";
  /** Reads the event under test as input fields, other stages' events as stage reads. */
  readonly expr: IrExpr;
  /** Earlier stages the condition reads as certainly matched (see PatternCondition.requires). */
  readonly requires: readonly string[];
}

export interface IrPattern {
  readonly name: string;
  readonly span: Span;
  readonly skip: PatternRecipe["skip"];
  readonly calls: readonly PatternCall[];
  readonly conditions: readonly IrPatternCondition[];
  /** The emit record's fields over the match's stages. */
  readonly emit: readonly IrField[];
  /** Stages that may match no event (a quantifier with minimum 0): absent from a match. */
  readonly mayBeEmpty: readonly string[];
  /** The event schema the pattern is written against, the emit record's type, and the timeout record's. */
  readonly eventType: RecordType | null;
  readonly emitType: RecordType | null;
  readonly timeoutType: RecordType | null;
}

/** `match P [timeoutsTo x]`. */
export interface IrMatch {
  readonly kind: "match";
  readonly span: Span;
  readonly pattern: string;
  readonly timeoutsTo: string | null;
}
