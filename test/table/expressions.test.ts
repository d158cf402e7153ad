// Table API expressions print as the SQL Flink documents for each method, and the printed SQL parses back to the
// very tree the expression built (the Table API relies on that round trip to locate errors).
import test from "ava";
import type { Expr } from "../../compiler/sql/ast.js";
import { parseSqlExpression } from "../../compiler/sql/parse-sql.js";
import { DataTypes } from "../../table/data-types.js";
import { $, callSql, concat, ifThenElse, lit, type Expression } from "../../table/expressions.js";

function withoutSpans(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "span" ? undefined : value)));
}

// Each expression and the SQL Flink's documentation gives for it (operands of compound expressions parenthesised).
const CASES: readonly (readonly [Expression, string])[] = [
  [$("a").plus(1), "a + 1"],
  [$("a").minus($("b")).times(2), "(a - b) * 2"],
  [$("a").dividedBy(4).mod(3), "(a / 4) % 3"],
  [$("a").isEqual("x"), "a = 'x'"],
  [$("a").isNotEqual(lit(null)), "a <> NULL"],
  [$("a").isGreater(-5).and($("a").isLessOrEqual(2.5)), "(a > (-5)) AND (a <= 2.5)"],
  [$("a").isGreaterOrEqual(1).or($("b").isLess(0)).not(), "NOT ((a >= 1) OR (b < 0))"],
  [$("a").isNull(), "a IS NULL"],
  [$("a").isNotNull(), "a IS NOT NULL"],
  [$("name").like("A%"), "name LIKE 'A%'"],
  [$("k").in(1, 2, 3), "k IN (1, 2, 3)"],
  [$("p").between(10, 20), "p BETWEEN 10 AND 20"],
  [$("p").cast(DataTypes.BIGINT()), "CAST(p AS BIGINT)"],
  [$("p").cast(DataTypes.VARCHAR(10).notNull()), "CAST(p AS VARCHAR(10) NOT NULL)"],
  [$("p").count(), "COUNT(p)"],
  [$("p").sum(), "SUM(p)"],
  [$("p").avg(), "AVG(p)"],
  [$("p").min(), "MIN(p)"],
  [$("p").max(), "MAX(p)"],
  [$("bidder").count().distinct(), "COUNT(DISTINCT bidder)"],
  [$("s").lowerCase(), "LOWER(s)"],
  [$("s").upperCase(), "UPPER(s)"],
  [$("s").trim(), "TRIM(s)"],
  [$("s").charLength(), "CHAR_LENGTH(s)"],
  [$("s").substring(2, 3), "SUBSTRING(s, 2, 3)"],
  [$("s").substring(2), "SUBSTRING(s, 2)"],
  [lit(10).seconds(), "INTERVAL '10' SECOND"],
  [lit(5).minutes(), "INTERVAL '5' MINUTE"],
  [lit(2).hours(), "INTERVAL '2' HOUR"],
  [lit(250).millis(), "INTERVAL '0.25' SECOND"],
  [lit(-3).seconds(), "INTERVAL -'3' SECOND"],
  [ifThenElse($("p").isGreater(100), "high", "low"), "CASE WHEN p > 100 THEN 'high' ELSE 'low' END"],
  [concat($("a"), "-", $("b")), "CONCAT(a, '-', b)"],
  [lit("it's"), "'it''s'"],
  [lit(true).and(false), "TRUE AND FALSE"],
  [$("select"), "`select`"],
  [$("my col").plus(1), "`my col` + 1"],
  [callSql("UPPER(name) || '!'"), "UPPER(name) || '!'"],
];

for (const [expr, sql] of CASES) {
  test(`prints ${sql}`, (t) => {
    t.is(String(expr), sql);
    const parsed = parseSqlExpression(sql);
    t.deepEqual(parsed.diagnostics, []);
    t.deepEqual(withoutSpans(parsed.expr as Expr), withoutSpans(expr.node));
  });
}

test("as, asc and desc name and order without changing the expression", (t) => {
  const e = $("a").plus(1).as("a1").desc();
  t.is(e.alias, "a1");
  t.is(e.order, "DESC");
  t.is(String(e), "a + 1");
  t.is($("a").asc().order, "ASC");
});

test("misused methods say what they apply to", (t) => {
  t.throws(() => $("a").distinct(), { message: /distinct\(\) applies to an aggregate, e\.g\. \$\('x'\)\.count\(\)\.distinct\(\)/ });
  t.throws(() => $("a").seconds(), { message: /seconds\(\) applies to a numeric literal, e\.g\. lit\(10\)\.seconds\(\)/ });
  t.throws(() => $("a").plus(1).start(), { message: /start\(\) applies to a window's alias/ });
  t.throws(() => $("k").in(), { message: /at least one value/ });
  t.throws(() => lit(Number.NaN), { message: /no literal for NaN/ });
  t.throws(() => callSql("a +"), { message: /not a SQL expression/ });
});
