// Prints a Flink SQL syntax tree back as SQL text that parses to the same tree (spans aside).
// Compound operands are always parenthesised, so the printer needs no precedence table and cannot regroup anything.
import type {
  AfterMatchSkip, Argument, Call, DataType, Expr, FrameBound, Identifier, Insert, OrderItem, Query, QueryBody, RowPattern, Select,
  SelectItem, Statement, StringLiteral, TableAlias, TableRef, WindowSpec,
} from "./ast.js";

/** A script: statements separated by `;` and a blank line. */
export function printSql(statements: readonly Statement[]): string {
  return statements.map((s) => `${printStatement(s)};`).join("\n\n") + (statements.length > 0 ? "\n" : "");
}

export function printStatement(s: Statement): string {
  switch (s.kind) {
    case "CreateTable": {
      const inlineKey = s.columns.some((c) => c.kind === "PhysicalColumn" && c.primaryKey);
      const elements = s.columns.map((c) => {
        const comment = c.comment === null ? "" : ` COMMENT ${quote(c.comment)}`;
        switch (c.kind) {
          case "PhysicalColumn":
            return `${ident(c.name)} ${printType(c.type)}${c.primaryKey ? " PRIMARY KEY NOT ENFORCED" : ""}${comment}`;
          case "ComputedColumn":
            return `${ident(c.name)} AS ${printExpr(c.expr)}${comment}`;
          case "MetadataColumn":
            return `${ident(c.name)} ${printType(c.type)} METADATA${c.from === null ? "" : ` FROM ${quote(c.from)}`}${c.virtual ? " VIRTUAL" : ""}${comment}`;
        }
      });
      if (s.watermark !== null) elements.push(`WATERMARK FOR ${ident(s.watermark.column)} AS ${printExpr(s.watermark.expr)}`);
      if (s.primaryKey !== null && !inlineKey) elements.push(`PRIMARY KEY (${s.primaryKey.columns.map(ident).join(", ")}) NOT ENFORCED`);
      return [
        `CREATE ${s.temporary ? "TEMPORARY " : ""}TABLE ${s.ifNotExists ? "IF NOT EXISTS " : ""}${name(s.name)} (\n  ${elements.join(",\n  ")}\n)`,
        s.comment === null ? "" : ` COMMENT ${quote(s.comment)}`,
        s.partitionedBy.length === 0 ? "" : ` PARTITIONED BY (${s.partitionedBy.map(ident).join(", ")})`,
        s.options.length === 0 ? "" : ` WITH (\n  ${s.options.map((o) => `${str(o.key)} = ${str(o.value)}`).join(",\n  ")}\n)`,
        s.like === null ? "" : ` LIKE ${name(s.like)}`,
      ].join("");
    }
    case "CreateView":
      return `CREATE ${s.temporary ? "TEMPORARY " : ""}VIEW ${s.ifNotExists ? "IF NOT EXISTS " : ""}${name(s.name)}${s.columns === null ? "" : ` (${s.columns.map(ident).join(", ")})`} AS\n${printQuery(s.query)}`;
    case "CreateFunction": {
      const scope = s.system ? "TEMPORARY SYSTEM " : s.temporary ? "TEMPORARY " : "";
      return `CREATE ${scope}FUNCTION ${s.ifNotExists ? "IF NOT EXISTS " : ""}${name(s.name)} AS ${str(s.className)}${s.language === null ? "" : ` LANGUAGE ${s.language}`}`;
    }
    case "Insert":
      return printInsert(s);
    case "QueryStatement":
      return printQuery(s.query);
    case "Set":
      return s.key === null || s.value === null ? "SET" : `SET ${str(s.key)} = ${str(s.value)}`;
    case "Reset":
      return s.key === null ? "RESET" : `RESET ${str(s.key)}`;
    case "Explain":
      return `EXPLAIN ${s.details.length === 0 ? "" : `${s.details.join(", ")} `}${printStatement(s.statement)}`;
    case "StatementSet":
      return `EXECUTE STATEMENT SET BEGIN\n${s.statements.map((i) => `${printInsert(i)};\n`).join("")}END`;
  }
}

function printInsert(s: Insert): string {
  const partition = s.partition.length === 0 ? "" : ` PARTITION (${s.partition.map((p) => `${ident(p.column)} = ${printExpr(p.value)}`).join(", ")})`;
  const columns = s.columns === null ? "" : ` (${s.columns.map(ident).join(", ")})`;
  return `INSERT ${s.overwrite ? "OVERWRITE" : "INTO"} ${name(s.table)}${partition}${columns}\n${printQuery(s.query)}`;
}

export function printQuery(q: Query): string {
  const parts: string[] = [];
  if (q.with.length > 0) {
    parts.push(`WITH ${q.with.map((c) => `${ident(c.name)}${c.columns === null ? "" : ` (${c.columns.map(ident).join(", ")})`} AS (\n${printQuery(c.query)}\n)`).join(",\n")}`);
  }
  parts.push(printBody(q.body));
  if (q.orderBy.length > 0) parts.push(`ORDER BY ${q.orderBy.map(printOrderItem).join(", ")}`);
  if (q.limit !== null) parts.push(`LIMIT ${printExpr(q.limit)}`);
  if (q.offset !== null) parts.push(`OFFSET ${printExpr(q.offset)}`);
  return parts.join("\n");
}

function printBody(b: QueryBody): string {
  switch (b.kind) {
    case "Select":
      return printSelect(b);
    case "Values":
      return `VALUES ${b.rows.map((r) => `(${r.map(printExpr).join(", ")})`).join(", ")}`;
    case "SetOperation": {
      // The grammar folds to the left, so only a right operand that is itself an operation needs parentheses.
      const right = b.right.kind === "SetOperation" ? `(${printBody(b.right)})` : printBody(b.right);
      return `${printBody(b.left)}\n${b.op}${b.all ? " ALL" : ""}\n${right}`;
    }
    case "Query":
      return `(${printQuery(b)})`;
  }
}

function printSelect(s: Select): string {
  const parts = [`SELECT ${s.distinct ? "DISTINCT " : ""}${s.items.map(printSelectItem).join(", ")}`];
  if (s.from !== null) parts.push(`FROM ${printTableRef(s.from)}`);
  if (s.where !== null) parts.push(`WHERE ${printExpr(s.where)}`);
  // why a set of one bare: `((SELECT …))` would read back as a subquery in parentheses, not the subquery
  if (s.groupingSets !== null) parts.push(`GROUP BY GROUPING SETS (${s.groupingSets.map((set) => (set.length === 1 ? printExpr(set[0]!) : `(${set.map(printExpr).join(", ")})`)).join(", ")})`);
  else if (s.groupBy.length > 0) parts.push(`GROUP BY ${s.groupBy.map(printExpr).join(", ")}`);
  if (s.having !== null) parts.push(`HAVING ${printExpr(s.having)}`);
  if (s.windows.length > 0) parts.push(`WINDOW ${s.windows.map((w) => `${ident(w.name)} AS ${printWindow(w.spec)}`).join(", ")}`);
  return parts.join("\n");
}

function printSelectItem(item: SelectItem): string {
  if (item.kind === "Star") return item.qualifier.length === 0 ? "*" : `${item.qualifier.map(ident).join(".")}.*`;
  return `${printExpr(item.expr)}${item.alias === null ? "" : ` AS ${ident(item.alias)}`}`;
}

function printOrderItem(o: OrderItem): string {
  return `${printExpr(o.expr)}${o.descending ? " DESC" : ""}${o.nulls === null ? "" : ` NULLS ${o.nulls}`}`;
}

function printTableRef(t: TableRef): string {
  switch (t.kind) {
    case "TableName":
      return `${name(t.name)}${t.asOf === null ? "" : ` FOR SYSTEM_TIME AS OF ${operand(t.asOf)}`}${alias(t.alias)}`;
    case "DerivedTable":
      return `${t.lateral ? "LATERAL " : ""}(\n${printQuery(t.query)}\n)${alias(t.alias)}`;
    case "TableFunction":
      return `${t.lateral ? "LATERAL " : ""}TABLE(${printCall(t.call)})${alias(t.alias)}`;
    case "Unnest":
      return `UNNEST(${printExpr(t.expr)})${alias(t.alias)}`;
    case "MatchRecognize": {
      const clauses: string[] = [];
      if (t.partitionBy.length > 0) clauses.push(`PARTITION BY ${t.partitionBy.map(printExpr).join(", ")}`);
      if (t.orderBy.length > 0) clauses.push(`ORDER BY ${t.orderBy.map(printOrderItem).join(", ")}`);
      if (t.measures.length > 0) clauses.push(`MEASURES ${t.measures.map((m) => `${printExpr(m.expr)} AS ${ident(m.name)}`).join(", ")}`);
      if (t.rowsPerMatch !== null) clauses.push(t.rowsPerMatch.mode === "ONE" ? "ONE ROW PER MATCH" : "ALL ROWS PER MATCH");
      if (t.afterMatch !== null) clauses.push(`AFTER MATCH SKIP ${printAfterMatch(t.afterMatch)}`);
      clauses.push(`PATTERN (${printPattern(t.pattern)})${t.within === null ? "" : ` WITHIN ${printExpr(t.within)}`}`);
      clauses.push(`DEFINE ${t.define.map((d) => `${ident(d.variable)} AS ${printExpr(d.condition)}`).join(", ")}`);
      return `${printTableRef(t.input)} MATCH_RECOGNIZE (\n  ${clauses.join("\n  ")}\n)${alias(t.alias)}`;
    }
    case "Join": {
      // Joins fold to the left; a join on the right was written in parentheses.
      const right = t.right.kind === "Join" ? `(${printTableRef(t.right)})` : printTableRef(t.right);
      if (t.joinType === "COMMA") return `${printTableRef(t.left)}, ${right}`;
      const type = t.joinType === "INNER" ? "" : `${t.joinType} `;
      const condition = t.on !== null ? ` ON ${printExpr(t.on)}` : t.using !== null ? ` USING (${t.using.map(ident).join(", ")})` : "";
      return `${printTableRef(t.left)}\n${t.natural ? "NATURAL " : ""}${type}JOIN ${right}${condition}`;
    }
  }
}

function alias(a: TableAlias | null): string {
  if (a === null) return "";
  return ` AS ${ident(a.name)}${a.columns === null ? "" : ` (${a.columns.map(ident).join(", ")})`}`;
}

function printAfterMatch(a: AfterMatchSkip): string {
  switch (a.kind) {
    case "PastLastRow":
      return "PAST LAST ROW";
    case "ToNextRow":
      return "TO NEXT ROW";
    case "ToFirst":
      return `TO FIRST ${ident(a.variable)}`;
    case "ToLast":
      return `TO LAST ${ident(a.variable)}`;
  }
}

function printPattern(p: RowPattern): string {
  switch (p.kind) {
    case "PatternVariable":
      return ident(p.name);
    case "PatternSequence":
      return p.terms.map((t) => (t.kind === "PatternAlternation" || t.kind === "PatternSequence" ? `(${printPattern(t)})` : printPattern(t))).join(" ");
    case "PatternAlternation":
      return p.alternatives.map((a) => (a.kind === "PatternAlternation" ? `(${printPattern(a)})` : printPattern(a))).join(" | ");
    case "PatternQuantified": {
      const inner = p.pattern.kind === "PatternVariable" ? printPattern(p.pattern) : `(${printPattern(p.pattern)})`;
      return `${inner}${quantifier(p.min, p.max)}${p.reluctant ? "?" : ""}`;
    }
  }
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  if (min === 0 && max === 1) return "?";
  if (min === max) return `{${min}}`;
  return min === 0 ? `{,${max}}` : `{${min},${max}}`;
}

/** An expression where any expression may stand. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "Number":
      return e.text;
    case "String":
      return quote(e.value);
    case "Boolean":
      return e.value ? "TRUE" : "FALSE";
    case "Null":
      return "NULL";
    case "Interval":
      return `INTERVAL ${e.negative ? "-" : ""}${quote(e.value)} ${e.unit}${e.precision === null ? "" : `(${e.precision})`}${e.toUnit === null ? "" : ` TO ${e.toUnit}`}`;
    case "TypedLiteral":
      return `${e.type} ${quote(e.value)}`;
    case "ColumnRef":
      return e.path.map(ident).join(".");
    case "Binary":
      return `${operand(e.left)} ${e.op} ${operand(e.right)}`;
    case "Unary":
      return e.op === "NOT" ? `NOT ${operand(e.operand)}` : `${e.op}${operand(e.operand)}`;
    case "Is":
      return `${operand(e.expr)} IS ${e.not ? "NOT " : ""}${e.value}`;
    case "Between":
      return `${operand(e.expr)} ${e.not ? "NOT " : ""}BETWEEN ${operand(e.low)} AND ${operand(e.high)}`;
    case "Like":
      return `${operand(e.expr)} ${e.not ? "NOT " : ""}LIKE ${operand(e.pattern)}${e.escape === null ? "" : ` ESCAPE ${str(e.escape)}`}`;
    case "InList":
      return `${operand(e.expr)} ${e.not ? "NOT " : ""}IN (${e.list.map(printExpr).join(", ")})`;
    case "InSubquery":
      return `${operand(e.expr)} ${e.not ? "NOT " : ""}IN (\n${printQuery(e.query)}\n)`;
    case "Case":
      return `CASE${e.operand === null ? "" : ` ${printExpr(e.operand)}`}${e.whens.map((w) => ` WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`).join("")}${e.else === null ? "" : ` ELSE ${printExpr(e.else)}`} END`;
    case "Cast":
      return `${e.try ? "TRY_CAST" : "CAST"}(${printExpr(e.expr)} AS ${printType(e.type)})`;
    case "Extract":
      return `EXTRACT(${e.unit} FROM ${printExpr(e.expr)})`;
    case "Call":
      return printCall(e);
    case "ScalarSubquery":
      return `(\n${printQuery(e.query)}\n)`;
    case "Exists":
      return `EXISTS (\n${printQuery(e.query)}\n)`;
    case "Descriptor":
      return `DESCRIPTOR(${e.columns.map(ident).join(", ")})`;
    case "Index":
      return `${operand(e.base)}[${printExpr(e.index)}]`;
  }
}

/** An expression as the operand of an operator: parenthesised unless it is a single token or bracketed form. */
function operand(e: Expr): string {
  const compound = e.kind === "Binary" || e.kind === "Unary" || e.kind === "Is" || e.kind === "Between" || e.kind === "Like" || e.kind === "InList" || e.kind === "InSubquery";
  // `-5` is one literal, but as an operand it must not glue onto the operator before it (`a - -5` is fine, `-5[1]` is not).
  const negative = e.kind === "Number" && e.text.startsWith("-");
  return compound || negative ? `(${printExpr(e)})` : printExpr(e);
}

function printCall(c: Call): string {
  const callee = c.name.map(ident).join(".");
  if (c.niladic) return callee;
  const args = c.star ? "*" : `${c.distinct ? "DISTINCT " : ""}${c.args.map(printArgument).join(", ")}`;
  const filter = c.filter === null ? "" : ` FILTER (WHERE ${printExpr(c.filter)})`;
  return `${callee}(${args})${filter}${c.over === null ? "" : ` OVER ${printWindow(c.over)}`}`;
}

function printArgument(a: Argument): string {
  if (a.kind === "NamedArgument") return `${ident(a.name)} => ${printArgument(a.value)}`;
  if (a.kind === "TableArgument") {
    const keys = a.partitionBy.length === 1 ? printExpr(a.partitionBy[0]!) : `(${a.partitionBy.map(printExpr).join(", ")})`;
    return `TABLE ${name(a.name)}${a.partitionBy.length === 0 ? "" : ` PARTITION BY ${keys}`}`;
  }
  return printExpr(a);
}

export function printWindow(w: WindowSpec): string {
  if (w.name !== null) return ident(w.name);
  const parts: string[] = [];
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${w.partitionBy.map(printExpr).join(", ")}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${w.orderBy.map(printOrderItem).join(", ")}`);
  if (w.frame !== null) {
    const f = w.frame;
    parts.push(f.end === null ? `${f.unit} ${printBound(f.start)}` : `${f.unit} BETWEEN ${printBound(f.start)} AND ${printBound(f.end)}`);
  }
  return `(${parts.join(" ")})`;
}

function printBound(b: FrameBound): string {
  switch (b.kind) {
    case "UnboundedPreceding":
      return "UNBOUNDED PRECEDING";
    case "UnboundedFollowing":
      return "UNBOUNDED FOLLOWING";
    case "CurrentRow":
      return "CURRENT ROW";
    case "Preceding":
      return `${operand(b.offset)} PRECEDING`;
    case "Following":
      return `${operand(b.offset)} FOLLOWING`;
  }
}

export function printType(t: DataType): string {
  let body: string;
  if (t.name === "ROW") body = `ROW<${t.fields.map((f) => `${ident(f.name)} ${printType(f.type)}${f.comment === null ? "" : ` ${quote(f.comment)}`}`).join(", ")}>`;
  else if (t.name === "MAP" && t.key !== null && t.value !== null) body = `MAP<${printType(t.key)}, ${printType(t.value)}>`;
  else if (t.element !== null) body = `${t.name}<${printType(t.element)}>`;
  else body = `${t.name}${t.params.length === 0 ? "" : `(${t.params.join(", ")})`}`;
  const zone = t.timeZone === "LOCAL" ? " WITH LOCAL TIME ZONE" : t.timeZone === "WITHOUT" ? " WITHOUT TIME ZONE" : "";
  return `${body}${zone}${t.notNull ? " NOT NULL" : ""}`;
}

function ident(i: Identifier): string {
  return i.quoted ? `\`${i.name.replace(/`/g, "``")}\`` : i.name;
}

function name(parts: readonly Identifier[]): string {
  return parts.map(ident).join(".");
}

function str(s: StringLiteral): string {
  return quote(s.value);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
