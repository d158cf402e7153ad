// Lowers each checked `.flow` operator, declaration and key into the IR the plan holds (compiler/ir/): expressions
// through ir/lower-expression.ts, constants (durations, connector arguments) evaluated. lower-to-plan.ts builds the
// job graph from these; after it, nothing in the back end reads the syntax tree.
import type { KeyInfo } from "../ast/annotations.js";
import type {
  AggregateOp, ConnectorCall, DedupeOp, Expr, ExtendOp, FilterOp, FlatMapOp, JoinOp, LookupOp, MapOp, OverOp, PatternDecl, ProcessOp,
  ReduceOp, SinkDecl, SourceDecl, TopOp, TrainOp, WindowOp,
} from "../ast/nodes.js";
import { printExpr } from "../ast/print.js";
import type { IrAggregation } from "../ir/aggregation.js";
import type { IrConnector, IrSink, IrSource } from "../ir/connector.js";
import type { IrDedupe } from "../ir/dedupe.js";
import type { IrAggregateCall } from "../ir/expr.js";
import type { IrJoin, IrJoinMode, IrKeyPair, IrLookup } from "../ir/join.js";
import type { IrKey } from "../ir/key.js";
import { lowerExpression, lowerFields, sequentialSlots } from "../ir/lower-expression.js";
import type { IrTrain } from "../ir/ml.js";
import type { IrOver } from "../ir/over.js";
import type { IrPattern } from "../ir/pattern.js";
import type { IrProcess } from "../ir/process.js";
import type { IrStatelessStep } from "../ir/stateless.js";
import type { IrWindow } from "../ir/window.js";
import { patternRecipe } from "../plan/pattern-recipe.js";
import { connectorArgs, constantDuration } from "../types/constants.js";
import { SINK_CONNECTORS, SOURCE_CONNECTORS, type ConnectorSpec } from "../types/connectors.js";
import { hasRowKind, ROW_KIND_FIELD } from "../types/row-kind.js";
import { STRING, UNKNOWN } from "../types/type.js";

/** A key made of arbitrary expressions (join sides, dedupe): fields named `key1`, `key2`… */
export function keyOf(exprs: readonly Expr[]): IrKey {
  return { exprs: exprs.map((e) => lowerExpression(e)), fields: exprs.map((e, i) => ({ name: exprs.length === 1 ? "key" : `key${i + 1}`, type: e.type ?? UNKNOWN })) };
}

/** The checker's key of an operator (`keyBy …` before it) as IR. */
export function lowerKey(key: KeyInfo | null): IrKey | null {
  return key === null ? null : { exprs: key.exprs.map((e) => lowerExpression(e)), fields: key.fields };
}

/** A stateless `.flow` operator as the IR step the optimiser and the chain emitter work on. */
export function lowerStep(op: FilterOp | MapOp | ExtendOp | FlatMapOp): IrStatelessStep {
  const base = { span: op.span, input: op.flow!.input, output: op.flow!.output };
  switch (op.kind) {
    case "FilterOp": return { kind: "filter", condition: lowerExpression(op.condition), ...base };
    case "MapOp": {
      const fields = lowerFields(op.fields);
      // why: a map carries the change kind of a changelog with deletions without being asked (infer-pipeline-types.ts)
      const carried = hasRowKind(base.input) && !fields.some((f) => f.name === ROW_KIND_FIELD);
      return { kind: "project", fields: carried ? [...fields, { name: ROW_KIND_FIELD, value: { kind: "read", source: { kind: "input", field: ROW_KIND_FIELD }, type: STRING } }] : fields, keepInput: false, ...base };
    }
    case "ExtendOp": return { kind: "project", fields: lowerFields(op.fields), keepInput: true, ...base };
    case "FlatMapOp": return { kind: "unnest", elements: lowerExpression(op.expr), as: op.as.name, ...base };
  }
}

/** An aggregation as IR: aggregate calls numbered by accumulator slot in field order, a reducer's body, top's order. */
export function lowerAggregation(op: AggregateOp | ReduceOp | TopOp): IrAggregation {
  switch (op.kind) {
    case "AggregateOp": {
      const fields = lowerFields(op.fields, sequentialSlots());
      if (op.retractsChanges === true) return { kind: "aggregate", span: op.span, fields, retractsChanges: true };
      return op.retractOn === undefined ? { kind: "aggregate", span: op.span, fields } : { kind: "aggregate", span: op.span, fields, retractOn: op.retractOn };
    }
    case "ReduceOp": {
      // the checker accepts only a two-parameter lambda here
      if (op.reducer.kind !== "LambdaExpr") throw new Error(`internal: reduce without a lambda at offset ${op.span.start}`);
      return { kind: "reduce", span: op.span, body: lowerExpression(op.reducer.body) };
    }
    case "TopOp": {
      const order = [{ by: op.by, descending: op.descending }, ...op.then].map((k) => ({ by: lowerExpression(k.by), descending: k.descending }));
      return { kind: "top", span: op.span, count: op.count.value, order, ...(op.retractsChanges === true ? { retractsChanges: true as const } : {}), ...(op.rank === undefined ? {} : { rank: op.rank.name }) };
    }
  }
}

function lowerKeyPairs(pairs: JoinOp["keyPairs"]): IrKeyPair[] {
  return (pairs ?? []).map((p) => ({ left: lowerExpression(p.left), right: lowerExpression(p.right) }));
}

/** A join as IR: its condition and key pairs lowered, its window and interval bounds evaluated (checked constant). */
export function lowerJoin(op: JoinOp): IrJoin {
  const join: IrJoin = { kind: "join", span: op.span, stream: op.stream.name, alias: op.alias.name, condition: lowerExpression(op.on), keyPairs: lowerKeyPairs(op.keyPairs), mode: joinMode(op), outer: op.outer ?? null };
  return op.upserts === undefined ? join : { ...join, upserts: op.upserts };
}

function joinMode(op: JoinOp): IrJoinMode {
  if (op.window !== null) {
    if (op.window.spec === undefined) throw new Error(`internal: join window without a spec at offset ${op.window.span.start}`);
    return { kind: "window", window: op.window.spec };
  }
  if (op.between !== null) return { kind: "interval", lowerMs: checkedDuration(op.between.lower, "a join bound"), upperMs: checkedDuration(op.between.upper, "a join bound") };
  if (op.temporal) return { kind: "temporal" };
  if (op.unbounded) return { kind: "regular" };
  throw new Error(`internal: a join without window, between, unbounded or temporal at offset ${op.span.start} (FLOW4025 should have stopped it)`);
}

export function lowerLookup(op: LookupOp): IrLookup {
  return { kind: "lookup", span: op.span, table: op.table.name, alias: op.alias.name, condition: lowerExpression(op.on), keyPairs: lowerKeyPairs(op.keyPairs), outer: op.outer };
}

/** A constant duration the checker accepted (window lateness, dedupe's `within`) in milliseconds. */
function checkedDuration(e: Expr, what: string): number {
  const ms = constantDuration(e);
  if (ms === undefined) throw new Error(`internal: ${what} is not a constant duration at offset ${e.span.start}`);
  return ms;
}

export function lowerWindow(op: WindowOp): IrWindow {
  const spec = op.assigner.spec;
  if (spec === undefined) throw new Error(`internal: window without a checked assigner at offset ${op.span.start}`);
  return {
    span: op.span, spec, trigger: op.trigger?.spec ?? null,
    allowedLatenessMs: op.allowedLateness === null ? 0 : checkedDuration(op.allowedLateness, "allowedLateness"),
    lateTo: op.lateTo?.name ?? null,
  };
}

export function lowerDedupe(op: DedupeOp): IrDedupe {
  return { kind: "dedupe", span: op.span, withinMs: op.within === null ? null : checkedDuration(op.within, "dedupe's within") };
}

export function lowerOver(op: OverOp): IrOver {
  const frame = op.frame;
  if (frame === undefined) throw new Error(`internal: over without a checked frame at offset ${op.span.start}`);
  const fields = lowerFields(op.fields, sequentialSlots()).map((f) => {
    if (f.value.kind !== "aggregate") throw new Error(`internal: over field ${f.name} is not an aggregate call`);
    return { name: f.name, call: f.value as IrAggregateCall };
  });
  return { kind: "over", span: op.span, unit: frame.unit, preceding: frame.preceding, time: op.processing ? "processing" : "event", fields };
}

export function lowerProcess(op: ProcessOp): IrProcess {
  const target = op.target;
  if (target?.kind !== "udf") throw new Error(`internal: process ${op.function.name} without a resolved function`);
  return { kind: "process", span: op.span, name: op.function.name, module: target.module, exportName: target.exportName };
}

/** A connector call with its constant arguments named by the connector's parameters (the checker accepted them). */
function lowerConnector(call: ConnectorCall, known: ReadonlyMap<string, ConnectorSpec>): IrConnector {
  const spec = known.get(call.name.name);
  if (spec === undefined) throw new Error(`internal: unknown connector ${call.name.name} at offset ${call.span.start}`);
  return { name: call.name.name, span: call.span, args: connectorArgs(call, spec.params.map((p) => p.name)) };
}

export function lowerSource(decl: SourceDecl): IrSource {
  const wm = decl.watermark;
  return {
    name: decl.name.name, connector: lowerConnector(decl.connector, SOURCE_CONNECTORS), recordTypeName: decl.recordType?.name ?? null,
    watermark: wm === null ? null : { field: wm.field.name, delayMs: checkedDuration(wm.delay, "a watermark delay"), span: wm.span },
    idleMs: decl.idle === null ? null : checkedDuration(decl.idle, "an idle timeout"),
  };
}

export function lowerSink(decl: SinkDecl): IrSink {
  return { name: decl.name.name, connector: lowerConnector(decl.connector, SINK_CONNECTORS) };
}

/** A pattern as IR: its Pattern API recipe with conditions lowered, its emit record's fields. */
export function lowerPattern(decl: PatternDecl): IrPattern {
  const recipe = patternRecipe(decl);
  return {
    name: decl.name.name, span: decl.span, skip: recipe.skip, calls: recipe.calls,
    conditions: recipe.conditions.map((c) => ({ stage: c.stage, kind: c.kind, expr: lowerExpression(c.expr), requires: c.requires })),
    emit: lowerFields(decl.emit.fields),
    mayBeEmpty: decl.stages.filter((s) => s.quantifier !== null && s.quantifier.min === 0).map((s) => s.name.name),
    eventType: decl.eventType ?? null, emitType: decl.emitType ?? null, timeoutType: decl.timeoutType ?? null,
  };
}

export function lowerTrain(op: TrainOp): IrTrain {
  const written = op.args.map((a) => `${a.name === null ? "" : `${a.name.name}: `}${printExpr(a.value)}`);
  return { kind: "train", span: op.span, learner: op.learner.name, written, training: op.training ?? null };
}

