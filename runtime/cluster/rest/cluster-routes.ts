// The cluster's routes: /overview, /config, /taskmanagers (+ /:tmid), in Flink's shapes.
import type { FastifyInstance } from "fastify";
import { packageJson } from "../../../compiler/bundle/package-layout.js";
import { DispatcherError } from "../dispatcher/dispatcher-error.js";
import type { TaskManagerDescription } from "../coordination/task-manager-registry.js";
import type { RouteContext } from "./rest-server.js";

const VERSION = packageJson().version;

function taskManagerView(tm: TaskManagerDescription, now: number): object {
  return {
    id: tm.id,
    path: `tcp://${tm.controlAddress.host}:${tm.controlAddress.port}`,
    dataPort: tm.controlAddress.port,
    // why: the registry keeps the TaskManager while its heartbeats arrive; it says when it started, not the last beat
    timeSinceLastHeartbeat: null,
    slotsNumber: tm.slots,
    freeSlots: null,
    pid: tm.pid,
    "start-time": tm.startedAt,
    uptime: now - tm.startedAt,
  };
}

const tmParams = {
  type: "object",
  properties: { tmid: { type: "string", minLength: 1, maxLength: 200 } },
  required: ["tmid"],
  additionalProperties: false,
} as const;

export function registerClusterRoutes(app: FastifyInstance, { dispatcher, now }: RouteContext): void {
  app.get("/config", async () => {
    const offset = -new Date(now()).getTimezoneOffset() * 60_000;
    return {
      "refresh-interval": 3000,
      "timezone-name": Intl.DateTimeFormat().resolvedOptions().timeZone,
      "timezone-offset": offset,
      "flink-version": `eddy-${VERSION}`,
      "flink-revision": "eddy",
      "eddy-version": VERSION,
      features: { "web-submit": true, "web-cancel": true, "web-rescale": false, "web-history": false },
    };
  });

  app.get("/overview", async () => {
    const jobs = dispatcher.list();
    const count = (s: string) => jobs.filter((j) => j.status === s).length;
    const tms = await dispatcher.taskManagers();
    const slots = tms.reduce((n, tm) => n + tm.slots, 0);
    return {
      taskmanagers: tms.length,
      "slots-total": slots,
      // why equal to the total: jobs run on the JobManager's own pool today, so no registered slot is taken
      "slots-available": slots,
      "jobs-running": jobs.filter((j) => !["FINISHED", "CANCELED", "FAILED", "SUSPENDED"].includes(j.status)).length,
      "jobs-finished": count("FINISHED"),
      "jobs-cancelled": count("CANCELED"),
      "jobs-failed": count("FAILED"),
      "flink-version": `eddy-${VERSION}`,
      "flink-commit": "eddy",
    };
  });

  app.get("/taskmanagers", async () => ({ taskmanagers: (await dispatcher.taskManagers()).map((tm) => taskManagerView(tm, now())) }));

  app.get<{ Params: { tmid: string } }>("/taskmanagers/:tmid", { schema: { params: tmParams } }, async (request) => {
    const tm = (await dispatcher.taskManagers()).find((t) => t.id === request.params.tmid);
    if (tm === undefined) throw new DispatcherError("not-found", `no TaskManager '${request.params.tmid}' is registered (GET /taskmanagers lists the live ones)`);
    return taskManagerView(tm, now());
  });
}
