// The stateless per-record operators of the plan in IR terms — the material of fused chains. `.flow`'s filter, map,
// extend and flatMap (and SQL's WHERE, SELECT list and UNNEST, which translate into them) lower into these three
// shapes; the optimiser passes (constant folding, filter push-down, pruning, fusion) and the chain emitter read only
// these, never surface syntax.
import type { Span } from "../ast/span.js";
import { UNKNOWN, type RecordType } from "../types/type.js";
import { childrenOf, mapChildren, type IrExpr, type IrField } from "./expr.js";

interface StepBase {
  /** Where the operator was written (comments in generated code, `eddy explain`). */
  readonly span: Span;
  /** The record type the step reads. */
  readonly input: RecordType;
  /** The record type the step emits. */
  readonly output: RecordType;
}

/** Keeps the records for which `condition` is true. */
export interface IrFilterStep extends StepBase {
  readonly kind: "filter";
  readonly condition: IrExpr;
}

/**
 * A new record of `fields` (`.flow` `map`, SQL's SELECT list), or with `keepInput` the input record with `fields`
 * added or replaced (`extend`). Every value is computed from the step's input.
 */
export interface IrProjectStep extends StepBase {
  readonly kind: "project";
  readonly fields: readonly IrField[];
  readonly keepInput: boolean;
}

/** One record per element of `elements`: the input record with the element as field `as` (`flatMap xs as x`, UNNEST). */
export interface IrUnnestStep extends StepBase {
  readonly kind: "unnest";
  readonly elements: IrExpr;
  readonly as: string;
}

export type IrStatelessStep = IrFilterStep | IrProjectStep | IrUnnestStep;

/** The `.flow` name of a step: `filter`, `map`, `extend`, `flatmap` (fusion reports and operator names). */
export function stepName(step: IrStatelessStep): string {
  switch (step.kind) {
    case "filter": return "filter";
    case "project": return step.keepInput ? "extend" : "map";
    case "unnest": return "flatmap";
  }
}

/** Names of the input-record fields an expression reads. */
export function inputFieldsRead(expr: IrExpr, into = new Set<string>()): Set<string> {
  if (expr.kind === "read" && expr.source.kind === "input") into.add(expr.source.field);
  for (const child of childrenOf(expr)) inputFieldsRead(child, into);
  return into;
}

/** Fields of its input a step reads to compute anything (not counting fields `extend` passes on untouched). */
export function stepReads(step: IrStatelessStep): Set<string> {
  switch (step.kind) {
    case "filter": return inputFieldsRead(step.condition);
    case "unnest": return inputFieldsRead(step.elements);
    case "project": {
      const reads = new Set<string>();
      for (const f of step.fields) inputFieldsRead(f.value, reads);
      return reads;
    }
  }
}

/** True when the expression calls an imported TypeScript function somewhere. */
export function callsUdf(expr: IrExpr): boolean {
  return expr.kind === "udf" || childrenOf(expr).some(callsUdf);
}

/** The expressions a step evaluates, in order. */
export function stepExpressions(step: IrStatelessStep): readonly IrExpr[] {
  switch (step.kind) {
    case "filter": return [step.condition];
    case "unnest": return [step.elements];
    case "project": return step.fields.map((f) => f.value);
  }
}

/** A read of input field `name` (the value a pass-through field has). */
export function inputRead(name: string, input: RecordType): IrExpr {
  const type = input.fields.find((f) => f.name === name)?.type ?? UNKNOWN;
  return { kind: "read", source: { kind: "input", field: name }, type };
}

/** `expr` with every read of an input field replaced by its substitute (fields not in the map stay as they are). */
export function substituteInputs(expr: IrExpr, map: ReadonlyMap<string, IrExpr>): IrExpr {
  if (expr.kind === "read") return expr.source.kind === "input" ? map.get(expr.source.field) ?? expr : expr;
  return mapChildren(expr, (e) => substituteInputs(e, map));
}
