// Emits chains.ts: one function per fused chain, one class per specialised aggregate (tumbling window or running,
// with the chains around it fused in), generated AggregateFunctions for library windows, and the conditions, builder
// and emit functions of CEP patterns. Every statement group is tagged with the `.flow` position it comes from.
import type { IrPattern } from "../ir/pattern.js";
import { accumulatorLayout, accumulatorMembers, createLiteral, mergeLines, resultOf, updateLines } from "../emit/aggregate-code.js";
import type { IrAggregateFields } from "../ir/aggregation.js";
import { emitSteps, liveness, oneLine, recordEnv, recordLiteral, scopeOf, type CodeContext, type FieldEnv, type Skip } from "../emit/chain-code.js";
import { changeLines, changelogMembers, deleteLines, type ChangelogMembers } from "../emit/changelog-code.js";
import { retractingLayout, retractingResultOf, retractingUpdateLines } from "../emit/retracting-aggregate-code.js";
import type { IrAggregateCall } from "../ir/expr.js";
import type { Span } from "../ast/span.js";
import { ROW_KIND_FIELD } from "../types/row-kind.js";
import { record, type RecordType } from "../types/type.js";
import { createCodeContext } from "../emit/code-context.js";
import { LineMap } from "../diagnostics/line-map.js";
import { emitIr } from "../emit/emit-expression.js";
import { patternFunctions } from "../emit/pattern-code.js";
import { Imports } from "../emit/imports.js";
import { aggregateName, chainName, readName } from "../emit/names.js";
import { fusedSourceOf } from "../emit/source-fusion.js";
import { camel, pascal } from "../emit/type-names.js";
import { printAggregation, printIr, printStep, printWindow } from "../ir/print.js";
import { aggregateStrategy } from "../plan/specialise.js";
import type { AggregateNode, ChainNode, JobPlan, SourceNode } from "../plan/plan.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitChains(ctx: BackEndContext): void {
  const imports = new Imports(ctx.options);
  const code = createCodeContext(ctx.file, ctx.lines, imports);
  const statements: string[] = [];
  const patterns = new Set<string>();
  for (const job of ctx.plan.jobs) {
    for (const node of job.nodes) {
      code.reset();
      if (node.kind === "match" && ctx.options.fuse && !patterns.has(node.pattern.name)) {
        patterns.add(node.pattern.name);
        statements.push(patternCode(ctx, node.pattern, code, imports));
      }
      if (node.kind === "chain" && ctx.options.fuse) {
        statements.push(chainFunction(ctx, job, node, code, imports));
        const source = fusedSourceOf(job, node, ctx.options.fuse);
        if (source !== null) {
          code.reset();
          statements.push(readFunction(ctx, job, node, source, code, imports));
        }
      }
      if (node.kind !== "aggregate" || node.op.kind !== "aggregate") continue;
      const strategy = aggregateStrategy(node, ctx.options.fuse);
      if (strategy === "tumbling" || strategy === "running") statements.push(aggregateClass(ctx, job, node, node.op, strategy, code, imports));
      else if (ctx.options.fuse && node.window !== null) statements.push(libraryAggregate(ctx, job, node, node.op, code, imports));
    }
  }
  emitFile(ctx, "chains.ts", (file) => {
    if (statements.length === 0) file.addStatements("// Nothing to fuse: every operator runs through the runtime API (see job.ts).\nexport {};");
    else file.addStatements([...code.constantDeclarations(), ...statements].join("\n\n"));
    imports.apply(file);
  });
}

function chainFunction(ctx: BackEndContext, job: JobPlan, node: ChainNode, code: CodeContext, imports: Imports): string {
  const inType = ctx.types.ts(node.inputType);
  const outType = ctx.types.ts(node.outputType);
  imports.fromRuntime("RecordBatch", true);
  imports.fromRuntime("Output", true);
  imports.fromLocal("types.js", inType, true);
  imports.fromLocal("types.js", outType, true);
  const env = recordEnv("r", node.inputType.fields);
  const needed = new Set(node.outputType.fields.map((f) => f.name));
  const calls = code.udfCalls();
  const shape = chainShape(node);
  const same = { variable: "r", fields: node.inputType.fields };
  // why in place: a chain of at most one output per input writes each survivor over the slot it read (or an earlier
  // one) and hands the batch on whole, as the runtime's map and filter do (Output.collectBatch) — no call per record
  const body = emitSteps(node.steps, env, needed, "continue", code, (final) => {
    const record = recordLiteral(node.outputType.fields, final, same);
    switch (shape) {
      case "one-to-one": return [`results[i] = ${record};`];
      case "filtering": return [`results[kept] = ${record};`, "timestamps[kept++] = timestamps[i]!;"];
      case "fan-out": return [`out.collect(${record}, timestamps[i]!);`];
    }
  });
  const doc = node.steps.map((s) => ` * ${oneLine(printStep(s))}`).join("\n");
  const inPlace = shape !== "fan-out";
  const head = `/**\n * ${job.name} [${node.id}] (${code.tag(node.span)}):\n${doc}\n */
export function ${chainName(job, node.id)}(batch: RecordBatch<${inType}>, out: Output<${outType}>): void {
  const values = batch.values;${shape === "one-to-one" ? "" : "\n  const timestamps = batch.timestamps;"}
  const n = batch.length;${inPlace ? `\n  const results = values as unknown as ${outType}[];` : ""}${shape === "filtering" ? "\n  let kept = 0;" : ""}`;
  const handOn = shape === "fan-out" ? ""
    : shape === "filtering" ? `
  batch.length = kept;
  if (kept > 0) out.collectBatch(batch as unknown as RecordBatch<${outType}>);`
    : `
  out.collectBatch(batch as unknown as RecordBatch<${outType}>);`;
  if (code.udfCalls() === calls) {
    return `${head}
  for (let i = 0; i < n; i++) {
    const r = values[i]!;
${body.map((l) => `    ${l}`).join("\n")}
  }${handOn}
}`;
  }
  // why: one try around the loop, not per record — a failing imported function learns its record here (the record
  // at i is still the input: survivors only ever overwrite slots at or before the one being read)
  return `${head}
  let i = 0;
  try {
    for (; i < n; i++) {
      const r = values[i]!;
${body.map((l) => `      ${l}`).join("\n")}
    }
  } catch (e) {
    throw ${imports.fromSupport("withRecord")}(e, values[i]);
  }${handOn}
}`;
}

/**
 * Source fusion: the chain inside the read loop of its source when the caller hands that source an array — each
 * element is read, transformed and collected with its event time in one step (the timestamp assigner inlined).
 */
function readFunction(ctx: BackEndContext, job: JobPlan, node: ChainNode, source: SourceNode, code: CodeContext, imports: Imports): string {
  const inType = ctx.types.ts(node.inputType);
  const outType = ctx.types.ts(node.outputType);
  imports.fromRuntime("ReaderOutput", true);
  const wm = source.source.watermark;
  const time = wm === null ? "" : `, r.${wm.field}`;
  const needed = new Set(node.outputType.fields.map((f) => f.name));
  const body = emitSteps(node.steps, recordEnv("r", node.inputType.fields), needed, "continue", code, (final) => [
    `out.collect(${recordLiteral(node.outputType.fields, final, { variable: "r", fields: node.inputType.fields })}${time});`,
  ]);
  const stamp = wm === null ? "" : ` (${code.tag(wm.span)}: its ${wm.field} is the event time)`;
  return `/** ${job.name} [${node.id}] read inside source \`${source.name}\`${stamp}: the chain of ${code.tag(node.span)} over a caller's array. */
export function ${readName(job, node.id)}(elements: readonly ${inType}[], from: number, to: number, out: ReaderOutput<${outType}>): void {
  for (let i = from; i < to; i++) {
    const r = elements[i]!;
${body.map((l) => `    ${l}`).join("\n")}
  }
}`;
}

/**
 * How a chain's outputs relate to its inputs: exactly one each (maps and extends), at most one (filters too), or any
 * number (a flatMap, which emits record by record).
 */
function chainShape(node: ChainNode): "one-to-one" | "filtering" | "fan-out" {
  if (node.steps.some((s) => s.kind === "unnest")) return "fan-out";
  return node.steps.some((s) => s.kind === "filter") ? "filtering" : "one-to-one";
}

/** A pattern's conditions, builder, emit and timeout functions (shared by every job that matches it). */
function patternCode(ctx: BackEndContext, pattern: IrPattern, code: CodeContext, imports: Imports): string {
  const empty = { kind: "record", fields: [] } as const;
  const name = (t: Parameters<typeof ctx.types.ts>[0]) => {
    const text = ctx.types.ts(t);
    if (/^\w+$/.test(text)) imports.fromLocal("types.js", text, true);
    return text;
  };
  // An imported pattern is tagged with the positions of the file that declares it.
  const symbol = [...ctx.symbols.values()].find((x) => x.kind === "pattern" && x.decl.name.name === pattern.name && x.decl.span.start === pattern.span.start);
  const text = symbol === undefined ? undefined : ctx.sources.get(symbol.file);
  const own = symbol === undefined || symbol.file === ctx.file || text === undefined ? code : createCodeContext(symbol.file, new LineMap(text), imports, code.constants);
  return patternFunctions(pattern, { event: name(pattern.eventType ?? empty), emit: name(pattern.emitType ?? empty), timeout: name(pattern.timeoutType ?? empty) }, own, imports);
}

function keyLines(node: AggregateNode, env: FieldEnv, code: CodeContext): { lines: string[]; key: string } {
  const key = node.key;
  if (key === null) return { lines: [], key: "0" };
  const scope = scopeOf(env, code);
  const exprs = key.exprs.map((e) => emitIr(e, scope));
  return { lines: [`const key = ${exprs.length === 1 ? exprs[0] : `[${exprs.join(", ")}]`};`], key: "key" };
}

/**
 * How a running aggregate emits a changelog (of `changelog` merged into it, or of rows taken back): the members keeping
 * its last row, where the post steps shaping the row end (the rest run on each change), the row's type, whether a key
 * whose rows are all gone is deleted (`-D`), and the position the changelog is tagged with.
 */
interface ChangeEmission {
  readonly members: ChangelogMembers;
  readonly split: number;
  readonly rowType: RecordType;
  readonly deletes: boolean;
  readonly span: Span;
}

/**
 * Aggregate outputs → the post chain → `collect`, as lines of a method whose skip is `skip`. `collect` writes the
 * statement that sends the final record: `this.output.collect(record, timestamp)` unless given; `result` the value of
 * an aggregate call. With `changes` the post steps before its split shape the row, and its changes go through the rest.
 */
function outputLines(
  ctx: BackEndContext, node: AggregateNode, op: IrAggregateFields, result: (call: IrAggregateCall) => string, code: CodeContext, skip: Skip, timestamp: string,
  windowed: boolean, collect = (record: string) => `this.output.collect(${record}, ${timestamp});`, changes?: ChangeEmission,
): string[] {
  const lines: string[] = [];
  const split = changes?.split ?? node.post.length;
  const shaping = node.post.slice(0, split);
  const after = node.post.slice(split);
  const shaped = new Set((changes?.rowType ?? node.outputType).fields.map((f) => f.name));
  const needed = liveness(shaping, shaped)[0]!;
  const keyFields = node.key?.fields ?? [];
  const keyEnv = new Map<string, string>();
  keyFields.forEach((k, i) => {
    const local = code.fresh(k.name);
    const value = keyFields.length === 1 ? "key" : `(key as unknown[])[${i}]`;
    lines.push(`const ${local} = ${value} as ${ctx.types.ts(k.type)};`);
    keyEnv.set(k.name, local);
  });
  const send = (final: FieldEnv) => collect(recordLiteral(node.outputType.fields, final));
  if (changes?.deletes === true) {
    lines.push(`// ${code.tag(changes.span)}  a key without rows is deleted`);
    lines.push(`if (acc.n <= 0) {`, ...deleteLines(changes.members, keyEnv, after, node.outputType, skip, code, send).map((l) => `  ${l}`), "}");
  }
  const scope = scopeOf(keyEnv, code, { aggregate: result, ...(windowed ? { window: (which: "start" | "end") => which } : {}) });
  const env = new Map(keyEnv);
  lines.push(`// ${code.tag(op.span)}  ${oneLine(printAggregation(op))}`);
  for (const f of op.fields) {
    if (!needed.has(f.name)) continue;
    const local = code.fresh(f.name);
    lines.push(`const ${local} = ${emitIr(f.value, scope)};`);
    env.set(f.name, local);
  }
  lines.push(...emitSteps(shaping, env, shaped, skip, code, (row, rowSkip) => {
    if (changes === undefined) return [send(row)];
    const what = changes.deletes ? "the rows' changes" : "changelog";
    return [`// ${code.tag(changes.span)}  ${what} (emitted here: the accumulator keeps the row)`, ...changeLines(changes.members, row, after, node.outputType, rowSkip, code, () => code.helper("sameValue"), send)];
  }));
  return lines;
}

/** The fields of a running aggregate's row that are its key's own, unchanged for every row of the key. */
function keyOnlyFields(node: AggregateNode, op: IrAggregateFields): Set<string> {
  return new Set((node.key?.fields ?? []).map((k) => k.name).filter((k) => !op.fields.some((f) => f.name === k)));
}

/** How `node` emits a changelog, if it does: `changelog` merged into it, or the changes of rows taken back. */
function changeEmission(ctx: BackEndContext, node: AggregateNode, op: IrAggregateFields, taken: ReadonlySet<string>): ChangeEmission | undefined {
  const tsOf = (t: Parameters<typeof ctx.types.ts>[0]) => ctx.types.ts(t);
  if (node.changelog !== undefined) {
    // why only without shaping steps: then the row's key fields are the key's locals, the same for every row of a key
    const constant = node.changelog.split === 0 ? keyOnlyFields(node, op) : new Set<string>();
    const members = changelogMembers(node.changelog.rowType, constant, taken, tsOf);
    return { members, split: node.changelog.split, rowType: node.changelog.rowType, deletes: false, span: node.changelog.span };
  }
  if (op.retractsChanges !== true) return undefined;
  const rowType = record(node.aggregateType.fields.filter((f) => f.name !== ROW_KIND_FIELD));
  return { members: changelogMembers(rowType, keyOnlyFields(node, op), taken, tsOf), split: 0, rowType, deletes: true, span: op.span };
}

/**
 * What identifies a row of an update stream within its group: the update key's fields besides the group key's (which
 * every row of the group shares) — nothing (one row per group), one primitive's value, or the JSON of several.
 */
function updateId(fields: readonly string[], groupKey: readonly string[], type: RecordType): { readonly type: string; of(v: string): string } {
  const rest = fields.filter((f) => !groupKey.includes(f));
  if (rest.length === 0) return { type: "number", of: () => "0" };
  const only = rest.length === 1 ? type.fields.find((f) => f.name === rest[0]) : undefined;
  if (only !== undefined && ["int", "string", "timestamp", "bool"].includes(only.type.kind)) {
    return { type: only.type.kind === "string" ? "string" : only.type.kind === "bool" ? "boolean" : "number", of: (v) => `${v}.${only.name}` };
  }
  return { type: "string", of: (v) => `JSON.stringify([${rest.map((f) => `${v}.${f}`).join(", ")}])` };
}

function aggregateClass(ctx: BackEndContext, job: JobPlan, node: AggregateNode, op: IrAggregateFields, strategy: "tumbling" | "running", code: CodeContext, imports: Imports): string {
  const name = aggregateName(job, node.id);
  const tsOf = (t: Parameters<typeof ctx.types.ts>[0]) => ctx.types.ts(t);
  // A running aggregate over a changelog with deletions or over an update stream takes rows back (retracting-aggregate-code.ts).
  const retracting = op.retractsChanges === true || op.retractOn !== undefined;
  const layout = retracting ? retractingLayout(op, tsOf) : accumulatorLayout(op, tsOf);
  const inType = ctx.types.ts(node.inputType);
  const outType = ctx.types.ts(node.outputType);
  const winInType = ctx.types.ts(node.windowInputType);
  for (const t of [inType, outType, winInType]) if (/^\w+$/.test(t)) imports.fromLocal("types.js", t, true);
  imports.fromRuntime("RecordBatch", true);
  const base = imports.fromSupport(strategy === "tumbling" ? "TumblingAggregateOperator" : "RunningAggregateOperator");
  const accType = `${name}Acc`;
  const own = accumulatorMembers(layout);
  const changes = changeEmission(ctx, node, op, new Set(own.map((m) => m.name)));
  // over an update stream: the row each update key has in the group, to take back when an update replaces it
  const rowsMember = op.retractOn === undefined ? null : own.some((m) => m.name === "rows") ? "rows_" : "rows";
  // why the key exprs' fields: checkRetraction lets a group key read only update-key fields, by name
  const groupKey = (node.key?.exprs ?? []).flatMap((e) => (e.kind === "read" && e.source.kind === "input" ? [e.source.field] : []));
  const rowId = op.retractOn === undefined ? null : updateId(op.retractOn, groupKey, node.windowInputType);
  const kept = [
    ...(rowsMember === null ? [] : [{ name: rowsMember, type: `Map<${rowId!.type}, ${winInType}>`, init: "new Map()" }]),
    ...(changes === undefined ? [] : [{ name: changes.members.emitted, type: "boolean", init: "false" }, ...changes.members.kept.map((k) => ({ name: k.member, type: k.tsType, init: k.init }))]),
  ];
  const members = [...own, ...kept].map((m) => `  ${m.name}: ${m.type};`).join("\n");
  const create = createLiteral(layout, kept);
  const result = (call: IrAggregateCall) => retracting ? retractingResultOf(layout, call, "acc", tsOf, code.helper) : resultOf(layout, call, "acc", tsOf);

  // processBatch: pre chain, key, accumulator, in-place updates.
  code.reset();
  const calls = code.udfCalls();
  const env = recordEnv("r", node.inputType.fields);
  const body = emitSteps(node.pre, env, new Set(node.windowInputType.fields.map((f) => f.name)), "continue", code, (final) => {
    const lines: string[] = [];
    const { lines: k, key } = keyLines(node, final, code);
    if (node.key !== null) lines.push(`// ${code.tag(node.key.exprs[0]!.span ?? node.span)}  keyBy ${oneLine(node.key.exprs.map((e) => printIr(e)).join(", "))}`);
    lines.push(...k);
    const scope = scopeOf(final, code);
    if (strategy === "tumbling") {
      const lateRecord = recordLiteral(node.windowInputType.fields, final, { variable: "r", fields: node.inputType.fields });
      lines.push(`// ${code.tag(node.window!.span)}  ${oneLine(printWindow(node.window!))}`);
      lines.push(`const acc = this.accumulatorFor(${key}, ts);`);
      lines.push(`if (acc === null) {`, `  this.late(${lateRecord}, ts); // a late record: its window has closed`, `  continue;`, `}`);
    } else {
      lines.push(`const acc = this.accumulatorFor(${key});`);
    }
    lines.push(`// ${code.tag(op.span)}  ${oneLine(printAggregation(op))}`);
    if (op.retractsChanges === true) {
      const kind = final.get(ROW_KIND_FIELD);
      if (kind === undefined) throw new Error(`internal: aggregate [${node.id}] over a changelog has no ${ROW_KIND_FIELD}`);
      lines.push(`const sign = ${kind} === "-D" || ${kind} === "-U" ? -1 : 1; // a row leaving takes its values back`);
      lines.push(...retractingUpdateLines(layout, "acc", scope, "sign", code.fresh, code.helper));
    } else if (rowsMember !== null && rowId !== null) {
      // why no pre steps here: fusePre keeps them apart, so the record is the row an update replaces
      const id = code.fresh("id");
      const previous = code.fresh("previous");
      lines.push(`const ${id} = ${rowId.of("r")};`, `const ${previous} = acc.${rowsMember}.get(${id});`);
      lines.push(`if (${previous} !== undefined) {`, `  // the row this update replaces leaves the group`);
      lines.push(...retractingUpdateLines(layout, "acc", scopeOf(recordEnv(previous, node.windowInputType.fields), code), "-1", code.fresh, code.helper).map((l) => `  ${l}`), "}");
      lines.push(...retractingUpdateLines(layout, "acc", scope, "1", code.fresh, code.helper));
      lines.push(`acc.${rowsMember}.set(${id}, r);`);
    } else {
      lines.push(...updateLines(layout, "acc", scope, code.fresh));
    }
    if (strategy === "tumbling") lines.push(`if (this.refire) this.fireAgain(acc); // allowed lateness: the window fires again`);
    else lines.push(...outputLines(ctx, node, op, result, code, "continue", "ts", false, undefined, changes));
    return lines;
  });
  const loop = (indent: string) => `${indent}const r = values[i]!;\n${indent}const ts = timestamps[i]!;\n${body.map((l) => `${indent}${l}`).join("\n")}`;
  const processBatch = code.udfCalls() === calls
    ? `  override processBatch(batch: RecordBatch<${inType}>): void {
    const values = batch.values;
    const timestamps = batch.timestamps;
    for (let i = 0; i < batch.length; i++) {
${loop("      ")}
    }
  }`
    // why: one try around the loop, not per record — a failing imported function learns its record here
    : `  override processBatch(batch: RecordBatch<${inType}>): void {
    const values = batch.values;
    const timestamps = batch.timestamps;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
${loop("        ")}
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }`;
  let emitMethod = "";
  let ctor: string;
  if (strategy === "tumbling") {
    code.reset();
    const out = outputLines(ctx, node, op, (call) => resultOf(layout, call, "acc", tsOf), code, "return", "end - 1", true);
    emitMethod = `\n\n  protected emit(key: unknown, acc: ${accType}, start: number, end: number): void {\n${out.map((l) => `    ${l}`).join("\n")}\n  }`;
    const spec = node.window!.spec as { sizeMs: number };
    const lateness = node.window!.allowedLatenessMs;
    imports.fromRuntime("OutputTag", true);
    ctor = `  constructor(lateTag: OutputTag<${winInType}> | null = null) {\n    super(${JSON.stringify(`window-aggregate#${node.id}`)}, ${spec.sizeMs}, ${lateness}, lateTag);\n  }`;
  } else {
    ctor = `  constructor() {\n    super(${JSON.stringify(`running-aggregate#${node.id}`)});\n  }`;
  }
  const what = strategy === "tumbling" ? "tumbling-window aggregate"
    : op.retractsChanges === true ? "running aggregate over a changelog, emitting its own"
    : node.changelog !== undefined ? `running aggregate${retracting ? " taking replaced rows back" : ""}, emitting its changelog`
    : retracting ? "running aggregate taking replaced rows back" : "running aggregate";
  return `/** The accumulator of ${job.name} [${node.id}]: one field per aggregate, updated in place${changes === undefined ? "" : ", and the row it emitted last"}. */
export interface ${accType} {
${members}
}

/** ${job.name} [${node.id}] (${code.tag(node.span)}): ${what}${node.pre.length + node.post.length > 0 ? ` with ${node.pre.length} operator(s) fused before and ${node.post.length} after` : ""}. */
export class ${name} extends ${base}<${inType}, ${accType}, ${outType}${strategy === "tumbling" ? `, ${winInType}` : ""}> {
${ctor}

  protected createAccumulator(): ${accType} {
    return ${create};
  }

${processBatch}${emitMethod}
}`;
}

/** A library window with a generated AggregateFunction and the window function shaping its output. */
function libraryAggregate(ctx: BackEndContext, job: JobPlan, node: AggregateNode, op: IrAggregateFields, code: CodeContext, imports: Imports): string {
  const name = camel(aggregateName(job, node.id));
  const tsOf = (t: Parameters<typeof ctx.types.ts>[0]) => ctx.types.ts(t);
  const layout = accumulatorLayout(op, tsOf);
  const inType = ctx.types.ts(node.windowInputType);
  const outType = ctx.types.ts(node.aggregateType);
  for (const t of [inType, outType]) if (/^\w+$/.test(t)) imports.fromLocal("types.js", t, true);
  imports.fromRuntime("AggregateFunction", true);
  imports.fromRuntime("Collector", true);
  imports.fromRuntime("ProcessWindowContext", true);
  imports.fromRuntime("Window", true);
  const accType = `${pascal(name)}Acc`;
  const members = accumulatorMembers(layout).map((m) => `  ${m.name}: ${m.type};`).join("\n");
  const updates = updateLines(layout, "acc", scopeOf(recordEnv("r", node.windowInputType.fields), code), code.fresh);
  code.reset();
  const out = outputLines(ctx, { ...node, post: [], outputType: node.aggregateType }, op, (call) => resultOf(layout, call, "acc", tsOf), code, "return", "", node.window !== null, (record) => `out.collect(${record});`);
  return `/** The accumulator of ${job.name} [${node.id}]. */
export interface ${accType} {
${members}
}

/** ${job.name} [${node.id}] (${code.tag(node.span)}): specialised accumulator code for the window library. */
export const ${name}: AggregateFunction<${inType}, ${accType}, ${accType}> = {
  createAccumulator: (): ${accType} => (${createLiteral(layout)}),
  add(r: ${inType}, acc: ${accType}): ${accType} {
${updates.map((l) => `    ${l}`).join("\n")}
    return acc;
  },
  getResult: (acc: ${accType}): ${accType} => acc,
  merge(a: ${accType}, b: ${accType}): ${accType} {
${mergeLines(layout, "a", "b").map((l) => `    ${l}`).join("\n")}
    return a;
  },
};

/** Shapes the output of ${job.name} [${node.id}] from the window's accumulator. */
export function ${name}Output(key: unknown, ctx: ProcessWindowContext<Window>, elements: readonly ${accType}[], out: Collector<${outType}>): void {
  const acc = elements[0]!;
  const { start, end } = ctx.window() as unknown as { start: number; end: number };
${out.map((l) => `  ${l}`).join("\n")}
}`;
}

