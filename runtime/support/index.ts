// Helpers that generated jobs import besides the runtime's public API: fused-operator bases, connectors with dead
// letters, the interpreter of `--no-fuse`, and the job handle behind the typed factories.
export * from "./builtins.js";
export { FusedChainOperator, type ChainFunction } from "./chain-operator.js";
export { UdfFailure, udfFailure, withRecord } from "./udf-failure.js";
export { EventTimeFiringsTrigger, type EventTimeFirings } from "./event-time-firings-trigger.js";
export { TumblingAggregateOperator } from "./tumbling-aggregate.js";
export { RunningAggregateOperator } from "./running-aggregate.js";
export { FileSource, type FileSourceOptions } from "./file-source.js";
export { socketSource } from "./socket-source.js";
export { retractingAggregate } from "./retracting-aggregate.js";
export { comparatorOf, retractingTopN, runningTopN, type OrderKey } from "./running-top.js";
export { nexmarkEvents, nexmarkView, NexmarkViewOperator } from "./nexmark-source.js";
export { generatorSource, generateRecord, type GeneratorOptions } from "./generator-source.js";
export { datagenSource, type DatagenField, type DatagenOptions } from "./datagen-source.js";
export { discardSink, stdoutSink, fileSink, formatLine, type FileSinkSpec } from "./sinks.js";
export { partFilesOf } from "../../formats/input-files.js";
export { CsvRowReader, splitCsvFields } from "./csv-rows.js";
export { postgresSink, type PostgresSinkSpec } from "./postgres-sink.js";
export { postgresSource, type PostgresSourceArgs } from "./postgres-source.js";
export { readPostgresRow } from "./postgres-row.js";
export { jetstreamSink, jetstreamSource, type JetStreamSinkSpec, type JetStreamSourceSpec } from "./jetstream.js";
export { coerce, printDeadLetter, readJsonLine, type DeadLetter, type DeadLetterHandler, type SchemaType } from "./validate.js";
export { createJob, filePath, summarise, type EddyJob, type HandleView, type JobHandle, type JobIO, type JobRunResult, type JobSettingsSpec, type MetricsView, type RunOptions, type RunResultView } from "./job.js";
export { progressLine, showProgress, summaryLine } from "./progress.js";
export { evaluate, type ExprNode, type Scope } from "./interpret.js";
export * from "./interpreted-operators.js";
export { dedupeFunction, processFunction, topFunction } from "./keyed-functions.js";
export { overFunction, type OverAggregate, type OverAggregateKind, type OverSpec } from "./over-function.js";
export { predictWithLatest, trainOnlineLearner, type OnlineEstimatorLike, type OnlineModelLike, type PredictLatestSpec, type TrainSpec } from "./train-function.js";
export { lookupFunction, type GivenRows, type LookupFunction, type LookupSpec } from "./lookup-function.js";
export { predictFunction, vectorToArray, type PredictFunction, type PredictSpec, type RowScorer } from "./predict-function.js";
export { runMain } from "./main.js";
export { describeJobs, parseCommandLine, runAsProgram, runCommandLine, type CommandLineIO, type ConnectorDescription, type Invocation, type JobDescription, type ProgramDescription } from "./command-line.js";
// CEP: the Pattern API generated patterns are built with, and the interpreted path's pattern builder.
export { AfterMatchSkipStrategy, CEP, Pattern, type ConditionContext, type Match } from "../../cep/index.js";
export { interpretPattern, interpretPatternEmit, patternTimeoutRecord, type InterpretedRecipe } from "./interpreted-pattern.js";
export { userSource, isMainModule } from "./user-source.js";
export { FusedArraySource, type FusedReadFunction } from "./fused-array-source.js";
