// The CEP operator's property, shared by the in-thread test (test/cep/operator/cep-operator.property.test.ts) and the
// pool's (test/runtime/pool/oracles.test.ts): patterns covering the operator's paths, random out-of-order keyed input,
// and the reference — the bare matcher run per key on that key's sorted events.
import fc from "fast-check";
import { AfterMatchSkipStrategy, Pattern, compilePattern, type Match, type PatternContext, type PatternProcessFunction } from "../../../cep/index.js";
import { type Collector, OutputTag } from "../../../runtime/index.js";

export interface E {
  readonly id: number;
  readonly k: number;
  readonly type: "a" | "b" | "c" | "n";
  readonly ts: number;
}

export const is = (type: E["type"]) => (e: E) => e.type === type;
/** Patterns covering the operator's paths: no window, timeouts, skip strategies, trailing NOT, per-step windows, optional stages. */
export const PATTERNS: Array<{ name: string; build: () => Pattern<E> }> = [
  { name: "a next b", build: () => Pattern.begin<E>("a").where(is("a")).next("b").where(is("b")) },
  { name: "a → b+ → c within 15", build: () => Pattern.begin<E>("a").where(is("a")).followedBy("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(15) },
  {
    name: "same, skipPastLastEvent",
    build: () =>
      Pattern.begin<E>("a", AfterMatchSkipStrategy.skipPastLastEvent()).where(is("a")).followedBy("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(15),
  },
  { name: "a notFollowedBy n within 8", build: () => Pattern.begin<E>("a").where(is("a")).notFollowedBy("n").where(is("n")).within(8) },
  {
    name: "a →any b (gap ≤ 4) →any c within 12",
    build: () => Pattern.begin<E>("a").where(is("a")).followedByAny("b").where(is("b")).within(4, "PREVIOUS_AND_CURRENT").followedByAny("c").where(is("c")).within(12),
  },
  {
    name: "a → b? → c within 10, skipToNext",
    build: () => Pattern.begin<E>("a", AfterMatchSkipStrategy.skipToNext()).where(is("a")).followedBy("b").where(is("b")).optional().followedBy("c").where(is("c")).within(10),
  },
];

export const show = (m: Match<E>) => [...m].map(([stage, es]) => `${stage}:${es.map((e) => e.id).join(",")}`).join(" ");
export const TIMEOUTS = new OutputTag<{ k: number; s: string; ts: number }>("timeouts");

export class Record implements PatternProcessFunction<E, { k: number; s: string }> {
  processMatch(match: Match<E>, _ctx: PatternContext, out: Collector<{ k: number; s: string }>): void {
    out.collect({ k: [...match.values()][0]![0]!.k, s: show(match) });
  }
  processTimedOutMatch(match: Match<E>, ctx: PatternContext): void {
    ctx.output(TIMEOUTS, { k: [...match.values()][0]![0]!.k, s: show(match), ts: ctx.timestamp() });
  }
}

/** Arrival order: each timestamp ≥ (max so far − bound), so with that out-of-orderness bound nothing is late. */
export const scenario = fc.integer({ min: 0, max: 6 }).chain((bound) =>
  fc.record({
    bound: fc.constant(bound),
    pattern: fc.integer({ min: 0, max: PATTERNS.length - 1 }),
    comparator: fc.boolean(),
    batchSize: fc.integer({ min: 1, max: 8 }),
    steps: fc.array(
      fc.record({ k: fc.integer({ min: 0, max: 2 }), type: fc.constantFrom<E["type"]>("a", "a", "b", "b", "c", "n"), delta: fc.integer({ min: -bound, max: 5 }) }),
      { minLength: 5, maxLength: 50, size: "max" },
    ),
  }),
);
export type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

export function eventsOf(s: Scenario): E[] {
  let max = 1000;
  return s.steps.map(({ k, type, delta }, id) => {
    const ts = max + delta;
    if (ts > max) max = ts;
    return { id, k, type, ts };
  });
}

export const byType = (x: E, y: E) => x.type.localeCompare(y.type);

/** The reference: per key, events sorted by (timestamp, comparator, arrival) into a bare matcher; time finally advanced to ∞. */
export function expected(s: Scenario, events: E[]): { matches: string[]; timeouts: string[] } {
  const compiled = compilePattern(PATTERNS[s.pattern]!.build(), { timeoutHandling: true });
  const matches: string[] = [];
  const timeouts: string[] = [];
  for (const k of new Set(events.map((e) => e.k))) {
    const mine = events.filter((e) => e.k === k).sort((x, y) => x.ts - y.ts || (s.comparator ? byType(x, y) : 0));
    const m = compiled.newMatcher();
    const take = (r: { matches: Match<E>[]; timeouts: { match: Match<E>; timestamp: number }[] }) => {
      for (const x of r.matches) matches.push(`${k}|${show(x)}`);
      for (const x of r.timeouts) timeouts.push(`${k}|${show(x.match)}@${x.timestamp}`);
    };
    for (const e of mine) {
      take(m.advanceTime(e.ts));
      take({ matches: m.process(e, e.ts), timeouts: [] });
    }
    take(m.advanceTime(Number.POSITIVE_INFINITY));
  }
  return { matches: matches.sort(), timeouts: timeouts.sort() };
}
