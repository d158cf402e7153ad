// The JobManager's REST API on fastify: Flink's paths and JSON shapes (job-views.ts), every route's parameters, query
// and body checked by a JSON schema, and every failure — bad JSON, an unknown id, an oversized upload, a request that
// does not fit the job's state — answered with a 4xx and Flink's `{"errors": [message]}`, never a crash.
// Security: bound to 127.0.0.1 by default; bound elsewhere it requires a bearer token (createRestServer refuses to
// start without one). A standby JobManager answers 503 with the leader's address, except for /config.
import { existsSync } from "node:fs";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { DispatcherError } from "../dispatcher/dispatcher-error.js";
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import { registerClusterRoutes } from "./cluster-routes.js";
import { registerJarRoutes } from "./jar-routes.js";
import { registerJobRoutes } from "./job-routes.js";

/** What the REST layer asks of HA (leadership.ts); absent: this JobManager always leads. */
export interface LeadershipView {
  readonly isLeader: boolean;
  /** The leader's REST URL, for a standby's 503 (null while no one leads). */
  leaderUrl(): Promise<string | null>;
}

export interface RestServerOptions {
  readonly dispatcher: Dispatcher;
  readonly leadership?: LeadershipView;
  /** The address the server will listen on: anything but loopback needs `token`. */
  readonly address?: string;
  /** The bearer token clients must send (`Authorization: Bearer <token>`); required off loopback. */
  readonly token?: string;
  /** Largest bundle /jars/upload accepts, bytes (default 64 MiB). */
  readonly maxUploadBytes?: number;
  /** A directory of static files served at / (the dashboard's web/dist), if it exists. */
  readonly webRoot?: string;
  readonly now?: () => number;
}

/** Shared by the route files. */
export interface RouteContext {
  readonly dispatcher: Dispatcher;
  readonly now: () => number;
  readonly maxUploadBytes: number;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(address: string): boolean {
  return LOOPBACK.has(address) || /^127\./.test(address);
}

/** Flink's error body. */
export function errorBody(message: string): { errors: string[] } {
  return { errors: [message] };
}

export async function createRestServer(options: RestServerOptions): Promise<FastifyInstance> {
  const address = options.address ?? "127.0.0.1";
  const token = options.token === undefined || options.token === "" ? null : options.token;
  if (!isLoopback(address) && token === null) {
    throw new Error(`the REST API would listen on ${address}, reachable from other machines, without a token: pass --rest-token (or set EDDY_REST_TOKEN), or bind to 127.0.0.1`);
  }
  const maxUploadBytes = options.maxUploadBytes ?? 64 * 1024 * 1024;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } } });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof DispatcherError) return reply.code(error.httpStatus).send(errorBody(error.message));
    if (error.validation !== undefined) return reply.code(400).send(errorBody(`bad request: ${error.message}`));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody(error.message));
    return reply.code(500).send(errorBody(`internal server error: ${error.message}`));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody(`Not found: ${request.method} ${request.url.split("?")[0]}`)));
  await app.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 8 }, throwFileSizeLimit: true });

  const context: RouteContext = { dispatcher: options.dispatcher, now: options.now ?? Date.now, maxUploadBytes };
  await app.register(async (api) => {
    api.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
      if (token !== null && request.headers.authorization !== `Bearer ${token}`) {
        return reply.code(401).header("www-authenticate", "Bearer").send(errorBody("this JobManager requires a bearer token: send `Authorization: Bearer <token>` (the --rest-token it was started with)"));
      }
      const leadership = options.leadership;
      if (leadership !== undefined && !leadership.isLeader && request.url !== "/config") {
        const leader = await leadership.leaderUrl().catch(() => null);
        return reply
          .code(503)
          .send(errorBody(leader === null ? "this JobManager is a standby and no leader is elected yet: try again in a few seconds" : `this JobManager is a standby: the leader answers at ${leader}`));
      }
      return undefined;
    });
    registerClusterRoutes(api, context);
    registerJobRoutes(api, context);
    registerJarRoutes(api, context);
  });
  if (options.webRoot !== undefined && existsSync(options.webRoot)) await app.register(fastifyStatic, { root: options.webRoot, prefix: "/", wildcard: false });
  return app;
}
