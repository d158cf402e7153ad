// Job rows shared by the overview and the job list: a link to the job by its name, its state, times and tasks.
import { h, table } from "../dom.js";
import { formatDuration, formatTime } from "../format.js";
import type { JobSummary } from "../rest-types.js";

export function jobHref(jid: string): string {
  return `#/jobs/${encodeURIComponent(jid)}`;
}

export function stateBadge(state: string): HTMLElement {
  return h("span", { class: `state state-${state.toLowerCase()}` }, state);
}

function taskCounts(tasks: Readonly<Record<string, number>> | undefined): string {
  if (tasks === undefined) return "–";
  const total = tasks.total ?? Object.values(tasks).reduce((a, b) => a + b, 0);
  return `${tasks.running ?? 0} running / ${total}`;
}

export function jobsTable(caption: string, jobs: readonly JobSummary[]): HTMLTableElement {
  const newestFirst = [...jobs].sort((a, b) => b["start-time"] - a["start-time"]);
  return table(caption, ["Name", "Job ID", "State", "Started", "Duration", "Tasks"], newestFirst.map((job) => [
    h("a", { href: jobHref(job.jid) }, job.name),
    h("code", {}, job.jid),
    stateBadge(job.state),
    formatTime(job["start-time"]),
    formatDuration(job.duration),
    taskCounts(job.tasks),
  ]), "no jobs");
}

const TERMINAL = new Set(["FINISHED", "CANCELED", "FAILED", "SUSPENDED"]);

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}
