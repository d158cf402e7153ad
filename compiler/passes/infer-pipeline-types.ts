// Types every pipeline: the record type, key and window flowing through each operator (annotated as `flow`),
// every expression in them, `let` and side-output stream types, and the record types arriving at sinks.
import type { KeyInfo, StepFlow, UpdateKey, Updates, WindowSpec } from "../ast/annotations.js";
import { readsOnly } from "../ast/reads-only.js";
import type { AggregateOp, Expr, JobDecl, JoinOp, Operator, OverOp, PredictLatestOp, Pipeline, RecordFieldInit, WindowAssigner } from "../ast/nodes.js";
import type { StreamReference } from "../ast/annotations.js";
import { visit } from "../ast/visit.js";
import { isAssignable, unify } from "../types/assignability.js";
import { bindArguments, checkDurationConstant } from "../types/check-arguments.js";
import { checkExpression, checkFieldInits, expectType, type ExprEnv } from "../types/check-expression.js";
import type { ConnectorParam } from "../types/connectors.js";
import { constantDuration } from "../types/constants.js";
import { LEARNERS } from "../types/online-learners.js";
import { equalityPairs } from "./equality-pairs.js";
import { inferLookup } from "./infer-lookup.js";
import { checkTrigger } from "../types/check-trigger.js";
import { cumulateSpec } from "../types/check-cumulate.js";
import { joinedRecord } from "../types/joined-record.js";
import { hasRowKind, withRowKind } from "../types/row-kind.js";
import { checkPredict } from "../types/check-predict.js";
import { checkPredictLatest, checkTrain } from "../types/check-train.js";
import { printType, printTypeStructure } from "../types/print-type.js";
import { BOOL, DURATION, INT, nonNull, record, withFields, type RecordType, type Type } from "../types/type.js";
import type { UdfSignature } from "../types/udf.js";
import type { CheckContext } from "./context.js";
import type { JobStream } from "./symbols.js";

/** What flows between two operators. */
interface FlowState {
  readonly type: RecordType;
  readonly key: KeyInfo | null;
  readonly window: WindowSpec | null;
  /** The record type is unknown because of an earlier error: do not report its missing fields. */
  readonly opaque: boolean;
  /**
   * An update stream: each record replaces the previous one with the same values of these fields (the output of a
   * running aggregate), or a running top's upserts on its key (computed, so not fields) and rank. Absent: an append
   * stream.
   */
  readonly updates?: Updates;
}

/** Aggregate functions that can take a row back (what an aggregate over an update stream may use). */
const RETRACTABLE = new Set(["count", "sum", "avg", "min", "max", "distinctCount"]);

const ASSIGNER_PARAMS: ReadonlyMap<string, readonly ConnectorParam[]> = new Map([
  ["tumbling", [{ name: "size", type: DURATION, required: true }]],
  ["sliding", [{ name: "size", type: DURATION, required: true }, { name: "slide", type: DURATION, required: true }]],
  ["cumulate", [{ name: "size", type: DURATION, required: true }, { name: "step", type: DURATION, required: true }]],
  ["session", [{ name: "gap", type: DURATION, required: true }]],
  ["count", [{ name: "size", type: INT, required: true }]],
  ["global", []],
]);

/** Operators that keep no state between records (candidates for fusion into one chain). */
const STATELESS = new Set<Operator["kind"]>(["FilterOp", "MapOp", "ExtendOp", "FlatMapOp", "KeyByOp", "RebalanceOp", "BroadcastOp", "ParallelismOp", "ToOp"]);

export function inferPipelineTypes(ctx: CheckContext): void {
  for (const decl of ctx.program.declarations) if (decl.kind === "JobDecl") inferJob(ctx, decl);
}

function inferJob(ctx: CheckContext, job: JobDecl): void {
  const streams = ctx.jobStreams.get(job) ?? new Map<string, JobStream>();
  for (const item of job.items) {
    if (item.kind === "Pipeline") inferPipeline(ctx, item, streams);
    else if (item.kind === "LetStatement") {
      const out = inferPipeline(ctx, item.pipeline, streams);
      const stream = streams.get(item.name.name);
      // why not when opaque: an unknown type (after an error) would be checked against its users as an empty record
      if (stream?.let === item && !out.opaque) {
        stream.type = out.type;
        stream.key = out.key;
        if (out.updates !== undefined) stream.updates = out.updates;
      }
    }
  }
}

function streamState(ctx: CheckContext, ref: StreamReference | undefined, streams: Map<string, JobStream>): FlowState {
  const unknown: FlowState = { type: record([]), key: null, window: null, opaque: true };
  if (ref === undefined) return unknown;
  if (ref.kind === "source") {
    const symbol = ctx.symbols.get(ref.name);
    const type = symbol?.kind === "source" ? symbol.decl.recordType : undefined;
    return type === undefined ? unknown : { type, key: null, window: null, opaque: false };
  }
  if (ref.kind === "let" || ref.kind === "sideOutput") {
    const stream = streams.get(ref.name);
    // A stream keeps its key across a `let`: `let k = s | keyBy a` then `k | window …` is keyed. An update stream stays
    // one: `let totals = … | aggregate …` then `totals | keyBy … | aggregate …` retracts as the pipeline written whole does.
    if (stream?.type === undefined) return unknown;
    return { type: stream.type, key: stream.key ?? null, window: null, opaque: false, ...(stream.updates === undefined ? {} : { updates: stream.updates }) };
  }
  return unknown;
}

function inferPipeline(ctx: CheckContext, pipeline: Pipeline, streams: Map<string, JobStream>): FlowState {
  let state = streamState(ctx, pipeline.headRef, streams);
  for (const op of pipeline.operators) {
    const next = inferOperator(ctx, op, state, streams);
    const flow: StepFlow = {
      input: state.type,
      output: next.type,
      key: state.key,
      outputKey: next.key,
      window: op.kind === "WindowOp" ? next.window : state.window,
      stateless: STATELESS.has(op.kind),
    };
    op.flow = flow;
    state = next;
  }
  pipeline.outputType = state.type;
  pipeline.outputKey = state.key;
  return state;
}

/** Operators that would count a deletion as a row: what FLOW4042 calls each. */
const TAKE_NO_DELETIONS: Partial<Record<Operator["kind"], string>> = {
  ReduceOp: "`reduce`",
  TopOp: "`top`",
  WindowOp: "`window`",
  DedupeOp: "`dedupe`",
  OverOp: "`over`",
  MatchOp: "`match`",
  TrainOp: "`train`",
};

const DELETIONS_HINT = "do this before the outer join, or bound the join (`window …` or `between … and …`): a bounded outer join pads a row only once no match can come, and deletes nothing";

function inferOperator(ctx: CheckContext, op: Operator, state: FlowState, streams: Map<string, JobStream>): FlowState {
  const env = envFor(ctx, state);
  const refuses = TAKE_NO_DELETIONS[op.kind];
  // why not a running top: it keeps every present row per key, so a row that leaves lets the next one in
  const runningTop = op.kind === "TopOp" && state.window === null && state.key !== null;
  if (refuses !== undefined && !runningTop && !state.opaque && hasRowKind(state.type)) ctx.reporter.report("FLOW4042", op.span, { what: refuses, hint: DELETIONS_HINT });
  // Operators after the one that consumed a window (aggregate, reduce, top) see an unwindowed stream.
  const same: FlowState = { ...state, window: null };
  switch (op.kind) {
    case "FilterOp": {
      expectType(op.condition, BOOL, env);
      // why: a filter may drop the version that replaces a row that passed, so a later aggregate could not retract
      // them correctly: the stream after it is treated as an append stream (docs/language.md, "Update streams") — unless
      // it reads the update key alone, which keeps or drops a key's every row (`changelog | filter` takes rows back).
      const keepsUpdates = isFieldList(state.updates) && readsOnly(op.condition, state.updates);
      return keepsUpdates ? same : { ...same, updates: undefined };
    }
    case "ChangelogOp": {
      if (state.opaque || hasRowKind(state.type)) return same;
      const updates = updateKeyOf(state);
      if (updates === null) {
        ctx.reporter.report("FLOW4043", op.span);
        return same;
      }
      op.normalize = updates;
      return { ...same, type: withRowKind(state.type), updates: undefined };
    }
    case "MapOp": {
      // why: the records of a changelog with deletions keep saying which change they are (lowerStep adds the field)
      const type = hasRowKind(state.type) ? withRowKind(checkFieldInits(op.fields, env)) : checkFieldInits(op.fields, env);
      // why a rename keeps an update stream: its rows still say which row each replaces (SQL's aliases of group keys)
      const renamed = (u: string) => op.fields.find((f) => f.value.kind === "NameExpr" && f.value.name === u)?.name.name;
      const names = isFieldList(state.updates) ? state.updates.map(renamed) : [];
      const updates = isFieldList(state.updates) && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
      const keyFields = state.updates === undefined ? [] : isFieldList(state.updates) ? state.updates : [...keyReads(state.updates.key)];
      const dropped = keyFields.filter((u) => renamed(u) === undefined);
      if (state.updates !== undefined && dropped.length > 0) {
        ctx.reporter.report("FLOW5015", op.span, { fields: dropped.map((d) => `\`${d}\``).join(", "), first: dropped[0]! });
      }
      return { type, key: keyThroughMap(state.key, op.fields), window: null, opaque: false, ...(updates === undefined ? {} : { updates }) };
    }
    case "ExtendOp": {
      const added = checkFieldInits(op.fields, env);
      const overridesKey = added.fields.some((f) => keyReads(state.key).has(f.name));
      const updates = state.updates;
      const overridesRow = isFieldList(updates) && added.fields.some((f) => updates.includes(f.name));
      return { ...same, type: withFields(state.type, added.fields), key: overridesKey ? null : state.key, ...(overridesRow ? { updates: undefined } : {}) };
    }
    case "FlatMapOp": {
      const t = checkExpression(op.expr, env);
      let element: Type = { kind: "unknown" };
      if (t.kind === "nullable") ctx.reporter.report("FLOW3006", op.expr.span, { type: printType(t) });
      const base = nonNull(t);
      if (base.kind === "array") element = base.element;
      else if (base.kind !== "unknown") ctx.reporter.report("FLOW3008", op.expr.span, { type: printType(base) });
      const overridesKey = keyReads(state.key).has(op.as.name);
      return { ...same, type: withFields(state.type, [{ name: op.as.name, type: element }]), key: overridesKey ? null : state.key };
    }
    case "KeyByOp": {
      const fields = op.keys.map((k, i) => ({ name: keyName(k, i, op.keys.length), type: checkExpression(k, env) }));
      return { ...same, key: { exprs: op.keys, fields } };
    }
    case "WindowOp": {
      const spec = windowSpec(ctx, op.assigner, env);
      if (op.trigger !== null) {
        const triggerSpec = checkTrigger(ctx.reporter, op.trigger, op.assigner.spec ?? null, { ...env, record: record([]), opaque: false });
        if (triggerSpec !== undefined) op.trigger.spec = triggerSpec;
      }
      if (op.allowedLateness !== null) checkDurationConstant(ctx.reporter, op.allowedLateness, "`allowedLateness`", "zero or more", env, (ms) => ms >= 0);
      if (op.lateTarget !== undefined) sendTo(ctx, op.lateTarget, state.type, op.lateTo!.span, streams);
      return { ...state, window: spec };
    }
    case "AggregateOp": {
      // Key fields are in scope (and in the output) even when the key is an expression rather than a field.
      const keys = state.key?.fields ?? [];
      const scope = withFields(state.type, keys);
      const aggregateEnv: ExprEnv = { ...env, record: scope, aggregate: { keys: new Set(keys.map((k) => k.name)), windowed: state.window !== null } };
      const aggregates = checkFieldInits(op.fields, aggregateEnv);
      const type = record([...keys.filter((k) => !aggregates.fields.some((f) => f.name === k.name)), ...aggregates.fields]);
      // An update stream whose rows would move between groups reaches a running aggregate through its changelog.
      const normalize = state.updates !== undefined && !state.opaque && movesBetweenGroups(state) ? updateKeyOf(state) : null;
      if (normalize !== null) op.normalize = normalize;
      else if (state.updates !== undefined) checkRetraction(ctx, op, state);
      // Over a changelog with deletions, a running aggregate adds or takes back each row, and says how its rows change.
      if (!state.opaque && (hasRowKind(state.type) || normalize !== null)) {
        checkChangesAggregate(ctx, op, state);
        return { type: withRowKind(type), key: state.key, window: null, opaque: false };
      }
      // A running aggregate re-emits its key's row on every record: its output is an update stream keyed by the key.
      const updates = state.window === null && state.key !== null ? keys.map((k) => k.name) : undefined;
      return { type, key: state.key, window: null, opaque: false, ...(updates === undefined ? {} : { updates }) };
    }
    case "ReduceOp": {
      const reducer = op.reducer;
      if (reducer.kind !== "LambdaExpr" || reducer.params.length !== 2) {
        ctx.reporter.report("FLOW3011", reducer.span);
        return same;
      }
      const params = new Map<string, Type>(reducer.params.map((p) => [p.name, state.type]));
      const body = checkExpression(reducer.body, { ...env, record: record([]), params, opaque: false });
      reducer.type = state.type;
      if (!isAssignable(body, state.type)) ctx.reporter.report("FLOW3001", reducer.body.span, { expected: printTypeStructure(state.type), actual: printType(body) });
      return same;
    }
    case "TopOp": {
      if (op.count.value < 1) ctx.reporter.report("FLOW4024", op.count.span, { what: "the count of `top`", value: op.count.raw });
      for (const key of [op.by, ...op.then.map((k) => k.by)]) {
        // a nullable key ranks its NULLs first ascending, last descending (runtime/support/order-value.ts)
        const by = nonNull(checkExpression(key, env));
        if (!["unknown", "int", "float", "string", "timestamp", "duration"].includes(by.kind)) {
          ctx.reporter.report("FLOW3001", key.span, { expected: "a number, string, timestamp or duration", actual: printType(by) });
        }
      }
      // Without a window, a keyed `top` ranks the whole stream so far: an upsert stream on (key, rank) — on the key
      // alone for `top 1` (deduplication), whose rank is always 1. A key of field names is named by them; a key computed
      // by an expression is no field, so the update stream carries the key itself (`{ kind: "top", key }`).
      if (state.window === null && state.key !== null) {
        const rank = op.rank?.name ?? "rank";
        // Over rows that change (a changelog, or an update stream turned into one), the ranks' changes, with kinds.
        const normalize = state.opaque ? null : updateKeyOf(state);
        if (normalize !== null) op.normalize = normalize;
        if (normalize !== null || (!state.opaque && hasRowKind(state.type))) {
          op.retractsChanges = true;
          return { type: withRowKind(withFields(state.type, [{ name: rank, type: INT }])), key: state.key, window: null, opaque: false };
        }
        const names = state.key.exprs.flatMap((k) => (k.kind === "NameExpr" ? [k.name] : []));
        const updates: Updates = names.length < state.key.exprs.length ? { kind: "top", key: state.key, rank } : op.count.value === 1 ? names : [...names, rank];
        return { ...same, type: withFields(state.type, [{ name: rank, type: INT }]), updates };
      }
      // why an error, not ignored: a windowed top emits its records unchanged (best first), so there is no rank to name
      if (op.rank !== undefined && state.window !== null) ctx.reporter.report("FLOW4044", op.rank.span, { name: op.rank.name });
      return same;
    }
    case "JoinOp": return inferJoin(ctx, op, state, env, streams);
    case "LookupOp": {
      const type = inferLookup(op, state.type, env);
      const overridesKey = keyReads(state.key).has(op.alias.name);
      // why no update stream after it: an inner lookup drops rows without a match, as a filter does
      return { ...same, type, key: overridesKey ? null : state.key, updates: undefined };
    }
    case "UnionOp": {
      let type: RecordType = state.type;
      let opaque = state.opaque;
      op.streams.forEach((id, i) => {
        const other = streamState(ctx, op.streamRefs?.[i], streams);
        opaque ||= other.opaque;
        if (other.opaque || state.opaque) return;
        const u = unify(type, other.type);
        if (u?.kind === "record") type = state.type.name !== undefined ? record(u.fields, state.type.name) : u;
        else ctx.reporter.report("FLOW3014", id.span, { left: printTypeStructure(type), name: id.name, right: printTypeStructure(other.type) });
      });
      return { type, key: null, window: null, opaque };
    }
    case "DedupeOp":
      checkExpression(op.key, env);
      if (op.within !== null) checkDurationConstant(ctx.reporter, op.within, "`within`", "positive", env, (ms) => ms > 0);
      return same;
    case "OverOp": return inferOver(ctx, op, state, env);
    case "MatchOp": {
      const symbol = ctx.symbols.get(op.pattern.name);
      if (symbol?.kind !== "pattern") return { type: record([]), key: null, window: null, opaque: true };
      const pattern = symbol.decl;
      const eventType = pattern.eventType ?? record([]);
      if (!state.opaque && !isAssignable(state.type, eventType)) {
        ctx.reporter.report("FLOW3020", op.pattern.span, { pattern: op.pattern.name, expected: printType(eventType), actual: printTypeStructure(state.type) }, {
          notes: [{ message: "pattern declared here", span: pattern.name.span, file: symbol.file }],
        });
      }
      if (op.timeoutTarget !== undefined) sendTo(ctx, op.timeoutTarget, pattern.timeoutType ?? record([]), op.timeoutsTo!.span, streams);
      return { type: pattern.emitType ?? record([]), key: null, window: null, opaque: pattern.emitType === undefined };
    }
    case "ProcessOp": return inferProcess(ctx, op.function.name, op.function.span, state);
    case "PredictOp": {
      // A model that cannot be read was reported by resolve-models: what comes out is unknown.
      if (op.model === undefined) return { type: record([]), key: null, window: null, opaque: true };
      const type = checkPredict(ctx.reporter, op, state.type, state.opaque);
      const overridesKey = op.scoring!.added.some((c) => keyReads(state.key).has(c.name));
      // why no update stream after it: a stage with handleInvalid 'skip' drops rows, as a filter does
      return { ...same, type, key: overridesKey ? null : state.key, updates: undefined };
    }
    case "TrainOp": {
      // The model-data stream: one record per model version, made by a single update subtask (no key flows on).
      const type = checkTrain(ctx.reporter, op, state.type, state.opaque);
      return { type: type ?? record([]), key: null, window: null, opaque: type === null };
    }
    case "PredictLatestOp": return inferPredictLatest(ctx, op, state, streams);
    case "RebalanceOp":
    case "BroadcastOp":
      return { ...same, key: null };
    case "ParallelismOp":
      if (op.value.value < 1) ctx.reporter.report("FLOW4024", op.value.span, { what: "parallelism", value: op.value.raw });
      return same;
    case "ToOp":
      if (!state.opaque) sendTo(ctx, { kind: "sink", name: op.sink.name }, state.type, op.sink.span, streams);
      return same;
  }
}

/** The aggregate functions an `over` field may call: SQL's OVER aggregates (not `collect` or `distinctCount`). */
const OVER_AGGREGATES = new Set(["count", "sum", "avg", "min", "max", "first", "last"]);

/**
 * `over rows n|range d|unbounded { f: agg(x), … }`: the input record extended with one aggregate per field. Each field
 * is a single aggregate call (an expression over the results belongs in an `extend` after it); the input must be an
 * append stream, as Flink's ("OVER windows do not support consuming update changes").
 */
function inferOver(ctx: CheckContext, op: OverOp, state: FlowState, env: ExprEnv): FlowState {
  const constEnv: ExprEnv = { ...env, record: record([]), opaque: false };
  let preceding: number | null = null;
  if (op.preceding !== null && op.unit === "rows") {
    expectType(op.preceding, INT, constEnv);
    preceding = op.preceding.kind === "IntLiteral" ? op.preceding.value : null;
  } else if (op.preceding !== null) {
    preceding = checkDurationConstant(ctx.reporter, op.preceding, "the `over range`", "zero or more", constEnv, (ms) => ms >= 0) ?? null;
  }
  if (op.preceding === null || preceding !== null) op.frame = { unit: op.unit, preceding };
  if (state.updates !== undefined) ctx.reporter.report("FLOW4034", op.span);
  // no key field is read bare (each field is one aggregate call), and `over` has no window bounds to read
  const aggregateEnv: ExprEnv = { ...env, aggregate: { keys: new Set(), windowed: false } };
  const added = checkFieldInits(op.fields, aggregateEnv);
  for (const f of op.fields) {
    const v = f.value;
    const single = v.kind === "CallExpr" && v.target?.kind === "aggregate" && OVER_AGGREGATES.has(v.target.name);
    if (!single) ctx.reporter.report("FLOW4035", v.span, { name: f.name.name });
  }
  const overridesKey = added.fields.some((f) => keyReads(state.key).has(f.name));
  return { type: withFields(state.type, added.fields), key: overridesKey ? null : state.key, window: null, opaque: state.opaque };
}

/** `predict latest(m)`: `m` must be a `let` whose pipeline ends with a `train` (that training's features score the records). */
function inferPredictLatest(ctx: CheckContext, op: PredictLatestOp, state: FlowState, streams: Map<string, JobStream>): FlowState {
  const unknown: FlowState = { type: record([]), key: null, window: null, opaque: true };
  const ref = op.streamRef;
  if (ref === undefined || ref.kind === "unresolved") return unknown;
  const last = ref.kind === "let" ? streams.get(ref.name)?.let?.pipeline.operators.at(-1) : undefined;
  if (last?.kind !== "TrainOp") {
    ctx.reporter.report("FLOW2051", op.stream.span, { name: op.stream.name });
    return unknown;
  }
  // A training that failed its own checks was reported there.
  if (last.training === undefined) return unknown;
  op.training = last.training;
  const type = checkPredictLatest(ctx.reporter, op, last.training, state.type, state.opaque);
  const overridesKey = LEARNERS.get(last.training.learner)!.predictionColumns.some((c) => keyReads(state.key).has(c.name));
  return { type, key: overridesKey ? null : state.key, window: null, opaque: state.opaque };
}

function envFor(ctx: CheckContext, state: FlowState): ExprEnv {
  return {
    reporter: ctx.reporter,
    record: state.type,
    opaque: state.opaque,
    functions: (name: string): UdfSignature | undefined => {
      const symbol = ctx.symbols.get(name);
      if (symbol?.kind !== "function") return undefined;
      symbol.used = true;
      return symbol.udf;
    },
    functionNames: [...ctx.symbols.values()].filter((s) => s.kind === "function").map((s) => s.name),
  };
}

/** The name a key takes in aggregate output: the field it reads, else `key` (`key1`, `key2`… for several). */
function keyName(expr: Expr, index: number, count: number): string {
  if (expr.kind === "NameExpr") return expr.name;
  if (expr.kind === "FieldAccess") return expr.field.name;
  return count === 1 ? "key" : `key${index + 1}`;
}

/**
 * The fields a key depends on: its output names and every field its expressions read. Overriding any of them
 * (extend, flatMap) ends the key, because the back end re-evaluates key expressions where the shuffle happens.
 */
function keyReads(key: KeyInfo | null): Set<string> {
  const names = new Set<string>();
  if (key === null) return names;
  for (const k of key.fields) names.add(k.name);
  for (const expr of key.exprs) visit(expr, { NameExpr: (n) => void (n.ref?.kind === "field" && names.add(n.ref.name)) });
  return names;
}

/** `map` keeps the key only when every key field passes through unchanged (`map { account, … }`). */
function keyThroughMap(key: KeyInfo | null, fields: readonly RecordFieldInit[]): KeyInfo | null {
  if (key === null) return null;
  const kept = key.fields.every((k) => fields.some((f) => f.name.name === k.name && f.value.kind === "NameExpr" && f.value.name === k.name));
  return kept ? key : null;
}

function windowSpec(ctx: CheckContext, assigner: WindowAssigner, env: ExprEnv): WindowSpec | null {
  const params = ASSIGNER_PARAMS.get(assigner.name.name);
  const time = assigner.processing ? "processing" : "event";
  if (params === undefined) {
    ctx.reporter.report("FLOW2015", assigner.name.span, { name: assigner.name.name });
    for (const a of assigner.args) checkExpression(a.value, env);
    return null;
  }
  const values = new Map<string, number | undefined>();
  for (const [param, arg] of bindArguments(ctx.reporter, assigner.name.name, params, assigner.args, false, assigner.span)) {
    if (param === undefined) continue;
    const constEnv: ExprEnv = { ...env, record: record([]), opaque: false };
    if (param.type.kind === "int") {
      expectType(arg.value, INT, constEnv);
      const n = arg.value.kind === "IntLiteral" ? arg.value.value : undefined;
      if (n === undefined) ctx.reporter.report("FLOW4010", arg.value.span, { what: `\`${param.name}\`` });
      else if (n < 1) ctx.reporter.report("FLOW4024", arg.value.span, { what: `the window \`${param.name}\``, value: n });
      values.set(param.name, n);
    } else {
      values.set(param.name, checkDurationConstant(ctx.reporter, arg.value, `the window \`${param.name}\``, "positive", constEnv, (ms) => ms > 0));
    }
  }
  const v = (name: string) => values.get(name);
  let spec: WindowSpec | null = null;
  switch (assigner.name.name) {
    case "tumbling": if (v("size") !== undefined) spec = { kind: "tumbling", sizeMs: v("size")!, time }; break;
    case "sliding": if (v("size") !== undefined && v("slide") !== undefined) spec = { kind: "sliding", sizeMs: v("size")!, slideMs: v("slide")!, time }; break;
    case "cumulate": spec = cumulateSpec(ctx.reporter, assigner, v("size"), v("step"), time); break;
    case "session": if (v("gap") !== undefined) spec = { kind: "session", gapMs: v("gap")!, time }; break;
    case "count": if (v("size") !== undefined) spec = { kind: "count", size: v("size")!, time }; break;
    case "global": spec = { kind: "global", time }; break;
  }
  assigner.spec = spec ?? undefined;
  // A window whose arguments had errors still counts as a window, so that aggregate does not also complain.
  return spec ?? { kind: "global", time };
}

function inferJoin(ctx: CheckContext, op: JoinOp, state: FlowState, env: ExprEnv, streams: Map<string, JobStream>): FlowState {
  const right = streamState(ctx, op.streamRef, streams);
  // A regular join keeps rows for ever: a row an update stream replaces must leave it, so each update stream is turned
  // into a changelog with deletions before it (Flink's ChangelogNormalize); the join then reads that changelog.
  let leftUpdates = op.unbounded && !state.opaque ? updateKeyOf(state) : null;
  let rightUpdates = op.unbounded && !right.opaque ? updateKeyOf(right) : null;
  const onEnv: ExprEnv = { ...env, joinAlias: { name: op.alias.name, type: rightUpdates === null ? right.type : withRowKind(right.type) }, opaque: state.opaque || right.opaque };
  expectType(op.on, BOOL, onEnv);
  op.keyPairs = equalityPairs(op.on, op.alias.name);
  // An inner join keyed by exactly a side's update key replaces that side's row itself (its state holds one row per
  // key): no changelog needed before it, so no second copy of the rows and no second shuffle.
  const upserts = {
    left: op.outer === undefined && keyedByUpdates(leftUpdates, op.keyPairs.map((p) => p.left), null),
    right: op.outer === undefined && keyedByUpdates(rightUpdates, op.keyPairs.map((p) => p.right), op.alias.name),
  };
  if (upserts.left || upserts.right) op.upserts = upserts;
  if (upserts.left) leftUpdates = null;
  if (upserts.right) rightUpdates = null;
  if (leftUpdates !== null || rightUpdates !== null) op.normalize = { left: leftUpdates, right: rightUpdates };
  const leftType = leftUpdates === null ? state.type : withRowKind(state.type);
  const rightType = rightUpdates === null ? right.type : withRowKind(right.type);
  if (op.window !== null) windowSpec(ctx, op.window, env);
  if (op.between !== null) {
    const constEnv: ExprEnv = { ...env, record: record([]), opaque: false };
    expectType(op.between.lower, DURATION, constEnv);
    expectType(op.between.upper, DURATION, constEnv);
    const lower = constantDuration(op.between.lower);
    const upper = constantDuration(op.between.upper);
    if (lower === undefined) ctx.reporter.report("FLOW4010", op.between.lower.span, { what: "the lower bound of `between`" });
    if (upper === undefined) ctx.reporter.report("FLOW4010", op.between.upper.span, { what: "the upper bound of `between`" });
    if (lower !== undefined && upper !== undefined && lower > upper) ctx.reporter.report("FLOW4012", { start: op.between.lower.span.start, end: op.between.upper.span.end });
  }
  // A regular join (inner or outer) takes a side's deleted rows out and deletes their pairs; the others cannot (FLOW4042).
  const changes = (!state.opaque && hasRowKind(leftType)) || (!right.opaque && hasRowKind(rightType)) || op.upserts !== undefined;
  if (changes && !op.unbounded) {
    ctx.reporter.report("FLOW4042", op.span, { what: op.outer === undefined ? "a window, interval or temporal `join`" : `a bounded \`${op.outer} join\``, hint: `an \`unbounded\` join takes deletions back; or ${DELETIONS_HINT}` });
  }
  const joined = joinedRecord(leftType, op.alias.name, rightType, op.outer);
  // A regular outer join retracts a padded row once its match arrives, and a join of a changelog passes its deletions
  // on: their records say which change each is.
  return { type: changes || (op.outer !== undefined && op.unbounded) ? withRowKind(joined) : joined, key: null, window: null, opaque: state.opaque };
}

/**
 * True when a running aggregate's groups do not follow the update stream's rows: some group key is not a field of the
 * update key (so a replaced row and its successor may be in different groups), or the update key is a running top's
 * computed key. Such an aggregate must see the replaced row leave (a changelog), not just the new one arrive.
 */
function movesBetweenGroups(state: FlowState): boolean {
  if (state.window !== null || state.key === null) return false;
  const updates = state.updates;
  if (updates === undefined) return false;
  if (!isFieldList(updates)) return true;
  return state.key.exprs.some((k) => k.kind !== "NameExpr" || !updates.includes(k.name));
}

/**
 * True when a join side's key expressions are exactly its update key's fields (in any order): plain field reads, of the
 * right record through `alias` when it is given.
 */
function keyedByUpdates(updates: UpdateKey | null, keys: readonly Expr[], alias: string | null): boolean {
  if (updates === null || updates.kind !== "fields" || keys.length !== updates.fields.length) return false;
  const names = keys.flatMap((k) => {
    if (alias === null) return k.kind === "NameExpr" ? [k.name] : [];
    return k.kind === "FieldAccess" && k.object.kind === "NameExpr" && k.object.name === alias ? [k.field.name] : [];
  });
  return names.length === keys.length && new Set(names).size === names.length && names.every((n) => updates.fields.includes(n));
}

/** The update key of an update stream (null for an append stream). */
function updateKeyOf(state: FlowState): UpdateKey | null {
  if (state.updates === undefined) return null;
  return isFieldList(state.updates) ? { kind: "fields", fields: state.updates } : state.updates;
}

function isFieldList(updates: Updates | undefined): updates is readonly string[] {
  return Array.isArray(updates);
}

function inferProcess(ctx: CheckContext, name: string, span: { start: number; end: number }, state: FlowState): FlowState {
  const unknown: FlowState = { type: record([]), key: null, window: null, opaque: true };
  const symbol = ctx.symbols.get(name);
  if (symbol?.kind !== "function") return unknown;
  const udf = symbol.udf;
  const note = { message: `\`${udf.exportName}\` is declared here`, span: udf.declaration.span, file: udf.declaration.file };
  const input = udf.params[0]?.type;
  if (input !== undefined && input !== null && !state.opaque && !isAssignable(state.type, input)) {
    ctx.reporter.report("FLOW3001", span, { expected: printType(input), actual: printTypeStructure(state.type) }, { notes: [note] });
  }
  // The output is the returned record, or the element of a returned array (several outputs per input).
  const result = udf.result;
  const out = result?.kind === "array" ? result.element : result;
  if (out?.kind !== "record") {
    ctx.reporter.report("FLOW3021", span, { name }, { notes: [note] });
    return unknown;
  }
  return { type: out, key: null, window: null, opaque: false };
}

function sendTo(ctx: CheckContext, target: { kind: "sink" | "sideOutput"; name: string }, type: RecordType, span: { start: number; end: number }, streams: Map<string, JobStream>): void {
  if (target.kind === "sideOutput") {
    const stream = streams.get(target.name);
    if (stream !== undefined) stream.type = type;
    return;
  }
  if (ctx.symbols.get(target.name)?.kind !== "sink") return;
  const inputs = ctx.sinkInputs.get(target.name) ?? [];
  inputs.push({ type, span, file: ctx.file });
  ctx.sinkInputs.set(target.name, inputs);
}

/**
 * An aggregate over a changelog with deletions adds a +I row and takes a -D row back: only a running aggregate after
 * `keyBy` (a window would have fired already) of functions that can take a value back.
 */
function checkChangesAggregate(ctx: CheckContext, op: AggregateOp, state: FlowState): void {
  // why no report here: a window before it is FLOW4042 at the window, no key and no window FLOW4004
  if (state.window !== null || state.key === null) return;
  visit(op, {
    CallExpr: (call) => {
      if (call.target?.kind === "aggregate" && !RETRACTABLE.has(call.target.name)) {
        ctx.reporter.report("FLOW4028", call.span, { text: `\`${call.target.name}\` cannot take back a row of a changelog with deletions` });
      }
    },
  });
  op.retractsChanges = true;
}

/**
 * An aggregate over an update stream retracts the previous row of the same update key before adding the new one.
 * That is only sound when each update key stays in one group (the group key is made of update-key fields) and every
 * aggregate function can take a value back.
 */
function checkRetraction(ctx: CheckContext, op: AggregateOp, state: FlowState): void {
  const updates = state.updates!;
  if (!isFieldList(updates)) {
    ctx.reporter.report("FLOW4028", op.span, { text: "an aggregate over the output of a running `top` is not supported" });
    return;
  }
  if (state.window !== null || state.key === null) {
    ctx.reporter.report("FLOW4028", op.span, { text: "an aggregate over an update stream must be a running aggregate after `keyBy` (no window)" });
    return;
  }
  for (const k of state.key.exprs) {
    if (k.kind !== "NameExpr" || !updates.includes(k.name)) {
      ctx.reporter.report("FLOW4028", k.span, { text: `the rows of this update stream are identified by ${updates.map((u) => `\`${u}\``).join(", ")}; group by some of them` });
      return;
    }
  }
  visit(op, {
    CallExpr: (call) => {
      if (call.target?.kind === "aggregate" && !RETRACTABLE.has(call.target.name)) {
        ctx.reporter.report("FLOW4028", call.span, { text: `\`${call.target.name}\` cannot retract a row of an update stream` });
      }
    },
  });
  op.retractOn = updates;
}
