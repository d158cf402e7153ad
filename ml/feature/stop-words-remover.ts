// StopWordsRemover: drops stop words from arrays of strings, column by column (Flink ML's StopWordsRemover). The
// default list is Flink ML's English one; matching ignores case unless caseSensitive, lower-casing both sides by
// the rules of `locale` (Java's String.toLowerCase(Locale); in Turkish, "I" lower-cases to dotless "ı"). Null
// entries of an input array are kept.
import { describeValue, withColumns } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { ENGLISH_STOP_WORDS } from "./stop-words-remover/english-stop-words.js";

/** A Java locale name ("en_US", "tr") that the JavaScript runtime knows (Java's list of available locales differs). */
const knownLocale: ParamValidator<string> = {
  demand: "a locale name such as \"en_US\" or \"tr\" that Intl knows",
  validate: (v) => typeof v === "string" && v.length > 0 && bcp47(v) !== null,
};

/** The BCP 47 tag of a Java locale name, or null when the runtime has no data for it ("rt" is refused, as by Java). */
function bcp47(javaLocale: string): string | null {
  try {
    return Intl.Collator.supportedLocalesOf([javaLocale.replace(/_/g, "-")])[0] ?? null;
  } catch {
    return null;
  }
}

export const STOP_WORDS = Params.stringArray("stopWords", "The words to be filtered out.", [...ENGLISH_STOP_WORDS], ParamValidators.nonEmptyArray());
export const CASE_SENSITIVE = Params.boolean("caseSensitive", "Whether to do a case-sensitive comparison over the stop words.", false);
/** Flink ML's default is the JVM's default locale, or en_US; Eddy's is en_US, so a saved stage means the same everywhere. */
export const LOCALE = Params.string("locale", "Locale of the input for case insensitive matching. Ignored when caseSensitive is true.", "en_US", knownLocale);

export class StopWordsRemover extends RowMapTransformer {
  readonly className = "StopWordsRemover";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, STOP_WORDS, CASE_SENSITIVE, LOCALE);
  }

  /** The default stop words of a language; Eddy ships Flink ML's English list only. */
  static loadDefaultStopWords(language: string): string[] {
    if (language !== "english") throw new Error(`StopWordsRemover: '${language}' is not in the supported language list: english (Flink ML also ships danish … turkish; Eddy does not yet)`);
    return [...ENGLISH_STOP_WORDS];
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getStopWords(): string[] { return this.get(STOP_WORDS); }
  setStopWords(...value: string[]): this { return this.set(STOP_WORDS, value); }
  getCaseSensitive(): boolean { return this.get(CASE_SENSITIVE); }
  setCaseSensitive(value: boolean): this { return this.set(CASE_SENSITIVE, value); }
  getLocale(): string { return this.get(LOCALE); }
  setLocale(value: string): this { return this.set(LOCALE, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    if (inputCols === null || outputCols === null) throw new Error("StopWordsRemover: set inputCols and outputCols before transform");
    if (inputCols.length !== outputCols.length) throw new Error(`StopWordsRemover: inputCols (${inputCols.length}) and outputCols (${outputCols.length}) must have the same length`);
    const caseSensitive = this.getCaseSensitive();
    const locale = bcp47(this.getLocale())!;
    const fold = caseSensitive ? (w: string) => w : (w: string) => w.toLocaleLowerCase(locale);
    const stopWords = new Set(this.getStopWords().map(fold));
    const keep = (w: unknown) => w === null || !stopWords.has(fold(w as string));
    return (row: Row) => {
      const outputs = inputCols.map((col) => {
        const words = row[col];
        if (!Array.isArray(words) || !words.every((w) => w === null || typeof w === "string")) {
          throw new Error(`StopWordsRemover: column '${col}' must hold an array of strings, got ${describeValue(words)} — Tokenizer or RegexTokenizer makes one`);
        }
        return words.filter(keep);
      });
      return withColumns(row, outputCols, outputs);
    };
  }
}

registerStage("StopWordsRemover", () => new StopWordsRemover());
