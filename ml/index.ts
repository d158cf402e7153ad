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
export { MinMaxScaler, MinMaxScalerModel, type MinMaxScalerModelData } from "./feature/min-max-scaler.js";
export { MaxAbsScaler, MaxAbsScalerModel, type MaxAbsScalerModelData } from "./feature/max-abs-scaler.js";
export { Normalizer } from "./feature/normalizer.js";
export { Binarizer } from "./feature/binarizer.js";
export { DCT } from "./feature/dct.js";
export { ElementwiseProduct } from "./feature/elementwise-product.js";
export { VectorSlicer } from "./feature/vector-slicer.js";
export { PolynomialExpansion } from "./feature/polynomial-expansion.js";
export { IDF, IDFModel, type IDFModelData } from "./feature/idf.js";
export { VarianceThresholdSelector, VarianceThresholdSelectorModel, type VarianceThresholdSelectorModelData } from "./feature/variance-threshold-selector.js";
export { OneHotEncoder, OneHotEncoderModel, type OneHotEncoderModelData } from "./feature/one-hot-encoder.js";
// online learning on unbounded streams
export { OnlineWindows } from "./online/online-windows.js";
export { OnlineModel, OnlineModelServable } from "./online/online-model.js";
export type { MiniBatchChunk } from "./online/mini-batch.js";
export { OnlineStandardScaler, OnlineStandardScalerModel, type OnlineStandardScalerModelData } from "./online/online-standard-scaler.js";
export { OnlineKMeans, OnlineKMeansModel } from "./online/online-kmeans.js";
export type { KMeansModelData as OnlineKMeansModelData } from "./online/kmeans-learner.js";
export { OnlineLogisticRegression, OnlineLogisticRegressionModel } from "./online/online-logistic-regression.js";
export type { LogisticRegressionModelData as OnlineLogisticRegressionModelData } from "./online/ftrl-learner.js";
