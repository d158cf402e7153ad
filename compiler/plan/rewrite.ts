// Small plan surgery shared by the optimiser passes: splicing nodes out of a job.
import type { JobPlan } from "./plan.js";

/**
 * Removes node `id`, which has exactly one input edge: its outputs now leave from `into` (the node that absorbed
 * its work). Edges keep their partitioning and side tags.
 */
export function spliceOut(job: JobPlan, id: number, into: number): void {
  job.edges = job.edges.filter((e) => !(e.to === id && e.from === into)).map((e) => (e.from === id ? { ...e, from: into } : e));
  job.nodes = job.nodes.filter((n) => n.id !== id);
}

/** Removes node `id`, which has exactly one output edge: its inputs now go to `into`. */
export function spliceIn(job: JobPlan, id: number, into: number): void {
  const out = job.edges.find((e) => e.from === id && e.to === into)!;
  job.edges = job.edges.filter((e) => e !== out).map((e) => (e.to === id ? { ...e, to: into, partitioning: out.partitioning.kind === "hash" ? e.partitioning : e.partitioning, input: out.input } : e));
  job.nodes = job.nodes.filter((n) => n.id !== id);
}
