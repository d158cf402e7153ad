// AlgoOperator: a stage that computes output tables from input tables (Flink ML's AlgoOperator). transform() only
// builds the job graph; the results appear when the job runs (executeAndCollect on an output).
import type { DataStream } from "../../runtime/index.js";
import type { Row } from "./row.js";
import { Stage } from "./stage.js";

export abstract class AlgoOperator extends Stage {
  abstract transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[];

  /** Checks the number of input tables, with the stage's name in the error. */
  protected expectInputs(inputs: readonly unknown[], count: number): void {
    if (inputs.length !== count) throw new Error(`${this.className}.transform expects ${count} input table(s), got ${inputs.length}`);
  }
}
