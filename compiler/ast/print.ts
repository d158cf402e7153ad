// Prints an AST back to `.flow` source (canonical layout, minimal parentheses); parse(print(ast)) equals ast modulo spans.
import type {
  Argument, BinaryOperator, ConnectorCall, Declaration, Expr, JobItem, Operator, Pipeline, Program, RecordFieldInit,
  Stage, TriggerFiring, TypeNode, WindowAssigner, WindowTrigger,
} from "./nodes.js";

// Binding strength, loosest first; mirrors the grammar's rule nesting.
const PREC_LOWEST = 0; // if/then/else and lambdas: their last operand extends as far as possible
const PREC_OR = 1;
const PREC_AND = 2;
const PREC_NOT = 3;
const PREC_COMPARE = 4;
const PREC_COALESCE = 5;
const PREC_ADD = 6;
const PREC_MUL = 7;
const PREC_UNARY = 8;
const PREC_POSTFIX = 9;

const BINARY_PREC: Record<BinaryOperator, number> = {
  or: PREC_OR, and: PREC_AND,
  "==": PREC_COMPARE, "!=": PREC_COMPARE, "<": PREC_COMPARE, "<=": PREC_COMPARE, ">": PREC_COMPARE, ">=": PREC_COMPARE, in: PREC_COMPARE,
  "??": PREC_COALESCE, "+": PREC_ADD, "-": PREC_ADD, "*": PREC_MUL, "/": PREC_MUL, "%": PREC_MUL,
};

function precedence(expr: Expr): number {
  switch (expr.kind) {
    case "BinaryExpr": return BINARY_PREC[expr.op];
    case "UnaryExpr": return expr.op === "not" ? PREC_NOT : PREC_UNARY;
    case "IfExpr": case "LambdaExpr": return PREC_LOWEST;
    default: return PREC_POSTFIX;
  }
}

export function printExpr(expr: Expr, minPrec = PREC_LOWEST): string {
  const text = printBare(expr);
  return precedence(expr) < minPrec ? `(${text})` : text;
}

function printBare(expr: Expr): string {
  switch (expr.kind) {
    case "IntLiteral": case "FloatLiteral": return expr.raw;
    case "StringLiteral": return JSON.stringify(expr.value);
    case "BoolLiteral": return String(expr.value);
    case "NullLiteral": return "null";
    case "DurationLiteral": return `${expr.amount}${expr.unit}`;
    case "TimestampLiteral": return `@${expr.raw}`;
    case "NameExpr": return expr.name;
    case "FieldAccess": return `${printExpr(expr.object, PREC_POSTFIX)}.${expr.field.name}`;
    case "IndexExpr": return `${printExpr(expr.object, PREC_POSTFIX)}[${printExpr(expr.index)}]`;
    case "CallExpr": return `${expr.callee.name}(${printArgs(expr.args)})`;
    case "UnaryExpr": {
      if (expr.op === "not") return `not ${printExpr(expr.operand, PREC_NOT)}`;
      const operand = printExpr(expr.operand, PREC_UNARY);
      // `- -x`, not `--x`: keeps the output readable (the grammar accepts both).
      return operand.startsWith("-") ? `- ${operand}` : `-${operand}`;
    }
    case "BinaryExpr": {
      const p = BINARY_PREC[expr.op];
      // Left-associative, except comparisons, which do not chain at all.
      const leftMin = p === PREC_COMPARE ? p + 1 : p;
      return `${printExpr(expr.left, leftMin)} ${expr.op} ${printExpr(expr.right, p + 1)}`;
    }
    case "IfExpr":
      return `if ${printExpr(expr.condition)} then ${printExpr(expr.then)} else ${printExpr(expr.else)}`;
    case "RecordLiteral": return printFields(expr.fields);
    case "ArrayLiteral": return `[${expr.elements.map((e) => printExpr(e)).join(", ")}]`;
    case "LambdaExpr": return `(${expr.params.map((p) => p.name).join(", ")}) => ${printExpr(expr.body)}`;
  }
}

function printArgs(args: readonly Argument[]): string {
  return args.map((a) => (a.name === null ? printExpr(a.value) : `${a.name.name}: ${printExpr(a.value)}`)).join(", ");
}

function printFields(fields: readonly RecordFieldInit[]): string {
  if (fields.length === 0) return "{}";
  return `{ ${fields.map((f) => (f.shorthand ? f.name.name : `${f.name.name}: ${printExpr(f.value)}`)).join(", ")} }`;
}

export function printTypeNode(type: TypeNode): string {
  switch (type.kind) {
    case "PrimitiveTypeNode": return type.name;
    case "NamedTypeNode": return type.name.name;
    case "NullableTypeNode": return `${printTypeNode(type.inner)}?`;
    case "ArrayTypeNode": return `[${printTypeNode(type.element)}]`;
    case "RecordTypeNode": return `{ ${type.fields.map((f) => `${f.name.name}: ${printTypeNode(f.type)}`).join(", ")} }`;
  }
}

function printConnector(call: ConnectorCall): string {
  return `${call.name.name}(${printArgs(call.args)})`;
}

function printAssigner(assigner: WindowAssigner): string {
  const args = assigner.args.length > 0 || assigner.name.name !== "global" ? `(${printArgs(assigner.args)})` : "";
  return `${assigner.name.name}${args}${assigner.processing ? " processing" : ""}`;
}

function printStage(stage: Stage): string {
  let text = `${stage.contiguity} ${stage.name.name}`;
  if (stage.condition !== null) text += ` where ${printExpr(stage.condition)}`;
  const q = stage.quantifier;
  if (q !== null) {
    const forms = { times: `{${q.min}}`, range: `{${q.min},${q.max}}`, atLeast: `{${q.min},}`, oneOrMore: "+", zeroOrMore: "*", optional: "?" };
    text += ` ${forms[q.form]}`;
  }
  for (const m of stage.modifiers) text += m.condition === null ? ` ${m.modifier}` : ` until ${printExpr(m.condition)}`;
  return text;
}

function printTrigger(trigger: WindowTrigger): string {
  const firing = (f: TriggerFiring) => (f.form === "count" ? `count(${printExpr(f.value)})` : `every ${printExpr(f.value, PREC_ADD)}`);
  let text = "trigger";
  if (trigger.firing !== null) text += ` ${firing(trigger.firing)}`;
  if (trigger.early !== null) text += ` early ${firing(trigger.early)}`;
  if (trigger.late !== null) text += ` late ${firing(trigger.late)}`;
  return trigger.purge ? `${text} purge` : text;
}

export function printOperator(op: Operator): string {
  switch (op.kind) {
    case "FilterOp": return `filter ${printExpr(op.condition)}`;
    case "MapOp": return `map ${printFields(op.fields)}`;
    case "ExtendOp": return `extend ${printFields(op.fields)}`;
    case "FlatMapOp": return `flatMap ${printExpr(op.expr)} as ${op.as.name}`;
    case "KeyByOp": return `keyBy ${op.keys.map((k) => printExpr(k)).join(", ")}`;
    case "WindowOp": {
      let text = `window ${printAssigner(op.assigner)}`;
      if (op.trigger !== null) text += ` ${printTrigger(op.trigger)}`;
      if (op.allowedLateness !== null) text += ` allowedLateness ${printExpr(op.allowedLateness, PREC_ADD)}`;
      if (op.lateTo !== null) text += ` lateTo ${op.lateTo.name}`;
      return text;
    }
    case "AggregateOp": return `aggregate ${printFields(op.fields)}`;
    case "ReduceOp": return `reduce ${printExpr(op.reducer)}`;
    case "TopOp": return `top ${op.count.raw} by ${[{ by: op.by, descending: op.descending }, ...op.then].map((k) => `${printExpr(k.by)}${k.descending ? " desc" : ""}`).join(", ")}${op.rank === undefined ? "" : ` as ${op.rank.name}`}`;
    case "JoinOp": {
      let text = `${op.outer === undefined ? "" : `${op.outer} `}join ${op.stream.name} as ${op.alias.name} on ${printExpr(op.on)}`;
      if (op.window !== null) text += ` window ${printAssigner(op.window)}`;
      if (op.between !== null) text += ` between ${printExpr(op.between.lower, PREC_ADD)} and ${printExpr(op.between.upper, PREC_ADD)}`;
      if (op.unbounded) text += " unbounded";
      if (op.temporal) text += " temporal";
      return text;
    }
    case "LookupOp": return `${op.outer ? "left " : ""}lookup ${op.table.name} as ${op.alias.name} on ${printExpr(op.on)}`;
    case "UnionOp": return `union ${op.streams.map((s) => s.name).join(", ")}`;
    case "DedupeOp": return `dedupe ${printExpr(op.key)}${op.within === null ? "" : ` within ${printExpr(op.within, PREC_ADD)}`}`;
    case "OverOp": return `over ${op.preceding === null ? (op.unit === "rows" ? "rows unbounded" : "unbounded") : `${op.unit} ${printExpr(op.preceding, PREC_ADD)}`}${op.processing ? " processing" : ""} ${printFields(op.fields)}`;
    case "MatchOp": return `match ${op.pattern.name}${op.timeoutsTo === null ? "" : ` timeoutsTo ${op.timeoutsTo.name}`}`;
    case "ProcessOp": return `process ${op.function.name}`;
    case "PredictOp": return `predict model(${JSON.stringify(op.path.value)})`;
    case "TrainOp": return `train ${op.learner.name}(${op.args.map((a) => `${a.name === null ? "" : `${a.name.name}: `}${printExpr(a.value)}`).join(", ")})`;
    case "PredictLatestOp": return `predict latest(${op.stream.name})`;
    case "ChangelogOp": return "changelog";
    case "RebalanceOp": return "rebalance";
    case "BroadcastOp": return "broadcast";
    case "ParallelismOp": return `parallelism ${op.value.raw}`;
    case "ToOp": return `to ${op.sink.name}`;
  }
}

export function printPipeline(pipeline: Pipeline, indent = "  "): string {
  return [pipeline.head.name, ...pipeline.operators.map((op) => `${indent}  | ${printOperator(op)}`)].join("\n");
}

function printJobItem(item: JobItem): string {
  switch (item.kind) {
    case "ParallelismSetting": return `parallelism ${item.value.raw}`;
    case "CheckpointSetting": return `checkpoint every ${printExpr(item.interval, PREC_ADD)}${item.mode === null ? "" : ` ${item.mode}`}`;
    case "RestartSetting": return `restart ${item.strategy.name}${item.args.length > 0 ? `(${printArgs(item.args)})` : ""}`;
    case "LetStatement": return `let ${item.name.name} = ${printPipeline(item.pipeline)}`;
    case "Pipeline": return printPipeline(item);
  }
}

export function printDeclaration(decl: Declaration): string {
  switch (decl.kind) {
    case "ImportDecl":
      return `import { ${decl.names.map((n) => (n.alias === null ? n.name.name : `${n.name.name} as ${n.alias.name}`)).join(", ")} } from ${JSON.stringify(decl.from.value)}`;
    case "SchemaDecl":
      return `schema ${decl.name.name} {\n${decl.fields.map((f) => `  ${f.name.name}: ${printTypeNode(f.type)}\n`).join("")}}`;
    case "SourceDecl": {
      let text = `source ${decl.name.name}${decl.type === null ? "" : `: ${printTypeNode(decl.type)}`} = ${printConnector(decl.connector)}`;
      if (decl.watermark !== null) text += `\n  watermark ${decl.watermark.field.name} delay ${printExpr(decl.watermark.delay)}`;
      if (decl.idle !== null) text += `\n  idle ${printExpr(decl.idle)}`;
      return text;
    }
    case "SinkDecl":
      return `sink ${decl.name.name}${decl.type === null ? "" : `: ${printTypeNode(decl.type)}`} = ${printConnector(decl.connector)}`;
    case "PatternDecl": {
      let head = `pattern ${decl.name.name} on ${decl.on.name}`;
      if (decl.within !== null) head += ` within ${printExpr(decl.within, PREC_ADD)}`;
      if (decl.skip !== null) head += ` skip ${decl.skip.strategy}${decl.skip.stage === null ? "" : `(${decl.skip.stage.name})`}`;
      return `${head} {\n${decl.stages.map((s) => `  ${printStage(s)}\n`).join("")}} emit ${printFields(decl.emit.fields)}`;
    }
    case "JobDecl":
      return `job ${decl.name.name} {\n${decl.items.map((i) => `  ${printJobItem(i)}\n`).join("")}}`;
  }
}

export function printProgram(program: Program): string {
  return program.declarations.map(printDeclaration).join("\n\n") + "\n";
}
