// GlobalWindows: every element of a key in one window that never fires unless a custom trigger says so.
import { GlobalWindow } from "../global-window.js";
import { NeverTrigger } from "../triggers/never-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { WindowAssigner } from "./window-assigner.js";

export class GlobalWindows extends WindowAssigner<unknown, GlobalWindow> {
  private static readonly INSTANCE = new GlobalWindows();

  private constructor() {
    super();
  }

  static create(): GlobalWindows {
    return GlobalWindows.INSTANCE;
  }

  assignWindows(): GlobalWindow[] {
    return [GlobalWindow.get()];
  }

  override assignWindowsTo(_element: unknown, _timestamp: number, _context: unknown, out: GlobalWindow[]): number {
    out[0] = GlobalWindow.get();
    return 1;
  }

  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return NeverTrigger.create();
  }

  /** As Flink: processing time, so no watermark-based lateness or cleanup applies. */
  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return "GlobalWindows()";
  }
}
