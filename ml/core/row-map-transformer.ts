// A Transformer that maps each row on its own from its params alone (Binarizer, Normalizer, VectorAssembler, …):
// transform() is a map operator, and the same mapper serves single rows without a job.
import type { DataStream } from "../../runtime/index.js";
import type { RowFilterMapper } from "./operators/broadcast-map-operator.js";
import type { Row } from "./row.js";
import type { RowServing } from "./servable.js";
import { Transformer } from "./transformer.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";

export abstract class RowMapTransformer extends Transformer implements RowServing {
  /** The mapper for the current params (read now: later param changes do not affect a built job). Null drops a row. */
  protected abstract createMapper(): RowFilterMapper;

  transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[] {
    this.expectInputs(inputs, 1);
    const mapper = this.createMapper();
    return [inputs[0]!.flatMap<Row>((row, out) => {
      const mapped = mapper(row);
      if (mapped !== null) out.collect(mapped);
    }, this.className).withBatchCodec(vectorBatchCodec)]; // rows keep their vector classes across workers
  }

  /** Scores one row without a job (the servable form). Null when the row is dropped (handleInvalid 'skip'). */
  transformRow(row: Row): Row | null {
    return this.createMapper()(row);
  }

  /** @internal */
  servingMapper(): RowFilterMapper {
    return this.createMapper();
  }
}
