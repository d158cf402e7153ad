// Property: a random pattern written in `.flow` and the same pattern written by hand with cep's Pattern API on the
// DataStream API find the same matches and timeouts per key, fused and --no-fuse; and a pattern the library rejects
// is rejected when compiling, never when running.
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AfterMatchSkipStrategy, CEP, MalformedPatternError, Pattern, compilePattern, type Condition, type Match } from "../../../cep/index.js";
import { CollectionSource, OutputTag, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { compileText, scratchDir } from "../helpers/compile.js";

interface E { readonly k: string; readonly v: number; readonly bit: number; readonly ts: number }

// ───────────── random patterns: each piece has a .flow spelling and a hand-written Pattern API equivalent ─────────────

type Cond =
  | { readonly kind: "lt" | "ge"; readonly c: number }
  | { readonly kind: "even" }
  | { readonly kind: "gtFirst" | "ltLast"; readonly stage: string }
  | { readonly kind: "sumBelow" | "countBelow"; readonly stage: string; readonly c: number }
  /** `required`: an earlier mandatory stage (min typed non-null), not the stage itself or an optional one. */
  | { readonly kind: "geMin"; readonly stage: string; readonly required: boolean };

type Quant = "none" | "times" | "range" | "zeroRange" | "atLeast" | "plus" | "star" | "opt";

interface Stage {
  readonly name: string;
  readonly contiguity: "begin" | "next" | "followedBy" | "followedByAny" | "notNext" | "notFollowedBy";
  readonly cond: Cond;
  readonly quant: Quant;
  readonly n: number;
  readonly inner: "none" | "consecutive" | "allowCombinations";
  readonly greedy: boolean;
  readonly until: Cond | null;
}

interface Spec {
  readonly stages: readonly Stage[];
  readonly within: number | null;
  readonly skip: { readonly strategy: "noSkip" | "skipToNext" | "pastLastEvent" | "toFirst" | "toLast"; readonly stage: string | null };
}

const flowCond = (c: Cond): string => {
  switch (c.kind) {
    case "lt": return `v < ${c.c}`;
    case "ge": return `v >= ${c.c}`;
    case "even": return "v % 2 == 0";
    case "gtFirst": return `v > first(${c.stage}).v`;
    case "ltLast": return `v < last(${c.stage}).v`;
    case "sumBelow": return `sum(${c.stage}.v) + v < ${c.c}`;
    case "countBelow": return `count(${c.stage}) < ${c.c}`;
    case "geMin": return `v >= (min(${c.stage}.v) ?? 0)`;
  }
};

const apiCond = (c: Cond): Condition<E> => {
  const events = (ctx: { getEventsForPattern(s: string): readonly E[] }, s: string) => ctx.getEventsForPattern(s);
  switch (c.kind) {
    case "lt": return (e) => e.v < c.c;
    case "ge": return (e) => e.v >= c.c;
    case "even": return (e) => e.v % 2 === 0;
    // why: a greedy stage's condition also gates the stage before it, evaluated before earlier stages matched;
    // `.flow` defines a condition reading a not-yet-matched stage as false
    case "gtFirst": return (e, ctx) => events(ctx, c.stage).length > 0 && e.v > events(ctx, c.stage)[0]!.v;
    case "ltLast": return (e, ctx) => events(ctx, c.stage).length > 0 && e.v < events(ctx, c.stage).at(-1)!.v;
    case "sumBelow": return (e, ctx) => events(ctx, c.stage).reduce((a, x) => a + x.v, 0) + e.v < c.c;
    case "countBelow": return (_e, ctx) => events(ctx, c.stage).length < c.c;
    case "geMin": return (e, ctx) => {
      const vs = events(ctx, c.stage).map((x) => x.v);
      if (vs.length === 0 && c.required) return false;
      return e.v >= (vs.length === 0 ? 0 : Math.min(...vs));
    };
  }
};

const isNegative = (s: Stage) => s.contiguity === "notNext" || s.contiguity === "notFollowedBy";
const minOf = (s: Stage) => (s.quant === "zeroRange" || s.quant === "star" || s.quant === "opt" ? 0 : 1);
/** May take several events: what modifiers apply to (FLOW4019). */
const loops = (q: Quant, n: number) => (q === "times" && n > 1) || q === "range" || q === "zeroRange" || q === "atLeast" || q === "plus" || q === "star";

const flowQuant = (s: Stage): string => {
  switch (s.quant) {
    case "none": return "";
    case "times": return ` {${s.n}}`;
    case "range": return ` {${s.n},${s.n + 1}}`;
    case "zeroRange": return ` {0,${s.n + 1}}`;
    case "atLeast": return ` {${s.n},}`;
    case "plus": return " +";
    case "star": return " *";
    case "opt": return " ?";
  }
};

/**
 * The emit record: per positive stage, the sum of its events' bits (each event has its own bit: the set of events),
 * and the other functions (count, max, avg; first, last and the stage as a value where the stage cannot be empty).
 */
const emitFields = (s: Stage): string[] => [
  `${s.name}: sum(${s.name}.bit)`, `${s.name}N: count(${s.name})`, `${s.name}Hi: max(${s.name}.v)`, `${s.name}Avg: avg(${s.name}.v)`,
  ...(minOf(s) > 0 ? [`${s.name}F: first(${s.name}).bit`, `${s.name}L: last(${s.name}).bit`] : []),
  ...(minOf(s) > 0 && s.quant === "none" ? [`${s.name}E: ${s.name}.ts`] : []),
];

function apiEmit(spec: Spec, m: Match<E>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of spec.stages.filter((x) => !isNegative(x))) {
    const es = m.get(s.name) ?? [];
    out[s.name] = es.reduce((a, e) => a + e.bit, 0);
    out[`${s.name}N`] = es.length;
    out[`${s.name}Hi`] = es.length === 0 ? null : Math.max(...es.map((e) => e.v));
    out[`${s.name}Avg`] = es.length === 0 ? null : es.reduce((a, e) => a + e.v, 0) / es.length;
    if (minOf(s) > 0) {
      out[`${s.name}F`] = es[0]!.bit;
      out[`${s.name}L`] = es.at(-1)!.bit;
      if (s.quant === "none") out[`${s.name}E`] = es[0]!.ts;
    }
  }
  return out;
}

function flowProgram(spec: Spec): string {
  const stages = spec.stages.map((s) => {
    const mods = [s.inner === "none" ? "" : ` ${s.inner}`, s.greedy ? " greedy" : "", s.until === null ? "" : ` until ${flowCond(s.until)}`].join("");
    return `  ${s.contiguity} ${s.name} where ${flowCond(s.cond)}${flowQuant(s)}${mods}`;
  });
  const skip = spec.skip.stage === null ? spec.skip.strategy : `${spec.skip.strategy}(${spec.skip.stage})`;
  const positive = spec.stages.filter((s) => !isNegative(s));
  return `schema E { k: string, v: int, bit: int, ts: timestamp }
source es: E = collection([]) watermark ts delay 0s
sink out = collect()
sink slow = collect()
pattern P on E${spec.within === null ? "" : ` within ${spec.within}ms`} skip ${skip} {
${stages.join("\n")}
} emit { ${positive.flatMap(emitFields).join(", ")} }
job p {
  parallelism 2
  es | keyBy k | match P timeoutsTo slow | to out
}
`;
}

function apiPattern(spec: Spec): Pattern<E> {
  const skip = spec.skip;
  const strategy = skip.strategy === "noSkip" ? AfterMatchSkipStrategy.noSkip()
    : skip.strategy === "skipToNext" ? AfterMatchSkipStrategy.skipToNext()
    : skip.strategy === "pastLastEvent" ? AfterMatchSkipStrategy.skipPastLastEvent()
    : skip.strategy === "toFirst" ? AfterMatchSkipStrategy.skipToFirst(skip.stage!)
    : AfterMatchSkipStrategy.skipToLast(skip.stage!);
  let p: Pattern<E> | undefined;
  for (const s of spec.stages) {
    p = p === undefined ? Pattern.begin<E>(s.name, strategy) : p[s.contiguity as "next"](s.name);
    p.where(apiCond(s.cond));
    switch (s.quant) {
      case "none": break;
      case "times": p.times(s.n); break;
      case "range": p.times(s.n, s.n + 1); break;
      case "zeroRange": p.times(0, s.n + 1); break;
      case "atLeast": p.timesOrMore(s.n); break;
      case "plus": p.oneOrMore(); break;
      case "star": p.oneOrMore().optional(); break;
      case "opt": p.optional(); break;
    }
    if (s.inner !== "none") p[s.inner]();
    if (s.greedy) p.greedy();
    if (s.until !== null) p.until(apiCond(s.until));
  }
  if (spec.within !== null) p!.within(spec.within);
  return p!;
}

/** Raw random choices, made into a pattern the checker's structural rules accept (the library's are the property). */
const rawStage = fc.record({
  contiguity: fc.constantFrom("next", "followedBy", "followedByAny", "followedBy", "notNext", "notFollowedBy"),
  condKind: fc.nat(6), c: fc.integer({ min: 1, max: 6 }), ref: fc.nat(5),
  quant: fc.constantFrom<Quant>("none", "none", "times", "range", "zeroRange", "atLeast", "plus", "star", "opt"), n: fc.integer({ min: 1, max: 2 }),
  inner: fc.constantFrom("none", "none", "consecutive", "allowCombinations"), greedy: fc.boolean(), until: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }),
});

const specArb = fc.record({
  stages: fc.array(rawStage, { minLength: 1, maxLength: 4 }),
  within: fc.option(fc.integer({ min: 2, max: 8 }), { freq: 2 }),
  skip: fc.nat(4), skipRef: fc.nat(5),
}).map((raw): Spec => {
  const stages: Stage[] = [];
  raw.stages.forEach((r, i) => {
    const name = `s${i}`;
    const previous = stages[i - 1];
    let contiguity = i === 0 ? "begin" : (r.contiguity as Stage["contiguity"]);
    // The checker's rules: no negative stage first, after another one, or quantified; a trailing notFollowedBy needs within.
    if (isNegative({ contiguity } as Stage) && (previous === undefined || isNegative(previous))) contiguity = "followedBy";
    if (contiguity === "notFollowedBy" && i === raw.stages.length - 1 && raw.within === null) contiguity = "followedBy";
    const negative = contiguity === "notNext" || contiguity === "notFollowedBy";
    const quant = negative ? "none" : r.quant;
    const earlier = stages.filter((s) => !isNegative(s));
    const mandatory = earlier.filter((s) => minOf(s) > 0);
    const self = negative ? [] : [name];
    const pick = <T>(xs: readonly T[]) => xs[r.ref % xs.length];
    const cond = (kind: number, c: number): Cond => {
      const first = pick(mandatory.map((s) => s.name));
      const any = pick([...earlier.map((s) => s.name), ...self]);
      if (kind === 3 && first !== undefined) return { kind: r.c % 2 === 0 ? "gtFirst" : "ltLast", stage: first };
      if (kind === 4 && any !== undefined) return { kind: "sumBelow", stage: any, c: c * 2 };
      if (kind === 5 && any !== undefined) return { kind: "countBelow", stage: any, c };
      if (kind === 6 && any !== undefined) return { kind: "geMin", stage: any, required: mandatory.some((s) => s.name === any) };
      return kind % 3 === 0 ? { kind: "even" } : { kind: kind % 3 === 1 ? "lt" : "ge", c };
    };
    const looping = loops(quant, r.n);
    stages.push({
      name, contiguity, cond: cond(r.condKind, r.c), quant, n: r.n,
      inner: looping ? (r.inner as Stage["inner"]) : "none",
      greedy: looping && r.greedy,
      until: looping && r.until !== null ? cond((r.until + 1) % 7, r.c) : null,
    });
  });
  const positive = stages.filter((s) => !isNegative(s)).map((s) => s.name);
  const strategies = ["noSkip", "skipToNext", "pastLastEvent", "toFirst", "toLast"] as const;
  const strategy = strategies[raw.skip]!;
  const stage = strategy === "toFirst" || strategy === "toLast" ? positive[raw.skipRef % positive.length]! : null;
  return { stages, within: raw.within, skip: { strategy, stage } };
});

const eventsArb = fc.array(fc.record({ k: fc.constantFrom("a", "b"), v: fc.integer({ min: 0, max: 6 }), ts: fc.integer({ min: 0, max: 24 }) }), { maxLength: 14 })
  .map((xs) => xs.map((x, i) => ({ ...x, bit: 2 ** i })).sort((x, y) => x.ts - y.ts));

// ───────────── running both sides ─────────────

type Factory = (o: object) => { run(): Promise<{ collected: Record<string, unknown[]> }> };
let counter = 0;

async function loadFlow(source: string, fuse: boolean): Promise<Factory | string> {
  const outDir = scratchDir(`cep-prop-${counter++}`);
  const result = compileText(source, { fuse, outDir });
  if (!result.ok) return result.check.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`).join("\n");
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of result.files) writeFileSync(join(outDir, name), text);
  const module = await import(pathToFileURL(join(outDir, "index.ts")).href);
  rmSync(outDir, { recursive: true, force: true });
  return module.p as Factory;
}

const canonical = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

async function runFlow(factory: Factory, events: readonly E[]) {
  const result = await factory({ sources: { es: events } }).run();
  return { out: canonical(result.collected.out ?? []), slow: canonical(result.collected.slow ?? []) };
}

async function runApi(spec: Spec, events: readonly E[]) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const stream = env.fromSource(new CollectionSource([...events]), WatermarkStrategy.forBoundedOutOfOrderness<E>(0).withTimestampAssigner((e) => e.ts), "es");
  const positive = spec.stages.filter((s) => !isNegative(s)).map((s) => s.name);
  const tag = new OutputTag<Record<string, E[]>>("slow");
  const select = (m: Match<E>) => apiEmit(spec, m);
  const timeout = (m: Match<E>) => Object.fromEntries(positive.map((s) => [s, m.get(s) ?? []]));
  const matches = CEP.pattern(stream.keyBy((e) => e.k), apiPattern(spec)).select(tag, timeout, select);
  const out: unknown[] = [];
  const slow: unknown[] = [];
  matches.sinkTo((v) => void out.push(v));
  matches.getSideOutput(tag).sinkTo((v) => void slow.push(v));
  await env.execute();
  return { out: canonical(out), slow: canonical(slow) };
}

/** Whether the library rejects the hand-written pattern (when built, or when compiled to an NFA as a job does). */
function libraryRejects(spec: Spec): boolean {
  try {
    compilePattern(apiPattern(spec), { timeoutHandling: true });
    return false;
  } catch (error) {
    if (error instanceof MalformedPatternError) return true;
    throw error;
  }
}

test("a .flow pattern finds the same matches and timeouts as the Pattern API, fused and --no-fuse", async (t) => {
  let ran = 0;
  let rejected = 0;
  let matched = 0;
  let timedOut = 0;
  await assertProperty(
    t,
    fc.asyncProperty(specArb, fc.array(eventsArb, { minLength: 1, maxLength: 3 }), async (spec, inputs) => {
      const source = flowProgram(spec);
      const [fused, interpreted] = [await loadFlow(source, true), await loadFlow(source, false)];
      if (libraryRejects(spec)) {
        rejected++;
        if (process.env.CEP_PROP_DEBUG) t.log(String(fused));
        // never at run time: the compiler refuses the program
        t.is(typeof fused, "string", `the library rejects this pattern but it compiled:\n${source}`);
        return typeof fused === "string" && typeof interpreted === "string";
      }
      if (typeof fused === "string" || typeof interpreted === "string") {
        t.fail(`the library accepts this pattern but the compiler rejects it:\n${source}\n${String(fused)}`);
        return false;
      }
      for (const events of inputs) {
        const expected = await runApi(spec, events);
        const a = await runFlow(fused, events);
        const b = await runFlow(interpreted, events);
        if (JSON.stringify(a) !== JSON.stringify(expected) || JSON.stringify(b) !== JSON.stringify(expected)) {
          t.log(source, JSON.stringify(events));
          t.deepEqual(a, expected, "fused");
          t.deepEqual(b, expected, "--no-fuse");
          return false;
        }
        ran++;
        if (expected.out.length > 0) matched++;
        if (expected.slow.length > 0) timedOut++;
      }
      return true;
    }),
    { numRuns: 100, file: import.meta.url },
  );
  t.log(`${ran} event sequences compared (${matched} with matches, ${timedOut} with timeouts), ${rejected} patterns rejected at compile time`);
  // why: a property that only ever compares empty outputs proves nothing
  t.true(ran > 20 && matched >= 5 && timedOut > 0, "the generated patterns and inputs produce matches and timeouts");
});
