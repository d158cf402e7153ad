// Records, for the fusion report of `eddy explain`, why each remaining edge between two operators did not fuse.
import { whyNotFuse } from "../plan/fusion-guards.js";
import { describeNode } from "../plan/print-plan.js";
import { nodeById } from "../plan/plan.js";
import type { BackEndContext } from "./back-end-context.js";

export function reportFusion(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    const label = (id: number) => `[${id}] ${describeNode(nodeById(job, id))[0] ?? ""}`;
    for (const edge of job.edges) {
      const reason = whyNotFuse(job, edge);
      if (reason !== null && reason !== "") job.notes.push({ kind: "break", from: label(edge.from), to: label(edge.to), reason });
    }
  }
}
