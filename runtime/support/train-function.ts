// `train Learner(…)` and `predict latest(m)`: the glue between a job's records and ml/'s online learners. The
// generated job builds the configured estimator or model (it imports eddy/ml), so this support module does not import
// ml/ and jobs that never train do not bundle it. Records become ml/ rows (features as a DenseVector) on the way in;
// model versions and scored rows become plain `.flow` records (vectors as arrays) on the way out.
import type { DataStream } from "../index.js";

type Row = Record<string, unknown>;

/** What `train` needs of an ml/ online estimator (OnlineLogisticRegression, OnlineKMeans), configured by the job. */
export interface OnlineEstimatorLike {
  setInitialModelData(modelData: DataStream<unknown>): unknown;
  fit(...inputs: DataStream<Row>[]): { getModelData(): DataStream<unknown>[] };
}

/** What `predict latest` needs of an ml/ online model (OnlineLogisticRegressionModel, OnlineKMeansModel). */
export interface OnlineModelLike {
  setModelData(...inputs: DataStream<unknown>[]): unknown;
  transform(...inputs: DataStream<Row>[]): DataStream<Row>[];
}

export interface TrainSpec<IN, MD, OUT> {
  /** `train#<node>`, the prefix of the operators' names. */
  readonly name: string;
  readonly estimator: OnlineEstimatorLike;
  /** The initial model data record (ml/'s shape: vectors as DenseVectors). */
  readonly initial: unknown;
  /** The training row of a record: `features` (a DenseVector), and `label` and `weight` where the learner reads them. */
  readonly toRow: (record: IN) => Row;
  /** A model version as a `.flow` record (vectors as arrays). */
  readonly toRecord: (modelData: MD) => OUT;
}

/**
 * The model-data stream of an online learner trained on `input`: ml/'s training graph (mini-batches at the job's
 * parallelism, one update subtask), whose versions leave as records from one subtask, in version order.
 */
export function trainOnlineLearner<IN, MD, OUT>(input: DataStream<IN>, spec: TrainSpec<IN, MD, OUT>): DataStream<OUT> {
  const env = input.getExecutionEnvironment();
  const rows = input.map(spec.toRow, `${spec.name}: rows`);
  spec.estimator.setInitialModelData(env.fromCollection([spec.initial]));
  const versions = spec.estimator.fit(rows).getModelData()[0]! as DataStream<MD>;
  // why parallelism 1: the update operator emits from one subtask; a wider map would reorder the versions
  return versions.map(spec.toRecord, `${spec.name}: versions`).setParallelism(1);
}

/** Where the record and its feature vector travel through ml/'s scoring operator (the model adds its columns beside). */
const RECORD = "record";
const FEATURES = "features";

export interface PredictLatestSpec<IN, M, OUT> {
  /** `predict#<node>`, the prefix of the operators' names. */
  readonly name: string;
  /** The model, its features column set to `features` (the other columns are Flink ML's defaults). */
  readonly model: OnlineModelLike;
  /** The feature vector of a record (a DenseVector, as the training assembled it). */
  readonly features: (record: IN) => unknown;
  /** A model-version record back into ml/'s model data (arrays into DenseVectors). */
  readonly toModelData: (record: M) => unknown;
  /** The output record: the input's fields and the prediction columns of the scored row (vectors into arrays). */
  readonly fromRow: (record: IN, scored: Row) => OUT;
}

/**
 * Scores `input` with the newest model version arriving on `models` (Flink ML's online models fed with
 * setModelData(stream)): the versions are broadcast to every scoring subtask, and rows that arrive before the first
 * version wait, in checkpointed state, until it comes.
 */
export function predictWithLatest<IN, M, OUT>(input: DataStream<IN>, models: DataStream<M>, spec: PredictLatestSpec<IN, M, OUT>): DataStream<OUT> {
  // why parallelism 1: the scoring operator keeps the last version to arrive, so versions must keep their order
  const modelData = models.map(spec.toModelData, `${spec.name}: model versions`).setParallelism(1);
  spec.model.setModelData(modelData);
  const rows = input.map((record): Row => ({ [RECORD]: record, [FEATURES]: spec.features(record) }), `${spec.name}: features`);
  const scored = spec.model.transform(rows)[0]!;
  return scored.map((row) => spec.fromRow(row[RECORD] as IN, row), `${spec.name}: records`);
}
