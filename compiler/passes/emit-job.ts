// Emits job.ts: for each job a function that builds its dataflow against the runtime's DataStream API — sources
// with their watermarks, fused chains and specialised aggregates from chains.ts (or, with --no-fuse, every operator
// through the interpreter), windows, joins, unions, dedupe, CEP patterns, process, side outputs, and sinks.
import type { TriggerSpec, WindowSpec } from "../ast/annotations.js";
import type { IrKey } from "../ir/key.js";
import type { IrWindow } from "../ir/window.js";
import { recordEnv, scopeOf, type CodeContext } from "../emit/chain-code.js";
import { createCodeContext } from "../emit/code-context.js";
import { emitIr, emitIrArrowBody } from "../emit/emit-expression.js";
import type { IrExpr, IrField, IrUdfCall } from "../ir/expr.js";
import { inputFieldsRead, stepName } from "../ir/stateless.js";
import { exchangedRecordType, exchangedSchemas, schemaKey, sideRecordType as sideRecordTypeOf } from "../emit/exchanged-schemas.js";
import { Imports } from "../emit/imports.js";
import { changelogJoinFunctions, outerJoinFunctions, regularOuterJoinFunctions, temporalJoinFunctions } from "../emit/outer-join-code.js";
import { recordWithCode } from "../emit/record-with-code.js";
import { hasRowKind, ROW_KIND_FIELD } from "../types/row-kind.js";
import { fusedSourceOf, usesEventTime } from "../emit/source-fusion.js";
import { aggregateName, chainName, libraryAggregateName, patternFunctionName, readName } from "../emit/names.js";
import { pascal } from "../emit/type-names.js";
import { aggregateStrategy } from "../plan/specialise.js";
import { inputsOf, nodeById, outputsOf, type JobPlan, type LookupNode, type OverNode, type PlanEdge, type PlanNode, type PredictLatestNode, type PredictNode, type TrainNode } from "../plan/plan.js";
import type { RecordType } from "../types/type.js";
import { NEXMARK_SETTING } from "../types/nexmark.js";
import { fileFormatOf } from "../types/connectors.js";
import { columnsFingerprint } from "../types/model-signature.js";
import { LEARNERS, type TrainingSpec } from "../types/online-learners.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitJob(ctx: BackEndContext): void {
  const imports = new Imports(ctx.options);
  const code = createCodeContext(ctx.file, ctx.lines, imports);
  // The interpreter (--no-fuse) calls imported functions through a table: every function the program imports is in it.
  const interprets = !ctx.options.fuse;
  if (interprets) for (const symbol of ctx.symbols.values()) if (symbol.kind === "function") imports.udf(symbol.udf.module, symbol.udf.exportName);
  const constants = new Set<string>();
  const functions = ctx.plan.jobs.map((job) => jobFunction(ctx, job, imports, code, constants));
  emitFile(ctx, "job.ts", (file) => {
    const table = imports.udfTable();
    const prelude = !interprets ? "" : `/** Imported TypeScript functions, by \`module#export\` (what the interpreter calls). */\nconst UDFS: Record<string, (...args: any[]) => unknown> = { ${table.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} };\n\n`;
    const constantLines = code.constantDeclarations();
    file.addStatements(prelude + (constantLines.length > 0 ? `${constantLines.join("\n")}\n\n` : "") + functions.join("\n\n"));
    imports.apply(file);
  });
}

interface JobEmitter {
  readonly ctx: BackEndContext;
  readonly job: JobPlan;
  readonly imports: Imports;
  readonly code: CodeContext;
  readonly lines: string[];
  /** Constants hoisted out of the function body (inline data, embedded AST, side-output tags). */
  readonly hoisted: string[];
  /** The shared event stream of each distinct nexmark configuration (its variable, created on first use). */
  readonly nexmark: Map<string, string>;
  /** Module-level constants already hoisted by this or an earlier job of the file (sources' data and schemas). */
  readonly constants: Set<string>;
  /** Streams made only when used (`s0()`): a source whose chain may be read inside it (source fusion). */
  readonly lazy: Set<number>;
}

function jobFunction(ctx: BackEndContext, job: JobPlan, imports: Imports, code: CodeContext, constants: Set<string>): string {
  code.reset();
  const J = pascal(job.name);
  imports.fromRuntime("StreamExecutionEnvironment", true);
  imports.fromSupport("JobIO", true);
  imports.fromLocal("types.js", `${J}Sources`, true);
  imports.fromLocal("types.js", `${J}Sinks`, true);
  const e: JobEmitter = { ctx, job, imports, code, lines: [], hoisted: [], nexmark: new Map(), constants, lazy: new Set() };
  for (const node of topologicalOrder(job)) emitNode(e, node);
  return `${e.hoisted.join("\n")}${e.hoisted.length > 0 ? "\n\n" : ""}/** Builds job \`${job.name}\` (${code.tag(job.span)}) on \`env\`; sources and sinks the caller passes replace the declared ones. */
export function build${J}(env: StreamExecutionEnvironment, io: JobIO, sources: ${J}Sources, sinks: ${J}Sinks): void {
${e.lines.map((l) => `  ${l}`).join("\n")}
}`;
}

function topologicalOrder(job: JobPlan): PlanNode[] {
  const indegree = new Map(job.nodes.map((n) => [n.id, inputsOf(job, n.id).length]));
  const ready = job.nodes.filter((n) => indegree.get(n.id) === 0);
  const order: PlanNode[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a.id - b.id);
    const node = ready.shift()!;
    order.push(node);
    for (const edge of outputsOf(job, node.id)) {
      const left = indegree.get(edge.to)! - 1;
      indegree.set(edge.to, left);
      if (left === 0) ready.push(nodeById(job, edge.to));
    }
  }
  return order;
}

const stream = (id: number) => `s${id}`;
/** A side output's tag: module-level, so named after its job too (node ids restart in every job). */
const sideTag = (e: JobEmitter, edge: PlanEdge) => `tag${pascal(e.job.name)}${edge.from}${pascal(edge.side!.replace(":", "_"))}`;

/** The TypeScript type of the records on an edge. */
function edgeType(e: JobEmitter, edge: PlanEdge): string {
  const to = nodeById(e.job, edge.to);
  if (edge.input === 1 && to.kind === "join") return e.ctx.types.ts(to.rightType);
  if (edge.side !== undefined) return e.ctx.types.ts(sideRecordType(e, edge));
  return e.ctx.types.ts(nodeById(e.job, edge.from).outputType);
}

function sideRecordType(e: JobEmitter, edge: PlanEdge): RecordType {
  return sideRecordTypeOf(e.job, edge);
}

function ts(e: JobEmitter, t: RecordType): string {
  const text = e.ctx.types.ts(t);
  if (/^\w+$/.test(text)) e.imports.fromLocal("types.js", text, true);
  return text;
}

/** A key selector over records of `type` (the right side of a join reads its alias). */
function keySelector(e: JobEmitter, key: IrKey, type: RecordType, right: boolean): string {
  if (!e.ctx.options.fuse) {
    const asts = key.exprs.map((x) => hoistIr(e, x));
    return `${e.imports.fromSupport("interpretKey")}([${asts.join(", ")}], UDFS${right ? ", true" : ""})`;
  }
  const scope = scopeOf(recordEnv("r", type.fields), e.code, right ? { right: "r" } : {});
  const exprs = key.exprs.map((x) => emitIr(x, scope));
  return `(r: ${ts(e, type)}) => ${exprs.length === 1 ? exprs[0] : `[${exprs.join(", ")}]`}`;
}

let irCounter = 0;
/** Embeds an IR expression (or an operator's fields) as constant data: the interpreted path evaluates it. */
function hoistIr(e: JobEmitter, expr: IrExpr | readonly IrField[]): string {
  const name = `IR${irCounter++}`;
  const type = Array.isArray(expr) ? `readonly ${e.imports.fromSupport("FieldNode", true)}[]` : e.imports.fromSupport("ExprNode", true);
  const json = JSON.stringify(expr, embeddedIr(e));
  e.hoisted.push(`const ${name}: ${type} = ${json};`);
  return name;
}

/**
 * IR as generated code embeds it: without spans, and a call of an imported function with its position as `at`
 * (`file.flow:line:col`), which the interpreter names when the function throws.
 */
function embeddedIr(e: JobEmitter): (key: string, value: unknown) => unknown {
  return (key, value) => {
    if (key === "span") return undefined;
    const node = value as { kind?: string } | null;
    if (node?.kind !== "udf" || typeof node !== "object") return value;
    const udf = node as IrUdfCall;
    return udf.at !== undefined || udf.span === undefined ? udf : { ...udf, at: e.code.tag(udf.span) };
  };
}

/** The stream arriving on `edge`, partitioned as the edge says, with the codec of its records if they may cross workers. */
function inputOf(e: JobEmitter, edge: PlanEdge): string {
  let base = e.lazy.has(edge.from) ? `${stream(edge.from)}()` : stream(edge.from);
  if (edge.side !== undefined) base = `${base}.getSideOutput(${sideTag(e, edge)})`;
  const exchanged = exchangedRecordType(e.job, edge);
  if (exchanged !== null) {
    const codec = exchangedSchemas(e.ctx.plan, e.ctx.types).get(schemaKey(exchanged))!;
    base = `${base}.withBatchCodec(${e.imports.fromLocal("codecs.js", codec.factory)})`;
  }
  const p = edge.partitioning;
  switch (p.kind) {
    case "forward": return base;
    // why: the runtime picks forward or rebalance from the parallelism the job really runs with
    case "auto": return base;
    case "rebalance": return `${base}.rebalance()`;
    case "broadcast": return `${base}.broadcast()`;
    case "hash": {
      const to = nodeById(e.job, edge.to);
      const type = edge.input === 1 && to.kind === "join" ? to.rightType : edge.side !== undefined ? sideRecordType(e, edge) : nodeById(e.job, edge.from).outputType;
      return `${base}.keyBy(${keySelector(e, p.key, type, edge.input === 1)})`;
    }
  }
}

/** The single input of a node, or the union of several (sinks fed by several pipelines). */
function mainInput(e: JobEmitter, node: PlanNode, type: string): string {
  const ins = inputsOf(e.job, node.id).filter((x) => x.input === 0);
  const streams = ins.map((edge) => (edgeType(e, edge) === type ? inputOf(e, edge) : `(${inputOf(e, edge)} as unknown as ${e.imports.fromRuntime("DataStream", true)}<${type}>)`));
  return streams.length === 1 ? streams[0]! : `${streams[0]}.union(${streams.slice(1).join(", ")})`;
}

/** Nodes at the job's parallelism take the environment's (the file's setting or the run's override). */
function parallelism(_e: JobEmitter, node: PlanNode): string {
  const p = node.parallelism;
  if (p.kind === "job") return "";
  return p.reason === "non-parallel" ? ".forceNonParallel()" : `.setParallelism(${p.subtasks})`;
}

function assign(e: JobEmitter, node: PlanNode, expr: string): void {
  e.lines.push(`// ${e.code.tag(node.span)}  [${node.id}] ${node.kind}`);
  e.lines.push(`const ${stream(node.id)} = ${expr};`);
  assignSideTags(e, node);
}

/**
 * A source's stream. When its chain may run inside its read loop (source fusion), the stream is made only if that
 * does not happen: a source made and not read would still run.
 */
function assignSource(e: JobEmitter, node: PlanNode & { kind: "source" }, type: string, expr: string): void {
  const chain = outputsOf(e.job, node.id).map((edge) => nodeById(e.job, edge.to)).find((n) => n.kind === "chain");
  if (chain === undefined || chain.kind !== "chain" || fusedSourceOf(e.job, chain, e.ctx.options.fuse) !== node) return assign(e, node, expr);
  e.lines.push(`// ${e.code.tag(node.span)}  [${node.id}] source, made when its chain does not run inside it`);
  e.lines.push(`const ${stream(node.id)} = (): ${e.imports.fromRuntime("DataStream", true)}<${type}> => ${expr};`);
  e.lazy.add(node.id);
}

function assignSideTags(e: JobEmitter, node: PlanNode): void {
  for (const edge of outputsOf(e.job, node.id)) {
    if (edge.side === undefined || e.hoisted.some((h) => h.includes(`const ${sideTag(e, edge)} `))) continue;
    const tagType = ts(e, sideRecordType(e, edge));
    e.hoisted.push(`const ${sideTag(e, edge)} = new ${e.imports.fromRuntime("OutputTag")}<${tagType}>(${JSON.stringify(edge.side)});`);
  }
}

function emitNode(e: JobEmitter, node: PlanNode): void {
  switch (node.kind) {
    case "source": return emitSource(e, node);
    case "sink": return emitSink(e, node);
    case "chain": {
      const out = ts(e, node.outputType);
      const input = ts(e, node.inputType);
      const name = JSON.stringify(`${node.steps.map(stepName).join("→")}#${node.id}`);
      if (e.ctx.options.fuse) {
        e.imports.fromLocal("chains.js", chainName(e.job, node.id));
        const op = e.imports.fromSupport("FusedChainOperator");
        const operator = `${mainInput(e, node, input)}.transform<${out}>(${name}, () => new ${op}<${input}, ${out}>(${name}, ${chainName(e.job, node.id)}))${parallelism(e, node)}`;
        const source = fusedSourceOf(e.job, node, e.ctx.options.fuse);
        if (source === null) return assign(e, node, operator);
        // Source fusion: a caller's array is read through the chain (chains.ts); the source keeps its name (the
        // records it read are the job's records in) and generates no watermarks, as the unfused stateless job
        const given = `sources.${source.name}`;
        const read = e.imports.fromLocal("chains.js", readName(e.job, node.id));
        const fused = `env.fromSource<${out}>(new ${e.imports.fromSupport("FusedArraySource")}<${input}, ${out}>(${given}, ${read}), ${e.imports.fromRuntime("WatermarkStrategy")}.noWatermarks<${out}>(), ${JSON.stringify(`source:${source.name}`)})${parallelism(e, source)}`;
        return assign(e, node, `Array.isArray(${given})\n  ? ${fused}\n  : ${operator}`);
      }
      const step = node.steps[0]!;
      const fields = (f: IrExpr | readonly IrField[]) => hoistIr(e, f);
      const i = mainInput(e, node, input);
      switch (step.kind) {
        case "filter": return assign(e, node, `${i}.filter(${e.imports.fromSupport("interpretFilter")}(${fields(step.condition)}, UDFS) as unknown as (r: ${input}) => boolean, ${name})${parallelism(e, node)}`);
        case "project": {
          const interpret = e.imports.fromSupport(step.keepInput ? "interpretExtend" : "interpretMap");
          return assign(e, node, `${i}.map(${interpret}(${fields(step.fields)}, UDFS) as unknown as (r: ${input}) => ${out}, ${name})${parallelism(e, node)}`);
        }
        case "unnest": return assign(e, node, `${i}.flatMap(${e.imports.fromSupport("interpretFlatMap")}(${fields(step.elements)}, ${JSON.stringify(step.as)}, UDFS) as any as (r: ${input}, out: ${e.imports.fromRuntime("Collector", true)}<${out}>) => void, ${name})${parallelism(e, node)}`);
      }
      return;
    }
    case "aggregate": return emitAggregate(e, node);
    case "join": {
      const out = ts(e, node.outputType);
      const left = ts(e, node.inputType);
      const right = ts(e, node.rightType);
      const rightEdge = inputsOf(e.job, node.id).find((x) => x.input === 1)!;
      const leftIn = mainInput(e, node, left);
      const rightIn = inputOf(e, rightEdge);
      const alias = node.op.alias;
      const cond = e.ctx.options.fuse
        ? emitIr(node.op.condition, scopeOf(recordEnv("l", node.inputType.fields), e.code, { right: "r" }))
        : `${e.imports.fromSupport("evaluate")}(${hoistIr(e, node.op.condition)}, { record: l as any, right: r, udfs: UDFS }) === true`;
      const collector = e.imports.fromRuntime("Collector", true);
      const outer = node.op.outer;
      const mode = node.op.mode;
      const leftFields = node.inputType.fields.map((f) => f.name);
      const pair = recordWithCode("l", leftFields, [[alias, "r"]]);
      const fns = outer === null || mode.kind === "temporal" || mode.kind === "regular" ? "" : outerJoinFunctions({ kind: outer, condition: cond, left, right, out, alias, leftFields });
      if (mode.kind === "temporal") {
        const fns = temporalJoinFunctions({ outer: outer !== null, condition: cond, left, right, out, alias, leftFields });
        return assign(e, node, `${e.imports.fromRuntime("temporalJoin")}<${left}, ${right}, unknown, ${out}>(${leftIn} as any, ${rightIn} as any, ${fns}, ${JSON.stringify(`temporal join#${node.id}`)})${parallelism(e, node)}`);
      }
      if (mode.kind === "interval") {
        const lo = mode.lowerMs;
        const hi = mode.upperMs;
        if (outer !== null) {
          return assign(e, node, `${e.imports.fromRuntime("outerIntervalJoin")}<${left}, ${right}, unknown, ${out}>(${leftIn} as any, ${rightIn} as any, { lowerBound: ${lo}, upperBound: ${hi} }, ${fns}, ${JSON.stringify(`${outer} join#${node.id}`)})${parallelism(e, node)}`);
        }
        return assign(e, node, `${leftIn}.intervalJoin(${rightIn}).between(${lo}, ${hi}).process<${out}>((l: ${left}, r: ${right}, _ctx, out: ${collector}<${out}>) => {\n  if (${cond}) out.collect(${pair});\n})${parallelism(e, node)}`);
      }
      if (mode.kind === "regular" && outer !== null) {
        const inputsChange = hasRowKind(node.inputType) || hasRowKind(node.rightType);
        const fns = regularOuterJoinFunctions({ kind: outer, condition: cond, left, right, out, alias, leftFields }, ROW_KIND_FIELD, inputsChange);
        return assign(e, node, `${e.imports.fromRuntime("regularOuterJoin")}<${left}, ${right}, unknown, ${out}>(${leftIn} as any, ${rightIn} as any, ${fns}, ${JSON.stringify(`${outer} join#${node.id}`)})${parallelism(e, node)}`);
      }
      if (mode.kind === "regular" && (hasRowKind(node.inputType) || hasRowKind(node.rightType) || node.op.upserts !== undefined)) {
        const fns = changelogJoinFunctions({ condition: cond, left, right, out, alias, leftFields }, ROW_KIND_FIELD, node.op.upserts ?? { left: false, right: false });
        return assign(e, node, `${e.imports.fromRuntime("changelogJoin")}<${left}, ${right}, unknown, ${out}>(${leftIn} as any, ${rightIn} as any, ${fns}, ${JSON.stringify(`join#${node.id}`)})${parallelism(e, node)}`);
      }
      if (mode.kind === "regular") {
        const join = e.imports.fromRuntime("regularJoin");
        return assign(e, node, `${join}<${left}, ${right}, unknown, ${out}>(${leftIn} as any, ${rightIn} as any, (l: ${left}, r: ${right}, out: ${collector}<${out}>) => {\n  if (${cond}) out.collect(${pair});\n}, ${JSON.stringify(`join#${node.id}`)})${parallelism(e, node)}`);
      }
      const leftKey = (inputsOf(e.job, node.id).find((x) => x.input === 0)!.partitioning as { key: IrKey }).key;
      const rightKey = (rightEdge.partitioning as { key: IrKey }).key;
      const plainLeft = stream(inputsOf(e.job, node.id).find((x) => x.input === 0)!.from);
      const plainRight = stream(rightEdge.from);
      if (outer !== null) {
        return assign(e, node, `${plainLeft}.coGroup(${plainRight}).where(${keySelector(e, leftKey, node.inputType, false)}).equalTo(${keySelector(e, rightKey, node.rightType, true)}).window(${assigner(e, mode.window)}).apply<${out}>(${e.imports.fromRuntime("windowOuterJoin")}<${left}, ${right}, ${out}>(${fns}))${parallelism(e, node)}`);
      }
      return assign(e, node, `${plainLeft}.join(${plainRight}).where(${keySelector(e, leftKey, node.inputType, false)}).equalTo(${keySelector(e, rightKey, node.rightType, true)}).window(${assigner(e, mode.window)}).apply<${out}>((l: ${left}, r: ${right}, out: ${collector}<${out}>) => {\n  if (${cond}) out.collect(${pair});\n})${parallelism(e, node)}`);
    }
    case "union": {
      const type = ts(e, node.outputType);
      return assign(e, node, mainInput(e, node, type));
    }
    case "dedupe": {
      const type = ts(e, node.outputType);
      const within = node.op.withinMs ?? 0;
      return assign(e, node, `${mainInput(e, node, type)}.process(${e.imports.fromSupport("dedupeFunction")}<${type}>(${within}), "dedupe#${node.id}")${parallelism(e, node)}`);
    }
    case "normalize": {
      const input = ts(e, node.inputType);
      const out = ts(e, node.outputType);
      const name = JSON.stringify(`changelog normalize#${node.id}`);
      const fields = node.inputType.fields.flatMap((f) => (f.name === ROW_KIND_FIELD ? [] : [f.name]));
      const fns = `{ withKind: (r: ${input}, k: "+I" | "-U" | "+U"): ${out} => ${recordWithCode("r", fields, [[ROW_KIND_FIELD, "k"]])} }`;
      return assign(e, node, `${e.imports.fromRuntime("changelogNormalize")}<${input}, unknown, ${out}>(${mainInput(e, node, input)} as any, ${fns}, ${name})${parallelism(e, node)}`);
    }
    case "over": return emitOver(e, node);
    case "process": {
      const input = ts(e, node.inputType);
      const out = ts(e, node.outputType);
      const fn = e.imports.udf(node.op.module, node.op.exportName);
      return assign(e, node, `${mainInput(e, node, input)}.process(${e.imports.fromSupport("processFunction")}<${input}, ${out}>(${fn} as any), "process#${node.id}")${parallelism(e, node)}`);
    }
    case "match": return emitMatch(e, node);
    case "lookup": return emitLookup(e, node);
    case "predict": return emitPredict(e, node);
    case "train": return emitTrain(e, node);
    case "predictLatest": return emitPredictLatest(e, node);
  }
}

/**
 * `over …`: overFunction with each field's aggregate and argument reader (compiled, or interpreted under --no-fuse).
 * Without keyBy the operator still keeps keyed state and timers: under one constant key, as one subtask.
 */
function emitOver(e: JobEmitter, node: OverNode): void {
  const input = ts(e, node.inputType);
  const out = ts(e, node.outputType);
  const over = node.op;
  const reader = (x: IrExpr) => e.ctx.options.fuse
    ? `(r: ${input}) => ${emitIr(x, scopeOf(recordEnv("r", node.inputType.fields), e.code))}`
    : `(r: ${input}) => ${e.imports.fromSupport("evaluate")}(${hoistIr(e, x)}, { record: r as any, udfs: UDFS })`;
  const aggregates = over.fields.map((f) => {
    const arg = f.call.args[0];
    return `{ field: ${JSON.stringify(f.name)}, fn: ${JSON.stringify(f.call.name)}, arg: ${arg === undefined ? "null" : reader(arg)} }`;
  });
  const spec = `{ unit: ${JSON.stringify(over.unit)}, preceding: ${over.preceding === null ? "null" : over.preceding}, time: ${JSON.stringify(over.time)}, aggregates: [${aggregates.join(", ")}] }`;
  const i = mainInput(e, node, input);
  const keyed = node.key === null ? `${i}.keyBy(() => 0)` : i;
  assign(e, node, `${keyed}.process(${e.imports.fromSupport("overFunction")}<${input}, ${out}>(${spec}), "over#${node.id}")${parallelism(e, node)}`);
}

/** `new DenseVector(Float64Array.of(…))` of constant numbers. */
function denseOf(e: JobEmitter, values: readonly number[]): string {
  return `new ${e.imports.fromMl("DenseVector")}(Float64Array.of(${values.map((v) => JSON.stringify(v)).join(", ")}))`;
}

/** The DenseVector of a record's features, assembled from the fields the training names (or copied from its vector). */
function featuresOf(e: JobEmitter, training: TrainingSpec, record: string): string {
  const values = training.features.kind === "fields" ? `Float64Array.of(${training.features.names.map((n) => `${record}.${n}`).join(", ")})` : `Float64Array.from(${record}.${training.features.name})`;
  return `new ${e.imports.fromMl("DenseVector")}(${values})`;
}

/**
 * `train L(…)`: the estimator configured with the checked settings, its initial model, the record → row step
 * (features assembled into a DenseVector) and the version → record step (vectors back into arrays). Fused and
 * --no-fuse emit the same code: ml/ runs the training either way.
 */
function emitTrain(e: JobEmitter, node: TrainNode): void {
  const training = node.op.training;
  if (training === null) throw new Error("internal: train without a checked training");
  const input = ts(e, node.inputType);
  const out = ts(e, node.outputType);
  const s = training.settings;
  let estimator: string, initial: string, row: string, toRecord: string;
  if (training.learner === "OnlineLogisticRegression") {
    const dims = training.features.kind === "fields" ? training.features.names.length : 0;
    estimator = `new ${e.imports.fromMl("OnlineLogisticRegression")}().setGlobalBatchSize(${s["batch"]}).setAlpha(${s["alpha"]}).setBeta(${s["beta"]}).setReg(${s["reg"]}).setElasticNet(${s["elasticNet"]})${training.weight === null ? "" : '.setWeightCol("weight")'}`;
    initial = `{ coefficient: ${denseOf(e, training.coefficients ?? new Array<number>(dims).fill(0))} }`;
    row = `{ features: ${featuresOf(e, training, "r")}, label: r.${training.label}${training.weight === null ? "" : `, weight: r.${training.weight}`} }`;
    toRecord = `(m: { coefficient: { values: Float64Array }; modelVersion: number }): ${out} => ({ coefficient: Array.from(m.coefficient.values), modelVersion: m.modelVersion })`;
  } else {
    const centroids = training.centroids!;
    estimator = `new ${e.imports.fromMl("OnlineKMeans")}().setK(${centroids.length}).setGlobalBatchSize(${s["batch"]}).setDecayFactor(${s["decayFactor"]})`;
    initial = `{ centroids: [${centroids.map((c) => denseOf(e, c)).join(", ")}], weights: ${denseOf(e, training.weights ?? new Array<number>(centroids.length).fill(0))} }`;
    row = `{ features: ${featuresOf(e, training, "r")} }`;
    toRecord = `(m: { centroids: { values: Float64Array }[]; weights: { values: Float64Array }; modelVersion: number }): ${out} => ({ centroids: m.centroids.map((c) => Array.from(c.values)), weights: Array.from(m.weights.values), modelVersion: m.modelVersion })`;
  }
  const name = `train#${node.id}`;
  const spec = `{ name: ${JSON.stringify(name)}, estimator: ${estimator}, initial: ${initial}, toRow: (r: ${input}) => (${row}), toRecord: ${toRecord} }`;
  assign(e, node, `${e.imports.fromSupport("trainOnlineLearner")}(${mainInput(e, node, input)}, ${spec})${parallelism(e, node)}`);
}

/**
 * `predict latest(m)`: ml/'s online model fed with the versions of `m` (arrays back into DenseVectors), scoring each
 * record's features as the training assembled them; the output record is built field by field.
 */
function emitPredictLatest(e: JobEmitter, node: PredictLatestNode): void {
  const training = node.op.training;
  if (training === null) throw new Error("internal: predict latest without a checked training");
  const input = ts(e, node.inputType);
  const out = ts(e, node.outputType);
  const modelType = ts(e, node.modelType);
  const dense = (x: string) => `new ${e.imports.fromMl("DenseVector")}(Float64Array.from(${x}))`;
  let model: string, toModelData: string;
  if (training.learner === "OnlineLogisticRegression") {
    model = `new ${e.imports.fromMl("OnlineLogisticRegressionModel")}().setFeaturesCol("features")`;
    toModelData = `(m: ${modelType}) => ({ coefficient: ${dense("m.coefficient")}, modelVersion: m.modelVersion })`;
  } else {
    model = `new ${e.imports.fromMl("OnlineKMeansModel")}().setFeaturesCol("features").setK(${training.centroids!.length})`;
    toModelData = `(m: ${modelType}) => ({ centroids: m.centroids.map((c) => ${dense("c")}), weights: ${dense("m.weights")}, modelVersion: m.modelVersion })`;
  }
  const added = new Set(LEARNERS.get(training.learner)!.predictionColumns.map((c) => c.name));
  const fields = node.outputType.fields.map((f) => {
    // why brackets on the scored row: it is a Record, and a project may set noPropertyAccessFromIndexSignature
    if (!added.has(f.name)) return `${f.name}: r.${f.name}`;
    if (f.type.kind === "array") return `${f.name}: ${e.imports.fromSupport("vectorToArray")}(s[${JSON.stringify(f.name)}])`;
    return `${f.name}: s[${JSON.stringify(f.name)}] as ${e.ctx.types.ts(f.type)}`;
  });
  const modelEdge = inputsOf(e.job, node.id).find((x) => x.input === 1)!;
  const name = `predict#${node.id}`;
  const spec = `{ name: ${JSON.stringify(name)}, model: ${model}, features: (r: ${input}) => ${featuresOf(e, training, "r")}, toModelData: ${toModelData}, fromRow: (r: ${input}, s: Record<string, unknown>): ${out} => ({ ${fields.join(", ")} }) }`;
  // why the plain model stream: ml/ broadcasts it itself (the plan's broadcast edge says what happens, not a call to add)
  assign(e, node, `${e.imports.fromSupport("predictWithLatest")}(${mainInput(e, node, input)}, ${stream(modelEdge.from)}, ${spec})${parallelism(e, node)}`);
}

/**
 * `lookup t as s on …`: a flatMap whose function loads the table as each subtask opens — the caller's rows for `t`, else
 * its declared collection or file, read to the end — and looks each record's key up in it. Fused, the keys and the
 * condition are generated code; with --no-fuse they are interpreted.
 */
function emitLookup(e: JobEmitter, node: LookupNode): void {
  const input = ts(e, node.inputType);
  const right = ts(e, node.rightType);
  const out = ts(e, node.outputType);
  const table = node.table.name;
  const pairs = node.op.keyPairs;
  const leftKey = keySelector(e, { exprs: pairs.map((p) => p.left), fields: [] }, node.inputType, false);
  const rightKey = keySelector(e, { exprs: pairs.map((p) => p.right), fields: [] }, node.rightType, true);
  const matches = e.ctx.options.fuse
    ? `(l: ${input}, r: ${right}) => ${emitIr(node.op.condition, scopeOf(recordEnv("l", node.inputType.fields), e.code, { right: "r" }))}`
    : `(l: ${input}, r: ${right}) => ${e.imports.fromSupport("evaluate")}(${hoistIr(e, node.op.condition)}, { record: l as any, right: r, udfs: UDFS }) === true`;
  const combine = `(l: ${input}, r: ${right} | null): ${out} => ${recordWithCode("l", node.inputType.fields.map((f) => f.name), [[node.op.alias, "r"]])} as ${out}`;
  const name = JSON.stringify(`lookup#${node.id}`);
  const spec = `{ name: ${name}, table: ${JSON.stringify(table)}, given: sources.${table}, source: () => ${tableSource(e, node.table, node.rightType, right)}, leftKey: ${leftKey}, rightKey: ${rightKey}, matches: ${matches}, combine: ${combine}, outer: ${node.op.outer} }`;
  assign(e, node, `${mainInput(e, node, input)}.flatMap(${e.imports.fromSupport("lookupFunction")}<${input}, ${right}, ${out}>(${spec}), ${name})${parallelism(e, node)}`);
}

/** The declared source of a lookup table: a collection, a file read without watching or a PostgreSQL table (the checker allows no other). */
function tableSource(e: JobEmitter, table: LookupNode["table"], type: RecordType, record: string): string {
  const name = table.name;
  const call = table.connector;
  if (call.name === "collection") {
    const constName = `${name.toUpperCase()}_RECORDS`;
    if (!e.constants.has(constName)) e.hoisted.push(`const ${constName}: ${record}[] = ${JSON.stringify(call.args.get("records"))};`);
    e.constants.add(constName);
    return `new ${e.imports.fromRuntime("CollectionSource")}<${record}>(${constName})`;
  }
  if (call.name !== "file" && call.name !== "postgres") throw new Error(`internal: lookup table ${name} is a ${call.name} source`);
  const schemaName = `${name.toUpperCase()}_SCHEMA`;
  if (!e.constants.has(schemaName)) e.hoisted.push(`const ${schemaName}: ${e.imports.fromSupport("SchemaType", true)} = ${JSON.stringify(type)};`);
  e.constants.add(schemaName);
  if (call.name === "postgres") return `${e.imports.fromSupport("postgresSource")}<${record}>(${JSON.stringify(name)}, ${JSON.stringify(Object.fromEntries(call.args))}, ${schemaName}, io.onDeadLetter)`;
  const a = call.args;
  return `new ${e.imports.fromSupport("FileSource")}<${record}>({ name: ${JSON.stringify(name)}, path: ${filePath(e, name, a)}, format: ${JSON.stringify(fileFormat(a))}, watch: false${headerless(a)}${filePartitions(a)}, type: ${schemaName}, onDeadLetter: io.onDeadLetter })`;
}

/**
 * `predict model("…")`: a flatMap whose function loads the servable as each subtask opens, turns the `[float]` columns
 * the model reads as vectors into DenseVectors, scores the record, and builds the output record field by field (vectors
 * the model adds become arrays again). Fused and --no-fuse emit the same code: there is nothing to interpret.
 */
function emitPredict(e: JobEmitter, node: PredictNode): void {
  const model = node.op.model;
  const scoring = node.op.scoring;
  if (model === null || scoring === null) throw new Error("internal: predict without a resolved model");
  const input = ts(e, node.inputType);
  const out = ts(e, node.outputType);
  const dir = JSON.stringify(model.dir);
  const servable = e.imports.fromMl("PipelineModelServable");
  let toRow = `(r: ${input}) => r as unknown as Record<string, unknown>`;
  if (scoring.vectorInputs.length > 0) {
    const vector = e.imports.fromMl("DenseVector");
    toRow = `(r: ${input}) => ${recordWithCode("r", node.inputType.fields.map((f) => f.name), scoring.vectorInputs.map((n) => [n, `new ${vector}(Float64Array.from(r.${n}))`]))}`;
  }
  const added = new Map(scoring.added.map((c) => [c.name, c]));
  const fields = node.outputType.fields.map((f) => {
    const column = added.get(f.name);
    // why brackets on the scored row: it is a Record, and a project may set noPropertyAccessFromIndexSignature
    if (column === undefined) return `${f.name}: r.${f.name}`;
    if (column.vector) return `${f.name}: ${e.imports.fromSupport("vectorToArray")}(s[${JSON.stringify(f.name)}])`;
    return `${f.name}: s[${JSON.stringify(f.name)}] as ${e.ctx.types.ts(f.type)}`;
  });
  const fromRow = `(r: ${input}, s: Record<string, unknown>): ${out} => ({ ${fields.join(", ")} })`;
  const spec = `{ dir: ${dir}, location: ${JSON.stringify(e.code.tag(node.span))}, columns: ${JSON.stringify(columnsFingerprint(model.stages))}, load: () => ${servable}.load(${dir}), toRow: ${toRow}, fromRow: ${fromRow} }`;
  const name = JSON.stringify(`predict#${node.id}`);
  assign(e, node, `${mainInput(e, node, input)}.flatMap(${e.imports.fromSupport("predictFunction")}<${input}, ${out}>(${spec}), ${name})${parallelism(e, node)}`);
}

/**
 * `match P [timeoutsTo x]`: `CEP.pattern(keyed, pattern).select(…)`, the pattern built by its generated function
 * (or, with --no-fuse, by replaying the same Pattern API calls with interpreted conditions). Without a key the
 * library runs the pattern on one subtask, as Flink does.
 */
function emitMatch(e: JobEmitter, node: PlanNode & { kind: "match" }): void {
  const decl = node.pattern;
  // The stream may carry more fields than the pattern's schema (after `extend`): match it as the schema it fits.
  const event = ts(e, decl.eventType ?? node.inputType);
  const out = ts(e, node.outputType);
  const timeoutEdge = outputsOf(e.job, node.id).find((x) => x.side !== undefined);
  const timeoutType = ts(e, decl.timeoutType ?? { kind: "record", fields: [] });
  let pattern: string, select: string, timeout: string;
  if (e.ctx.options.fuse) {
    const fn = (what: string) => e.imports.fromLocal("chains.js", patternFunctionName(decl.name, what));
    pattern = `${fn("Pattern")}()`;
    select = fn("Select");
    timeout = fn("Timeout");
  } else {
    const data = { skip: decl.skip, calls: decl.calls, conditions: decl.conditions.map((c) => ({ stage: c.stage, expr: c.expr, requires: c.requires })) };
    const name = `PATTERN${irCounter++}`;
    e.hoisted.push(`const ${name}: ${e.imports.fromSupport("InterpretedRecipe", true)} = ${JSON.stringify(data, embeddedIr(e))};`);
    pattern = `${e.imports.fromSupport("interpretPattern")}<${event}>(${name}, UDFS)`;
    select = `${e.imports.fromSupport("interpretPatternEmit")}<${event}>(${hoistIr(e, decl.emit)}, UDFS) as unknown as (m: ${e.imports.fromSupport("Match", true)}<${event}>) => ${out}`;
    const stages = (decl.timeoutType?.fields ?? []).map((f) => f.name);
    timeout = `${e.imports.fromSupport("patternTimeoutRecord")}<${event}>(${JSON.stringify(stages)}) as unknown as (m: ${e.imports.fromSupport("Match", true)}<${event}>) => ${timeoutType}`;
  }
  let input = mainInput(e, node, ts(e, node.inputType));
  if (ts(e, node.inputType) !== event) {
    const as = node.key !== null ? `${e.imports.fromRuntime("KeyedStream", true)}<${event}, unknown>` : `${e.imports.fromRuntime("DataStream", true)}<${event}>`;
    input = `(${input} as unknown as ${as})`;
  }
  const cep = `${e.imports.fromSupport("CEP")}.pattern(${input}, ${pattern})`;
  const call = timeoutEdge === undefined ? `.select<${out}>(${select})` : `.select<${out}, ${timeoutType}>(${sideTag(e, timeoutEdge)}, ${timeout}, ${select})`;
  assign(e, node, `${cep}${call}${parallelism(e, node)}`);
}

function emitSource(e: JobEmitter, node: PlanNode & { kind: "source" }): void {
  const type = ts(e, node.outputType);
  const call = node.source.connector;
  const name = node.name;
  const schema = () => {
    const constName = `${name.toUpperCase()}_SCHEMA`;
    if (!e.constants.has(constName)) {
      e.constants.add(constName);
      e.hoisted.push(`const ${constName}: ${e.imports.fromSupport("SchemaType", true)} = ${JSON.stringify(node.outputType)};`);
    }
    return constName;
  };
  let connector: string;
  switch (call.name) {
    case "collection": {
      const data = call.args.get("records");
      const constName = `${name.toUpperCase()}_RECORDS`;
      // why: jobs of one file share a module; a source read by two jobs declares its data once
      if (!e.constants.has(constName)) e.hoisted.push(`const ${constName}: ${type}[] = ${JSON.stringify(data)};`);
      e.constants.add(constName);
      connector = `new ${e.imports.fromRuntime("CollectionSource")}<${type}>(${constName})`;
      break;
    }
    case "file": {
      const a = call.args;
      connector = `new ${e.imports.fromSupport("FileSource")}<${type}>({ name: ${JSON.stringify(name)}, path: ${filePath(e, name, a)}, format: ${JSON.stringify(fileFormat(a))}, watch: ${a.get("watch") === true}${headerless(a)}${filePartitions(a)}${partitionFilter(e, node, type)}, type: ${schema()}, onDeadLetter: io.onDeadLetter })`;
      break;
    }
    case "socket": {
      const a = call.args;
      connector = `${e.imports.fromSupport("socketSource")}<${type}>(${JSON.stringify(name)}, ${JSON.stringify(a.get("host"))}, ${Number(a.get("port"))}, ${JSON.stringify(a.get("format") ?? "jsonl")}, ${schema()}, io.onDeadLetter)`;
      break;
    }
    case "jetstream": {
      const a = call.args;
      const spec = { servers: a.get("servers"), stream: a.get("stream"), ...(a.has("subject") ? { subject: a.get("subject") } : {}), bounded: a.get("bounded") === true, ...(a.has("start") ? { start: a.get("start") } : {}) };
      connector = `${e.imports.fromSupport("jetstreamSource")}<${type}>(${JSON.stringify(name)}, ${JSON.stringify(spec)}, ${schema()}, io.onDeadLetter)`;
      break;
    }
    case "postgres":
      connector = `${e.imports.fromSupport("postgresSource")}<${type}>(${JSON.stringify(name)}, ${JSON.stringify(Object.fromEntries(call.args))}, ${schema()}, io.onDeadLetter)`;
      break;
    case "generator": {
      const a = call.args;
      connector = `${e.imports.fromSupport("generatorSource")}<${type}>(${schema()}, ${JSON.stringify(Object.fromEntries(a))})`;
      break;
    }
    case "datagen": {
      const a = call.args;
      connector = `${e.imports.fromSupport("datagenSource")}<${type}>(${schema()}, ${JSON.stringify(Object.fromEntries(a))})`;
      break;
    }
    case "nexmark":
      return emitNexmarkView(e, node);
    default:
      throw new Error(`the \`${call.name}\` source connector is not available in this build (${e.code.tag(call.span)})`);
  }
  const user = e.imports.fromSupport("userSource");
  const p = parallelism(e, node);
  assignSource(e, node, type, `env.fromSource<${type}>(sources.${name} !== undefined ? ${user}(sources.${name}) : ${connector}, ${watermarkStrategy(e, node, type)}, ${JSON.stringify(`source:${name}`)})${p}`);
}

/**
 * The source's timestamps and watermarks as declared (`watermark ts delay 5s`, `idle 1m`). A job without event-time
 * operators keeps the timestamps but generates no watermarks: nothing in it waits for one, and a bounded input still
 * ends with the final watermark.
 */
function watermarkStrategy(e: JobEmitter, node: PlanNode & { kind: "source" }, type: string): string {
  const wm = node.source.watermark;
  const strategyClass = e.imports.fromRuntime("WatermarkStrategy");
  const assigner = wm === null ? "" : `.withTimestampAssigner((r) => r.${wm.field})`;
  if (wm === null || !usesEventTime(e.job)) return `${strategyClass}.noWatermarks<${type}>()${assigner}`;
  const idle = node.source.idleMs === null ? "" : `.withIdleness(${node.source.idleMs})`;
  return `${strategyClass}.forBoundedOutOfOrderness<${type}>(${wm.delayMs})${assigner}${idle}`;
}

/**
 * A nexmark source is a view (person, auction or bid) of a generated event stream that every view with the same
 * generator settings and watermark shares, as Flink's views share one datagen table. The stream is created lazily:
 * when the caller replaces every view, no generator runs.
 */
function emitNexmarkView(e: JobEmitter, node: PlanNode & { kind: "source" }): void {
  const type = ts(e, node.outputType);
  const args = node.source.connector.args;
  const table = String(args.get("table"));
  const settings: Record<string, unknown> = {};
  for (const [k, v] of args) if (k !== "table") settings[NEXMARK_SETTING.get(k) ?? k] = v;
  const wm = node.source.watermark;
  const watermarks = usesEventTime(e.job);
  // why null: no event-time operator downstream, so the shared events carry timestamps but no watermarks
  const delay = !watermarks ? null : wm === null ? 0 : wm.delayMs;
  const idle = !watermarks ? null : node.source.idleMs;
  const shareKey = JSON.stringify([settings, delay, idle, node.parallelism]);
  let events = e.nexmark.get(shareKey);
  if (events === undefined) {
    events = e.code.fresh("sharedNexmark");
    e.nexmark.set(shareKey, events);
    const stream = e.imports.fromRuntime("DataStream", true);
    const eventType = `${e.imports.fromRuntime("nexmark", true)}.NexmarkEvent`;
    const p = parallelism(e, node);
    e.lines.push(`// ${e.code.tag(node.source.connector.span)}  the nexmark events shared by the views with these settings`);
    e.lines.push(`let ${events}Stream: ${stream}<${eventType}> | undefined;`);
    e.lines.push(`const ${events} = (): ${stream}<${eventType}> => (${events}Stream ??= ${e.imports.fromSupport("nexmarkEvents")}(env, ${JSON.stringify(settings)}, io.nexmark, ${delay}, ${idle})${p});`);
  }
  // A replacement gets the watermark the view declares, on its own records.
  const strategy = watermarkStrategy(e, node, type);
  const user = e.imports.fromSupport("userSource");
  const view = `${e.imports.fromSupport("nexmarkView")}<${type}>(${events}(), ${JSON.stringify(table)})${parallelism(e, node)}`;
  assignSource(e, node, type, `sources.${node.name} !== undefined ? env.fromSource<${type}>(${user}(sources.${node.name}), ${strategy}, ${JSON.stringify(`source:${node.name}`)}) : ${view}`);
}

/** The `partitionBy` and `partitionCommit` of a `file(...)` sink's FileSinkSpec, the `partitionBy` of a source's FileSourceOptions (checked in report-connector-settings.ts). */
function filePartitions(a: ReadonlyMap<string, unknown>): string {
  if (!a.has("partitionBy")) return "";
  const commit = a.get("commit");
  const spec = commit === undefined ? "" : `, partitionCommit: ${JSON.stringify({ trigger: commit, delay: Number(a.get("commitDelay") ?? 0), timePattern: a.get("timePattern") ?? null })}`;
  return `, partitionBy: ${JSON.stringify(a.get("partitionBy"))}${spec}`;
}

/**
 * The `partitionFilter` of a partitioned file source's FileSourceOptions (partition pruning), evaluated as the filter
 * it comes from is: generated code keeping what its chain keeps (a truthy condition), or, with --no-fuse, the
 * interpreter's filter. The runtime hands it the partition columns only, which are all the condition reads.
 */
function partitionFilter(e: JobEmitter, node: PlanNode & { kind: "source" }, type: string): string {
  const filter = node.partitionFilter;
  if (filter === undefined) return "";
  if (!e.ctx.options.fuse) return `, partitionFilter: ${e.imports.fromSupport("interpretFilter")}(${hoistIr(e, filter)}, {})`;
  const columns = [...inputFieldsRead(filter)].map((c) => JSON.stringify(c)).join(" | ");
  const condition = emitIr(filter, scopeOf(recordEnv("p", node.outputType.fields), e.code));
  return `, partitionFilter: (partition) => { const p = partition as Pick<${type}, ${columns}>; return !!(${condition}); }`;
}

function emitSink(e: JobEmitter, node: PlanNode & { kind: "sink" }): void {
  const type = ts(e, node.inputType);
  const call = node.sink.connector;
  let connector: string;
  switch (call.name) {
    case "stdout": {
      const a = call.args;
      connector = `${e.imports.fromSupport("stdoutSink")}<${type}>(${JSON.stringify(a.get("format") ?? "jsonl")}, io.stdout)`;
      break;
    }
    case "file": {
      const a = call.args;
      const roll = a.get("rollEvery");
      const columns = JSON.stringify(node.inputType.fields.map((f) => f.name));
      connector = `${e.imports.fromSupport("fileSink")}<${type}>({ path: ${filePath(e, node.name, a)}, format: ${JSON.stringify(fileFormat(a))}, columns: ${columns}${headerless(a)}${roll === undefined ? "" : `, rollEvery: ${Number(roll)}`}${filePartitions(a)} })`;
      break;
    }
    case "postgres": {
      const a = call.args;
      const key = a.get("key");
      const fields = node.inputType.fields;
      const spec = {
        url: a.get("url"),
        table: a.get("table"),
        mode: a.get("mode") ?? "exactly_once",
        key: key === undefined ? null : typeof key === "string" ? [key] : key,
        columns: fields.map((f) => f.name),
        timestamps: fields.filter((f) => (f.type.kind === "nullable" ? f.type.inner : f.type).kind === "timestamp").map((f) => f.name),
        ...(a.has("batchSize") ? { batchSize: a.get("batchSize") } : {}),
      };
      connector = `${e.imports.fromSupport("postgresSink")}<${type}>(${JSON.stringify(spec)})`;
      break;
    }
    case "jetstream": {
      const a = call.args;
      const spec = { servers: a.get("servers"), stream: a.get("stream"), subject: a.get("subject"), ...(a.has("minDuplicateWindow") ? { minDuplicateWindowMs: a.get("minDuplicateWindow") } : {}) };
      connector = `${e.imports.fromSupport("jetstreamSink")}<${type}>(${JSON.stringify(spec)})`;
      break;
    }
    case "collect":
      connector = `io.collect<${type}>(${JSON.stringify(node.name)})`;
      break;
    case "discard":
      connector = `${e.imports.fromSupport("discardSink")}<${type}>()`;
      break;
    default:
      throw new Error(`the \`${call.name}\` sink connector is not available in this build`);
  }
  const fnSink = e.imports.fromRuntime("recordFunctionSink");
  const local = e.code.fresh(`${node.name}Sink`);
  e.lines.push(`// ${e.code.tag(node.span)}  [${node.id}] sink ${node.name}`);
  e.lines.push(`const ${local} = sinks.${node.name};`);
  // why: a sink fed only by side outputs (lateTo, timeoutsTo) is named `side:` so summaries count it apart from the output
  const sideOnly = inputsOf(e.job, node.id).every((edge) => edge.side !== undefined);
  e.lines.push(`${mainInput(e, node, type)}.sinkTo(${local} !== undefined ? ${fnSink}<${type}>(${local}, ${JSON.stringify(`sinks.${node.name}`)}) : ${connector}, ${JSON.stringify(`${sideOnly ? "side" : "sink"}:${node.name}`)})${parallelism(e, node)};`);
}

/**
 * The path of a `file(...)` connector, resolved when the job starts (against the working directory, or replaced by
 * RunOptions.files): generated code never holds an absolute path of the machine that compiled it.
 */
function filePath(e: JobEmitter, name: string, args: ReadonlyMap<string, unknown>): string {
  const local = e.code.fresh(`${name}Path`);
  // why: computed even when the caller replaces the connector, so that RunOptions.files can name every file connector
  e.lines.push(`const ${local} = ${e.imports.fromSupport("filePath")}(io, ${JSON.stringify(name)}, ${JSON.stringify(String(args.get("path")))});`);
  return local;
}

/** `, header: false` for a CSV `file(…)` without header lines (`header: false`); nothing for the default (a header). */
function headerless(a: ReadonlyMap<string, unknown>): string {
  return a.get("header") === false ? ", header: false" : "";
}

/** The format of a `file(...)` connector: as given, else by the path's extension (the checker rejected anything else). */
function fileFormat(args: ReadonlyMap<string, unknown>): "jsonl" | "csv" {
  return fileFormatOf(String(args.get("path")), args.get("format")) ?? "jsonl";
}

function assigner(e: JobEmitter, spec: WindowSpec): string {
  const event = spec.time === "event";
  switch (spec.kind) {
    case "tumbling": return `${e.imports.fromRuntime(event ? "TumblingEventTimeWindows" : "TumblingProcessingTimeWindows")}.of(${spec.sizeMs})`;
    case "sliding": return `${e.imports.fromRuntime(event ? "SlidingEventTimeWindows" : "SlidingProcessingTimeWindows")}.of(${spec.sizeMs}, ${spec.slideMs})`;
    case "cumulate": return `${e.imports.fromRuntime(event ? "CumulativeEventTimeWindows" : "CumulativeProcessingTimeWindows")}.of(${spec.sizeMs}, ${spec.stepMs})`;
    case "session": return `${e.imports.fromRuntime(event ? "EventTimeSessionWindows" : "ProcessingTimeSessionWindows")}.withGap(${spec.gapMs})`;
    case "global": return `${e.imports.fromRuntime("GlobalWindows")}.create()`;
    case "count": throw new Error("internal: count windows are built with countWindow");
  }
}

/** The runtime trigger a `trigger …` clause names (see TriggerSpec), wrapped in PurgingTrigger for `purge`. */
function triggerCode(e: JobEmitter, spec: TriggerSpec, window: IrWindow): string {
  let code: string;
  switch (spec.kind) {
    case "count": code = `${e.imports.fromRuntime("CountTrigger")}.of(${spec.count})`; break;
    case "continuous": {
      const cls = spec.time === "event" ? "ContinuousEventTimeTrigger" : "ContinuousProcessingTimeTrigger";
      code = `${e.imports.fromRuntime(cls)}.of(${spec.intervalMs})`;
      break;
    }
    case "firings": {
      const firings = { early: spec.early, lateCount: spec.lateCount, allowedLatenessMs: window.allowedLatenessMs };
      code = `new ${e.imports.fromSupport("EventTimeFiringsTrigger")}(${JSON.stringify(firings)})`;
      break;
    }
  }
  return spec.purge ? `${e.imports.fromRuntime("PurgingTrigger")}.of(${code})` : code;
}

/** `.window(…)` (or `countWindow`) with lateness and the late side output, on a keyed or whole stream. */
function windowed(e: JobEmitter, node: PlanNode & { kind: "aggregate" }, input: string, window: IrWindow): string {
  const spec = window.spec;
  const keyed = node.key !== null;
  let w = spec.kind === "count"
    ? `${input}.${keyed ? "countWindow" : "countWindowAll"}(${spec.size})`
    : `${input}.${keyed ? "window" : "windowAll"}(${assigner(e, spec)})`;
  if (window.trigger !== null) w += `.trigger(${triggerCode(e, window.trigger, window)})`;
  // why only when set: a window without `allowedLateness` keeps the runtime's default
  if (window.allowedLatenessMs > 0) w += `.allowedLateness(${window.allowedLatenessMs})`;
  const late = outputsOf(e.job, node.id).find((x) => x.side !== undefined);
  if (late !== undefined) w += `.sideOutputLateData(${sideTag(e, late)})`;
  return w;
}

function emitAggregate(e: JobEmitter, node: PlanNode & { kind: "aggregate" }): void {
  const strategy = aggregateStrategy(node, e.ctx.options.fuse);
  const input = ts(e, node.inputType);
  const out = ts(e, node.outputType);
  const keyed = node.key !== null;
  const ins = inputsOf(e.job, node.id);
  const viaHash = ins.length === 1 && ins[0]!.partitioning.kind === "hash";
  const name = JSON.stringify(`${node.window === null ? "aggregate" : "window"}#${node.id}`);
  if (strategy === "tumbling" || strategy === "running") {
    const cls = e.imports.fromLocal("chains.js", aggregateName(e.job, node.id));
    const late = outputsOf(e.job, node.id).find((x) => x.side !== undefined);
    const args = strategy === "tumbling" && late !== undefined ? sideTag(e, late) : "";
    const i = mainInput(e, node, input);
    // Without a shuffle in front (fused at parallelism 1) the operator sets keys itself; the selector only marks it keyed.
    const expr = viaHash ? `${i}.transformKeyed<${out}>(${name}, () => new ${cls}(${args}))` : `${i}.transform<${out}>(${name}, () => new ${cls}(${args}), () => 0)`;
    return assign(e, node, `${expr}${parallelism(e, node)}`);
  }
  const i = mainInput(e, node, input);
  const op = node.op;
  const keyNames = JSON.stringify(node.key?.fields.map((f) => f.name) ?? []);
  if (op.kind === "aggregate") {
    if (node.window === null && (op.retractOn !== undefined || op.retractsChanges === true)) {
      const keyFn = keySelector(e, node.key!, node.inputType, false);
      const rows = op.retractsChanges === true ? JSON.stringify({ rowKindField: ROW_KIND_FIELD }) : JSON.stringify(op.retractOn);
      return assign(e, node, `${i}.process(${e.imports.fromSupport("retractingAggregate")}(${hoistIr(e, op.fields)}, ${keyNames}, (${keyFn}) as any, ${rows}, UDFS) as any, ${name})${parallelism(e, node)} as unknown as ${e.imports.fromRuntime("DataStream", true)}<${out}>`);
    }
    if (node.window === null) {
      // A running aggregate without specialisation (--no-fuse).
      const keyFn = keySelector(e, node.key!, node.inputType, false);
      return assign(e, node, `${i}.process(${e.imports.fromSupport("interpretRunningAggregate")}(${hoistIr(e, op.fields)}, ${keyNames}, (${keyFn}) as any, UDFS) as any, ${name})${parallelism(e, node)} as unknown as ${e.imports.fromRuntime("DataStream", true)}<${out}>`);
    }
    const w = windowed(e, node, i, node.window);
    if (e.ctx.options.fuse) {
      const fn = e.imports.fromLocal("chains.js", libraryAggregateName(e.job, node.id));
      const output = e.imports.fromLocal("chains.js", `${libraryAggregateName(e.job, node.id)}Output`);
      const windowFn = keyed ? output : `(ctx: any, elements: any, o: any) => ${output}(null, ctx, elements, o)`;
      return assign(e, node, `${w}.aggregate(${fn}, ${windowFn})${parallelism(e, node)}`);
    }
    const agg = e.code.fresh(`aggregate${node.id}`);
    e.lines.push(`const ${agg} = ${e.imports.fromSupport("interpretAggregate")}(${hoistIr(e, op.fields)}, ${keyNames}, UDFS);`);
    const windowFn = keyed ? `${agg}.window` : `(ctx: any, elements: any, o: any) => ${agg}.window.process(null, ctx, elements, o)`;
    return assign(e, node, `${w}.aggregate(${agg}.aggregate as any, ${windowFn} as any)${parallelism(e, node)} as unknown as ${e.imports.fromRuntime("DataStream", true)}<${out}>`);
  }
  if (op.kind === "reduce") {
    const fn = e.ctx.options.fuse
      ? `(a: ${input}, b: ${input}): ${input} => ${emitIrArrowBody(op.body, scopeOf(new Map(), e.code, { params: ["a", "b"] }))}`
      : `${e.imports.fromSupport("interpretReduce")}(${hoistIr(e, op.body)}, UDFS) as any`;
    if (node.window === null) return assign(e, node, `${i}.reduce(${fn}, ${name})${parallelism(e, node)}`);
    return assign(e, node, `${windowed(e, node, i, node.window)}.reduce(${fn})${parallelism(e, node)}`);
  }
  // top n by e [desc]
  const orderKey = (x: IrExpr) => e.ctx.options.fuse
    ? `(r: ${input}) => ${emitIr(x, scopeOf(recordEnv("r", node.inputType.fields), e.code))}`
    : `(r: ${input}) => ${e.imports.fromSupport("evaluate")}(${hoistIr(e, x)}, { record: r as any, udfs: UDFS })`;
  const [first, ...then] = op.order;
  if (first === undefined) throw new Error(`internal: top without an order at node ${node.id}`);
  if (node.window === null) {
    // A running top: an upsert stream on (key, rank); the keys after the first break ties.
    const keys = op.order.map((k) => `{ by: ${orderKey(k.by)}, descending: ${k.descending} }`);
    // over a changelog: every present row kept, the ranks' changes with their kinds (runtime/operators/retracting-top-n.ts)
    const rank = op.rank === undefined ? "" : `, ${JSON.stringify(op.rank)}`;
    const make = op.retractsChanges === true ? `${e.imports.fromSupport("retractingTopN")}<${input}, ${out}>(${JSON.stringify(`top#${node.id}`)}, ${op.count}, [${keys.join(", ")}], ${JSON.stringify(ROW_KIND_FIELD)}${rank})` : null;
    const top = make ?? `${e.imports.fromSupport("runningTopN")}<${input}, ${out}>(${JSON.stringify(`top#${node.id}`)}, ${op.count}, [${keys.join(", ")}]${rank})`;
    return assign(e, node, `${i}.transformKeyed<${out}>(${JSON.stringify(`top#${node.id}`)}, () => ${top})${parallelism(e, node)}`);
  }
  const tieBreak = then.length === 0 ? "" : `, ${e.imports.fromSupport("comparatorOf")}<${input}>([${then.map((k) => `{ by: ${orderKey(k.by)}, descending: ${k.descending} }`).join(", ")}])`;
  const top = `${e.imports.fromSupport("topFunction")}<${input}>(${op.count}, ${orderKey(first.by)}, ${first.descending}${tieBreak})`;
  const w = windowed(e, node, i, node.window!);
  return assign(e, node, keyed ? `${w}.process(${top})${parallelism(e, node)}` : `${w}.process((ctx: any, elements: any, o: any) => ${top}.process(null, ctx, elements, o))${parallelism(e, node)}`);
}

