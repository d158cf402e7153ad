// High availability of the JobManager (Flink's HA services, on NATS JetStream): each `eddy jobmanager` campaigns with
// LeaderElection; the one that leads takes over the job store's unfinished jobs (Dispatcher.recoverJobs: each from its
// newest completed checkpoint) and serves the REST API's job endpoints. A standby answers those with 503 and the
// leader's URL (rest-server.ts) — the choice is "redirect, do not serve stale state": a standby's view of the jobs is
// only the job store, without metrics, so it says where the live view is instead. Losing leadership (the lease could
// not be renewed) suspends this JobManager's jobs at once, without recording results, and campaigns again.
import type { ClusterCoordination } from "../coordination/cluster-coordination.js";
import type { Leader } from "../coordination/leader-election.js";
import type { Dispatcher } from "./dispatcher.js";

export class JobManagerLeadership {
  private leading = false;
  private stopped = false;
  /** Settles when the current campaign ended (this JobManager leads, or stop() was called). */
  private campaign: Promise<void> = Promise.resolve();

  constructor(
    private readonly coordination: ClusterCoordination,
    private readonly dispatcher: Dispatcher,
    private readonly me: Leader,
    private readonly log: (line: string) => void,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  async leaderUrl(): Promise<string | null> {
    return (await this.coordination.leadership.current())?.restUrl ?? null;
  }

  /** Campaigns in the background; `onLeading` is called each time this JobManager becomes leader. */
  start(onLeading?: (recovered: readonly string[]) => void): void {
    this.campaign = this.campaignOnce(onLeading);
  }

  /** Whether this JobManager leads once the current campaign settles (tests and the command's first line). */
  settled(): Promise<void> {
    return this.campaign;
  }

  /**
   * An orderly shutdown: the jobs are suspended (not ended: the job store keeps them for a standby, or for this cluster's
   * next JobManager) and leadership is handed back at once instead of after a lease.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.leading = false;
    await this.dispatcher.suspendAll();
    await this.coordination.leadership.resign().catch(() => {});
  }

  private async campaignOnce(onLeading?: (recovered: readonly string[]) => void): Promise<void> {
    await this.coordination.leadership.lead(this.me, (reason) => void this.lose(reason, onLeading));
    if (this.stopped) return;
    this.leading = true;
    this.log(`eddy jobmanager: leading cluster '${this.coordination.clusterId}'`);
    const recovered = await this.dispatcher.recoverJobs();
    onLeading?.(recovered);
  }

  private async lose(reason: string, onLeading?: (recovered: readonly string[]) => void): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.log(`eddy jobmanager: lost leadership (${reason}); suspending its jobs for the new leader`);
    await this.dispatcher.suspendAll();
    if (!this.stopped) this.campaign = this.campaignOnce(onLeading);
  }
}
