// A matcher snapshot is plain JSON data; restoring it continues matching exactly where the original left off.
import test from "ava";
import { AfterMatchSkipStrategy, Pattern, compilePattern, type Match } from "../../../cep/index.js";

type E = { id: number; type: string };
const is = (type: string) => (e: E) => e.type === type;
const ids = (ms: Match<E>[]) => ms.map((m) => [...m.values()].flat().map((e) => e.id).join(","));

const pattern = () =>
  Pattern.begin<E>("a", AfterMatchSkipStrategy.skipToLast("b"))
    .where(is("a"))
    .followedByAny("b")
    .where((e, ctx) => e.type === "b" && ctx.getEventsForPattern("b").length < 3)
    .oneOrMore()
    .followedBy("c")
    .where(is("c"))
    .within(20);

const stream: E[] = "a b a b x b c a b c b b c".split(" ").map((type, id) => ({ id, type }));

test("snapshot → JSON → restore mid-stream gives the same matches and timeouts as an uninterrupted run", (t) => {
  const compiled = compilePattern(pattern(), { timeoutHandling: true });
  const reference = compiled.newMatcher();
  const expected: string[] = [];
  for (const e of stream) {
    expected.push(...ids(reference.advanceTime(e.id).matches), ...ids(reference.process(e, e.id)));
  }
  for (let cut = 0; cut <= stream.length; cut++) {
    let m = compilePattern(pattern(), { timeoutHandling: true }).newMatcher();
    const got: string[] = [];
    stream.forEach((e, i) => {
      if (i === cut) {
        const json = JSON.stringify(m.snapshot());
        m = compilePattern(pattern(), { timeoutHandling: true }).restoreMatcher(JSON.parse(json));
      }
      got.push(...ids(m.advanceTime(e.id).matches), ...ids(m.process(e, e.id)));
    });
    t.deepEqual(got, expected, `cut at ${cut}`);
    const end = m.advanceTime(1000);
    t.deepEqual(m.bufferSize(), { events: 0, nodes: 0 });
    t.true(end.timeouts.every((x) => x.timestamp <= 1000));
  }
});

test("restoring into a different pattern is refused", (t) => {
  const snap = compilePattern(pattern()).newMatcher().snapshot();
  const other = compilePattern(Pattern.begin<E>("a").next("b"));
  t.throws(() => other.restoreMatcher(snap), { message: /different pattern/ });
});
