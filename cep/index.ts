// Public entry point of the CEP library: the Pattern API, skip strategies, compilation and per-key matchers.
export { Pattern } from "./pattern/pattern.js";
export type { Condition, ConditionContext } from "./pattern/condition.js";
export type { WithinType } from "./pattern/within-type.js";
export { MalformedPatternError } from "./pattern/malformed-pattern-error.js";
export { AfterMatchSkipStrategy } from "./after-match/after-match-skip-strategy.js";
export { SkipStrategy, type EventKey } from "./after-match/skip-strategy.js";
export { NoSkip } from "./after-match/no-skip.js";
export { SkipToNext } from "./after-match/skip-to-next.js";
export { SkipPastLastEvent } from "./after-match/skip-past-last-event.js";
export { SkipToFirst } from "./after-match/skip-to-first.js";
export { SkipToLast } from "./after-match/skip-to-last.js";
export { SkipStrategyMissError } from "./after-match/skip-to-element.js";
export { compilePattern, type CompileOptions } from "./nfa/compile-pattern.js";
export { CompiledPattern } from "./nfa/compiled-pattern.js";
export { Matcher } from "./nfa/matcher.js";
export type { MatcherSnapshot, RunSnapshot } from "./nfa/matcher-snapshot.js";
export type { Match, TimedOutMatch, AdvanceResult } from "./nfa/match-types.js";
// The CEP operator on the DataStream API.
export { CEP } from "./cep.js";
export { PatternStream } from "./operator/pattern-stream.js";
export { CepOperator, MATCHER_STATE, BUFFER_STATE, type CepOperatorSettings } from "./operator/cep-operator.js";
export type {
  PatternContext,
  PatternProcessFunction,
  TimedOutPartialMatchHandler,
  PatternSelectFunction,
  PatternFlatSelectFunction,
  PatternTimeoutFunction,
  PatternFlatTimeoutFunction,
  EventComparator,
} from "./operator/pattern-functions.js";
