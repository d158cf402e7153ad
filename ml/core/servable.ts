// Servables: saved models that score plain rows without a job, for request/response use (Flink ML's
// ModelServable / PipelineModelServable).
import type { RowFilterMapper } from "./operators/broadcast-map-operator.js";
import { loadMetadata, loadModelData, pathForPipelineStage } from "./read-write.js";
import type { Row } from "./row.js";
import { createStage } from "./stage-registry.js";

/** A stage that can score rows one at a time from its params and (for models) its model data in memory. */
export interface RowServing {
  servingMapper(modelData: readonly unknown[]): RowFilterMapper;
}

function isRowServing(stage: unknown): stage is RowServing {
  return typeof (stage as Partial<RowServing>).servingMapper === "function";
}

export class PipelineModelServable {
  private constructor(private readonly mappers: readonly RowFilterMapper[]) {}

  /**
   * Loads a saved PipelineModel, or any single saved row-wise model or transformer, as a servable. Every stage must
   * map rows one by one (a stage that does not, such as RandomSplitter, cannot be served).
   */
  static async load(path: string): Promise<PipelineModelServable> {
    return new PipelineModelServable(await loadMappers(path));
  }

  /** The row after every stage, or null when a stage drops it (handleInvalid = 'skip'). */
  transformRow(row: Row): Row | null {
    let current: Row | null = row;
    for (const mapper of this.mappers) {
      if (current === null) return null;
      current = mapper(current);
    }
    return current;
  }

  /** Scores rows in order, leaving out the dropped ones. */
  transform(rows: readonly Row[]): Row[] {
    const out: Row[] = [];
    for (const row of rows) {
      const mapped = this.transformRow(row);
      if (mapped !== null) out.push(mapped);
    }
    return out;
  }
}

async function loadMappers(path: string): Promise<RowFilterMapper[]> {
  const metadata = await loadMetadata(path);
  if (metadata.className === "PipelineModel") {
    const count = metadata["numStages"] as number;
    const mappers: RowFilterMapper[] = [];
    for (let i = 0; i < count; i++) mappers.push(...(await loadMappers(pathForPipelineStage(i, count, path))));
    return mappers;
  }
  const stage = createStage(metadata.className);
  stage.setParamsByName(metadata.paramMap);
  if (!isRowServing(stage)) {
    throw new Error(`${metadata.className} (saved at '${path}') cannot be served row by row: only row-wise transformers and models have a servable form`);
  }
  const hasData = await loadModelData(path).then(
    (records) => records,
    () => [] as unknown[],
  );
  return [stage.servingMapper(hasData)];
}

