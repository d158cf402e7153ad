// WatermarkStrategy: how a source or stream assigns event timestamps and generates watermarks.
import {
  AscendingTimestampsWatermarks,
  BoundedOutOfOrdernessWatermarks,
  NoWatermarksGenerator,
  type WatermarkGenerator,
  WatermarksWithIdleness,
} from "./watermark-generator.js";

/** Extracts the event timestamp (epoch ms) of a record; `recordTimestamp` is the one it already has. */
export type TimestampAssigner<T> = (element: T, recordTimestamp: number) => number;

export interface WatermarkGeneratorContext {
  /** The processing-time clock. */
  now(): number;
}

export class WatermarkStrategy<T> {
  private constructor(
    readonly createGenerator: (ctx: WatermarkGeneratorContext) => WatermarkGenerator<T>,
    readonly timestampAssigner: TimestampAssigner<T> | null,
    readonly idleTimeout: number | null,
  ) {}

  static forBoundedOutOfOrderness<T>(maxOutOfOrderness: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrderness), null, null);
  }

  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new AscendingTimestampsWatermarks<T>(), null, null);
  }

  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new NoWatermarksGenerator<T>(), null, null);
  }

  static forGenerator<T>(factory: (ctx: WatermarkGeneratorContext) => WatermarkGenerator<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(factory, null, null);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T> | { extractTimestamp: TimestampAssigner<T> }): WatermarkStrategy<T> {
    const fn: TimestampAssigner<T> = typeof assigner === "function" ? assigner : (e, ts) => assigner.extractTimestamp(e, ts);
    return new WatermarkStrategy<T>(this.createGenerator, fn, this.idleTimeout);
  }

  withIdleness(idleTimeout: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.createGenerator, this.timestampAssigner, idleTimeout);
  }

  /**
   * Whether this strategy's generators hand their whole state to a copy on another worker (WatermarkGenerator.moveState):
   * what lets an operator that runs one move with its subtask (work stealing).
   */
  generatorsMove(): boolean {
    return this.buildGenerator({ now: () => 0 }).moveState?.() !== undefined;
  }

  /** The generator with idleness applied, for one subtask. */
  buildGenerator(ctx: WatermarkGeneratorContext): WatermarkGenerator<T> {
    const generator = this.createGenerator(ctx);
    return this.idleTimeout === null ? generator : new WatermarksWithIdleness(generator, this.idleTimeout, () => ctx.now());
  }
}
