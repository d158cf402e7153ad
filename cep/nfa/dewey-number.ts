// Dewey version numbers that tell apart the runs sharing a buffer node (SASE, Agrawal et al. 2008; Flink's DeweyNumber).
// Versions are immutable number arrays; `increase`/`addStage` return new arrays (or the same one for +0).

export type DeweyNumber = readonly number[];

export const START_VERSION: DeweyNumber = [1];

export function increase(v: DeweyNumber, times: number): DeweyNumber {
  if (times === 0) return v;
  const out = v.slice();
  out[out.length - 1]! += times;
  return out;
}

export function addStage(v: DeweyNumber): DeweyNumber {
  return increaseAndAddStage(v, 0);
}

/**
 * addStage(increase(v, times)) in one exact-size array. why: `slice()` then `push` grows the
 * backing store to 17+ slots; versions are created per take, so the literal forms below cut the
 * bytes allocated per taken event (see the commit introducing them for the figures).
 */
export function increaseAndAddStage(v: DeweyNumber, times: number): DeweyNumber {
  switch (v.length) {
    case 1:
      return [v[0]! + times, 0];
    case 2:
      return [v[0]!, v[1]! + times, 0];
    case 3:
      return [v[0]!, v[1]!, v[2]! + times, 0];
    case 4:
      return [v[0]!, v[1]!, v[2]!, v[3]! + times, 0];
    default: {
      const out = v.slice();
      out[out.length - 1]! += times;
      out.push(0);
      return out;
    }
  }
}

/**
 * Whether a run with version `v` may follow a buffer edge stamped `edge`: `edge` is a prefix of
 * `v`, or they have the same length, equal leading digits and v's last digit ≥ edge's.
 */
export function isCompatibleWith(v: DeweyNumber, edge: DeweyNumber): boolean {
  const n = edge.length;
  if (v.length > n) {
    for (let i = 0; i < n; i++) if (v[i] !== edge[i]) return false;
    return true;
  }
  if (v.length === n) {
    const last = n - 1;
    for (let i = 0; i < last; i++) if (v[i] !== edge[i]) return false;
    return v[last]! >= edge[last]!;
  }
  return false;
}
