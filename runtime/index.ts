// Eddy's runtime: the DataStream API and the engine behind it. Everything public is exported here.
export { StreamExecutionEnvironment, defaultWorkers, type RuntimeMode, type EnvironmentDescription } from "./api/environment.js";
export {
  defineJob, forwardingSink, isBuildable, JOB_MODULE,
  type Buildable, type DefinedJobContext, type DefinedJobOptions, type DefinedJobResult, type DefinedJobRun, type JobBridge, type JobBuilder,
  type JobDefinition, type JobModuleRef, type JobService, type JobServices,
} from "./api/job-module.js";
// why a side-effect import: in a worker of the pool this starts the worker loop — also inside a bundle, which is then
// the module the pool's workers load (runtime/scheduler/pool/worker-pool.ts)
import "./scheduler/pool/worker-main.js";
export { WorkerPool } from "./scheduler/pool/worker-pool.js";
export { DataStream, KeyedStream } from "./api/data-stream.js";
export { ConnectedStreams } from "./api/connected-streams.js";
export { Iterations, type IterationBodyResult, type IterationConfig, type DataStreams } from "./iteration/iterations.js";
export { iterateBulk, type BulkStepResult } from "./iteration/bulk-iteration.js";
export { iterateDelta, SolutionSet, type DeltaStepResult } from "./iteration/delta-iteration.js";
export type { SolutionSetJoinFunction } from "./iteration/solution-set.js";
export { ExecutionConfig, type WorkStealingMode } from "./api/execution-config.js";
export * from "./api/functions.js";
export type { RuntimeContext, TaskInfo } from "./api/runtime-context.js";
export { Time, Duration, NO_TIMESTAMP, MIN_WATERMARK, MAX_WATERMARK } from "./core/time.js";
export { OutputTag } from "./core/output-tag.js";
export { EddyError, type ErrorDomain, type ErrorContext } from "./core/errors.js";
export { DEFAULT_MAX_PARALLELISM, keyGroupOf, normalizeKey, subtaskForKeyGroup, keyGroupRangeOf } from "./core/key-groups.js";
export { RecordBatch } from "./core/record-batch.js";
export * from "./state/descriptors.js";
export type * from "./state/state.js";
export { StateTtlConfig, type TtlUpdateType, type TtlStateVisibility } from "./state/ttl.js";
export { WatermarkStrategy, type TimestampAssigner } from "./time/watermark-strategy.js";
export type { WatermarkGenerator, WatermarkOutput } from "./time/watermark-generator.js";
export { BoundedOutOfOrdernessWatermarks, AscendingTimestampsWatermarks } from "./time/watermark-generator.js";
export { type Clock, SystemClock, ManualClock } from "./time/clock.js";
export type { Source, SourceReader, SourceReaderContext, ReaderOutput, InputStatus, Boundedness } from "./connectors/source.js";
export type { MutableSinkWriteContext, Sink, SinkWriter, SinkWriterContext, SinkWriteContext } from "./connectors/sink.js";
export { functionSink, recordFunctionSink, SinkBatchFailure } from "./connectors/sink.js";
export { CollectionSource, IterableSource, AsyncIterableSource } from "./connectors/collection-source.js";
export { GeneratorSource } from "./connectors/generator-source.js";
export { CollectSink } from "./connectors/collect-sink.js";
export { PrintSink } from "./connectors/print-sink.js";
export { AbstractStreamOperator, type StreamOperator, type OperatorContext, type ExecutionMode } from "./operators/operator.js";
export type { Output } from "./operators/output.js";
export type { JobClient, JobExecutionResult } from "./jobmanager/job-client.js";
export type { JobPlan, JobPlanEdge, JobPlanVertex } from "./jobmanager/job-plan.js";
export type { JobMetrics, OperatorMetrics } from "./jobmanager/metrics.js";
export type { WorkerLoad } from "./jobmanager/job-attempt.js";
export type { JobStatus, JobState } from "./jobmanager/job-status.js";
export { describeJobGraph, type JobGraph, type JobVertex } from "./graph/job-graph.js";
export type { StreamGraph, StreamNode, StreamEdge } from "./graph/stream-graph.js";
export type { BatchCodecFactory } from "./graph/transformation.js";
// Codecs of records crossing workers (DataStream.withBatchCodec); compiled .flow jobs generate schema codecs.
export { type BatchCodec, createGenericBatchCodec } from "./network/batch-codec.js";
export { type BatchCodecSchema, SchemaBatchCodec, type SchemaScatterFunction, schemaBatchCodec } from "./network/schema-batch-codec.js";
export type { EncoderColumn, GatherFunction } from "../formats/record-shape.js";
export { IntervalJoin, IntervalJoined, type ProcessJoinFunction, type ProcessJoinContext } from "./api/interval-join.js";
export { TwoPhaseCommitSink, type TwoPhaseCommitWriter } from "./connectors/two-phase-commit.js";
export { TransactionalCollectSink } from "./connectors/transactional-collect-sink.js";
export { CheckpointConfig } from "./api/checkpoint-config.js";
export { RestartStrategies, type RestartStrategyConfig } from "./checkpoint/restart-strategy.js";
export { FaultInjector, InjectedFault, type Fault } from "./checkpoint/fault-injector.js";
export { FsCheckpointStorage, MemoryCheckpointStorage, type CheckpointStorage, type CheckpointMetadata } from "./checkpoint/checkpoint-storage.js";
export type { CheckpointStats } from "./checkpoint/checkpoint-coordinator.js";
export type { CompletedCheckpoint } from "./checkpoint/coordinator-state.js";
// windows
export { WindowedStream } from "./api/windowed-stream.js";
export { AllWindowedStream } from "./api/all-windowed-stream.js";
export { Window } from "./windows/window.js";
export { TimeWindow } from "./windows/time-window.js";
export { GlobalWindow } from "./windows/global-window.js";
export { WindowAssigner, MergingWindowAssigner, type WindowAssignerContext } from "./windows/assigners/window-assigner.js";
export { TumblingEventTimeWindows } from "./windows/assigners/tumbling-event-time-windows.js";
export { SlidingEventTimeWindows } from "./windows/assigners/sliding-event-time-windows.js";
export { CumulativeEventTimeWindows } from "./windows/assigners/cumulative-event-time-windows.js";
export { EventTimeSessionWindows } from "./windows/assigners/event-time-session-windows.js";
export { DynamicEventTimeSessionWindows, type SessionGapExtractor } from "./windows/assigners/dynamic-event-time-session-windows.js";
export { TumblingProcessingTimeWindows } from "./windows/assigners/tumbling-processing-time-windows.js";
export { SlidingProcessingTimeWindows } from "./windows/assigners/sliding-processing-time-windows.js";
export { CumulativeProcessingTimeWindows } from "./windows/assigners/cumulative-processing-time-windows.js";
export { ProcessingTimeSessionWindows } from "./windows/assigners/processing-time-session-windows.js";
export { DynamicProcessingTimeSessionWindows } from "./windows/assigners/dynamic-processing-time-session-windows.js";
export { GlobalWindows } from "./windows/assigners/global-windows.js";
export { Trigger, TriggerResult, type TriggerContext, type OnMergeContext } from "./windows/triggers/trigger.js";
export { EventTimeTrigger } from "./windows/triggers/event-time-trigger.js";
export { ProcessingTimeTrigger } from "./windows/triggers/processing-time-trigger.js";
export { CountTrigger } from "./windows/triggers/count-trigger.js";
export { ContinuousEventTimeTrigger } from "./windows/triggers/continuous-event-time-trigger.js";
export { ContinuousProcessingTimeTrigger } from "./windows/triggers/continuous-processing-time-trigger.js";
export { PurgingTrigger } from "./windows/triggers/purging-trigger.js";
export { NeverTrigger } from "./windows/triggers/never-trigger.js";
export type { Evictor, EvictorContext, TimestampedValue } from "./windows/evictors/evictor.js";
export { CountEvictor } from "./windows/evictors/count-evictor.js";
export { TimeEvictor } from "./windows/evictors/time-evictor.js";
export { DeltaEvictor, type DeltaFunction } from "./windows/evictors/delta-evictor.js";
export type * from "./windows/functions/window-functions.js";
export { WindowOperator, type WindowOperatorSpec } from "./operators/window-operator.js";
export { EvictingWindowOperator } from "./operators/evicting-window-operator.js";
// joins
export { JoinedStreams, JoinWhere, JoinEqualTo, JoinWithWindow, type JoinFunction, type FlatJoinFunction } from "./api/joined-streams.js";
export { CoGroupedStreams, CoGroupWhere, CoGroupEqualTo, CoGroupWithWindow, type TaggedUnion, type CoGroupFunction } from "./api/co-grouped-streams.js";
export { NexmarkSource } from "./connectors/nexmark-source.js";
export * as nexmark from "./connectors/nexmark/index.js";
// exactly-once sinks
export { FileSink, type RowFormatOptions, type FileSinkTransaction, type PartitionCommitOptions } from "./connectors/file-sink.js";
export { listCommittedParts, type PartNaming } from "./connectors/file/part-files.js";
// unbounded operators (Flink SQL's regular join and Top-N)
export { RegularJoinOperator, regularJoin, type RegularJoinFunction } from "./operators/regular-join.js";
export { OuterIntervalJoinOperator, outerIntervalJoin, type OuterIntervalJoinSettings } from "./operators/outer-interval-join.js";
export { RegularOuterJoinOperator, regularOuterJoin, type RegularOuterJoinFunctions, type ChangeKind } from "./operators/regular-outer-join.js";
export { ChangelogJoinOperator, changelogJoin, type ChangelogJoinFunctions } from "./operators/changelog-join.js";
export { ChangelogNormalizeOperator, changelogNormalize, type ChangelogNormalizeFunctions, type NormalizedKind } from "./operators/changelog-normalize.js";
export { type OuterJoinFunctions, type OuterJoinKind, windowOuterJoin } from "./operators/outer-join.js";
export { TemporalJoinOperator, temporalJoin, type TemporalJoinFunctions } from "./operators/temporal-join.js";
export { RunningTopNOperator, type RunningTopNSpec } from "./operators/running-top-n.js";
export { RetractingTopNOperator, type RetractingTopNSpec, type RankChange } from "./operators/retracting-top-n.js";
export { PostgresSink, type PostgresSinkOptions, type PostgresUpsertOptions } from "./connectors/postgres/postgres-sink.js";
export type { PostgresTransaction } from "./connectors/postgres/exactly-once-writer.js";
export type { UpsertCheckpoint } from "./connectors/postgres/upsert-writer.js";
export { PostgresSource, type PostgresSourceOptions, type PostgresDeadLetter } from "./connectors/postgres/postgres-source.js";
export type { PostgresScanPosition } from "./connectors/postgres/postgres-scan-reader.js";
export type { PostgresScanPartition } from "./connectors/postgres/scan-splits.js";
export { JetStreamSource, type JetStreamSourceOptions, type JetStreamMessageInfo, type JetStreamDeadLetter } from "./connectors/jetstream/jetstream-source.js";
export type { JetStreamPosition } from "./connectors/jetstream/jetstream-reader.js";
export { JetStreamSink, type JetStreamSinkOptions } from "./connectors/jetstream/jetstream-sink.js";
export type { JetStreamTransaction } from "./connectors/jetstream/exactly-once-writer.js";
