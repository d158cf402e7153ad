// The common shape of the online models: transform() scores rows with the newest model version of an unbounded model
// data stream; save() keeps the newest version; a servable scores rows with one given version.
import type { DataStream } from "../../runtime/index.js";
import { Model } from "../core/model.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";
import { saveMetadata, saveModelData } from "../core/read-write.js";
import type { Row, RowMapper } from "../core/row.js";
import type { RowServing } from "../core/servable.js";
import { LatestModelMapOperator, type Freshness } from "./operators/latest-model-map-operator.js";

export abstract class OnlineModel<MD> extends Model implements RowServing {
  /** Reads the params now and returns what scores rows with one model version (the params a job was built with stay its params). */
  protected abstract mapperFactory(): (model: MD) => RowMapper;

  /** The version number of a model data record. */
  protected abstract versionOf(model: MD): number;

  /** The newest of some model data records (collected records come in no set order when the collecting sink is parallel). */
  newestOf(records: readonly unknown[]): MD {
    let newest = records[0] as MD;
    for (const r of records) if (this.versionOf(r as MD) > this.versionOf(newest)) newest = r as MD;
    return newest;
  }

  /** A rule that makes rows wait for a fresh enough model (null: the newest model scores every row). */
  protected freshness(): Freshness<MD> | null {
    return null;
  }

  transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[] {
    this.expectInputs(inputs, 1);
    const factory = this.mapperFactory();
    const freshness = this.freshness();
    const name = `${this.className}.transform`;
    const stageName = this.className;
    const modelData = (this.getModelData()[0]! as DataStream<MD>).broadcast().withBatchCodec(vectorBatchCodec);
    return [inputs[0]!.connect(modelData).transform<Row>(name, () => new LatestModelMapOperator<MD>(name, stageName, factory, freshness)).withBatchCodec(vectorBatchCodec)];
  }

  /**
   * Writes the metadata and the newest model version under `<path>/data/`. It runs the job that computes the model
   * data, so that job must end: an online model trained on an unbounded stream is saved by collecting its model data
   * stream yourself (Flink ML saves only the metadata of online models).
   */
  override async save(path: string): Promise<void> {
    await saveMetadata(this, path);
    const records = await this.getModelData()[0]!.executeAndCollect(`Save ${this.className} model data`);
    if (records.length === 0) throw new Error(`${this.className}: cannot save: the model data stream ended without any model version`);
    await saveModelData([this.newestOf(records)], path);
  }

  /** @internal The mapper a servable scores rows with: the newest of the model data records given. */
  servingMapper(modelData: readonly unknown[]): RowMapper {
    if (modelData.length === 0) throw new Error(`${this.className}: cannot serve without model data — the saved model has none`);
    return this.mapperFactory()(this.newestOf(modelData));
  }

  /** Scores rows without a job with the given model version's data (Flink ML's model servables). */
  servable(modelData: MD): OnlineModelServable<MD> {
    return new OnlineModelServable(modelData, this.mapperFactory()(modelData));
  }
}

/** Rows scored with one fixed model version, for request/response use. */
export class OnlineModelServable<MD> {
  constructor(
    readonly modelData: MD,
    private readonly mapper: RowMapper,
  ) {}

  transformRow(row: Row): Row {
    return this.mapper(row);
  }

  transform(rows: readonly Row[]): Row[] {
    return rows.map(this.mapper);
  }
}
