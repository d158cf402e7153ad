// What the online estimators share (Flink ML's OnlineKMeans and OnlineLogisticRegression): training starts from an
// initial model given as a table, which save() writes beside the params and load reads back — the estimator's own
// model data, since its fitted model's data is an unbounded stream.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { Estimator } from "../core/estimator.js";
import type { Model } from "../core/model.js";
import { loadModelData, saveMetadata, saveModelData, type StageMetadata } from "../core/read-write.js";

export abstract class OnlineEstimator<M extends Model> extends Estimator<M> {
  private initialModelData: DataStream<unknown> | null = null;

  /** What the error says the initial model table must hold (one record of the model data's shape). */
  protected abstract readonly initialModelShape: string;

  /** The model training starts from: a table of one model data record (required, as in Flink ML). */
  setInitialModelData(modelData: DataStream<any>): this {
    this.initialModelData = modelData;
    return this;
  }

  /** Saves the params and the initial model data (running the job that collects it), as Flink ML. */
  override async save(path: string): Promise<void> {
    const initial = this.requireInitialModelData();
    await saveMetadata(this, path);
    await saveModelData(await initial.executeAndCollect(`Save ${this.className} initial model data`), path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, _metadata: StageMetadata): Promise<void> {
    this.setInitialModelData(env.fromCollection(await loadModelData(path)));
  }

  protected requireInitialModelData(): DataStream<unknown> {
    if (this.initialModelData === null) throw new Error(`${this.className} has no initial model data: call setInitialModelData with a table of ${this.initialModelShape}`);
    return this.initialModelData;
  }
}
