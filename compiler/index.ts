// The compiler front end's driver: parse, then run the pass stages on the annotated AST, collecting diagnostics.
import { readFileSync } from "node:fs";
import type { JobDecl, Program } from "./ast/nodes.js";
import { createDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { createContext, type CheckContext, type CompilerHost, type FlowModule } from "./passes/context.js";
import { stages } from "./passes/index.js";
import type { DeclSymbol, JobStream } from "./passes/symbols.js";
import { parse } from "./syntax/parse.js";
import { inputSize } from "../formats/input-files.js";

export interface CheckOptions {
  /** How files are read (imports); defaults to the file system. */
  readonly host?: CompilerHost;
  /** Run only up to this stage (imported modules stop after "check"). */
  readonly until?: "check" | "analyse";
}

export interface CheckResult {
  /** Undefined only when the file did not parse. Annotated by the passes that ran (see compiler/ast/annotations.ts). */
  readonly program?: Program;
  /** Every diagnostic, from this file and the files it imports, ordered by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  /** Text of every file read, for formatting diagnostics. */
  readonly sources: ReadonlyMap<string, string>;
  /** Visible top-level names (local and imported) with their declarations. */
  readonly symbols: ReadonlyMap<string, DeclSymbol>;
  /** Streams named inside each job (`let`s and side outputs), with their record types. */
  readonly jobStreams: ReadonlyMap<JobDecl, ReadonlyMap<string, JobStream>>;
}

export const fileSystemHost: CompilerHost = {
  readFile(path) {
    // A missing or unreadable file is an ordinary user error (FLOW2009), reported by the caller.
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  inputSize,
};

/** State shared by one `check` call and every .flow file it imports. */
interface Session {
  readonly host: CompilerHost;
  readonly sources: Map<string, string>;
  readonly loading: Set<string>;
  readonly modules: Map<string, FlowModule>;
}

/** Parses and checks one `.flow` file; never throws. */
export function check(source: string, fileName: string, options: CheckOptions = {}): CheckResult {
  return checkSession(source, fileName, undefined, options);
}

/**
 * Checks a program another front end built (the SQL translator): its spans point into `source`, the text diagnostics
 * quote; imports resolve against `fileName`. Never throws.
 */
export function checkProgram(program: Program, source: string, fileName: string, options: CheckOptions = {}): CheckResult {
  return checkSession(source, fileName, program, options);
}

function checkSession(source: string, fileName: string, built: Program | undefined, options: CheckOptions): CheckResult {
  const session: Session = { host: options.host ?? fileSystemHost, sources: new Map(), loading: new Set([fileName]), modules: new Map() };
  try {
    const { program, ctx, diagnostics } = checkFile(source, fileName, session, options.until ?? "analyse", built);
    const sorted = sortDiagnostics(diagnostics);
    return {
      ...(program === undefined ? {} : { program }),
      diagnostics: sorted,
      ok: !hasErrors(sorted),
      sources: session.sources,
      symbols: ctx?.symbols ?? new Map(),
      jobStreams: ctx?.jobStreams ?? new Map(),
    };
  } catch (error) {
    // The last safety net: a compiler bug becomes a diagnostic instead of a crash in the user's terminal.
    const message = error instanceof Error ? error.message : String(error);
    session.sources.set(fileName, source);
    const diagnostic = createDiagnostic("FLOW9999", fileName, { start: 0, end: 0 }, { message });
    return { diagnostics: [diagnostic], ok: false, sources: session.sources, symbols: new Map(), jobStreams: new Map() };
  }
}

function checkFile(source: string, fileName: string, session: Session, until: "check" | "analyse", built?: Program): { program?: Program; ctx?: CheckContext; diagnostics: Diagnostic[] } {
  session.sources.set(fileName, source);
  const parsed = built === undefined ? parse(source, fileName) : { program: built, diagnostics: [] };
  if (parsed.program === undefined) return { diagnostics: parsed.diagnostics };

  const ctx = createContext(parsed.program, source, session.host, (path) => loadFlowModule(path, session), session.sources);
  const all = () => [...ctx.importedDiagnostics, ...ctx.reporter.diagnostics];
  for (const stage of stages) {
    for (const pass of stage.passes) pass(ctx);
    // Later stages assume an error-free program, like peggy's checkErrors between its pass groups.
    if (hasErrors(all()) || stage.name === until) break;
  }
  return { program: parsed.program, ctx, diagnostics: all() };
}

function loadFlowModule(path: string, session: Session): FlowModule | "cycle" | undefined {
  if (session.loading.has(path)) return "cycle";
  const cached = session.modules.get(path);
  if (cached !== undefined) return { ...cached, diagnostics: [] };
  const text = session.host.readFile(path);
  if (text === undefined) return undefined;
  session.loading.add(path);
  const result = checkFile(text, path, session, "check");
  session.loading.delete(path);
  const exports = new Map<string, DeclSymbol>();
  for (const [name, symbol] of result.ctx?.symbols ?? []) if (symbol.importedBy === undefined) exports.set(name, symbol);
  const module: FlowModule = { file: path, exports, diagnostics: result.diagnostics };
  session.modules.set(path, module);
  return module;
}

export type { CompilerHost, CheckContext } from "./passes/context.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { formatDiagnostics, formatDiagnostic, formatSummary } from "./diagnostics/format.js";
export { parse } from "./syntax/parse.js";
