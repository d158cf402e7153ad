// Flink's bulk iteration (DataSet.iterate): a step function applied to the partial solution, superstep after
// superstep, until the iteration limit or an empty termination criterion; the result is the step's output in the
// last superstep. Built on Iterations with one variable stream.
import type { DataStream } from "../api/data-stream.js";
import { Iterations } from "./iterations.js";
import { LastSuperstepOperator } from "./last-superstep.js";

/** What a step returns: the next partial solution, and optionally a criterion (stop once it is empty). */
export type BulkStepResult<T> = DataStream<T> | { readonly next: DataStream<T>; readonly terminationCriterion: DataStream<any> };

export function iterateBulk<T>(initial: DataStream<T>, maxIterations: number, step: (partialSolution: DataStream<T>) => BulkStepResult<T>, name = "Bulk Iteration"): DataStream<T> {
  const [result] = Iterations.iterateBoundedStreamsUntilTermination<[T], []>([initial], [], { maxSupersteps: maxIterations, name }, ([partial]) => {
    const stepped = step(partial);
    const next = "next" in stepped ? stepped.next : stepped;
    const criterion = "next" in stepped ? stepped.terminationCriterion : undefined;
    const last = next.transform<T>(`${name} Result`, () => new LastSuperstepOperator<T>(`${name} Result`));
    return { feedbackVariableStreams: [next], outputStreams: [last], ...(criterion === undefined ? {} : { terminationCriteria: criterion }) };
  });
  return result as DataStream<T>;
}
