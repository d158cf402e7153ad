// The functions an outer join is generated with (runtime OuterJoinFunctions): the condition, the joined record, and
// the two padded records — the left record with a null right side, and the right record with every left field null.
// A temporal join (runtime TemporalJoinFunctions) has the same shape without the right side's padding.
import { recordWithCode } from "./record-with-code.js";

export interface OuterJoinCode {
  readonly kind: "left" | "right" | "full";
  /** The join condition over `l` (left record) and `r` (right record). */
  readonly condition: string;
  readonly left: string;
  readonly right: string;
  readonly out: string;
  readonly alias: string;
  readonly leftFields: readonly string[];
}

export type TemporalJoinCode = Omit<OuterJoinCode, "kind"> & { readonly outer: boolean };

/** An object literal of plain arrow functions (made once per job, not per record). */
export function outerJoinFunctions(c: OuterJoinCode): string {
  const nullLeft = c.leftFields.map((f) => `${JSON.stringify(f)}: null, `).join("");
  const padLeft = c.kind === "left" ? neverPads("padLeft", "a left join") : `padLeft: (r: ${c.right}): ${c.out} => ({ ${nullLeft}${JSON.stringify(c.alias)}: r }),`;
  return objectLiteral([`kind: ${JSON.stringify(c.kind)},`, ...leftKeptFunctions(c), padLeft]);
}

/**
 * The padding a join of this kind never makes (a left join keeps no right row alone, a right join no left row): its
 * output type has no NULL where that padding would put one, so the function only says it is not called.
 */
function neverPads(name: "padLeft" | "padRight", join: string): string {
  return `${name}: (): never => { throw new Error(${JSON.stringify(`internal: ${join} called ${name}`)}); },`;
}

/**
 * The RegularOuterJoinFunctions object literal: as outerJoinFunctions, each output record with its change kind in
 * `rowKindField` (a padded row is inserted, then deleted once it matches; a pair is deleted when one of its rows
 * leaves). `inputsChange`: an input is a changelog with deletions, whose records' kinds the operator reads.
 */
export function regularOuterJoinFunctions(c: OuterJoinCode, rowKindField: string, inputsChange: boolean): string {
  const alias = JSON.stringify(c.alias);
  const kind = JSON.stringify(rowKindField);
  const nullLeft = c.leftFields.map((f) => `${JSON.stringify(f)}: null, `).join("");
  return objectLiteral([
    `kind: ${JSON.stringify(c.kind)},`,
    `rowKindField: ${inputsChange ? kind : "null"},`,
    `matches: (l: ${c.left}, r: ${c.right}): boolean => ${c.condition},`,
    `joined: (l: ${c.left}, r: ${c.right}, k: "+I" | "-D"): ${c.out} => ${recordWithCode("l", c.leftFields, [[c.alias, "r"], [rowKindField, "k"]])},`,
    c.kind === "right" ? neverPads("padRight", "a right join") : `padRight: (l: ${c.left}, k: "+I" | "-D"): ${c.out} => ${recordWithCode("l", c.leftFields, [[c.alias, "null"], [rowKindField, "k"]])},`,
    c.kind === "left" ? neverPads("padLeft", "a left join") : `padLeft: (r: ${c.right}, k: "+I" | "-D"): ${c.out} => ({ ${nullLeft}${alias}: r, ${kind}: k }),`,
  ]);
}

/**
 * The ChangelogJoinFunctions object literal: the pair with the change kind the operator gives it; `upserts`: the sides
 * whose new row replaces their key's row (update streams keyed by the join key).
 */
export function changelogJoinFunctions(c: Omit<TemporalJoinCode, "outer">, rowKindField: string, upserts: { readonly left: boolean; readonly right: boolean }): string {
  const kind = JSON.stringify(rowKindField);
  return objectLiteral([
    `rowKindField: ${kind},`,
    `upsertLeft: ${upserts.left},`,
    `upsertRight: ${upserts.right},`,
    `matches: (l: ${c.left}, r: ${c.right}): boolean => ${c.condition},`,
    `joined: (l: ${c.left}, r: ${c.right}, k: "+I" | "-D"): ${c.out} => ${recordWithCode("l", c.leftFields, [[c.alias, "r"], [rowKindField, "k"]])},`,
  ]);
}

/** The TemporalJoinFunctions object literal: inner (`outer` false) or LEFT. */
export function temporalJoinFunctions(c: TemporalJoinCode): string {
  return objectLiteral([`outer: ${c.outer},`, ...leftKeptFunctions(c)]);
}

/** matches, joined and padRight: what every join that may keep a left row without a partner is made of. */
function leftKeptFunctions(c: TemporalJoinCode | OuterJoinCode): string[] {
  const keepsNoLeftRow = "kind" in c && c.kind === "right";
  return [
    `matches: (l: ${c.left}, r: ${c.right}): boolean => ${c.condition},`,
    `joined: (l: ${c.left}, r: ${c.right}): ${c.out} => ${recordWithCode("l", c.leftFields, [[c.alias, "r"]])},`,
    keepsNoLeftRow ? neverPads("padRight", "a right join") : `padRight: (l: ${c.left}): ${c.out} => ${recordWithCode("l", c.leftFields, [[c.alias, "null"]])},`,
  ];
}

function objectLiteral(lines: readonly string[]): string {
  return ["{", ...lines.map((l) => `  ${l}`), "}"].join("\n");
}
