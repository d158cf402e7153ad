// The web dashboard in a real browser (Debian's Chromium driven by playwright-core) against a real JobManager process
// running a slow, endless, checkpointed job submitted through the REST API: overview → job → graph with rising record
// counts → checkpoint history → savepoint button → cancel button → CANCELED; a failed job's exceptions. Screenshots in
// test-artifacts/dashboard/.
import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { compile } from "../../../compiler/compile.js";
import { eventually, getJson, REPO, SLOW_COUNTS_FLOW, startJobManagerProcess } from "./jobmanager-process.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(REPO, "test-artifacts", "dashboard");

/** Headless on a machine without a network: no sandbox (root in a container), no GPU, no calls home. */
const CHROMIUM_ARGS = [
  "--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
  "--no-proxy-server", "--no-first-run", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints",
];

/** The slow job's bundle. */
async function slowJobBundle(): Promise<string> {
  const result = compile(readFileSync(SLOW_COUNTS_FLOW, "utf8"), SLOW_COUNTS_FLOW);
  if (!result.ok) throw new Error(`${SLOW_COUNTS_FLOW} does not compile`);
  return bundleJob({ files: result.files, outDir: result.options.outDir, minify: true });
}

/** A bundle that throws as it loads: its job fails, with the error in /jobs/:id/exceptions. */
const BROKEN_BUNDLE = `throw new Error("this bundle is broken on purpose");\nexport const jobs = {};\n`;

/** Uploads a bundle and runs it through the REST API, as a user's client would; the job's id. */
async function submit(url: string, js: string, fileName: string, job?: string): Promise<string> {
  const form = new FormData();
  form.append("jarfile", new Blob([js], { type: "application/javascript" }), fileName);
  const uploaded = await fetch(`${url}/jars/upload`, { method: "POST", body: form });
  if (!uploaded.ok) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const { filename } = (await uploaded.json()) as { filename: string };
  const run = await fetch(`${url}/jars/${encodeURIComponent(filename)}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job === undefined ? {} : { entryClass: job }) });
  if (!run.ok) throw new Error(`run: ${run.status} ${await run.text()}`);
  return ((await run.json()) as { jobid: string }).jobid;
}

function recordsOf(cellText: string): number {
  return Number(cellText.replace(/,/g, ""));
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test("a running job in the dashboard: graph, rising records, checkpoints, savepoint and cancel buttons", async (t) => {
  t.timeout(4 * 60_000);
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
    return;
  }
  // 1. the dashboard as the JobManager serves it (web/dist, built from web/src now so the test sees the sources)
  const built = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/build-web.ts")], { cwd: REPO, encoding: "utf8" });
  t.is(built.status, 0, built.stderr);
  mkdirSync(ARTIFACTS, { recursive: true });

  const jm = await startJobManagerProcess(t, "dashboard");
  const jobId = await submit(jm.url, await slowJobBundle(), "slow-counts.js", "slowCounts");
  let browser: Browser | null = null;
  t.teardown(async () => {
    await browser?.close();
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30_000);

  // 2. overview: the cluster's figures and the job among the running ones
  await page.goto(`${jm.url}/`);
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  const running = page.getByRole("table", { name: "Running jobs" });
  await running.getByRole("link", { name: "slowCounts" }).waitFor();
  await t.notThrowsAsync(page.getByRole("definition").first().waitFor(), "the cluster's figures are shown");
  await shoot(page, "1-overview");

  // 3. to the job: its page shows its name and state
  await running.getByRole("link", { name: "slowCounts" }).click();
  await page.getByRole("heading", { name: "slowCounts" }).waitFor();
  t.is(new URL(page.url()).hash, `#/jobs/${jobId}`);
  await page.getByText("State: RUNNING").waitFor();

  // 4. the graph: one box per vertex of the job, as the REST API lists them, joined by the plan's edges
  const details = await getJson<{ vertices: { id: string; name: string }[]; plan: { nodes: { inputs?: unknown[] }[] } }>(jm.url, `/jobs/${jobId}`);
  t.true(details.vertices.length >= 2, "the keyBy splits the job into at least two vertices");
  const graph = page.getByRole("img", { name: "Job graph" });
  for (const v of details.vertices) await graph.getByRole("group", { name: `vertex ${v.name}` }).waitFor();
  t.is(await graph.getByRole("group").count(), details.vertices.length);
  const edges = details.plan.nodes.reduce((n, node) => n + (node.inputs?.length ?? 0), 0);
  t.is(await graph.locator("g.edge").count(), edges, "every edge of the plan is drawn");

  // 5. rising record counts: the source vertex's records out, read from the vertex table twice, two seconds apart
  const vertexTable = page.getByRole("table", { name: "Vertices" });
  const sourceRow = vertexTable.getByRole("row").filter({ hasText: details.vertices[0]!.name });
  const outCell = sourceRow.getByRole("cell").nth(4);
  const first = await eventually("records to flow", 30_000, async () => {
    const n = recordsOf(await outCell.innerText());
    return n > 0 ? n : undefined;
  });
  const later = await eventually("the count to rise", 15_000, async () => {
    const n = recordsOf(await outCell.innerText());
    return n > first ? n : undefined;
  });
  t.true(later > first, `records out rose from ${first} to ${later}`);
  await t.notThrowsAsync(sourceRow.getByRole("cell").nth(6).filter({ hasText: /\/s$/ }).waitFor(), "a rate is shown");

  // 6. checkpoint history: completed checkpoints in the table and the chart drawn
  const history = page.getByRole("table", { name: /Checkpoint history/ });
  await eventually("two completed checkpoints", 30_000, async () => ((await history.getByRole("row").filter({ hasText: "COMPLETED" }).count()) >= 2 ? true : undefined));
  await page.getByRole("figure", { name: "Checkpoint history chart" }).locator("canvas").waitFor();
  await shoot(page, "2-job-running");

  // 7. the savepoint button: the page reports the path, and the savepoint is on disk where we asked
  const savepoints = join(jm.dir, "savepoints-from-dashboard");
  await page.getByLabel("Savepoint directory").fill(savepoints);
  await page.getByRole("button", { name: "Trigger savepoint" }).click();
  const status = page.getByRole("status");
  await status.filter({ hasText: /^Savepoint completed: / }).waitFor();
  const location = (await status.innerText()).replace(/^Savepoint completed: /, "").trim();
  t.true(location.startsWith(savepoints), `${location} is under ${savepoints}`);
  t.true(existsSync(join(location, "_metadata")), `${location}/_metadata exists`);
  await shoot(page, "3-savepoint");

  // 8. the cancel button: the page shows CANCELED, as the REST API does
  await page.getByRole("button", { name: "Cancel job" }).click();
  await page.getByText("State: CANCELED").waitFor();
  t.is((await getJson<{ state: string }>(jm.url, `/jobs/${jobId}`)).state, "CANCELED");
  t.true(await page.getByRole("button", { name: "Cancel job" }).isDisabled(), "an ended job cannot be cancelled again");
  await shoot(page, "4-canceled");

  // 9. the job list and the TaskManagers page render too (no TaskManagers without NATS)
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await page.getByRole("table", { name: "Jobs" }).getByRole("row").filter({ hasText: "CANCELED" }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "TaskManagers" }).click();
  await page.getByRole("table", { name: "TaskManagers" }).getByText("no TaskManagers registered").waitFor();
  await shoot(page, "5-taskmanagers");

  // 10. a job that failed: its page shows FAILED and the error in the exception history
  const failedId = await submit(jm.url, BROKEN_BUNDLE, "broken.js");
  await eventually("the broken job to fail", 30_000, async () => ((await getJson<{ state: string }>(jm.url, `/jobs/${failedId}`)).state === "FAILED" ? true : undefined));
  await page.goto(`${jm.url}/#/jobs/${failedId}`);
  await page.getByText("State: FAILED").waitFor();
  await page.getByRole("list", { name: "Exception history" }).getByText(/this bundle is broken on purpose/).first().waitFor();
  t.true(await page.getByRole("button", { name: "Trigger savepoint" }).isDisabled());
  await shoot(page, "6-failed-job");
  t.deepEqual(pageErrors, [], "no script errors in the page");
});
