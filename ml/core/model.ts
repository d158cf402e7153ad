// Model: a Transformer with model data (Flink ML's Model). The model data is itself a stream — produced by the
// estimator's training job, or read from a saved model — and save() runs the job that collects it.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { loadModelData, saveMetadata, saveModelData, type StageMetadata } from "./read-write.js";
import { Transformer } from "./transformer.js";

export abstract class Model extends Transformer {
  private modelData: DataStream<any>[] | null = null;

  setModelData(...inputs: DataStream<any>[]): this {
    if (inputs.length === 0) throw new Error(`${this.className}.setModelData needs at least one model data stream`);
    this.modelData = inputs;
    return this;
  }

  getModelData(): DataStream<any>[] {
    if (this.modelData === null) throw new Error(`${this.className} has no model data: fit an estimator, call setModelData, or load a saved model`);
    return this.modelData;
  }

  /** Writes the metadata, then runs the job that computes the model data and writes it under `<path>/data/`. */
  override async save(path: string): Promise<void> {
    await saveMetadata(this, path);
    const records = await this.getModelData()[0]!.executeAndCollect(`Save ${this.className} model data`);
    await saveModelData(records, path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, _metadata: StageMetadata): Promise<void> {
    const records = await loadModelData(path);
    this.setModelData(env.fromCollection(records));
  }
}
