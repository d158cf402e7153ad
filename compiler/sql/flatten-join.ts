// A `.flow` join's output holds the right row as one field (the alias); SQL sees the two sides' columns side by side.
// This map flattens it: the left fields as they are, the right side's under fresh names where they clash, and a padded
// side's columns NULL in its padded rows.
import type { Span } from "../ast/span.js";
import type { Expr } from "../ast/nodes.js";
import { binary, fieldAccess, field, ifExpr, nameExpr, nullLit } from "./flow-nodes.js";
import type { Column, Relation } from "./relation.js";
import { addStep, type Translator } from "./translator.js";

/** Which sides of the join may be padded (null) in an output row. */
export interface Padding {
  readonly left: boolean;
  readonly right: boolean;
}

/** Adds the flattening map after `joined` (the join's output stream): returns its stream and the SQL columns it holds. */
export function flattenJoin(t: Translator, joined: string, l: Relation, r: Relation, alias: string, padded: Padding, span: Span): { stream: string; columns: Column[] } {
  const leftFields = l.columns.filter((c) => c.field !== null).map((c) => c.field!);
  const taken = new Set(leftFields);
  const columns: Column[] = l.columns.filter((c) => c.virtual?.kind !== "window" && c.virtual?.kind !== "proctime").map((c) => (padded.left && c.field !== null ? { ...c, nullable: true } : c));
  const outputs: { name: string; value: Expr }[] = leftFields.map((f) => ({ name: f, value: nameExpr(f, span) }));
  for (const c of r.columns) {
    if (c.field === null) {
      if (c.virtual?.kind === "constant") columns.push(c);
      continue;
    }
    let name = c.field;
    for (let i = 1; taken.has(name); i++) name = `${c.field}_${i}`;
    taken.add(name);
    // why the `if`: the alias is a nullable record in a padded row; its fields read as NULL there
    outputs.push({ name, value: padded.right ? ifExpr(binary("==", nameExpr(alias, span), nullLit(span), span), nullLit(span), fieldAccess(alias, c.field, span), span) : fieldAccess(alias, c.field, span) });
    columns.push(padded.right ? { ...c, field: name, nullable: true } : { ...c, field: name });
  }
  const stream = addStep(t, joined, [{ kind: "MapOp", fields: outputs.map((o) => field(o.name, o.value, span)), span }], span);
  return { stream, columns };
}
