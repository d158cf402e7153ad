// MinHashLSH: locality-sensitive hashing for the Jaccard distance (Flink ML's MinHashLSH / MinHashLSHModel). fit
// draws numHashTables × numHashFunctionsPerTable MinHash functions from java.util.Random(seed), exactly Flink ML's
// coefficients; the model maps a vector (the set of its non-zero indices) to one hash vector per table, and answers
// approximate nearest-neighbour and similarity-join queries: rows meet when some table's hash vectors are equal
// (OR-amplification over tables, AND within a table), and the exact distance decides.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import { vectorAt, withColumns } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import { BroadcastMapOperator, type RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { asRowStreams, type Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, javaStringHash, OUTPUT_COL, SEED } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import type { Vector } from "../linalg/vector.js";
import { generateModelData, jaccardDistance, minHash, type MinHashLSHModelData, shareBucket } from "./minhash-lsh/min-hash.js";
import { type HashedRow, SimilarityJoinOperator } from "./minhash-lsh/similarity-join-operator.js";

export type { MinHashLSHModelData } from "./minhash-lsh/min-hash.js";

export const NUM_HASH_TABLES = Params.int("numHashTables", "Number of hash tables.", 1, ParamValidators.gtEq(1));
export const NUM_HASH_FUNCTIONS_PER_TABLE = Params.int("numHashFunctionsPerTable", "Number of hash functions per table.", 1, ParamValidators.gtEq(1));

/** Flink ML's default seed: the hash of the Java class name. */
const DEFAULT_SEED = javaStringHash("org.apache.flink.ml.feature.lsh.MinHashLSH");

export class MinHashLSH extends Estimator<MinHashLSHModel> {
  readonly className = "MinHashLSH";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, NUM_HASH_TABLES, NUM_HASH_FUNCTIONS_PER_TABLE, SEED);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getNumHashTables(): number { return this.get(NUM_HASH_TABLES); }
  setNumHashTables(value: number): this { return this.set(NUM_HASH_TABLES, value); }
  getNumHashFunctionsPerTable(): number { return this.get(NUM_HASH_FUNCTIONS_PER_TABLE); }
  setNumHashFunctionsPerTable(value: number): this { return this.set(NUM_HASH_FUNCTIONS_PER_TABLE, value); }
  getSeed(): number { return this.get(SEED) ?? DEFAULT_SEED; }
  setSeed(value: number): this { return this.set(SEED, value); }

  /** Reads only the vector size (all rows must agree); the hash functions depend on nothing else. */
  fit<T extends Row>(...inputs: DataStream<T>[]): MinHashLSHModel {
    this.expectInputs(inputs, 1);
    const inputCol = this.getInputCol();
    const numHashTables = this.getNumHashTables();
    const perTable = this.getNumHashFunctionsPerTable();
    const seed = this.getSeed();
    const sameSize = (a: number, b: number) => {
      if (a !== -1 && b !== -1 && a !== b) throw new Error(`MinHashLSH: vector sizes are not the same: ${a} and ${b} (column '${inputCol}')`);
      return a === -1 ? b : a;
    };
    const modelData = aggregateBounded<{ dim: number }, MinHashLSHModelData, T>(inputs[0]!, {
      createAccumulator: () => ({ dim: -1 }),
      add: (acc, row) => ({ dim: sameSize(acc.dim, vectorAt(row, inputCol, "MinHashLSH").size()) }),
      merge: (a, b) => ({ dim: sameSize(a.dim, b.dim) }),
      result(acc) {
        if (acc.dim === -1) throw new Error("MinHashLSH: the training set is empty — fit needs at least one row to learn the vector size");
        return [generateModelData(numHashTables, perTable, acc.dim, seed)];
      },
    }, "MinHashLSH");
    return new MinHashLSHModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class MinHashLSHModel extends RowMapModel<MinHashLSHModelData> {
  readonly className = "MinHashLSHModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  /** Adds outputCol: an array of numHashTables DenseVectors of numHashFunctionsPerTable hash values. */
  protected mapperFactory(): (modelData: readonly MinHashLSHModelData[]) => RowFilterMapper {
    const hashes = this.hashesReader();
    const outputCol = this.getOutputCol();
    return ([data]) => (row) => withColumns(row, [outputCol], [hashes(data!, row)]);
  }

  /**
   * At most k rows of `dataset` closest to `key` among those sharing a bucket with it, with their distance in
   * `distCol` (and the hashes in outputCol); of equally distant rows, those merged first are kept. Rows that already
   * have outputCol are not hashed again. (Flink ML's top-k accumulator can return more than k rows; this one never does.)
   */
  approxNearestNeighbors<T extends Row>(dataset: DataStream<T>, key: Vector, k: number, distCol = "distCol"): DataStream<Row> {
    if (!Number.isInteger(k) || k < 1) throw new Error(`MinHashLSHModel.approxNearestNeighbors: k must be a positive integer, got ${k}`);
    const hashes = this.hashesReader();
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const name = "MinHashLSHModel: same bucket as the key";
    const candidates = asRowStreams([dataset])[0]!
      .connect(this.getModelData()[0]!.broadcast())
      .transform<Row>(name, () => new BroadcastMapOperator(name, this.className, (modelData) => {
        const data = modelData[0] as MinHashLSHModelData;
        const keyHashes = minHash(data, key);
        return (row: Row) => {
          const rowHashes = hashes(data, row);
          if (!shareBucket(keyHashes, rowHashes)) return null;
          return withColumns(row, [outputCol, distCol], [rowHashes, jaccardDistance(key, vectorAt(row, inputCol, "MinHashLSHModel"))]);
        };
      }));
    const byDistance = (a: Row, b: Row) => (a[distCol] as number) - (b[distCol] as number);
    return aggregateBounded<Row[], Row>(candidates, {
      createAccumulator: () => [],
      add: (acc, row) => insertNearest(acc, row, k, byDistance),
      merge: (a, b) => {
        for (const row of b) insertNearest(a, row, k, byDistance);
        return a;
      },
      result: (acc) => acc,
    }, "MinHashLSHModel: top k");
  }

  /**
   * Pairs of rows, one from each dataset, whose distance is at most `threshold` among those sharing a bucket:
   * `{ "datasetA.id", "datasetB.id", [distCol] }` (Flink ML's columns), each pair once.
   */
  approxSimilarityJoin<A extends Row, B extends Row>(datasetA: DataStream<A>, datasetB: DataStream<B>, threshold: number, idCol: string, distCol = "distCol"): DataStream<Row> {
    const hashedA = this.hashedRows(asRowStreams([datasetA])[0]!, idCol, "A");
    const hashedB = this.hashedRows(asRowStreams([datasetB])[0]!, idCol, "B");
    const name = "MinHashLSHModel: similarity join";
    return hashedA.global().connect(hashedB.global()).transform<Row>(name, () => new SimilarityJoinOperator(name, { threshold, distCol })).setParallelism(1);
  }

  private hashedRows(dataset: DataStream<Row>, idCol: string, which: string): DataStream<Row> {
    const hashes = this.hashesReader();
    const inputCol = this.getInputCol();
    const name = `MinHashLSHModel: hash dataset ${which}`;
    return dataset.connect(this.getModelData()[0]!.broadcast()).transform<Row>(name, () => new BroadcastMapOperator(name, this.className, (modelData) => {
      const data = modelData[0] as MinHashLSHModelData;
      return (row: Row) => {
        if (!(idCol in row)) throw new Error(`MinHashLSHModel.approxSimilarityJoin: a row of dataset ${which} has no id column '${idCol}'`);
        const hashed: HashedRow = { id: row[idCol], vector: vectorAt(row, inputCol, "MinHashLSHModel"), hashes: hashes(data, row) };
        return hashed as unknown as Row;
      };
    }));
  }

  /** The row's hashes: its outputCol when it holds them already (Flink ML reuses a transformed table), else computed. */
  private hashesReader(): (data: MinHashLSHModelData, row: Row) => DenseVector[] {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return (data, row) => {
      const existing = row[outputCol];
      if (Array.isArray(existing) && existing.length === data.numHashTables && existing.every((h) => h instanceof DenseVector)) return existing as DenseVector[];
      return minHash(data, vectorAt(row, inputCol, "MinHashLSHModel"));
    };
  }
}

/** Inserts `row` into `acc` (sorted by `order`, at most k rows); a row no nearer than the k-th is dropped at once. */
function insertNearest(acc: Row[], row: Row, k: number, order: (a: Row, b: Row) => number): Row[] {
  if (acc.length === k && order(row, acc[k - 1]!) >= 0) return acc;
  let at = acc.length;
  // why strictly greater: an equally distant row goes after the ones already kept, so earlier rows win ties
  while (at > 0 && order(acc[at - 1]!, row) > 0) at--;
  acc.splice(at, 0, row);
  if (acc.length > k) acc.length = k;
  return acc;
}

registerStage("MinHashLSH", () => new MinHashLSH());
registerStage("MinHashLSHModel", () => new MinHashLSHModel());
