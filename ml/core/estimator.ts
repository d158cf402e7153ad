// Estimator: a stage that fits a Model to input tables (Flink ML's Estimator). fit() builds the training job and
// returns the model at once; its model data is a stream that the training job produces when it runs.
import type { DataStream } from "../../runtime/index.js";
import type { Model } from "./model.js";
import type { Row } from "./row.js";
import { Stage } from "./stage.js";

export abstract class Estimator<M extends Model = Model> extends Stage {
  abstract fit<T extends Row>(...inputs: DataStream<T>[]): M;

  protected expectInputs(inputs: readonly unknown[], count: number): void {
    if (inputs.length !== count) throw new Error(`${this.className}.fit expects ${count} input table(s), got ${inputs.length}`);
  }
}
