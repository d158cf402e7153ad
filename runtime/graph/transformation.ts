// Transformations: the user's program as the DataStream API records it, before any graph is built.
import type { Key } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { Source } from "../connectors/source.js";
import type { StreamOperator } from "../operators/operator.js";
import type { BatchCodec } from "../network/batch-codec.js";
import type { WatermarkStrategy } from "../time/watermark-strategy.js";
import type { PartitionerSpec } from "./partitioner.js";

export type ChainingStrategy = "ALWAYS" | "HEAD" | "NEVER";

interface TransformationBase {
  readonly id: number;
  name: string;
  uid: string | null;
  /** null = the environment's default parallelism. */
  parallelism: number | null;
  /** Set by forceNonParallel(): the operator only works as one instance, so no parallelism but 1 is accepted. */
  nonParallel?: boolean;
  maxParallelism: number | null;
  chaining: ChainingStrategy;
  /**
   * Every subtask of every vertex with this group runs on one worker: operators that meet through
   * OperatorContext.coLocated (an iteration's entries, heads and tails) must share a thread.
   */
  coLocationGroup?: string;
  /**
   * Transformations built whenever this one is, though nothing downstream reads them: an iteration head's entries
   * and tails, which feed the head through co-located objects rather than edges. So any job that reads an iteration
   * (a second job on a fitted model's data included) contains the whole loop.
   */
  companions?: Transformation[];
  /** Set by withBatchCodec(): the codec of this stream's records where they cross workers (absent: the generic one). */
  batchCodec?: BatchCodecFactory;
}

/** Makes a codec instance for one channel end (instances keep scratch state; each thread makes its own). */
export type BatchCodecFactory = () => BatchCodec;

export interface SourceTransformation extends TransformationBase {
  readonly kind: "source";
  readonly source: Source<any>;
  readonly watermarkStrategy: WatermarkStrategy<any>;
}

export interface OperatorTransformation extends TransformationBase {
  readonly kind: "operator";
  readonly inputs: readonly Transformation[];
  readonly createOperator: () => StreamOperator<any>;
  /** Per input: the key selector when that input is a keyed stream. */
  readonly keySelectors: readonly (((value: any) => Key) | null)[];
  readonly isSink: boolean;
}

/** Virtual: changes how records reach the consumer (keyBy, rebalance, broadcast, …). */
export interface PartitionTransformation extends TransformationBase {
  readonly kind: "partition";
  readonly input: Transformation;
  readonly partitioner: PartitionerSpec;
}

/** Virtual: several streams of one type consumed as one input. */
export interface UnionTransformation extends TransformationBase {
  readonly kind: "union";
  readonly inputs: readonly Transformation[];
}

/** Virtual: the side output `tag` of an operator. */
export interface SideOutputTransformation extends TransformationBase {
  readonly kind: "side-output";
  readonly input: Transformation;
  readonly tag: OutputTag<any>;
}

export type Transformation =
  | SourceTransformation
  | OperatorTransformation
  | PartitionTransformation
  | UnionTransformation
  | SideOutputTransformation;

export type PhysicalTransformation = SourceTransformation | OperatorTransformation;

/** A new operator transformation with the defaults every API method starts from. */
export function operatorTransformation(
  id: number,
  spec: {
    readonly name: string;
    readonly inputs: readonly Transformation[];
    readonly createOperator: () => StreamOperator<any>;
    readonly keySelectors: readonly (((value: any) => Key) | null)[];
    readonly isSink?: boolean;
  },
): OperatorTransformation {
  return {
    kind: "operator",
    id,
    name: spec.name,
    uid: null,
    parallelism: null,
    maxParallelism: null,
    chaining: "ALWAYS",
    inputs: spec.inputs,
    createOperator: spec.createOperator,
    keySelectors: spec.keySelectors,
    isSink: spec.isSink ?? false,
  };
}
