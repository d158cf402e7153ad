// The sources feeding a pipeline of a job — through `let`s, joins, unions and `predict latest`'s model stream — for
// checks that depend on what a job reads (bounded or not, watermarked or not).
import type { StreamReference } from "../ast/annotations.js";
import type { Pipeline, SourceDecl } from "../ast/nodes.js";
import type { CheckContext } from "./context.js";
import type { JobStream } from "./symbols.js";

/** Sources feeding `pipeline`, through lets, joins and unions, each once. */
export function feedingSources(ctx: CheckContext, pipeline: Pipeline, streams: Map<string, JobStream>, visiting: Set<Pipeline>): SourceDecl[] {
  if (visiting.has(pipeline)) return [];
  visiting.add(pipeline);
  const refs: (StreamReference | undefined)[] = [pipeline.headRef];
  for (const op of pipeline.operators) {
    if (op.kind === "JoinOp") refs.push(op.streamRef);
    if (op.kind === "UnionOp") refs.push(...(op.streamRefs ?? []));
    if (op.kind === "PredictLatestOp") refs.push(op.streamRef);
  }
  const out: SourceDecl[] = [];
  const add = (decl: SourceDecl) => void (out.includes(decl) || out.push(decl));
  for (const ref of refs) {
    if (ref?.kind === "source") {
      const symbol = ctx.symbols.get(ref.name);
      if (symbol?.kind === "source") add(symbol.decl);
    } else if (ref?.kind === "let") {
      const let_ = streams.get(ref.name)?.let;
      if (let_ !== undefined) feedingSources(ctx, let_.pipeline, streams, visiting).forEach(add);
    }
  }
  return out;
}
