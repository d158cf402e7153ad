// The shared buffer frees events as soon as no partial match references them: no leaks.
import test from "ava";
import { AfterMatchSkipStrategy, Pattern, compilePattern } from "../../../cep/index.js";

type E = { id: number; type: "a" | "b" | "c" };
const is = (type: E["type"]) => (e: E) => e.type === type;

test("after a long run with within, the shared buffer returns to empty", (t) => {
  for (const skip of [AfterMatchSkipStrategy.noSkip(), AfterMatchSkipStrategy.skipPastLastEvent()]) {
    const p = Pattern.begin<E>("a", skip).where(is("a")).followedByAny("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(50);
    const m = compilePattern(p, { timeoutHandling: true }).newMatcher();
    let matches = 0;
    let peak = 0;
    for (let i = 0; i < 5000; i++) {
      const type = (["a", "b", "b", "c", "b"] as const)[(i * 7 + (i >> 3)) % 5]!;
      m.advanceTime(i);
      matches += m.process({ id: i, type }, i).length;
      peak = Math.max(peak, m.bufferSize().events);
    }
    t.true(matches > 0);
    t.true(peak > 0 && peak <= 51, `events held at once are bounded by the window (peak ${peak})`);
    m.advanceTime(10_000);
    t.deepEqual(m.bufferSize(), { events: 0, nodes: 0 }, skip.describe());
    t.is(m.partialMatchCount(), 1, "only the run waiting in the start state remains");
  }
});

test("a long oneOrMore shares events: one buffer node per event, not one per run", (t) => {
  const p = Pattern.begin<E>("a").where(is("a")).followedBy("b").where(is("b")).oneOrMore().allowCombinations();
  const m = compilePattern(p).newMatcher();
  m.process({ id: 0, type: "a" }, 0);
  let matches = 0;
  for (let i = 1; i <= 12; i++) matches += m.process({ id: i, type: "b" }, i).length;
  // followedBy into the loop: the first b must be b1; combinations apply inside the loop.
  t.is(matches, 2 ** 11, "every subset of b1..b12 containing b1");
  t.is(m.bufferSize().events, 13);
  t.true(m.bufferSize().nodes <= 13 * 2, `nodes: ${m.bufferSize().nodes}`);
});

test("events of runs killed by strict contiguity are released immediately", (t) => {
  const p = Pattern.begin<E>("a").where(is("a")).next("b").where(is("b")).next("c").where(is("c"));
  const m = compilePattern(p).newMatcher();
  m.process({ id: 0, type: "a" }, 0);
  m.process({ id: 1, type: "b" }, 1);
  t.deepEqual(m.bufferSize(), { events: 2, nodes: 2 });
  m.process({ id: 2, type: "a" }, 2); // breaks a b _, starts a new run
  t.deepEqual(m.bufferSize(), { events: 1, nodes: 1 });
});
