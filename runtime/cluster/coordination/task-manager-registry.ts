// TaskManager membership: each TaskManager puts its description under its id and puts it again every third of the
// heartbeat timeout; the bucket drops entries older than the timeout, so a TaskManager that died (kill -9) leaves the
// registry by itself — no membership protocol of ours. The JobManager lists the registry and compares it with the
// TaskManagers its jobs run on.
import type { KV } from "@nats-io/kv";
import type { BucketKeys } from "./bucket-keys.js";

export interface TaskManagerDescription {
  readonly id: string;
  /** Subtasks it runs at once (its worker threads). */
  readonly slots: number;
  /** Where the JobManager connects to deploy to it and hear from it (runtime/cluster/control). */
  readonly controlAddress: { readonly host: string; readonly port: number };
  /** By slot: where producers in other TaskManagers connect to the slot's data exchange (runtime/network/tcp). */
  readonly slotAddresses: readonly { readonly host: string; readonly port: number }[];
  readonly pid: number;
  readonly startedAt: number;
}

export class TaskManagerRegistry {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly bucket: KV,
    private readonly keys: BucketKeys,
    readonly heartbeatTimeoutMs: number,
  ) {}

  /** Registers `tm` and keeps it registered until stop() (or the process dies). */
  async register(tm: TaskManagerDescription): Promise<void> {
    const put = () => this.bucket.put(tm.id, JSON.stringify(tm));
    await put();
    const timer = setInterval(() => void put().catch(() => {}), Math.max(100, Math.floor(this.heartbeatTimeoutMs / 3)));
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops this process's heartbeats (its entries expire after the timeout). */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Removes `id` at once (an orderly shutdown), instead of waiting for it to expire. */
  async deregister(id: string): Promise<void> {
    this.stop();
    await this.bucket.delete(id);
  }

  /** The TaskManagers that sent a heartbeat within the timeout, by id. */
  async live(): Promise<TaskManagerDescription[]> {
    const found: TaskManagerDescription[] = [];
    for (const id of await this.keys.list()) {
      // why null too: the entry may expire between the listing and this read
      const entry = await this.bucket.get(id);
      if (entry === null || entry.operation !== "PUT") continue;
      found.push(JSON.parse(entry.string()) as TaskManagerDescription);
    }
    return found;
  }
}
