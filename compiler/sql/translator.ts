// The state of translating one SQL script into a `.flow` program: the catalog, the declarations made so far (sources,
// sinks, imports), and the job being built. A statement that cannot be translated reports one located diagnostic and
// is abandoned (`abort`); the next statement is translated regardless, so one run reports every bad statement.
import type { ImportDecl, JobItem, Operator, PatternDecl, SchemaDecl, SinkDecl, SourceDecl } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { MessageArgs } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/messages.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import type { Catalog, CatalogFunction } from "./catalog.js";
import { printOperator } from "../ast/print.js";
import { ident, pipeline } from "./flow-nodes.js";
import type { Relation } from "./relation.js";

/** Thrown by `abort` after its diagnostic is reported; caught where a statement's translation starts. */
export class TranslationAborted extends Error {
  constructor() {
    super("SQL statement abandoned after a diagnostic");
  }
}

export interface Translator {
  readonly file: string;
  readonly reporter: Reporter;
  readonly catalog: Catalog;
  /** Declarations shared by every job of the program, by name. */
  readonly sources: Map<string, SourceDecl>;
  /** The catalog table each source reads. */
  readonly sourceTables: Map<string, string>;
  readonly sinks: Map<string, SinkDecl>;
  readonly imports: ImportDecl[];
  /** CEP patterns of MATCH_RECOGNIZE clauses, and the schemas of the rows they match. */
  readonly patterns: PatternDecl[];
  readonly schemas: SchemaDecl[];
  /** The `.flow` name under which a catalog function is imported (declared on first use). */
  importFunction(f: CatalogFunction): string;
  /** The job being built. */
  job: JobBuilder;
}

export interface JobBuilder {
  readonly items: JobItem[];
  /** Views and CTEs translated in this job, by name: a view read twice is one stream read twice. */
  readonly relations: Map<string, Relation>;
  /** Streams by what they compute (input and printed operators): a step computed twice is made once and read twice. */
  readonly steps: Map<string, string>;
  names: number;
}

export function newJob(): JobBuilder {
  return { items: [], relations: new Map(), steps: new Map(), names: 0 };
}

export function abort(t: Translator, code: DiagnosticCode, span: Span, args: MessageArgs = {}): never {
  t.reporter.report(code, span, args);
  throw new TranslationAborted();
}

/**
 * `let rN = <input> | ops…`: a new stream of the job; returns its name. The same operators on the same input return
 * the stream made first (Flink's sub-plan reuse): Nexmark's q5 counts the bids per auction and window once for both
 * sides of its join.
 */
export function addStep(t: Translator, input: string, operators: readonly Operator[], span: Span): string {
  const key = `${input} | ${operators.map((o) => printOperator(o)).join(" | ")}`;
  const known = t.job.steps.get(key);
  if (known !== undefined) return known;
  const name = `r${t.job.names++}`;
  t.job.items.push({ kind: "LetStatement", name: ident(name, span), pipeline: pipeline(input, operators, span), span });
  t.job.steps.set(key, name);
  return name;
}
