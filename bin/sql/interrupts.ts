// Ctrl-C in the SQL client cancels the running statement's jobs, not the client: whoever hears the interrupt (the
// process's SIGINT, or readline's on a terminal in raw mode) calls `interrupt`, and the running statement watches.

/** What an interrupt did: cancelled the running jobs, found them already cancelling, or found nothing running. */
export type InterruptEffect = "cancelled" | "again" | "idle";

/** Why the running statement is stopped: Ctrl-C, or the reader of stdout went away (`| head`: nothing to say then). */
export type InterruptReason = "user" | "output closed";

export interface Watch {
  /** True once an interrupt asked the watched jobs to stop. */
  readonly interrupted: boolean;
  /** The first interrupt's reason, or null. */
  readonly reason: InterruptReason | null;
  end(): void;
}

export class Interrupts {
  private current: { cancel: () => void; reason: InterruptReason | null } | null = null;

  /** From now until `end`, an interrupt calls `cancel`. */
  watch(cancel: () => void): Watch {
    const entry: { cancel: () => void; reason: InterruptReason | null } = { cancel, reason: null };
    this.current = entry;
    return {
      get interrupted() {
        return entry.reason !== null;
      },
      get reason() {
        return entry.reason;
      },
      end: () => {
        if (this.current === entry) this.current = null;
      },
    };
  }

  interrupt(reason: InterruptReason = "user"): InterruptEffect {
    const entry = this.current;
    if (entry === null) return "idle";
    if (entry.reason !== null) return "again";
    entry.reason = reason;
    entry.cancel();
    return "cancelled";
  }
}
