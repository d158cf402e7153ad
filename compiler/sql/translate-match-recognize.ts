// MATCH_RECOGNIZE → a `.flow` CEP pattern and `keyBy <PARTITION BY> | match P`, as Flink plans it onto its CEP library
// (StreamExecMatch): concatenation is `next` (strict contiguity), `+ * {n} {n,} {n,m}` loop `consecutive` and are
// `greedy` unless reluctant, `?` is `optional`, DEFINE conditions are iterative conditions, a variable without DEFINE
// matches every row, AFTER MATCH SKIP is the skip strategy (TO NEXT ROW when absent, as Flink's planner has it) and
// WITHIN the pattern's `within`. The output is ONE ROW PER
// MATCH: the PARTITION BY columns, then the MEASURES. SQL's navigation is running in DEFINE (a variable's rows so far
// plus the current row when it is the variable being tested) and final in MEASURES; its NULLs follow SQL's
// three-valued logic, which `.flow` (null-strict) gets spelt out: `x < LAST(A.p, 1)` is null while A has no row.
import type { Expr, FieldDecl, Operator, PatternDecl, Quantifier, RecordFieldInit, SchemaDecl, SkipStrategy, Stage, TypeNode } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Call, Expr as SqlExpr, MatchRecognize, RowPattern } from "./ast.js";
import { arithmeticType, BOOL_COLUMN, FLOAT_COLUMN, INT_COLUMN, typeNodeOf, UNKNOWN_COLUMN, type ColumnType } from "./column-type.js";
import { binary, boolLit, call, durationLit, field, floatLit, ident, ifExpr, nameExpr, not, nullLit, numberLit, stringLit } from "./flow-nodes.js";
import { changingRows, isFieldName, resolveColumn, type Column, type Relation } from "./relation.js";
import { intervalMs, translateExpr, type ExprScope, type Typed } from "./translate-expression.js";
import { translateFrom } from "./translate-query.js";
import { abort, addStep, type Translator } from "./translator.js";

/** A pattern variable as a `.flow` stage. */
interface Variable {
  /** The SQL name (DEFINE, MEASURES and AFTER MATCH SKIP refer to it). */
  readonly name: string;
  /** The `.flow` stage name (the SQL name unless it collides with a field of the rows). */
  readonly stage: string;
  readonly index: number;
  readonly min: number;
  /** null = unbounded. */
  readonly max: number | null;
  readonly reluctant: boolean;
  /** The quantifier as written (null for a bare variable). */
  readonly quantifierSpan: Span | null;
  readonly span: Span;
}

/** Where an expression is read: a variable's DEFINE (running semantics) or MEASURES (final semantics). */
type Clause = { readonly kind: "define"; readonly current: number } | { readonly kind: "measures" };

interface MatchScope {
  readonly t: Translator;
  readonly rel: Relation;
  readonly variables: readonly Variable[];
  /** The fields of the rows the pattern is declared on (those of a known type), and each one's `.flow` type. */
  readonly fields: ReadonlyMap<string, { readonly type: ColumnType; readonly node: TypeNode }>;
  readonly clause: Clause;
  /** Translations made so far (translateExpr asks `replace` again for the children of what it translates itself). */
  readonly memo: Map<SqlExpr, Typed>;
  /** `.flow` expressions known to be null or non-null (SQL NULL where a navigation finds no row). */
  readonly nullable: Map<Expr, boolean>;
}

export function translateMatchRecognize(t: Translator, ref: MatchRecognize): Relation {
  // 1. The input: an append-only relation with an event-time attribute to order by.
  const rel = translateFrom(t, ref.input, []).relation;
  if (rel.changelog.kind !== "insert-only") abort(t, "SQL3006", ref.input.span, { what: `MATCH_RECOGNIZE over ${changingRows(rel)}`, hint: "match on an append-only table (Flink requires one too): no GROUP BY without a window or regular outer join before it" });
  if (rel.window !== null) abort(t, "SQL3006", ref.input.span, { what: "MATCH_RECOGNIZE over a window TVF", hint: "match on the table itself" });
  checkOrder(t, ref, rel);
  if (ref.rowsPerMatch?.mode === "ALL") abort(t, "SQL3006", ref.rowsPerMatch.span, { what: "ALL ROWS PER MATCH", hint: "ONE ROW PER MATCH (the default) emits one row of MEASURES per match" });

  // 2. The pattern's variables, with Flink's restrictions on what its CEP library can run.
  const variables = patternVariables(t, ref.pattern, new Set(rel.columns.flatMap((c) => (c.field === null ? [] : [c.field]))));
  checkPatternShape(t, ref, variables);
  const defines = new Map<string, SqlExpr>();
  for (const d of ref.define) {
    if (!variables.some((v) => v.name === d.variable.name)) abort(t, "SQL3015", d.variable.span, { problem: `DEFINE names \`${d.variable.name}\`, which is not a variable of PATTERN`, hint: `the variables: ${variables.map((v) => v.name).join(", ")}` });
    if (defines.has(d.variable.name)) abort(t, "SQL3015", d.variable.span, { problem: `\`${d.variable.name}\` is defined twice`, hint: "combine the conditions with AND" });
    defines.set(d.variable.name, d.condition);
  }

  // 3. The rows' schema: every field of a known type (a pattern reads no other; reading one of unknown type is an error).
  const patternName = freshName(t, "match_recognize");
  const fields = rowFields(t, rel, ref.span);
  const schemaName = `${patternName}_row`;
  const schema: SchemaDecl = {
    kind: "SchemaDecl", name: ident(schemaName, ref.span),
    fields: [...fields].map(([name, f]): FieldDecl => ({ kind: "FieldDecl", name: ident(name, ref.span), type: f.node, span: ref.span })),
    span: ref.span,
  };

  // 4. Stages: begin, then next; DEFINE as `where` (none: every row matches).
  const scope = (clause: Clause): MatchScope => ({ t, rel, variables, fields, clause, memo: new Map(), nullable: new Map() });
  const stages: Stage[] = variables.map((v) => {
    const condition = defines.get(v.name);
    const where = condition === undefined ? null : defineCondition(scope({ kind: "define", current: v.index }), condition);
    return { kind: "Stage", contiguity: v.index === 0 ? "begin" : "next", name: ident(v.stage, v.span), condition: where, quantifier: quantifierOf(v), modifiers: modifiersOf(v), span: v.span };
  });

  // 5. The output: the PARTITION BY columns, then the MEASURES (Flink's order).
  const measures = scope({ kind: "measures" });
  const emit: RecordFieldInit[] = [];
  const columns: Column[] = [];
  const keys: Expr[] = [];
  const mandatory = variables.find((v) => v.min > 0)!;
  const taken = new Set<string>();
  const output = (name: string, span: Span) => {
    if (!isFieldName(name)) abort(t, "SQL3017", span, { name });
    if (taken.has(name)) abort(t, "SQL3015", span, { problem: `the output of MATCH_RECOGNIZE has two columns named \`${name}\` (the PARTITION BY columns come first)`, hint: "rename the measure" });
    taken.add(name);
    return name;
  };
  for (const p of ref.partitionBy) {
    const column = p.kind === "ColumnRef" ? inputColumn(t, rel, p.path.map((x) => x.name), p.span) : undefined;
    if (column === undefined) abort(t, "SQL3006", p.span, { what: "partitioning by an expression", hint: "PARTITION BY columns of the input; compute the key in a subquery first" });
    const known = fields.get(column.field!);
    if (known === undefined) abort(t, "SQL3006", p.span, { what: `partitioning by \`${column.name}\`, whose type is not known here`, hint: "CAST it in a subquery first" });
    keys.push(nameExpr(column.field!, p.span));
    const name = output(column.name, p.span);
    // every match has a row of the first variable that cannot be empty, and all its rows share the key
    emit.push(field(name, { kind: "FieldAccess", object: call("first", [nameExpr(mandatory.stage, p.span)], p.span), field: ident(column.field!, p.span), span: p.span }, p.span));
    columns.push({ name: column.name, qualifier: null, field: name, type: known.type });
  }
  let rowtime: string | null = null;
  for (const m of ref.measures) {
    const name = output(m.name.name, m.name.span);
    const isRowtime = m.expr.kind === "Call" && m.expr.name.length === 1 && m.expr.name[0]!.name.toUpperCase() === "MATCH_ROWTIME";
    const value = matchValue(measures, m.expr);
    emit.push(field(name, value.expr, m.span));
    columns.push({ name: m.name.name, qualifier: null, field: name, type: value.type });
    if (isRowtime) rowtime = name;
  }

  const pattern: PatternDecl = {
    kind: "PatternDecl", name: ident(patternName, ref.span), on: ident(schemaName, ref.span),
    within: ref.within === null ? null : withinOf(t, ref),
    skip: skipOf(t, ref, variables), stages,
    emit: { kind: "RecordLiteral", fields: emit, span: ref.span }, span: ref.span,
  };
  t.schemas.push(schema);
  t.patterns.push(pattern);

  // 6. The job's step: keyBy the partition (a constant key without PARTITION BY: one global pattern, as in Flink) and match.
  const span = ref.span;
  const ops: Operator[] = [];
  if (keys.length === 0) {
    ops.push({ kind: "ExtendOp", fields: [field("__g", numberLit(0, span))], span });
    keys.push(nameExpr("__g", span));
  }
  ops.push({ kind: "KeyByOp", keys, span });
  ops.push({ kind: "MatchOp", pattern: ident(patternName, span), timeoutsTo: null, span });
  const stream = addStep(t, rel.stream, ops, span);
  return { stream, columns, rowtime, window: null, windowBounds: null, changelog: { kind: "insert-only" } };
}

// ───────────────────────────── clauses ─────────────────────────────

/** ORDER BY: the event-time attribute, ascending, alone (Eddy's CEP orders rows by their timestamps). */
function checkOrder(t: Translator, ref: MatchRecognize, rel: Relation): void {
  const hint = rel.rowtime === null
    ? "the input has no event-time attribute: declare a WATERMARK FOR its time column"
    : `write ORDER BY ${rel.columns.find((c) => c.field === rel.rowtime)?.name ?? rel.rowtime} (ascending)`;
  const first = ref.orderBy[0];
  if (first === undefined) abort(t, "SQL3015", ref.pattern.span, { problem: "MATCH_RECOGNIZE needs ORDER BY its time attribute", hint });
  const r = first.expr.kind === "ColumnRef" ? resolveColumn(rel.columns, first.expr.path.map((p) => p.name)) : undefined;
  if (r?.kind === "column" && r.column.virtual?.kind === "proctime") abort(t, "SQL3006", first.span, { what: "MATCH_RECOGNIZE in processing time", hint: "order by an event-time attribute (a column with a WATERMARK)" });
  const isRowtime = r?.kind === "column" && r.rest.length === 0 && r.column.field !== null && r.column.field === rel.rowtime;
  if (!isRowtime || first.descending) {
    abort(t, "SQL3015", first.span, { problem: isRowtime ? "MATCH_RECOGNIZE orders rows by ascending time" : "the first ORDER BY column of MATCH_RECOGNIZE must be the time attribute", hint });
  }
  if (ref.orderBy.length > 1) abort(t, "SQL3006", ref.orderBy[1]!.span, { what: "ordering rows of the same time by other columns", hint: `ORDER BY the time attribute alone: rows of equal time keep their arrival order` });
}

/** PATTERN as a sequence of variables; alternation and quantified groups are what Flink's CEP translation lacks too. */
function patternVariables(t: Translator, pattern: RowPattern, fieldNames: ReadonlySet<string>): Variable[] {
  const out: Variable[] = [];
  const stages = new Set<string>();
  const add = (name: string, span: Span, min: number, max: number | null, reluctant: boolean, quantifierSpan: Span | null) => {
    if (out.some((v) => v.name === name)) abort(t, "SQL3006", span, { what: "a pattern variable used twice", hint: "give each occurrence its own variable (and its own DEFINE)" });
    // why rename: a stage may not share its name with a field of the rows (a bare name in a condition is the field)
    let stage = isFieldName(name) ? name : name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
    while (fieldNames.has(stage) || stages.has(stage)) stage = `${stage}_`;
    stages.add(stage);
    out.push({ name, stage, index: out.length, min, max, reluctant, quantifierSpan, span });
  };
  const walk = (p: RowPattern): void => {
    switch (p.kind) {
      case "PatternVariable": add(p.name.name, p.name.span, 1, 1, false, null); return;
      case "PatternSequence": p.terms.forEach(walk); return;
      case "PatternAlternation":
        abort(t, "SQL3006", p.span, { what: "alternation (`|`) in a pattern", hint: "Flink's CEP library has no branching patterns: write one MATCH_RECOGNIZE per alternative (UNION ALL their results)" });
      case "PatternQuantified": {
        if (p.pattern.kind !== "PatternVariable") abort(t, "SQL3006", p.span, { what: "a quantifier on a group of variables", hint: "quantify single variables: (A B)+ has no equivalent in Flink's CEP library" });
        const quantifierSpan = { start: p.pattern.span.end, end: p.span.end };
        add(p.pattern.name.name, p.pattern.name.span, p.min, p.max, p.reluctant, quantifierSpan);
        return;
      }
    }
  };
  walk(pattern);
  return out;
}

/** Flink's checks on the pattern (StreamExecMatch): no empty match, no greedy last variable, no reluctant `??`. */
function checkPatternShape(t: Translator, ref: MatchRecognize, variables: readonly Variable[]): void {
  for (const v of variables) {
    if (v.max !== null && v.max < v.min) abort(t, "SQL3015", v.quantifierSpan ?? v.span, { problem: `the quantifier of \`${v.name}\` asks for at least ${v.min} and at most ${v.max} rows`, hint: "write {n, m} with n ≤ m" });
    if (v.max === 0) abort(t, "SQL3015", v.quantifierSpan ?? v.span, { problem: `\`${v.name}\` may match no row at all`, hint: "drop the variable" });
    if (v.reluctant && v.min === 0 && v.max === 1) abort(t, "SQL3006", v.quantifierSpan ?? v.span, { what: "the reluctant optional quantifier (`??`)", hint: "use `?` (greedy), as Flink requires" });
  }
  if (variables.every((v) => v.min === 0)) abort(t, "SQL3006", ref.pattern.span, { what: "a pattern that can match no rows", hint: "make at least one variable mandatory (no `*`, `?` or {0,…}), as Flink requires" });
  const last = variables[variables.length - 1]!;
  if (isLooping(last) && !last.reluctant) {
    abort(t, "SQL3006", last.quantifierSpan ?? last.span, { what: "a greedy quantifier on the last variable of a pattern", hint: `end with a single variable or make it reluctant (\`${last.name}+?\`), as Flink requires; or add a last variable whose DEFINE negates \`${last.name}\`'s` });
  }
}

const isLooping = (v: Variable) => v.max === null || v.max > 1;

function quantifierOf(v: Variable): Quantifier | null {
  if (v.quantifierSpan === null || (v.min === 1 && v.max === 1)) return null;
  const q = (form: Quantifier["form"]): Quantifier => ({ kind: "Quantifier", form, min: v.min, max: v.max, span: v.quantifierSpan! });
  if (v.max === null) return q(v.min === 0 ? "zeroOrMore" : v.min === 1 ? "oneOrMore" : "atLeast");
  if (v.min === 0 && v.max === 1) return q("optional");
  return q(v.min === v.max ? "times" : "range");
}

/** Flink loops `consecutive` (SQL's rows are contiguous) and `greedy` unless reluctant; a single-row variable has neither. */
function modifiersOf(v: Variable): Stage["modifiers"] {
  if (!isLooping(v)) return [];
  const span = v.quantifierSpan!;
  const consecutive = { kind: "Modifier" as const, modifier: "consecutive" as const, condition: null, span };
  return v.reluctant ? [consecutive] : [consecutive, { kind: "Modifier", modifier: "greedy", condition: null, span }];
}

function withinOf(t: Translator, ref: MatchRecognize): Expr {
  const ms = intervalMs(t, ref.within!);
  if (ms <= 0) abort(t, "SQL3015", ref.within!.span, { problem: "WITHIN takes a positive interval", hint: "e.g. WITHIN INTERVAL '1' HOUR" });
  return durationLit(ms, ref.within!.span);
}

/**
 * AFTER MATCH SKIP → the skip strategy. Flink's SQL fails the job when SKIP TO FIRST/LAST finds no row of the variable
 * or lands on the match's first row (its CEP library would start the same match again); `.flow`'s toFirst/toLast fall
 * back to noSkip there, so the cases are rejected here: certain ones as invalid, possible ones as not supported.
 */
function skipOf(t: Translator, ref: MatchRecognize, variables: readonly Variable[]): SkipStrategy {
  const span = ref.span;
  // why: without the clause Flink's planner (its copy of Calcite's SqlToRelConverter) skips TO NEXT ROW, where the
  // SQL standard says PAST LAST ROW
  const a = ref.afterMatch;
  if (a === null) return { kind: "SkipStrategy", strategy: "skipToNext", stage: null, span };
  switch (a.kind) {
    case "PastLastRow": return { kind: "SkipStrategy", strategy: "pastLastEvent", stage: null, span };
    case "ToNextRow": return { kind: "SkipStrategy", strategy: "skipToNext", stage: null, span };
    case "ToFirst": case "ToLast": {
      const v = variables.find((x) => x.name === a.variable.name);
      if (v === undefined) abort(t, "SQL3015", a.variable.span, { problem: `AFTER MATCH SKIP names \`${a.variable.name}\`, which is not a variable of PATTERN`, hint: `the variables: ${variables.map((x) => x.name).join(", ")}` });
      if (v.min === 0) abort(t, "SQL3006", a.variable.span, { what: `skipping to \`${v.name}\`, which may match no row`, hint: "Flink fails the job when a match has no such row; skip to a mandatory variable" });
      const startsMatch = variables.slice(0, v.index).every((x) => x.min === 0);
      if (startsMatch && (a.kind === "ToFirst" || v.max === 1)) {
        abort(t, "SQL3015", a.variable.span, { problem: `skipping to ${a.kind === "ToFirst" ? "the first" : "the last"} row of \`${v.name}\` can start the next match where this one started`, hint: "Flink rejects it at run time (an endless loop); skip PAST LAST ROW, TO NEXT ROW or to a later variable" });
      }
      return { kind: "SkipStrategy", strategy: a.kind === "ToFirst" ? "toFirst" : "toLast", stage: ident(v.stage, a.variable.span), span: a.variable.span };
    }
  }
}

/** A fresh declaration name of the program. */
function freshName(t: Translator, base: string): string {
  const used = (n: string) => t.sources.has(n) || t.sinks.has(n) || t.patterns.some((p) => p.name.name === n) || t.schemas.some((s) => s.name.name === n);
  for (let i = t.patterns.length + 1; ; i++) if (!used(`${base}_${i}`) && !used(`${base}_${i}_row`)) return `${base}_${i}`;
}

/**
 * The fields of the input rows with a type the schema can state. A file table's own source declares the nullability
 * of each column; elsewhere the translator tracks none and the fields are declared non-null.
 */
function rowFields(t: Translator, rel: Relation, span: Span): Map<string, { type: ColumnType; node: TypeNode }> {
  const source = t.sources.get(rel.stream);
  const declared = source?.type?.kind === "RecordTypeNode" ? source.type.fields : [];
  const out = new Map<string, { type: ColumnType; node: TypeNode }>();
  for (const c of rel.columns) {
    if (c.field === null || c.virtual !== undefined || out.has(c.field)) continue;
    const node = declared.find((f) => f.name.name === c.field)?.type ?? typeNodeOf(c.type, false, span);
    if (node !== undefined) out.set(c.field, { type: c.type, node });
  }
  return out;
}

/** A column of the input (not through a pattern variable), or an error naming the columns. */
function inputColumn(t: Translator, rel: Relation, path: readonly string[], span: Span): Column {
  const r = resolveColumn(rel.columns, path);
  if (r.kind === "ambiguous") abort(t, "SQL3003", span, { name: path.join("."), candidates: r.candidates.join(", ") });
  if (r.kind === "unknown") abort(t, "SQL3002", span, { name: path.join("."), hint: `the columns here: ${r.candidates.join(", ") || "none"}` });
  if (r.rest.length > 0) abort(t, "SQL3006", span, { what: "reading a field of a ROW column in MATCH_RECOGNIZE", hint: "select the field as a column in a subquery first" });
  if (r.column.field === null || r.column.virtual !== undefined) abort(t, "SQL3006", span, { what: `reading \`${r.column.name}\` in MATCH_RECOGNIZE`, hint: "match on stored columns" });
  return r.column;
}

// ───────────────────────────── DEFINE and MEASURES ─────────────────────────────

/** A DEFINE condition: a row is mapped to the variable when it is TRUE (NULL, SQL's unknown, is not). */
function defineCondition(s: MatchScope, e: SqlExpr): Expr {
  const v = matchValue(s, e);
  if (v.type.kind !== "bool" && v.type.kind !== "unknown") abort(s.t, "SQL3015", e.span, { problem: "a DEFINE condition is a boolean expression", hint: "compare the value, e.g. A.price > 10" });
  return isNullable(s, v.expr) ? binary("==", v.expr, boolLit(true, e.span), e.span) : v.expr;
}

function matchValue(s: MatchScope, e: SqlExpr): Typed {
  const scope: ExprScope = { columns: s.rel.columns, replace: (x) => s.memo.get(x) ?? navigate(s, x) };
  const typed = translateExpr(s.t, e, scope);
  s.memo.set(e, typed);
  return typed;
}

/** Is this expression possibly null (a navigation that found no row, a NULL literal, or anything built on one)? */
function isNullable(s: MatchScope, e: Expr): boolean {
  const known = s.nullable.get(e);
  if (known !== undefined) return known;
  if (e.kind === "NullLiteral") return true;
  // why a generic walk: the shared translator builds CASE, functions… around our navigations; any null inside may surface
  for (const value of Object.values(e)) {
    const children = Array.isArray(value) ? value : [value];
    for (const c of children) {
      if (c === null || typeof c !== "object" || typeof (c as { kind?: unknown }).kind !== "string") continue;
      const node = c as { kind: string; value?: unknown };
      if (node.kind === "Argument" || node.kind === "RecordFieldInit") {
        if (isNullable(s, node.value as Expr)) return true;
      } else if (node.kind !== "Identifier" && isNullable(s, node as unknown as Expr)) return true;
    }
  }
  return false;
}

function typed(s: MatchScope, expr: Expr, type: ColumnType, nullable: boolean): Typed {
  s.nullable.set(expr, nullable);
  return { expr, type };
}

/**
 * The SQL nodes whose meaning differs in MATCH_RECOGNIZE: navigation (`A.price`, FIRST/LAST, aggregates over a
 * variable, MATCH_ROWTIME) and the operators that must propagate NULL as SQL does. undefined: translate as anywhere.
 */
function navigate(s: MatchScope, e: SqlExpr): Typed | undefined {
  const sub = (x: SqlExpr) => matchValue(s, x);
  switch (e.kind) {
    case "ColumnRef": return columnValue(s, e.path.map((p) => p.name), e.span);
    case "Null": return typed(s, nullLit(e.span), UNKNOWN_COLUMN, true);
    case "Call": return callValue(s, e);
    case "Is": {
      const x = sub(e.expr);
      const test = e.value === "NULL" || e.value === "UNKNOWN" ? binary("==", x.expr, nullLit(e.span), e.span) : binary("==", x.expr, boolLit(e.value === "TRUE", e.span), e.span);
      return typed(s, e.not ? not(test, e.span) : test, BOOL_COLUMN, false);
    }
    case "Unary": {
      const x = sub(e.operand);
      if (!isNullable(s, x.expr) || e.op === "+") return undefined;
      const value = e.op === "NOT" ? not(orDefault(s, x, e.span), e.span) : { kind: "UnaryExpr" as const, op: "-" as const, operand: orDefault(s, x, e.span), span: e.span };
      return typed(s, ifExpr(binary("==", x.expr, nullLit(e.span), e.span), nullLit(e.span), value, e.span), e.op === "NOT" ? BOOL_COLUMN : x.type, true);
    }
    case "Binary": {
      const l = sub(e.left);
      const r = sub(e.right);
      const ln = isNullable(s, l.expr);
      const rn = isNullable(s, r.expr);
      if (!ln && !rn) return undefined;
      const span = e.span;
      const isNull = (x: Typed, n: boolean) => (n ? [binary("==", x.expr, nullLit(span), span)] : []);
      const anyNull = [...isNull(l, ln), ...isNull(r, rn)].reduce((a, b) => binary("or", a, b, span));
      if (e.op === "AND" || e.op === "OR") {
        // SQL's three-valued AND/OR: FALSE (TRUE) decides whatever the other side is; else NULL if a side is NULL.
        const decisive = boolLit(e.op === "OR", span);
        const decides = binary("or", binary("==", l.expr, decisive, span), binary("==", r.expr, decisive, span), span);
        return typed(s, ifExpr(decides, decisive, ifExpr(anyNull, nullLit(span), boolLit(e.op === "AND", span), span), span), BOOL_COLUMN, true);
      }
      const lv = ln ? orDefault(s, l, span) : l.expr;
      const rv = rn ? orDefault(s, r, span) : r.expr;
      let value: Expr;
      let type: ColumnType;
      switch (e.op) {
        case "=": value = binary("==", lv, rv, span); type = BOOL_COLUMN; break;
        case "<>": value = binary("!=", lv, rv, span); type = BOOL_COLUMN; break;
        case "<": case "<=": case ">": case ">=": value = binary(e.op, lv, rv, span); type = BOOL_COLUMN; break;
        case "||": value = call("concat", [lv, rv], span); type = { kind: "string" }; break;
        default: {
          type = arithmeticType(e.op, l.type, r.type);
          const result = binary(e.op, lv, rv, span);
          // why: Flink divides integers as integers (7 / 2 = 3); `.flow`'s `/` is JavaScript's
          value = e.op === "/" && type.kind === "int" ? call("toInt", [result], span) : result;
        }
      }
      return typed(s, ifExpr(anyNull, nullLit(span), value, span), type, true);
    }
    default: return undefined;
  }
}

/** `x ?? <a value of x's type>`: reads a nullable value where it is known not to be null (the null case is decided first). */
function orDefault(s: MatchScope, x: Typed, span: Span): Expr {
  let fallback: Expr;
  switch (x.type.kind) {
    case "int": fallback = numberLit(0, span); break;
    case "float": fallback = floatLit(0, span); break;
    case "string": fallback = stringLit("", span); break;
    case "bool": fallback = boolLit(false, span); break;
    case "timestamp": fallback = { kind: "TimestampLiteral", raw: "1970-01-01T00:00:00Z", value: 0, span }; break;
    case "duration": fallback = durationLit(0, span); break;
    default: abort(s.t, "SQL3006", span, { what: "computing with a value that may be NULL and whose type is not known here", hint: "CAST the column in a subquery first, or COALESCE the value" });
  }
  // why not `null ?? d`: the checker types it nullable (null has no non-null part to take)
  return x.expr.kind === "NullLiteral" ? fallback : binary("??", x.expr, fallback, span);
}

/** The variable a qualified path starts with, if any. */
function variableOf(s: MatchScope, path: readonly string[]): Variable | undefined {
  return path.length >= 2 ? s.variables.find((v) => v.name === path[0]) : undefined;
}

/** A row's field: its column through the input relation, which must be in the declared schema. */
function rowField(s: MatchScope, path: readonly string[], span: Span): { field: string; type: ColumnType } {
  const column = inputColumn(s.t, s.rel, path, span);
  const known = s.fields.get(column.field!);
  if (known === undefined) abort(s.t, "SQL3006", span, { what: `reading \`${column.name}\` in MATCH_RECOGNIZE, whose type is not known here`, hint: "CAST it in a subquery first" });
  return { field: column.field!, type: known.type };
}

const fieldOf = (row: Expr, f: string, span: Span): Expr => ({ kind: "FieldAccess", object: row, field: ident(f, span), span });

/** A record of every schema field set to null (`??` with it reads a field of a row that may be missing: SQL's NULL). */
function nullRow(s: MatchScope, span: Span): Expr {
  return { kind: "RecordLiteral", fields: [...s.fields.keys()].map((f) => field(f, nullLit(span), span)), span };
}

/** The current row (in a DEFINE) as a record. */
function currentRow(s: MatchScope, span: Span): Expr {
  return { kind: "RecordLiteral", fields: [...s.fields.keys()].map((f) => field(f, nameExpr(f, span), span)), span };
}

/** `a ?? b ?? …`, left to right. */
const coalesce = (rows: readonly Expr[], span: Span): Expr => rows.reduce((a, b) => binary("??", a, b, span));

const stageCall = (name: string, v: Variable, span: Span): Expr => call(name, [nameExpr(v.stage, span)], span);
const stageFieldCall = (name: string, v: Variable, f: string, span: Span): Expr => call(name, [fieldOf(nameExpr(v.stage, span), f, span)], span);

/** The variables whose rows are known at this point: all in MEASURES, those up to the tested one in DEFINE. */
function visible(s: MatchScope): readonly Variable[] {
  return s.clause.kind === "measures" ? s.variables : s.variables.slice(0, s.clause.current + 1);
}

/** Is `v`'s set of rows certainly non-empty here (the current row aside)? */
function certain(s: MatchScope, v: Variable): boolean {
  return v.min > 0 && (s.clause.kind === "measures" || v.index < s.clause.current);
}

type Navigation = { readonly which: "FIRST" | "LAST"; readonly offset: number };

/** `A.f`, `f`, `FIRST(A.f[, n])`, `LAST(A.f[, n])`: one row's field, by SQL's running (DEFINE) or final (MEASURES) semantics. */
function navigation(s: MatchScope, path: readonly string[], nav: Navigation, span: Span): Typed {
  const v = variableOf(s, path);
  const { field: f, type } = rowField(s, v === undefined ? path : path.slice(1), span);
  const current = s.clause.kind === "define" ? s.clause.current : null;
  const unsupported = () => abort(s.t, "SQL3006", span, { what: `${nav.which}(…, ${nav.offset}) over ${v === undefined ? "the whole match" : `the rows of \`${v.name}\``} here`, hint: "Eddy's CEP conditions read a variable's first and last rows (FIRST(A.f), LAST(A.f)), the previous row of the variable being defined (LAST(A.f, 1)) and the previous row of the match (LAST(f, 1))" });
  if (v !== undefined) {
    if (current !== null && v.index > current) return typed(s, nullLit(span), type, true); // not reached yet: no rows
    if (v.index === current) {
      // the variable being tested: its rows so far plus the current row (which `.flow`'s first/last leave out)
      if (nav.which === "LAST" && nav.offset === 0) return typed(s, nameExpr(f, span), type, false);
      if (nav.which === "LAST" && nav.offset === 1) return typed(s, fieldOf(coalesce([stageCall("last", v, span), nullRow(s, span)], span), f, span), type, true);
      if (nav.which === "FIRST" && nav.offset === 0) return typed(s, fieldOf(coalesce([stageCall("first", v, span), currentRow(s, span)], span), f, span), type, false);
      return unsupported();
    }
    if (nav.offset > 0) {
      if (v.max === 1) return typed(s, nullLit(span), type, true); // a single row has no second one
      return unsupported();
    }
    const row = stageCall(nav.which === "FIRST" ? "first" : "last", v, span);
    return certain(s, v) ? typed(s, fieldOf(row, f, span), type, false) : typed(s, fieldOf(coalesce([row, nullRow(s, span)], span), f, span), type, true);
  }
  // No variable: the universal one, every row of the match so far (and the current row in a DEFINE).
  if (current !== null && nav.which === "LAST" && nav.offset === 0) return typed(s, nameExpr(f, span), type, false);
  const inDefine = current !== null;
  const skipCurrent = inDefine && nav.which === "LAST"; // LAST(f, 1) in a DEFINE: the row before the current one
  if (nav.offset !== (skipCurrent ? 1 : 0)) return unsupported();
  const order = nav.which === "FIRST" ? visible(s) : [...visible(s)].reverse();
  const rows: Expr[] = [];
  let complete = false;
  for (const x of order) {
    rows.push(stageCall(nav.which === "FIRST" ? "first" : "last", x, span));
    if (certain(s, x)) { complete = true; break; }
  }
  if (!complete) rows.push(inDefine && nav.which === "FIRST" ? currentRow(s, span) : nullRow(s, span));
  const nullable = !complete && !(inDefine && nav.which === "FIRST");
  return typed(s, fieldOf(coalesce(rows, span), f, span), type, nullable);
}

function columnValue(s: MatchScope, path: readonly string[], span: Span): Typed {
  return navigation(s, path, { which: "LAST", offset: 0 }, span);
}

const AGGREGATES = new Set(["COUNT", "SUM", "AVG", "MIN", "MAX"]);

function callValue(s: MatchScope, e: Call): Typed | undefined {
  const name = e.name.length === 1 ? e.name[0]!.name.toUpperCase() : "";
  const span = e.span;
  if (name === "FIRST" || name === "LAST") {
    const [target, offset] = e.args;
    if (target?.kind !== "ColumnRef" || e.args.length > 2) abort(s.t, "SQL3006", span, { what: `${name}(…) of an expression`, hint: `${name} takes a column, optionally of a variable, and a row offset: ${name}(A.price, 1)` });
    let n = 0;
    if (offset !== undefined) {
      if (offset.kind !== "Number" || !/^\d+$/.test(offset.text)) abort(s.t, "SQL3015", offset.span, { problem: `the offset of ${name} is a whole number of rows`, hint: `e.g. ${name}(A.price, 1)` });
      n = Number(offset.text);
    }
    return navigation(s, target.path.map((p) => p.name), { which: name, offset: n }, span);
  }
  if (name === "MATCH_ROWTIME") {
    if (e.args.length > 0 || s.clause.kind !== "measures") abort(s.t, "SQL3006", span, { what: "MATCH_ROWTIME here", hint: "MATCH_ROWTIME() without arguments, in MEASURES" });
    const time = s.rel.columns.find((c) => c.field === s.rel.rowtime);
    return navigation(s, [time!.name], { which: "LAST", offset: 0 }, span);
  }
  if (["PREV", "NEXT", "CLASSIFIER", "MATCH_NUMBER", "RUNNING", "FINAL", "MATCH_PROCTIME"].includes(name)) {
    abort(s.t, "SQL3006", span, { what: `${name}(…) in MATCH_RECOGNIZE`, hint: "Flink lacks it too; navigate with FIRST(A.f) and LAST(A.f)" });
  }
  if (name === "COALESCE" || name === "IFNULL") {
    const args = e.args.map((a) => {
      if (a.kind === "TableArgument" || a.kind === "NamedArgument") abort(s.t, "SQL3015", a.span, { problem: `${name} takes plain arguments`, hint: "" });
      return matchValue(s, a);
    });
    if (args.length < 2) abort(s.t, "SQL3008", span, { name, expected: "2 or more arguments", actual: String(args.length) });
    return typed(s, coalesce(args.map((a) => a.expr), span), args.find((a) => a.type.kind !== "unknown")?.type ?? UNKNOWN_COLUMN, args.every((a) => isNullable(s, a.expr)));
  }
  if (AGGREGATES.has(name) && e.over === null) return aggregateValue(s, e, name);
  return undefined;
}

/** COUNT, SUM, AVG, MIN, MAX over a variable's rows (or the whole match's), running in DEFINE and final in MEASURES. */
function aggregateValue(s: MatchScope, e: Call, name: string): Typed {
  const span = e.span;
  if (e.distinct) abort(s.t, "SQL3006", span, { what: `${name}(DISTINCT …) in MATCH_RECOGNIZE`, hint: "Flink supports no DISTINCT aggregates here either" });
  if (e.filter !== null) abort(s.t, "SQL3006", e.filter.span, { what: "FILTER on an aggregate in MATCH_RECOGNIZE", hint: "" });
  const arg = e.args[0];
  if (e.args.length > 1) abort(s.t, "SQL3008", span, { name, expected: "one argument", actual: String(e.args.length) });
  let v: Variable | undefined;
  let target: { field: string; type: ColumnType } | null = null;
  if (arg !== undefined) {
    if (arg.kind !== "ColumnRef") abort(s.t, "SQL3006", arg.span, { what: `${name} of an expression in MATCH_RECOGNIZE`, hint: "aggregate a column, optionally of a variable (SUM(A.price)); compute the expression in a subquery first" });
    const path = arg.path.map((p) => p.name);
    v = variableOf(s, path);
    target = rowField(s, v === undefined ? path : path.slice(1), arg.span);
  } else if (!(name === "COUNT" && e.star)) abort(s.t, "SQL3008", span, { name, expected: "one argument", actual: "0" });
  if (name !== "COUNT" && target !== null && !["int", "float"].includes(target.type.kind)) {
    if (name === "SUM" || name === "AVG" || !["string", "timestamp", "duration"].includes(target.type.kind)) {
      abort(s.t, "SQL3015", arg!.span, { problem: `${name} takes ${name === "SUM" || name === "AVG" ? "a number" : "a number, string or time"}`, hint: "" });
    }
  }
  const current = s.clause.kind === "define" ? s.clause.current : null;
  // The rows aggregated: each visible variable's (or v's) accepted rows, plus the current row in v's own DEFINE.
  const over = v === undefined ? visible(s) : current !== null && v.index > current ? [] : [v];
  const withCurrent = current !== null && (v === undefined || v.index === current);
  const f = target?.field;
  const type = target?.type ?? INT_COLUMN;
  const counts = [...over.map((x) => stageCall("count", x, span)), ...(withCurrent ? [numberLit(1, span)] : [])];
  const count = counts.length === 0 ? numberLit(0, span) : counts.reduce((a, b) => binary("+", a, b, span));
  if (name === "COUNT") return typed(s, count, INT_COLUMN, false);
  // Empty for sure, or possibly (SQL aggregates of no rows are NULL, where `.flow`'s sum is 0).
  const mayBeEmpty = !withCurrent && !over.some((x) => certain(s, x));
  const parts = over.map((x) => stageFieldCall(name === "AVG" ? "sum" : name.toLowerCase(), x, f!, span));
  if (over.length === 0 && !withCurrent) return typed(s, nullLit(span), type, true);
  let value: Expr;
  if (name === "SUM" || name === "AVG") {
    const sum = [...parts, ...(withCurrent ? [nameExpr(f!, span)] : [])].reduce((a, b) => binary("+", a, b, span));
    if (name === "SUM") value = sum;
    else {
      // why toInt: Flink's AVG of an integer column is an integer, as the rest of the translator computes it
      const quotient = binary("/", sum, count, span);
      value = type.kind === "int" ? call("toInt", [quotient], span) : quotient;
    }
  } else {
    // MIN/MAX: fold the stages' (nullable) extremes, starting from a value that is certainly there.
    const fn = name.toLowerCase();
    const start = withCurrent ? nameExpr(f!, span) : over.find((x) => certain(s, x)) !== undefined ? stageFieldCall(fn, over.find((x) => certain(s, x))!, f!, span) : null;
    if (start === null) {
      // every stage may be empty: fold with `??`, the result NULL when all are
      value = parts.reduce((acc, p) => ifExpr(binary("==", acc, nullLit(span), span), p, ifExpr(binary("==", p, nullLit(span), span), acc, call(fn, [binary("??", acc, p, span), binary("??", p, acc, span)], span), span), span));
      return typed(s, value, type, true);
    }
    value = parts.reduce((acc, p) => call(fn, [acc, binary("??", p, acc, span)], span), start);
  }
  const result = name === "AVG" && type.kind !== "int" ? FLOAT_COLUMN : type;
  return mayBeEmpty ? typed(s, ifExpr(binary("==", count, numberLit(0, span), span), nullLit(span), value, span), result, true) : typed(s, value, result, false);
}
