// The splits of a PostgreSQL scan (Flink's scan.partition.*): the ranges worked out by hand for a few bounds, the
// properties every split list has (the ranges tile the bounds, sizes differ by at most one), which subtask reads
// which split, and the SQL text each split's cursor runs.
import test from "ava";
import fc from "fast-check";
import { PostgresSource } from "../../../../runtime/index.js";
import { scanQuery } from "../../../../runtime/connectors/postgres/scan-query.js";
import { partitionProblem, scanSplits, splitsOfSubtask, type ScanSplit } from "../../../../runtime/connectors/postgres/scan-splits.js";
import { assertProperty, propertyRuns } from "../../../helpers/property.js";

const ranges = (splits: readonly ScanSplit[]) => splits.map((s) => (s.range === null ? null : [s.range.lower, s.range.upper]));
const part = (lowerBound: number, upperBound: number, partitions: number) => ({ column: "id", lowerBound, upperBound, partitions });

test("without a partition column the whole table is one split", (t) => {
  t.deepEqual(scanSplits(undefined), [{ index: 0, range: null }]);
});

test("the ranges of Flink's numeric provider: the first ones take one value more when the count does not divide", (t) => {
  t.deepEqual(ranges(scanSplits(part(0, 9, 3))), [[0, 3], [4, 6], [7, 9]]);
  t.deepEqual(ranges(scanSplits(part(1, 10, 5))), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
  t.deepEqual(ranges(scanSplits(part(-5, 4, 4))), [[-5, -3], [-2, 0], [1, 2], [3, 4]]);
  t.deepEqual(ranges(scanSplits(part(7, 7, 1))), [[7, 7]]);
  // more partitions than values: one range per value
  t.deepEqual(ranges(scanSplits(part(0, 2, 5))), [[0, 0], [1, 1], [2, 2]]);
  t.deepEqual(scanSplits(part(0, 9, 3)).map((s) => s.range!.last), [false, false, true]);
});

test("property: the ranges tile [lower, upper] in order, min(partitions, values) of them, sizes differing by at most one", async (t) => {
  const bounds = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 64 }));
  await assertProperty(
    t,
    fc.property(bounds, ([lower, width, partitions]) => {
      const upper = lower + width;
      const splits = scanSplits(part(lower, upper, partitions));
      if (splits.length !== Math.min(partitions, width + 1)) return false;
      let next = lower;
      const sizes: number[] = [];
      for (const [i, s] of splits.entries()) {
        if (s.index !== i || s.range === null || s.range.lower !== next || s.range.upper < s.range.lower) return false;
        if (s.range.last !== (i === splits.length - 1)) return false;
        sizes.push(s.range.upper - s.range.lower + 1);
        next = s.range.upper + 1;
      }
      return next === upper + 1 && Math.max(...sizes) - Math.min(...sizes) <= 1;
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("split i goes to subtask i mod parallelism, in order; every split to exactly one subtask", (t) => {
  const splits = scanSplits(part(0, 99, 5));
  t.deepEqual(splitsOfSubtask(splits, 0, 2).map((s) => s.index), [0, 2, 4]);
  t.deepEqual(splitsOfSubtask(splits, 1, 2).map((s) => s.index), [1, 3]);
  t.deepEqual(splitsOfSubtask(splits, 0, 1).map((s) => s.index), [0, 1, 2, 3, 4]);
});

test("a partition that cannot be split says why", (t) => {
  t.is(partitionProblem(part(0, 9, 3)), null);
  t.regex(partitionProblem(part(10, 9, 3))!, /lower bound 10 is greater than the upper bound 9/);
  t.regex(partitionProblem(part(0, 9, 0))!, /number of partitions must be a positive integer, got 0/);
  t.regex(partitionProblem(part(0.5, 9, 2))!, /bounds must be integers/);
  t.regex(partitionProblem(part(-(2 ** 52), 2 ** 52, 2))!, /too far apart/);
});

test("the source's parallelism is at most its number of splits; bad options fail when the source is made", (t) => {
  const options = { connection: "postgres://h/db", table: "s.t", columns: ["id"], deserialize: (r: Record<string, unknown>) => r };
  t.is(new PostgresSource(options).maxParallelism, 1);
  t.is(new PostgresSource({ ...options, partition: part(0, 99, 4) }).maxParallelism, 4);
  t.is(new PostgresSource({ ...options, partition: part(0, 2, 4) }).maxParallelism, 3);
  t.throws(() => new PostgresSource({ ...options, fetchSize: 0 }), { message: /PostgresSource on table 's\.t': fetchSize must be a positive integer, got 0/ });
  t.throws(() => new PostgresSource({ ...options, partition: part(5, 1, 2) }), { message: /lower bound 5 is greater than the upper bound 1/ });
});

test("a split's cursor query: the columns as one JSON document, the range half-open but the last, in primary key order", (t) => {
  const [first, , last] = scanSplits(part(0, 9, 3));
  const shape = { table: "s.Orders", columns: ["id", "note"], key: ["id"], partitionColumn: "id" };
  t.deepEqual(scanQuery(shape, first!), {
    text: 'SELECT to_json(r.*)::text AS row FROM "s"."Orders" AS s CROSS JOIN LATERAL (SELECT s."id", s."note") AS r WHERE s."id" >= $1 AND s."id" < $2 ORDER BY s."id"',
    values: [0, 4],
  });
  t.deepEqual(scanQuery(shape, last!).values, [7, 9]);
  t.regex(scanQuery(shape, last!).text, /WHERE s\."id" >= \$1 AND s\."id" <= \$2 ORDER BY/);
});

test("without a primary key the rows are ordered by their text, byte-wise; a whole-table split has no WHERE", (t) => {
  const shape = { table: "t", columns: ["a"], key: [], partitionColumn: null };
  t.deepEqual(scanQuery(shape, { index: 0, range: null }), {
    text: 'SELECT to_json(r.*)::text AS row FROM "t" AS s CROSS JOIN LATERAL (SELECT s."a") AS r ORDER BY to_json(r.*)::text COLLATE "C"',
    values: [],
  });
});
