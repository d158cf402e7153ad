// One job: its state and controls (cancel, savepoint), the job graph with live per-vertex metrics, the vertex table,
// checkpoint history (chart and table) and exceptions.
import { CheckpointChart } from "../components/checkpoint-chart.js";
import { JobGraphView, type VertexView } from "../components/job-graph.js";
import { h, replace, table } from "../dom.js";
import { formatBytes, formatCount, formatDuration, formatRate, formatTime, formatWatermark, lowestWatermark } from "../format.js";
import type { GraphEdge } from "../layout-job-graph.js";
import { type CounterSample, ratePerSecond } from "../rates.js";
import { rest } from "../rest-client.js";
import type { CheckpointingStatistics, JobDetails, JobExceptions, VertexBackPressure, VertexWatermarks } from "../rest-types.js";
import { maxBackPressureRatio, maxBusyRatio, vertexHealth } from "../vertex-health.js";
import { isTerminal, stateBadge } from "./job-links.js";
import type { Page } from "./page.js";

const SAVEPOINT_POLL_MS = 500;
const HISTORY_ROWS = 10;

function section(id: string, title: string, ...content: HTMLElement[]): HTMLElement {
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), ...content);
}

/** Plan inputs as graph edges, labelled with the ship strategy (FORWARD, HASH, REBALANCE, …). */
function planEdges(job: JobDetails): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const node of job.plan?.nodes ?? []) {
    for (const input of node.inputs ?? []) edges.push({ from: input.id, to: node.id, label: input.ship_strategy ?? "" });
  }
  return edges;
}

/** A per-vertex endpoint that fails (the vertex finished, an older JobManager) leaves its cells empty, not the page. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}

function percent(ratio: number | null): string {
  return ratio === null ? "–" : `${Math.round(ratio * 100)}%`;
}

export function jobDetailPage(jid: string): Page {
  const heading = h("h1", {}, "Job");
  const facts = h("p", { class: "facts" });
  const stateLine = h("p", { class: "job-state" });
  const actionStatus = h("p", { role: "status", "aria-live": "polite", class: "action-status" });
  const savepointDir = h("input", { id: "savepoint-dir", type: "text", placeholder: "the JobManager's default", size: 40 });
  const savepointButton = h("button", { type: "button" }, "Trigger savepoint");
  const cancelButton = h("button", { type: "button", class: "danger" }, "Cancel job");
  const controls = h("div", { class: "controls", role: "group", "aria-label": "Job actions" },
    h("label", { for: "savepoint-dir" }, "Savepoint directory"), savepointDir, savepointButton, cancelButton);
  const graph = new JobGraphView();
  const vertexTable = h("div");
  const checkpointCounts = h("p");
  const chart = new CheckpointChart();
  const checkpointTable = h("div");
  const exceptions = h("div");
  const element = h("div", {},
    heading, stateLine, facts, controls, actionStatus,
    section("job-graph-heading", "Job graph", h("div", { class: "graph-scroll" }, graph.element), vertexTable),
    section("checkpoints-heading", "Checkpoints", checkpointCounts, chart.element, checkpointTable),
    section("exceptions-heading", "Exceptions", exceptions));

  const samples = new Map<string, { in: CounterSample; out: CounterSample }>();
  let disposed = false;
  let savepointInFlight = false;

  savepointButton.addEventListener("click", async () => {
    savepointButton.disabled = true;
    savepointInFlight = true;
    const dir = savepointDir.value.trim();
    actionStatus.textContent = "Savepoint in progress…";
    try {
      const { "request-id": trigger } = await rest.triggerSavepoint(jid, dir === "" ? null : dir);
      for (;;) {
        const result = await rest.savepointStatus(jid, trigger);
        if (result.status.id === "COMPLETED") {
          const failure = result.operation?.["failure-cause"];
          actionStatus.textContent = failure === undefined
            ? `Savepoint completed: ${result.operation?.location ?? "(no location)"}`
            : `Savepoint failed: ${(failure["stack-trace"] ?? failure.class ?? "unknown cause").split("\n")[0]}`;
          break;
        }
        if (disposed) return;
        await new Promise((resolve) => setTimeout(resolve, SAVEPOINT_POLL_MS));
      }
    } catch (e) {
      actionStatus.textContent = `Savepoint failed: ${(e as Error).message}`;
    } finally {
      savepointInFlight = false;
      savepointButton.disabled = false;
    }
  });

  cancelButton.addEventListener("click", async () => {
    cancelButton.disabled = true;
    try {
      await rest.cancel(jid);
      actionStatus.textContent = "Cancellation requested";
    } catch (e) {
      actionStatus.textContent = `Cancel failed: ${(e as Error).message}`;
      cancelButton.disabled = false;
    }
  });

  function renderJob(job: JobDetails, perVertex: ReadonlyMap<string, { bp: VertexBackPressure | null; wm: VertexWatermarks | null }>, now: number): void {
    heading.textContent = job.name;
    document.title = `${job.name} · Eddy`;
    replace(stateLine, "State: ", stateBadge(job.state));
    replace(facts, "Job ID ", h("code", {}, job.jid), ` · started ${formatTime(job["start-time"])} · duration ${formatDuration(job.duration)}`);
    const terminal = isTerminal(job.state);
    savepointButton.disabled = terminal || savepointInFlight;
    if (terminal) cancelButton.disabled = true;

    const views: VertexView[] = job.vertices.map((v) => {
      const recordsIn = v.metrics?.["read-records"];
      const recordsOut = v.metrics?.["write-records"];
      const previous = samples.get(v.id);
      const current = { in: { value: recordsIn ?? 0, atMs: now }, out: { value: recordsOut ?? 0, atMs: now } };
      samples.set(v.id, current);
      const extra = perVertex.get(v.id);
      return {
        id: v.id,
        name: v.name,
        parallelism: v.parallelism,
        status: v.status,
        recordsIn,
        recordsOut,
        // why not for an ended job: its counters stand still, and "0/s" would read as a stalled job
        rateIn: recordsIn === undefined || terminal ? null : ratePerSecond(previous?.in, current.in),
        rateOut: recordsOut === undefined || terminal ? null : ratePerSecond(previous?.out, current.out),
        busyRatio: maxBusyRatio(extra?.bp),
        backPressureRatio: maxBackPressureRatio(extra?.bp),
        health: vertexHealth(extra?.bp),
        watermark: extra?.wm === null || extra?.wm === undefined ? null : lowestWatermark(extra.wm.map((m) => m.value)),
      };
    });
    graph.render(views, planEdges(job));
    replace(vertexTable, table("Vertices", ["Name", "Status", "Parallelism", "Records in", "Records out", "In rate", "Out rate", "Busy", "Backpressure", "Watermark"],
      views.map((v) => {
        const bp = perVertex.get(v.id)?.bp;
        return [v.name, v.status, String(v.parallelism), formatCount(v.recordsIn), formatCount(v.recordsOut), formatRate(v.rateIn), formatRate(v.rateOut),
          percent(v.busyRatio), bp?.backpressureLevel === undefined ? "–" : `${bp.backpressureLevel} (${percent(v.backPressureRatio)})`, formatWatermark(v.watermark)];
      })));
  }

  function renderCheckpoints(stats: CheckpointingStatistics | null): void {
    if (stats === null) {
      replace(checkpointCounts, "This job does not checkpoint.");
      return;
    }
    const c = stats.counts;
    replace(checkpointCounts, `Triggered ${c.total} · completed ${c.completed} · in progress ${c.in_progress} · failed ${c.failed} · restored ${c.restored}`);
    chart.render(stats.history);
    // why ten: Flink's web.checkpoints.history default; the chart above shows them all
    const newestFirst = [...stats.history].sort((a, b) => b.id - a.id).slice(0, HISTORY_ROWS);
    replace(checkpointTable, table(`Checkpoint history (latest ${HISTORY_ROWS})`, ["ID", "Status", "Type", "Triggered", "Duration", "Checkpointed size", "Buffered in alignment", "Acknowledged", "Path"],
      newestFirst.map((cp) => [String(cp.id), cp.status, cp.is_savepoint ? "savepoint" : "checkpoint", formatTime(cp.trigger_timestamp),
        formatDuration(cp.end_to_end_duration), formatBytes(cp.checkpointed_size ?? cp.state_size), formatBytes(cp.alignment_buffered),
        cp.num_subtasks === undefined ? "–" : `${cp.num_acknowledged_subtasks ?? 0}/${cp.num_subtasks}`, cp.external_path ?? cp.failure_message ?? "–"]),
      "no checkpoints yet"));
  }

  let shownExceptions = "";

  function renderExceptions(found: JobExceptions | null): void {
    // why only on change: re-rendering every second would fold an entry the user just opened
    const key = JSON.stringify([found?.["root-exception"] ?? null, (found?.exceptionHistory?.entries ?? []).map((e) => e.timestamp)]);
    if (key === shownExceptions) return;
    shownExceptions = key;
    const entries = found?.exceptionHistory?.entries ?? [];
    if (entries.length === 0 && (found?.["root-exception"] ?? null) === null) {
      replace(exceptions, h("p", {}, "No exceptions."));
      return;
    }
    const items = entries.length > 0
      ? entries.map((e) => ({ name: e.exceptionName, where: [e.taskName, e.location].filter(Boolean).join(" @ "), at: e.timestamp, trace: e.stacktrace }))
      : [{ name: (found!["root-exception"] ?? "").split("\n")[0] ?? "", where: "", at: found!.timestamp ?? 0, trace: found!["root-exception"] ?? "" }];
    // why the trace's first line as the summary: it holds the message ("Error: …"), the name alone says little;
    // the latest entry is open, the older ones fold
    replace(exceptions, h("ol", { "aria-label": "Exception history" }, ...items.map((e, i) =>
      h("li", {}, h("details", { open: i === 0 },
        h("summary", {}, `${formatTime(e.at)} ${e.trace.split("\n")[0] || e.name}${e.where === "" ? "" : ` (${e.where})`}`),
        h("pre", {}, e.trace))))));
  }

  return {
    title: "Job",
    element,
    async refresh() {
      const job = await rest.job(jid);
      const running = !isTerminal(job.state);
      const [checkpoints, found, perVertex] = await Promise.all([
        orNull(rest.checkpoints(jid)),
        orNull(rest.exceptions(jid)),
        Promise.all(job.vertices.map(async (v) => [v.id, {
          bp: running ? await orNull(rest.backPressure(jid, v.id)) : null,
          wm: await orNull(rest.watermarks(jid, v.id)),
        }] as const)).then((entries) => new Map(entries)),
      ]);
      if (disposed) return;
      // why the JobManager's clock: rates divide by the time between two metric snapshots, not between two fetches
      renderJob(job, perVertex, job.now ?? Date.now());
      renderCheckpoints(checkpoints);
      renderExceptions(found);
    },
    dispose() {
      disposed = true;
      chart.dispose();
    },
  };
}
