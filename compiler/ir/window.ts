// The window an aggregation runs in, syntax-free: the assigner and trigger with their constants evaluated, the allowed
// lateness, and the side output late records go to.
import type { TriggerSpec, WindowSpec } from "../ast/annotations.js";
import type { Span } from "../ast/span.js";

export interface IrWindow {
  readonly span: Span;
  readonly spec: WindowSpec;
  /** Null: the assigner's default trigger (fire at the window's end; never for `global`). */
  readonly trigger: TriggerSpec | null;
  /** How long after a window's end late records still update it (0 when none is allowed). */
  readonly allowedLatenessMs: number;
  /** The stream or sink `lateTo` names (records later than the allowed lateness go there), or null. */
  readonly lateTo: string | null;
}
