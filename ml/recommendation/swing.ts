// Swing (Flink ML's): item-to-item similarity from user–item purchases, robust to noise because it counts how often
// pairs of users who bought an item also share other items. Its one output table has a row per item with similar
// items: { itemCol: item, outputCol: "item,score;item,score;…" } — the k best, in Flink ML's string form. Users with
// fewer than minUserBehavior or more than maxUserBehavior distinct items are left out. Users and items are integers
// (Flink ML: Long). The computation is keyed: by user to gather each user's items, then by item to score its pairs.
import type { DataStream } from "../../runtime/index.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { numberAt } from "../core/columns.js";
import { asRowStreams, type Row } from "../core/row.js";
import { javaStringHash, OUTPUT_COL, SEED } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { CollectUserBehavior, type UserPurchase } from "./swing/collect-user-behavior.js";
import { ComputeSimilarItems } from "./swing/compute-similar-items.js";
import { ALPHA1, ALPHA2, BETA, ITEM_COL, K, MAX_USER_BEHAVIOR, MAX_USER_NUM_PER_ITEM, MIN_USER_BEHAVIOR, SWING_PARAMS, USER_COL } from "./swing-params.js";

/** Flink ML's default seed: the hash of the stage's Java class name. */
const DEFAULT_SEED = javaStringHash("org.apache.flink.ml.recommendation.swing.Swing");

export class Swing extends AlgoOperator {
  readonly className = "Swing";

  constructor() {
    super();
    this.declareParams(...SWING_PARAMS);
  }

  getUserCol(): string { return this.get(USER_COL); }
  setUserCol(value: string): this { return this.set(USER_COL, value); }
  getItemCol(): string { return this.get(ITEM_COL); }
  setItemCol(value: string): this { return this.set(ITEM_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getSeed(): number { return this.get(SEED) ?? DEFAULT_SEED; }
  setSeed(value: number): this { return this.set(SEED, value); }
  getMaxUserNumPerItem(): number { return this.get(MAX_USER_NUM_PER_ITEM); }
  setMaxUserNumPerItem(value: number): this { return this.set(MAX_USER_NUM_PER_ITEM, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }
  getMinUserBehavior(): number { return this.get(MIN_USER_BEHAVIOR); }
  setMinUserBehavior(value: number): this { return this.set(MIN_USER_BEHAVIOR, value); }
  getMaxUserBehavior(): number { return this.get(MAX_USER_BEHAVIOR); }
  setMaxUserBehavior(value: number): this { return this.set(MAX_USER_BEHAVIOR, value); }
  getAlpha1(): number { return this.get(ALPHA1); }
  setAlpha1(value: number): this { return this.set(ALPHA1, value); }
  getAlpha2(): number { return this.get(ALPHA2); }
  setAlpha2(value: number): this { return this.set(ALPHA2, value); }
  getBeta(): number { return this.get(BETA); }
  setBeta(value: number): this { return this.set(BETA, value); }

  transform<T extends Row>(...typed: DataStream<T>[]): DataStream<Row>[] {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const [userCol, itemCol] = [this.getUserCol(), this.getItemCol()];
    const [minB, maxB] = [this.getMinUserBehavior(), this.getMaxUserBehavior()];
    if (maxB < minB) throw new Error(`Swing: maxUserBehavior must be greater than or equal to minUserBehavior, got maxUserBehavior=${maxB}, minUserBehavior=${minB}`);
    const settings = { itemCol, outputCol: this.getOutputCol(), k: this.getK(), maxUserNumPerItem: this.getMaxUserNumPerItem(), alpha1: this.getAlpha1(), alpha2: this.getAlpha2(), beta: this.getBeta(), seed: this.getSeed() };
    const purchases = inputs[0]!.map<[number, number]>((row) => [integerAt(row, userCol), integerAt(row, itemCol)], "Swing: purchases");
    const perUser = purchases
      .keyBy((p) => p[0])
      .transform<UserPurchase>("Swing: collect user behavior", () => new CollectUserBehavior("Swing: collect user behavior", minB, maxB));
    return [perUser.keyBy((p) => p.item).transform<Row>("Swing: compute similar items", () => new ComputeSimilarItems("Swing: compute similar items", settings))];
  }
}

function integerAt(row: Row, col: string): number {
  const value = numberAt(row, col, "Swing");
  if (!Number.isSafeInteger(value)) throw new Error(`Swing: column '${col}' must hold integer ids (Flink ML: Long), got ${value}`);
  return value;
}

registerStage("Swing", () => new Swing());
