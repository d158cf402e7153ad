// Flink's delta iteration (DataSet.iterateDelta): a solution set kept by key and a workset; each superstep the step
// function reads the workset, joins it with the solution set (which it sees as it was when the superstep began) and
// returns a delta — records that replace the solution set's entries of their keys — and the next workset. The
// iteration ends when nothing is left to do (an empty workset and delta) or after `maxIterations` supersteps of the
// step function; its result is the final solution set. Built on Iterations with two variable streams: the solution
// records (initial solution, then each superstep's delta) and the workset; the solution set itself is a keyed
// operator of the body (solution-set.ts).
import type { DataStream } from "../api/data-stream.js";
import { OutputTag } from "../core/output-tag.js";
import type { Key } from "../core/key-groups.js";
import { Iterations } from "./iterations.js";
import { type SolutionSetJoinFunction, SolutionSetOperator } from "./solution-set.js";

/** The solution set as the step function sees it: it may be joined once per step. */
export class SolutionSet<K extends Key, S> {
  /** @internal the join the step made, if any */
  joined: DataStream<unknown> | null = null;

  constructor(
    private readonly solution: DataStream<S>,
    private readonly solutionKey: (s: S) => K,
    private readonly maxIterations: number,
    /** @internal where the final solution set comes out */
    readonly resultTag: OutputTag<S>,
    private readonly name: string,
  ) {}

  /**
   * Joins each probe with the solution entry of its key (undefined when the key has none) as of the start of the
   * superstep; `join` emits any number of records. Flink's solutionSet.join(…).where(…).equalTo(…), with the outer
   * side included.
   */
  join<P, R>(probes: DataStream<P>, probeKey: (p: P) => K, join: SolutionSetJoinFunction<P, S, R>): DataStream<R> {
    if (this.joined !== null) throw new Error(`${this.name}: the step function joins the solution set once; combine the probes into one stream first (union)`);
    const name = `${this.name} Solution Set`;
    const joined = this.solution
      .keyBy(this.solutionKey)
      .connect(probes.keyBy(probeKey))
      .transform<R>(name, () => new SolutionSetOperator<S, P, R>(name, join, this.maxIterations, this.resultTag));
    this.joined = joined as DataStream<unknown>;
    return joined;
  }
}

export interface DeltaStepResult<S, W> {
  readonly delta: DataStream<S>;
  readonly nextWorkset: DataStream<W>;
}

export function iterateDelta<K extends Key, S, W>(
  initialSolution: DataStream<S>,
  initialWorkset: DataStream<W>,
  maxIterations: number,
  solutionKey: (s: S) => K,
  step: (solution: SolutionSet<K, S>, workset: DataStream<W>) => DeltaStepResult<S, W>,
  name = "Delta Iteration",
): DataStream<S> {
  const env = initialSolution.getExecutionEnvironment();
  const resultTag = new OutputTag<S>(`delta-iteration-${env.newId()}`);
  // why: one superstep more than the step runs, so the delta of the last step reaches the solution set
  const [result] = Iterations.iterateBoundedStreamsUntilTermination<[S, W], []>([initialSolution, initialWorkset], [], { maxSupersteps: maxIterations + 1, name }, ([solutionRecords, workset]) => {
    const solution = new SolutionSet<K, S>(solutionRecords, solutionKey, maxIterations, resultTag, name);
    const { delta, nextWorkset } = step(solution, workset);
    if (solution.joined === null) throw new Error(`${name}: the step function must join the solution set (solution.join(probes, key, fn))`);
    return { feedbackVariableStreams: [delta, nextWorkset], outputStreams: [solution.joined.getSideOutput(resultTag)] };
  });
  return result as DataStream<S>;
}
