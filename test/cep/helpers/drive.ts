// Test helper: drives a compiled pattern the way Flink's NFA tests do (advance time, then process) and formats matches.
import { compilePattern, type Match, type Matcher, type Pattern } from "../../../cep/index.js";

export interface Ev {
  readonly id: string;
  readonly ts?: number;
}

/** `ev("a1 b c2")` → events named a1, b, c2 at timestamps 1, 2, 3. */
export function evs(spec: string): Ev[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((id, i) => ({ id, ts: i + 1 }));
}

/** The stage letter of an event: `b2` → `b`. */
export const is =
  (letter: string) =>
  (e: Ev): boolean =>
    e.id.replace(/[0-9]+$/, "") === letter;

export interface Run<T> {
  readonly matches: Match<T>[];
  readonly timeouts: Array<{ match: Match<T>; timestamp: number }>;
  readonly matcher: Matcher<T>;
}

/** Feeds `events` (timestamp = `ts` or position), then optionally advances time to `endTime`. */
export function drive<T extends Ev>(pattern: Pattern<T>, events: T[], opts: { endTime?: number; timeoutHandling?: boolean } = {}): Run<T> {
  const compiled = compilePattern(pattern, { timeoutHandling: opts.timeoutHandling ?? true });
  const matcher = compiled.newMatcher();
  const matches: Match<T>[] = [];
  const timeouts: Array<{ match: Match<T>; timestamp: number }> = [];
  events.forEach((e, i) => {
    const ts = e.ts ?? i + 1;
    const adv = matcher.advanceTime(ts);
    matches.push(...adv.matches);
    timeouts.push(...adv.timeouts);
    matches.push(...matcher.process(e, ts));
  });
  if (opts.endTime !== undefined) {
    const adv = matcher.advanceTime(opts.endTime);
    matches.push(...adv.matches);
    timeouts.push(...adv.timeouts);
  }
  return { matches, timeouts, matcher };
}

/** A match as `a1 b1 c` (events in stage order), or with stages: `start:a1 middle:b1`. */
export function show<T extends Ev>(m: Match<T>, withStages = false): string {
  const parts: string[] = [];
  for (const [stage, events] of m) for (const e of events) parts.push(withStages ? `${stage}:${e.id}` : e.id);
  return parts.join(" ");
}

export const showAll = <T extends Ev>(ms: Match<T>[], withStages = false): string[] => ms.map((m) => show(m, withStages));
export const sorted = (xs: string[]): string[] => [...xs].sort();
