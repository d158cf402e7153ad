// How busy or backpressured a vertex is, as Flink's UI colours it: the worst subtask decides, backpressure first.

export type VertexHealth = "idle" | "busy" | "backpressured" | "unknown";

export interface SubtaskRatios {
  readonly busyRatio?: number;
  /** The share of time the subtask waited for room downstream (Flink's `ratio`). */
  readonly ratio?: number;
}

/** Above this share of time, Flink calls a subtask's backpressure or business "high" (its UI's red threshold). */
export const HIGH = 0.5;

/**
 * 1. any subtask backpressured more than half the time → "backpressured" (the vertex is not the bottleneck:
 *    something downstream is);
 * 2. else any subtask busy more than half the time → "busy" (a candidate bottleneck);
 * 3. else "idle"; no subtask data → "unknown".
 */
export function vertexHealth(subtasks: readonly SubtaskRatios[] | undefined): VertexHealth {
  if (subtasks === undefined || subtasks.length === 0) return "unknown";
  let busiest = 0;
  let mostBackpressured = 0;
  for (const s of subtasks) {
    busiest = Math.max(busiest, s.busyRatio ?? 0);
    mostBackpressured = Math.max(mostBackpressured, s.ratio ?? 0);
  }
  if (mostBackpressured > HIGH) return "backpressured";
  if (busiest > HIGH) return "busy";
  return "idle";
}

/** The highest busy share over the subtasks, 0..1, for the vertex's label (null when unknown). */
export function maxBusyRatio(subtasks: readonly SubtaskRatios[] | undefined): number | null {
  if (subtasks === undefined || subtasks.length === 0) return null;
  return Math.max(...subtasks.map((s) => s.busyRatio ?? 0));
}
