// `npm run bench -- cluster`: Nexmark q5 and q8 on a session cluster of two TaskManager processes (one slot each)
// against the same job on this process's worker pool (two workers), side by side in one run, alternating, same
// parallelism (2) and events. Throughput = events per wall second of the job (both use the machine's two cores: the
// pool's two worker threads, or the two TaskManagers' one worker each). Goal: cluster ÷ pool ≥ 0.8 — the network path
// must not dominate. Needs NATS with JetStream at EDDY_NATS (default 127.0.0.1:4222).
//   npm run bench -- cluster [--events 1000000] [--rounds 3]
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { EDDY_ROOT } from "../../compiler/compile.js";
import { ClusterCoordination } from "../../runtime/cluster/coordination/cluster-coordination.js";
import { ClusterPool } from "../../runtime/cluster/jobmaster/cluster-pool.js";
import { WorkerPool } from "../../runtime/index.js";
import { saveResult } from "../harness.js";
import { loadQuery, type QueryName } from "../nexmark/queries.js";

export interface ClusterBenchRow {
  readonly query: QueryName;
  readonly poolEventsPerSecond: number;
  readonly clusterEventsPerSecond: number;
  readonly ratio: number;
}

const SHARED = Symbol.for("eddy.worker-pool");

export async function runClusterBench(options: { events: number; rounds: number }): Promise<ClusterBenchRow[]> {
  const nats = process.env.EDDY_NATS ?? "127.0.0.1:4222";
  const clusterId = `bench_${process.pid}`;
  const coordination = await ClusterCoordination.connect({ servers: nats, clusterId });
  const taskManagers: ChildProcess[] = [];
  const pools = globalThis as Record<symbol, unknown>;
  const clusterPool = new ClusterPool(coordination, { pollMs: 200 });
  try {
    for (let i = 0; i < 2; i++) {
      taskManagers.push(spawn(process.execPath, ["--import", "tsx", join(EDDY_ROOT, "bin", "eddy.ts"), "taskmanager", "--slots", "1", "--nats", nats, "--cluster-id", clusterId], { stdio: "ignore" }));
    }
    while (clusterPool.connected.length < 2) {
      await clusterPool.refresh();
      await new Promise((r) => setTimeout(r, 100));
    }
    const localPool = WorkerPool.shared();
    const rows: ClusterBenchRow[] = [];
    for (const name of ["q5", "q8"] as const) {
      const query = await loadQuery(name, { sinkInWorker: true });
      const onPool = async () => {
        pools[SHARED] = localPool;
        return query.run({ nexmark: { maxEvents: options.events }, parallelism: 2, workers: 2 });
      };
      const onCluster = async () => {
        pools[SHARED] = clusterPool;
        return query.run({ nexmark: { maxEvents: options.events }, parallelism: 2 });
      };
      await onPool(); // why: warm both (module loading, JIT) before measuring
      await onCluster();
      const pool: number[] = [];
      const cluster: number[] = [];
      for (let r = 0; r < options.rounds; r++) {
        const a = await onPool();
        const b = await onCluster();
        if (a.recordsIn !== options.events || b.recordsIn !== options.events) throw new Error(`${name}: a run read ${a.recordsIn} / ${b.recordsIn} events, not ${options.events}`);
        pool.push(options.events / (a.elapsedMs / 1000));
        cluster.push(options.events / (b.elapsedMs / 1000));
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const row = { query: name, poolEventsPerSecond: median(pool), clusterEventsPerSecond: median(cluster), ratio: median(cluster) / median(pool) };
      rows.push(row);
      console.log(`${name}: pool (2 workers) ${(row.poolEventsPerSecond / 1e6).toFixed(3)} M events/s, cluster (2 TaskManagers × 1 slot) ${(row.clusterEventsPerSecond / 1e6).toFixed(3)} M events/s — cluster ÷ pool ${row.ratio.toFixed(2)} (median of ${options.rounds}, ${options.events} events)`);
    }
    pools[SHARED] = localPool;
    await localPool.shutdown();
    saveResult("cluster", { events: options.events, rounds: options.rounds, rows });
    return rows;
  } finally {
    await clusterPool.shutdown();
    for (const tm of taskManagers) tm.kill("SIGTERM");
    await coordination.destroy();
    await coordination.close();
  }
}
