// The functions an outer join is generated with (runtime OuterJoinFunctions): the condition, the joined record, and
// the two padded records — the left record with a null right side, and the right record with every left field null.

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

/** An object literal of plain arrow functions (made once per job, not per record). */
export function outerJoinFunctions(c: OuterJoinCode): string {
  const alias = JSON.stringify(c.alias);
  const nullLeft = c.leftFields.map((f) => `${JSON.stringify(f)}: null, `).join("");
  return [
    "{",
    `  kind: ${JSON.stringify(c.kind)},`,
    `  matches: (l: ${c.left}, r: ${c.right}): boolean => ${c.condition},`,
    `  joined: (l: ${c.left}, r: ${c.right}): ${c.out} => ({ ...l, ${alias}: r }),`,
    `  padRight: (l: ${c.left}): ${c.out} => ({ ...l, ${alias}: null }),`,
    `  padLeft: (r: ${c.right}): ${c.out} => ({ ${nullLeft}${alias}: r }),`,
    "}",
  ].join("\n");
}
