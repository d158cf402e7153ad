// Pipeline: an estimator made of stages (Flink ML's Pipeline). fit() fits every estimator on the outputs of the
// stages before it and returns a PipelineModel of the fitted models and the other stages.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { AlgoOperator } from "./algo-operator.js";
import { Estimator } from "./estimator.js";
import { loadPipelineStages, PipelineModel, savePipelineStages } from "./pipeline-model.js";
import type { StageMetadata } from "./read-write.js";
import type { Row } from "./row.js";
import type { Stage } from "./stage.js";
import { registerStage } from "./stage-registry.js";

export class Pipeline extends Estimator<PipelineModel> {
  readonly className = "Pipeline";
  private stages: Stage[];

  constructor(stages: readonly Stage[] = []) {
    super();
    for (const [i, stage] of stages.entries()) checkPipelineStage(stage, i);
    this.stages = [...stages];
  }

  getStages(): readonly Stage[] {
    return this.stages;
  }

  fit<T extends Row>(...inputs: DataStream<T>[]): PipelineModel {
    // why: stages after the last estimator need not transform during fit — their outputs feed no estimator
    let lastEstimator = -1;
    this.stages.forEach((stage, i) => {
      if (stage instanceof Estimator) lastEstimator = i;
    });
    const fitted: AlgoOperator[] = [];
    let current = inputs as unknown as DataStream<Row>[];
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i]!;
      const operator = stage instanceof Estimator ? stage.fit(...current) : (stage as AlgoOperator);
      fitted.push(operator);
      if (i < lastEstimator) current = operator.transform(...current);
    }
    return new PipelineModel(fitted);
  }

  override async save(path: string): Promise<void> {
    await savePipelineStages(this, this.stages, path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<void> {
    this.stages = await loadPipelineStages(env, path, metadata);
    this.stages.forEach(checkPipelineStage);
  }
}

function checkPipelineStage(stage: Stage, index: number): void {
  if (!(stage instanceof Estimator) && !(stage instanceof AlgoOperator)) {
    throw new Error(`Pipeline: stage ${index} (${stage.className}) is neither an Estimator nor an AlgoOperator`);
  }
}

registerStage("Pipeline", () => new Pipeline());
