// Shared checks for the generator tests: degrees, the edge set as "u>v" strings, and symmetry.
import type { EdgeList } from "../../../gelly/generator/edge-list.js";

export function degrees(g: EdgeList): { out: number[]; in: number[] } {
  const out = new Array<number>(g.vertexCount).fill(0);
  const inn = new Array<number>(g.vertexCount).fill(0);
  for (let i = 0; i < g.sources.length; i++) {
    out[g.sources[i]!]!++;
    inn[g.targets[i]!]!++;
  }
  return { out, in: inn };
}

export function edgeSet(g: EdgeList): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < g.sources.length; i++) s.add(`${g.sources[i]}>${g.targets[i]}`);
  return s;
}

/** True when every edge's reverse is also an edge (the generator is undirected). */
export function isSymmetric(g: EdgeList): boolean {
  const s = edgeSet(g);
  for (let i = 0; i < g.sources.length; i++) if (!s.has(`${g.targets[i]}>${g.sources[i]}`)) return false;
  return true;
}

export function hasSelfLoop(g: EdgeList): boolean {
  for (let i = 0; i < g.sources.length; i++) if (g.sources[i] === g.targets[i]) return true;
  return false;
}
