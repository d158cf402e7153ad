// Resolves every name to its declaration: types, sources, sinks, patterns, functions, and the streams of each job.
import type { Identifier, JobDecl, Pipeline, SchemaDecl, TypeNode } from "../ast/nodes.js";
import type { StreamReference } from "../ast/annotations.js";
import { typesEqual } from "../types/assignability.js";
import { printTypeStructure } from "../types/print-type.js";
import { arrayOf, nullable, primitive, record, UNKNOWN, type RecordType, type Type } from "../types/type.js";
import { didYouMean } from "../diagnostics/closest-name.js";
import type { CheckContext } from "./context.js";
import { describeKind, type DeclSymbol, type JobStream, type SymbolKind } from "./symbols.js";

export function resolveNames(ctx: CheckContext): void {
  declareSymbols(ctx);
  const schemas = new SchemaResolver(ctx);
  for (const decl of ctx.program.declarations) {
    switch (decl.kind) {
      case "SchemaDecl": schemas.resolve(decl); break;
      case "SourceDecl": if (decl.type !== null) decl.recordType = schemas.recordOf(decl.type, "the record type of a source"); break;
      case "SinkDecl": if (decl.type !== null) decl.recordType = schemas.recordOf(decl.type, "the record type of a sink"); break;
      case "PatternDecl": {
        const symbol = lookup(ctx, decl.on, "schema", "FLOW2002");
        decl.eventType = symbol?.kind === "schema" ? schemas.resolve(symbol.decl) : record([]);
        break;
      }
      case "JobDecl": resolveJob(ctx, decl); break;
      case "ImportDecl": break;
    }
  }
}

/** Imports first, then local declarations; the first of two equal names wins (the duplicate was reported). */
function declareSymbols(ctx: CheckContext): void {
  for (const symbol of ctx.imports) if (!ctx.symbols.has(symbol.name)) ctx.symbols.set(symbol.name, symbol);
  for (const decl of ctx.program.declarations) {
    if (decl.kind === "ImportDecl" || ctx.symbols.has(decl.name.name)) continue;
    const base = { name: decl.name.name, file: ctx.file, span: decl.name.span, used: false };
    switch (decl.kind) {
      case "SchemaDecl": ctx.symbols.set(base.name, { ...base, kind: "schema", decl }); break;
      case "SourceDecl": ctx.symbols.set(base.name, { ...base, kind: "source", decl }); break;
      case "SinkDecl": ctx.symbols.set(base.name, { ...base, kind: "sink", decl }); break;
      case "PatternDecl": ctx.symbols.set(base.name, { ...base, kind: "pattern", decl }); break;
      case "JobDecl": ctx.symbols.set(base.name, { ...base, kind: "job", decl }); break;
    }
  }
}

/** Looks up a top-level name expecting one kind; reports unknown (`missing`) or wrong-kind (FLOW2021) names. */
function lookup(
  ctx: CheckContext, id: Identifier, expected: SymbolKind, missing: "FLOW2002" | "FLOW2003" | "FLOW2004" | "FLOW2006" | "FLOW2007", also: Iterable<string> = [],
): DeclSymbol | undefined {
  const symbol = ctx.symbols.get(id.name);
  if (symbol === undefined) {
    // Suggest names of the kind expected here (plus `also`: a job's own streams where a stream is expected).
    const candidates = [...[...ctx.symbols.values()].filter((s) => s.kind === expected).map((s) => s.name), ...also];
    ctx.reporter.report(missing, id.span, { name: id.name }, didYouMean(id.name, candidates));
    return undefined;
  }
  symbol.used = true;
  if (symbol.kind !== expected) {
    ctx.reporter.report("FLOW2021", id.span, { name: id.name, actual: describeKind(symbol.kind), expected: describeKind(expected) }, { notes: [{ message: "declared here", span: symbol.span, file: symbol.file }] });
    return undefined;
  }
  return symbol;
}

/** Turns type syntax into types, resolving schema names (memoised, with cycle detection). */
class SchemaResolver {
  private readonly resolving = new Set<SchemaDecl>();

  constructor(private readonly ctx: CheckContext) {}

  resolve(decl: SchemaDecl): RecordType {
    if (decl.type !== undefined) return decl.type;
    if (this.resolving.has(decl)) {
      this.ctx.reporter.report("FLOW2023", decl.name.span, { name: decl.name.name });
      return record([], decl.name.name);
    }
    this.resolving.add(decl);
    const type = record(decl.fields.map((f) => ({ name: f.name.name, type: this.typeOf(f.type) })), decl.name.name);
    this.resolving.delete(decl);
    decl.type = type;
    this.compareWithImport(decl, type);
    return type;
  }

  // A local schema with the name of an imported one must be identical to it (it documents the expected shape).
  private compareWithImport(decl: SchemaDecl, type: RecordType): void {
    const imported = this.ctx.symbols.get(decl.name.name);
    if (imported?.kind !== "schema" || imported.decl === decl || imported.importedBy === undefined) return;
    const importedType = imported.decl.type;
    if (importedType === undefined || typesEqual(importedType, type)) return;
    this.ctx.reporter.report("FLOW2013", decl.name.span, { name: decl.name.name }, {
      notes: [
        { message: `imported here with structure ${printTypeStructure(importedType)}`, span: (imported.importedBy.alias ?? imported.importedBy.name).span, file: this.ctx.file },
      ],
    });
  }

  typeOf(node: TypeNode): Type {
    switch (node.kind) {
      case "PrimitiveTypeNode": return primitive(node.name);
      case "NullableTypeNode": return nullable(this.typeOf(node.inner));
      case "ArrayTypeNode": return arrayOf(this.typeOf(node.element));
      case "RecordTypeNode": return record(node.fields.map((f) => ({ name: f.name.name, type: this.typeOf(f.type) })));
      case "NamedTypeNode": {
        const symbol = lookup(this.ctx, node.name, "schema", "FLOW2002");
        if (symbol?.kind !== "schema") return UNKNOWN;
        // Imported schemas were resolved when their own file was checked.
        return symbol.decl.type ?? (symbol.file === this.ctx.file ? this.resolve(symbol.decl) : record([], symbol.name));
      }
    }
  }

  recordOf(node: TypeNode, what: string): RecordType {
    const type = this.typeOf(node);
    if (type.kind === "record") return type;
    if (type.kind !== "unknown") this.ctx.reporter.report("FLOW3019", node.span, { what, type: printTypeStructure(type) });
    return record([]);
  }
}

function resolveJob(ctx: CheckContext, job: JobDecl): void {
  const streams = new Map<string, JobStream>();
  ctx.jobStreams.set(job, streams);
  const declare = (name: Identifier, kind: JobStream["kind"], itemIndex: number, extra: Partial<JobStream> = {}): void => {
    const top = ctx.symbols.get(name.name);
    const earlier = streams.get(name.name);
    if (earlier !== undefined) {
      ctx.reporter.report("FLOW2001", name.span, { name: name.name }, { notes: [ctx.reporter.note("first defined here", earlier.name.span)] });
    } else if (top !== undefined) {
      ctx.reporter.report("FLOW2001", name.span, { name: name.name }, { notes: [{ message: `\`${name.name}\` is also a ${describeKind(top.kind)}`, span: top.span, file: top.file }] });
    } else {
      streams.set(name.name, { kind, name, itemIndex, used: false, ...extra });
    }
  };

  // 1. Collect the job's stream names first, so that a use before the definition can say so (FLOW2012).
  job.items.forEach((item, index) => {
    if (item.kind === "LetStatement") declare(item.name, "let", index, { let: item });
    const pipeline = item.kind === "LetStatement" ? item.pipeline : item.kind === "Pipeline" ? item : null;
    for (const op of pipeline?.operators ?? []) {
      const side = op.kind === "WindowOp" ? op.lateTo : op.kind === "MatchOp" ? op.timeoutsTo : null;
      if (side === null) continue;
      // `lateTo x` / `timeoutsTo x` send to sink x if there is one, otherwise they define the side output x.
      const top = ctx.symbols.get(side.name);
      if (top === undefined) declare(side, "sideOutput", index);
    }
  });

  // 2. Resolve every reference.
  job.items.forEach((item, index) => {
    const pipeline = item.kind === "LetStatement" ? item.pipeline : item.kind === "Pipeline" ? item : null;
    if (pipeline !== null) resolvePipeline(ctx, pipeline, streams, index);
  });
}

function resolvePipeline(ctx: CheckContext, pipeline: Pipeline, streams: Map<string, JobStream>, index: number): void {
  const stream = (id: Identifier): StreamReference => {
    const local = streams.get(id.name);
    if (local !== undefined) {
      if (local.itemIndex >= index) {
        ctx.reporter.report("FLOW2012", id.span, { name: id.name }, { notes: [ctx.reporter.note("defined here", local.name.span)] });
        return { kind: "unresolved", name: id.name };
      }
      local.used = true;
      return { kind: local.kind, name: id.name };
    }
    const symbol = lookup(ctx, id, "source", "FLOW2003", [...streams.values()].filter((s) => s.itemIndex < index).map((s) => s.name.name));
    return symbol === undefined ? { kind: "unresolved", name: id.name } : { kind: "source", name: id.name };
  };

  pipeline.headRef = stream(pipeline.head);
  for (const op of pipeline.operators) {
    switch (op.kind) {
      case "JoinOp": op.streamRef = stream(op.stream); break;
      case "LookupOp": {
        // why a declared source and never a stream: the table is loaded whole as the operator opens, not read as input
        const local = streams.get(op.table.name);
        if (local !== undefined) ctx.reporter.report("FLOW4039", op.table.span, { name: op.table.name }, { notes: [ctx.reporter.note("defined here", local.name.span)] });
        else {
          const symbol = lookup(ctx, op.table, "source", "FLOW2003");
          if (symbol?.kind === "source") op.tableDecl = symbol.decl;
        }
        break;
      }
      case "UnionOp": op.streamRefs = op.streams.map(stream); break;
      case "PredictLatestOp": op.streamRef = stream(op.stream); break;
      case "ToOp": lookup(ctx, op.sink, "sink", "FLOW2004"); break;
      case "MatchOp":
        lookup(ctx, op.pattern, "pattern", "FLOW2007");
        if (op.timeoutsTo !== null) op.timeoutTarget = sideTarget(ctx, op.timeoutsTo, streams);
        break;
      case "WindowOp":
        if (op.lateTo !== null) op.lateTarget = sideTarget(ctx, op.lateTo, streams);
        break;
      case "ProcessOp": {
        const fn = lookup(ctx, op.function, "function", "FLOW2006");
        op.target = fn?.kind === "function" ? { kind: "udf", name: fn.name, module: fn.udf.module, exportName: fn.udf.exportName } : { kind: "unresolved" };
        break;
      }
      default: break;
    }
  }
}

function sideTarget(ctx: CheckContext, id: Identifier, streams: Map<string, JobStream>) {
  if (streams.get(id.name)?.kind === "sideOutput") return { kind: "sideOutput", name: id.name } as const;
  lookup(ctx, id, "sink", "FLOW2004");
  return { kind: "sink", name: id.name } as const;
}
