// RegexTokenizer: splits a string at a regular expression (gaps = true) or takes its matches (gaps = false), keeping
// tokens of at least minTokenLength characters (Flink ML's RegexTokenizer). Patterns are JavaScript regular
// expressions; the common ones (\s+, \w+, [a-z]+) mean what they mean in Java.
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { javaSplit } from "./tokenizer.js";

export const MIN_TOKEN_LENGTH = Params.int("minTokenLength", "Minimum token length", 1, ParamValidators.gtEq(0));
export const GAPS = Params.boolean("gaps", "Set regex to match gaps or tokens", true);
export const PATTERN = Params.string("pattern", "Regex pattern used for tokenizing", "\\s+");
export const TO_LOWERCASE = Params.boolean("toLowercase", "Whether to convert all characters to lowercase before tokenizing", true);

export class RegexTokenizer extends RowMapTransformer {
  readonly className = "RegexTokenizer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, MIN_TOKEN_LENGTH, GAPS, PATTERN, TO_LOWERCASE);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getMinTokenLength(): number { return this.get(MIN_TOKEN_LENGTH); }
  setMinTokenLength(value: number): this { return this.set(MIN_TOKEN_LENGTH, value); }
  getGaps(): boolean { return this.get(GAPS); }
  setGaps(value: boolean): this { return this.set(GAPS, value); }
  getPattern(): string { return this.get(PATTERN); }
  setPattern(value: string): this { return this.set(PATTERN, value); }
  getToLowercase(): boolean { return this.get(TO_LOWERCASE); }
  setToLowercase(value: boolean): this { return this.set(TO_LOWERCASE, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const minLength = this.getMinTokenLength();
    const gaps = this.getGaps();
    const lower = this.getToLowercase();
    let pattern: RegExp;
    try {
      pattern = new RegExp(this.getPattern(), gaps ? "" : "g");
    } catch (cause) {
      throw new Error(`RegexTokenizer: pattern '${this.getPattern()}' is not a valid regular expression`, { cause });
    }
    return (row) => {
      const raw = row[inputCol];
      if (typeof raw !== "string") throw new Error(`RegexTokenizer: column '${inputCol}' must hold a string, got ${describeValue(raw)}`);
      const text = lower ? raw.toLowerCase() : raw;
      const tokens = gaps ? javaSplit(text, pattern) : Array.from(text.matchAll(pattern), (m) => m[0]);
      return withColumn(row, outputCol, tokens.filter((token) => token.length >= minLength));
    };
  }
}

registerStage("RegexTokenizer", () => new RegexTokenizer());
