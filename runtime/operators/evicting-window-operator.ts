// The window operator with an evictor (Flink's EvictingWindowOperator): the window keeps every
// element with its timestamp, and the evictor trims them before and/or after the window function.
import type { Evictor, EvictorContext, TimestampedValue } from "../windows/evictors/evictor.js";
import type { Window } from "../windows/window.js";
import { WindowOperator, type WindowOperatorSpec } from "./window-operator.js";

export class EvictingWindowOperator<IN, OUT, K, W extends Window> extends WindowOperator<IN, readonly IN[], OUT, K, W> {
  private readonly evictorContext: EvictorContext;

  constructor(
    name: string,
    spec: WindowOperatorSpec<IN, readonly IN[], OUT, K, W>,
    private readonly evictor: Evictor<IN, W>,
  ) {
    super(name, spec);
    if (spec.state.kind !== "list") throw new Error("an evicting window keeps its elements in list state");
    this.evictorContext = { getCurrentProcessingTime: () => this.now(), getCurrentWatermark: () => this.currentWatermark() };
  }

  protected override usesTimestampedContents(): boolean {
    return true;
  }

  /**
   * 1. evictBefore on a copy of the buffer; 2. the window function on what is left; 3. evictAfter;
   * 4. the survivors become the window's contents (Flink rewrites the list state the same way).
   */
  protected override emitWindowContents(window: W, contents: readonly IN[]): void {
    const buffer = (contents as unknown as TimestampedValue<IN>[]).slice();
    this.evictor.evictBefore(buffer, buffer.length, window, this.evictorContext);
    const values = new Array<IN>(buffer.length);
    for (let i = 0; i < buffer.length; i++) values[i] = buffer[i]!.value;
    super.emitWindowContents(window, values);
    this.evictor.evictAfter(buffer, buffer.length, window, this.evictorContext);
    this.contents.replace(this.backend.currentNormalizedKey, buffer, buffer.length === 0);
  }
}
