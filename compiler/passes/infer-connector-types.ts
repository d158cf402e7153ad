// Checks the connector calls of sources and sinks, infers the record type of untyped `collection` sources,
// and checks `watermark` and `idle` clauses.
import type { ConnectorCall, Expr, SourceDecl } from "../ast/nodes.js";
import { unify } from "../types/assignability.js";
import { checkData } from "../types/check-data.js";
import { checkExpression, type ExprEnv } from "../types/check-expression.js";
import { bindArguments, checkDurationConstant, checkParam } from "../types/check-arguments.js";
import { SINK_CONNECTORS, SOURCE_CONNECTORS, type ConnectorSpec } from "../types/connectors.js";
import { isConstantData } from "../types/constants.js";
import { printType } from "../types/print-type.js";
import { NEXMARK_TABLES } from "../types/nexmark.js";
import { isAssignable } from "../types/assignability.js";
import { fieldOf, record, UNKNOWN, type RecordType, type Type } from "../types/type.js";
import type { CheckContext } from "./context.js";

export function inferConnectorTypes(ctx: CheckContext): void {
  const env: ExprEnv = { reporter: ctx.reporter, record: record([]), functions: () => undefined };
  for (const decl of ctx.program.declarations) {
    if (decl.kind === "SourceDecl") {
      const records = checkConnector(ctx, decl.connector, SOURCE_CONNECTORS, "source", env, decl.recordType);
      if (decl.connector.name.name === "nexmark") decl.recordType = checkNexmarkTable(ctx, decl);
      decl.recordType ??= inferSourceType(ctx, decl, records, env);
      checkWatermark(ctx, decl, env);
    } else if (decl.kind === "SinkDecl") {
      checkConnector(ctx, decl.connector, SINK_CONNECTORS, "sink", env, decl.recordType);
    }
  }
}

/** Binds and checks the arguments; returns the inline records argument of `collection`, if any. */
function checkConnector(
  ctx: CheckContext, call: ConnectorCall, catalogue: ReadonlyMap<string, ConnectorSpec>, role: "source" | "sink", env: ExprEnv, recordType: RecordType | undefined,
): Expr | undefined {
  const spec = catalogue.get(call.name.name);
  if (spec === undefined) {
    ctx.reporter.report("FLOW2008", call.name.span, { role, name: call.name.name, available: [...catalogue.keys()].join(", ") });
    for (const arg of call.args) checkExpression(arg.value, env);
    return undefined;
  }
  const bound = bindArguments(ctx.reporter, spec.name, spec.params, call.args, spec.open === true, call.span);
  let records: Expr | undefined;
  for (const [param, arg] of bound) {
    if (!isConstantData(arg.value)) {
      ctx.reporter.report("FLOW4010", arg.value.span, { what: "a connector argument" });
      continue;
    }
    if (param === undefined) {
      checkExpression(arg.value, env);
    } else if (spec.inlineRecords === true && param.name === "records") {
      records = arg.value;
      if (recordType !== undefined) checkData(arg.value, { kind: "array", element: recordType }, env);
    } else {
      checkParam(ctx.reporter, param, arg.value, env);
    }
  }
  return records;
}

function inferSourceType(ctx: CheckContext, decl: SourceDecl, records: Expr | undefined, env: ExprEnv): RecordType {
  if (records?.kind === "ArrayLiteral" && records.elements.length > 0) {
    let type: Type = UNKNOWN;
    for (const element of records.elements) {
      const t = checkExpression(element, env);
      const u = unify(type, t);
      if (u === undefined) ctx.reporter.report("FLOW3009", element.span, { what: "the records of a collection", left: printType(type), right: printType(t) });
      else type = u;
    }
    if (type.kind === "record") return type;
    if (type.kind !== "unknown") ctx.reporter.report("FLOW3019", records.span, { what: "the elements of a collection", type: printType(type) });
    return record([]);
  }
  if (records !== undefined) checkExpression(records, env);
  ctx.reporter.report("FLOW3017", decl.name.span, { name: decl.name.name });
  return record([]);
}

function checkWatermark(ctx: CheckContext, decl: SourceDecl, env: ExprEnv): void {
  const type = decl.recordType!;
  if (decl.watermark !== null) {
    const field = fieldOf(type, decl.watermark.field.name);
    if (field === undefined) {
      if (type.fields.length > 0) ctx.reporter.report("FLOW2005", decl.watermark.field.span, { name: decl.watermark.field.name, type: `\`${printType(type)}\`` });
    } else if (field.type.kind !== "timestamp" && field.type.kind !== "unknown") {
      ctx.reporter.report("FLOW3018", decl.watermark.field.span, { name: field.name, type: printType(field.type) });
    }
    checkDurationConstant(ctx.reporter, decl.watermark.delay, "the watermark delay", "zero or more", env, (ms) => ms >= 0);
  }
  if (decl.idle !== null) checkDurationConstant(ctx.reporter, decl.idle, "the idle timeout", "positive", env, (ms) => ms > 0);
}


/**
 * A nexmark source is one table (view) of the generated event stream: its record type is the table's, or the declared
 * schema when every declared field is a column of the table with an assignable type (a schema may name fewer columns).
 */
function checkNexmarkTable(ctx: CheckContext, decl: SourceDecl): RecordType | undefined {
  const arg = decl.connector.args.find((a) => a.name?.name === "table");
  const name = arg?.value.kind === "StringLiteral" ? arg.value.value : undefined;
  const table = name === undefined ? undefined : NEXMARK_TABLES.get(name);
  if (table === undefined) {
    if (arg === undefined) ctx.reporter.report("FLOW3024", decl.connector.span, { text: "`nexmark` needs `table: \"person\" | \"auction\" | \"bid\"`" });
    return decl.recordType ?? record([]);
  }
  const declared = decl.recordType;
  if (declared === undefined) return table;
  for (const f of declared.fields) {
    const column = fieldOf(table, f.name);
    if (column === undefined) ctx.reporter.report("FLOW3024", decl.type?.span ?? decl.name.span, { text: `nexmark table \`${name}\` has no column \`${f.name}\`` });
    else if (!isAssignable(column.type, f.type)) ctx.reporter.report("FLOW3024", decl.type?.span ?? decl.name.span, { text: `column \`${f.name}\` of nexmark table \`${name}\` is ${printType(column.type)}, declared ${printType(f.type)}` });
  }
  return declared;
}
