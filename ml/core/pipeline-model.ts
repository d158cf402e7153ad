// PipelineModel: stages applied one after the other, each one's outputs the next one's inputs (Flink ML's
// PipelineModel); what Pipeline.fit returns.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { AlgoOperator } from "./algo-operator.js";
import { Model } from "./model.js";
import { pathForPipelineStage, saveMetadata, type StageMetadata } from "./read-write.js";
import type { Row } from "./row.js";
import { loadStage, type Stage } from "./stage.js";
import { registerStage } from "./stage-registry.js";

export class PipelineModel extends Model {
  readonly className = "PipelineModel";
  private stages: AlgoOperator[];

  constructor(stages: readonly AlgoOperator[] = []) {
    super();
    this.stages = [...stages];
  }

  getStages(): readonly AlgoOperator[] {
    return this.stages;
  }

  transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[] {
    let current = inputs as unknown as DataStream<Row>[];
    for (const stage of this.stages) current = stage.transform(...current);
    return current;
  }

  override async save(path: string): Promise<void> {
    await savePipelineStages(this, this.stages, path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<void> {
    this.stages = (await loadPipelineStages(env, path, metadata)).map((stage, i) => {
      if (!(stage instanceof AlgoOperator)) throw new Error(`PipelineModel at '${path}': stage ${i} is a ${stage.className}, which cannot transform — a PipelineModel holds only models and transformers`);
      return stage;
    });
  }
}

/** Saves a pipeline's metadata (with numStages) and each stage in `<path>/stages/<i>`. */
export async function savePipelineStages(pipeline: Stage, stages: readonly Stage[], path: string): Promise<void> {
  await saveMetadata(pipeline, path, { numStages: stages.length });
  for (let i = 0; i < stages.length; i++) await stages[i]!.save(pathForPipelineStage(i, stages.length, path));
}

export async function loadPipelineStages(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<Stage[]> {
  const count = metadata["numStages"];
  if (typeof count !== "number") throw new Error(`'${path}/metadata' has no numStages: it was not written by a Pipeline or PipelineModel`);
  const stages: Stage[] = [];
  for (let i = 0; i < count; i++) stages.push(await loadStage(env, pathForPipelineStage(i, count, path)));
  return stages;
}

registerStage("PipelineModel", () => new PipelineModel());
