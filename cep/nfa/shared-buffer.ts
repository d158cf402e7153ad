// The versioned shared buffer: partial matches share events through reference-counted nodes (SASE, Agrawal et al. 2008; Flink's SharedBuffer).
import type { EventKey } from "../after-match/skip-strategy.js";
import { isCompatibleWith, type DeweyNumber } from "./dewey-number.js";

/** An event held by the buffer; alive while a node references it. */
export class BufferedEvent<T> implements EventKey {
  /** Nodes referencing this event (at most one per stage) plus the hold while it is being processed. */
  refs = 0;
  /** The event's nodes, one per stage that took it, linked through BufferNode.nextOfEvent (no array per event). */
  firstNode: BufferNode<T> | null = null;
  constructor(
    readonly event: T,
    readonly ts: number,
    readonly seq: number,
  ) {}
}

export interface BufferEdge<T> {
  /** The previous event of the run, or null at the first event. */
  readonly target: BufferNode<T> | null;
  readonly version: DeweyNumber;
  /** Runs and later edges whose version is compatible with this edge; at 0 the edge is dropped. */
  refs: number;
}

/** An event as taken by one stage; edges point back to the previous event of each run through it. */
export class BufferNode<T> {
  /** Computation states pointing here plus edges of later nodes pointing here. */
  refs = 0;
  /** The next node of the same event (another stage took it too). */
  nextOfEvent: BufferNode<T> | null = null;
  constructor(
    readonly event: BufferedEvent<T>,
    readonly stage: string,
    /** Created with the first edge: `[edge]` is exact-size, `[]` then push would reserve 17 slots. */
    readonly edges: BufferEdge<T>[],
  ) {}
}

// Scratch stacks of release(): it is not re-entrant, so one pair serves every buffer.
const releaseNodes: BufferNode<any>[] = [];
const releaseVersions: DeweyNumber[] = [];

/** Removes the element at `i`, keeping order. why: splice allocates an array for the removed element. */
function removeAt<X>(xs: X[], i: number): void {
  const last = xs.length - 1;
  for (let k = i; k < last; k++) xs[k] = xs[k + 1]!;
  xs.pop();
}

/**
 * Costs: put/lock O(edges of the node); release O(edges visited); extraction O(path × branching).
 * Nodes and edges are reference counted as in Flink ≥ 1.16: a run locks its node and the node's
 * edges compatible with its version. Releasing drops those edge locks; an edge reaching 0 is
 * removed and releases its target. Without edge counts, a node shared by a young run would keep
 * every edge of long-dead runs, and through them their events, alive for as long as input flows.
 */
export class SharedBuffer<T> {
  eventCount = 0;
  nodeCount = 0;
  nextSeq = 0;

  register(event: T, ts: number): BufferedEvent<T> {
    const e = new BufferedEvent(event, ts, this.nextSeq++);
    e.refs = 1;
    this.eventCount++;
    return e;
  }

  releaseEvent(e: BufferedEvent<T>): void {
    if (--e.refs === 0) this.eventCount--;
  }

  /** Adds `event` taken by `stage` after `previous` for the run with `version` (Flink's SharedBufferAccessor.put). */
  put(stage: string, event: BufferedEvent<T>, previous: BufferNode<T> | null, version: DeweyNumber): BufferNode<T> {
    if (previous !== null) this.lock(previous, version);
    const edge: BufferEdge<T> = { target: previous, version, refs: 0 };
    for (let n = event.firstNode; n !== null; n = n.nextOfEvent) {
      if (n.stage === stage) {
        n.edges.push(edge);
        return n;
      }
    }
    const node = new BufferNode(event, stage, [edge]);
    node.nextOfEvent = event.firstNode;
    event.firstNode = node;
    event.refs++;
    this.nodeCount++;
    return node;
  }

  lock(node: BufferNode<T>, version: DeweyNumber): void {
    node.refs++;
    const edges = node.edges;
    for (let i = 0; i < edges.length; i++) if (isCompatibleWith(version, edges[i]!.version)) edges[i]!.refs++;
  }

  /** Drops the lock of a run with `version`; frees edges, nodes and events no longer referenced. */
  release(node: BufferNode<T>, version: DeweyNumber): void {
    const nodes = releaseNodes as BufferNode<T>[];
    const versions = releaseVersions;
    let depth = 0;
    nodes[depth] = node;
    versions[depth++] = version;
    while (depth > 0) {
      const current = nodes[--depth]!;
      const v = versions[depth]!;
      nodes[depth] = undefined as unknown as BufferNode<T>; // why: the shared stack must not keep nodes alive
      versions[depth] = undefined as unknown as DeweyNumber;
      const edges = current.edges;
      for (let i = 0; i < edges.length; i++) {
        const edge = edges[i]!;
        if (!isCompatibleWith(v, edge.version)) continue;
        if (--edge.refs === 0) {
          removeAt(edges, i--);
          if (edge.target !== null) {
            nodes[depth] = edge.target;
            versions[depth++] = edge.version;
          }
        }
      }
      if (--current.refs === 0) {
        this.nodeCount--;
        const ev = current.event;
        if (ev.firstNode === current) ev.firstNode = current.nextOfEvent;
        else {
          let n = ev.firstNode!;
          while (n.nextOfEvent !== current) n = n.nextOfEvent!;
          n.nextOfEvent = current.nextOfEvent;
        }
        this.releaseEvent(ev);
      }
    }
  }

  /**
   * All event paths (first event → `node`) compatible with `version`: a depth-first walk that only
   * follows edges whose version is compatible (Flink's SharedBufferAccessor.extractPatterns).
   */
  extractPaths(node: BufferNode<T>, version: DeweyNumber): BufferNode<T>[][] {
    const result: BufferNode<T>[][] = [];
    const stack: Array<{ node: BufferNode<T> | null; version: DeweyNumber; path: BufferNode<T>[] }> = [{ node, version, path: [] }];
    while (stack.length > 0) {
      const { node: n, version: v, path } = stack.pop()!;
      if (n === null) {
        result.push(path.reverse());
        continue;
      }
      path.push(n);
      let first = true;
      for (const edge of n.edges) {
        if (!isCompatibleWith(v, edge.version)) continue;
        stack.push({ node: edge.target, version: edge.version, path: first ? path : path.slice() });
        first = false;
      }
    }
    return result;
  }
}
