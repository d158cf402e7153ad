// print(): writes each record as a line; with parallelism > 1 prefixed "<subtask+1>> " like Flink.
import type { Sink, SinkWriter } from "./sink.js";

export class PrintSink<T> implements Sink<T> {
  constructor(
    private readonly prefix = "",
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}
  createWriter(context: { subtaskIndex: number; parallelism: number }): SinkWriter<T> {
    const tag = context.parallelism > 1 ? `${context.subtaskIndex + 1}> ` : "";
    const head = this.prefix === "" ? tag : `${this.prefix}:${tag === "" ? " " : tag}`;
    return { write: (value) => this.write(head + format(value)) };
  }
}

function format(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
