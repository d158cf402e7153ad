// What a source declaration's constant arguments say about it: the file it reads, whether its input ends.
import type { Argument, Expr, SourceDecl } from "../ast/nodes.js";
import { SOURCE_CONNECTORS } from "./connectors.js";

/** The argument bound to `name` (by name, or by position in the connector's parameter list). */
export function sourceArgument(decl: SourceDecl, name: string): Expr | undefined {
  const params = SOURCE_CONNECTORS.get(decl.connector.name.name)?.params ?? [];
  const position = params.findIndex((p) => p.name === name);
  const positional = decl.connector.args.filter((a: Argument) => a.name === null);
  return (decl.connector.args.find((a) => a.name?.name === name) ?? (position < 0 ? undefined : positional[position]))?.value;
}

/**
 * True when the source's input ends (Flink's Boundedness.BOUNDED): inline collections, generators (1000 records
 * unless `count` says otherwise), PostgreSQL scans, files that are not watched, nexmark with a number of `events`;
 * sockets never end.
 */
export function isBoundedSource(decl: SourceDecl): boolean {
  switch (decl.connector.name.name) {
    case "collection": case "generator": case "postgres": return true;
    case "file": {
      const watch = sourceArgument(decl, "watch");
      return !(watch?.kind === "BoolLiteral" && watch.value);
    }
    case "datagen": {
      // bounded by a number of rows, or by a sequence field's end
      const rows = sourceArgument(decl, "rows");
      const fields = sourceArgument(decl, "fields");
      const sequence = fields?.kind === "RecordLiteral" && fields.fields.some((f) => f.value.kind === "RecordLiteral" && f.value.fields.some((s) => s.name.name === "kind" && s.value.kind === "StringLiteral" && s.value.value === "sequence"));
      return rows !== undefined || sequence;
    }
    case "nexmark": {
      const events = sourceArgument(decl, "events");
      return events?.kind === "IntLiteral" && events.value > 0;
    }
    default: return false;
  }
}
