// Every job the JobManager knows, newest first.
import { h, replace } from "../dom.js";
import { rest } from "../rest-client.js";
import { jobsTable } from "./job-links.js";
import type { Page } from "./page.js";

export function jobListPage(): Page {
  const body = h("div");
  return {
    title: "Jobs",
    element: h("div", {}, h("h1", {}, "Jobs"), body),
    async refresh() {
      const { jobs } = await rest.jobs();
      replace(body, jobsTable("Jobs", jobs));
    },
  };
}
