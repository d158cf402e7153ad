// What a Peggy parser expected where it failed, in words for people: shared by the .flow and SQL parsers. Literals are
// shown in backquotes, named rules by their description; a group whose members are mostly present is named as a whole
// ("pipeline operator" rather than twenty keywords).

/** One of Peggy's expectations (the shape both generated parsers declare). */
export type Expectation =
  | { readonly type: "literal"; readonly text: string }
  | { readonly type: "class" }
  | { readonly type: "any" }
  | { readonly type: "end" }
  | { readonly type: "other"; readonly description: string };

export interface ExpectationGroup {
  readonly name: string;
  readonly members: readonly string[];
}

/** `commentStarts`: the literals that open a comment (`//`, `--`, `/*`), which are noise in an expectation list. */
export function describeExpected(expected: readonly Expectation[], groups: readonly ExpectationGroup[], commentStarts: readonly string[]): string {
  let seen = new Set<string>();
  for (const e of expected) {
    // Whitespace, comments and identifier-continuation classes are noise in a message meant for people.
    if (e.type === "class" || e.type === "any") continue;
    if (e.type === "literal" && commentStarts.includes(e.text)) continue;
    seen.add(e.type === "literal" ? `\`${e.text}\`` : e.type === "end" ? "end of input" : e.description);
  }
  for (const group of groups) {
    const present = group.members.filter((m) => seen.has(m));
    if (present.length * 2 < group.members.length) continue;
    seen = new Set([...seen].filter((item) => !group.members.includes(item)));
    seen.add(group.name);
  }
  const items = [...seen].sort((a, b) => Number(a.startsWith("`")) - Number(b.startsWith("`")) || a.localeCompare(b));
  if (items.length === 0) return "something else";
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
