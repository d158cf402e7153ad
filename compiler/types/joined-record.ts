// The record a join emits: the left record's fields and the right record under the alias, with the side(s) an outer
// join may leave unmatched made nullable (that side's fields are null in a padded row).
import type { OuterJoinKind } from "../ast/nodes.js";
import { nullable, record, withFields, type RecordType, type Type } from "./type.js";

/** `{ ...left, [alias]: right }`; a `left`/`full` join makes the alias nullable, a `right`/`full` join every left field. */
export function joinedRecord(left: RecordType, alias: string, right: Type, outer: OuterJoinKind | undefined): RecordType {
  const leftPadded = outer === "right" || outer === "full";
  const rightPadded = outer === "left" || outer === "full";
  const base = leftPadded ? record(left.fields.map((f) => ({ name: f.name, type: nullable(f.type) }))) : left;
  return withFields(base, [{ name: alias, type: rightPadded ? nullable(right) : right }]);
}
