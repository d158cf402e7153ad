// Where statements end: at `;` outside strings, backquoted names and comments; what is left is still being typed.
import test from "ava";
import { splitStatements } from "../../../bin/sql/split-statements.js";

test("statements end at each `;`; the rest after the last one is returned apart", (t) => {
  const split = splitStatements("SET 'a' = 'b'; SELECT 1\nFROM t;\nSELECT");
  t.deepEqual(split.complete.map((p) => p.text), ["SET 'a' = 'b'", " SELECT 1\nFROM t"]);
  t.deepEqual(split.complete.map((p) => [p.start, p.end]), [[0, 13], [14, 30]]);
  t.is(split.rest.text, "\nSELECT");
  t.is(split.rest.code, "SELECT");
  t.false(split.unterminated);
});

test("a `;` inside a string, a backquoted name or a comment ends nothing; doubled quotes stay inside", (t) => {
  const text = "SELECT 'a;''b', `x;``y` -- c;d\n/* e;f */ FROM t; QUIT";
  const split = splitStatements(text);
  t.is(split.complete.length, 1);
  t.is(split.complete[0]!.text, text.slice(0, text.indexOf(" FROM t") + 7));
  // the code keeps strings and names, and blanks the comments
  t.is(split.complete[0]!.code.replace(/\s+/g, " "), "SELECT 'a;''b', `x;``y` FROM t");
  t.is(split.rest.code, "QUIT");
});

test("a string, name or block comment still open at the end is reported, so the shell asks for more lines", (t) => {
  t.true(splitStatements("SELECT 'abc;").unterminated);
  t.true(splitStatements("SELECT `abc;").unterminated);
  t.true(splitStatements("SELECT 1 /* ;").unterminated);
  t.false(splitStatements("SELECT 'abc''';").unterminated);
  t.is(splitStatements("SELECT 'abc;").complete.length, 0);
});

test("empty statements and a line comment at the end", (t) => {
  const split = splitStatements(";; -- only a comment");
  t.deepEqual(split.complete.map((p) => p.code), ["", ""]);
  t.is(split.rest.code, "");
});
