// Golden trees for representative Flink SQL statements, written out by hand from Flink's documented semantics.
import test from "ava";
import type { Expr, Query, Select, Statement } from "../../../compiler/sql/ast.js";
import { parseSql, parseSqlExpression } from "../../../compiler/sql/parse-sql.js";
import { stripSpans } from "../helpers/strip-spans.js";

function one(text: string): Statement {
  const result = parseSql(text, "q.sql");
  if (result.diagnostics.length > 0 || result.statements.length !== 1) throw new Error(`${text}: ${JSON.stringify(result.diagnostics)}`);
  return result.statements[0]!;
}

function select(text: string): Select {
  const s = one(text);
  if (s.kind !== "QueryStatement" || s.query.body.kind !== "Select") throw new Error(`${text}: not a plain SELECT`);
  return s.query.body;
}

/** A compact, hand-checkable rendering of an expression: operators in prefix form, names dotted. */
function sexpr(e: Expr): string {
  const s = (x: Expr): string => sexpr(x);
  switch (e.kind) {
    case "Number": return e.text;
    case "String": return `'${e.value}'`;
    case "Boolean": return String(e.value);
    case "Null": return "null";
    case "ColumnRef": return e.path.map((i) => i.name).join(".");
    case "Binary": return `(${e.op} ${s(e.left)} ${s(e.right)})`;
    case "Unary": return `(${e.op} ${s(e.operand)})`;
    case "Is": return `(is${e.not ? "-not" : ""} ${s(e.expr)} ${e.value})`;
    case "Between": return `(${e.not ? "not-" : ""}between ${s(e.expr)} ${s(e.low)} ${s(e.high)})`;
    case "Like": return `(${e.not ? "not-" : ""}like ${s(e.expr)} ${s(e.pattern)})`;
    case "InList": return `(${e.not ? "not-" : ""}in ${s(e.expr)} [${e.list.map(s).join(" ")}])`;
    case "Interval": return `(interval '${e.value}' ${e.unit})`;
    case "TypedLiteral": return `(${e.type} '${e.value}')`;
    case "Case": return `(case${e.operand ? ` ${s(e.operand)}` : ""}${e.whens.map((w) => ` [${s(w.when)} ${s(w.then)}]`).join("")}${e.else ? ` else ${s(e.else)}` : ""})`;
    case "Cast": return `(cast ${s(e.expr)} ${e.type.name}${e.type.params.length ? `(${e.type.params.join(",")})` : ""})`;
    case "Call": return `(${e.name.map((i) => i.name).join(".")}${e.distinct ? " distinct" : ""}${e.star ? " *" : ""}${e.args.map((a) => ` ${"kind" in a && (a.kind === "NamedArgument" || a.kind === "TableArgument") ? a.kind : s(a as Expr)}`).join("")}${e.filter ? ` filter ${s(e.filter)}` : ""}${e.over ? " over" : ""})`;
    default: return e.kind;
  }
}

function expr(text: string): string {
  const result = parseSqlExpression(text);
  if (result.expr === undefined) throw new Error(`${text}: ${JSON.stringify(result.diagnostics)}`);
  return sexpr(result.expr);
}

test("operator precedence follows Calcite: OR < AND < NOT < comparison < || < + - < * / %", (t) => {
  t.is(expr("a OR b AND NOT c = 1 + 2 * 3"), "(OR a (AND b (NOT (= c (+ 1 (* 2 3))))))");
  t.is(expr("a - b - c"), "(- (- a b) c)");
  t.is(expr("x || 'a' = y"), "(= (|| x 'a') y)");
  t.is(expr("-5 * -x"), "(* -5 (- x))");
  t.is(expr("a != b"), "(<> a b)");
  t.is(expr("(a OR b) AND c"), "(AND (OR a b) c)");
});

test("predicates: IS [NOT] NULL, [NOT] LIKE, [NOT] IN, [NOT] BETWEEN, interval arithmetic", (t) => {
  t.is(expr("x IS NOT NULL AND y IS NULL"), "(AND (is-not x NULL) (is y NULL))");
  t.is(expr("url NOT LIKE '%a%' OR url LIKE 'b'"), "(OR (not-like url '%a%') (like url 'b'))");
  t.is(expr("lower(channel) NOT IN ('apple', 'google')"), "(not-in (lower channel) ['apple' 'google'])");
  t.is(
    expr("B.`dateTime` BETWEEN B1.`dateTime` - INTERVAL '10' SECOND AND B1.`dateTime`"),
    "(between B.dateTime (- B1.dateTime (interval '10' SECOND)) B1.dateTime)",
  );
  t.is(expr("ts NOT BETWEEN TIMESTAMP '2024-01-01 00:00:00' AND CURRENT_TIMESTAMP"), "(not-between ts (TIMESTAMP '2024-01-01 00:00:00') (CURRENT_TIMESTAMP))");
});

test("CASE, CAST and function calls with DISTINCT, FILTER, * and OVER", (t) => {
  t.is(expr("CASE WHEN event_type = 0 THEN person.`dateTime` ELSE bid.`dateTime` END"), "(case [(= event_type 0) person.dateTime] else bid.dateTime)");
  t.is(expr("CASE x WHEN 1 THEN 'a' END"), "(case x [1 'a'])");
  t.is(expr("CAST(price AS DECIMAL(23, 3))"), "(cast price DECIMAL(23,3))");
  t.is(expr("count(distinct bidder) filter (where price >= 10000 and price < 1000000)"), "(count distinct bidder filter (AND (>= price 10000) (< price 1000000)))");
  t.is(expr("COUNT(*)"), "(COUNT *)");
  t.is(expr("ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC)"), "(ROW_NUMBER over)");
});

test("an OVER window keeps PARTITION BY, ORDER BY and the ROWS frame", (t) => {
  const result = parseSqlExpression("AVG(Q.price) OVER (PARTITION BY Q.seller ORDER BY Q.`dateTime` DESC NULLS LAST ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)");
  const call = result.expr!;
  if (call.kind !== "Call" || call.over === null) return t.fail("not a call with OVER");
  t.deepEqual(stripSpans(call.over), {
    kind: "WindowSpec",
    name: null,
    partitionBy: [{ kind: "ColumnRef", path: [{ kind: "Identifier", name: "Q", quoted: false }, { kind: "Identifier", name: "seller", quoted: false }] }],
    orderBy: [{
      kind: "OrderItem",
      expr: { kind: "ColumnRef", path: [{ kind: "Identifier", name: "Q", quoted: false }, { kind: "Identifier", name: "dateTime", quoted: true }] },
      descending: true,
      nulls: "LAST",
    }],
    frame: { kind: "WindowFrame", unit: "ROWS", start: { kind: "Preceding", offset: { kind: "Number", text: "10" } }, end: { kind: "CurrentRow" } },
  });
});

test("a windowing TVF in FROM: TABLE(TUMBLE(TABLE bid, DESCRIPTOR(col), INTERVAL …)) with its spans", (t) => {
  const text = "SELECT window_start, count(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND)) GROUP BY window_start, window_end";
  const s = select(text);
  const from = s.from!;
  if (from.kind !== "TableFunction") return t.fail(from.kind);
  t.is(text.slice(from.span.start, from.span.end), "TABLE(TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))");
  t.deepEqual(stripSpans(from.call.args), [
    { kind: "TableArgument", name: [{ kind: "Identifier", name: "bid", quoted: false }], partitionBy: [] },
    { kind: "Descriptor", columns: [{ kind: "Identifier", name: "dateTime", quoted: true }] },
    { kind: "Interval", negative: false, value: "10", unit: "SECOND", precision: null, toUnit: null },
  ]);
  t.is(from.call.name[0]!.name, "TUMBLE");
  const interval = from.call.args[2]!;
  t.is(text.slice(interval.span.start, interval.span.end), "INTERVAL '10' SECOND");
  t.deepEqual(s.groupBy.map(sexpr), ["window_start", "window_end"]);
});

test("HOP, CUMULATE and SESSION with named arguments and PARTITION BY", (t) => {
  const s = select("SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY bidder, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) AS w");
  if (s.from?.kind !== "TableFunction") return t.fail();
  t.is(s.from.alias?.name.name, "w");
  const table = s.from.call.args[0]!;
  t.is(table.kind === "TableArgument" ? table.partitionBy.map(sexpr).join() : "", "bidder");
  const named = select("SELECT * FROM TABLE(CUMULATE(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts), STEP => INTERVAL '1' MINUTES, SIZE => INTERVAL '1' HOUR))");
  if (named.from?.kind !== "TableFunction") return t.fail();
  // Plural units (as in Flink's documentation) read as the singular.
  t.deepEqual(named.from.call.args.flatMap((a) => (a.kind === "NamedArgument" && a.value.kind === "Interval" ? [a.value.unit] : [])), ["MINUTE", "HOUR"]);
  t.deepEqual(named.from.call.args.map((a) => (a.kind === "NamedArgument" ? `${a.name.name}:${a.value.kind}` : a.kind)), [
    "DATA:TableArgument", "TIMECOL:Descriptor", "STEP:Interval", "SIZE:Interval",
  ]);
});

test("CREATE TABLE: physical, computed and metadata columns, WATERMARK, PRIMARY KEY NOT ENFORCED, PARTITIONED BY, WITH", (t) => {
  const text = [
    "CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.orders (",
    "  id BIGINT NOT NULL,",
    "  person ROW<name VARCHAR, `dateTime` TIMESTAMP(3)>,",
    "  ts AS person.`dateTime`,",
    "  part INT METADATA FROM 'partition' VIRTUAL,",
    "  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND,",
    "  PRIMARY KEY (id) NOT ENFORCED",
    ") PARTITIONED BY (part) WITH ('connector' = 'kafka', 'topic' = 'o''s')",
  ].join("\n");
  const s = one(text);
  if (s.kind !== "CreateTable") return t.fail(s.kind);
  t.true(s.temporary);
  t.true(s.ifNotExists);
  t.deepEqual(s.name.map((i) => i.name), ["cat", "db", "orders"]);
  t.deepEqual(s.columns.map((c) => `${c.kind}:${c.name.name}`), ["PhysicalColumn:id", "PhysicalColumn:person", "ComputedColumn:ts", "MetadataColumn:part"]);
  const id = s.columns[0]!;
  t.true(id.kind === "PhysicalColumn" && id.type.notNull && id.type.name === "BIGINT");
  const person = s.columns[1]!;
  t.deepEqual(person.kind === "PhysicalColumn" ? person.type.fields.map((f) => `${f.name.name} ${f.type.name}(${f.type.params.join()})`) : [], ["name VARCHAR()", "dateTime TIMESTAMP(3)"]);
  const ts = s.columns[2]!;
  t.is(ts.kind === "ComputedColumn" ? sexpr(ts.expr) : "", "person.dateTime");
  const part = s.columns[3]!;
  t.deepEqual(part.kind === "MetadataColumn" ? [part.from, part.virtual] : [], ["partition", true]);
  t.is(s.watermark?.column.name, "ts");
  t.is(sexpr(s.watermark!.expr), "(- ts (interval '4' SECOND))");
  t.is(text.slice(s.watermark!.span.start, s.watermark!.span.end), "WATERMARK FOR ts AS ts - INTERVAL '4' SECOND");
  t.deepEqual(s.primaryKey?.columns.map((c) => c.name), ["id"]);
  t.deepEqual(s.partitionedBy.map((c) => c.name), ["part"]);
  t.deepEqual(s.options.map((o) => [o.key.value, o.value.value]), [["connector", "kafka"], ["topic", "o's"]]);
});

test("CREATE VIEW, CREATE FUNCTION, SET, RESET, EXPLAIN and a statement set", (t) => {
  const result = parseSql(
    [
      "CREATE TEMPORARY VIEW v (a, b) AS SELECT 1, 2;",
      "CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar';",
      "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'm.f' LANGUAGE PYTHON;",
      "SET 'table.exec.mini-batch.enabled' = 'true';",
      "RESET;",
      "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST SELECT * FROM t;",
      "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM t; INSERT OVERWRITE b PARTITION (dt = '2024') (x) SELECT x FROM t; END",
    ].join("\n"),
    "q.sql",
  );
  t.deepEqual(result.diagnostics, []);
  const [view, fn, tempFn, set, reset, explain, statementSet] = result.statements;
  t.deepEqual(view?.kind === "CreateView" ? [view.temporary, view.columns?.map((c) => c.name)] : [], [true, ["a", "b"]]);
  t.deepEqual(fn?.kind === "CreateFunction" ? [fn.temporary, fn.system, fn.className.value, fn.language] : [], [false, false, "com.github.nexmark.flink.udf.CountChar", null]);
  t.deepEqual(tempFn?.kind === "CreateFunction" ? [tempFn.temporary, tempFn.system, tempFn.ifNotExists, tempFn.language] : [], [true, true, true, "PYTHON"]);
  t.deepEqual(set?.kind === "Set" ? [set.key?.value, set.value?.value] : [], ["table.exec.mini-batch.enabled", "true"]);
  t.deepEqual(reset?.kind === "Reset" ? reset.key : "x", null);
  t.deepEqual(explain?.kind === "Explain" ? [explain.details, explain.statement.kind] : [], [["CHANGELOG_MODE", "ESTIMATED_COST"], "QueryStatement"]);
  if (statementSet?.kind !== "StatementSet") return t.fail();
  t.deepEqual(statementSet.statements.map((i) => [i.overwrite, i.table[0]!.name, i.partition.map((p) => p.column.name), i.columns?.map((c) => c.name) ?? null]), [
    [false, "a", [], null],
    [true, "b", ["dt"], ["x"]],
  ]);
});

test("joins: comma, INNER, LEFT OUTER, CROSS JOIN LATERAL TABLE, temporal FOR SYSTEM_TIME AS OF, left-associative", (t) => {
  const s = select(
    "SELECT * FROM a, b JOIN c ON b.x = c.x LEFT OUTER JOIN d USING (y) CROSS JOIN LATERAL TABLE(split(a.s)) AS T(w) JOIN r FOR SYSTEM_TIME AS OF a.p AS R ON a.k = R.k",
  );
  const shape = (r: NonNullable<Select["from"]>): string => {
    switch (r.kind) {
      case "Join": return `(${r.joinType} ${shape(r.left)} ${shape(r.right)}${r.on ? ` on ${sexpr(r.on)}` : ""}${r.using ? ` using ${r.using.map((i) => i.name).join()}` : ""})`;
      case "TableName": return `${r.name.map((i) => i.name).join(".")}${r.asOf ? `@${sexpr(r.asOf)}` : ""}${r.alias ? ` as ${r.alias.name.name}` : ""}`;
      case "TableFunction": return `${r.lateral ? "lateral " : ""}${sexpr(r.call)} as ${r.alias?.name.name}(${r.alias?.columns?.map((c) => c.name).join()})`;
      default: return r.kind;
    }
  };
  t.is(shape(s.from!), "(INNER (CROSS (LEFT (INNER (COMMA a b) c on (= b.x c.x)) d using y) lateral (split a.s) as T(w)) r@a.p as R on (= a.k R.k))");
});

test("queries: WITH, UNION ALL, subqueries in FROM and WHERE, ORDER BY, LIMIT, DISTINCT, HAVING", (t) => {
  const s = one(
    "WITH big AS (SELECT * FROM bid WHERE price > 100) SELECT DISTINCT auction FROM big GROUP BY auction HAVING count(*) > 1 UNION ALL SELECT auction FROM (SELECT auction FROM bid) AS x WHERE auction IN (SELECT id FROM auction) ORDER BY auction DESC LIMIT 10",
  );
  if (s.kind !== "QueryStatement") return t.fail();
  const q: Query = s.query;
  t.deepEqual(q.with.map((c) => c.name.name), ["big"]);
  if (q.body.kind !== "SetOperation") return t.fail(q.body.kind);
  t.deepEqual([q.body.op, q.body.all], ["UNION", true]);
  const left = q.body.left;
  t.deepEqual(left.kind === "Select" ? [left.distinct, sexpr(left.having!)] : [], [true, "(> (count *) 1)"]);
  const right = q.body.right;
  if (right.kind !== "Select") return t.fail();
  t.is(right.from?.kind, "DerivedTable");
  t.is(right.where?.kind, "InSubquery");
  t.deepEqual(q.orderBy.map((o) => [sexpr(o.expr), o.descending]), [["auction", true]]);
  t.is(sexpr(q.limit!), "10");
});

test("the ROW_NUMBER top-N pattern (Nexmark q19) parses to a filtered derived table", (t) => {
  const s = one("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid) WHERE rank_number <= 10");
  if (s.kind !== "QueryStatement" || s.query.body.kind !== "Select") return t.fail();
  const outer = s.query.body;
  t.is(sexpr(outer.where!), "(<= rank_number 10)");
  if (outer.from?.kind !== "DerivedTable" || outer.from.query.body.kind !== "Select") return t.fail();
  const items = outer.from.query.body.items;
  t.deepEqual(items.map((i) => (i.kind === "Star" ? "*" : `${sexpr(i.expr)} as ${i.alias?.name}`)), ["*", "(ROW_NUMBER over) as rank_number"]);
});

test("MATCH_RECOGNIZE: every clause, quantifiers and skip strategy (Flink's documentation example)", (t) => {
  const text = [
    "SELECT * FROM Ticker MATCH_RECOGNIZE (",
    "  PARTITION BY symbol ORDER BY rowtime",
    "  MEASURES START_ROW.rowtime AS start_tstamp, LAST(PRICE_DOWN.rowtime) AS bottom_tstamp",
    "  ONE ROW PER MATCH",
    "  AFTER MATCH SKIP TO LAST PRICE_UP",
    "  PATTERN (START_ROW PRICE_DOWN+ PRICE_UP{2,}? (A | B C)*) WITHIN INTERVAL '1' HOUR",
    "  DEFINE PRICE_DOWN AS (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price), PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)",
    ") MR",
  ].join("\n");
  const s = select(text);
  const m = s.from!;
  if (m.kind !== "MatchRecognize") return t.fail(m.kind);
  t.is(m.input.kind === "TableName" ? m.input.name[0]!.name : "", "Ticker");
  t.is(m.alias?.name.name, "MR");
  t.deepEqual(m.partitionBy.map(sexpr), ["symbol"]);
  t.deepEqual(m.measures.map((x) => `${sexpr(x.expr)} as ${x.name.name}`), ["START_ROW.rowtime as start_tstamp", "(LAST PRICE_DOWN.rowtime) as bottom_tstamp"]);
  t.is(m.rowsPerMatch?.mode, "ONE");
  t.deepEqual(stripSpans(m.afterMatch), { kind: "ToLast", variable: { kind: "Identifier", name: "PRICE_UP", quoted: false } });
  const pattern = stripSpans(m.pattern);
  const v = (name: string) => ({ kind: "PatternVariable", name: { kind: "Identifier", name, quoted: false } });
  t.deepEqual(pattern, {
    kind: "PatternSequence",
    terms: [
      v("START_ROW"),
      { kind: "PatternQuantified", pattern: v("PRICE_DOWN"), min: 1, max: null, reluctant: false },
      { kind: "PatternQuantified", pattern: v("PRICE_UP"), min: 2, max: null, reluctant: true },
      {
        kind: "PatternQuantified",
        pattern: { kind: "PatternAlternation", alternatives: [v("A"), { kind: "PatternSequence", terms: [v("B"), v("C")] }] },
        min: 0,
        max: null,
        reluctant: false,
      },
    ],
  });
  t.is(m.within === null ? "" : `${m.within.value} ${m.within.unit}`, "1 HOUR");
  t.deepEqual(m.define.map((d) => `${d.variable.name}: ${sexpr(d.condition)}`), [
    "PRICE_DOWN: (AND (is (LAST PRICE_DOWN.price 1) NULL) (< PRICE_DOWN.price START_ROW.price))",
    "PRICE_UP: (> PRICE_UP.price (LAST PRICE_DOWN.price 1))",
  ]);
  t.is(text.slice(m.span.start, m.span.end).split("\n").at(-1), ") MR");
});

test("keywords are case-insensitive; identifiers keep their case; backquotes allow reserved words", (t) => {
  const lower = stripSpans(one("select `value`, `from` from side_input where key = 1"));
  const upper = stripSpans(one("SELECT `value`, `from` FROM side_input WHERE key = 1"));
  t.deepEqual(lower, upper);
  const s = select("SELECT `a``b` FROM T");
  const item = s.items[0]!;
  t.deepEqual(item.kind === "SelectExpr" && item.expr.kind === "ColumnRef" ? [item.expr.path[0]!.name, item.expr.path[0]!.quoted] : [], ["a`b", true]);
});

test("paging: LIMIT n OFFSET m and OFFSET m ROWS FETCH FIRST n ROWS ONLY give the same tree", (t) => {
  const limit = one("SELECT a FROM t ORDER BY a LIMIT 10 OFFSET 5");
  const fetch = one("SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY");
  t.deepEqual(stripSpans(fetch), stripSpans(limit));
  if (limit.kind !== "QueryStatement") return t.fail();
  t.deepEqual([sexpr(limit.query.limit!), sexpr(limit.query.offset!)], ["10", "5"]);
});
