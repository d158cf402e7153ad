// RuntimeContext: what a rich function sees of its subtask (identity, parallelism, keyed state).
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../state/descriptors.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../state/state.js";

export interface TaskInfo {
  readonly jobName: string;
  readonly taskName: string;
  readonly indexOfThisSubtask: number;
  readonly numberOfParallelSubtasks: number;
  readonly maxNumberOfParallelSubtasks: number;
  readonly attemptNumber: number;
}

export interface RuntimeContext {
  getTaskInfo(): TaskInfo;
  getIndexOfThisSubtask(): number;
  getNumberOfParallelSubtasks(): number;
  getMaxNumberOfParallelSubtasks(): number;
  /** Job parameters set with `env.getConfig().setGlobalJobParameters(...)`. */
  getJobParameters(): Readonly<Record<string, unknown>>;
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}
