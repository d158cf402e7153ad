// Which stateless chains run inside their source's read loop (source fusion), and which jobs need watermarks at all.
import { callsUdf, stepExpressions } from "../ir/stateless.js";
import { inputsOf, nodeById, outputsOf, type ChainNode, type JobPlan, type SourceNode } from "../plan/plan.js";

/**
 * Whether anything in the job reads event time: only sources, stateless chains, unions and sinks are known not to
 * (windows, joins, dedupe, patterns and process functions may wait for watermarks).
 */
export function usesEventTime(job: JobPlan): boolean {
  return job.nodes.some((n) => n.kind !== "source" && n.kind !== "chain" && n.kind !== "union" && n.kind !== "sink");
}

/**
 * The source whose read loop runs `chain` when the caller hands that source an array, or null. The generated read
 * loop replaces the source and the chain operator, so only what cannot tell the difference fuses. Any stateless
 * steps do, filters and flatMaps too: the job's records in are the elements the source read (its reader counts them,
 * FusedArraySource), not the records it emitted.
 */
export function fusedSourceOf(job: JobPlan, chain: ChainNode, fuse: boolean): SourceNode | null {
  // the interpreted path (--no-fuse) stays operator by operator
  if (!fuse) return null;
  // stateless jobs only: the fused source generates no watermarks (see usesEventTime)
  if (usesEventTime(job)) return null;
  const ins = inputsOf(job, chain.id);
  // one input: a union ahead of the chain has several sources
  if (ins.length !== 1) return null;
  const edge = ins[0]!;
  const source = nodeById(job, edge.from);
  if (source.kind !== "source") return null;
  // the source feeds only this chain (another consumer needs the source's own records)
  if (outputsOf(job, source.id).length !== 1 || edge.side !== undefined) return null;
  // forward at equal parallelism: the chain would run in the source's subtask anyway
  if (edge.partitioning.kind !== "forward" || JSON.stringify(source.parallelism) !== JSON.stringify(chain.parallelism)) return null;
  // no imported function: its failure names the record through the chain operator (FusedChainOperator)
  if (callsImportedFunction(chain)) return null;
  return source;
}

function callsImportedFunction(chain: ChainNode): boolean {
  return chain.steps.some((step) => stepExpressions(step).some(callsUdf));
}
