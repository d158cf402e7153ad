// The job routes: /jobs, /jobs/overview, /jobs/:jobid (+ plan, exceptions, checkpoints, savepoints, stop, cancel,
// vertices), in Flink's shapes (job-views.ts).
import type { FastifyInstance } from "fastify";
import {
  checkpointDetails, checkpointsView, exceptionsView, jobDetails, jobOverview, planView, vertexBackpressure, vertexDetails, vertexSubtaskMetrics,
  vertexWatermarks,
} from "./job-views.js";
import type { RouteContext } from "./rest-server.js";

const JOB_ID = { type: "string", pattern: "^[0-9a-f]{32}$" } as const;
const VERTEX_ID = { type: "string", pattern: "^[0-9a-f]{32}$" } as const;
const jobParams = { type: "object", properties: { jobid: JOB_ID }, required: ["jobid"], additionalProperties: false } as const;
const vertexParams = { type: "object", properties: { jobid: JOB_ID, vertexid: VERTEX_ID }, required: ["jobid", "vertexid"], additionalProperties: false } as const;
const noQuery = { type: "object", properties: {}, additionalProperties: false } as const;

interface JobParams {
  jobid: string;
}
interface VertexParams extends JobParams {
  vertexid: string;
}

export function registerJobRoutes(app: FastifyInstance, { dispatcher, now }: RouteContext): void {
  app.get("/jobs", { schema: { querystring: noQuery } }, async () => ({ jobs: dispatcher.list().map((m) => ({ id: m.jobId, status: m.status })) }));

  app.get("/jobs/overview", { schema: { querystring: noQuery } }, async () => ({ jobs: dispatcher.list().map((m) => jobOverview(m, now())) }));

  app.get<{ Params: JobParams }>("/jobs/:jobid", { schema: { params: jobParams, querystring: noQuery } }, async (request) => jobDetails(dispatcher.get(request.params.jobid), now()));

  app.patch<{ Params: JobParams; Querystring: { mode?: "cancel" } }>(
    "/jobs/:jobid",
    { schema: { params: jobParams, querystring: { type: "object", properties: { mode: { type: "string", enum: ["cancel"] } }, additionalProperties: false } } },
    async (request, reply) => {
      // why not awaited: Flink answers 202 once cancellation is requested; GET /jobs/:id shows it end
      dispatcher.get(request.params.jobid).cancel().catch(() => {});
      return reply.code(202).send({});
    },
  );

  app.get<{ Params: JobParams }>("/jobs/:jobid/plan", { schema: { params: jobParams } }, async (request) => ({ plan: planView(dispatcher.get(request.params.jobid)) }));

  app.get<{ Params: JobParams; Querystring: { maxExceptions?: number } }>(
    "/jobs/:jobid/exceptions",
    { schema: { params: jobParams, querystring: { type: "object", properties: { maxExceptions: { type: "integer", minimum: 1 } }, additionalProperties: false } } },
    async (request) => exceptionsView(dispatcher.get(request.params.jobid), request.query.maxExceptions),
  );

  app.get<{ Params: JobParams }>("/jobs/:jobid/checkpoints", { schema: { params: jobParams } }, async (request) => checkpointsView(dispatcher.get(request.params.jobid)));

  app.get<{ Params: JobParams & { checkpointid: number } }>(
    "/jobs/:jobid/checkpoints/details/:checkpointid",
    { schema: { params: { type: "object", properties: { jobid: JOB_ID, checkpointid: { type: "integer", minimum: 0 } }, required: ["jobid", "checkpointid"], additionalProperties: false } } },
    async (request) => checkpointDetails(dispatcher.get(request.params.jobid), request.params.checkpointid),
  );

  app.post<{ Params: JobParams; Body: { "target-directory"?: string; "cancel-job"?: boolean } | undefined }>(
    "/jobs/:jobid/savepoints",
    {
      schema: {
        params: jobParams,
        body: { type: ["object", "null"], properties: { "target-directory": { type: "string", minLength: 1 }, "cancel-job": { type: "boolean" }, formatType: { type: "string", enum: ["CANONICAL"] } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const id = dispatcher.get(request.params.jobid).triggerSavepoint(body["target-directory"] ?? null, body["cancel-job"] ?? false);
      return reply.code(202).send({ "request-id": id });
    },
  );

  app.get<{ Params: JobParams & { triggerid: string } }>(
    "/jobs/:jobid/savepoints/:triggerid",
    { schema: { params: { type: "object", properties: { jobid: JOB_ID, triggerid: { type: "string", pattern: "^[0-9a-f]{32}$" } }, required: ["jobid", "triggerid"], additionalProperties: false } } },
    async (request) => {
      const op = dispatcher.get(request.params.jobid).savepointOperation(request.params.triggerid);
      return {
        status: { id: op.status },
        operation: op.status === "IN_PROGRESS" ? null : op.failure === null ? { location: op.location } : { "failure-cause": { class: "EddyError", "stack-trace": op.failure, "serialized-throwable": null } },
      };
    },
  );

  app.post<{ Params: JobParams; Body: { targetDirectory?: string; drain?: boolean } | undefined }>(
    "/jobs/:jobid/stop",
    {
      schema: {
        params: jobParams,
        body: { type: ["object", "null"], properties: { targetDirectory: { type: "string", minLength: 1 }, drain: { type: "boolean" }, formatType: { type: "string", enum: ["CANONICAL"] } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const id = dispatcher.get(request.params.jobid).stop(body.targetDirectory ?? null, body.drain ?? false);
      return reply.code(202).send({ "request-id": id });
    },
  );

  app.get<{ Params: VertexParams }>("/jobs/:jobid/vertices/:vertexid", { schema: { params: vertexParams } }, async (request) =>
    vertexDetails(dispatcher.get(request.params.jobid), request.params.vertexid, now()));

  app.get<{ Params: VertexParams }>("/jobs/:jobid/vertices/:vertexid/watermarks", { schema: { params: vertexParams } }, async (request) =>
    vertexWatermarks(dispatcher.get(request.params.jobid), request.params.vertexid));

  app.get<{ Params: VertexParams }>("/jobs/:jobid/vertices/:vertexid/backpressure", { schema: { params: vertexParams } }, async (request) =>
    vertexBackpressure(dispatcher.get(request.params.jobid), request.params.vertexid, now()));

  app.get<{ Params: VertexParams; Querystring: { get?: string; agg?: string; subtasks?: string } }>(
    "/jobs/:jobid/vertices/:vertexid/subtasks/metrics",
    { schema: { params: vertexParams, querystring: { type: "object", properties: { get: { type: "string", minLength: 1 }, agg: { type: "string", pattern: "^(min|max|sum|avg)(,(min|max|sum|avg))*$" }, subtasks: { type: "string", minLength: 1 } }, additionalProperties: false } } },
    async (request) => vertexSubtaskMetrics(dispatcher.get(request.params.jobid), request.params.vertexid, request.query),
  );
}
