// `eddy jobmanager`: one JobManager process — the Dispatcher (jobs, bundles), the REST API, and with NATS the cluster's
// coordination and HA leadership. Prints the REST URL, runs until SIGTERM or SIGINT, then shuts down in order: the
// REST API stops answering, the jobs are suspended (a standby, or the next JobManager, takes them over from their
// checkpoints), leadership is handed back, the NATS connection drains.
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ClusterCoordination } from "../runtime/cluster/coordination/cluster-coordination.js";
import type { JobManagerLeadership } from "../runtime/cluster/dispatcher/leadership.js";

export interface JobManagerOptions {
  readonly restPort: number;
  readonly restAddress: string;
  /** NATS servers; false: no NATS (a JobManager alone: no job store, no TaskManagers, no HA). */
  readonly nats: string | false;
  readonly clusterId: string;
  /** Copies NATS keeps of the cluster's buckets (3 on a 3-node NATS cluster). */
  readonly natsReplicas: number;
  readonly checkpointDir?: string;
  readonly restToken?: string;
  /** Largest bundle /jars/upload accepts, MiB. */
  readonly maxUploadMb: number;
}

/** One line for the user and a non-zero exit, for problems the user can fix (a busy port, an unreachable NATS). */
export class JobManagerStartError extends Error {}

export async function runJobManager(options: JobManagerOptions): Promise<number> {
  const { isLoopback, createRestServer } = await import("../runtime/cluster/rest/rest-server.js");
  const token = options.restToken ?? process.env.EDDY_REST_TOKEN;
  // 1. Refuse an open REST API before connecting anything.
  if (!isLoopback(options.restAddress) && (token === undefined || token === "")) {
    throw new JobManagerStartError(`--rest-address ${options.restAddress} is reachable from other machines: give a bearer token with --rest-token or EDDY_REST_TOKEN (or bind to 127.0.0.1)`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(options.clusterId)) throw new JobManagerStartError(`--cluster-id '${options.clusterId}' may hold letters, digits, '-' and '_' only`);
  const checkpointRoot = resolve(options.checkpointDir ?? join(tmpdir(), `eddy-${options.clusterId}`, "checkpoints"));
  const log = (line: string) => process.stderr.write(`${line}\n`);

  // 2. The cluster's coordination, unless --no-nats.
  let coordination: ClusterCoordination | null = null;
  if (options.nats !== false) {
    try {
      const { ClusterCoordination } = await import("../runtime/cluster/coordination/cluster-coordination.js");
      coordination = await ClusterCoordination.connect({ servers: options.nats.split(","), clusterId: options.clusterId, replicas: options.natsReplicas });
    } catch (e) {
      throw new JobManagerStartError(`${(e as Error).message} — or run without NATS: --no-nats`);
    }
  }

  // 2b. With NATS the jobs run on the cluster's TaskManagers: the ClusterPool becomes this process's pool, which every
  // job bundle's copy of the runtime finds (runtime/cluster/jobmaster/cluster-pool.ts); without NATS, on this process's own.
  let clusterPool: { shutdown(): Promise<void> } | null = null;
  if (coordination !== null) {
    const { ClusterPool } = await import("../runtime/cluster/jobmaster/cluster-pool.js");
    clusterPool = new ClusterPool(coordination).install();
  }

  // 3. The Dispatcher and the REST API.
  const { Dispatcher } = await import("../runtime/cluster/dispatcher/dispatcher.js");
  const { PACKAGE_ROOT } = await import("../compiler/bundle/package-layout.js");
  const dispatcher = new Dispatcher({ coordination, checkpointRoot, log });
  let leadership: JobManagerLeadership | null = null;
  // why false before the campaign starts: the REST API listens first (leadership needs its URL), and must not serve as leader meanwhile
  const view = { get isLeader() { return leadership?.isLeader ?? false; }, leaderUrl: async () => (await leadership?.leaderUrl()) ?? null };
  const app = await createRestServer({
    dispatcher,
    ...(coordination === null ? {} : { leadership: view }),
    address: options.restAddress,
    ...(token === undefined || token === "" ? {} : { token }),
    maxUploadBytes: options.maxUploadMb * 1024 * 1024,
    webRoot: join(PACKAGE_ROOT, "web", "dist"),
  });
  let url: string;
  try {
    await app.listen({ port: options.restPort, host: options.restAddress });
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : options.restPort;
    url = `http://${options.restAddress.includes(":") ? `[${options.restAddress}]` : options.restAddress}:${port}`;
  } catch (e) {
    await coordination?.close();
    throw new JobManagerStartError(`cannot serve the REST API on ${options.restAddress}:${options.restPort}: ${(e as Error).message}`);
  }
  process.stdout.write(`eddy jobmanager: REST API at ${url}\n`);
  log(`eddy jobmanager: checkpoints in ${checkpointRoot}${coordination === null ? " (no NATS: no job store, no HA)" : `; cluster '${options.clusterId}' on NATS ${options.nats}`}`);

  // 4. Campaign for leadership (with NATS).
  if (coordination !== null) {
    const { JobManagerLeadership } = await import("../runtime/cluster/dispatcher/leadership.js");
    leadership = new JobManagerLeadership(coordination, dispatcher, { id: `jm-${hostname()}-${process.pid}`, restUrl: url }, log);
    log("eddy jobmanager: standby, campaigning for leadership");
    leadership.start();
  }

  // 5. Run until a signal, then shut down in order.
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once("SIGTERM", () => done("SIGTERM"));
    process.once("SIGINT", () => done("SIGINT"));
  });
  log(`eddy jobmanager: ${signal}, shutting down`);
  await app.close();
  if (leadership !== null) await leadership.stop();
  else await dispatcher.suspendAll();
  await clusterPool?.shutdown();
  await coordination?.close();
  return 0;
}
