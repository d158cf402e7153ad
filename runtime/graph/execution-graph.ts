// ExecutionGraph: every job vertex expanded into parallel subtasks, with operator instances,
// chained outputs, channels and record writers wired up.
import type { OutputTag } from "../core/output-tag.js";
import { SourceOperator } from "../operators/source.js";
import type { ExecutionMode, OperatorContext, StreamOperator } from "../operators/operator.js";
import { ChainedTarget, type OutputTarget, RoutingOutput } from "../operators/output.js";
import type { InputChannel, OutputChannel } from "../network/channel-endpoints.js";
import { type ChannelFactory, InThreadChannelFactory } from "../network/channel-factory.js";
import { InputGate } from "../scheduler/input-gate.js";
import { RecordWriter } from "../scheduler/record-writer.js";
import { Subtask } from "../scheduler/subtask.js";
import { CoLocatedObjects } from "../scheduler/co-located-objects.js";
import { HeapKeyedStateBackend } from "../state/keyed-state-backend.js";
import type { Clock } from "../time/clock.js";
import type { JobGraph, JobVertex } from "./job-graph.js";
import { channelId, channelTargets } from "./deployment.js";
import { createChannelSelector } from "./partitioner.js";
import type { StreamEdge, StreamNode } from "./stream-graph.js";

export interface ExecutionSettings {
  readonly jobName: string;
  readonly mode: ExecutionMode;
  readonly clock: Clock;
  readonly batchSize: number;
  readonly channelCapacity: number;
  readonly watermarkInterval: number;
  readonly seed: number;
  readonly attemptNumber: number;
  readonly jobParameters: Readonly<Record<string, unknown>>;
  readonly monotonicNow: () => number;
  /** Processing-time callbacks go through the scheduler into the subtask's mailbox. */
  readonly schedule: (subtask: Subtask, timestamp: number, action: (now: number) => void) => void;
}

export interface ExecutionGraph {
  readonly subtasks: readonly Subtask[];
  /** Operator instances per stream node, by subtask index (metrics, tests). */
  readonly operatorsOf: ReadonlyMap<StreamNode, readonly StreamOperator<unknown>[]>;
  readonly outputsOf: ReadonlyMap<StreamNode, readonly RoutingOutput[]>;
}

/**
 * Instantiates the subtasks of `job` that run in this thread — all of them unless a channel factory of the worker
 * pool says otherwise — with their operators, outputs and channels.
 */
export function buildExecutionGraph(job: JobGraph, settings: ExecutionSettings, factory: ChannelFactory = new InThreadChannelFactory(settings.channelCapacity)): ExecutionGraph {
  const local = (v: JobVertex, i: number) => factory.isLocal(v.id, i);
  // 1. Input gates of every local subtask, one per input index of its head.
  const gates = new Map<JobVertex, InputGate[][]>();
  for (const v of job.vertices) {
    const inputCount = v.head.transformation.kind === "operator" ? v.head.transformation.inputs.length : 0;
    gates.set(v, range(v.parallelism).map(() => range(inputCount).map((i) => new InputGate(i))));
  }

  // 2. Channels of every non-chained edge, per upstream subtask, in downstream-subtask order (ids: deployment.ts).
  const channelsOf = new Map<StreamEdge, OutputChannel[][]>();
  let edgeIndex = 0;
  for (const v of job.vertices) {
    for (const edge of v.outputs) {
      const target = job.vertexOf.get(edge.target)!;
      const perUpstream: OutputChannel[][] = [];
      for (let i = 0; i < v.parallelism; i++) {
        const outputs: OutputChannel[] = [];
        for (const d of channelTargets(edge.partitioner.kind, i, v, target)) {
          const producerLocal = local(v, i);
          const consumerLocal = local(target, d);
          if (!producerLocal && !consumerLocal) continue;
          const ends = factory.open(channelId(edgeIndex, i, d), producerLocal, consumerLocal, edge.batchCodec);
          if (ends.input !== null) gates.get(target)![d]![edge.targetInput]!.channels.push(ends.input as InputChannel);
          if (ends.output !== null) outputs.push(ends.output);
        }
        perUpstream.push(outputs);
      }
      channelsOf.set(edge, perUpstream);
      edgeIndex++;
    }
  }
  for (const perSubtask of gates.values()) for (const gs of perSubtask) for (const g of gs) g.seal();

  // 3. Operators, outputs and subtasks.
  const operatorsOf = new Map<StreamNode, StreamOperator<unknown>[]>();
  const outputsOf = new Map<StreamNode, RoutingOutput[]>();
  const subtasks: Subtask[] = [];
  const coLocated = new CoLocatedObjects();
  for (const v of job.vertices) {
    for (let i = 0; i < v.parallelism; i++) {
      if (!local(v, i)) continue;
      const instances = new Map<StreamNode, StreamOperator<unknown>>();
      for (const node of v.nodes) instances.set(node, createOperator(node, settings));
      const writers: RecordWriter[] = [];
      const outputs: RoutingOutput[] = [];
      for (const node of v.nodes) {
        const main: OutputTarget[] = [];
        const sides = new Map<string, OutputTarget[]>();
        for (const edge of node.outEdges) {
          const chained = instances.get(edge.target);
          let target: OutputTarget;
          if (chained !== undefined) target = new ChainedTarget(chained, edge.targetInput, settings.batchSize);
          else {
            const channels = channelsOf.get(edge)![i]!;
            const selector = createChannelSelector(edge.partitioner, channels.length, edge.target.maxParallelism, i, settings.seed);
            const writer = new RecordWriter(channels, selector, settings.batchSize);
            writers.push(writer);
            target = writer;
          }
          addTarget(edge.sideOutput, target, main, sides);
        }
        outputs.push(new RoutingOutput(main, sides));
      }
      const operators = v.nodes.map((n) => instances.get(n)!);
      const subtask = new Subtask(v.name, v.id, i, operators, outputs, gates.get(v)![i]!, writers, v.nodes.map((n) => n.uid), v.nodes.map((n) => n.name), settings.batchSize, settings.monotonicNow, settings.mode === "BATCH");
      v.nodes.forEach((node, k) => {
        const op = operators[k]!;
        op.setup(operatorContext(node, i, subtask, settings, coLocated), outputs[k]!);
        push(operatorsOf, node, op);
        push(outputsOf, node, outputs[k]!);
      });
      subtasks.push(subtask);
    }
  }
  return { subtasks, operatorsOf, outputsOf };
}

function createOperator(node: StreamNode, settings: ExecutionSettings): StreamOperator<unknown> {
  const t = node.transformation;
  if (t.kind === "source") return new SourceOperator(node.name, t.source, t.watermarkStrategy, settings.watermarkInterval);
  return t.createOperator();
}

function operatorContext(node: StreamNode, index: number, subtask: Subtask, s: ExecutionSettings, coLocated: CoLocatedObjects): OperatorContext {
  const t = node.transformation;
  const keySelectors = t.kind === "operator" ? t.keySelectors : [];
  const keyed = keySelectors.some((k) => k !== null);
  return {
    jobName: s.jobName,
    operatorName: node.name,
    operatorUid: node.uid,
    subtaskIndex: index,
    parallelism: node.parallelism,
    maxParallelism: node.maxParallelism,
    attemptNumber: s.attemptNumber,
    numberOfInputs: Math.max(1, t.kind === "operator" ? t.inputs.length : 1),
    executionMode: s.mode,
    clock: s.clock,
    jobParameters: s.jobParameters,
    keyedBackend: keyed ? new HeapKeyedStateBackend(node.maxParallelism, () => s.clock.now()) : null,
    keySelectors,
    coLocated,
    // why: in BATCH processing time stands still; the subtask fires pending timers at the end of input
    scheduleProcessingTime: s.mode === "BATCH" ? () => {} : (timestamp, callback) => s.schedule(subtask, timestamp, callback),
  };
}

function addTarget(tag: OutputTag<any> | null, target: OutputTarget, main: OutputTarget[], sides: Map<string, OutputTarget[]>): void {
  if (tag === null) {
    main.push(target);
    return;
  }
  const list = sides.get(tag.id) ?? [];
  list.push(target);
  sides.set(tag.id, list);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
