// "Did you mean …?": the known name closest to a misspelt one, by edit distance.

/** The candidate within edit distance 2 (case-insensitive), if any; the first of equally close ones. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The hint for a diagnostic extra: `did you mean \`x\`?`, or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): { hint: string } | Record<string, never> {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? {} : { hint: `did you mean \`${suggestion}\`?` };
}

/** Levenshtein distance, O(|a|·|b|) time and O(|b|) space. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}
