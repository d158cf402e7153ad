// The job graph as an SVG DAG: one box per vertex coloured by its health, with its records, rates, busy share and
// watermark; edges labelled with their ship strategy. Layout is recomputed only when the graph's shape changes.
import { svg } from "../dom.js";
import { formatCount, formatRate, formatWatermark } from "../format.js";
import { type GraphEdge, type JobGraphLayout, layoutJobGraph } from "../layout-job-graph.js";
import type { VertexHealth } from "../vertex-health.js";

export interface VertexView {
  readonly id: string;
  readonly name: string;
  readonly parallelism: number;
  readonly status: string;
  readonly recordsIn: number | undefined;
  readonly recordsOut: number | undefined;
  readonly rateIn: number | null;
  readonly rateOut: number | null;
  readonly busyRatio: number | null;
  readonly backPressureRatio: number | null;
  readonly health: VertexHealth;
  readonly watermark: number | null;
}

const WIDTH = 280;
const HEIGHT = 84;
const LINE = 16;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function vertexBox(view: VertexView, x: number, y: number): SVGElement {
  // why both: Flink's UI shows business and backpressure; Eddy's JobManager reports backpressure only (so far)
  const busy = view.busyRatio !== null ? `busy ${Math.round(view.busyRatio * 100)}%`
    : view.backPressureRatio !== null ? `backpressured ${Math.round(view.backPressureRatio * 100)}%` : "busy –";
  const lines = [
    `${view.status} · p=${view.parallelism} · ${busy}`,
    `in ${formatCount(view.recordsIn)} (${formatRate(view.rateIn)}) · out ${formatCount(view.recordsOut)} (${formatRate(view.rateOut)})`,
    `watermark ${formatWatermark(view.watermark)}`,
  ];
  return svg("g", { role: "group", "aria-label": `vertex ${view.name}`, class: `vertex health-${view.health}`, transform: `translate(${x},${y})` },
    svg("title", {}, `${view.name}\n${lines.join("\n")}\n(${view.health})`),
    svg("rect", { width: WIDTH, height: HEIGHT, rx: 6 }),
    svg("text", { x: 8, y: LINE + 2, class: "vertex-name" }, shorten(view.name, 36)),
    ...lines.map((line, i) => svg("text", { x: 8, y: LINE * (i + 2) + 4 }, shorten(line, 44))));
}

function edgePath(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

export class JobGraphView {
  readonly element: SVGElement;
  private shape = "";
  private layout: JobGraphLayout | null = null;

  constructor() {
    this.element = svg("svg", { role: "img", "aria-label": "Job graph", class: "job-graph" });
  }

  /** Draws the vertices and edges (edges from the plan's inputs; a vertex the plan does not name has none). */
  render(vertices: readonly VertexView[], edges: readonly GraphEdge[]): void {
    const shape = JSON.stringify([vertices.map((v) => v.id), edges]);
    if (shape !== this.shape || this.layout === null) {
      this.layout = layoutJobGraph(vertices.map((v) => ({ id: v.id, width: WIDTH, height: HEIGHT })), edges);
      this.shape = shape;
    }
    const layout = this.layout;
    const position = new Map(layout.vertices.map((v) => [v.id, v]));
    this.element.setAttribute("viewBox", `0 0 ${Math.max(layout.width, 1)} ${Math.max(layout.height, 1)}`);
    this.element.setAttribute("width", String(layout.width));
    this.element.setAttribute("height", String(layout.height));
    this.element.replaceChildren(
      svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
        svg("path", { d: "M0,0 L10,5 L0,10 z" }))),
      ...layout.edges.map((e) => {
        const middle = e.points[Math.floor(e.points.length / 2)];
        return svg("g", { class: "edge" },
          svg("path", { d: edgePath(e.points), "marker-end": "url(#arrow)" }),
          middle === undefined ? null : svg("text", { x: middle.x, y: middle.y - 4, "text-anchor": "middle" }, e.label));
      }),
      ...vertices.map((v) => {
        const p = position.get(v.id)!;
        return vertexBox(v, p.x, p.y);
      }));
  }
}
