// Fuses every maximal run of forward-connected stateless operators (filter, map, extend, flatMap) into one chain
// node, which the emitter turns into one function of straight-line code. Records why each edge fused or not.
import { whyNotFuse } from "../plan/fusion-guards.js";
import { nodeById, type ChainNode } from "../plan/plan.js";
import { spliceOut } from "../plan/rewrite.js";
import { stepName } from "../ir/stateless.js";
import type { BackEndContext } from "./back-end-context.js";

export function fuseChains(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    let fused = true;
    while (fused) {
      fused = false;
      for (const edge of job.edges) {
        const reason = whyNotFuse(job, edge);
        if (reason !== null) continue;
        const up = nodeById(job, edge.from) as ChainNode;
        const down = nodeById(job, edge.to) as ChainNode;
        up.steps = [...up.steps, ...down.steps];
        up.outputType = down.outputType;
        spliceOut(job, down.id, up.id);
        fused = true;
        break;
      }
    }
    for (const node of job.nodes) {
      if (node.kind === "chain" && node.steps.length > 1) {
        job.notes.push({ kind: "fused", from: `[${node.id}] ${node.steps.length} operators`, to: "one function", reason: node.steps.map(stepName).join(" → ") });
      }
    }
  }
}

