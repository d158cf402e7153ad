// `predict model("…")`: scores each record with a saved ml/ model, loaded once per subtask when the operator opens.
// The loader comes from the generated job (which imports eddy/ml), so this support module does not import ml/ and
// jobs that never predict do not bundle it.
import { existsSync, readFileSync } from "node:fs";
import type { Collector, RuntimeContext } from "../index.js";
import { fingerprintOf } from "../../compiler/types/model-signature.js";
import { readSavedModel } from "../../compiler/types/saved-model.js";

/** What `predict` needs of a servable: ml/'s PipelineModelServable.transformRow (null: a stage dropped the row). */
export interface RowScorer {
  transformRow(row: Record<string, unknown>): Record<string, unknown> | null;
}

export interface PredictSpec<IN, OUT> {
  /** The model directory, for messages. */
  readonly dir: string;
  /** `file.flow:line:col` of the `predict`, for messages. */
  readonly location: string;
  /** The columns the compiler checked the records against (model-signature.ts columnsFingerprint). */
  readonly columns: string;
  readonly load: () => Promise<RowScorer>;
  /** The record as the model reads it: `[float]` columns the model reads as vectors turned into vectors. */
  readonly toRow: (record: IN) => Record<string, unknown>;
  /** The output record: the input's fields and the model's added columns (vectors turned back into arrays). */
  readonly fromRow: (record: IN, scored: Record<string, unknown>) => OUT;
}

export interface PredictFunction<IN, OUT> {
  scorer: RowScorer | null;
  open(context: RuntimeContext): Promise<void>;
  flatMap(record: IN, out: Collector<OUT>): void;
}

export function predictFunction<IN, OUT>(spec: PredictSpec<IN, OUT>): PredictFunction<IN, OUT> {
  return {
    // why a field set in open: each subtask opens its own shallow copy of this object (copyForSubtask)
    scorer: null,
    async open() {
      // why: the model may have been saved again since the job was compiled; other columns would fail on some record
      const saved = readSavedModel({ readFile: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) }, spec.dir);
      if (saved.ok && fingerprintOf(saved.stages) !== spec.columns) {
        throw new Error(`predict at ${spec.location}: the model saved at '${spec.dir}' reads or adds other columns than when the job was compiled — compile the .flow file again against this model`);
      }
      try {
        this.scorer = await spec.load();
      } catch (e) {
        throw new Error(`predict at ${spec.location}: cannot load the model saved at '${spec.dir}': ${e instanceof Error ? e.message : String(e)} — the job reads the model when it starts; save it there again or recompile with the right path`, { cause: e });
      }
    },
    flatMap(record, out) {
      const scored = this.scorer!.transformRow(spec.toRow(record));
      if (scored !== null) out.collect(spec.fromRow(record, scored));
    },
  };
}

/**
 * A vector column as a plain array (what `.flow` calls `[float]`). Reads the vector's fields, not its methods: a dense
 * vector is `{ kind: "dense", values }`, a sparse one `{ kind: "sparse", n, indices, values }` (ml/linalg).
 */
export function vectorToArray(value: unknown): number[] {
  const v = value as { kind?: string; values?: ArrayLike<number>; n?: number; indices?: ArrayLike<number> };
  if (v?.kind === "dense") return Array.from(v.values!);
  if (v?.kind === "sparse") {
    const out = new Array<number>(v.n!).fill(0);
    for (let p = 0; p < v.indices!.length; p++) out[v.indices![p]!] = v.values![p]!;
    return out;
  }
  throw new Error(`predict: expected a vector from the model, got ${JSON.stringify(value)}`);
}
