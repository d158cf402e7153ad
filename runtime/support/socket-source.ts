// The `socket(host, port, format)` source: lines from a TCP connection (unbounded until the peer closes it).
import { createConnection } from "node:net";
import { createInterface } from "node:readline";
import { AsyncIterableSource, type Source } from "../index.js";
import { CsvRowReader } from "./csv-rows.js";
import { readJsonLine, type DeadLetterHandler, type SchemaType } from "./validate.js";

export function socketSource<T>(name: string, host: string, port: number, format: "jsonl" | "csv", type: SchemaType, onDeadLetter: DeadLetterHandler): Source<T> {
  async function* lines(): AsyncGenerator<T> {
    const socket = createConnection({ host, port });
    const reader = createInterface({ input: socket, crlfDelay: Number.POSITIVE_INFINITY });
    const csv = format === "csv" ? new CsvRowReader(type) : null;
    let position = 0;
    try {
      for await (const line of reader) {
        position++;
        if (line.trim() === "") continue;
        if (csv !== null && csv.headerNames() === null) {
          const problem = csv.readHeader(line);
          if (problem !== null) onDeadLetter({ source: name, position, reason: problem, raw: line });
          continue;
        }
        const read = csv === null ? readJsonLine(line, type) : csv.readRow(line);
        if ("reason" in read) onDeadLetter({ source: name, position, reason: read.reason, raw: line });
        else yield read.value as T;
      }
    } finally {
      socket.destroy();
    }
  }
  return new AsyncIterableSource<T>(lines(), "CONTINUOUS_UNBOUNDED");
}
