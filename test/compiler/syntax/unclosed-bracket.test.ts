// A syntax error at the end of the file caused by a bracket left open carries a note pointing at that bracket.
import test from "ava";
import { parse } from "../../../compiler/syntax/parse.js";
import { unclosedBracket } from "../../../compiler/syntax/unclosed-bracket.js";

test("a job whose `{` is never closed: the error at end of input notes the `{`", (t) => {
  const source = "sink out = collect()\njob j {\n  s | map { a: 1 } | to out\n";
  const [d] = parse(source, "main.flow").diagnostics;
  t.is(d?.code, "FLOW1001");
  t.regex(d?.message ?? "", /found end of input/);
  t.deepEqual(d?.notes?.map((n) => [n.message, n.span.start, n.span.end]), [["this `{` is never closed", source.indexOf("{"), source.indexOf("{") + 1]]);
});

test("the innermost open bracket is the one noted; brackets in strings and comments do not count", (t) => {
  const source = `schema A { a: int }\n// { not this one\njob j {\n  s | filter a == "}" | map {\n`;
  const [d] = parse(source, "main.flow").diagnostics;
  const last = source.lastIndexOf("{");
  t.deepEqual(d?.notes?.map((n) => n.span), [{ start: last, end: last + 1 }]);
});

test("an error that is not at the end of the file gets no note", (t) => {
  const [d] = parse("job j { s | filter (a > 1 | to out }\n", "main.flow").diagnostics;
  t.is(d?.code, "FLOW1001");
  t.is(d?.notes, undefined);
});

test("unclosedBracket: none left open, a `(` left open, a mismatched closer is ignored", (t) => {
  t.is(unclosedBracket("job j { a(b[1]) } /* { */"), undefined);
  t.deepEqual(unclosedBracket("f(a, [1]"), { bracket: "(", span: { start: 1, end: 2 } });
  t.deepEqual(unclosedBracket("{ ]"), { bracket: "{", span: { start: 0, end: 1 } });
});
