// Straight-line code for a run of stateless operators: fields live in locals (or are read from the input record on
// demand), filters are commented `continue`/`return` guards, flatMap opens a loop, and only fields that a later step
// or the final record reads are computed at all (backward liveness).
import type { Span } from "../ast/span.js";
import { printStep } from "../ir/print.js";
import { inputFieldsRead, stepReads } from "../ir/stateless.js";
import type { StatelessOp } from "../plan/plan.js";
import { foldConstants } from "../ir/passes/fold-constants.js";
import { constantArray, emitIr, type ExprScope, type UdfSite } from "./emit-expression.js";

/** Field name → the JavaScript expression that holds its value. */
export type FieldEnv = ReadonlyMap<string, string>;

/**
 * The statement that drops the record being emitted: `continue` inside loops, `return` at function level, `break`
 * out of a labelled block when one record emits several (an aggregate's `-U` before its `+U`).
 */
export type Skip = "continue" | "return" | `break ${string}`;

export interface CodeContext {
  /** `file.flow:line:col` of a span. */
  tag(span: Span): string;
  /** A local name not used yet in the function being generated. */
  fresh(base: string): string;
  /** See ExprScope.udf: with a site, the wrapper named after that `.flow` position. */
  udf(module: string, exportName: string, site?: UdfSite): string;
  /** How many call-site wrappers this context has handed out (a function that calls none needs no record catch). */
  udfCalls(): number;
  helper(name: string): string;
  /** Starts a new function: every name is free again. */
  reset(): void;
  /** A module-level constant holding `text`, named after `base` (one per distinct text); see ExprScope.constant. */
  constant(base: string, text: string): string;
  /** The declarations of the constants handed out, for the top of the generated file. */
  constantDeclarations(): string[];
  /** The constants handed out (text → name), to share with another context writing into the same file. */
  readonly constants: Map<string, string>;
}

/** The environment of a record held in variable `v`: every field read as a property. */
export function recordEnv(v: string, fields: readonly { readonly name: string }[]): Map<string, string> {
  return new Map(fields.map((f) => [f.name, `${v}.${f.name}`]));
}

export function scopeOf(env: FieldEnv, code: CodeContext, extra: Partial<ExprScope> = {}): ExprScope {
  return {
    field: (name) => {
      const v = env.get(name);
      if (v === undefined) throw new Error(`internal: field ${name} is not available here`);
      return v;
    },
    udf: code.udf,
    helper: code.helper,
    constant: code.constant,
    ...extra,
  };
}

/** Fields each step needs from its input, given what is needed after the last step ([0]: before the first). */
export function liveness(steps: readonly StatelessOp[], neededAtEnd: ReadonlySet<string>): Set<string>[] {
  const needed: Set<string>[] = new Array(steps.length + 1);
  needed[steps.length] = new Set(neededAtEnd);
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    const after = needed[i + 1]!;
    let before: Set<string>;
    switch (step.kind) {
      case "filter":
        before = new Set([...after, ...stepReads(step)]);
        break;
      case "project": {
        const assigned = new Set(step.fields.map((f) => f.name));
        // extend passes on what it does not assign; map passes on nothing
        before = step.keepInput ? new Set([...after].filter((n) => !assigned.has(n))) : new Set();
        for (const f of step.fields) if (after.has(f.name)) inputFieldsRead(f.value, before);
        break;
      }
      case "unnest":
        before = new Set([...after].filter((n) => n !== step.as));
        for (const n of stepReads(step)) before.add(n);
        break;
    }
    needed[i] = before;
  }
  return needed;
}

const isSimple = (code: string) => /^[\w$]+(\.[\w$]+)*$/.test(code) || /^-?\d+(\.\d+)?$/.test(code) || /^"([^"\\]|\\.)*"$/.test(code) || code === "true" || code === "false" || code === "null";

/**
 * Emits `steps` over a record whose fields are `env`; `tail` emits what happens to each surviving record, given the
 * final environment and the statement that skips a record (`continue` inside loops, `return` at function level).
 * Returns the lines, indented relative to the caller.
 */
export function emitSteps(
  steps: readonly StatelessOp[], env: FieldEnv, neededAtEnd: ReadonlySet<string>, skip: Skip,
  code: CodeContext, tail: (env: FieldEnv, skip: Skip) => string[],
): string[] {
  const needed = liveness(steps, neededAtEnd);
  const lines: string[] = [];
  let closers = 0;
  let indent = "";
  let current: FieldEnv = env;
  steps.forEach((step, i) => {
    const after = needed[i + 1]!;
    const scope = scopeOf(current, code);
    lines.push(`${indent}// ${code.tag(step.span)}  ${oneLine(printStep(step))}`);
    switch (step.kind) {
      case "filter":
        lines.push(`${indent}if (!(${emitIr(step.condition, scope)})) ${skip};`);
        break;
      case "project": {
        const next = step.keepInput ? new Map(current) : new Map<string, string>();
        // All values are computed from the step's input before any is assigned (extend may override a field it reads).
        for (const f of step.fields) {
          const name = f.name;
          if (!after.has(name)) {
            next.delete(name);
            continue;
          }
          const value = emitIr(f.value, scope);
          if (isSimple(value)) next.set(name, value);
          else {
            const local = code.fresh(name);
            lines.push(`${indent}const ${local} = ${value};`);
            next.set(name, local);
          }
        }
        current = next;
        break;
      }
      case "unnest": {
        const list = code.fresh(`${step.as}List`);
        const j = code.fresh("j");
        const element = code.fresh(step.as);
        // why a hoisted constant for a literal list: `flatMap [0, 1, 2] as i` would allocate it for every record
        lines.push(`${indent}const ${list} = ${constantArray(foldConstants(step.elements), scope) ?? emitIr(step.elements, scope)};`);
        lines.push(`${indent}for (let ${j} = 0; ${j} < ${list}.length; ${j}++) {`);
        indent += "  ";
        closers++;
        lines.push(`${indent}const ${element} = ${list}[${j}]!;`);
        const next = new Map(current);
        next.set(step.as, element);
        current = next;
        skip = "continue";
        break;
      }
    }
  });
  for (const line of tail(current, skip)) lines.push(indent + line);
  for (let k = 0; k < closers; k++) {
    indent = indent.slice(2);
    lines.push(`${indent}}`);
  }
  return lines;
}

/** A record literal of `fields` from the environment, or `same` when it would copy that record unchanged. */
export function recordLiteral(fields: readonly { readonly name: string }[], env: FieldEnv, same?: { readonly variable: string; readonly fields: readonly { readonly name: string }[] }): string {
  if (same !== undefined && same.fields.length === fields.length && fields.every((f, i) => same.fields[i]!.name === f.name && env.get(f.name) === `${same.variable}.${f.name}`)) {
    return same.variable;
  }
  return `{ ${fields.map((f) => (env.get(f.name) === f.name ? f.name : `${f.name}: ${env.get(f.name)}`)).join(", ")} }`;
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 100 ? `${flat.slice(0, 97)}…` : flat;
}
