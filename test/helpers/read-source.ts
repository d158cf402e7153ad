// Reads a bounded source to its end on the calling thread, as one subtask of one: what unit tests of sources compare.
import type { Source, SourceReaderContext } from "../../runtime/index.js";

const ONE_SUBTASK = { subtaskIndex: 0, parallelism: 1 } as SourceReaderContext;

/** Every record of `source`, polled two at a time (so that a reader's batch boundaries are crossed). */
export function readAll(source: Source<unknown>): unknown[] {
  const out: unknown[] = [];
  const reader = source.createReader(ONE_SUBTASK);
  while (reader.pollNext({ collect: (r) => out.push(r) }, 2) !== "END_OF_INPUT");
  return out;
}
