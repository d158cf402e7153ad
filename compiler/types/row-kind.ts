// Changelogs with deletions (Flink's retract streams): a regular outer join retracts a padded row once its match
// arrives, and EXCEPT a row once the right side has it. Their records carry the change they make in one string field,
// `+I` (insert) or `-D` (delete an equal row emitted earlier); everything downstream either keeps that field — filters,
// maps (a `map` carries it without being asked), sinks that show it — or is refused, since it would take a deletion
// for a row (FLOW4042, SQL3006).
import { STRING, withFields, type RecordType } from "./type.js";

/** The field holding a record's change kind. */
export const ROW_KIND_FIELD = "__rowKind";

/** True for the records of a changelog with deletions. */
export function hasRowKind(type: RecordType): boolean {
  return type.fields.some((f) => f.name === ROW_KIND_FIELD);
}

/** `type` with the change-kind field (last), unless it has it already. */
export function withRowKind(type: RecordType): RecordType {
  return hasRowKind(type) ? type : withFields(type, [{ name: ROW_KIND_FIELD, type: STRING }]);
}
