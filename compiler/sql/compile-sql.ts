// The SQL compiler driver: parse the script, translate it into a `.flow` program (translate-script.ts), then the
// shared check passes and back end — so a SQL query and the `.flow` pipeline it reads as get the same plan, the same
// optimiser and the same generated code. Never throws on bad input: every problem is a located diagnostic.
import { checkProgram, type CheckOptions, type CheckResult } from "../index.js";
import { compileChecked, type CompileOptions, type CompileResult } from "../compile.js";
import { createDiagnostic, hasErrors, Reporter, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseSql } from "./parse-sql.js";
import { translateScript, type SqlQueryInfo } from "./translate-script.js";

export interface SqlCheckOptions extends CheckOptions {
  /** Values of `${KEY}` placeholders (Flink SQL client's --define, the Nexmark runner's substitutions). */
  readonly defines?: Readonly<Record<string, string>>;
}

export interface SqlCompileOptions extends CompileOptions, SqlCheckOptions {}

export interface SqlCheckResult {
  /** The translated `.flow` program, checked (check.program), with every diagnostic of the script. */
  readonly check: CheckResult;
  /** One entry per job: what each INSERT or SELECT produces. */
  readonly queries: readonly SqlQueryInfo[];
  /** `SET` options of the script as they stand at its end. */
  readonly settings: ReadonlyMap<string, string>;
}

export interface SqlCompileResult extends CompileResult {
  readonly queries: readonly SqlQueryInfo[];
  readonly settings: ReadonlyMap<string, string>;
}

/** The front half: parse, translate, and the `.flow` check passes — no code generation (a few milliseconds). */
export function checkSql(text: string, file: string, options: SqlCheckOptions = {}): SqlCheckResult {
  const parsed = parseSql(text, file, options.defines === undefined ? {} : { defines: options.defines });
  const failed = (diagnostics: readonly Diagnostic[]): SqlCheckResult => {
    const sorted = sortDiagnostics(diagnostics);
    return { check: { diagnostics: sorted, ok: !hasErrors(sorted), sources: new Map([[file, text]]), symbols: new Map(), jobStreams: new Map() }, queries: [], settings: new Map() };
  };
  if (hasErrors(parsed.diagnostics)) return failed(parsed.diagnostics);
  const reporter = new Reporter(file);
  let script: ReturnType<typeof translateScript>;
  try {
    script = translateScript(parsed.statements, file, reporter);
  } catch (error) {
    // The last safety net, as for `.flow`: a translator bug is a diagnostic, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    return failed([...parsed.diagnostics, createDiagnostic("FLOW9999", file, { start: 0, end: 0 }, { message })]);
  }
  const translated = [...parsed.diagnostics, ...reporter.diagnostics];
  if (hasErrors(translated)) return failed(translated);
  const checked = checkProgram(script.program, text, file, options);
  // why FLOW5015 is left out: the translator tracks each relation's upsert key itself (a result's key columns may be
  // copies of the ones its maps drop), and the user never wrote the map the warning would point at; FLOW5005 too: the
  // `??` it points at is the translator's (a WHERE condition's NULL read as false), not the user's
  const diagnostics = checked.diagnostics.filter((d) => d.code !== "FLOW5015" && d.code !== "FLOW5005");
  return { check: { ...checked, diagnostics: sortDiagnostics([...translated, ...diagnostics]) }, queries: script.queries, settings: script.catalog.settings };
}

export function compileSql(text: string, file: string, options: SqlCompileOptions = {}): SqlCompileResult {
  const checked = checkSql(text, file, options);
  return { ...compileChecked(checked.check, text, file, options), queries: checked.queries, settings: checked.settings };
}
