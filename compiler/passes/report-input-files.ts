// Reports `file(…)` sources whose constant path names no file (an error: the job would fail as it starts) or an
// empty one (a warning: the jobs reading it would end without a record). Paths resolve as at run time: relative to
// the directory of the .flow file.
import { dirname, resolve } from "node:path";
import { sourceArgument } from "../types/source-arguments.js";
import type { CheckContext } from "./context.js";

export function reportInputFiles(ctx: CheckContext): void {
  // A host that cannot look at files (an in-memory test host, an editor buffer) skips this pass.
  const size = ctx.host.fileSize;
  if (size === undefined) return;
  for (const decl of ctx.program.declarations) {
    if (decl.kind !== "SourceDecl" || decl.connector.name.name !== "file") continue;
    const path = sourceArgument(decl, "path");
    if (path?.kind !== "StringLiteral") continue;
    const resolved = resolve(dirname(resolve(ctx.file)), path.value);
    const bytes = size.call(ctx.host, resolved);
    const watch = sourceArgument(decl, "watch");
    if (bytes === undefined) ctx.reporter.report("FLOW2024", path.span, { path: path.value, resolved });
    // A watched file may still grow: empty is a normal start.
    else if (bytes === 0 && !(watch?.kind === "BoolLiteral" && watch.value)) ctx.reporter.report("FLOW5008", path.span, { path: path.value, source: decl.name.name });
  }
}
