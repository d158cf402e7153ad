// Warns about declarations nothing uses: imports, sources, sinks, patterns, lets and side outputs.
import type { CheckContext } from "./context.js";

export function reportUnusedDeclarations(ctx: CheckContext): void {
  const r = ctx.reporter;
  for (const symbol of ctx.symbols.values()) {
    if (symbol.used) continue;
    if (symbol.importedBy !== undefined) {
      // Imported schemas are often imported to be redeclared identically; that is a use.
      const redeclared = symbol.kind === "schema" && ctx.program.declarations.some((d) => d.kind === "SchemaDecl" && d.name.name === symbol.name);
      if (!redeclared) r.report("FLOW5001", (symbol.importedBy.alias ?? symbol.importedBy.name).span, { what: "import", name: symbol.name });
    } else if (symbol.kind === "source" || symbol.kind === "sink" || symbol.kind === "pattern") {
      r.report("FLOW5001", symbol.span, { what: symbol.kind, name: symbol.name });
    }
  }
  for (const streams of ctx.jobStreams.values()) {
    for (const stream of streams.values()) {
      if (!stream.used) r.report("FLOW5001", stream.name.span, { what: stream.kind === "let" ? "stream" : "side output", name: stream.name.name });
    }
  }
}
