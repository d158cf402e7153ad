// The declarations every generated types.ts starts with: what the typed factories take and return. They are
// self-contained (no import of the runtime) so that a bundle's index.d.ts needs nothing else; runtime/support
// job handle satisfies them structurally (checked when the generated code type-checks).
export const PUBLIC_API_DECLARATIONS = `
/** A record that could not be read (malformed JSON, a missing field, a wrong type), with the reason. */
export interface DeadLetter {
  readonly source: string;
  /** Line number (files, sockets) or position, from 1. */
  readonly position: number;
  readonly reason: string;
  readonly raw: string;
}

/** Per-operator metrics of a running or finished job. */
export interface EddyMetrics {
  readonly elapsedMs: number;
  readonly operators: readonly {
    readonly name: string;
    readonly parallelism: number;
    readonly recordsIn: number;
    readonly recordsOut: number;
    /** A source's records read (0 for other operators): more than its records out when a filter runs inside it. */
    readonly recordsRead: number;
    readonly recordsInPerSecond: number;
    readonly recordsOutPerSecond: number;
    readonly watermark: number;
    readonly backpressureMs: number;
  }[];
  readonly restarts?: number;
  readonly checkpoints?: { readonly completed: number; readonly failed: number } | null;
  /** Per worker of the pool (absent on one thread): time busy and idle, steals, records and bytes sent to other workers. */
  readonly workers?: readonly { readonly worker: number; readonly busyMs: number; readonly idleMs: number; readonly steals: number; readonly exchangeRecords: number; readonly exchangeBytes: number }[];
}

/** Processing time as the engine reads it: the runtime's \`SystemClock\` (default) or \`ManualClock\` (virtual time). */
export interface ProcessingClock {
  now(): number;
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void>;
  readonly virtual: boolean;
}

export interface RunOptions {
  /** Overrides the job's \`parallelism\`. */
  readonly parallelism?: number;
  /** Where checkpoints are stored (in memory when absent). */
  readonly checkpointDir?: string;
  /** Starts from a savepoint or retained checkpoint directory. */
  readonly restoreFrom?: string;
  /** Receives records that could not be read; default: one line on stderr each. */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Overrides settings of every \`nexmark(…)\` generator (e.g. \`{ maxEvents: 1_000_000 }\`; 0 = unbounded). */
  readonly nexmark?: Readonly<Record<string, number | string>>;
  /** Processing time (default: the wall clock); a virtual clock (\`ManualClock\`) makes processing-time windows testable. */
  readonly clock?: ProcessingClock;
  /** Paths of \`file(…)\` sources and sinks by declaration name, replacing the declared paths. */
  readonly files?: Readonly<Record<string, string>>;
  /** Worker threads of the process-wide pool (default: EDDY_WORKERS, else one per core); 1 runs the job in the calling thread. */
  readonly workers?: number;
}

export interface JobRunResult {
  readonly job: string;
  readonly elapsedMs: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly deadLetters: number;
  /** Records of each \`collect()\` sink that the caller did not replace, by sink name. */
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly metrics: EddyMetrics;
}

export interface JobHandle {
  /** Settles when the job finishes; rejects when it fails or is cancelled. */
  readonly result: Promise<JobRunResult>;
  cancel(): Promise<void>;
  /** Takes a savepoint into \`directory\`; resolves to its path. */
  savepoint(directory: string): Promise<string>;
  metrics(): EddyMetrics;
}

export interface EddyJob {
  readonly name: string;
  /** Runs the job to the end (bounded sources) and resolves with its result. */
  run(): Promise<JobRunResult>;
  /** Starts the job and returns a handle. */
  start(): JobHandle;
}
`;
