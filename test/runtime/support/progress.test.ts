// The progress line's worker part: each worker's busy share over the last interval, and the subtasks idle workers
// took over (work stealing) once there were any.
import test from "ava";
import { workersText } from "../../../runtime/support/progress.js";
import type { MetricsView } from "../../../runtime/support/job.js";

const worker = (w: number, busyMs: number, steals: number) => ({ worker: w, busyMs, idleMs: 0, steals, exchangeRecords: 0, exchangeBytes: 0 });
const metrics = (elapsedMs: number, workers: MetricsView["workers"]): MetricsView => ({ elapsedMs, operators: [], workers }) as unknown as MetricsView;

test("busy shares per worker, over the whole run or since the last line", (t) => {
  t.is(workersText(metrics(1000, [worker(0, 920, 0), worker(1, 880, 0)])), "  workers 92% 88%");
  t.is(workersText(metrics(2000, [worker(0, 1420, 0), worker(1, 1880, 0)]), { at: 1000, busy: [920, 880] }), "  workers 50% 100%");
});

test("steals are shown once a worker has taken a subtask over", (t) => {
  t.is(workersText(metrics(1000, [worker(0, 900, 1), worker(1, 900, 0)])), "  workers 90% 90%, 1 steal");
  t.is(workersText(metrics(1000, [worker(0, 900, 2), worker(1, 900, 3)])), "  workers 90% 90%, 5 steals");
});

test("nothing on one thread", (t) => {
  t.is(workersText(metrics(1000, undefined)), "");
});
