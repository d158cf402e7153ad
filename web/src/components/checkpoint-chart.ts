// Checkpoint history as a uPlot chart: end-to-end duration (left axis) and checkpointed size and bytes buffered
// during alignment (right axis), per checkpoint id.
import uPlot from "uplot";
import { formatBytes, formatDuration } from "../format.js";
import type { CheckpointStatistics } from "../rest-types.js";

export class CheckpointChart {
  readonly element: HTMLElement;
  private plot: uPlot | null = null;

  constructor() {
    this.element = document.createElement("figure");
    this.element.setAttribute("aria-label", "Checkpoint history chart");
    this.element.className = "checkpoint-chart";
  }

  render(history: readonly CheckpointStatistics[]): void {
    const done = history.filter((c) => c.status === "COMPLETED").sort((a, b) => a.id - b.id);
    const data: uPlot.AlignedData = [
      done.map((c) => c.id),
      done.map((c) => c.end_to_end_duration ?? null),
      done.map((c) => c.checkpointed_size ?? c.state_size ?? null),
      done.map((c) => c.alignment_buffered ?? null),
    ];
    if (this.plot !== null) {
      this.plot.setData(data);
      return;
    }
    const width = Math.max(400, Math.min(900, (this.element.parentElement?.clientWidth ?? 800) - 20));
    this.plot = new uPlot({
      width,
      height: 220,
      scales: { x: { time: false }, ms: { auto: true }, bytes: { auto: true } },
      series: [
        { label: "checkpoint" },
        { label: "duration", scale: "ms", stroke: "#2563eb", width: 2, value: (_u, v) => (v === null ? "–" : formatDuration(v)) },
        { label: "size", scale: "bytes", stroke: "#16a34a", width: 2, value: (_u, v) => (v === null ? "–" : formatBytes(v)) },
        { label: "aligned (buffered)", scale: "bytes", stroke: "#d97706", width: 1, dash: [4, 4], value: (_u, v) => (v === null ? "–" : formatBytes(v)) },
      ],
      axes: [
        { label: "checkpoint id", values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")) },
        { scale: "ms", label: "duration", values: (_u, ticks) => ticks.map((t) => formatDuration(t)), size: 70 },
        { scale: "bytes", side: 1, label: "bytes", values: (_u, ticks) => ticks.map((t) => formatBytes(t)), size: 70, grid: { show: false } },
      ],
    }, data, this.element);
  }

  dispose(): void {
    this.plot?.destroy();
    this.plot = null;
  }
}
