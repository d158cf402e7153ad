// A visitor with default traversal: a pass handles only the node kinds it cares about.
import type { Node } from "./nodes.js";

type NodeOf<K extends Node["kind"]> = Extract<Node, { kind: K }>;

/** One optional handler per node kind; returning `false` skips that node's children. */
export type Visitor = { [K in Node["kind"]]?: (node: NodeOf<K>) => void | false };

export function visit(node: Node, visitor: Visitor): void {
  const handler = visitor[node.kind] as ((n: Node) => void | false) | undefined;
  if (handler !== undefined && handler(node) === false) return;
  forEachChild(node, (child) => visit(child, visitor));
}

/** Calls `fn` on each direct child of `node`, in source order. */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  const each = (nodes: readonly Node[]) => nodes.forEach(fn);
  const maybe = (n: Node | null) => {
    if (n !== null) fn(n);
  };
  switch (node.kind) {
    case "Program": return each(node.declarations);
    case "ImportDecl": each(node.names); return fn(node.from);
    case "ImportName": fn(node.name); return maybe(node.alias);
    case "SchemaDecl": fn(node.name); return each(node.fields);
    case "FieldDecl": fn(node.name); return fn(node.type);
    case "SourceDecl": fn(node.name); maybe(node.type); fn(node.connector); maybe(node.watermark); return maybe(node.idle);
    case "Watermark": fn(node.field); return fn(node.delay);
    case "SinkDecl": fn(node.name); maybe(node.type); return fn(node.connector);
    case "ConnectorCall": fn(node.name); return each(node.args);
    case "Argument": maybe(node.name); return fn(node.value);
    case "PatternDecl": fn(node.name); fn(node.on); maybe(node.within); maybe(node.skip); each(node.stages); return fn(node.emit);
    case "SkipStrategy": return maybe(node.stage);
    case "Stage": fn(node.name); maybe(node.condition); maybe(node.quantifier); return each(node.modifiers);
    case "Modifier": return maybe(node.condition);
    case "JobDecl": fn(node.name); return each(node.items);
    case "ParallelismSetting": return fn(node.value);
    case "CheckpointSetting": return fn(node.interval);
    case "RestartSetting": fn(node.strategy); return each(node.args);
    case "LetStatement": fn(node.name); return fn(node.pipeline);
    case "Pipeline": fn(node.head); return each(node.operators);
    case "FilterOp": return fn(node.condition);
    case "MapOp": case "ExtendOp": case "AggregateOp": return each(node.fields);
    case "FlatMapOp": fn(node.expr); return fn(node.as);
    case "KeyByOp": return each(node.keys);
    case "WindowOp": fn(node.assigner); maybe(node.trigger); maybe(node.allowedLateness); return maybe(node.lateTo);
    case "WindowTrigger": maybe(node.firing); maybe(node.early); return maybe(node.late);
    case "TriggerFiring": return fn(node.value);
    case "WindowAssigner": fn(node.name); return each(node.args);
    case "ReduceOp": return fn(node.reducer);
    case "TopOp": fn(node.count); fn(node.by); for (const k of node.then) fn(k.by); if (node.rank !== undefined) fn(node.rank); return;
    case "JoinOp":
      fn(node.stream); fn(node.alias); fn(node.on); maybe(node.window);
      if (node.between !== null) { fn(node.between.lower); fn(node.between.upper); }
      return;
    case "LookupOp": fn(node.table); fn(node.alias); return fn(node.on);
    case "UnionOp": return each(node.streams);
    case "DedupeOp": fn(node.key); return maybe(node.within);
    case "OverOp": maybe(node.preceding); return each(node.fields);
    case "MatchOp": fn(node.pattern); return maybe(node.timeoutsTo);
    case "ProcessOp": return fn(node.function);
    case "PredictOp": return fn(node.path);
    case "TrainOp": fn(node.learner); return each(node.args);
    case "PredictLatestOp": return fn(node.stream);
    case "ParallelismOp": return fn(node.value);
    case "ToOp": return fn(node.sink);
    case "NullableTypeNode": return fn(node.inner);
    case "ArrayTypeNode": return fn(node.element);
    case "RecordTypeNode": return each(node.fields);
    case "NamedTypeNode": return fn(node.name);
    case "FieldAccess": fn(node.object); return fn(node.field);
    case "IndexExpr": fn(node.object); return fn(node.index);
    case "CallExpr": fn(node.callee); return each(node.args);
    case "UnaryExpr": return fn(node.operand);
    case "BinaryExpr": fn(node.left); return fn(node.right);
    case "IfExpr": fn(node.condition); fn(node.then); return fn(node.else);
    case "RecordFieldInit": fn(node.name); return fn(node.value);
    case "RecordLiteral": return each(node.fields);
    case "ArrayLiteral": return each(node.elements);
    case "LambdaExpr": each(node.params); return fn(node.body);
    // Leaves.
    case "Identifier": case "Quantifier": case "ChangelogOp": case "RebalanceOp": case "BroadcastOp": case "PrimitiveTypeNode":
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "NullLiteral":
    case "DurationLiteral": case "TimestampLiteral": case "NameExpr":
      return;
  }
}
