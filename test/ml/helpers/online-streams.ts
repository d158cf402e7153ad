// Helpers for the online learners' tests: training tables as round-robin generated streams (subtask s of p reads
// rows s, s+p, …, so every parallelism sees the same global mini-batches), and model data as plain arrays.
import { type DataStream, GeneratorSource, type StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { DenseVector, type Row } from "../../../ml/index.js";

/** `rows` as a stream read round-robin by the environment's parallelism (a GeneratorSource). */
export function generatedTable(env: StreamExecutionEnvironment, rows: readonly Row[], name = "train"): DataStream<Row> {
  return env.fromSource(new GeneratorSource((i) => rows[i]!, rows.length), WatermarkStrategy.noWatermarks<Row>(), name);
}

export const dense = (values: readonly number[]): DenseVector => new DenseVector(Float64Array.from(values));

export const plain = (v: { values: Float64Array }): number[] => Array.from(v.values);
