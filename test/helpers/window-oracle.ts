// Test oracle: a brute-force simulation of Flink's event-time windowing (EventTimeTrigger, allowed
// lateness, late side output) for sum + count per key and window, written independently of the
// engine's window code: plain loops over plain objects, no interning, no timers.

export interface Rec {
  readonly key: string;
  readonly value: number;
  readonly ts: number;
}

export interface WindowResult {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly sum: number;
  readonly count: number;
}

export type OracleWindows =
  | { readonly kind: "tumbling"; readonly size: number; readonly offset: number }
  | { readonly kind: "sliding"; readonly size: number; readonly slide: number }
  | { readonly kind: "session"; readonly gap: number };

export interface OracleInput {
  readonly records: readonly Rec[];
  readonly windows: OracleWindows;
  /** Bounded out-of-orderness of the source's watermarks. */
  readonly delay: number;
  readonly allowedLateness: number;
  /** The source emits a watermark after every `batchSize` records. */
  readonly batchSize: number;
}

export interface OracleOutput {
  /** Every firing: on-time ones and every late re-firing. */
  readonly results: WindowResult[];
  /** Records that no window accepted any more. */
  readonly late: Rec[];
}

interface Win {
  start: number;
  end: number;
  sum: number;
  count: number;
  /** Whether a trigger timer at end − 1 is pending. */
  timer: boolean;
}

/** The window starts containing `t` for windows of `size` every `slide` starting at `offset` (mod slide). */
function alignedStarts(t: number, size: number, slide: number, offset: number): number[] {
  // smallest start s ≡ offset (mod slide) with s > t − size, then every slide up to t
  const mod = (a: number, m: number): number => ((a % m) + m) % m;
  let s = t - mod(t - offset, slide); // largest start ≤ t
  const starts: number[] = [];
  for (; s > t - size; s -= slide) starts.push(s);
  return starts;
}

export function simulateWindows(input: OracleInput): OracleOutput {
  const { records, windows, delay, allowedLateness: lateness, batchSize } = input;
  const results: WindowResult[] = [];
  const late: Rec[] = [];
  const state = new Map<string, Win[]>(); // per key: live windows
  let watermark = Number.NEGATIVE_INFINITY;
  let maxTs = Number.NEGATIVE_INFINITY;

  const emit = (key: string, w: Win) => results.push({ key, start: w.start, end: w.end, sum: w.sum, count: w.count });
  const live = (key: string): Win[] => {
    let ws = state.get(key);
    if (ws === undefined) state.set(key, (ws = []));
    return ws;
  };

  const processRecord = (r: Rec) => {
    const ws = live(r.key);
    let accepted = false;
    if (windows.kind !== "session") {
      const slide = windows.kind === "tumbling" ? windows.size : windows.slide;
      const offset = windows.kind === "tumbling" ? windows.offset : 0;
      for (const start of alignedStarts(r.ts, windows.size, slide, offset)) {
        const end = start + windows.size;
        if (end - 1 + lateness <= watermark) continue; // the window is gone (or would be created late)
        accepted = true;
        let w = ws.find((x) => x.start === start && x.end === end);
        if (w === undefined) ws.push((w = { start, end, sum: 0, count: 0, timer: false }));
        w.sum += r.value;
        w.count++;
        if (end - 1 <= watermark) emit(r.key, w); // late firing
        else w.timer = true;
      }
    } else {
      let start = r.ts;
      let end = r.ts + windows.gap;
      const exact = ws.find((x) => x.start === start && x.end === end);
      let target: Win;
      if (exact !== undefined) target = exact;
      else {
        // grow the new session over every live session it touches, transitively
        const absorbed: Win[] = [];
        for (let changed = true; changed; ) {
          changed = false;
          for (const x of ws) {
            if (absorbed.includes(x) || !(x.start <= end && x.end >= start)) continue;
            absorbed.push(x);
            start = Math.min(start, x.start);
            end = Math.max(end, x.end);
            changed = true;
          }
        }
        if (absorbed.length === 0) {
          if (end - 1 + lateness <= watermark) {
            if (r.ts + lateness <= watermark) late.push(r);
            return;
          }
          target = { start, end, sum: 0, count: 0, timer: false };
        } else {
          target = { start, end, sum: 0, count: 0, timer: end - 1 > watermark };
          for (const x of absorbed) {
            target.sum += x.sum;
            target.count += x.count;
          }
          for (const x of absorbed) ws.splice(ws.indexOf(x), 1);
        }
        ws.push(target);
      }
      accepted = true;
      target.sum += r.value;
      target.count++;
      if (target.end - 1 <= watermark) emit(r.key, target);
      else target.timer = true;
    }
    if (!accepted && r.ts + lateness <= watermark) late.push(r);
  };

  const advance = (to: number) => {
    if (to <= watermark) return;
    watermark = to;
    for (const [key, ws] of state) {
      for (const w of [...ws]) {
        if (w.timer && w.end - 1 <= to) {
          emit(key, w);
          w.timer = false;
        }
        if (w.end - 1 + lateness <= to) ws.splice(ws.indexOf(w), 1);
      }
    }
  };

  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize);
    for (const r of batch) {
      processRecord(r);
      if (r.ts > maxTs) maxTs = r.ts;
    }
    advance(maxTs - delay - 1);
  }
  advance(Number.POSITIVE_INFINITY);
  return { results, late };
}
