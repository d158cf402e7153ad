// REST contract of the job routes against a Dispatcher without NATS: the JSON shapes of Flink's /jobs, /jobs/overview,
// /jobs/:id (+ plan, checkpoints, exceptions, vertices), and what cancel, savepoint and stop do to a running job —
// checked against what the jobs must have done (record counts of a 10 000-record job, a savepoint's files on disk, a
// restored run that continues the count exactly where the savepoint left it).
import { existsSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { bundleOf, JOBS_FLOW, startJobManager, type JobManagerUnderTest } from "./rest-harness.js";

const HEX32 = /^[0-9a-f]{32}$/;

async function jarOf(jm: JobManagerUnderTest): Promise<string> {
  return jm.upload(await bundleOf(JOBS_FLOW));
}

/** Polls a savepoint request until it completed; returns its operation. */
async function savepointResult(jm: JobManagerUnderTest, jobId: string, triggerId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const body = (await jm.request("GET", `/jobs/${jobId}/savepoints/${triggerId}`)).json() as { status: { id: string }; operation: Record<string, unknown> | null };
    if (body.status.id === "COMPLETED") return body.operation!;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`savepoint ${triggerId} of job ${jobId} did not complete in 10 s`);
}

/** Waits until the job completed at least `n` checkpoints (so a savepoint or stop finds it running with state). */
async function waitForCheckpoints(jm: JobManagerUnderTest, jobId: string, n: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const body = (await jm.request("GET", `/jobs/${jobId}/checkpoints`)).json() as { counts: { completed: number } };
    if (body.counts.completed >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${jobId} did not complete ${n} checkpoints in 10 s`);
}

test("a finished job: /jobs, /jobs/overview and /jobs/:id in Flink's shapes, with its plan, vertices and record counts", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jarOf(jm);
  const id = await jm.run(jar, { job: "counting", parallelism: 2 });
  t.regex(id, HEX32, "Flink's job ids: 32 hex digits");
  const job = await jm.waitForState(id, ["FINISHED", "FAILED"]);
  t.is(job.state, "FINISHED", JSON.stringify((await jm.request("GET", `/jobs/${id}/exceptions`)).json()));

  t.deepEqual((await jm.request("GET", "/jobs")).json(), { jobs: [{ id, status: "FINISHED" }] });
  const overview = (await jm.request("GET", "/jobs/overview")).json() as { jobs: Record<string, unknown>[] };
  t.is(overview.jobs.length, 1);
  t.like(overview.jobs[0], { jid: id, name: "counting", state: "FINISHED", tasks: { total: 2, finished: 2, running: 0 } });
  t.true((overview.jobs[0]!["end-time"] as number) >= (overview.jobs[0]!["start-time"] as number));

  // The job graph: the source chain (generator -> map) shuffles by key to the aggregate chain (aggregate -> sink).
  const vertices = job.vertices as { id: string; name: string; parallelism: number; status: string; metrics: Record<string, number> }[];
  t.deepEqual(vertices.map((v) => [v.name, v.parallelism, v.status]), [
    ["source:ticks -> map#1", 2, "FINISHED"],
    ["aggregate#2 -> sink:counts", 2, "FINISHED"],
  ]);
  for (const v of vertices) t.regex(v.id, HEX32);
  // why these counts: 10 000 generated records cross the keyBy edge once each, and the running count emits one
  // record per input; Flink counts records crossing a vertex's edges (none enter a source, none leave a sink chain)
  t.is(vertices[0]!.metrics["read-records"], 0);
  t.is(vertices[0]!.metrics["write-records"], 10_000);
  t.is(vertices[1]!.metrics["read-records"], 10_000);
  t.like(job, { jid: id, name: "counting", "status-counts": { FINISHED: 2, RUNNING: 0 } });
  const timestamps = job.timestamps as Record<string, number>;
  t.true(timestamps.INITIALIZING! <= timestamps.CREATED! && timestamps.CREATED! <= timestamps.RUNNING! && timestamps.RUNNING! <= timestamps.FINISHED!);
  t.is(job.duration, (job["end-time"] as number) - (job["start-time"] as number));

  const plan = (await jm.request("GET", `/jobs/${id}/plan`)).json() as { plan: { jid: string; nodes: { id: string; inputs: { id: string; ship_strategy: string }[] }[] } };
  t.is(plan.plan.jid, id);
  t.deepEqual(plan.plan.nodes.map((n) => n.inputs.map((i) => [i.id, i.ship_strategy])), [[], [[vertices[0]!.id, "HASH"]]]);

  // The collected records: the running count 1..10 000, once each (over both subtasks of the keyed aggregate).
  const counts = (jm.dispatcher.get(id).result()!.collected.counts as { n: number }[]).map((r) => r.n).sort((a, b) => a - b);
  t.deepEqual(counts, Array.from({ length: 10_000 }, (_, i) => i + 1));
});

test("checkpoints: counts, history and details of a checkpointing job; a job without checkpoints has none", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jarOf(jm);
  const id = await jm.run(jar, { job: "counting" });
  const words = await jm.run(jar, { job: "words" });
  await jm.waitForState(id, "FINISHED");
  await jm.waitForState(words, "FINISHED");
  const cps = (await jm.request("GET", `/jobs/${id}/checkpoints`)).json() as {
    counts: { completed: number; failed: number; total: number; restored: number };
    history: { id: number; status: string; is_savepoint: boolean; external_path: string; trigger_timestamp: number; latest_ack_timestamp: number; end_to_end_duration: number }[];
    latest: { completed: { id: number } };
  };
  // why at least 5: the job runs about 2 s with a checkpoint every 100 ms (and a final one at the end)
  t.true(cps.counts.completed >= 5, `completed ${cps.counts.completed}`);
  t.is(cps.counts.total, cps.counts.completed + cps.counts.failed);
  t.is(cps.counts.restored, 0);
  t.is(cps.history.length, cps.counts.completed, "the JobMaster keeps every completed checkpoint, beyond the runtime's last 10");
  t.deepEqual(cps.history.map((c) => c.id), [...cps.history.map((c) => c.id)].sort((a, b) => b - a), "newest first");
  t.is(cps.latest.completed.id, cps.history[0]!.id);
  const newest = cps.history[0]!;
  t.is(newest.status, "COMPLETED");
  t.false(newest.is_savepoint);
  t.is(newest.end_to_end_duration, newest.latest_ack_timestamp - newest.trigger_timestamp);
  t.is(newest.external_path, join(jm.checkpointRoot, id, `chk-${newest.id}`));
  t.true(existsSync(join(newest.external_path, "_metadata")), "the newest checkpoint is on disk in the job's own directory");

  const details = (await jm.request("GET", `/jobs/${id}/checkpoints/details/${newest.id}`)).json() as Record<string, unknown>;
  t.like(details, { id: newest.id, status: "COMPLETED", external_path: newest.external_path });
  const missing = await jm.request("GET", `/jobs/${id}/checkpoints/details/999999`);
  t.is(missing.statusCode, 404);
  t.regex((missing.json() as { errors: string[] }).errors[0]!, /no completed checkpoint 999999/);
  t.is((await jm.request("GET", `/jobs/${id}/checkpoints/details/-1`)).statusCode, 400);

  t.like((await jm.request("GET", `/jobs/${words}/checkpoints`)).json(), { counts: { completed: 0, total: 0 }, history: [] });
  t.like((await jm.request("GET", `/jobs/${id}/exceptions`)).json(), { "root-exception": null, "all-exceptions": [] });
});

test("cancel: PATCH /jobs/:id?mode=cancel answers 202 and the job ends CANCELED; a second cancel is a 409", async (t) => {
  const jm = await startJobManager(t);
  const id = await jm.run(await jarOf(jm), { job: "endless" });
  await jm.waitForState(id, "RUNNING");
  const res = await jm.request("PATCH", `/jobs/${id}?mode=cancel`);
  t.is(res.statusCode, 202);
  t.deepEqual(res.json(), {});
  const job = await jm.waitForState(id, ["CANCELED", "FAILED"]);
  t.is(job.state, "CANCELED");
  t.true((job["end-time"] as number) > 0);
  const again = await jm.request("PATCH", `/jobs/${id}?mode=cancel`);
  t.is(again.statusCode, 409);
  t.regex((again.json() as { errors: string[] }).errors[0]!, /it is CANCELED/);
  t.like((await jm.request("GET", "/overview")).json(), { "jobs-cancelled": 1, "jobs-running": 0 });
});

test("savepoints: POST /jobs/:id/savepoints returns a trigger id whose status gives the savepoint's location; the job runs on", async (t) => {
  const jm = await startJobManager(t);
  const id = await jm.run(await jarOf(jm), { job: "endless" });
  await waitForCheckpoints(jm, id, 1);
  const target = join(jm.checkpointRoot, "..", "my-savepoints");
  const res = await jm.request("POST", `/jobs/${id}/savepoints`, { "target-directory": target });
  t.is(res.statusCode, 202);
  const trigger = (res.json() as { "request-id": string })["request-id"];
  t.regex(trigger, HEX32);
  const op = await savepointResult(jm, id, trigger);
  t.regex(op.location as string, new RegExp(`^${target}/chk-\\d+$`));
  t.true(existsSync(join(op.location as string, "_metadata")));
  t.is(((await jm.request("GET", `/jobs/${id}`)).json() as { state: string }).state, "RUNNING");
  const cps = (await jm.request("GET", `/jobs/${id}/checkpoints`)).json() as { latest: { savepoint: { is_savepoint: boolean } | null } };
  t.true(cps.latest.savepoint?.is_savepoint);

  // Without a directory: the cluster's savepoint root, one directory per job.
  const plain = (await jm.request("POST", `/jobs/${id}/savepoints`, {})).json() as { "request-id": string };
  t.regex((await savepointResult(jm, id, plain["request-id"])).location as string, new RegExp(`/savepoints/${id}/chk-\\d+$`));

  // cancel-job: the savepoint, then the job is CANCELED.
  const cancelling = (await jm.request("POST", `/jobs/${id}/savepoints`, { "cancel-job": true, "target-directory": target })).json() as { "request-id": string };
  t.truthy((await savepointResult(jm, id, cancelling["request-id"])).location);
  t.is((await jm.waitForState(id, ["CANCELED", "FAILED"])).state, "CANCELED");

  const unknown = await jm.request("GET", `/jobs/${id}/savepoints/${"0".repeat(32)}`);
  t.is(unknown.statusCode, 404);
  t.is((await jm.request("POST", `/jobs/${id}/savepoints`, {})).statusCode, 409, "no savepoint of a job that ended");
});

test("stop with a savepoint: the job FINISHES, and a job run from that savepoint continues the count exactly once", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jarOf(jm);
  const first = await jm.run(jar, { job: "counting" });
  await waitForCheckpoints(jm, first, 2);
  const res = await jm.request("POST", `/jobs/${first}/stop`, { targetDirectory: join(jm.checkpointRoot, "..", "stops") });
  t.is(res.statusCode, 202);
  const op = await savepointResult(jm, first, (res.json() as { "request-id": string })["request-id"]);
  t.is(op["failure-cause"], undefined, JSON.stringify(op));
  t.is((await jm.waitForState(first, ["FINISHED", "FAILED", "CANCELED"])).state, "FINISHED");

  const second = await jm.run(jar, { job: "counting", savepointPath: op.location as string });
  t.is((await jm.waitForState(second, ["FINISHED", "FAILED"])).state, "FINISHED");
  const cps = (await jm.request("GET", `/jobs/${second}/checkpoints`)).json() as { counts: { restored: number }; latest: { restored: { external_path: string } } };
  t.is(cps.counts.restored, 1);
  t.is(cps.latest.restored.external_path, op.location as string);
  // The restored run goes on from the savepoint's count: it emits k+1 … 10 000, each once, where k is the count the
  // savepoint held (the generator's position and the aggregate's state were taken at the same barrier).
  const ns = (jm.dispatcher.get(second).result()!.collected.counts as { n: number }[]).map((r) => r.n);
  t.true(ns.length > 0 && ns.length < 10_000, `the restored run emitted ${ns.length} records`);
  const k = 10_000 - ns.length;
  t.deepEqual(ns, Array.from({ length: ns.length }, (_, i) => k + 1 + i));
});

test("stop --drain: the open event-time window fires with every record read, then the savepoint; without drain it stays open", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jarOf(jm);
  for (const drain of [true, false]) {
    const id = await jm.run(jar, { job: "yearly", parallelism: 1 });
    await waitForCheckpoints(jm, id, 1);
    const target = join(jm.checkpointRoot, "..", drain ? "drained" : "stopped");
    const res = await jm.request("POST", `/jobs/${id}/stop`, { targetDirectory: target, drain });
    t.is(res.statusCode, 202);
    const op = await savepointResult(jm, id, (res.json() as { "request-id": string })["request-id"]);
    t.regex(op.location as string, new RegExp(`^${target}/chk-\\d+$`), JSON.stringify(op));
    t.true(existsSync(join(op.location as string, "_metadata")));
    const job = await jm.waitForState(id, ["FINISHED", "FAILED", "CANCELED"]);
    t.is(job.state, "FINISHED");
    const read = jm.dispatcher.get(id).metrics().operators.find((o) => o.name === "source:forever")!.recordsOut;
    t.true(read > 0, "the source had read records when it was stopped");
    const windows = jm.dispatcher.get(id).result()!.collected.yearCounts as { count: number }[];
    // why one window: the generator's timestamps (2024) all fall in one ten-year window, which no watermark closes
    // before the end of input
    if (drain) t.deepEqual(windows.map((w) => w.count), [read], "drained: the window's count is every record the source read");
    else t.deepEqual(windows, [], "not drained: the window is still open (in the savepoint)");
  }
});

test("vertices: details, watermarks, back pressure and aggregated subtask metrics of a finished job", async (t) => {
  const jm = await startJobManager(t);
  const id = await jm.run(await jarOf(jm), { job: "counting", parallelism: 2 });
  const job = await jm.waitForState(id, "FINISHED");
  const [source, aggregate] = job.vertices as { id: string }[];
  const details = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}`)).json() as Record<string, unknown>;
  t.like(details, { id: aggregate!.id, name: "aggregate#2 -> sink:counts", parallelism: 2, aggregated: { status: "FINISHED", metrics: { "read-records": 10_000 } } });
  t.deepEqual((details.operators as { name: string }[]).map((o) => o.name), ["aggregate#2", "sink:counts"]);

  const watermarks = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/watermarks`)).json() as { id: string; value: string }[];
  t.is(watermarks.length, 1);
  t.is(watermarks[0]!.id, "min.currentInputWatermark");
  // why: the generator's timestamps end at 2024-01-01 + 10 000 records; the last watermark a finished job's operators
  // saw is the end-of-input one (+Infinity is not finite, so Flink's Long.MIN placeholder) or a real one from 2024
  t.true(Number(watermarks[0]!.value) === Number.MIN_SAFE_INTEGER || Number(watermarks[0]!.value) >= Date.UTC(2024, 0, 1));

  const bp = (await jm.request("GET", `/jobs/${id}/vertices/${source!.id}/backpressure`)).json() as { status: string; "backpressure-level": string; ratio: number };
  t.is(bp.status, "ok");
  t.true(["ok", "low", "high"].includes(bp["backpressure-level"]));
  t.true(bp.ratio >= 0 && bp.ratio <= 1);

  const names = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics`)).json() as { id: string }[];
  t.true(names.some((m) => m.id === "numRecordsIn"));
  const values = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=numRecordsIn,numRecordsOut`)).json();
  // why: every record has the key "all", so one of the two aggregate subtasks reads all 10 000 and the other none; the
  // sink (the chain's tail) writes nothing on
  t.deepEqual(values, [
    { id: "numRecordsIn", min: 0, max: 10_000, avg: 5_000, sum: 10_000 },
    { id: "numRecordsOut", min: 0, max: 0, avg: 0, sum: 0 },
  ]);

  // Per subtask: index, status, where it ran, its own counts.
  const subtasks = details.subtasks as { subtask: number; status: string; endpoint: string; "taskmanager-id": string; "start-time": number; "end-time": number; duration: number; metrics: Record<string, number> }[];
  t.deepEqual(subtasks.map((s) => [s.subtask, s.status, s.endpoint]), [[0, "FINISHED", "localhost"], [1, "FINISHED", "localhost"]]);
  t.deepEqual(subtasks.map((s) => s.metrics["read-records"]).sort((a, b) => a! - b!), [0, 10_000]);
  for (const s of subtasks) {
    t.true(s["start-time"] >= (job["start-time"] as number) && s["end-time"] >= s["start-time"], JSON.stringify(s));
    t.is(s.duration, s["end-time"] - s["start-time"]);
  }
  const busy = subtasks.find((s) => s.metrics["read-records"] === 10_000)!.subtask;
  const one = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=numRecordsIn&agg=max,sum&subtasks=${busy}`)).json();
  t.deepEqual(one, [{ id: "numRecordsIn", max: 10_000, sum: 10_000 }], "one subtask chosen, two aggregations asked for");
  const sourceSubtasks = ((await jm.request("GET", `/jobs/${id}/vertices/${source!.id}`)).json() as { subtasks: { metrics: Record<string, number> }[] }).subtasks;
  t.is(sourceSubtasks.reduce((n, s) => n + s.metrics["write-records"]!, 0), 10_000, "the source subtasks wrote the 10 000 records between them");
  const outOfRange = await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=numRecordsIn&subtasks=0-2`);
  t.is(outOfRange.statusCode, 400);
  t.regex((outOfRange.json() as { errors: string[] }).errors[0]!, /subtask 2 does not exist: vertex [0-9a-f]{32} has subtasks 0-1/);
  t.is((await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=numRecordsIn&agg=skew`)).statusCode, 400);
  const bpSubtasks = ((await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/backpressure`)).json() as { subtasks: { subtask: number; ratio: number; busyRatio: number; idleRatio: number }[] }).subtasks;
  t.deepEqual(bpSubtasks.map((s) => s.subtask), [0, 1]);
  for (const s of bpSubtasks) t.true(s.busyRatio >= 0 && s.busyRatio <= 1 && s.idleRatio >= 0 && s.busyRatio + s.ratio + s.idleRatio <= 1 + 1e-9, JSON.stringify(s));

  // Busy time (test/runtime/jobmanager/busy-time.test.ts checks its size): summed per vertex, as a rate per subtask.
  const busyOf = (s: (typeof subtasks)[number]) => s.metrics["accumulated-busy-time"]!;
  for (const s of subtasks) t.true(busyOf(s) >= 0 && busyOf(s) <= s.duration, JSON.stringify(s.metrics));
  const perSecond = (await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=busyTimeMsPerSecond,accumulatedBusyTimeMs&agg=sum`)).json() as { id: string; sum: number }[];
  t.is(perSecond[1]!.sum, busyOf(subtasks[0]!) + busyOf(subtasks[1]!));
  t.true(perSecond[0]!.sum >= 0 && perSecond[0]!.sum <= 2000, JSON.stringify(perSecond));
  const vertexBusy = ((job.vertices as { metrics: Record<string, number> }[])[1]!).metrics["accumulated-busy-time"]!;
  t.is(vertexBusy, busyOf(subtasks[0]!) + busyOf(subtasks[1]!), "GET /jobs/:id gives each vertex's busy time (summed over its subtasks)");
  const bad = await jm.request("GET", `/jobs/${id}/vertices/${aggregate!.id}/subtasks/metrics?get=numRecordsIn,noSuchMetric`);
  t.is(bad.statusCode, 400);
  t.regex((bad.json() as { errors: string[] }).errors[0]!, /unknown metric 'noSuchMetric'/);
  const otherVertex = await jm.request("GET", `/jobs/${id}/vertices/${"f".repeat(32)}`);
  t.is(otherVertex.statusCode, 404);
  t.regex((otherVertex.json() as { errors: string[] }).errors[0]!, /has no vertex/);
});

test("bad input on job routes: malformed ids are 400, unknown ids 404, unknown query values 400 — each with Flink's errors list", async (t) => {
  const jm = await startJobManager(t);
  const unknown = "0123456789abcdef0123456789abcdef";
  const cases: [method: "GET" | "POST" | "PATCH", url: string, status: number, message: RegExp, body?: unknown][] = [
    ["GET", "/jobs/not-a-job-id", 400, /params\/jobid must match pattern/],
    ["GET", `/jobs/${unknown}`, 404, /no job '0123456789abcdef0123456789abcdef'/],
    ["GET", `/jobs/${unknown}/plan`, 404, /no job/],
    ["GET", `/jobs/${unknown}/exceptions`, 404, /no job/],
    ["GET", `/jobs/${unknown}/checkpoints`, 404, /no job/],
    ["GET", `/jobs/${unknown}/vertices/${unknown}`, 404, /no job/],
    ["GET", `/jobs/${unknown}/vertices/${unknown}/subtasks/metrics?get=numRecordsIn`, 404, /no job/],
    ["GET", `/jobs/${unknown}/vertices/not-a-vertex/subtasks/metrics`, 400, /params\/vertexid must match pattern/],
    ["PATCH", `/jobs/${unknown}?mode=cancel`, 404, /no job/],
    ["PATCH", `/jobs/${unknown}?mode=explode`, 400, /querystring\/mode must be equal to one of the allowed values/],
    ["GET", "/jobs?sort=name", 400, /must NOT have additional properties/],
    ["POST", `/jobs/${unknown}/savepoints`, 400, /must NOT have additional properties/, { "target-dir": "/tmp/x" }],
    ["POST", `/jobs/${unknown}/stop`, 400, /body\/drain must be boolean/, { drain: "yes" }],
    ["GET", `/jobs/${unknown}/exceptions?maxExceptions=zero`, 400, /maxExceptions must be integer/],
  ];
  for (const [method, url, status, message, body] of cases) {
    const res = await jm.request(method, url, body);
    t.is(res.statusCode, status, `${method} ${url}: ${res.body}`);
    const errors = (res.json() as { errors: string[] }).errors;
    t.is(errors.length, 1, `${method} ${url}`);
    t.regex(errors[0]!, message, `${method} ${url}`);
  }
  const badJson = await jm.app.inject({ method: "POST", url: `/jobs/${unknown}/savepoints`, headers: { "content-type": "application/json" }, payload: "{\"target-directory\": " });
  t.is(badJson.statusCode, 400);
  t.regex((badJson.json() as { errors: string[] }).errors[0]!, /JSON/i);
});
