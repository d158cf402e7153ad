// The splits of a PostgreSQL scan: the whole table, or — with a partition column — Flink's ranges of it (the JDBC
// connector's `scan.partition.*`), and which subtask reads which split.

/** Flink's `scan.partition.column`, `.num`, `.lower-bound` and `.upper-bound`. */
export interface PostgresScanPartition {
  /** A numeric column of the table. */
  readonly column: string;
  /** The number of ranges (fewer when the bounds hold fewer whole numbers). */
  readonly partitions: number;
  /** The smallest value of the first range and the largest of the last, inclusive. */
  readonly lowerBound: number;
  readonly upperBound: number;
}

/**
 * One range of the partition column, or the whole table (`range` null). A range reads `lower ≤ column < upper + 1`,
 * the last one `lower ≤ column ≤ upper`: for an integer column that is Flink's `BETWEEN lower AND upper`, and a
 * fractional value between two ranges (3.5 between [0, 3] and [4, 6]) falls into the lower one instead of none.
 */
export interface ScanSplit {
  /** Its index among the source's splits (what a checkpoint names). */
  readonly index: number;
  readonly range: { readonly lower: number; readonly upper: number; readonly last: boolean } | null;
}

/**
 * The source's splits, as Flink's JdbcNumericBetweenParametersProvider computes them: the `upper - lower + 1` whole
 * numbers in `partitions` ranges (at most one per number), the first ones a value longer when they do not divide
 * evenly — [0, 9] in 3 is [0, 3], [4, 6], [7, 9]. Rows whose column is NULL or outside the bounds are in no range
 * (Flink's bounds filter the rows too).
 */
export function scanSplits(partition: PostgresScanPartition | undefined): ScanSplit[] {
  if (partition === undefined) return [{ index: 0, range: null }];
  const { lowerBound: lower, upperBound: upper } = partition;
  const values = upper - lower + 1;
  const count = Math.min(partition.partitions, values);
  const size = Math.ceil(values / count);
  // why: the first `big` ranges hold `size` values, the others one fewer, so the ranges end exactly at `upper`
  const big = values - (size - 1) * count;
  const splits: ScanSplit[] = [];
  let start = lower;
  for (let i = 0; i < count; i++) {
    const end = start + size - 1 - (i >= big ? 1 : 0);
    splits.push({ index: i, range: { lower: start, upper: end, last: i === count - 1 } });
    start = end + 1;
  }
  return splits;
}

/** The splits subtask `subtask` of `parallelism` reads: every `parallelism`-th from its own index, in order. */
export function splitsOfSubtask(splits: readonly ScanSplit[], subtask: number, parallelism: number): ScanSplit[] {
  return splits.filter((s) => s.index % parallelism === subtask);
}

/** Why a partition cannot be read, or null: the bounds are whole numbers in order, the count positive. */
export function partitionProblem(p: PostgresScanPartition): string | null {
  if (typeof p.column !== "string" || p.column.length === 0) return "the partition column must be a column name";
  if (!Number.isSafeInteger(p.partitions) || p.partitions < 1) return `the number of partitions must be a positive integer, got ${p.partitions}`;
  if (!Number.isSafeInteger(p.lowerBound) || !Number.isSafeInteger(p.upperBound)) return `the bounds must be integers, got ${p.lowerBound} and ${p.upperBound}`;
  if (p.lowerBound > p.upperBound) return `the lower bound ${p.lowerBound} is greater than the upper bound ${p.upperBound}`;
  // why: the range arithmetic (and `upper + 1`) must stay exact
  if (!Number.isSafeInteger(p.upperBound - p.lowerBound + 1) || !Number.isSafeInteger(p.upperBound + 1)) return `the bounds ${p.lowerBound} and ${p.upperBound} are too far apart to split exactly`;
  return null;
}
