// REST contract of the bundle routes (Flink's jars): upload as multipart field `jarfile`, list, run, delete — and every
// way an upload or a run request can be wrong answered with a 4xx and Flink's `{"errors": [message]}`, including a
// bundle that throws as it loads, whose job fails with that error in /jobs/:id/exceptions.
import { createHash } from "node:crypto";
import test from "ava";
import { bundleOf, JOBS_FLOW, startJobManager, THROWING_BUNDLE } from "./rest-harness.js";

function multipart(field: string, filename: string, content: string): { headers: Record<string, string>; payload: string } {
  const boundary = "----eddy-jar-test";
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/javascript\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  };
}

const errorOf = (body: string) => (JSON.parse(body) as { errors: string[] }).errors;

test("upload lists the bundle's jobs under a Flink-style id with the sha256 of its bytes; delete removes it", async (t) => {
  const jm = await startJobManager(t);
  const js = await bundleOf(JOBS_FLOW);
  const res = await jm.app.inject({ method: "POST", url: "/jars/upload", ...multipart("jarfile", "jobs.js", js) });
  t.is(res.statusCode, 200, res.body);
  const { filename, status } = res.json() as { filename: string; status: string };
  t.is(status, "success");
  t.regex(filename, /^[0-9a-f-]{36}_jobs\.js$/);
  const listed = (await jm.request("GET", "/jars")).json() as { address: string; files: { id: string; name: string; uploaded: number; sha256: string; entry: { name: string }[] }[] };
  t.is(listed.files.length, 1);
  t.like(listed.files[0], { id: filename, name: "jobs.js", sha256: createHash("sha256").update(js).digest("hex") });
  t.deepEqual(listed.files[0]!.entry.map((e) => e.name), ["counting", "endless", "yearly", "words"]);
  t.is((await jm.request("DELETE", `/jars/${filename}`)).statusCode, 200);
  t.deepEqual(((await jm.request("GET", "/jars")).json() as { files: unknown[] }).files, []);
  const again = await jm.request("DELETE", `/jars/${filename}`);
  t.is(again.statusCode, 404);
  t.regex(errorOf(again.body)[0]!, /no jar/);
});

test("run: the named job (or `entryClass`, Flink's name for it) starts with the given parallelism", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jm.upload(await bundleOf(JOBS_FLOW));
  const words = await jm.run(jar, { entryClass: "words" });
  t.is((await jm.waitForState(words, "FINISHED")).name, "words");
  // why these words: "to be or not to be" and "to do is to be" — counted in one 10 s window
  const collected = jm.dispatcher.get(words).result()!.collected.wordCounts as { word: string; count: number }[];
  t.deepEqual(Object.fromEntries(collected.map((r) => [r.word, r.count])), { to: 4, be: 3, or: 1, not: 1, do: 1, is: 1 });
  const counting = await jm.run(jar, { job: "counting", parallelism: 3 });
  const job = await jm.waitForState(counting, "FINISHED");
  t.deepEqual((job.vertices as { parallelism: number }[]).map((v) => v.parallelism), [3, 3]);
});

test("a bundle that throws as it loads is kept with its error; its job FAILS with that error in /jobs/:id/exceptions", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jm.upload(THROWING_BUNDLE, "broken.js");
  const listed = (await jm.request("GET", "/jars")).json() as { files: { entry: unknown[]; error: string }[] };
  t.deepEqual(listed.files[0]!.entry, []);
  t.regex(listed.files[0]!.error, /failed to load: this bundle is broken on purpose/);
  const id = await jm.run(jar, {});
  t.is((await jm.waitForState(id, ["FAILED", "FINISHED"])).state, "FAILED");
  const exceptions = (await jm.request("GET", `/jobs/${id}/exceptions`)).json() as { "root-exception": string; timestamp: number; exceptionHistory: { entries: { exceptionName: string; stacktrace: string }[] } };
  t.regex(exceptions["root-exception"], /this bundle is broken on purpose/);
  t.true(exceptions.timestamp > 0);
  t.is(exceptions.exceptionHistory.entries.length, 1);
  t.like((await jm.request("GET", "/overview")).json(), { "jobs-failed": 1 });
});

test("bad uploads: wrong field, no file, not multipart, empty, too large — a 4xx each, and the server answers on", async (t) => {
  const jm = await startJobManager(t, { maxUploadBytes: 1024 });
  const wrongField = await jm.app.inject({ method: "POST", url: "/jars/upload", ...multipart("file", "x.js", "export const jobs = {};") });
  t.is(wrongField.statusCode, 400);
  t.regex(errorOf(wrongField.body)[0]!, /field 'file': send it in `jarfile`/);
  const notMultipart = await jm.request("POST", "/jars/upload", { jarfile: "x" });
  t.is(notMultipart.statusCode, 400);
  t.regex(errorOf(notMultipart.body)[0]!, /multipart\/form-data in the field `jarfile`/);
  const empty = await jm.app.inject({ method: "POST", url: "/jars/upload", ...multipart("jarfile", "empty.js", "") });
  t.is(empty.statusCode, 400);
  t.regex(errorOf(empty.body)[0]!, /is empty/);
  const large = await jm.app.inject({ method: "POST", url: "/jars/upload", ...multipart("jarfile", "big.js", `// ${"x".repeat(4096)}\nexport const jobs = {};`) });
  t.is(large.statusCode, 413);
  t.is(errorOf(large.body).length, 1);
  const notABundle = await jm.app.inject({ method: "POST", url: "/jars/upload", ...multipart("jarfile", "lib.js", "export const answer = 42;") });
  t.is(notABundle.statusCode, 200, "kept, with why it cannot run");
  t.regex(((await jm.request("GET", "/jars")).json() as { files: { error: string }[] }).files[0]!.error, /exports no `jobs`/);
  t.is((await jm.request("GET", "/overview")).statusCode, 200);
});

test("bad run requests: unknown jar, unknown job, several jobs and none named, bad JSON, bad fields, a savepoint path with no savepoint", async (t) => {
  const jm = await startJobManager(t);
  const jar = await jm.upload(await bundleOf(JOBS_FLOW));
  const cases: [url: string, body: unknown, status: number, message: RegExp][] = [
    ["/jars/no-such-jar/run", {}, 404, /no jar 'no-such-jar'/],
    [`/jars/${jar}/run`, { job: "nope" }, 400, /has no job 'nope' \(jobs: counting, endless, yearly, words\)/],
    [`/jars/${jar}/run`, {}, 400, /has 4 jobs: name the one to run/],
    [`/jars/${jar}/run`, { job: "words", parallelism: 0 }, 400, /body\/parallelism must be >= 1/],
    [`/jars/${jar}/run`, { job: "words", parallelism: "many" }, 400, /body\/parallelism must be integer/],
    [`/jars/${jar}/run`, { job: "words", programArgs: "--x" }, 400, /must NOT have additional properties/],
    [`/jars/${jar}/run`, { job: "words", savepointPath: "/nonexistent/savepoint" }, 400, /no completed savepoint or checkpoint there/],
  ];
  for (const [url, body, status, message] of cases) {
    const res = await jm.request("POST", url, body);
    t.is(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
    t.regex(errorOf(res.body)[0]!, message);
  }
  const badJson = await jm.app.inject({ method: "POST", url: `/jars/${jar}/run`, headers: { "content-type": "application/json" }, payload: "{job: words}" });
  t.is(badJson.statusCode, 400);
  t.regex(errorOf(badJson.body)[0]!, /JSON/);
  t.deepEqual((await jm.request("GET", "/jobs")).json(), { jobs: [] }, "no bad request started a job");
});
