// Swing is Flink ML's item-to-item similarity: on a seeded purchase log its top-k lists equal a plain Python loop
// over the definition (scripts/ml/fixtures_train.py) — user filter, weights (alpha1 + |I_u|)^−beta, pair scores
// w_u·w_v / (alpha2 + |I_u ∩ I_v|) — at parallelism 1 and 3, in Flink ML's "item,score;…" form.
import assert from "node:assert/strict";
import test from "ava";
import type { Row } from "../../../ml/core/row.js";
import { javaDouble } from "../../../ml/recommendation/swing/compute-similar-items.js";
import { Swing } from "../../../ml/recommendation/swing.js";
import { env, fixture, table } from "../fixtures/train/fixtures.js";

interface SwingFixture {
  purchases: [number, number][];
  minUserBehavior: number;
  maxUserBehavior: number;
  k: number;
  alpha1: number;
  cases: { alpha2: number; beta: number; similar: Record<string, [number, number][]> }[];
}
const f = fixture<SwingFixture>("swing");
const rows: Row[] = f.purchases.map(([user, item]) => ({ user, item }));

function parse(list: string): [number, number][] {
  return list.split(";").map((pair) => {
    const [item, score] = pair.split(",");
    return [Number(item), Number(score)];
  });
}

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: each item's k most similar items and their scores equal the reference`, async (t) => {
    for (const c of f.cases) {
      const swing = new Swing().setMinUserBehavior(f.minUserBehavior).setMaxUserBehavior(f.maxUserBehavior).setK(f.k).setAlpha1(f.alpha1).setAlpha2(c.alpha2).setBeta(c.beta);
      const out = await swing.transform(table(env(parallelism), rows))[0]!.executeAndCollect();
      const byItem = new Map(out.map((r) => [r["item"] as number, parse(r["output"] as string)]));
      t.deepEqual([...byItem.keys()].sort((a, b) => a - b), Object.keys(c.similar).map(Number).sort((a, b) => a - b));
      for (const [item, expected] of Object.entries(c.similar)) {
        const actual = byItem.get(Number(item))!;
        assert.deepStrictEqual(actual.map((e) => e[0]), expected.map((e) => e[0]), `item ${item}, alpha2 ${c.alpha2}`);
        actual.forEach(([, s], i) => assert.ok(Math.abs(s - expected[i]![1]) <= 1e-12 * expected[i]![1], `item ${item} score ${i}: ${s} vs ${expected[i]![1]}`));
      }
    }
  });
}

test("scores are written as Java writes doubles; bad params and ids are refused", async (t) => {
  t.deepEqual([1, 0.25, 1.5e-4, 12345678.5, 0].map(javaDouble), ["1.0", "0.25", "1.5E-4", "1.23456785E7", "0.0"]);
  t.throws(() => new Swing().setMinUserBehavior(5).setMaxUserBehavior(4).transform(table(env(1), rows)), { message: /maxUserBehavior must be greater than or equal to minUserBehavior/ });
  await t.throwsAsync(() => new Swing().transform(table(env(1), [{ user: 1.5, item: 2 }]))[0]!.executeAndCollect(), { message: /integer ids/ });
});

test("an item bought by more than maxUserNumPerItem users is scored from a sample of that many (none scored from fewer pairs)", async (t) => {
  // 12 users buy items 0 and 1 and one more each: with a sample of 2 purchasers, item 0 has one pair of users
  const log: Row[] = [];
  for (let u = 0; u < 12; u++) log.push({ user: u, item: 0 }, { user: u, item: 1 }, { user: u, item: 100 + u });
  const full = await new Swing().setMinUserBehavior(1).setAlpha1(0).setBeta(0).transform(table(env(1), log))[0]!.executeAndCollect();
  const sampled = await new Swing().setMinUserBehavior(1).setAlpha1(0).setBeta(0).setMaxUserNumPerItem(2).transform(table(env(1), log))[0]!.executeAndCollect();
  const scoreOf = (out: Row[]) => parse(out.find((r) => r["item"] === 0)!["output"] as string)[0]!;
  // weights are 1 (beta 0), two users share items {0, 1}: each pair adds 1/2 to item 1
  t.deepEqual(scoreOf(full), [1, (12 * 11) / 2 / 2]);
  t.deepEqual(scoreOf(sampled), [1, 0.5]);
});
