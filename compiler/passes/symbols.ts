// Top-level symbols (schemas, sources, sinks, patterns, jobs, imported functions) and job-level streams.
import type { Updates } from "../ast/annotations.js";
import type { Identifier, ImportName, JobDecl, KeyInfo, LetStatement, PatternDecl, SchemaDecl, SinkDecl, SourceDecl } from "../ast/index.js";
import type { Span } from "../ast/span.js";
import type { RecordType } from "../types/type.js";
import type { UdfSignature } from "../types/udf.js";

interface SymbolBase {
  readonly name: string;
  /** The file that declares it (another file for imported symbols). */
  readonly file: string;
  /** The declaring name. */
  readonly span: Span;
  /** The import that brought it into this file, if any (for notes and unused-import warnings). */
  readonly importedBy?: ImportName;
  used: boolean;
}

export type DeclSymbol =
  | (SymbolBase & { readonly kind: "schema"; readonly decl: SchemaDecl })
  | (SymbolBase & { readonly kind: "source"; readonly decl: SourceDecl })
  | (SymbolBase & { readonly kind: "sink"; readonly decl: SinkDecl })
  | (SymbolBase & { readonly kind: "pattern"; readonly decl: PatternDecl })
  | (SymbolBase & { readonly kind: "job"; readonly decl: JobDecl })
  | (SymbolBase & { readonly kind: "function"; readonly udf: UdfSignature });

export type SymbolKind = DeclSymbol["kind"];

/** A stream named inside a job: a `let`, or a side output created by `lateTo`/`timeoutsTo`. */
export interface JobStream {
  readonly kind: "let" | "sideOutput";
  readonly name: Identifier;
  /** Index of the job item that defines it; uses in earlier items are errors. */
  readonly itemIndex: number;
  readonly let?: LetStatement;
  used: boolean;
  // Filled by infer-pipeline-types.
  type?: RecordType;
  key?: KeyInfo | null;
  /** Set when the stream is an update stream: the fields identifying its rows, or a running top's computed key (and rank). */
  updates?: Updates;
}

export function describeKind(kind: SymbolKind | JobStream["kind"]): string {
  return kind === "sideOutput" ? "side output" : kind === "function" ? "function" : kind;
}
