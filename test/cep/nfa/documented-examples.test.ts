// Flink CEP documentation examples (contiguity, looping contiguity, consecutive, allowCombinations, skip strategies, within) with their documented results.
import test from "ava";
import { AfterMatchSkipStrategy, Pattern, type SkipStrategy } from "../../../cep/index.js";
import { drive, evs, is, showAll, sorted, type Ev } from "../helpers/drive.js";

const begin = (name: string, letter: string, skip?: SkipStrategy) => Pattern.begin<Ev>(name, skip).where(is(letter));

test("contiguity: a b over a c b1 b2 — strict none, relaxed {a b1}, non-deterministic {a b1} {a b2}", (t) => {
  const input = evs("a c b1 b2");
  t.deepEqual(showAll(drive(begin("a", "a").next("b").where(is("b")), input).matches), []);
  t.deepEqual(showAll(drive(begin("a", "a").followedBy("b").where(is("b")), input).matches), ["a b1"]);
  t.deepEqual(sorted(showAll(drive(begin("a", "a").followedByAny("b").where(is("b")), input).matches)), ["a b1", "a b2"]);
});

test("contiguity within looping patterns: a followedByAny b+ followedBy c over a b1 d1 b2 d2 b3 c", (t) => {
  const input = evs("a b1 d1 b2 d2 b3 c");
  const p = () => begin("a", "a").followedByAny("b").where(is("b")).oneOrMore();
  // Strict: the documentation lists only {a b3 c}, describing contiguity *inside* the loop. Flink's NFA
  // also leaves the loop at d1/d2 (proceed edge) and lets the relaxed `followedBy c` skip them, so
  // {a b1 c} and {a b2 c} match as well; we follow the NFA.
  t.deepEqual(sorted(showAll(drive(p().consecutive().followedBy("c").where(is("c")), input).matches)), ["a b1 c", "a b2 c", "a b3 c"]);
  // With `next c` the documented single result holds.
  t.deepEqual(showAll(drive(p().consecutive().next("c").where(is("c")), input).matches), ["a b3 c"]);
  t.deepEqual(sorted(showAll(drive(p().followedBy("c").where(is("c")), input).matches)), [
    "a b1 b2 b3 c",
    "a b1 b2 c",
    "a b1 c",
    "a b2 b3 c",
    "a b2 c",
    "a b3 c",
  ]);
  t.deepEqual(sorted(showAll(drive(p().allowCombinations().followedBy("c").where(is("c")), input).matches)), [
    "a b1 b2 b3 c",
    "a b1 b2 c",
    "a b1 b3 c",
    "a b1 c",
    "a b2 b3 c",
    "a b2 c",
    "a b3 c",
  ]);
});

test("consecutive(): c followedBy a+ consecutive followedBy b over c d a1 a2 a3 d a4 b", (t) => {
  const input = evs("c d a1 a2 a3 d a4 b");
  const p = (consecutive: boolean) => {
    const middle = begin("start", "c").followedBy("middle").where(is("a")).oneOrMore();
    return (consecutive ? middle.consecutive() : middle).followedBy("end1").where(is("b"));
  };
  t.deepEqual(sorted(showAll(drive(p(true), input).matches)), sorted(["c a1 b", "c a1 a2 b", "c a1 a2 a3 b"]));
  t.deepEqual(sorted(showAll(drive(p(false), input).matches)), sorted(["c a1 b", "c a1 a2 b", "c a1 a2 a3 b", "c a1 a2 a3 a4 b"]));
});

test("allowCombinations(): c followedBy a+ allowCombinations followedBy b — Flink's NFA result", (t) => {
  // The documentation lists all 15 subsets of a1..a4, but `followedBy("middle")` lets only the first
  // `a` start the loop (relaxed contiguity into the stage; combinations apply *inside* it), so Flink's
  // NFA (NFACompiler: head state ignore = NOT(condition)) yields the 8 subsets containing a1.
  const input = evs("c d a1 a2 a3 d a4 b");
  const p = begin("start", "c").followedBy("middle").where(is("a")).oneOrMore().allowCombinations().followedBy("end1").where(is("b"));
  t.deepEqual(
    sorted(showAll(drive(p, input).matches)),
    sorted(["c a1 b", "c a1 a2 b", "c a1 a3 b", "c a1 a4 b", "c a1 a2 a3 b", "c a1 a2 a4 b", "c a1 a3 a4 b", "c a1 a2 a3 a4 b"]),
  );
  // Without combinations: the documented {C A1 B} {C A1 A2 B} {C A1 A2 A3 B} {C A1 A2 A3 A4 B}.
  const q = begin("start", "c").followedBy("middle").where(is("a")).oneOrMore().followedBy("end1").where(is("b"));
  t.deepEqual(sorted(showAll(drive(q, input).matches)), sorted(["c a1 b", "c a1 a2 b", "c a1 a2 a3 b", "c a1 a2 a3 a4 b"]));
});

test("skip strategies: b+ c over b1 b2 b3 c (the documentation's table)", (t) => {
  // The table's `b+ c` is contiguous: with followedBy, {b1 c} etc. would match too; with a relaxed
  // loop, the runs started at b1 would stay alive after c and (for skipToFirst) hold the later
  // matches back until they die, as in Flink.
  const input = evs("b1 b2 b3 c");
  const run = (s: SkipStrategy) => showAll(drive(begin("b", "b", s).oneOrMore().consecutive().next("c").where(is("c")), input).matches);
  t.deepEqual(run(AfterMatchSkipStrategy.noSkip()), ["b1 b2 b3 c", "b2 b3 c", "b3 c"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipToNext()), ["b1 b2 b3 c", "b2 b3 c", "b3 c"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipPastLastEvent()), ["b1 b2 b3 c"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipToFirst("b")), ["b1 b2 b3 c", "b2 b3 c", "b3 c"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipToLast("b")), ["b1 b2 b3 c", "b3 c"]);
});

test("skip strategies: (a|b|c) (b|c) c+.greedy d over a b c1 c2 c3 d", (t) => {
  const input = evs("a b c1 c2 c3 d");
  const run = (s: SkipStrategy) =>
    showAll(
      drive(
        Pattern.begin<Ev>("a", s)
          .where((e) => is("a")(e) || is("b")(e) || is("c")(e))
          .followedBy("b")
          .where((e) => is("b")(e) || is("c")(e))
          .followedBy("c")
          .where(is("c"))
          .oneOrMore()
          .greedy()
          .followedBy("d")
          .where(is("d")),
        input,
      ).matches,
    );
  t.deepEqual(run(AfterMatchSkipStrategy.noSkip()), ["a b c1 c2 c3 d", "b c1 c2 c3 d", "c1 c2 c3 d"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipToFirst("c")), ["a b c1 c2 c3 d", "c1 c2 c3 d"]);
});

test("skip strategies: a relaxed loop keeps earlier runs alive, so skipToFirst holds later matches back until they expire", (t) => {
  const p = begin("b", "b", AfterMatchSkipStrategy.skipToFirst("b")).oneOrMore().next("c").where(is("c")).within(10);
  const r = drive(p, evs("b1 b2 b3 c"));
  t.deepEqual(showAll(r.matches), ["b1 b2 b3 c"]);
  const later = r.matcher.advanceTime(100);
  t.deepEqual(showAll(later.matches), ["b2 b3 c", "b3 c"]);
});

test("skip strategies: a b+ over a b1 b2 b3 — noSkip emits all three, skipToNext only {a b1}", (t) => {
  const input = evs("a b1 b2 b3");
  const run = (s: SkipStrategy) => showAll(drive(begin("a", "a", s).followedBy("b").where(is("b")).oneOrMore(), input).matches);
  t.deepEqual(run(AfterMatchSkipStrategy.noSkip()), ["a b1", "a b1 b2", "a b1 b2 b3"]);
  t.deepEqual(run(AfterMatchSkipStrategy.skipToNext()), ["a b1"]);
});

test("within: a partial match older than the window is discarded and reported as a timeout", (t) => {
  const p = begin("a", "a").followedBy("b").where(is("b")).within(10);
  const input: Ev[] = [
    { id: "a1", ts: 1 },
    { id: "a2", ts: 5 },
    { id: "b1", ts: 11 },
  ];
  const r = drive(p, input, { endTime: 100 });
  t.deepEqual(showAll(r.matches), ["a2 b1"]);
  // a1 expires when time reaches 11 (1 + 10 ≤ 11); a2's run completed with b1, so nothing of it times out.
  t.deepEqual(
    r.timeouts.map((x) => [showAll([x.match])[0], x.timestamp]),
    [["a1", 11]],
  );
  t.deepEqual(r.matcher.bufferSize(), { events: 0, nodes: 0 });
});

test("a pattern may end with notFollowedBy when it has a window: start a notFollowedBy b within 10", (t) => {
  const p = begin("start", "a").notFollowedBy("end").where(is("b")).within(10);
  const r = drive(p, [
    { id: "a1", ts: 1 },
    { id: "a2", ts: 3 },
    { id: "b1", ts: 5 },
    { id: "a3", ts: 20 },
  ], { endTime: 100 });
  // a1 and a2 are followed by b1 within their window; a3 is not.
  t.deepEqual(showAll(r.matches), ["a3"]);
});
