// ml/'s operators in the plan: `predict model("dir")`, `train Learner(…)` and `predict latest(m)`, with what the
// checker resolved (the saved model's signature, the learner's checked settings) — nothing left to read from syntax.
import type { Span } from "../ast/span.js";
import type { ModelSignature, PredictScoring } from "../types/model-signature.js";
import type { TrainingSpec } from "../types/online-learners.js";

export interface IrPredict {
  readonly kind: "predict";
  readonly span: Span;
  /** As written: relative to the .flow file. */
  readonly path: string;
  readonly model: ModelSignature | null;
  readonly scoring: PredictScoring | null;
}

export interface IrTrain {
  readonly kind: "train";
  readonly span: Span;
  readonly learner: string;
  /** The settings as written (`features: [a, b]`, `batch: 12`), for plans; the checked ones are in `training`. */
  readonly written: readonly string[];
  readonly training: TrainingSpec | null;
}

export interface IrPredictLatest {
  readonly kind: "predictLatest";
  readonly span: Span;
  /** The stream of model versions (a `train`'s output) scoring the records. */
  readonly stream: string;
  readonly training: TrainingSpec | null;
}
