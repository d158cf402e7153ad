// How busy or backpressured a vertex is, as Flink's UI colours it: the worst subtask decides, backpressure first.

export type VertexHealth = "ok" | "busy" | "backpressured" | "unknown";

export interface SubtaskRatios {
  readonly busyRatio?: number;
  /** The share of time the subtask waited for room downstream (Flink's `ratio`). */
  readonly ratio?: number;
}

/** What GET /jobs/:id/vertices/:vid/backpressure tells: per subtask, or (Eddy sums its subtasks) one vertex-wide ratio. */
export interface BackPressureSample {
  readonly ratio?: number;
  readonly subtasks?: readonly SubtaskRatios[];
}

/** Above this share of time Flink calls backpressure "high" (its UI's red threshold; 0.1–0.5 is "low"). */
export const HIGH = 0.5;

/**
 * 1. any subtask (or the vertex as a whole) backpressured more than half the time → "backpressured" (the bottleneck
 *    is downstream);
 * 2. else any subtask busy more than half the time → "busy" (a candidate bottleneck);
 * 3. else "ok"; nothing reported → "unknown".
 */
export function vertexHealth(sample: BackPressureSample | null | undefined): VertexHealth {
  const subtasks = sample?.subtasks ?? [];
  if (subtasks.length === 0) {
    if (typeof sample?.ratio !== "number") return "unknown";
    return sample.ratio > HIGH ? "backpressured" : "ok";
  }
  let busiest = 0;
  let mostBackpressured = 0;
  for (const s of subtasks) {
    busiest = Math.max(busiest, s.busyRatio ?? 0);
    mostBackpressured = Math.max(mostBackpressured, s.ratio ?? 0);
  }
  if (mostBackpressured > HIGH) return "backpressured";
  if (busiest > HIGH) return "busy";
  return "ok";
}

/** The highest busy share over the subtasks, 0..1, for the vertex's label (null when not reported). */
export function maxBusyRatio(sample: BackPressureSample | null | undefined): number | null {
  const ratios = (sample?.subtasks ?? []).map((s) => s.busyRatio).filter((r): r is number => typeof r === "number");
  return ratios.length === 0 ? null : Math.max(...ratios);
}

/** The highest backpressured share over the subtasks, else the vertex-wide one; null when not reported. */
export function maxBackPressureRatio(sample: BackPressureSample | null | undefined): number | null {
  const ratios = (sample?.subtasks ?? []).map((s) => s.ratio).filter((r): r is number => typeof r === "number");
  if (ratios.length > 0) return Math.max(...ratios);
  return typeof sample?.ratio === "number" ? sample.ratio : null;
}
