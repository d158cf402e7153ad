// The generator against golden events from a Java transcription of the reference logic
// (java.util.Random seeded per event, JDK 17), in both extra modes.

import test from "ava";
import { NexmarkGenerator, type NexmarkEvent } from "../../../../runtime/connectors/nexmark/index.js";
import golden from "./fixtures/golden-events.json" with { type: "json" };

interface GoldenCase { outOfOrderGroupSize: number; seed: number; start: number; events: NexmarkEvent[] }
const cases = golden as unknown as GoldenCase[];

function entity(e: NexmarkEvent): Record<string, unknown> {
  return (e.person ?? e.auction ?? e.bid) as unknown as Record<string, unknown>;
}

for (const c of cases) {
  const label = `group ${c.outOfOrderGroupSize}, seed ${c.seed}, from ${c.start}`;

  test(`exact mode reproduces the reference events (${label})`, (t) => {
    const g = NexmarkGenerator.fromPosition(
      { outOfOrderGroupSize: c.outOfOrderGroupSize, seed: c.seed, extraMode: "exact" }, c.start);
    for (const [i, expected] of c.events.entries()) {
      t.deepEqual(g.next(), expected, `event at position ${c.start + i}`);
    }
  });

  test(`shared mode differs from exact only in extra's characters (${label})`, (t) => {
    const g = NexmarkGenerator.fromPosition({ outOfOrderGroupSize: c.outOfOrderGroupSize, seed: c.seed }, c.start);
    for (const expected of c.events) {
      const actual = g.next();
      t.is(actual.type, expected.type);
      const { extra: a, ...restA } = entity(actual);
      const { extra: b, ...restB } = entity(expected);
      t.deepEqual(restA, restB);
      t.is((a as string).length, (b as string).length);
    }
  });
}
