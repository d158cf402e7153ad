// A brute-force CEP oracle written from Flink's documented semantics, sharing no code with cep/nfa: it
// enumerates assignments of events to stages, checks contiguity / quantifier / until / within rules,
// then replays emission with the skip strategy in Flink's order (by start event, then arrival order).
//
// Rules (Flink CEP docs, and Flink's NFA where the docs are silent):
// - take: an event of stage s satisfies s's condition, evaluated against the events assigned so far,
//   and not s's until condition (looping stages);
// - inside a stage, skipped events must be skippable by its inner contiguity: consecutive → none,
//   default → events not matching s (nor until), allowCombinations → any event not matching until;
// - between stages, skipped events are skipped by the *entered* stage t: next → none, followedBy →
//   events not matching t, followedByAny → any; stages in between must be optional and the left
//   stage must have reached its minimum (a run that skipped inside a loop cannot leave it: Flink's
//   loop "ignore" state has no proceed edge);
// - within w: the last event is less than w after the first (time is advanced before each event).
// A partial match is alive while the events after its last event can be skipped in one of those ways.

export type Contiguity = "strict" | "relaxed" | "any";

export interface NaiveStage<E> {
  readonly name: string;
  readonly cond: (e: E, taken: (stage: string) => E[]) => boolean;
  readonly until?: (e: E, taken: (stage: string) => E[]) => boolean;
  /** Contiguity with the previous stage (ignored for the first one). */
  readonly contiguity: Contiguity;
  readonly inner: Contiguity;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
}

export type NaiveSkip = { kind: "noSkip" | "skipToNext" | "skipPastLastEvent" } | { kind: "skipToFirst" | "skipToLast"; stage: string };

export interface NaiveResult {
  /** Matches in emission order, each as `stage:index` items in order. */
  readonly matches: string[];
  /** Timed-out partial matches as `items@timestamp`, deduplicated. */
  readonly timeouts: string[];
}

type Item = readonly [index: number, stage: number];

export function naiveMatch<E>(stages: NaiveStage<E>[], events: E[], ts: number[], window: number, skip: NaiveSkip, endTime: number): NaiveResult {
  const S = stages.length;
  const prefixes: Item[][] = [];
  const takenOf = (p: readonly Item[]) => (name: string) => p.filter(([, s]) => stages[s]!.name === name).map(([i]) => events[i]!);
  const count = (p: readonly Item[], s: number) => p.filter(([, x]) => x === s).length;
  const inWindow = (p: readonly Item[], i: number) => window <= 0 || ts[i]! - ts[p[0]![0]]! < window;
  const skippableInner = (p: readonly Item[], s: number, x: number): boolean => {
    const st = stages[s]!;
    const e = events[x]!;
    if (st.until?.(e, takenOf(p))) return false;
    if (st.inner === "strict") return false;
    return st.inner === "any" || !st.cond(e, takenOf(p));
  };
  const skippableOuter = (p: readonly Item[], t: number, x: number): boolean => {
    const st = stages[t]!;
    if (st.contiguity === "strict") return false;
    return st.contiguity === "any" || !st.cond(events[x]!, takenOf(p));
  };
  const optionalBetween = (a: number, b: number) => stages.slice(a + 1, b).every((st) => st.optional);
  const takes = (p: readonly Item[], t: number, x: number) => {
    const st = stages[t]!;
    return st.cond(events[x]!, takenOf(p)) && !(st.until?.(events[x]!, takenOf(p)) ?? false);
  };

  // 1. Every valid prefix, by depth-first extension.
  const extend = (p: Item[]): void => {
    prefixes.push(p);
    const [j, s] = p[p.length - 1]!;
    const c = count(p, s);
    for (let x = j + 1; x < events.length; x++) {
      if (!inWindow(p, x)) break;
      const gap = range(j + 1, x);
      if (c < stages[s]!.max && gap.every((g) => skippableInner(p, s, g)) && takes(p, s, x)) extend([...p, [x, s]]);
      if (c >= stages[s]!.min) {
        for (let t = s + 1; t < S; t++) {
          if (!optionalBetween(s, t)) break;
          if (gap.every((g) => skippableOuter(p, t, g)) && takes(p, t, x)) extend([...p, [x, t]]);
        }
      }
    }
  };
  for (let x = 0; x < events.length; x++) {
    for (let t = 0; t < S; t++) {
      if (!optionalBetween(-1, t)) break;
      if (takes([], t, x)) extend([[x, t]]);
    }
  }

  // 2. When each prefix completes, and until which event it stays alive as a partial match.
  const isMatch = (p: readonly Item[]) => {
    const [, s] = p[p.length - 1]!;
    return count(p, s) >= stages[s]!.min && optionalBetween(s, S);
  };
  const aliveUntil = (p: readonly Item[]): number => {
    const [j, s] = p[p.length - 1]!;
    const c = count(p, s);
    if (s === S - 1 && c === stages[s]!.max) return j - 1; // its take leads straight to the final state
    let k = j;
    for (let x = j + 1; x < events.length; x++) {
      const gap = range(j + 1, x + 1);
      const inner = c < stages[s]!.max && gap.every((g) => skippableInner(p, s, g));
      let outer = false;
      if (c >= stages[s]!.min) {
        for (let t = s + 1; t < S && !outer; t++) {
          if (!optionalBetween(s, t)) break;
          outer = gap.every((g) => skippableOuter(p, t, g));
        }
      }
      if (!inner && !outer) break;
      k = x;
    }
    return k;
  };
  const info = prefixes.map((p) => ({ p, start: p[0]![0], last: p[p.length - 1]![0], match: isMatch(p), alive: aliveUntil(p), dead: false }));

  // 3. Replay time: advance, then process each event; emit per the skip strategy.
  const matches: string[] = [];
  const timeouts = new Set<string>();
  const prunes: number[] = [];
  const pruned = (start: number) =>
    prunes.some((key) => (skip.kind === "skipToFirst" || skip.kind === "skipToLast" ? start < key : start <= key));
  let completed: typeof info = [];
  const key = (p: readonly Item[]) => p.map(([i, s]) => `${stages[s]!.name}:${i}`).join(" ");
  const lexi = (a: readonly Item[], b: readonly Item[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i]![0] !== b[i]![0]) return a[i]![0] - b[i]![0];
    return a.length - b.length;
  };
  const emit = (step: number) => {
    completed = completed.filter((c) => !pruned(c.start));
    completed.sort((a, b) => a.start - b.start || lexi(a.p, b.p));
    while (completed.length > 0) {
      const m = completed[0]!;
      if (skip.kind !== "noSkip") {
        const partials = info.filter((q) => !q.dead && !pruned(q.start) && q.last <= step && step <= q.alive);
        if (partials.some((q) => q.start < m.start)) break;
      }
      completed.shift();
      matches.push(key(m.p));
      const pk = pruningIndex(m.p);
      if (pk !== undefined) {
        prunes.push(pk);
        completed = completed.filter((c) => !pruned(c.start));
      }
    }
  };
  const pruningIndex = (p: readonly Item[]): number | undefined => {
    switch (skip.kind) {
      case "noSkip":
        return undefined;
      case "skipToNext":
        return p[0]![0];
      case "skipPastLastEvent":
        return p[p.length - 1]![0];
      default: {
        const of = p.filter(([, s]) => stages[s]!.name === skip.stage);
        if (of.length === 0) return undefined;
        return skip.kind === "skipToFirst" ? of[0]![0] : of[of.length - 1]![0];
      }
    }
  };
  const advance = (time: number, step: number) => {
    if (window > 0) {
      for (const q of info) {
        if (q.dead || pruned(q.start) || q.last > step || step > q.alive) continue;
        if (time - ts[q.start]! >= window) {
          q.dead = true;
          timeouts.add(`${key(q.p)}@${ts[q.start]! + window}`);
        }
      }
    }
    emit(step);
  };
  for (let k = 0; k < events.length; k++) {
    advance(ts[k]!, k - 1);
    for (const q of info) if (q.last === k && q.match && !q.dead && !pruned(q.start)) completed.push(q);
    emit(k);
  }
  advance(endTime, events.length - 1);
  return { matches, timeouts: [...timeouts].sort() };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
