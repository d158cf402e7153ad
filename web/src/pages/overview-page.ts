// The cluster at a glance: TaskManagers and slots, job counts, running and completed jobs.
import { h, replace } from "../dom.js";
import { formatCount } from "../format.js";
import { rest } from "../rest-client.js";
import { isTerminal, jobsTable } from "./job-links.js";
import type { Page } from "./page.js";

function stat(label: string, value: number | undefined): HTMLElement {
  return h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, formatCount(value)));
}

export function overviewPage(): Page {
  const stats = h("dl", { class: "stats", "aria-label": "Cluster" });
  // why no headings of their own: each table's caption names it (and is its accessible name)
  const runningTable = h("div", { class: "section" });
  const completedTable = h("div", { class: "section" });
  const element = h("div", {}, h("h1", {}, "Overview"), stats, runningTable, completedTable);
  return {
    title: "Overview",
    element,
    async refresh() {
      const [overview, jobs] = await Promise.all([rest.overview(), rest.jobs()]);
      replace(stats,
        stat("TaskManagers", overview.taskmanagers),
        stat("Total slots", overview["slots-total"]),
        stat("Available slots", overview["slots-available"]),
        stat("Running jobs", overview["jobs-running"]),
        stat("Finished jobs", overview["jobs-finished"]),
        stat("Canceled jobs", overview["jobs-cancelled"]),
        stat("Failed jobs", overview["jobs-failed"]));
      replace(runningTable, jobsTable("Running jobs", jobs.jobs.filter((j) => !isTerminal(j.state))));
      replace(completedTable, jobsTable("Completed jobs", jobs.jobs.filter((j) => isTerminal(j.state))));
    },
  };
}
