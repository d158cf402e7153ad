// JobManager leader election on a KV key: a contender creates the key (which succeeds only while it is absent); the
// leader renews it with an update at the revision it last wrote (which fails if anyone else wrote since) every third
// of the lease; the bucket drops the key a lease after the last renewal, so when the leader dies a standby's next
// attempt creates it. A leader whose renewal fails has lost leadership and must stop acting as leader at once.
import type { KV } from "@nats-io/kv";

const KEY = "leader";

export interface Leader {
  readonly id: string;
  /** Where the leader's REST API answers. */
  readonly restUrl: string;
}

export class LeaderElection {
  private revision = 0;
  private renewal: NodeJS.Timeout | null = null;
  private campaign: NodeJS.Timeout | null = null;
  private self: Leader | null = null;

  constructor(
    private readonly bucket: KV,
    readonly leaseMs: number,
  ) {}

  /**
   * Campaigns until this contender leads; resolves then. `onLost` is called if it later loses leadership (a renewal
   * failed: the lease expired while it was paused, or NATS was unreachable for a lease).
   */
  lead(me: Leader, onLost: (reason: string) => void): Promise<void> {
    this.self = me;
    return new Promise((resolve) => {
      const attempt = async () => {
        try {
          this.revision = await this.bucket.create(KEY, JSON.stringify(me));
        } catch {
          return; // someone leads; try again after a while
        }
        if (this.campaign !== null) clearInterval(this.campaign);
        this.campaign = null;
        this.renewal = setInterval(() => void this.renew(onLost), Math.max(50, Math.floor(this.leaseMs / 3)));
        this.renewal.unref();
        resolve();
      };
      this.campaign = setInterval(() => void attempt(), Math.max(50, Math.floor(this.leaseMs / 4)));
      this.campaign.unref();
      void attempt();
    });
  }

  /** The current leader, or null while there is none (between a leader's death and a standby's takeover). */
  async current(): Promise<Leader | null> {
    const entry = await this.bucket.get(KEY);
    return entry === null || entry.operation !== "PUT" ? null : (JSON.parse(entry.string()) as Leader);
  }

  get isLeader(): boolean {
    return this.renewal !== null;
  }

  /** Gives leadership up (an orderly shutdown): the key is deleted if this contender still holds it. */
  async resign(): Promise<void> {
    if (this.campaign !== null) clearInterval(this.campaign);
    this.campaign = null;
    if (this.renewal === null) return;
    clearInterval(this.renewal);
    this.renewal = null;
    await this.bucket.delete(KEY, { previousSeq: this.revision });
  }

  private async renew(onLost: (reason: string) => void): Promise<void> {
    try {
      this.revision = await this.bucket.update(KEY, JSON.stringify(this.self), this.revision);
    } catch (e) {
      if (this.renewal === null) return;
      clearInterval(this.renewal);
      this.renewal = null;
      onLost(`leadership lease could not be renewed: ${(e as Error).message}`);
    }
  }
}
