// What a job run as a program does when the outside world acts on it: Ctrl-C (SIGINT) or SIGTERM cancel the job (a
// second one exits at once), a reader that closes stdout (`| head -1`) cancels it quietly, SIGUSR2 takes a savepoint.
import type { HandleView } from "./job.js";

/** Why a job was stopped before it finished. */
export type StopReason =
  | { readonly kind: "signal"; readonly signal: "SIGINT" | "SIGTERM" }
  | { readonly kind: "output closed" }
  | { readonly kind: "output failed"; readonly message: string };

export interface JobSignals {
  /** Why the jobs were stopped, or null while nothing asked them to stop. */
  readonly stopped: StopReason | null;
  /** Signals act on this job from now on. */
  follow(name: string, handle: HandleView): void;
  /** Restores the default behaviour of the signals. */
  dispose(): void;
}

export interface JobSignalsOptions {
  /** The stream records are written to: an EPIPE on it means the reader is gone. */
  readonly stdout: NodeJS.EventEmitter;
  /** Where savepoint paths and notices go. */
  readonly stderr: NodeJS.WritableStream;
  /** Where SIGUSR2 savepoints go (no savepoint without it). */
  readonly savepointDir?: string;
}

/** Exit status of a process stopped by `signal`, as a shell reports it (128 + the signal's number). */
export const SIGNAL_EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

function isClosedPipe(e: NodeJS.ErrnoException): boolean {
  return e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED";
}

function ignoreClosedPipe(e: NodeJS.ErrnoException): void {
  if (!isClosedPipe(e)) throw e;
}

export function watchJobSignals(options: JobSignalsOptions): JobSignals {
  let stopped: StopReason | null = null;
  let current: { name: string; handle: HandleView } | null = null;
  const stop = (reason: StopReason) => {
    stopped ??= reason;
    void current?.handle.cancel();
  };
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    // why: the first signal cancels cleanly (temporary files removed, summary printed); a second means "now"
    if (stopped?.kind === "signal") {
      options.stderr.write("\n");
      process.exit(SIGNAL_EXIT_CODE[signal]);
    }
    stop({ kind: "signal", signal });
  };
  const onInterrupt = () => onSignal("SIGINT");
  const onTerminate = () => onSignal("SIGTERM");
  const onOutputError = (e: NodeJS.ErrnoException) => {
    // why: a reader that has what it wanted and closes the pipe is not an error (`eddy run … | head -1`)
    stop(isClosedPipe(e) ? { kind: "output closed" } : { kind: "output failed", message: e.message });
  };
  const onSavepointRequest = () => {
    const job = current;
    if (job === null || stopped !== null) return;
    // why: on a terminal the progress line may be half drawn; clear it first
    const write = (line: string) => options.stderr.write(`${(options.stderr as { isTTY?: boolean }).isTTY === true ? "\r\x1b[K" : ""}${line}\n`);
    if (options.savepointDir === undefined) return write(`eddy: SIGUSR2 asks for a savepoint of ${job.name}, but no --savepoint-dir was given`);
    if (job.handle.savepoint === undefined) return write(`eddy: ${job.name} cannot take savepoints`);
    job.handle.savepoint(options.savepointDir).then(
      (path) => write(`savepoint ${path}`),
      (e: Error) => write(`eddy: savepoint of ${job.name} failed: ${e.message}`),
    );
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onTerminate);
  if (process.platform !== "win32") process.on("SIGUSR2", onSavepointRequest);
  options.stdout.on("error", onOutputError);
  return {
    get stopped() {
      return stopped;
    },
    follow(name, handle) {
      current = { name, handle };
      if (stopped !== null) void handle.cancel();
    },
    dispose() {
      process.off("SIGINT", onInterrupt);
      process.off("SIGTERM", onTerminate);
      if (stopped?.kind === "signal") {
        // why: the job is cancelled, but output still buffered for a paused reader may hold the process; once more exits
        const code = SIGNAL_EXIT_CODE[stopped.signal];
        process.once("SIGINT", () => process.exit(code));
        process.once("SIGTERM", () => process.exit(code));
      }
      process.off("SIGUSR2", onSavepointRequest);
      options.stdout.off("error", onOutputError);
      // why: records still buffered when the jobs end may meet a closed pipe later; that is no crash either
      if (options.stdout.listeners("error").length === 0) options.stdout.on("error", ignoreClosedPipe);
    },
  };
}
