// Eddy's machine learning library: Flink ML's Stage/Estimator/Model/Pipeline API over the runtime's streams, linear
// algebra on Float64Array, and the feature transformers. Importing it registers every stage for load().
export * from "./linalg/index.js";
export type { Row, RowMapper } from "./core/row.js";
export { Param, Params, ParamValidators, type ParamType, type ParamValidator } from "./core/param.js";
export { WithParams } from "./core/with-params.js";
export { Stage, loadStage } from "./core/stage.js";
export { AlgoOperator } from "./core/algo-operator.js";
export { Transformer } from "./core/transformer.js";
export { Estimator } from "./core/estimator.js";
export { Model } from "./core/model.js";
export { RowMapTransformer } from "./core/row-map-transformer.js";
export { RowMapModel } from "./core/row-map-model.js";
export { Pipeline } from "./core/pipeline.js";
export { PipelineModel } from "./core/pipeline-model.js";
export { PipelineModelServable, type RowServing } from "./core/servable.js";
export { registerStage } from "./core/stage-registry.js";
export type { BoundedAggregator } from "./core/bounded-aggregator.js";
export { aggregateBounded } from "./core/aggregate-bounded.js";
export { toJsonData, fromJsonData } from "./core/ml-json.js";
export * from "./core/shared-params.js";
// feature transformers
export { StandardScaler, StandardScalerModel, type StandardScalerModelData } from "./feature/standard-scaler.js";
// trainers (SGD and its losses, linear models)
export { SGD, type SgdParams } from "./common/optimizer/sgd.js";
export type { LabeledPoint } from "./common/optimizer/labeled-point.js";
export type { LossFunc } from "./common/lossfunc/loss-func.js";
export { BinaryLogisticLoss } from "./common/lossfunc/binary-logistic-loss.js";
export { HingeLoss } from "./common/lossfunc/hinge-loss.js";
export { LeastSquareLoss } from "./common/lossfunc/least-square-loss.js";
export type { LinearModelData } from "./common/linear-model-data.js";
export * from "./common/training-params.js";
export { LogisticRegression, LogisticRegressionModel, type LogisticRegressionModelData } from "./classification/logistic-regression.js";
export { LinearSVC, LinearSVCModel } from "./classification/linear-svc.js";
export { LinearRegression, LinearRegressionModel } from "./regression/linear-regression.js";
export { distanceMeasure, type DistanceMeasure } from "./common/distance/distance-measure.js";
export { KMeans, KMeansModel, type KMeansModelData } from "./clustering/kmeans.js";
export { NaiveBayes, NaiveBayesModel, type NaiveBayesModelData } from "./classification/naive-bayes.js";
export { Knn, KnnModel, type KnnModelData } from "./classification/knn.js";
export { BinaryClassificationEvaluator, binaryMetrics, type BinaryMetrics } from "./evaluation/binary-classification-evaluator.js";
export { type BinaryMetricName } from "./evaluation/binary-classification-evaluator-params.js";
export { ChiSqTest } from "./stats/chi-sq-test.js";
export { ANOVATest } from "./stats/anova-test.js";
export { FValueTest } from "./stats/f-value-test.js";
export { chiSquaredSurvival, fSurvival } from "./stats/distributions.js";
export { AgglomerativeClustering, type MergeInfo } from "./clustering/agglomerative-clustering.js";
export { type Linkage } from "./clustering/agglomerative-clustering-params.js";
export { Swing } from "./recommendation/swing.js";
