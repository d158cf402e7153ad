// The extension surface for operator libraries (cep/, gelly/, ml/, table/): what a library may build on beyond the
// DataStream API of runtime/index.ts — Flink gives its libraries AbstractStreamOperator and the keyed state backend as
// API in the same way. Libraries import runtime/index.ts and this module only; a dependency rule checked in
// `npm test` (.dependency-cruiser.cjs, test/architecture/module-boundaries.test.ts) keeps them to it, so the runtime's
// internals can change without breaking them.

// Operators: the base class with lifecycle hooks, its context and output.
export { AbstractStreamOperator, type StreamOperator, type OperatorContext, type OperatorWatermarkState } from "./operators/operator.js";
export type { Output } from "./operators/output.js";

// Keys, as operators see them after normalisation, and key groups.
export type { Key } from "./core/key-groups.js";

// Keyed state as a keyed operator's backend hands it out (getOrCreateState), with namespaces (VOID_NAMESPACE when an
// operator needs none: Flink's VoidNamespace).
export { HeapKeyedStateBackend } from "./state/keyed-state-backend.js";
export { HeapAggregatingState, HeapListState, HeapMapState, HeapReducingState, HeapValueState } from "./state/heap-states.js";
export { VOID_NAMESPACE } from "./state/state-table.js";

// Timers per key and namespace (AbstractStreamOperator.getInternalTimerService), fired through a Triggerable.
export { InternalTimerService, type InternalTimer, type Triggerable } from "./time/internal-timer-service.js";

// Objects shared by co-located operators of one attempt in one thread (OperatorContext.coLocated).
export { CoLocatedObjects } from "./scheduler/co-located-objects.js";

// Copies of records with a field set, as operators emit them (never `{ ...record, f: v }` on a per-record path).
export { copyRecord, withField } from "./core/copy-record.js";
