// Scenarios in the spirit of Flink's NFAITCase: negation, optional, times, until, greedy, groups, iterative conditions, PREVIOUS_AND_CURRENT.
import test from "ava";
import { Pattern } from "../../../cep/index.js";
import { drive, evs, is, show, showAll, sorted, type Ev } from "../helpers/drive.js";

const begin = (name: string, letter: string) => Pattern.begin<Ev>(name).where(is(letter));

test("notNext: a notNext x followedBy b — an x right after a discards the run", (t) => {
  const p = begin("a", "a").notNext("x").where(is("x")).followedBy("b").where(is("b"));
  t.deepEqual(sorted(showAll(drive(p, evs("a1 x a2 c b")).matches)), ["a2 b"]);
});

test("notFollowedBy in the middle: any x between a and b discards the run", (t) => {
  const p = begin("a", "a").notFollowedBy("x").where(is("x")).followedBy("b").where(is("b"));
  t.deepEqual(showAll(drive(p, evs("a1 c x a2 c b")).matches), ["a2 b"]);
});

test("notNext at the end: the match is emitted when the next event arrives and does not match", (t) => {
  const p = begin("a", "a").followedBy("b").where(is("b")).notNext("x").where(is("x"));
  const r = drive(p, evs("a1 b1 x a2 b2 c"));
  t.deepEqual(showAll(r.matches), ["a2 b2"]);
});

test("optional stage: a b? c matches with and without b", (t) => {
  const p = begin("a", "a").followedBy("b").where(is("b")).optional().followedBy("c").where(is("c"));
  t.deepEqual(sorted(showAll(drive(p, evs("a1 b1 c1")).matches)), ["a1 b1 c1", "a1 c1"]);
});

test("notFollowedBy before an optional stage is discharged when the optional stage takes an event", (t) => {
  // NFACompiler.copyWithoutTransitiveNots: {a c b d} matches, {a b d} does not.
  const p = begin("a", "a").notFollowedBy("b").where(is("b")).followedByAny("c").where(is("c")).optional().followedByAny("d").where(is("d"));
  t.deepEqual(showAll(drive(p, evs("a c b d")).matches), ["a c d"]);
  t.deepEqual(showAll(drive(p, evs("a b d")).matches), []);
});

test("times(2, 3) consecutive then next: exact counts and contiguity", (t) => {
  const p = begin("a", "a").times(2, 3).consecutive().next("b").where(is("b"));
  t.deepEqual(sorted(showAll(drive(p, evs("a1 a2 a3 b")).matches)), ["a1 a2 a3 b", "a2 a3 b"]);
});

test("until stops a loop: events matching until end it", (t) => {
  const p = begin("a", "a").followedBy("b").where(is("b")).oneOrMore().until(is("x")).followedBy("c").where(is("c"));
  t.deepEqual(sorted(showAll(drive(p, evs("a b1 b2 x b3 c")).matches)), ["a b1 b2 c", "a b1 c"]);
});

test("greedy: the loop keeps events the next stage could also take", (t) => {
  // Events "ab" match both stages; greedy b+ keeps them, so c (next) may only take a pure c.
  const hasB = (e: Ev) => e.id.includes("b");
  const hasC = (e: Ev) => e.id.includes("c");
  const p = Pattern.begin<Ev>("a").where(is("a")).followedBy("b").where(hasB).oneOrMore().greedy().next("c").where(hasC);
  // (followedBy into the loop makes b1 its first event, so every match starts "a b1".)
  t.deepEqual(sorted(showAll(drive(p, evs("a b1 bc1 c1")).matches)), ["a b1 bc1 c1"]);
  const lazy = Pattern.begin<Ev>("a").where(is("a")).followedBy("b").where(hasB).oneOrMore().next("c").where(hasC);
  t.deepEqual(sorted(showAll(drive(lazy, evs("a b1 bc1 c1")).matches)), sorted(["a b1 bc1", "a b1 bc1 c1"]));
});

test("group pattern: begin(a followedBy b).times(2) then c", (t) => {
  const group = Pattern.begin<Ev>("ga").where(is("a")).next("gb").where(is("b"));
  const p = Pattern.begin<Ev>(group).times(2).consecutive().followedBy("c").where(is("c"));
  const r = drive(p, evs("a1 b1 a2 b2 c"));
  t.deepEqual(r.matches.map((m) => show(m, true)), ["ga:a1 ga:a2 gb:b1 gb:b2 c:c"]);
});

test("iterative condition: each b must carry a larger number than the previous b", (t) => {
  const num = (e: Ev) => Number(e.id.slice(1));
  const p = begin("a", "a")
    .followedBy("b")
    .where((e, ctx) => is("b")(e) && ctx.getEventsForPattern("b").every((prev) => num(prev) < num(e)))
    .oneOrMore()
    .consecutive()
    .next("c")
    .where(is("c"));
  t.deepEqual(sorted(showAll(drive(p, evs("a b1 b3 b2 c")).matches)), []);
  t.deepEqual(sorted(showAll(drive(p, evs("a b1 b2 b3 c")).matches)), ["a b1 b2 b3 c"]);
});

test("within PREVIOUS_AND_CURRENT: the gap to the previous event is bounded, not the whole match", (t) => {
  const p = begin("a", "a").followedBy("b").where(is("b")).within(5, "PREVIOUS_AND_CURRENT").followedBy("c").where(is("c"));
  const ok = drive(p, [{ id: "a", ts: 1 }, { id: "b", ts: 5 }, { id: "c", ts: 100 }]);
  t.deepEqual(showAll(ok.matches), ["a b c"]);
  const late = drive(p, [{ id: "a", ts: 1 }, { id: "b", ts: 6 }, { id: "c", ts: 7 }]);
  t.deepEqual(showAll(late.matches), []);
  t.deepEqual(late.timeouts.map((x) => [show(x.match), x.timestamp]), [["a", 6]]);
});
