// Facts the check passes attach to AST nodes (optional fields, filled in by resolve-*/infer-* passes).
import type { RecordType, Type } from "../types/type.js";
import type { Expr } from "./nodes.js";

/** What a bare identifier in an expression refers to. */
export type NameReference =
  | { readonly kind: "field"; readonly name: string }
  /** A CEP stage used as its single event (`large.amount`). */
  | { readonly kind: "stage"; readonly stage: string }
  /** `window` inside an aggregate (`window.start`, `window.end`). */
  | { readonly kind: "window" }
  | { readonly kind: "lambdaParam"; readonly index: number }
  /** The alias of a join's right side (`join other as o on id == o.id`). */
  | { readonly kind: "joinRight" }
  | { readonly kind: "unresolved" };

/** What a call's callee resolved to. */
export type CallTarget =
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "aggregate"; readonly name: string }
  /** CEP iterative functions: `first(s)`, `count(s)`, `sum(s.f)`… over the events matched by `stage`. */
  | { readonly kind: "iterative"; readonly name: string; readonly stage: string; readonly field?: string }
  /** An imported TypeScript function; `module` is the resolved path of the .ts file. */
  | { readonly kind: "udf"; readonly name: string; readonly module: string; readonly exportName: string }
  | { readonly kind: "unresolved" };

/** The key a stream is partitioned by after `keyBy`. */
export interface KeyInfo {
  readonly exprs: readonly Expr[];
  /** One field per key expression: its name in aggregate output and its type. */
  readonly fields: readonly { readonly name: string; readonly type: Type }[];
}

/**
 * What identifies the row an update stream's record replaces: its values of these fields (a running aggregate's group
 * key), or for a running `top` keyed by an expression its key and its rank field (`rank`, or the top's `as` name).
 */
export type UpdateKey = { readonly kind: "fields"; readonly fields: readonly string[] } | { readonly kind: "top"; readonly key: KeyInfo; readonly rank: string };

/** How the checker tracks an update stream's update key: its fields, or a running top's computed key (and rank). */
export type Updates = readonly string[] | Extract<UpdateKey, { kind: "top" }>;

/** A window assigner with its constant arguments evaluated (durations in milliseconds). */
export type WindowSpec = (
  | { readonly kind: "tumbling"; readonly sizeMs: number }
  | { readonly kind: "sliding"; readonly sizeMs: number; readonly slideMs: number }
  | { readonly kind: "cumulate"; readonly sizeMs: number; readonly stepMs: number }
  | { readonly kind: "session"; readonly gapMs: number }
  | { readonly kind: "count"; readonly size: number }
  | { readonly kind: "global" }
) & { readonly time: "event" | "processing" };

/**
 * A window trigger with its constants evaluated, named after the Flink trigger it builds: `count` is CountTrigger,
 * `continuous` ContinuousEventTimeTrigger or ContinuousProcessingTimeTrigger (by `time`), `firings` the event-time
 * trigger with early and late firings; `purge` wraps it in PurgingTrigger.
 */
export type TriggerSpec = (
  | { readonly kind: "count"; readonly count: number }
  | { readonly kind: "continuous"; readonly intervalMs: number; readonly time: "event" | "processing" }
  | {
      readonly kind: "firings";
      /** Early firings before the watermark passes the window's end: every n records, or every d of event time. */
      readonly early: { readonly kind: "count"; readonly count: number } | { readonly kind: "every"; readonly intervalMs: number } | null;
      /** Late firings: once per `lateCount` late records (null: once per late record, as Flink's EventTimeTrigger). */
      readonly lateCount: number | null;
    }
) & { readonly purge: boolean };

/** Where a stream name in a pipeline (head, join, union) comes from. */
export type StreamReference =
  | { readonly kind: "source"; readonly name: string }
  | { readonly kind: "let"; readonly name: string }
  /** A side output declared by `lateTo x` / `timeoutsTo x` when `x` is not a sink. */
  | { readonly kind: "sideOutput"; readonly name: string }
  | { readonly kind: "unresolved"; readonly name: string };

/** Where `lateTo`/`timeoutsTo` send their records. */
export type SideTarget = { readonly kind: "sink"; readonly name: string } | { readonly kind: "sideOutput"; readonly name: string };

/** How records flow through one pipeline operator; set on every operator by infer-pipeline-types. */
export interface StepFlow {
  readonly input: RecordType;
  readonly output: RecordType;
  /** The key in effect for this operator's input (null = not keyed). */
  readonly key: KeyInfo | null;
  /** The key in effect for the output. */
  readonly outputKey: KeyInfo | null;
  /** The window this operator evaluates in (aggregate/reduce/top after `window`). */
  readonly window: WindowSpec | null;
  /** True when the operator keeps no state between records (filter, map, extend, flatMap, keyBy, …). */
  readonly stateless: boolean;
}
