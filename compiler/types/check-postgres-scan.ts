// Checks a `postgres(…)` source (FLOW3060): the fields it reads are of types a PostgreSQL column converts to, and its
// partitioned scan — Flink's scan.partition.column/.num/.lower-bound/.upper-bound, given together — ranges an int or
// float field between whole-number bounds in order; `fetchSize` rows per round trip is positive.
import type { Expr, SourceDecl } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { printType } from "./print-type.js";
import { constantInt } from "./constants.js";
import { sourceArgument } from "./source-arguments.js";
import { fieldOf, nonNull, type RecordType, type Type } from "./type.js";

const PARTITION = ["partitionColumn", "partitions", "lowerBound", "upperBound"] as const;

export function checkPostgresScan(reporter: Reporter, decl: SourceDecl, type: RecordType | undefined): void {
  const problem = (span: Expr["span"], text: string) => reporter.report("FLOW3060", span, { problem: text });
  for (const f of type?.fields ?? []) {
    if (!readable(f.type)) problem(decl.connector.name.span, `a postgres source cannot read the field \`${f.name}\` of type ${printType(f.type)}: its fields are int, float, string, bool, timestamp, arrays and records (json)`);
  }
  const given = PARTITION.map((name) => [name, sourceArgument(decl, name)] as const);
  const missing = given.filter(([, e]) => e === undefined).map(([name]) => `\`${name}\``);
  const first = given.find(([, e]) => e !== undefined);
  if (first !== undefined && missing.length > 0) {
    problem(first[1]!.span, `a partitioned scan needs ${missing.join(", ")} too: \`partitionColumn\`, \`partitions\`, \`lowerBound\` and \`upperBound\` go together (Flink's scan.partition.*)`);
  }
  checkPartitionColumn(reporter, sourceArgument(decl, "partitionColumn"), type);
  const count = sourceArgument(decl, "partitions");
  if (count !== undefined && (constantInt(count) ?? 1) < 1) problem(count.span, "`partitions` must be at least 1");
  const lower = sourceArgument(decl, "lowerBound");
  const upper = sourceArgument(decl, "upperBound");
  const lo = lower === undefined ? undefined : constantInt(lower);
  const hi = upper === undefined ? undefined : constantInt(upper);
  if (lo !== undefined && hi !== undefined) {
    if (lo > hi) problem(upper!.span, `\`upperBound\` ${hi} is below \`lowerBound\` ${lo}`);
    // why: the ranges are computed in doubles; their ends must stay exact
    else if (!Number.isSafeInteger(hi - lo + 1)) problem(upper!.span, `\`lowerBound\` ${lo} and \`upperBound\` ${hi} are too far apart to split exactly`);
  }
  const fetch = sourceArgument(decl, "fetchSize");
  if (fetch !== undefined && (constantInt(fetch) ?? 1) < 1) problem(fetch.span, "`fetchSize` (rows per round trip) must be at least 1");
}

/** The partition column is a field of the records, numeric — its ranges are of numbers. */
function checkPartitionColumn(reporter: Reporter, column: Expr | undefined, type: RecordType | undefined): void {
  // why: a non-string was reported when the arguments were checked; a type without fields has nothing to check against
  if (column?.kind !== "StringLiteral" || type === undefined || type.fields.length === 0) return;
  const field = fieldOf(type, column.value);
  if (field === undefined) return reporter.report("FLOW2005", column.span, { name: column.value, type: `\`${printType(type)}\`` });
  const kind = nonNull(field.type).kind;
  if (kind !== "int" && kind !== "float") {
    reporter.report("FLOW3060", column.span, { problem: `partition column \`${field.name}\` is a \`${printType(field.type)}\`: a partitioned scan reads ranges of an int or float column` });
  }
}

/** Whether a column converts to values of this type: PostgreSQL's JSON of the row holds no durations. */
function readable(type: Type): boolean {
  const t = nonNull(type);
  switch (t.kind) {
    case "int": case "float": case "string": case "bool": case "timestamp": case "unknown": return true;
    case "array": return readable(t.element);
    case "record": return t.fields.every((f) => readable(f.type));
    default: return false;
  }
}
