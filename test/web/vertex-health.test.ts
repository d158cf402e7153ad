// A vertex's colour: the worst subtask decides, and backpressure outranks business (the bottleneck is downstream).
import test from "ava";
import { maxBusyRatio, vertexHealth } from "../../web/src/vertex-health.js";

test("idle, busy and backpressured by the worst subtask", (t) => {
  t.is(vertexHealth([{ busyRatio: 0.1, ratio: 0 }, { busyRatio: 0.3, ratio: 0.2 }]), "idle");
  t.is(vertexHealth([{ busyRatio: 0.1 }, { busyRatio: 0.9 }]), "busy");
  t.is(vertexHealth([{ busyRatio: 0.9, ratio: 0 }, { busyRatio: 0.2, ratio: 0.7 }]), "backpressured");
  t.is(vertexHealth([{ busyRatio: 0.5, ratio: 0.5 }]), "idle", "exactly half is not yet high");
});

test("no subtasks reported: unknown", (t) => {
  t.is(vertexHealth(undefined), "unknown");
  t.is(vertexHealth([]), "unknown");
  t.is(maxBusyRatio([]), null);
  t.is(maxBusyRatio([{ busyRatio: 0.25 }, {}, { busyRatio: 0.75 }]), 0.75);
});
