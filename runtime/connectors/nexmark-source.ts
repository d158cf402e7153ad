// The Nexmark generator as a parallel, replayable source: subtask i of p generates the i-th of p
// disjoint event-id ranges (as the reference splits generators) and snapshots its position.
import { eventTime, type NexmarkConfig, NexmarkGenerator, type NexmarkEvent, splitConfig } from "./nexmark/index.js";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "./source.js";

export class NexmarkSource implements Source<NexmarkEvent> {
  readonly replayable = true;
  readonly boundedness: "BOUNDED" | "CONTINUOUS_UNBOUNDED";

  constructor(private readonly config: Partial<NexmarkConfig> = {}) {
    this.boundedness = (config.maxEvents ?? 0) > 0 ? "BOUNDED" : "CONTINUOUS_UNBOUNDED";
  }

  createReader(context: SourceReaderContext): SourceReader<NexmarkEvent> {
    const part = splitConfig(this.config, context.parallelism)[context.subtaskIndex]!;
    return new NexmarkReader(new NexmarkGenerator(part));
  }
}

class NexmarkReader implements SourceReader<NexmarkEvent> {
  private readonly buffer: NexmarkEvent[] = [];

  constructor(private readonly generator: NexmarkGenerator) {}

  pollNext(output: ReaderOutput<NexmarkEvent>, max: number): InputStatus {
    if (this.buffer.length < max) this.buffer.length = max;
    const n = this.generator.fill(this.buffer, max);
    const buffer = this.buffer;
    for (let i = 0; i < n; i++) {
      const e = buffer[i]!;
      output.collect(e, eventTime(e));
    }
    return this.generator.hasNext() ? "MORE_AVAILABLE" : "END_OF_INPUT";
  }

  isAvailable(): Promise<void> {
    return Promise.resolve();
  }

  snapshotState(): number {
    return this.generator.position;
  }

  restoreState(state: unknown): void {
    this.generator.seek(state as number);
  }
}
