// REST contract of the cluster routes and the server's rules: /config, /overview, /taskmanagers without NATS, Flink's
// 404 body for unknown paths, the bearer token (required off loopback, checked on every API route), a standby's 503
// naming the leader, and the dashboard's static files served at / when the directory exists.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { Dispatcher } from "../../../../runtime/cluster/dispatcher/dispatcher.js";
import { createRestServer } from "../../../../runtime/cluster/rest/rest-server.js";
import { startJobManager } from "./rest-harness.js";

const errorOf = (body: string) => (JSON.parse(body) as { errors: string[] }).errors;

test("/config and /overview in Flink's shapes; without NATS there are no TaskManagers", async (t) => {
  const jm = await startJobManager(t);
  const config = (await jm.request("GET", "/config")).json() as Record<string, unknown>;
  t.is(config["refresh-interval"], 3000);
  t.regex(config["flink-version"] as string, /^eddy-\d+\.\d+\.\d+/);
  t.is(typeof config["timezone-offset"], "number");
  t.like(config, { features: { "web-submit": true, "web-cancel": true } });
  t.deepEqual((await jm.request("GET", "/overview")).json(), {
    taskmanagers: 0,
    "slots-total": 0,
    "slots-available": 0,
    "jobs-running": 0,
    "jobs-finished": 0,
    "jobs-cancelled": 0,
    "jobs-failed": 0,
    "flink-version": config["flink-version"],
    "flink-commit": "eddy",
  });
  t.deepEqual((await jm.request("GET", "/taskmanagers")).json(), { taskmanagers: [] });
  const tm = await jm.request("GET", "/taskmanagers/tm-1");
  t.is(tm.statusCode, 404);
  t.regex(errorOf(tm.body)[0]!, /no TaskManager 'tm-1' is registered/);
  const nowhere = await jm.request("GET", "/no/such/route");
  t.is(nowhere.statusCode, 404);
  t.deepEqual(nowhere.json(), { errors: ["Not found: GET /no/such/route"] });
});

test("a token: requests without `Authorization: Bearer <token>` get 401; with it they are served", async (t) => {
  const jm = await startJobManager(t, { token: "s3cret" });
  for (const authorization of [undefined, "Bearer wrong", "s3cret", "Basic s3cret"]) {
    const res = await jm.app.inject({ method: "GET", url: "/overview", headers: authorization === undefined ? {} : { authorization } });
    t.is(res.statusCode, 401, String(authorization));
    t.regex(errorOf(res.body)[0]!, /requires a bearer token/);
  }
  const ok = await jm.app.inject({ method: "GET", url: "/jobs", headers: { authorization: "Bearer s3cret" } });
  t.is(ok.statusCode, 200);
  t.deepEqual(ok.json(), { jobs: [] });
});

test("bound off loopback the server refuses to start without a token, and starts with one", async (t) => {
  const dispatcher = new Dispatcher({ coordination: null, checkpointRoot: join(tmpdir(), "unused"), log: () => {} });
  await t.throwsAsync(() => createRestServer({ dispatcher, address: "0.0.0.0" }), { message: /without a token: pass --rest-token/ });
  await t.throwsAsync(() => createRestServer({ dispatcher, address: "192.168.1.20", token: "" }), { message: /without a token/ });
  const app = await createRestServer({ dispatcher, address: "0.0.0.0", token: "t" });
  t.teardown(() => app.close());
  t.is((await app.inject({ method: "GET", url: "/config", headers: { authorization: "Bearer t" } })).statusCode, 200);
});

test("a standby answers 503 naming the leader's URL, except /config; once leading it serves", async (t) => {
  let leading = false;
  let leader: string | null = null;
  const jm = await startJobManager(t, { leadership: { get isLeader() { return leading; }, leaderUrl: async () => leader } });
  const none = await jm.request("GET", "/jobs");
  t.is(none.statusCode, 503);
  t.regex(errorOf(none.body)[0]!, /standby and no leader is elected yet/);
  leader = "http://127.0.0.1:18081";
  for (const url of ["/jobs", "/overview", "/jars", "/taskmanagers"]) {
    const res = await jm.request("GET", url);
    t.is(res.statusCode, 503, url);
    t.deepEqual(res.json(), { errors: ["this JobManager is a standby: the leader answers at http://127.0.0.1:18081"] });
  }
  t.is((await jm.request("GET", "/config")).statusCode, 200);
  leading = true;
  t.is((await jm.request("GET", "/jobs")).statusCode, 200);
});

test("static files of the dashboard are served at / when the directory exists; API routes keep their answers", async (t) => {
  const web = mkdtempSync(join(tmpdir(), "eddy-web-"));
  t.teardown(() => rmSync(web, { recursive: true, force: true }));
  mkdirSync(join(web, "assets"));
  writeFileSync(join(web, "index.html"), "<!doctype html><title>Eddy</title>");
  writeFileSync(join(web, "assets", "app.js"), "console.log('eddy')");
  const jm = await startJobManager(t, { webRoot: web });
  const index = await jm.request("GET", "/");
  t.is(index.statusCode, 200);
  t.is(index.body, "<!doctype html><title>Eddy</title>");
  t.regex(String(index.headers["content-type"]), /text\/html/);
  t.is((await jm.request("GET", "/assets/app.js")).body, "console.log('eddy')");
  t.is((await jm.request("GET", "/overview")).statusCode, 200);
  t.is((await jm.request("GET", "/missing.html")).statusCode, 404);
  const noWeb = await startJobManager(t, { webRoot: join(web, "absent") });
  t.is((await noWeb.request("GET", "/")).statusCode, 404);
});
