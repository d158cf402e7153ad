// The state shared by the passes while checking one file: its AST, reporter, symbols and job streams.
import type { JobDecl, Program } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Reporter } from "../diagnostics/diagnostic.js";
import type { RecordType } from "../types/type.js";
import type { DeclSymbol, JobStream } from "./symbols.js";

/** How the compiler reads files; tests substitute an in-memory map. */
export interface CompilerHost {
  /** Undefined when the file does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * Bytes a `file(…)` source would read at `path` — a file, a directory's visible files, a file sink's committed
   * parts, or the files of the partition directories of `partitionBy` (see formats/input-files.ts) — undefined when it
   * names nothing readable; hosts without it skip the input-file checks.
   */
  inputSize?(path: string, format: "jsonl" | "csv", partitionBy?: readonly string[]): number | undefined;
}

/** The result of checking an imported .flow module, as seen by its importers. */
export interface FlowModule {
  readonly file: string;
  /** Its own declarations (not what it imports in turn). */
  readonly exports: ReadonlyMap<string, DeclSymbol>;
  /** Its diagnostics (empty when another import already reported them). */
  readonly diagnostics: readonly Diagnostic[];
}

/** One record type arriving at a sink, with where it came from. */
export interface SinkInput {
  readonly type: RecordType;
  readonly span: { readonly start: number; readonly end: number };
  readonly file: string;
}

export interface CheckContext {
  readonly program: Program;
  readonly file: string;
  readonly reporter: Reporter;
  readonly host: CompilerHost;
  /** Text of every file read so far, by name (for the formatter's excerpts). */
  readonly sources: Map<string, string>;
  /** Diagnostics from imported files, reported with their own file names. */
  readonly importedDiagnostics: Diagnostic[];
  /** Loads and checks another .flow file (provided by the driver, which owns the pipeline of passes). */
  readonly loadFlowModule: (path: string, importer: string) => FlowModule | "cycle" | undefined;
  /** Symbols brought in by imports, filled by resolve-imports. */
  readonly imports: DeclSymbol[];
  /** Every visible top-level name, filled by resolve-names (first declaration wins). */
  readonly symbols: Map<string, DeclSymbol>;
  /** Streams declared inside each job, filled by resolve-names. */
  readonly jobStreams: Map<JobDecl, Map<string, JobStream>>;
  /** Record types flowing into each sink, filled by infer-pipeline-types, read by infer-sink-types. */
  readonly sinkInputs: Map<string, SinkInput[]>;
}

export function createContext(
  program: Program,
  source: string,
  host: CompilerHost,
  loadFlowModule: CheckContext["loadFlowModule"],
  sources: Map<string, string> = new Map(),
): CheckContext {
  sources.set(program.file, source);
  return {
    program,
    file: program.file,
    reporter: new Reporter(program.file),
    host,
    sources,
    importedDiagnostics: [],
    loadFlowModule,
    imports: [],
    symbols: new Map(),
    jobStreams: new Map(),
    sinkInputs: new Map(),
  };
}

/** A pass: reads the context, annotates nodes, reports diagnostics; never throws on bad input. */
export type Pass = (ctx: CheckContext) => void;
