// CepOperator driven directly: buffering until the watermark, ordering, timeouts, late data, processing time, cleanup, errors.
import test from "ava";
import { AfterMatchSkipStrategy, CepOperator, Pattern, compilePattern, type Match, type PatternContext, type PatternProcessFunction } from "../../../cep/index.js";
import { type Collector, EddyError, OutputTag } from "../../../runtime/index.js";
import { OneInputHarness } from "../helpers/operator-harness.js";

interface E {
  readonly k: string;
  readonly id: string;
}
const ev = (id: string, k = "x"): E => ({ k, id });
const is = (letter: string) => (e: E) => e.id.startsWith(letter);
const show = (m: Match<E>) => [...m.values()].flat().map((e) => e.id).join(" ");

const TIMEOUTS = new OutputTag<string>("timeouts");
const LATE = new OutputTag<E>("late");

/** Matches as "a1 b1"; timeouts to TIMEOUTS as "a1"; the context's timestamp checked against the record's. */
class Collect implements PatternProcessFunction<E, string> {
  processMatch(match: Match<E>, _ctx: PatternContext, out: Collector<string>): void {
    out.collect(show(match));
  }
  processTimedOutMatch(match: Match<E>, ctx: PatternContext): void {
    ctx.output(TIMEOUTS, show(match));
  }
}

async function harness(
  pattern: Pattern<E>,
  opts: { processingTime?: boolean; comparator?: (a: E, b: E) => number; late?: boolean; fn?: PatternProcessFunction<E, string> } = {},
): Promise<OneInputHarness<string, CepOperator<E, string>>> {
  const fn = opts.fn ?? new Collect();
  const op = new CepOperator<E, string>("cep", fn, {
    pattern: compilePattern(pattern, { timeoutHandling: "processTimedOutMatch" in fn }),
    timeDomain: opts.processingTime ? "PROCESSING_TIME" : "EVENT_TIME",
    comparator: opts.comparator ?? null,
    lateDataTag: opts.late ? LATE : null,
  });
  return new OneInputHarness<string, CepOperator<E, string>>(op, (e: E) => e.k).open();
}

const strictAB = () => Pattern.begin<E>("a").where(is("a")).next("b").where(is("b"));
const aThenBWithin10 = () => Pattern.begin<E>("a").where(is("a")).followedBy("b").where(is("b")).within(10);

test("events wait for the watermark, then are matched in timestamp order; matches carry the completing event's time", async (t) => {
  const h = await harness(strictAB());
  h.record(ev("b1"), 3).record(ev("a1"), 2).record(ev("a2"), 5).record(ev("b2"), 6);
  t.deepEqual(h.trace(), [], "nothing before a watermark");
  h.watermark(4);
  t.deepEqual(h.trace(), ['"a1 b1"@3', "W4"]);
  h.watermark(10);
  t.deepEqual(h.trace(), ['"a1 b1"@3', "W4", '"a2 b2"@6', "W10"]);
});

test("equal timestamps keep arrival order, or the comparator's", async (t) => {
  const arrival = await harness(strictAB());
  arrival.record(ev("b1"), 5).record(ev("a1"), 5).record(ev("b2"), 5).watermark(5);
  t.deepEqual(arrival.records(), ["a1 b2"]);
  const sorted = await harness(strictAB(), { comparator: (x, y) => x.id.localeCompare(y.id) });
  sorted.record(ev("b1"), 5).record(ev("a1"), 5).record(ev("b2"), 5).watermark(5);
  t.deepEqual(sorted.records(), ["a1 b1"], "a1 b1 b2 after sorting by id");
});

test("a timeout appears, stamped with its expiry, at the first watermark that reaches it", async (t) => {
  const h = await harness(aThenBWithin10());
  h.record(ev("a1"), 5).watermark(6).watermark(14);
  t.deepEqual(h.side(TIMEOUTS), []);
  h.watermark(15);
  t.deepEqual(h.side(TIMEOUTS), [{ value: "a1", timestamp: 15 }]);
  t.deepEqual(h.trace().slice(-2), ['timeouts:"a1"@15', "W15"], "before the watermark that caused it");
  // A watermark jumping far past the expiry reports it once, with the expiry time.
  const jump = await harness(aThenBWithin10());
  jump.record(ev("a1"), 5).watermark(1000);
  t.deepEqual(jump.trace(), ['timeouts:"a1"@15', "W1000"]);
});

test("an event buffered behind another key's timeout is still matched; a b arriving late for the window is not", async (t) => {
  const h = await harness(aThenBWithin10());
  h.record(ev("a1"), 1).record(ev("a2", "y"), 3).record(ev("b1"), 11).record(ev("b2", "y"), 12).watermark(20);
  t.deepEqual(h.records(), ["a2 b2"]);
  t.deepEqual(h.side(TIMEOUTS).map((x) => `${x.value}@${x.timestamp}`), ["a1@11"], "b1 at 11 is outside [1, 11)");
});

test("a trailing notFollowedBy matches when the watermark passes the window, with that watermark as time", async (t) => {
  const p = Pattern.begin<E>("a").where(is("a")).notFollowedBy("n").where(is("n")).within(10);
  const h = await harness(p);
  h.record(ev("a1"), 1).record(ev("a2"), 4).record(ev("n1"), 12).watermark(10);
  t.deepEqual(h.records(), []);
  h.watermark(11);
  t.deepEqual(h.trace().slice(-2), ['"a1"@11', "W11"], "a1 survived [1, 11); a2 is cancelled by n1 at 12");
  h.watermark(100);
  t.deepEqual(h.records(), ["a1"]);
});

test("late events (timestamp ≤ watermark) go to the late side output, or are dropped and counted", async (t) => {
  const h = await harness(strictAB(), { late: true });
  h.record(ev("a1"), 5).watermark(5).record(ev("b1"), 5).record(ev("b2"), 4).record(ev("a2"), 6).record(ev("b3"), 7).watermark(7);
  t.deepEqual(h.side(LATE).map((x) => `${x.value.id}@${x.timestamp}`), ["b1@5", "b2@4"]);
  t.deepEqual(h.records(), ["a2 b3"]);
  const dropped = await harness(strictAB());
  dropped.record(ev("a1"), 5).watermark(5).record(ev("b1"), 5).record(ev("b2"), 1);
  t.is(dropped.operator.lateRecordsDropped, 2);
  t.deepEqual(dropped.emitted.filter((e) => e.kind === "side"), []);
});

test("no state or timers are left for keys whose matches completed or timed out", async (t) => {
  const p = Pattern.begin<E>("a", AfterMatchSkipStrategy.skipPastLastEvent()).where(is("a")).followedBy("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(20);
  const h = await harness(p);
  const keys = ["x", "y", "z", "w"];
  let x = 7;
  for (let i = 0; i < 200; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    h.record(ev(`${"abcd"[(x >>> 16) % 4]}${i}`, keys[(x >>> 8) % 4]), 100 + i - (i % 3));
  }
  h.watermark(250);
  t.true(h.records().length > 0);
  t.true(h.side(TIMEOUTS).length > 0);
  h.watermark(400);
  t.deepEqual(Object.values(h.stateSizes()).filter((n) => n > 0), [], "no matcher or buffer entries");
  const snap = h.snapshot();
  t.deepEqual(Object.values(snap.keyGroups ?? {}).flatMap((g) => [...g.eventTimers, ...g.processingTimers]), [], "no timers");
});

test("without within, partial matches stay but fully matched or dead keys leave nothing", async (t) => {
  const h = await harness(strictAB());
  h.record(ev("a1", "x"), 1).record(ev("b1", "x"), 2).record(ev("a2", "y"), 3).record(ev("c", "z"), 4).watermark(10);
  t.deepEqual(h.records(), ["a1 b1"]);
  t.is(h.stateSizes()["cep-matcher"], 1, "only y waits for its b");
  t.is(h.stateSizes()["cep-event-buffer"] ?? 0, 0);
});

test("processing time: events are matched on arrival with the clock's time; timeouts fire on the clock", async (t) => {
  const h = await harness(aThenBWithin10(), { processingTime: true });
  h.setProcessingTime(100).record(ev("a1")).setProcessingTime(103).record(ev("b1")).record(ev("a2"));
  t.deepEqual(h.trace(), ['"a1 b1"@-Infinity'], "results carry no timestamp in processing time");
  h.setProcessingTime(112);
  t.deepEqual(h.side(TIMEOUTS), [], "a2 expires at 113");
  h.setProcessingTime(113);
  t.deepEqual(h.side(TIMEOUTS), [{ value: "a2", timestamp: Number.NEGATIVE_INFINITY }]);
  t.deepEqual(Object.values(h.stateSizes()).filter((n) => n > 0), []);
});

test("processing time with a comparator: events of the same millisecond are sorted when the clock moves", async (t) => {
  const h = await harness(strictAB(), { processingTime: true, comparator: (x, y) => x.id.localeCompare(y.id) });
  h.setProcessingTime(50).record(ev("b1")).record(ev("a1"));
  t.deepEqual(h.records(), []);
  h.setProcessingTime(51);
  t.deepEqual(h.records(), ["a1 b1"]);
  // At the end of bounded input, still-buffered events are fed rather than lost.
  h.record(ev("b2")).record(ev("a2"));
  h.operator.finish();
  t.deepEqual(h.records(), ["a1 b1", "a2 b2"]);
});

test("the context reports the match time and emits side outputs with it", async (t) => {
  const seen: string[] = [];
  const fn: PatternProcessFunction<E, string> = {
    processMatch(match, ctx, out) {
      seen.push(`${show(match)}@${ctx.timestamp()}`);
      ctx.output(TIMEOUTS, "side");
      out.collect("main");
    },
  };
  const h = await harness(strictAB(), { fn });
  h.record(ev("a1"), 7).record(ev("b1"), 9).watermark(20);
  t.deepEqual(seen, ["a1 b1@9"]);
  t.deepEqual(h.trace(), ['timeouts:"side"@9', '"main"@9', "W20"]);
});

test("records without a timestamp fail in event time; a failing function fails with the record", async (t) => {
  const h = await harness(strictAB());
  const missing = t.throws(() => h.record(ev("a1")));
  t.true(missing instanceof EddyError);
  t.regex(missing!.message, /needs record timestamps/);
  const failing = await harness(strictAB(), {
    fn: {
      processMatch() {
        throw new Error("boom");
      },
    },
  });
  failing.record(ev("a1"), 1).record(ev("b1"), 2);
  const err = t.throws(() => failing.watermark(5));
  t.regex(err!.message, /boom/);
});
