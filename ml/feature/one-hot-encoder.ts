// OneHotEncoder: maps category indices 0, 1, … to sparse one-hot vectors (Flink ML's OneHotEncoder). Unlike
// scikit-learn, the categories of a column are 0..max, max the largest index seen in training (not the distinct values
// seen), and with dropLast (the default) the last category is left out, so it encodes as the all-zero vector.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { numberAt, withColumns } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { HANDLE_INVALID, HANDLE_INVALID_ERROR, INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { SparseVector } from "../linalg/sparse-vector.js";

export const DROP_LAST = Params.boolean("dropLast", "Whether to drop the last category.", true);

/** Per input column, the largest index seen in training. */
export interface OneHotEncoderModelData {
  readonly maxIndices: number[];
}

function indexAt(row: Row, col: string, stage: string): number {
  const x = numberAt(row, col, stage);
  if (!Number.isInteger(x) || x < 0) throw new Error(`${stage}: column '${col}' holds ${x}, which is not a category index (an integer >= 0)`);
  return x;
}

export class OneHotEncoder extends Estimator<OneHotEncoderModel> {
  readonly className = "OneHotEncoder";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, HANDLE_INVALID, DROP_LAST);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }
  getDropLast(): boolean { return this.get(DROP_LAST); }
  setDropLast(value: boolean): this { return this.set(DROP_LAST, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): OneHotEncoderModel {
    this.expectInputs(inputs, 1);
    if (this.getHandleInvalid() !== HANDLE_INVALID_ERROR) throw new Error(`OneHotEncoder: handleInvalid '${this.getHandleInvalid()}' is not supported yet — only 'error' (as in Flink ML)`);
    const inputCols = this.getInputCols();
    if (inputCols === null) throw new Error("OneHotEncoder: set inputCols before fit");
    const aggregator: BoundedAggregator<{ max: number[] | null }, OneHotEncoderModelData> = {
      createAccumulator: () => ({ max: null }),
      add(acc, row) {
        const max = (acc.max ??= new Array<number>(inputCols.length).fill(-1));
        for (let i = 0; i < inputCols.length; i++) max[i] = Math.max(max[i]!, indexAt(row, inputCols[i]!, "OneHotEncoder"));
        return acc;
      },
      merge(a, b) {
        if (b.max === null) return a;
        if (a.max === null) return b;
        a.max = a.max.map((m, i) => Math.max(m, b.max![i]!));
        return a;
      },
      result({ max }) {
        if (max === null) throw new Error("OneHotEncoder: the training set is empty — fit needs at least one row");
        return [{ maxIndices: max }];
      },
    };
    return new OneHotEncoderModel().setModelData(aggregateBounded(inputs[0]!, aggregator, "OneHotEncoder")).updateExistingParams(this.getParamMap());
  }
}

export class OneHotEncoderModel extends RowMapModel<OneHotEncoderModelData> {
  readonly className = "OneHotEncoderModel";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, HANDLE_INVALID, DROP_LAST);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }
  getDropLast(): boolean { return this.get(DROP_LAST); }
  setDropLast(value: boolean): this { return this.set(DROP_LAST, value); }

  protected mapperFactory(): (modelData: readonly OneHotEncoderModelData[]) => RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    const dropLast = this.getDropLast();
    if (inputCols === null || outputCols === null || inputCols.length !== outputCols.length) {
      throw new Error("OneHotEncoderModel: set inputCols and as many outputCols before transform");
    }
    return ([data]) => {
      const sizes = data!.maxIndices.map((max) => (dropLast ? max : max + 1));
      return (row) => {
        const vectors = inputCols.map((col, i) => {
          const idx = indexAt(row, col, "OneHotEncoderModel");
          const size = sizes[i]!;
          if (idx === size) return new SparseVector(size, [], []); // the dropped last category
          if (idx > size) throw new Error(`OneHotEncoderModel: column '${col}' holds index ${idx}, but training saw indices up to ${data!.maxIndices[i]}`);
          return new SparseVector(size, [idx], [1]);
        });
        return withColumns(row, outputCols, vectors);
      };
    };
  }
}

registerStage("OneHotEncoder", () => new OneHotEncoder());
registerStage("OneHotEncoderModel", () => new OneHotEncoderModel());
