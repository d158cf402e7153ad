// Malformed patterns are rejected when built or compiled, with a message saying what to change.
import test from "ava";
import { AfterMatchSkipStrategy, MalformedPatternError, Pattern, compilePattern } from "../../../cep/index.js";

type E = { id: string };
const b = (name = "a") => Pattern.begin<E>(name);

const rejects = (title: string, build: () => unknown, message: RegExp) =>
  test(`rejects ${title}`, (t) => {
    const err = t.throws(() => {
      const p = build();
      if (p instanceof Pattern) compilePattern(p);
    }, { instanceOf: MalformedPatternError });
    t.regex(err!.message, message);
  });

rejects("notFollowedBy last without within", () => b().followedBy("b").notFollowedBy("c"), /add within/);
rejects("a quantified notNext", () => b().notNext("n").oneOrMore(), /cannot be quantified/);
rejects("a quantified notFollowedBy", () => b().notFollowedBy("n").times(2), /cannot be quantified/);
rejects("an optional NOT stage", () => b().notNext("n").optional(), /cannot be optional/);
rejects("a NOT stage after an optional stage", () => b().followedBy("o").optional().notFollowedBy("n"), /cannot follow the optional stage 'o'/);
rejects("duplicate stage names", () => b("x").followedBy("x"), /Duplicate stage name 'x'/);
rejects("duplicate names across a group", () => b("x").followedBy(Pattern.begin<E>("y").next("x")), /Duplicate stage name 'x'/);
rejects("a skip-to stage that does not exist", () => Pattern.begin<E>("a", AfterMatchSkipStrategy.skipToFirst("zz")).next("b"), /names stage 'zz'/);
rejects("until on a non-looping stage", () => b().until(() => true), /applies only to looping stages/);
rejects("until on times()", () => b().times(2).until(() => true), /applies only to looping stages/);
rejects("two until conditions", () => b().oneOrMore().until(() => true).until(() => true), /Only one until/);
rejects("two quantifiers", () => b().oneOrMore().times(2), /already has a quantifier/);
rejects("optional twice", () => b().optional().optional(), /already applied/);
rejects("consecutive with allowCombinations", () => b().oneOrMore().consecutive().allowCombinations(), /either allowCombinations\(\) or consecutive\(\)/);
rejects("consecutive on a single stage", () => b().consecutive(), /applies only to times/);
rejects("allowCombinations on a single stage", () => b().allowCombinations(), /applies only to times/);
rejects("greedy on a single stage", () => b().greedy(), /applies only to times/);
rejects("greedy on a group", () => Pattern.begin<E>(b()).oneOrMore().greedy(), /not applicable to a group stage/);
rejects("an optional stage right after a greedy one", () => b().oneOrMore().greedy().followedBy("c").optional(), /cannot be optional right after the greedy stage/);
rejects("times with upper < lower", () => b().times(3, 2), /upper bound/);
rejects("times(0)", () => b().times(0), /positive integer/);
rejects("where on a group", () => Pattern.begin<E>(b()).where(() => true), /not applicable to a group stage/);
rejects("a group ending with a NOT stage", () => b("x").followedBy(Pattern.begin<E>("y").notNext("n")).next("z"), /ends with a NOT stage/);
rejects(
  "a PREVIOUS_AND_CURRENT window longer than the pattern window",
  () => b().next("c").within(50, "PREVIOUS_AND_CURRENT").within(10),
  /exceeds the pattern's within/,
);

test("accepts a trailing notFollowedBy with a window, and times(0, n) as optional", (t) => {
  t.notThrows(() => compilePattern(b().notFollowedBy("n").within(10)));
  t.notThrows(() => compilePattern(b().followedBy("x").times(0, 2).followedBy("z")));
});
