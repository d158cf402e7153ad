// The newest completed checkpoint of a job's directory: the highest chk-<id> with its _metadata; one cut short (no
// _metadata) is never chosen, and a missing or empty directory has none.
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { latestCompletedCheckpoint } from "../../../../runtime/cluster/dispatcher/latest-checkpoint.js";

test("the highest completed chk-<id> (numerically), skipping one without _metadata", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-latest-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.is(latestCompletedCheckpoint(join(dir, "missing")), null);
  t.is(latestCompletedCheckpoint(dir), null);
  for (const [id, completed] of [[2, true], [10, true], [11, false]] as const) {
    mkdirSync(join(dir, `chk-${id}`));
    if (completed) writeFileSync(join(dir, `chk-${id}`, "_metadata"), "{}");
  }
  mkdirSync(join(dir, "shared"));
  t.is(latestCompletedCheckpoint(dir), join(dir, "chk-10"), "10 after 2 (not by name), 11 cut short");
});
