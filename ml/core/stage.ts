// Stage: anything with params that can be saved and loaded (Flink ML's Stage) — the base of estimators, algorithm
// operators, transformers, models and pipelines.
import type { StreamExecutionEnvironment } from "../../runtime/index.js";
import { loadMetadata, saveMetadata, type StageMetadata } from "./read-write.js";
import { createStage } from "./stage-registry.js";
import { WithParams } from "./with-params.js";

export abstract class Stage extends WithParams {
  /** Saves the stage's metadata (class name and params) to `path`; models also write their data (running a job). */
  async save(path: string): Promise<void> {
    await saveMetadata(this, path);
  }

  /**
   * Loads a stage saved at `path`, checking it is of this class: `StandardScalerModel.load(env, path)`. Model data
   * becomes a bounded stream of `env`.
   */
  static async load<T extends Stage>(this: abstract new () => T, env: StreamExecutionEnvironment, path: string): Promise<T> {
    const stage = await loadStage(env, path);
    if (!(stage instanceof this)) throw new Error(`'${path}' holds a saved ${stage.className}, not a ${this.name}: load it with ${stage.className}.load or loadStage`);
    return stage;
  }

  /** @internal Restores what save() wrote beyond the params (model data, pipeline stages). */
  async restoreSaved(_env: StreamExecutionEnvironment, _path: string, _metadata: StageMetadata): Promise<void> {}
}

/** Loads any saved stage, whatever its class (Flink ML's ReadWriteUtils.loadStage). */
export async function loadStage(env: StreamExecutionEnvironment, path: string): Promise<Stage> {
  const metadata = await loadMetadata(path);
  const stage = createStage(metadata.className);
  stage.setParamsByName(metadata.paramMap);
  await stage.restoreSaved(env, path, metadata);
  return stage;
}
