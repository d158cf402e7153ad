// A Model that maps each row on its own with its model data (StandardScalerModel, MinMaxScalerModel, …):
// transform() connects the rows with the broadcast model data, and the same mapper scores rows in a servable.
import type { DataStream } from "../../runtime/index.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";
import { Model } from "./model.js";
import { BroadcastMapOperator, type RowFilterMapper } from "./operators/broadcast-map-operator.js";
import type { Row } from "./row.js";
import type { RowServing } from "./servable.js";

export abstract class RowMapModel<MD> extends Model implements RowServing {
  /**
   * Reads the params now and returns what builds the mapper once all model data is known (the params a job was
   * built with stay its params). A mapper that returns null drops the row.
   */
  protected abstract mapperFactory(): (modelData: readonly MD[]) => RowFilterMapper;

  transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[] {
    this.expectInputs(inputs, 1);
    const factory = this.mapperFactory() as (modelData: readonly unknown[]) => RowFilterMapper;
    const name = `${this.className}.transform`;
    const stageName = this.className;
    // why the vector codec: model data and scored rows keep their vector classes where they cross workers
    const modelData = this.getModelData()[0]!.broadcast().withBatchCodec(vectorBatchCodec);
    return [inputs[0]!.connect(modelData).transform<Row>(name, () => new BroadcastMapOperator(name, stageName, factory)).withBatchCodec(vectorBatchCodec)];
  }

  /** @internal The mapper a servable scores rows with, from model data already in memory. */
  servingMapper(modelData: readonly unknown[]): RowFilterMapper {
    if (modelData.length === 0) throw new Error(`${this.className}: cannot serve without model data — the saved model has none`);
    return this.mapperFactory()(modelData as readonly MD[]);
  }
}
