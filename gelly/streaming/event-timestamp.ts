// The check every event-time graph operator makes on a record: it must carry a timestamp.
import { EddyError, NO_TIMESTAMP } from "../../runtime/index.js";

/** Throws a user error naming the operator when `timestamp` is NO_TIMESTAMP. */
export function requireTimestamp(timestamp: number, record: unknown, context: { job: string; operator: string; subtask: number }): void {
  if (timestamp !== NO_TIMESTAMP) return;
  throw new EddyError(
    "user",
    "this graph operator works in event time and the edge has no timestamp: assign timestamps and watermarks upstream with assignTimestampsAndWatermarks(...)",
    { ...context, record },
    { retriable: false },
  );
}
