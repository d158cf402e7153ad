// The dashboard's entry: a hash router over the pages, a poll every second while a page is shown, and an alert
// banner when the JobManager does not answer.
import "uplot/dist/uPlot.min.css";
import "./style.css";
import { h, replace } from "./dom.js";
import { jobDetailPage } from "./pages/job-detail-page.js";
import { jobListPage } from "./pages/job-list-page.js";
import { overviewPage } from "./pages/overview-page.js";
import type { Page } from "./pages/page.js";
import { taskManagersPage } from "./pages/task-managers-page.js";

const POLL_MS = 1000;

function pageFor(hash: string): Page {
  const path = hash.replace(/^#/, "") || "/";
  const job = /^\/jobs\/([^/]+)$/.exec(path);
  if (job !== null) return jobDetailPage(decodeURIComponent(job[1]!));
  if (path === "/jobs") return jobListPage();
  if (path === "/taskmanagers") return taskManagersPage();
  return overviewPage();
}

function start(): void {
  const main = document.querySelector("main")!;
  const alert = document.getElementById("alert")!;
  const navLinks = [...document.querySelectorAll<HTMLAnchorElement>("nav a")];
  let current: Page | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Refreshes `page` unless its last refresh is still running (a slow JobManager must not pile up requests). */
  function poller(page: Page): () => Promise<void> {
    let inFlight = false;
    return async () => {
      if (inFlight) return;
      inFlight = true;
      try {
        await page.refresh();
        if (page === current) replace(alert);
      } catch (e) {
        if (page === current) replace(alert, h("p", {}, `Cannot load ${page.title.toLowerCase()}: ${(e as Error).message}`));
      } finally {
        inFlight = false;
      }
    };
  }

  function route(): void {
    current?.dispose?.();
    clearInterval(timer);
    const page = pageFor(location.hash);
    current = page;
    replace(main, page.element);
    for (const link of navLinks) {
      const active = link.hash === (location.hash || "#/") || (link.hash === "#/jobs" && location.hash.startsWith("#/jobs/"));
      if (active) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    const refresh = poller(page);
    void refresh();
    timer = setInterval(() => void refresh(), POLL_MS);
  }

  window.addEventListener("hashchange", route);
  route();
}

start();
