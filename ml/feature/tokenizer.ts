// Tokenizer: lower-cases a string and splits it at each whitespace character (Flink ML's Tokenizer, Java's
// split("\\s"): empty tokens between adjacent spaces are kept, trailing empty ones dropped).
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";

/** Java's String.split(regex): trailing empty strings are removed; a leading empty one stays unless the match is empty. */
export function javaSplit(input: string, pattern: RegExp): string[] {
  const parts = input.split(pattern);
  let end = parts.length;
  while (end > 0 && parts[end - 1] === "") end--;
  // why: Java returns [input] for an input with no match, including "" → [""]
  return input === "" ? [""] : parts.slice(0, end);
}

export class Tokenizer extends RowMapTransformer {
  readonly className = "Tokenizer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return (row) => {
      const text = row[inputCol];
      if (typeof text !== "string") throw new Error(`Tokenizer: column '${inputCol}' must hold a string, got ${describeValue(text)}`);
      return withColumn(row, outputCol, javaSplit(text.toLowerCase(), /\s/));
    };
  }
}

registerStage("Tokenizer", () => new Tokenizer());
