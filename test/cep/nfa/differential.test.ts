// Differential property test: random patterns and event sequences; the NFA's matches and timeouts equal the brute-force oracle's.
import test from "ava";
import fc from "fast-check";
import { AfterMatchSkipStrategy, Pattern, compilePattern, type ConditionContext, type SkipStrategy } from "../../../cep/index.js";
import { naiveMatch, type Contiguity, type NaiveSkip, type NaiveStage } from "../helpers/naive-matcher.js";

interface E {
  readonly id: number;
  readonly type: "a" | "b" | "c";
  readonly v: number;
}

type Taken = (stage: string) => E[];
/** Conditions, some iterative (reading events already taken by an earlier stage or by the stage itself). */
const CONDITIONS: Array<(self: string, prev: string | undefined) => (e: E, taken: Taken) => boolean> = [
  () => (e) => e.type === "a",
  () => (e) => e.type === "b",
  () => (e) => e.type === "c",
  () => (e) => e.type !== "c",
  () => (e) => e.v >= 2,
  (_, prev) => (e, taken) => e.type !== "a" && e.v >= (prev === undefined ? 0 : (taken(prev).at(-1)?.v ?? 0)),
  (self) => (e, taken) => e.type === "b" && taken(self).length < 2,
];
const UNTILS: Array<(e: E) => boolean> = [(e) => e.type === "c", (e) => e.v === 3];

interface StageSpec {
  cond: number;
  contiguity: Contiguity;
  quant: "single" | "times" | "range" | "timesOrMore" | "oneOrMore";
  n: number;
  m: number;
  optional: boolean;
  inner: Contiguity;
  until: number | undefined;
}

const stageSpec = fc.record({
  cond: fc.integer({ min: 0, max: CONDITIONS.length - 1 }),
  contiguity: fc.constantFrom<Contiguity>("strict", "relaxed", "any"),
  quant: fc.constantFrom("single", "single", "times", "range", "timesOrMore", "oneOrMore"),
  n: fc.integer({ min: 1, max: 2 }),
  m: fc.integer({ min: 0, max: 2 }),
  optional: fc.boolean(),
  inner: fc.constantFrom<Contiguity>("strict", "relaxed", "any"),
  until: fc.option(fc.integer({ min: 0, max: UNTILS.length - 1 }), { nil: undefined }),
}) as fc.Arbitrary<StageSpec>;

const scenario = fc.record({
  stages: fc.array(stageSpec, { minLength: 1, maxLength: 3 }),
  events: fc.array(fc.record({ type: fc.constantFrom<"a" | "b" | "c">("a", "b", "c"), v: fc.integer({ min: 0, max: 3 }), dt: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 8 }),
  window: fc.option(fc.integer({ min: 2, max: 10 }), { nil: undefined }),
  skip: fc.constantFrom("noSkip", "skipToNext", "skipPastLastEvent", "skipToFirst", "skipToLast"),
  skipStage: fc.nat(),
});

const contiguityOf = (p: Pattern<E>, c: Contiguity, name: string) =>
  c === "strict" ? p.next(name) : c === "relaxed" ? p.followedBy(name) : p.followedByAny(name);

test("the NFA agrees with the brute-force oracle on random patterns and streams", (t) => {
  let nonEmpty = 0;
  fc.assert(
    fc.property(scenario, (sc) => {
      // The last stage must be mandatory: an all-optional tail adds nothing to test and Flink cannot end on nothing.
      const specs = sc.stages.map((s, i) => (i === sc.stages.length - 1 ? { ...s, optional: false } : s));
      const names = specs.map((_, i) => `s${i}`);
      const stages: NaiveStage<E>[] = specs.map((s, i) => {
        const looping = s.quant === "timesOrMore" || s.quant === "oneOrMore";
        const [min, max] =
          s.quant === "single" ? [1, 1] : s.quant === "times" ? [s.n, s.n] : s.quant === "range" ? [s.n, s.n + s.m] : s.quant === "timesOrMore" ? [s.n, Infinity] : [1, Infinity];
        const untilFn = looping && s.until !== undefined ? UNTILS[s.until]! : undefined;
        return {
          name: names[i]!,
          cond: CONDITIONS[s.cond]!(names[i]!, names[i - 1]),
          ...(untilFn !== undefined ? { until: (e: E) => untilFn(e) } : {}),
          contiguity: i === 0 ? "strict" : s.contiguity,
          inner: s.quant === "single" ? "relaxed" : s.inner,
          min,
          max,
          optional: s.optional,
        };
      });
      const skipStage = names[sc.skipStage % names.length]!;
      const naiveSkip: NaiveSkip = sc.skip === "skipToFirst" || sc.skip === "skipToLast" ? { kind: sc.skip, stage: skipStage } : { kind: sc.skip as "noSkip" };
      const strategy: SkipStrategy =
        sc.skip === "skipToFirst"
          ? AfterMatchSkipStrategy.skipToFirst(skipStage)
          : sc.skip === "skipToLast"
            ? AfterMatchSkipStrategy.skipToLast(skipStage)
            : AfterMatchSkipStrategy[sc.skip as "noSkip" | "skipToNext" | "skipPastLastEvent"]();

      // Build the same pattern with the public API.
      let p: Pattern<E> | undefined;
      specs.forEach((s, i) => {
        const st = stages[i]!;
        p = p === undefined ? Pattern.begin<E>(st.name, strategy) : contiguityOf(p, s.contiguity, st.name);
        p.where((e: E, ctx: ConditionContext<E>) => st.cond(e, (n) => [...ctx.getEventsForPattern(n)]));
        if (s.quant === "times") p.times(s.n);
        else if (s.quant === "range") p.times(s.n, s.n + s.m);
        else if (s.quant === "timesOrMore") p.timesOrMore(s.n);
        else if (s.quant === "oneOrMore") p.oneOrMore();
        if (s.quant !== "single" && s.inner === "strict") p.consecutive();
        if (s.quant !== "single" && s.inner === "any") p.allowCombinations();
        if (st.until !== undefined) p.until((e: E) => st.until!(e, () => []));
        if (s.optional && i < specs.length - 1) p.optional();
      });
      if (sc.window !== undefined) p!.within(sc.window);

      const events: E[] = sc.events.map((e, id) => ({ id, type: e.type, v: e.v }));
      const ts: number[] = [];
      sc.events.reduce((acc, e) => (ts.push(acc + e.dt), acc + e.dt), 0);
      const endTime = ts[ts.length - 1]! + 100;

      const matcher = compilePattern(p!, { timeoutHandling: true }).newMatcher();
      const got: string[] = [];
      const gotTimeouts = new Set<string>();
      const itemKey = (m: Map<string, E[]>) => [...m].flatMap(([stage, es]) => es.map((e) => `${stage}:${e.id}`)).join(" ");
      const record = (r: { matches: Map<string, E[]>[]; timeouts: Array<{ match: Map<string, E[]>; timestamp: number }> }) => {
        for (const m of r.matches) got.push(itemKey(m));
        for (const x of r.timeouts) gotTimeouts.add(`${itemKey(x.match)}@${x.timestamp}`);
      };
      events.forEach((e, i) => {
        record(matcher.advanceTime(ts[i]!));
        for (const m of matcher.process(e, ts[i]!)) got.push(itemKey(m));
      });
      record(matcher.advanceTime(endTime));

      const expected = naiveMatch(stages, events, ts, sc.window ?? 0, naiveSkip, endTime);
      if (got.length > 0) nonEmpty++;
      if (JSON.stringify(got) !== JSON.stringify(expected.matches) || JSON.stringify([...gotTimeouts].sort()) !== JSON.stringify(expected.timeouts)) {
        throw new Error(
          `mismatch\nspecs=${JSON.stringify(specs)} window=${sc.window} skip=${sc.skip}(${skipStage})\nevents=${events.map((e, i) => `${e.type}${e.v}@${ts[i]}`).join(" ")}\n` +
            `nfa   =${JSON.stringify(got)}\noracle=${JSON.stringify(expected.matches)}\nnfa timeouts   =${JSON.stringify([...gotTimeouts].sort())}\noracle timeouts=${JSON.stringify(expected.timeouts)}`,
        );
      }
      if (sc.window === undefined) return;
      // With a window, advancing far enough always empties the buffer.
      if (matcher.bufferSize().events !== 0) throw new Error("buffer not empty after the window expired");
    }),
    { numRuns: Number(process.env.CEP_PROPERTY_RUNS ?? 600), seed: process.env.CEP_SEED ? Number(process.env.CEP_SEED) : undefined },
  );
  t.true(nonEmpty > 50, `enough scenarios produce matches (${nonEmpty})`);
});
