// Reports names declared twice: top-level declarations and imports, schema fields, pattern stages.
import type { FieldDecl, Identifier } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { visit } from "../ast/visit.js";
import type { DiagnosticNote } from "../diagnostics/diagnostic.js";
import type { CheckContext } from "./context.js";

export function reportDuplicateDeclarations(ctx: CheckContext): void {
  const seen = new Map<string, { note: DiagnosticNote; importedSchema: boolean }>();
  for (const symbol of ctx.imports) {
    const at = symbol.importedBy!;
    const first = seen.get(symbol.name);
    if (first !== undefined) ctx.reporter.report("FLOW2001", (at.alias ?? at.name).span, { name: symbol.name }, { notes: [first.note] });
    else seen.set(symbol.name, { note: ctx.reporter.note("first imported here", (at.alias ?? at.name).span), importedSchema: symbol.kind === "schema" });
  }
  for (const decl of ctx.program.declarations) {
    if (decl.kind === "ImportDecl") continue;
    const first = seen.get(decl.name.name);
    // Redeclaring an imported schema is allowed when identical; resolve-names compares the two (FLOW2013).
    if (first?.importedSchema === true && decl.kind === "SchemaDecl") continue;
    if (first !== undefined) ctx.reporter.report("FLOW2001", decl.name.span, { name: decl.name.name }, { notes: [first.note] });
    else seen.set(decl.name.name, { note: ctx.reporter.note("first defined here", decl.name.span), importedSchema: false });
  }

  visit(ctx.program, {
    SchemaDecl: (node) => reportRepeatedFields(ctx, node.fields),
    RecordTypeNode: (node) => reportRepeatedFields(ctx, node.fields),
    PatternDecl: (node) => reportRepeated(ctx, node.stages.map((s) => s.name), "FLOW2001"),
  });
}

function reportRepeatedFields(ctx: CheckContext, fields: readonly FieldDecl[]): void {
  reportRepeated(ctx, fields.map((f) => f.name), "FLOW2018");
}

function reportRepeated(ctx: CheckContext, names: readonly Identifier[], code: "FLOW2001" | "FLOW2018"): void {
  const first = new Map<string, Span>();
  for (const name of names) {
    const earlier = first.get(name.name);
    if (earlier === undefined) first.set(name.name, name.span);
    else ctx.reporter.report(code, name.span, { name: name.name }, { notes: [ctx.reporter.note("first defined here", earlier)] });
  }
}
