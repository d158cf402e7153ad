// What the processes of one Eddy cluster share, on NATS JetStream (existing infrastructure, not home-made consensus):
// TaskManager membership with heartbeats (a KV bucket whose entries expire), leader election of the JobManagers (a KV
// key created only if absent, kept by updates at its revision, expiring if the leader stops), the job store and the
// job result store (KV), and job artifacts (the object store). Every bucket's name starts with the cluster's id, so
// several clusters (and tests) share one NATS server without meeting.
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { type KV, Kvm } from "@nats-io/kv";
import { Objm, type ObjectStore } from "@nats-io/obj";
import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { BlobStore } from "./blob-store.js";
import { BucketKeys } from "./bucket-keys.js";
import { JobStore } from "./job-store.js";
import { LeaderElection } from "./leader-election.js";
import { TaskManagerRegistry } from "./task-manager-registry.js";

export interface CoordinationOptions {
  /** NATS servers, e.g. "127.0.0.1:4222" or several for a NATS cluster. */
  readonly servers: string | readonly string[];
  /** Names the cluster's buckets (letters, digits, '-' and '_'). */
  readonly clusterId: string;
  /** How long a TaskManager stays registered without a heartbeat, ms (default 6000). */
  readonly heartbeatTimeoutMs?: number;
  /** How long a leader keeps leadership without renewing it, ms (default 6000). */
  readonly leaseMs?: number;
  /** Copies JetStream keeps of each bucket (1, 3 or 5; default 1): 3 on a 3-node NATS cluster survives a node's death. */
  readonly replicas?: number;
}

export class ClusterCoordination {
  private constructor(
    readonly connection: NatsConnection,
    readonly clusterId: string,
    readonly taskManagers: TaskManagerRegistry,
    readonly leadership: LeaderElection,
    readonly jobs: JobStore,
    readonly blobs: BlobStore,
    private readonly buckets: readonly (KV | ObjectStore)[],
  ) {}

  static async connect(options: CoordinationOptions): Promise<ClusterCoordination> {
    if (!/^[A-Za-z0-9_-]+$/.test(options.clusterId)) throw new RangeError(`cluster id '${options.clusterId}' may hold letters, digits, '-' and '_' only`);
    const servers = typeof options.servers === "string" ? [options.servers] : [...options.servers];
    let connection: NatsConnection;
    try {
      connection = await connect({ servers, name: `eddy-${options.clusterId}`, maxReconnectAttempts: -1 });
    } catch (e) {
      throw new Error(`cannot reach NATS at ${servers.join(", ")} (${(e as Error).message}): start nats-server with JetStream (-js), or pass --nats`, { cause: e });
    }
    const kvm = new Kvm(connection);
    const prefix = `eddy_${options.clusterId}`;
    const heartbeat = options.heartbeatTimeoutMs ?? 6000;
    const lease = options.leaseMs ?? 6000;
    const replicas = options.replicas ?? 1;
    let buckets: [KV, KV, KV, KV, ObjectStore];
    let jsm: JetStreamManager;
    try {
      jsm = await jetstreamManager(connection);
      buckets = [
        await kvm.create(`${prefix}_taskmanagers`, { ttl: heartbeat, history: 1, replicas }),
        await kvm.create(`${prefix}_leader`, { ttl: lease, history: 1, replicas }),
        await kvm.create(`${prefix}_jobs`, { history: 5, replicas }),
        await kvm.create(`${prefix}_job_results`, { history: 1, replicas }),
        await new Objm(connection).create(`${prefix}_blobs`, { replicas }),
      ];
    } catch (e) {
      // why: the connection reconnects forever (maxReconnectAttempts -1) and would keep the process alive
      await connection.close().catch(() => {});
      throw new Error(`NATS at ${servers.join(", ")} could not create the cluster's buckets (${(e as Error).message}): is JetStream enabled (-js), and are ${replicas} JetStream nodes up?`, { cause: e });
    }
    const [members, leader, jobs, results, blobs] = buckets;
    return new ClusterCoordination(
      connection,
      options.clusterId,
      new TaskManagerRegistry(members, new BucketKeys(jsm, `${prefix}_taskmanagers`), heartbeat),
      new LeaderElection(leader, lease),
      new JobStore(jobs, new BucketKeys(jsm, `${prefix}_jobs`), results),
      new BlobStore(blobs),
      [members, leader, jobs, results, blobs],
    );
  }

  /** Stops heartbeats and leadership renewal, then closes the connection. */
  async close(): Promise<void> {
    this.taskManagers.stop();
    await this.leadership.resign().catch(() => {});
    await this.connection.drain().catch(() => this.connection.close());
  }

  /** Deletes every bucket of the cluster (tests, `eddy cluster stop --purge`). */
  async destroy(): Promise<void> {
    for (const b of this.buckets) await b.destroy().catch(() => {});
  }
}
