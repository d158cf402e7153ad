// RandomSplitter: splits a table into weights.length tables at random, row i going to table j with probability
// weights[j] / Σ weights (Flink ML's RandomSplitter). Each subtask draws from java.util.Random seeded with Flink
// ML's Tuple2.of(seed, subtaskIndex).hashCode(), so a row's table is Flink ML's for the same seed, subtask and
// position in that subtask's input; a run is repeatable when the rows reach the subtasks in the same order.
import { AbstractStreamOperator, type DataStream, OutputTag, type RecordBatch } from "../../runtime/index.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { Params, type ParamValidator } from "../core/param.js";
import { asRowStreams, type Row } from "../core/row.js";
import { javaStringHash, SEED } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { JavaRandom, javaLongHash } from "../common/java-random.js";

const positiveWeights: ParamValidator<number[]> = {
  demand: "an array of at least 2 weights, each > 0",
  validate: (v) => Array.isArray(v) && v.length > 1 && v.every((w) => w > 0),
};

export const WEIGHTS = Params.doubleArray("weights", "The weights of data splitting.", [1, 1], positiveWeights);

/** Flink ML's default seed: the hash of the Java class name. */
const DEFAULT_SEED = javaStringHash("org.apache.flink.ml.feature.randomsplitter.RandomSplitter");

export class RandomSplitter extends AlgoOperator {
  readonly className = "RandomSplitter";

  constructor() {
    super();
    this.declareParams(WEIGHTS, SEED);
  }

  getWeights(): number[] { return this.get(WEIGHTS); }
  setWeights(...value: number[]): this { return this.set(WEIGHTS, value); }
  getSeed(): number { return this.get(SEED) ?? DEFAULT_SEED; }
  setSeed(value: number): this { return this.set(SEED, value); }

  /** One output table per weight: the first is the operator's main output, the others its side outputs. */
  transform<T extends Row>(...typed: DataStream<T>[]): DataStream<Row>[] {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const weights = this.getWeights();
    const seed = this.getSeed();
    const env = inputs[0]!.getExecutionEnvironment();
    const id = env.newId();
    const tags = weights.slice(1).map((_, i) => new OutputTag<Row>(`random-splitter-${id}-${i + 1}`));
    const name = "RandomSplitter";
    const split = inputs[0]!.transform<Row>(name, () => new SplitterOperator(name, cumulativeFractions(weights), seed, tags));
    return [split, ...tags.map((tag) => split.getSideOutput(tag))];
  }
}

/** Flink ML's fractions: the running sums of the weights over their total (the last is exactly 1). */
function cumulativeFractions(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const fractions = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    fractions[i] = sum / total;
  }
  return fractions;
}

class SplitterOperator extends AbstractStreamOperator<Row> {
  private random: JavaRandom | null = null;

  constructor(name: string, private readonly fractions: Float64Array, private readonly seed: number, private readonly tags: readonly OutputTag<Row>[]) {
    super(name);
  }

  /** As Flink ML, the generator starts from its seed on every open — also after a restore, which then splits anew. */
  override open(): void {
    // Tuple2.of(seed, subtask).hashCode() = 31 · Long.hashCode(seed) + subtask, in int arithmetic
    this.random = new JavaRandom((Math.imul(31, javaLongHash(this.seed)) + this.ctx.subtaskIndex) | 0);
  }

  processBatch(batch: RecordBatch<any>): void {
    const random = this.random!;
    const fractions = this.fractions;
    const { values, timestamps } = batch;
    for (let i = 0; i < batch.length; i++) {
      // the first table whose fraction reaches the draw (Java's binarySearch: an exact hit counts as reaching)
      const r = random.nextDouble();
      let table = 0;
      while (fractions[table]! < r) table++;
      if (table === 0) this.output.collect(values[i], timestamps[i]!);
      else this.output.collectSide(this.tags[table - 1] as OutputTag<unknown>, values[i], timestamps[i]!);
    }
  }
}

registerStage("RandomSplitter", () => new RandomSplitter());
