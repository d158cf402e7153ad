// The Nexmark generator as a parallel, replayable source: subtask i of p generates the events at positions
// i, i + p, i + 2p … of the one sequence a single generator would produce, and snapshots its next position.
//
// why not the reference's GeneratorConfig.split: its p generators run on parallel timelines (the same event numbers,
// hence the same timestamps, for different event ids), so the events themselves — and every query result — change
// with the parallelism. A stream processor must give the same answers at every parallelism, so the data must not
// depend on it: interleaving positions of one sequence keeps every event's id, content and time.
import { eventTime, type NexmarkConfig, NexmarkGenerator, type NexmarkEvent } from "./nexmark/index.js";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "./source.js";

export class NexmarkSource implements Source<NexmarkEvent> {
  readonly replayable = true;
  /** A reader is its next position in a sequence any copy of the generator computes alike. */
  readonly movable = true;
  readonly boundedness: "BOUNDED" | "CONTINUOUS_UNBOUNDED";

  constructor(private readonly config: Partial<NexmarkConfig> = {}) {
    this.boundedness = (config.maxEvents ?? 0) > 0 ? "BOUNDED" : "CONTINUOUS_UNBOUNDED";
  }

  createReader(context: SourceReaderContext): SourceReader<NexmarkEvent> {
    return new NexmarkReader(new NexmarkGenerator(this.config), context.subtaskIndex, context.parallelism);
  }
}

class NexmarkReader implements SourceReader<NexmarkEvent> {
  /** The position (in the single generator's sequence) of this subtask's next event. */
  private next: number;

  constructor(
    private readonly generator: NexmarkGenerator,
    first: number,
    private readonly stride: number,
  ) {
    this.next = first;
  }

  pollNext(output: ReaderOutput<NexmarkEvent>, max: number): InputStatus {
    const generator = this.generator;
    const limit = generator.config.eventLimit;
    const stride = this.stride;
    let p = this.next;
    for (let i = 0; i < max && p < limit; i++, p += stride) {
      const e = generator.eventAt(p);
      output.collect(e, eventTime(e));
    }
    this.next = p;
    return p < limit ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }

  isAvailable(): Promise<void> {
    return Promise.resolve();
  }

  snapshotState(): number {
    return this.next;
  }

  restoreState(state: unknown): void {
    this.next = state as number;
  }
}
