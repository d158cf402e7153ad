// The second half of Swing, keyed by item (Flink ML's ComputingSimilarItems): for each main item, every pair of its
// purchasers u, v adds w_u · w_v / (alpha2 + |I_u ∩ I_v|) to each other item both bought, with
// w_u = (alpha1 + |I_u|)^(−beta) (Yang et al., "Large Scale Product Graph Construction for Recommendation in
// E-commerce", 2020). An item with more than maxUserNumPerItem purchasers keeps a seeded reservoir sample of them.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import type { Row } from "../../core/row.js";
import type { UserPurchase } from "./collect-user-behavior.js";

export interface SwingSettings {
  readonly itemCol: string;
  readonly outputCol: string;
  readonly k: number;
  readonly maxUserNumPerItem: number;
  readonly alpha1: number;
  readonly alpha2: number;
  readonly beta: number;
  readonly seed: number;
}

export class ComputeSimilarItems extends AbstractStreamOperator<Row> {
  private readonly itemsOfUser = new Map<number, Float64Array>();
  /** Per item: how many purchasers arrived, and the (sampled) purchasers. */
  private readonly purchasers = new Map<number, { seen: number; users: number[] }>();
  private random!: () => number;

  constructor(
    name: string,
    private readonly s: SwingSettings,
  ) {
    super(name);
  }

  override open(): void {
    this.random = mulberry32(this.s.seed ^ this.ctx.subtaskIndex);
  }

  processBatch(batch: RecordBatch<any>): void {
    const max = this.s.maxUserNumPerItem;
    for (let i = 0; i < batch.length; i++) {
      const { user, item, items } = batch.values[i] as UserPurchase;
      if (!this.itemsOfUser.has(user)) this.itemsOfUser.set(user, items);
      let p = this.purchasers.get(item);
      if (p === undefined) this.purchasers.set(item, (p = { seen: 0, users: [] }));
      p.seen++;
      if (p.users.length < max) p.users.push(user);
      else {
        // reservoir sampling (Algorithm R): the n-th purchaser replaces a random one with probability max / n
        const index = Math.floor(this.random() * p.seen);
        if (index < max) p.users[index] = user;
      }
    }
  }

  override endInput(): void {
    const { alpha1, alpha2, beta, k, itemCol, outputCol } = this.s;
    const weight = new Map<number, number>();
    for (const [user, items] of this.itemsOfUser) weight.set(user, 1 / Math.pow(alpha1 + items.length, beta));
    const common = new Float64Array(this.maxItems());
    const items = [...this.purchasers.keys()].sort((a, b) => a - b);
    for (const mainItem of items) {
      const users = this.purchasers.get(mainItem)!.users;
      const scores = new Map<number, number>();
      for (let i = 0; i < users.length; i++) {
        const u = users[i]!;
        for (let j = i + 1; j < users.length; j++) {
          const v = users[j]!;
          const n = intersect(this.itemsOfUser.get(u)!, this.itemsOfUser.get(v)!, common);
          if (n === 0) continue;
          const similarity = (weight.get(u)! * weight.get(v)!) / (alpha2 + n);
          for (let c = 0; c < n; c++) {
            const other = common[c]!;
            if (other !== mainItem) scores.set(other, (scores.get(other) ?? 0) + similarity);
          }
        }
      }
      if (scores.size === 0) continue;
      // best first; equal scores by ascending item (Flink ML leaves their order to a hash map)
      const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
      this.output.collect({ [itemCol]: mainItem, [outputCol]: ranked.map(([item, score]) => `${item},${javaDouble(score)}`).join(";") }, NO_TIMESTAMP);
    }
  }

  private maxItems(): number {
    let max = 0;
    for (const items of this.itemsOfUser.values()) if (items.length > max) max = items.length;
    return max;
  }
}

/** The common values of two ascending arrays, written to `out`; returns how many. */
function intersect(a: Float64Array, b: Float64Array, out: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out[n++] = a[i]!;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A double as Java's Double.toString writes it (Flink ML's output strings): "1.0", "0.25", "1.5E-4". */
export function javaDouble(x: number): string {
  const abs = Math.abs(x);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) {
    const s = String(x);
    return s.includes(".") || s.includes("e") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}
