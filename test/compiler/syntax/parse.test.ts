// Syntax errors that have a likely cause say so: `=` where a comparison was meant.
import test from "ava";
import { parse } from "../../../compiler/syntax/parse.js";

test("`=` in a condition is FLOW1001 at the `=`, with a hint to use `==`", (t) => {
  const source = "job j { txns | filter amount = 5.0 | to out }";
  const [d] = parse(source, "main.flow").diagnostics;
  t.is(d?.code, "FLOW1001");
  const equals = source.indexOf(" = ") + 1;
  t.deepEqual(d?.span, { start: equals, end: equals + 1 });
  t.regex(d?.hint ?? "", /did you mean `==`\?/);
});

test("`=` nested in parentheses and in a where clause gets the hint too", (t) => {
  for (const source of ["job j { txns | filter not (amount = 1.0) | to out }", "pattern P on Txn { begin a where amount = 1 } emit { n: 1 }"]) {
    const [d] = parse(source, "main.flow").diagnostics;
    t.regex(d?.hint ?? "", /did you mean `==`\?/, source);
  }
});

test("a misplaced `=` where no comparison can continue gets no such hint", (t) => {
  const [d] = parse("schema A = { a: int }", "main.flow").diagnostics;
  t.is(d?.code, "FLOW1001");
  t.is(d?.hint, undefined);
});
