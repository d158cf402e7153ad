// A vertex's colour: the worst subtask decides, and backpressure outranks business (the bottleneck is downstream).
import test from "ava";
import { maxBackPressureRatio, maxBusyRatio, vertexHealth } from "../../web/src/vertex-health.js";

test("ok, busy and backpressured by the worst subtask", (t) => {
  t.is(vertexHealth({ subtasks: [{ busyRatio: 0.1, ratio: 0 }, { busyRatio: 0.3, ratio: 0.2 }] }), "ok");
  t.is(vertexHealth({ subtasks: [{ busyRatio: 0.1 }, { busyRatio: 0.9 }] }), "busy");
  t.is(vertexHealth({ subtasks: [{ busyRatio: 0.9, ratio: 0 }, { busyRatio: 0.2, ratio: 0.7 }] }), "backpressured");
  t.is(vertexHealth({ subtasks: [{ busyRatio: 0.5, ratio: 0.5 }] }), "ok", "exactly half is not yet high");
});

test("without subtasks, the vertex-wide ratio decides backpressure (business is then unknown)", (t) => {
  t.is(vertexHealth({ ratio: 0.8, subtasks: [] }), "backpressured");
  t.is(vertexHealth({ ratio: 0.2, subtasks: [] }), "ok");
  t.is(maxBusyRatio({ ratio: 0.8, subtasks: [] }), null);
  t.is(maxBackPressureRatio({ ratio: 0.8, subtasks: [] }), 0.8);
});

test("nothing reported: unknown", (t) => {
  t.is(vertexHealth(undefined), "unknown");
  t.is(vertexHealth(null), "unknown");
  t.is(vertexHealth({ subtasks: [] }), "unknown");
  t.is(maxBusyRatio({ subtasks: [{ busyRatio: 0.25 }, {}, { busyRatio: 0.75 }] }), 0.75);
  t.is(maxBackPressureRatio({ subtasks: [{ ratio: 0.25 }, { ratio: 0.6 }] }), 0.6);
});
