// MergingWindowSet: the in-flight windows of one key under a merging assigner, each mapped to the
// window whose namespace holds its state (Flink's MergingWindowSet). Costs: O(w log w) per added
// window for w in-flight windows of the key (sessions: w is small).
import type { MergingWindowAssigner } from "./assigners/window-assigner.js";
import type { Window } from "./window.js";

/**
 * Called when windows merged: `mergeResult` replaces `mergedWindows` (in-flight windows, never the
 * new one); the state of `mergedStateWindows` must be merged into `stateWindowResult`.
 */
export type MergeFunction<W> = (mergeResult: W, mergedWindows: W[], stateWindowResult: W, mergedStateWindows: W[]) => void;

/**
 * The state window of a merged window stays one of the original state windows, so merging never
 * moves the state of the largest part; only the smaller parts are merged into it. Windows are
 * canonical objects: an added window equal to an in-flight one is that in-flight object, because
 * state and timers use windows as namespaces by identity.
 */
export class MergingWindowSet<W extends Window> {
  private readonly windows: W[] = [];
  private readonly stateWindows: W[] = [];

  constructor(private readonly assigner: MergingWindowAssigner<any, W>) {}

  get size(): number {
    return this.windows.length;
  }

  /** The windows in flight (tests, debugging). */
  inFlight(): readonly W[] {
    return this.windows;
  }

  getStateWindow(window: W): W | undefined {
    const i = this.indexOf(window);
    return i < 0 ? undefined : this.stateWindows[i];
  }

  /** Forgets a window that was purged (or is late); its state must be cleared by the caller. */
  retireWindow(window: W): void {
    const i = this.indexOf(window);
    if (i < 0) throw new Error(`window ${String(window)} is not in flight`);
    this.windows.splice(i, 1);
    this.stateWindows.splice(i, 1);
  }

  /**
   * Adds a window, merging it with in-flight windows as the assigner decides. Returns the window
   * the element now belongs to: the merge result, an equal in-flight window, or `newWindow` itself.
   */
  addWindow(newWindow: W, mergeFunction: MergeFunction<W>): W {
    const existing = this.indexOf(newWindow);
    // why: an equal in-flight window is the same window (Flink's equals-based maps behave so); keep its object
    if (existing >= 0) return this.windows[existing]!;

    const groups: { toBeMerged: W[]; mergeResult: W }[] = [];
    this.assigner.mergeWindows([...this.windows, newWindow], (toBeMerged, mergeResult) => groups.push({ toBeMerged, mergeResult }));

    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const { toBeMerged, mergeResult } of groups) {
      const mergedWindows = toBeMerged.filter((w) => w !== newWindow);
      // why: a merge result equal to an in-flight window (the new one fell inside it) keeps that window's object
      const canonical = mergedWindows.find((w) => w.equals(mergeResult)) ?? mergeResult;
      if (mergedWindows.length !== toBeMerged.length) {
        mergedNewWindow = true;
        resultWindow = canonical;
      }

      // 1. The state window of the first merged window becomes the state window of the result.
      const stateWindowResult = this.getStateWindow(mergedWindows[0]!)!;
      const mergedStateWindows: W[] = [];
      for (const w of mergedWindows) {
        const i = this.indexOf(w);
        if (i < 0) continue;
        const stateWindow = this.stateWindows[i]!;
        if (stateWindow !== stateWindowResult) mergedStateWindows.push(stateWindow);
        this.windows.splice(i, 1);
        this.stateWindows.splice(i, 1);
      }
      this.windows.push(canonical);
      this.stateWindows.push(stateWindowResult);

      // 2. Nothing to merge when the new window only fell inside one in-flight window.
      if (!(mergedWindows.length === 1 && canonical === mergedWindows[0])) {
        mergeFunction(canonical, mergedWindows, stateWindowResult, mergedStateWindows);
      }
    }

    // 3. The new window merged with nothing: it is its own state window.
    if (!mergedNewWindow) {
      this.windows.push(newWindow);
      this.stateWindows.push(newWindow);
    }
    return resultWindow;
  }

  /** (window, state window) pairs, for checkpoints. */
  toPairs(): [W, W][] {
    return this.windows.map((w, i) => [w, this.stateWindows[i]!]);
  }

  /** A copy that changes independently; the window objects are shared, since state is keyed by their identity. */
  copy(): MergingWindowSet<W> {
    return MergingWindowSet.fromPairs(this.assigner, this.toPairs());
  }

  static fromPairs<W extends Window>(assigner: MergingWindowAssigner<any, W>, pairs: readonly (readonly [W, W])[]): MergingWindowSet<W> {
    const set = new MergingWindowSet<W>(assigner);
    for (const [w, s] of pairs) {
      set.windows.push(w);
      set.stateWindows.push(s);
    }
    return set;
  }

  private indexOf(window: W): number {
    const ws = this.windows;
    for (let i = 0; i < ws.length; i++) if (ws[i] === window) return i;
    for (let i = 0; i < ws.length; i++) if (ws[i]!.equals(window)) return i;
    return -1;
  }
}
