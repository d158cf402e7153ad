// Literal lists a chain only reads — `x in [1, 2, 3]` (SQL's IN) and `flatMap [0, 1, 2] as i` (a HOP's windows) — are
// module-level constants in the generated code, not arrays allocated for every record; the rows stay those of
// --no-fuse, computed by hand.
import test from "ava";
import { compileText } from "../helpers/compile.js";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema E { k: int, s: string }
source es: E = collection([{ k: 1, s: "a" }, { k: 2, s: "b" }, { k: 4, s: "c" }])
sink kept = collect()
sink spread = collect()
sink named = collect()
job j {
  es | filter k in [1, 2, 3] | map { k } | to kept
  es | flatMap [0, 10] as i | map { v: k + i } | to spread
  es | filter s in ["a", "c"] and k in [1, 2, 3] | map { s } | to named
}
`;

test("the lists are hoisted once per distinct list, and the loops read the constants", (t) => {
  const result = compileText(SOURCE);
  t.true(result.ok);
  const chains = result.files.get("chains.ts")!;
  t.regex(chains, /const LIST_\d+ = \[1, 2, 3\];/);
  t.regex(chains, /const LIST_\d+ = \[0, 10\];/);
  t.regex(chains, /const LIST_\d+ = \["a", "c"\];/);
  t.is(chains.match(/= \[1, 2, 3\]/g)?.length, 1, "the same list twice is one constant");
  t.notRegex(chains, /\[1, 2, 3\]\.includes/, "no list literal is allocated per record");
});

for (const fuse of [true, false]) {
  test(`the rows are the lists' (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const { collected } = await runCompiled(await compileQuery(SOURCE, "lists.flow", "j", { fuse }), { checkpointing: null });
    t.deepEqual(collected["kept"], [{ k: 1 }, { k: 2 }]);
    t.deepEqual(collected["spread"], [{ v: 1 }, { v: 11 }, { v: 2 }, { v: 12 }, { v: 4 }, { v: 14 }]);
    t.deepEqual(collected["named"], [{ s: "a" }]);
  });
}
