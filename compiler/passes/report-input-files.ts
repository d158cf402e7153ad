// Warns about `file(…)` sources whose constant path names nothing readable (the job would fail as it starts) or
// only empty files (the jobs reading it would end without a record). Paths resolve as when the job runs: against the
// working directory — so these are warnings: the job may well run elsewhere, where the files are.
import { resolve } from "node:path";
import { sourceArgument } from "../types/source-arguments.js";
import type { CheckContext } from "./context.js";

export function reportInputFiles(ctx: CheckContext): void {
  // A host that cannot look at files (an in-memory test host, an editor buffer) skips this pass.
  const size = ctx.host.inputSize;
  if (size === undefined) return;
  for (const decl of ctx.program.declarations) {
    if (decl.kind !== "SourceDecl" || decl.connector.name.name !== "file") continue;
    const path = sourceArgument(decl, "path");
    if (path?.kind !== "StringLiteral") continue;
    const format = sourceArgument(decl, "format");
    const csv = format?.kind === "StringLiteral" ? format.value === "csv" : path.value.toLowerCase().endsWith(".csv");
    const resolved = resolve(path.value);
    // why only a list of names: any other partitionBy is an error of its own (report-connector-settings.ts)
    const partitionBy = sourceArgument(decl, "partitionBy");
    const keys = partitionBy?.kind === "ArrayLiteral" ? partitionBy.elements.flatMap((e) => (e.kind === "StringLiteral" ? [e.value] : [])) : [];
    const bytes = size.call(ctx.host, resolved, csv ? "csv" : "jsonl", keys);
    const watch = sourceArgument(decl, "watch");
    if (bytes === undefined) ctx.reporter.report("FLOW5014", path.span, { path: path.value, resolved, source: decl.name.name });
    // A watched file may still grow: empty is a normal start.
    else if (bytes === 0 && !(watch?.kind === "BoolLiteral" && watch.value)) ctx.reporter.report("FLOW5008", path.span, { path: path.value, source: decl.name.name });
  }
}
