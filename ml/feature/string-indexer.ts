// StringIndexer: maps the strings (or numbers) of each input column to indices 0, 1, … in an order chosen by
// stringOrderType (Flink ML's StringIndexer); IndexToStringModel maps indices back. Unseen strings are invalid:
// 'error' fails, 'skip' drops the row, 'keep' gives them the index after the last. Flink ML leaves ties in the
// frequency orders (and the 'arbitrary' order) to a hash map; here ties go alphabetically and 'arbitrary' is the order
// strings were first seen in. Numbers become strings with JavaScript's String() (1.0 is "1"; Java writes "1.0").
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { describeValue, withColumns } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { HANDLE_INVALID, HANDLE_INVALID_ERROR, HANDLE_INVALID_KEEP, INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";

export const ARBITRARY_ORDER = "arbitrary";
export const FREQUENCY_DESC_ORDER = "frequencyDesc";
export const FREQUENCY_ASC_ORDER = "frequencyAsc";
export const ALPHABET_DESC_ORDER = "alphabetDesc";
export const ALPHABET_ASC_ORDER = "alphabetAsc";

export const STRING_ORDER_TYPE = Params.string(
  "stringOrderType",
  "How to order strings of each column.",
  ARBITRARY_ORDER,
  ParamValidators.inArray([ARBITRARY_ORDER, FREQUENCY_DESC_ORDER, FREQUENCY_ASC_ORDER, ALPHABET_DESC_ORDER, ALPHABET_ASC_ORDER]),
);
export const MAX_INDEX_NUM = Params.int(
  "maxIndexNum",
  "The max number of indices for each column. It only works when 'stringOrderType' is set as 'frequencyDesc'.",
  2 ** 31 - 1,
  ParamValidators.gt(1),
);

/** Per input column, its strings in index order. */
export interface StringIndexerModelData {
  readonly stringArrays: string[][];
}

function stringAt(row: Row, col: string, stage: string): string {
  const value = row[col];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new Error(`${stage}: column '${col}' must hold a string or a number, got ${describeValue(value)}`);
}

const byString = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export class StringIndexer extends Estimator<StringIndexerModel> {
  readonly className = "StringIndexer";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, HANDLE_INVALID, STRING_ORDER_TYPE, MAX_INDEX_NUM);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }
  getStringOrderType(): string { return this.get(STRING_ORDER_TYPE); }
  setStringOrderType(value: string): this { return this.set(STRING_ORDER_TYPE, value); }
  getMaxIndexNum(): number { return this.get(MAX_INDEX_NUM); }
  setMaxIndexNum(value: number): this { return this.set(MAX_INDEX_NUM, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): StringIndexerModel {
    this.expectInputs(inputs, 1);
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    if (inputCols === null || outputCols === null || inputCols.length !== outputCols.length) throw new Error("StringIndexer: set inputCols and as many outputCols before fit");
    const order = this.getStringOrderType();
    const maxIndexNum = this.getMaxIndexNum();
    if (maxIndexNum < 2 ** 31 - 1 && order !== FREQUENCY_DESC_ORDER) {
      throw new Error(`StringIndexer: maxIndexNum only works with stringOrderType '${FREQUENCY_DESC_ORDER}', not '${order}'`);
    }
    const aggregator: BoundedAggregator<{ counts: Map<string, number>[] }, StringIndexerModelData> = {
      createAccumulator: () => ({ counts: inputCols.map(() => new Map<string, number>()) }),
      add(acc, row) {
        for (let i = 0; i < inputCols.length; i++) {
          const s = stringAt(row, inputCols[i]!, "StringIndexer");
          acc.counts[i]!.set(s, (acc.counts[i]!.get(s) ?? 0) + 1);
        }
        return acc;
      },
      merge(a, b) {
        b.counts.forEach((counts, i) => counts.forEach((n, s) => a.counts[i]!.set(s, (a.counts[i]!.get(s) ?? 0) + n)));
        return a;
      },
      result({ counts }) {
        if (counts.every((c) => c.size === 0)) throw new Error("StringIndexer: the training set is empty — fit needs at least one row");
        return [{ stringArrays: counts.map((c) => orderStrings([...c.entries()], order, maxIndexNum)) }];
      },
    };
    const modelData = aggregateBounded(inputs[0]!, aggregator, "StringIndexer");
    return new StringIndexerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function orderStrings(entries: [string, number][], order: string, maxIndexNum: number): string[] {
  switch (order) {
    case ALPHABET_ASC_ORDER:
      entries.sort(byString);
      break;
    case ALPHABET_DESC_ORDER:
      entries.sort((a, b) => byString(b, a));
      break;
    case FREQUENCY_ASC_ORDER:
      entries.sort((a, b) => a[1] - b[1] || byString(a, b));
      break;
    case FREQUENCY_DESC_ORDER:
      entries.sort((a, b) => b[1] - a[1] || byString(a, b));
      // why maxIndexNum − 1: the last index is kept for the infrequent strings (handled as unseen)
      if (entries.length > maxIndexNum) entries = entries.slice(0, maxIndexNum - 1);
      break;
  }
  return entries.map(([s]) => s);
}

export class StringIndexerModel extends RowMapModel<StringIndexerModelData> {
  readonly className = "StringIndexerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, HANDLE_INVALID);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }

  protected mapperFactory(): (modelData: readonly StringIndexerModelData[]) => RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    const handleInvalid = this.getHandleInvalid();
    return ([data]) => {
      const indexOf = data!.stringArrays.map((strings) => new Map(strings.map((s, i) => [s, i])));
      if (indexOf.length !== inputCols.length) throw new Error(`StringIndexerModel: the model indexes ${indexOf.length} columns, inputCols names ${inputCols.length}`);
      return (row) => {
        const indices = new Array<number>(inputCols.length);
        for (let i = 0; i < inputCols.length; i++) {
          const s = stringAt(row, inputCols[i]!, "StringIndexerModel");
          const index = indexOf[i]!.get(s);
          if (index !== undefined) indices[i] = index;
          else if (handleInvalid === HANDLE_INVALID_KEEP) indices[i] = indexOf[i]!.size;
          else if (handleInvalid === HANDLE_INVALID_ERROR) {
            throw new Error(`StringIndexerModel: column '${inputCols[i]}' holds '${s}', which training did not see — set handleInvalid to 'skip' or 'keep' to accept it`);
          } else return null;
        }
        return withColumns(row, outputCols, indices);
      };
    };
  }
}

/** Maps indices back to the strings a StringIndexer gave them (Flink ML's IndexToStringModel). */
export class IndexToStringModel extends RowMapModel<StringIndexerModelData> {
  readonly className = "IndexToStringModel";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }

  protected mapperFactory(): (modelData: readonly StringIndexerModelData[]) => RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    return ([data]) => (row) =>
      withColumns(
        row,
        outputCols,
        inputCols.map((col, i) => {
          const index = row[col];
          const strings = data!.stringArrays[i]!;
          if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= strings.length) {
            throw new Error(`IndexToStringModel: column '${col}' holds ${describeValue(index)}, not an index the model knows (0..${strings.length - 1})`);
          }
          return strings[index];
        }),
      );
  }
}

registerStage("StringIndexer", () => new StringIndexer());
registerStage("StringIndexerModel", () => new StringIndexerModel());
registerStage("IndexToStringModel", () => new IndexToStringModel());
