// Trigger: decides when a window's contents are emitted (FIRE) and/or discarded (PURGE), with timers and per-window state.
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from "../../state/descriptors.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../../state/state.js";
import type { Window } from "../window.js";

export class TriggerResult {
  /** Do nothing. */
  static readonly CONTINUE = new TriggerResult("CONTINUE", false, false);
  /** Emit the window's contents; keep them. */
  static readonly FIRE = new TriggerResult("FIRE", true, false);
  /** Discard the window's contents without emitting. */
  static readonly PURGE = new TriggerResult("PURGE", false, true);
  /** Emit, then discard. */
  static readonly FIRE_AND_PURGE = new TriggerResult("FIRE_AND_PURGE", true, true);

  private constructor(
    readonly name: string,
    private readonly fire: boolean,
    private readonly purge: boolean,
  ) {}

  isFire(): boolean {
    return this.fire;
  }
  isPurge(): boolean {
    return this.purge;
  }
  toString(): string {
    return this.name;
  }
}

/** What a trigger may use: time, timers and state, all scoped to the current key and window. */
export interface TriggerContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  /** State scoped to the current key and window; the trigger must clear it in `clear`. */
  getPartitionedState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getPartitionedState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getPartitionedState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getPartitionedState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getPartitionedState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
  getPartitionedState(descriptor: StateDescriptor): unknown;
}

export interface OnMergeContext extends TriggerContext {
  /** Merges the state of `descriptor` (reducing, aggregating or list) from the merged windows into the new one. */
  mergePartitionedState(descriptor: ReducingStateDescriptor<any> | AggregatingStateDescriptor<any, any, any> | ListStateDescriptor<any>): void;
}

/**
 * One trigger object serves every key and window of an operator: all per-window data must live
 * in partitioned state, never in fields (Flink's rule).
 */
export abstract class Trigger<T, W extends Window> {
  abstract onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;

  /** Whether the trigger supports merging windows (sessions); then it must implement onMerge. */
  canMerge(): boolean {
    return false;
  }

  /** Called when windows merged into `window`: merge state and re-register timers for it. */
  onMerge(_window: W, _ctx: OnMergeContext): void {
    throw new Error(`${this.toString()} does not support merging windows`);
  }

  /** The window is purged: delete this trigger's timers and state for it. */
  abstract clear(window: W, ctx: TriggerContext): void;
}
