// ChangelogJoinOperator: an inner join of two changelogs with deletions emits a changelog whose net rows are the inner
// join of the inputs' net rows (a nested-loop oracle), whatever the interleaving and the parallelism; a row that
// leaves deletes exactly the pairs it made.
import test from "ava";
import fc from "fast-check";
import { type ChangeKind, ChangelogJoinOperator, type ChangelogJoinFunctions, CollectionSource, changelogJoin, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { TwoInputHarness } from "../joins/harness.js";
import { netRows } from "../../helpers/net-rows.js";

interface Row { k: number; v: number; __rowKind: ChangeKind }

async function join(left: Row[], right: Row[], parallelism: number, batch: number): Promise<Record<string, unknown>[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const out: Record<string, unknown>[] = [];
  const ls = env.fromSource(new CollectionSource(left), WatermarkStrategy.noWatermarks<Row>(), "left").keyBy((x) => x.k);
  const rs = env.fromSource(new CollectionSource(right), WatermarkStrategy.noWatermarks<Row>(), "right").keyBy((x) => x.k);
  changelogJoin<Row, Row, number, Record<string, unknown>>(ls, rs, {
    rowKindField: "__rowKind",
    matches: (l, r) => (l.v + r.v) % 3 !== 0,
    joined: (l, r, kind) => ({ k: l.k, a: l.v, b: r.v, __rowKind: kind }),
  }).sinkTo((x) => void out.push(x));
  await env.execute("changelog-join");
  return out;
}

/** A changelog: rows entering, and some of them (those present) leaving again later. */
const changelog = fc.array(fc.record({ k: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: 0, max: 5 }), leaves: fc.boolean() }), { maxLength: 25 }).map((specs) => {
  const rows: Row[] = [];
  const present: Row[] = [];
  for (const s of specs) {
    const gone = s.leaves ? present.findIndex((p) => p.k === s.k) : -1;
    if (gone >= 0) {
      const [row] = present.splice(gone, 1);
      rows.push({ ...row!, __rowKind: "-D" });
    } else {
      const row: Row = { k: s.k, v: s.v, __rowKind: "+I" };
      present.push(row);
      rows.push(row);
    }
  }
  return rows;
});

test("a left row that leaves deletes the pairs it made; one that enters again joins again", async (t) => {
  const out = await join(
    [{ k: 1, v: 1, __rowKind: "+I" }, { k: 1, v: 1, __rowKind: "-D" }, { k: 1, v: 4, __rowKind: "+I" }],
    [{ k: 1, v: 0, __rowKind: "+I" }],
    1,
    1,
  );
  t.deepEqual(netRows(out), [JSON.stringify({ k: 1, a: 4, b: 0 })]);
});

test("the net rows are the inner join of the inputs' net rows, at parallelism 1 to 3 (property, nested-loop oracle)", async (t) => {
  await fc.assert(
    fc.asyncProperty(changelog, changelog, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), async (left, right, p, batch) => {
      const rows = (changes: readonly Row[]) => netRows(changes as unknown as Record<string, unknown>[]).map((r) => JSON.parse(r) as { k: number; v: number });
      const expected = rows(left).flatMap((l) => rows(right).filter((r) => r.k === l.k && (l.v + r.v) % 3 !== 0).map((r) => JSON.stringify({ k: l.k, a: l.v, b: r.v }))).sort();
      t.deepEqual(netRows(await join(left, right, p, batch)), expected);
    }),
    { numRuns: 60 },
  );
});

// An update stream keyed by the join key on the left (`upsertLeft`): each row replaces its key's row.
interface Upsert { k: number; v: number }

const UPSERT_JOIN: ChangelogJoinFunctions<Upsert, Row, Record<string, unknown>> = {
  rowKindField: "__rowKind",
  upsertLeft: true,
  matches: (l, r) => (l.v + r.v) % 3 !== 0,
  joined: (l, r, kind) => ({ k: l.k, a: l.v, b: r.v, __rowKind: kind }),
};

async function joinUpserts(left: Upsert[], right: Row[], parallelism: number, batch: number): Promise<Record<string, unknown>[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const out: Record<string, unknown>[] = [];
  const ls = env.fromSource(new CollectionSource(left), WatermarkStrategy.noWatermarks<Upsert>(), "left").keyBy((x) => x.k);
  const rs = env.fromSource(new CollectionSource(right), WatermarkStrategy.noWatermarks<Row>(), "right").keyBy((x) => x.k);
  changelogJoin<Upsert, Row, number, Record<string, unknown>>(ls, rs, UPSERT_JOIN).sinkTo((x) => void out.push(x));
  await env.execute("changelog-join-upserts");
  return out;
}

test("an upsert side keyed by the join key: a new row deletes the old row's pairs and joins; an equal row changes nothing (by hand)", async (t) => {
  const h = await new TwoInputHarness<Record<string, unknown>>(new ChangelogJoinOperator("join", UPSERT_JOIN), [(x: Upsert) => x.k, (x: Row) => x.k]).open();
  h.right({ k: 1, v: 4, __rowKind: "+I" }, 1).right({ k: 1, v: 5, __rowKind: "+I" }, 2);
  h.left({ k: 1, v: 1 }, 3).left({ k: 1, v: 1 }, 4).left({ k: 1, v: 3 }, 5);
  // 1 pairs with 4 (1 + 5 is a multiple of 3); the equal row does nothing; 3 replaces 1: its pair leaves, 3:4 and 3:5 enter
  t.deepEqual(h.records.map((r) => `${String(r.value.__rowKind)} ${String(r.value.a)}:${String(r.value.b)}`), ["+I 1:4", "-D 1:4", "+I 3:4", "+I 3:5"]);
});

test("with an upsert side, the net rows are the join of each key's last row with the right changelog's net rows (property, parallelism 1 to 3)", async (t) => {
  const upserts = fc.array(fc.record({ k: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: 0, max: 5 }) }), { maxLength: 25 });
  await fc.assert(
    fc.asyncProperty(upserts, changelog, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), async (left, right, p, batch) => {
      const last = [...new Map(left.map((u) => [u.k, u])).values()];
      const present = net(right);
      const expected = last.flatMap((l) => present.filter((r) => r.k === l.k && (l.v + r.v) % 3 !== 0).map((r) => JSON.stringify({ k: l.k, a: l.v, b: r.v }))).sort();
      t.deepEqual(netRows(await joinUpserts(left, right, p, batch)), expected);
    }),
    { numRuns: 60 },
  );
});

/** The rows a changelog leaves present, in order. */
function net(rows: readonly Row[]): Row[] {
  const present: Row[] = [];
  for (const r of rows) {
    if (r.__rowKind === "-D") present.splice(present.findIndex((p) => p.k === r.k && p.v === r.v), 1);
    else present.push(r);
  }
  return present;
}
