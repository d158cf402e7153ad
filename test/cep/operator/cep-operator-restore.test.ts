// Restore mid-stream: the operator snapshot (matchers through their state serializer, buffered events, timers) survives JSON, and the restored operator continues exactly like an uninterrupted one.
import test from "ava";
import fc from "fast-check";
import { AfterMatchSkipStrategy, CepOperator, MATCHER_STATE, Pattern, compilePattern, type Match, type PatternContext, type PatternProcessFunction } from "../../../cep/index.js";
import { type Collector, OutputTag, ValueStateDescriptor } from "../../../runtime/index.js";
import { OneInputHarness } from "../helpers/operator-harness.js";

interface E {
  readonly id: number;
  readonly k: string;
  readonly type: "a" | "b" | "c";
  readonly ts: number;
}
const is = (type: E["type"]) => (e: E) => e.type === type;
const show = (m: Match<E>) => [...m].map(([stage, es]) => `${stage}:${es.map((e) => e.id).join(",")}`).join(" ");
const TIMEOUTS = new OutputTag<string>("timeouts");

const PATTERNS: Array<() => Pattern<E>> = [
  () => Pattern.begin<E>("a").where(is("a")).followedByAny("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(12),
  () =>
    Pattern.begin<E>("a", AfterMatchSkipStrategy.skipToLast("b"))
      .where(is("a"))
      .followedBy("b")
      .where((e, ctx) => e.type === "b" && ctx.getEventsForPattern("b").length < 3)
      .oneOrMore()
      .followedBy("c")
      .where(is("c"))
      .within(20),
  () => Pattern.begin<E>("a").where(is("a")).next("b").where(is("b")),
];

class Record implements PatternProcessFunction<E, string> {
  processMatch(match: Match<E>, _ctx: PatternContext, out: Collector<string>): void {
    out.collect(show(match));
  }
  processTimedOutMatch(match: Match<E>, ctx: PatternContext): void {
    ctx.output(TIMEOUTS, show(match));
  }
}

function operator(pattern: number): OneInputHarness<string, CepOperator<E, string>> {
  const op = new CepOperator<E, string>("cep", new Record(), {
    pattern: compilePattern(PATTERNS[pattern]!(), { timeoutHandling: true }),
    timeDomain: "EVENT_TIME",
    comparator: null,
    lateDataTag: null,
  });
  return new OneInputHarness<string, CepOperator<E, string>>(op, (e: E) => e.k);
}

type Step = { kind: "event"; event: E } | { kind: "watermark"; ts: number };

/** Events up to `bound` out of order, with a watermark (max − bound − 1) after some of them: never a late event. */
const script = fc.integer({ min: 0, max: 4 }).chain((bound) =>
  fc
    .array(fc.record({ k: fc.constantFrom("x", "y", "z"), type: fc.constantFrom<E["type"]>("a", "b", "c"), delta: fc.integer({ min: -bound, max: 4 }), wm: fc.boolean() }), {
      minLength: 1,
      maxLength: 40,
    })
    .map((raw) => {
      const steps: Step[] = [];
      let max = 100;
      raw.forEach(({ k, type, delta, wm }, id) => {
        const ts = max + delta;
        max = Math.max(max, ts);
        steps.push({ kind: "event", event: { id, k, type, ts } });
        if (wm) steps.push({ kind: "watermark", ts: max - bound - 1 });
      });
      steps.push({ kind: "watermark", ts: Number.POSITIVE_INFINITY });
      return steps;
    }),
);

const feed = (h: OneInputHarness<string, CepOperator<E, string>>, steps: Step[]) => {
  for (const s of steps) {
    if (s.kind === "event") h.record(s.event, s.event.ts);
    else h.watermark(s.ts);
  }
};

/** A restored operator starts at the minimum watermark (as in Flink), so it forwards one the original had seen: drop such repeats. */
function advancingOnly(trace: string[]): string[] {
  let max = Number.NEGATIVE_INFINITY;
  return trace.filter((line) => {
    if (!line.startsWith("W")) return true;
    const wm = Number(line.slice(1));
    if (wm <= max) return false;
    max = wm;
    return true;
  });
}

/**
 * Results between two watermarks, sorted: timers of different keys with the same timestamp fire
 * in registration order, which a restore does not keep (nor does Flink's); per key, order is kept.
 */
function bySegment(trace: string[]): string[][] {
  const segments: string[][] = [[]];
  for (const line of trace) {
    if (line.startsWith("W")) segments.push([line], []);
    else segments[segments.length - 1]!.push(line);
  }
  return segments.map((s) => s.sort());
}

test("snapshot → JSON → restore at any point continues like the uninterrupted run", async (t) => {
  await fc.assert(
    fc.asyncProperty(script, fc.integer({ min: 0, max: PATTERNS.length - 1 }), fc.nat(), async (steps, pattern, cutSeed) => {
      const whole = await operator(pattern).open();
      feed(whole, steps);
      const cut = cutSeed % steps.length;
      const before = await operator(pattern).open();
      feed(before, steps.slice(0, cut));
      const json = JSON.stringify(before.snapshot());
      const after = await operator(pattern).open(JSON.parse(json));
      feed(after, steps.slice(cut));
      t.deepEqual(bySegment(advancingOnly([...before.trace(), ...after.trace()])), bySegment(whole.trace()));
      t.deepEqual(after.operator.stateSize(), whole.operator.stateSize());
    }),
    { numRuns: 150 },
  );
});

test("the matcher state's serializer round-trips a mid-match matcher through JSON", async (t) => {
  const h = await operator(0).open();
  const events: E[] = [
    { id: 0, k: "x", type: "a", ts: 1 },
    { id: 1, k: "x", type: "b", ts: 2 },
    { id: 2, k: "x", type: "b", ts: 3 },
  ];
  for (const e of events) h.record(e, e.ts);
  h.watermark(3);
  // The same descriptor name gives the state the operator registered, with its serializer.
  const state = h.backend.getOrCreateState(new ValueStateDescriptor(MATCHER_STATE));
  t.not(state.serializer, null);
  h.backend.setCurrentKey("x");
  const matcher = (state as unknown as { value(): { snapshot(): unknown; partialMatchCount(): number } }).value()!;
  const restored = state.serializer!.fromSnapshot(JSON.parse(JSON.stringify(state.serializer!.toSnapshot(matcher)))) as typeof matcher;
  t.is(restored.partialMatchCount(), matcher.partialMatchCount());
  t.deepEqual(restored.snapshot(), matcher.snapshot());
});
