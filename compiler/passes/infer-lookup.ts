// Types `lookup t as s on <cond>`: the condition is read with `s` as the table's record, and the output is the input's
// fields plus `s` — nullable for `left lookup`, whose records without a match carry `s: null`.
import type { LookupOp } from "../ast/nodes.js";
import { expectType, type ExprEnv } from "../types/check-expression.js";
import { BOOL, nullable, record, withFields, type RecordType } from "../types/type.js";
import { equalityPairs } from "./equality-pairs.js";

export function inferLookup(op: LookupOp, input: RecordType, env: ExprEnv): RecordType {
  const table = op.tableDecl?.recordType;
  const right = table ?? record([]);
  // An unresolved table was reported by resolve-names: its fields are unknown, so reading them is not reported again.
  const onEnv: ExprEnv = { ...env, joinAlias: { name: op.alias.name, type: right }, opaque: env.opaque || table === undefined };
  expectType(op.on, BOOL, onEnv);
  op.keyPairs = equalityPairs(op.on, op.alias.name);
  return withFields(input, [{ name: op.alias.name, type: op.outer ? nullable(right) : right }]);
}
