// The transformation of a two-input operator over two keyed streams (a regular join, an interval outer join): both
// inputs partitioned by their own key selectors, chained like any operator.
import { callableOf } from "../api/functions.js";
import { DataStream, type KeyedStream } from "../api/data-stream.js";
import type { Key } from "../core/key-groups.js";
import type { OperatorTransformation } from "../graph/transformation.js";
import type { AbstractStreamOperator } from "./operator.js";

export function keyedTwoInputStream<A, B, K, OUT>(left: KeyedStream<A, K>, right: KeyedStream<B, K>, name: string, createOperator: () => AbstractStreamOperator<OUT>): DataStream<OUT> {
  const t: OperatorTransformation = {
    kind: "operator",
    id: left.environment.newId(),
    name,
    uid: null,
    parallelism: null,
    maxParallelism: null,
    chaining: "ALWAYS",
    inputs: [left.transformation, right.transformation],
    createOperator,
    keySelectors: [callableOf(left.getKeySelector(), "getKey") as (v: unknown) => Key, callableOf(right.getKeySelector(), "getKey") as (v: unknown) => Key],
    isSink: false,
  };
  return new DataStream<OUT>(left.environment, t);
}

/** Both inputs' key selectors, as an operator made by keyedTwoInputStream has them (`what` names it in the error). */
export function bothKeySelectors(selectors: readonly (((value: any) => Key) | null)[], what: string): ((value: any) => Key)[] {
  return selectors.map((k) => {
    if (k === null) throw new Error(`internal: ${what} needs both inputs keyed`);
    return k;
  });
}
