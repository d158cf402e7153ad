// What the REST contract tests share: small .flow jobs compiled and bundled in the test (the bytes an `eddy compile`
// index.js would hold), a JobManager's Dispatcher without NATS on a temporary checkpoint root, its fastify server
// answering in-process (inject: no port), and helpers to upload a bundle and wait for a job's state.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionContext } from "ava";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { bundleJob } from "../../../../compiler/bundle/bundle.js";
import { compile } from "../../../../compiler/compile.js";
import { formatDiagnostics } from "../../../../compiler/diagnostics/format.js";
import { Dispatcher } from "../../../../runtime/cluster/dispatcher/dispatcher.js";
import { createRestServer, type RestServerOptions } from "../../../../runtime/cluster/rest/rest-server.js";

/**
 * Four jobs: `counting` emits {k:"all", n} for n = 1..10 000 at 5 000 records/s (2 s) with checkpoints every 100 ms;
 * `endless` counts an endless throttled generator (for cancel, savepoint, stop); `yearly` counts it in a ten-year event-time
 * window that only an end of input (stop --drain) closes; `words` finishes at once.
 */
export const JOBS_FLOW = `
schema Tick { id: int, ts: timestamp }
schema Line { text: string, ts: timestamp }
source ticks: Tick = generator(count: 10_000, seed: 7, throttle: 5_000) watermark ts delay 0s
source forever: Tick = generator(count: 1_000_000_000, seed: 7, throttle: 500) watermark ts delay 0s
source lines: Line = collection([
  { text: "to be or not to be", ts: 1000 },
  { text: "to do is to be", ts: 2000 },
]) watermark ts delay 0s
sink counts = collect()
sink endlessCounts = collect()
sink wordCounts = collect()
sink yearCounts = collect()
job counting {
  checkpoint every 100ms exactly_once
  ticks | map { k: "all" } | keyBy k | aggregate { n: count() } | to counts
}
job endless {
  checkpoint every 100ms exactly_once
  forever | map { k: "all" } | keyBy k | aggregate { n: count() } | to endlessCounts
}
job yearly {
  checkpoint every 100ms exactly_once
  forever | map { k: "all" } | keyBy k | window tumbling(3650d) | aggregate { count: count() } | to yearCounts
}
job words {
  lines
    | flatMap split(lower(text), " ") as word
    | keyBy word
    | window tumbling(10s)
    | aggregate { count: count() }
    | to wordCounts
}
`;

/** A bundle that throws as it loads (a broken artifact). */
export const THROWING_BUNDLE = `throw new Error("this bundle is broken on purpose");\nexport const jobs = {};\n`;

const bundles = new Map<string, Promise<string>>();

/** The bundle's JavaScript of a .flow source (compiled once per test file). */
export function bundleOf(source: string): Promise<string> {
  let js = bundles.get(source);
  if (js === undefined) {
    js = (async () => {
      const result = compile(source, join(tmpdir(), "rest-jobs.flow"));
      if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
      return bundleJob({ files: result.files, outDir: result.options.outDir, minify: true });
    })();
    bundles.set(source, js);
  }
  return js;
}

export interface JobManagerUnderTest {
  readonly app: FastifyInstance;
  readonly dispatcher: Dispatcher;
  readonly checkpointRoot: string;
  request(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Uploads `js` as `name` and returns the jar id. */
  upload(js: string, name?: string): Promise<string>;
  /** Runs a job of a jar and returns its id. */
  run(jarId: string, body: object): Promise<string>;
  /** Polls GET /jobs/:id until `state` (fails after `timeoutMs`). */
  waitForState(jobId: string, state: string | readonly string[], timeoutMs?: number): Promise<Record<string, unknown>>;
}

export async function startJobManager(t: ExecutionContext, rest: Partial<RestServerOptions> = {}): Promise<JobManagerUnderTest> {
  const root = mkdtempSync(join(tmpdir(), "eddy-rest-"));
  const checkpointRoot = join(root, "checkpoints");
  const dispatcher = new Dispatcher({ coordination: null, checkpointRoot, workers: 1, stdout: null, pollMs: 50, log: () => {} });
  const app = await createRestServer({ dispatcher, ...rest });
  t.teardown(async () => {
    await dispatcher.suspendAll();
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
  const request = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown) =>
    app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  const upload = async (js: string, name = "index.js") => {
    const boundary = "----eddy-test-boundary";
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="jarfile"; filename="${name}"\r\nContent-Type: application/javascript\r\n\r\n${js}\r\n--${boundary}--\r\n`;
    const res = await app.inject({ method: "POST", url: "/jars/upload", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, payload });
    if (res.statusCode !== 200) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { filename: string }).filename;
  };
  const run = async (jarId: string, body: object) => {
    const res = await request("POST", `/jars/${encodeURIComponent(jarId)}/run`, body);
    if (res.statusCode !== 200) throw new Error(`run failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { jobid: string }).jobid;
  };
  const waitForState = async (jobId: string, state: string | readonly string[], timeoutMs = 20_000) => {
    const wanted = typeof state === "string" ? [state] : state;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = (await request("GET", `/jobs/${jobId}`)).json() as Record<string, unknown>;
      if (wanted.includes(job.state as string)) return job;
      if (Date.now() > until) throw new Error(`job ${jobId} is ${String(job.state)}, not ${wanted.join(" or ")}, after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { app, dispatcher, checkpointRoot, request, upload, run, waitForState };
}
