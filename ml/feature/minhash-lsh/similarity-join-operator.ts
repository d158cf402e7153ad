// The bucket join of MinHashLSHModel.approxSimilarityJoin: rows of dataset A (input 0) and B (input 1), each with
// its hash vectors, meet when some table's hash vector is equal; each pair is checked once with the exact Jaccard
// distance and kept when it is at most the threshold. Both inputs are bounded; the pairs leave when both have ended
// (Flink ML joins in EndOfStreamWindows). One subtask: the buffered rows are its operator state.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import type { Row } from "../../core/row.js";
import type { DenseVector } from "../../linalg/dense-vector.js";
import type { Vector } from "../../linalg/vector.js";
import { jaccardDistance } from "./min-hash.js";

/** A row of either dataset, reduced to what the join needs. */
export interface HashedRow {
  readonly id: unknown;
  readonly vector: Vector;
  readonly hashes: DenseVector[];
}

export interface SimilarityJoinSettings {
  readonly threshold: number;
  readonly distCol: string;
}

export class SimilarityJoinOperator extends AbstractStreamOperator<Row> {
  private rows: [HashedRow[], HashedRow[]] = [[], []];
  private ended = [false, false];

  constructor(name: string, private readonly settings: SimilarityJoinSettings) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const rows = this.rows[input as 0 | 1];
    for (let i = 0; i < batch.length; i++) rows.push(batch.values[i] as HashedRow);
  }

  override endInput(input: number): void {
    this.ended[input] = true;
    if (this.ended[0] && this.ended[1]) this.emitPairs();
  }

  /** Steps: 1. index B's rows by (table, hash vector); 2. probe with each row of A; 3. check each distinct pair once. */
  private emitPairs(): void {
    const [a, b] = this.rows;
    const buckets = new Map<string, number[]>();
    b.forEach((row, j) => {
      row.hashes.forEach((h, t) => {
        const key = bucketKey(t, h);
        const members = buckets.get(key);
        if (members === undefined) buckets.set(key, [j]);
        else members.push(j);
      });
    });
    const { threshold, distCol } = this.settings;
    const seen = new Set<number>();
    for (const rowA of a) {
      seen.clear();
      rowA.hashes.forEach((h, t) => {
        for (const j of buckets.get(bucketKey(t, h)) ?? []) {
          if (seen.has(j)) continue; // why: a pair that shares several buckets is one pair (Flink ML's distinct reduce)
          seen.add(j);
          const rowB = b[j]!;
          const distance = jaccardDistance(rowA.vector, rowB.vector);
          if (distance <= threshold) this.output.collect({ "datasetA.id": rowA.id, "datasetB.id": rowB.id, [distCol]: distance }, NO_TIMESTAMP);
        }
      });
    }
    this.rows = [[], []];
  }

  protected override snapshotOperatorState(): unknown[] {
    return [stringifyMl({ rows: this.rows, ended: this.ended })];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    for (const saved of state) {
      const s = parseMl(saved as string) as { rows: [HashedRow[], HashedRow[]]; ended: boolean[] };
      this.rows[0].push(...s.rows[0]);
      this.rows[1].push(...s.rows[1]);
      this.ended = [this.ended[0] || s.ended[0]!, this.ended[1] || s.ended[1]!];
    }
  }
}

function bucketKey(table: number, hash: DenseVector): string {
  return `${table}:${hash.values.join(",")}`;
}
