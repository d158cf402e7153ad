// GlobalWindow: the single window that holds every element of a key (count windows, custom triggers).
import { Window } from "./window.js";

export class GlobalWindow extends Window {
  private static readonly INSTANCE = new GlobalWindow();

  private constructor() {
    super();
  }

  static get(): GlobalWindow {
    return GlobalWindow.INSTANCE;
  }

  /** The end of time (Flink's Long.MAX_VALUE): no cleanup timer is ever set for it. */
  maxTimestamp(): number {
    return Number.POSITIVE_INFINITY;
  }

  equals(other: Window): boolean {
    return other instanceof GlobalWindow;
  }

  override toString(): string {
    return "GlobalWindow";
  }
}
