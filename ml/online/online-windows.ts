// The windows OnlineStandardScaler may cut its input into (Flink ML's Windows: GlobalWindows, EventTimeTumblingWindows).
// Each window that holds records yields one model version.

export type OnlineWindows =
  /** One window over the whole input: the model is emitted when the input ends (Flink ML's default). */
  | { readonly kind: "global" }
  /** Tumbling event-time windows [k·size, (k+1)·size): a model per window, once the watermark passes its end. */
  | { readonly kind: "eventTimeTumbling"; readonly sizeMs: number };

export const OnlineWindows = {
  global: (): OnlineWindows => ({ kind: "global" }),
  eventTimeTumbling: (sizeMs: number): OnlineWindows => ({ kind: "eventTimeTumbling", sizeMs }),
};

/** The windows a param text describes, or null when it describes none. */
export function parseOnlineWindows(text: string): OnlineWindows | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const w = value as { kind?: unknown; sizeMs?: unknown };
  if (w.kind === "global") return { kind: "global" };
  if (w.kind === "eventTimeTumbling" && Number.isSafeInteger(w.sizeMs) && (w.sizeMs as number) > 0) return { kind: "eventTimeTumbling", sizeMs: w.sizeMs as number };
  return null;
}

/** The largest timestamp of the window that holds `timestamp` (Flink's TimeWindow.maxTimestamp), the window's key. */
export function windowMaxTimestamp(windows: OnlineWindows, timestamp: number): number {
  if (windows.kind === "global") return Number.POSITIVE_INFINITY;
  const start = timestamp - (((timestamp % windows.sizeMs) + windows.sizeMs) % windows.sizeMs);
  return start + windows.sizeMs - 1;
}
