// Iterations over bounded streams (Flink ML's Iterations.iterateBoundedStreamsUntilTermination), the runtime's
// extension point for iterative libraries (gelly, ml). The loop is not a cycle in the job graph: each variable stream
// enters through an entry operator, restarts at a head (a polled operator without inputs) and ends at a tail; entry,
// head and tail meet through the attempt's co-located objects in one thread — Flink co-locates head and tail in one
// slot for the same reason — so the graph stays a DAG that every scheduler, the pool's placement and the channel plan
// handle as they are. See superstep-barrier.ts for supersteps, their watermarks and termination.
import type { DataStream } from "../api/data-stream.js";
import { DataStream as Stream } from "../api/data-stream.js";
import { operatorTransformation, type Transformation } from "../graph/transformation.js";
import { IterationEntryOperator } from "./iteration-entry.js";
import { IterationHeadOperator } from "./iteration-head.js";
import { iterationId, type IterationSpec } from "./iteration-spec.js";
import { IterationTailOperator } from "./iteration-tail.js";
import { SuperstepZeroInputOperator } from "./superstep-zero-input.js";

/** Streams of the given element types, as a tuple. */
export type DataStreams<T extends readonly unknown[]> = { readonly [I in keyof T]: DataStream<T[I]> };

export interface IterationBodyResult {
  /** One per variable stream, in order: the records of the next superstep. Each must derive from the variables. */
  readonly feedbackVariableStreams: readonly DataStream<any>[];
  /** What leaves the loop (records carry the superstep that produced them as their timestamp). */
  readonly outputStreams: readonly DataStream<any>[];
  /** Optional: the iteration stops after a superstep in which this stream carried no record. */
  readonly terminationCriteria?: DataStream<any>;
}

export interface IterationConfig {
  /** The iteration stops after this many supersteps at the latest (default: only when nothing is fed back). */
  readonly maxSupersteps?: number;
  /** Names the iteration's operators (default "Iteration"). */
  readonly name?: string;
}

export const Iterations = {
  /**
   * Runs `body` superstep after superstep. Superstep 0 reads the initial variable streams (and all of the data
   * streams, which are read once); superstep e + 1 reads what the body fed back in superstep e. The iteration ends
   * after a superstep in which nothing was fed back, the termination criteria stream stayed empty, or the superstep
   * limit was reached; then the body's inputs end and so do its outputs. Inside the body, a record's timestamp and
   * the watermark are supersteps: an operator learns that superstep e is complete when its watermark reaches e
   * (event-time timers at e fire then), and learns that the iteration ended at the final watermark.
   *
   * All inputs must be bounded. Jobs with iterations cannot enable checkpointing yet (they restart from the
   * beginning after a failure, like Flink's DataSet iterations).
   */
  iterateBoundedStreamsUntilTermination<V extends readonly unknown[], D extends readonly unknown[]>(
    initVariableStreams: DataStreams<V>,
    dataStreams: DataStreams<D>,
    config: IterationConfig,
    body: (variableStreams: DataStreams<V>, dataStreams: DataStreams<D>) => IterationBodyResult,
  ): DataStream<any>[] {
    const initial = initVariableStreams as readonly DataStream<unknown>[];
    if (initial.length === 0) throw new Error("an iteration needs at least one variable stream");
    const env = initial[0]!.getExecutionEnvironment();
    const maxSupersteps = config.maxSupersteps ?? Number.POSITIVE_INFINITY;
    if (!(maxSupersteps >= 1) || (Number.isFinite(maxSupersteps) && !Number.isInteger(maxSupersteps))) {
      throw new RangeError(`maxSupersteps must be a positive integer, got ${config.maxSupersteps}`);
    }
    const name = config.name ?? "Iteration";
    const spec: IterationSpec = { id: iterationId(env.newId()), maxSupersteps };
    const colocate = (t: Transformation, chaining: "HEAD" | "ALWAYS", parallelism: number | null) => {
      const physical = t as Transformation & { coLocationGroup?: string };
      physical.coLocationGroup = spec.id;
      physical.chaining = chaining;
      physical.parallelism = parallelism;
    };

    const heads = initial.map((stream, variable) => {
      const parallelism = parallelismOf(stream.getTransformation());
      const entry = stream.transform<never>(`${name} Entry ${variable}`, () => new IterationEntryOperator(`${name} Entry ${variable}`, spec, variable));
      colocate(entry.getTransformation(), "HEAD", parallelism);
      const headName = `${name} Head ${variable}`;
      const head = operatorTransformation(env.newId(), { name: headName, inputs: [], createOperator: () => new IterationHeadOperator(headName, spec, variable), keySelectors: [] });
      colocate(head, "ALWAYS", parallelism);
      head.companions = [entry.getTransformation()];
      return { stream: new Stream<unknown>(env, head), parallelism, head };
    });

    const data = (dataStreams as readonly DataStream<unknown>[]).map((stream, i) => {
      const adapted = stream.transform<unknown>(`${name} Data ${i}`, () => new SuperstepZeroInputOperator(`${name} Data ${i}`));
      (adapted.getTransformation() as { parallelism: number | null }).parallelism = parallelismOf(stream.getTransformation());
      return adapted;
    });

    // why every head: a job may read only part of the loop's outputs, and any head it reaches needs every tail (whose
    // inputs reach the other heads, and each head brings its own entry)
    const companionOfEveryHead = (t: Transformation) => {
      for (const h of heads) h.head.companions!.push(t);
    };

    const result = body(heads.map((h) => h.stream) as unknown as DataStreams<V>, data as unknown as DataStreams<D>);
    if (result.feedbackVariableStreams.length !== heads.length) {
      throw new Error(`the iteration body returned ${result.feedbackVariableStreams.length} feedback streams for ${heads.length} variable streams: return one per variable stream, in order`);
    }
    result.feedbackVariableStreams.forEach((feedback, variable) => {
      const tailName = `${name} Tail ${variable}`;
      const tail = feedback.transform<never>(tailName, () => new IterationTailOperator(tailName, spec, { kind: "feedback", variable }));
      colocate(tail.getTransformation(), "HEAD", heads[variable]!.parallelism);
      companionOfEveryHead(tail.getTransformation());
    });
    if (result.terminationCriteria !== undefined) {
      const criteria = result.terminationCriteria;
      const tailName = `${name} Termination Criteria`;
      const tail = criteria.transform<never>(tailName, () => new IterationTailOperator(tailName, spec, { kind: "criteria" }));
      colocate(tail.getTransformation(), "HEAD", parallelismOf(criteria.getTransformation()));
      companionOfEveryHead(tail.getTransformation());
    }
    return [...result.outputStreams];
  },
};

/** The parallelism requested for the operator behind a (possibly virtual) transformation; null: the default. */
function parallelismOf(t: Transformation): number | null {
  switch (t.kind) {
    case "source":
      // why: a source that can only run as one subtask (a collection) feeds one head, not one per default subtask
      return t.parallelism ?? (t.source.maxParallelism === 1 ? 1 : null);
    case "operator":
      return t.parallelism;
    case "partition":
    case "side-output":
      return parallelismOf(t.input);
    case "union":
      return parallelismOf(t.inputs[0]!);
  }
}
