// Ctrl-C in the SQL client cancels the running statement's jobs, not the client: whoever hears the interrupt (the
// process's SIGINT, or readline's on a terminal in raw mode) calls `interrupt`, and the running statement watches.

/** What an interrupt did: cancelled the running jobs, found them already cancelling, or found nothing running. */
export type InterruptEffect = "cancelled" | "again" | "idle";

export interface Watch {
  /** True once an interrupt asked the watched jobs to stop. */
  readonly interrupted: boolean;
  end(): void;
}

export class Interrupts {
  private current: { cancel: () => void; interrupted: boolean } | null = null;

  /** From now until `end`, an interrupt calls `cancel`. */
  watch(cancel: () => void): Watch {
    const entry = { cancel, interrupted: false };
    this.current = entry;
    return {
      get interrupted() {
        return entry.interrupted;
      },
      end: () => {
        if (this.current === entry) this.current = null;
      },
    };
  }

  interrupt(): InterruptEffect {
    const entry = this.current;
    if (entry === null) return "idle";
    if (entry.interrupted) return "again";
    entry.interrupted = true;
    entry.cancel();
    return "cancelled";
  }
}
