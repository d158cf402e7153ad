// Deployment descriptors: what an executor needs to run its share of a job, as plain data (Flink's
// TaskDeploymentDescriptor). Every executor builds the same job graph from the job's module (SPMD, see
// docs/architecture.md); the descriptors say which subtasks run where, how their channels are wired and which state
// they start from — nothing in them is a closure, so they cross threads (and, next, processes) as they are.
import { keyGroupRangeOf } from "../core/key-groups.js";
import type { EncodedRestore, EncodedRestoreLookup } from "../checkpoint/state-assignment.js";
import type { JobGraph, JobVertex } from "./job-graph.js";
import { SourceOperator } from "../operators/source.js";
import { isPointwise } from "./partitioner.js";

/**
 * What a thread's job graph looks like, for comparing two threads' builds of one job: a worker that built a different
 * graph from the job's module (construction that depends on time, randomness or the thread) must not run it.
 */
export function jobGraphFingerprint(job: JobGraph): string {
  return job.vertices.map((v) => `${v.id}[${v.nodes.map((n) => `${n.uid}:${n.name}`).join(",")}]x${v.parallelism}>${v.outputs.map((e) => `${e.target.uid}/${e.partitioner.kind}`).join(",")}`).join(";");
}

/** Which worker runs each subtask: `workerOf[vertexId][subtaskIndex]`. */
export interface Placement {
  readonly workers: number;
  /** Where each subtask starts; a movable one may move on (work stealing). */
  readonly workerOf: readonly (readonly number[])[];
  /**
   * By vertex id: its subtasks may move between workers while the job runs (an idle worker steals them): every
   * worker has a copy of each, and all their channels are shared-memory rings.
   */
  readonly movable: readonly boolean[];
}

/**
 * The vertices whose subtasks may move between workers: a chain of operators that each declare themselves movable
 * (StreamOperator.movable: all they hold between two batches can be handed over — input watermarks, a source's read
 * position; no keyed or timer state, no per-subtask function object), never a keyed operator. Only on more than one
 * worker. `watermarkInterval` is the job's periodic watermark interval (a periodic timer pins a source).
 */
export function movableVertices(job: JobGraph, workers: number, watermarkInterval: number): boolean[] {
  return job.vertices.map((v) => workers > 1 && coLocationGroupOf(v) === null && v.nodes.every((node) => {
    const t = node.transformation;
    if (t.kind === "source") return SourceOperator.canMove(t.source, t.watermarkStrategy, watermarkInterval);
    if (t.keySelectors.some((k) => k !== null)) return false;
    return t.createOperator().movable === true;
  }));
}

/**
 * Subtask i of a vertex runs on worker (i + offset) mod workers, so the subtasks of a forward edge stay together and
 * a keyed exchange spreads evenly. Vertices with fewer subtasks than workers (non-parallel operators, parallelism 1
 * jobs) take turns through the workers from `rotation` on, so that two such jobs sharing the pool use both cores.
 */
export function placeSubtasks(job: JobGraph, workers: number, rotation: number, movable: readonly boolean[] = job.vertices.map(() => false)): Placement {
  let turn = rotation;
  const groupWorker = new Map<string, number>();
  const workerOf = job.vertices.map((v) => {
    const group = coLocationGroupOf(v);
    if (group !== null) {
      // why: co-located operators meet in their thread's CoLocatedObjects; the group takes its turn like a small vertex
      let worker = groupWorker.get(group);
      if (worker === undefined) groupWorker.set(group, (worker = turn++ % workers));
      return Array.from({ length: v.parallelism }, () => worker);
    }
    const offset = v.parallelism >= workers ? 0 : turn;
    if (v.parallelism < workers) turn += v.parallelism;
    return Array.from({ length: v.parallelism }, (_, i) => (i + offset) % workers);
  });
  return { workers, workerOf, movable };
}

/** The co-location group of a vertex: that of any operator chained into it (one chain cannot span two groups). */
export function coLocationGroupOf(v: JobVertex): string | null {
  for (const n of v.nodes) if (n.transformation.coLocationGroup !== undefined) return n.transformation.coLocationGroup;
  return null;
}

/** One channel between two subtasks: its stable name, both ends and whether it crosses workers. */
export interface ChannelPlan {
  readonly id: string;
  readonly producer: { readonly vertexId: number; readonly index: number; readonly worker: number };
  readonly consumer: { readonly vertexId: number; readonly index: number; readonly worker: number };
}

/**
 * Every channel of the job in a fixed order (vertex, outgoing edge, upstream subtask, downstream subtask). The id
 * names the edge by its position in that order, which is the same in every thread that built the graph from the same
 * module — which is how the two ends of a cross-worker channel find each other.
 */
export function planChannels(job: JobGraph, placement: Placement): ChannelPlan[] {
  const plans: ChannelPlan[] = [];
  let edgeIndex = 0;
  for (const v of job.vertices) {
    for (const edge of v.outputs) {
      const target = job.vertexOf.get(edge.target)!;
      for (let i = 0; i < v.parallelism; i++) {
        for (const d of channelTargets(edge.partitioner.kind, i, v, target)) {
          plans.push({
            id: channelId(edgeIndex, i, d),
            producer: { vertexId: v.id, index: i, worker: placement.workerOf[v.id]![i]! },
            consumer: { vertexId: target.id, index: d, worker: placement.workerOf[target.id]![d]! },
          });
        }
      }
      edgeIndex++;
    }
  }
  return plans;
}

export function channelId(edgeIndex: number, upstream: number, downstream: number): string {
  return `e${edgeIndex}:${upstream}->${downstream}`;
}

/** The downstream subtasks upstream subtask `i` sends to on a pointwise edge (Flink's rule). */
export function pointwiseTargets(i: number, upstream: number, downstream: number): number[] {
  if (upstream === downstream) return [i];
  if (upstream > downstream) return [Math.floor((i * downstream) / upstream)];
  const from = Math.ceil((i * downstream) / upstream);
  const to = Math.ceil(((i + 1) * downstream) / upstream);
  const targets: number[] = [];
  for (let d = from; d < to; d++) targets.push(d);
  return targets;
}

/** The downstream subtasks an upstream subtask sends to on an edge, in channel order. */
export function channelTargets(kind: Parameters<typeof isPointwise>[0], upstream: number, from: JobVertex, to: JobVertex): number[] {
  return isPointwise(kind) ? pointwiseTargets(upstream, from.parallelism, to.parallelism) : Array.from({ length: to.parallelism }, (_, d) => d);
}

/** What one subtask needs to start: plain data. */
export interface DeploymentDescriptor {
  readonly jobId: string;
  readonly attempt: number;
  readonly vertexId: number;
  readonly vertexName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly worker: number;
  /** The key groups whose state the subtask owns (inclusive bounds), for keyed vertices. */
  readonly keyGroups: { readonly start: number; readonly end: number };
  /** Channels into the subtask and out of it, by id (ChannelPlan). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** The state of each operator of the chain by uid, from the checkpoint the attempt restores (absent: fresh). */
  readonly restore: Readonly<Record<string, EncodedRestore>>;
}

/** The descriptors of every subtask of the job, in vertex then subtask order. */
export function describeDeployment(
  jobId: string,
  attempt: number,
  job: JobGraph,
  placement: Placement,
  channels: readonly ChannelPlan[],
  restore: EncodedRestoreLookup | null,
): DeploymentDescriptor[] {
  const descriptors: DeploymentDescriptor[] = [];
  for (const v of job.vertices) {
    for (let i = 0; i < v.parallelism; i++) {
      const state: Record<string, EncodedRestore> = {};
      for (const node of v.nodes) {
        const s = restore?.(node.uid, i) ?? null;
        if (s !== null) state[node.uid] = s;
      }
      descriptors.push({
        jobId,
        attempt,
        vertexId: v.id,
        vertexName: v.name,
        subtaskIndex: i,
        parallelism: v.parallelism,
        worker: placement.workerOf[v.id]![i]!,
        keyGroups: keyGroupRangeOf(i, v.parallelism, v.head.maxParallelism),
        inputs: channels.filter((c) => c.consumer.vertexId === v.id && c.consumer.index === i).map((c) => c.id),
        outputs: channels.filter((c) => c.producer.vertexId === v.id && c.producer.index === i).map((c) => c.id),
        restore: state,
      });
    }
  }
  return descriptors;
}
