// A program that trains both online learners and scores with each: the shape test (test/compiler/emit/train-code.test.ts)
// and the strict type check (test/integration/compiler/train-code.test.ts) compile it.
export const TRAIN_PROGRAM = `schema Click { user: string, a: float, b: int, xy: [float], w: float, clicked: int, ts: timestamp }
source clicks: Click = collection([]) watermark ts delay 0s
sink versions = collect()
sink centres = collect()
sink scored = collect()
sink grouped = collect()
job j {
  let lr = clicks | train OnlineLogisticRegression(features: [a, b], label: clicked, weight: w, batch: 10, reg: 0.1, elasticNet: 0.5)
  let km = clicks | train OnlineKMeans(features: xy, initial: [[0.0, 0.0], [1.0, 1.0]], decayFactor: 0.9)
  lr | to versions
  km | to centres
  clicks | predict latest(lr) | map { user, prediction, p: rawPrediction[1] ?? 0.0, modelVersion } | to scored
  clicks | predict latest(km) | map { user, cluster: prediction } | to grouped
}
`;
