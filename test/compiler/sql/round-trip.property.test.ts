// printSql's contract as a property: any tree the grammar can produce prints to text that parses back to that tree.
// Trees are generated (expressions of every kind, and queries around them), so this covers far more shapes than
// the Nexmark files; spans are left out of the comparison (printing re-lays the text out).
import { isDeepStrictEqual } from "node:util";
import test from "ava";
import fc from "fast-check";
import type { Expr, Query, Statement } from "../../../compiler/sql/ast.js";
import { parseSql } from "../../../compiler/sql/parse-sql.js";
import { printSql } from "../../../compiler/sql/print-sql.js";
import { stripSpans } from "../helpers/strip-spans.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

const SPAN = { start: 0, end: 0 };

// Unquoted names are words no grammar rule treats specially; quoted ones are any text, backquotes included.
const identifier = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "price", "window_start", "key", "Bid", "x_1").map((name) => ({ kind: "Identifier" as const, name, quoted: false, span: SPAN })) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }).map((name) => ({ kind: "Identifier" as const, name, quoted: true, span: SPAN })) },
);

const stringLiteral = fc.string({ maxLength: 6 }).map((value) => ({ kind: "String" as const, value, span: SPAN }));

const numberText = fc.oneof(fc.nat().map(String), fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a}.${b}`), fc.nat(99).map((n) => `${n}e3`));
const numberLiteral = fc.tuple(fc.boolean(), numberText).map(([negative, text]) => ({ kind: "Number" as const, text: negative ? `-${text}` : text, span: SPAN }));

const unit = fc.constantFrom("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

const dataType = fc.letrec<{ type: unknown }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({
      name: fc.constantFrom("INT", "BIGINT", "VARCHAR", "DECIMAL", "TIMESTAMP", "BOOLEAN"),
      params: fc.array(fc.nat(40), { maxLength: 2 }),
      timeZone: fc.constantFrom(null, "LOCAL", "WITHOUT"),
      notNull: fc.boolean(),
    }).map((t) => ({ kind: "DataType", ...t, fields: [], element: null, key: null, value: null, span: SPAN })),
    fc.record({ element: tie("type"), name: fc.constantFrom("ARRAY", "MULTISET"), notNull: fc.boolean() })
      .map((t) => ({ kind: "DataType", name: t.name, params: [], fields: [], element: t.element, key: null, value: null, timeZone: null, notNull: t.notNull, span: SPAN })),
    fc.array(fc.record({ name: identifier, type: tie("type"), comment: fc.option(fc.string({ maxLength: 4 })) }), { minLength: 1, maxLength: 3 })
      .map((fields) => ({ kind: "DataType", name: "ROW", params: [], fields: fields.map((f) => ({ kind: "RowField", ...f, span: SPAN })), element: null, key: null, value: null, timeZone: null, notNull: false, span: SPAN })),
  ),
})).type;

interface Arbitraries {
  expr: Expr;
  query: Query;
  [key: string]: unknown;
}

const trees = fc.letrec<Arbitraries>((tie) => {
  const expr = tie("expr") as fc.Arbitrary<Expr>;
  const query = tie("query") as fc.Arbitrary<Query>;
  const orderItem = fc.record({ expr, descending: fc.boolean(), nulls: fc.constantFrom(null, "FIRST", "LAST") }).map((o) => ({ kind: "OrderItem", ...o, span: SPAN }));
  const bound = fc.oneof(
    fc.constantFrom("UnboundedPreceding", "UnboundedFollowing", "CurrentRow").map((kind) => ({ kind, span: SPAN })),
    fc.record({ kind: fc.constantFrom("Preceding", "Following"), offset: expr }).map((b) => ({ ...b, span: SPAN })),
  );
  const windowSpec = fc.oneof(
    identifier.map((name) => ({ kind: "WindowSpec", name, partitionBy: [], orderBy: [], frame: null, span: SPAN })),
    fc.record({
      partitionBy: fc.array(expr, { maxLength: 2 }),
      orderBy: fc.array(orderItem, { maxLength: 2 }),
      frame: fc.option(fc.record({ unit: fc.constantFrom("ROWS", "RANGE"), start: bound, end: fc.option(bound) }).map((f) => ({ kind: "WindowFrame", ...f, span: SPAN }))),
    }).map((w) => ({ kind: "WindowSpec", name: null, ...w, span: SPAN })),
  );
  const call = fc.oneof(
    fc.record({ name: fc.array(identifier, { minLength: 1, maxLength: 2 }), filter: fc.option(expr), over: fc.option(windowSpec) })
      .map((c) => ({ kind: "Call", ...c, distinct: false, args: [], star: true, niladic: false, span: SPAN })),
    fc.record({ name: fc.array(identifier, { minLength: 1, maxLength: 2 }), args: fc.array(expr, { maxLength: 3 }), distinct: fc.boolean(), filter: fc.option(expr), over: fc.option(windowSpec) })
      .map((c) => ({ kind: "Call", ...c, distinct: c.distinct && c.args.length > 0, star: false, niladic: false, span: SPAN })),
    fc.constantFrom("CURRENT_TIMESTAMP", "CURRENT_DATE", "LOCALTIMESTAMP").map((name) => ({
      kind: "Call", name: [{ kind: "Identifier", name, quoted: false, span: SPAN }], distinct: false, args: [], star: false, filter: null, over: null, niladic: true, span: SPAN,
    })),
  );
  const leaf = fc.oneof(
    numberLiteral,
    stringLiteral,
    fc.boolean().map((value) => ({ kind: "Boolean", value, span: SPAN })),
    fc.constant({ kind: "Null", span: SPAN }),
    fc.array(identifier, { minLength: 1, maxLength: 3 }).map((path) => ({ kind: "ColumnRef", path, span: SPAN })),
    fc.record({ negative: fc.boolean(), value: fc.string({ maxLength: 5 }), unit, precision: fc.option(fc.nat(9)), toUnit: fc.option(unit) }).map((i) => ({ kind: "Interval", ...i, span: SPAN })),
    fc.record({ type: fc.constantFrom("TIMESTAMP", "TIMESTAMP_LTZ", "DATE", "TIME"), value: fc.string({ maxLength: 5 }) }).map((l) => ({ kind: "TypedLiteral", ...l, span: SPAN })),
    fc.array(identifier, { minLength: 1, maxLength: 2 }).map((columns) => ({ kind: "Descriptor", columns, span: SPAN })),
  );
  const binaryOp = fc.constantFrom("OR", "AND", "=", "<>", "<", "<=", ">", ">=", "||", "+", "-", "*", "/", "%");
  const compound = fc.oneof(
    fc.record({ op: binaryOp, left: expr, right: expr }).map((b) => ({ kind: "Binary", ...b, span: SPAN })),
    // `-` before an unsigned number literal is read as part of the literal, so the grammar never builds that tree.
    fc.record({ op: fc.constantFrom("NOT", "-", "+"), operand: expr })
      .filter((u) => !(u.op === "-" && u.operand.kind === "Number" && !u.operand.text.startsWith("-")))
      .map((u) => ({ kind: "Unary", ...u, span: SPAN })),
    fc.record({ expr, not: fc.boolean(), value: fc.constantFrom("NULL", "TRUE", "FALSE", "UNKNOWN") }).map((i) => ({ kind: "Is", ...i, span: SPAN })),
    fc.record({ expr, not: fc.boolean(), low: expr, high: expr }).map((b) => ({ kind: "Between", ...b, span: SPAN })),
    fc.record({ expr, not: fc.boolean(), pattern: expr, escape: fc.option(stringLiteral) }).map((l) => ({ kind: "Like", ...l, span: SPAN })),
    // `x IN ((SELECT …))` reads as IN with a subquery, so the grammar never builds a one-element list of a subquery.
    fc.record({ expr, not: fc.boolean(), list: fc.array(expr, { minLength: 1, maxLength: 3 }) })
      .filter((i) => !(i.list.length === 1 && i.list[0]!.kind === "ScalarSubquery"))
      .map((i) => ({ kind: "InList", ...i, span: SPAN })),
    fc.record({ expr, not: fc.boolean(), query }).map((i) => ({ kind: "InSubquery", ...i, span: SPAN })),
    fc.record({
      operand: fc.option(expr),
      whens: fc.array(fc.record({ when: expr, then: expr }).map((w) => ({ kind: "When", ...w, span: SPAN })), { minLength: 1, maxLength: 2 }),
      else: fc.option(expr),
    }).map((c) => ({ kind: "Case", ...c, span: SPAN })),
    fc.record({ try: fc.boolean(), expr, type: dataType }).map((c) => ({ kind: "Cast", ...c, span: SPAN })),
    fc.record({ unit: fc.constantFrom("YEAR", "DOW", "EPOCH"), expr }).map((e) => ({ kind: "Extract", ...e, span: SPAN })),
    call,
    query.map((q) => ({ kind: "ScalarSubquery", query: q, span: SPAN })),
    query.map((q) => ({ kind: "Exists", query: q, span: SPAN })),
    fc.record({ base: expr, index: expr }).map((i) => ({ kind: "Index", ...i, span: SPAN })),
  );
  const alias = fc.option(fc.record({ name: identifier, columns: fc.option(fc.array(identifier, { minLength: 1, maxLength: 2 })) }).map((a) => ({ kind: "TableAlias", ...a, span: SPAN })));
  const tableName = fc.record({ name: fc.array(identifier, { minLength: 1, maxLength: 2 }), asOf: fc.option(expr), alias }).map((t) => ({ kind: "TableName", ...t, span: SPAN }));
  const tablePrimary = fc.oneof(
    { weight: 3, arbitrary: tableName },
    { weight: 1, arbitrary: fc.record({ lateral: fc.boolean(), query, alias }).map((d) => ({ kind: "DerivedTable", ...d, span: SPAN })) },
  );
  const from = fc.tuple(tablePrimary, fc.array(fc.record({ joinType: fc.constantFrom("INNER", "LEFT", "RIGHT", "FULL", "CROSS", "COMMA"), right: tablePrimary, on: expr }), { maxLength: 2 }))
    .map(([head, joins]) => joins.reduce((left: unknown, j) => ({ kind: "Join", joinType: j.joinType, natural: false, left, right: j.right, on: j.joinType === "COMMA" || j.joinType === "CROSS" ? null : j.on, using: null, span: SPAN }), head));
  const selectItem = fc.oneof(
    fc.record({ expr, alias: fc.option(identifier) }).map((s) => ({ kind: "SelectExpr", ...s, span: SPAN })),
    fc.array(identifier, { maxLength: 2 }).map((qualifier) => ({ kind: "Star", qualifier, span: SPAN })),
  );
  const select = fc.record({
    distinct: fc.boolean(),
    items: fc.array(selectItem, { minLength: 1, maxLength: 3 }),
    from: fc.option(from),
    where: fc.option(expr),
    groupBy: fc.array(expr, { maxLength: 2 }),
    // several grouping sets (one set, `()` among them, is a plain GROUP BY); groupBy then lists what they use
    groupingSets: fc.option(fc.array(fc.array(expr, { maxLength: 2 }), { minLength: 2, maxLength: 3 })),
    having: fc.option(expr),
  }).map((s) => ({ kind: "Select", ...s, groupBy: s.groupingSets === null ? s.groupBy : s.groupingSets.flat(), windows: [], span: SPAN }));
  const body = fc.oneof(
    { weight: 3, arbitrary: select },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom("UNION", "INTERSECT", "EXCEPT"), all: fc.boolean(), left: select, right: select }).map((s) => ({ kind: "SetOperation", ...s, span: SPAN })) },
  );
  return {
    expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, compound) as fc.Arbitrary<Expr>,
    query: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.record({ body: select }).map((q) => ({ kind: "Query", with: [], body: q.body, orderBy: [], limit: null, offset: null, span: SPAN })),
      fc.record({
        with: fc.array(fc.record({ name: identifier, columns: fc.option(fc.array(identifier, { minLength: 1, maxLength: 2 })), query }).map((c) => ({ kind: "Cte", ...c, span: SPAN })), { maxLength: 1 }),
        body,
        orderBy: fc.array(orderItem, { maxLength: 2 }),
        limit: fc.option(expr),
        offset: fc.option(expr),
      }).map((q) => ({ kind: "Query", ...q, span: SPAN })),
    ) as fc.Arbitrary<Query>,
  };
});

function roundTrip(statement: Statement): void {
  const text = printSql([statement]);
  const parsed = parseSql(text, "printed.sql");
  if (parsed.diagnostics.length > 0) throw new Error(`printed text does not parse: ${parsed.diagnostics[0]!.message}\n${text}`);
  const before = stripSpans([statement]);
  const after = stripSpans(parsed.statements);
  if (!isDeepStrictEqual(before, after)) throw new Error(`different tree after printing:\n${text}\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`);
}

test("an expression prints to text that parses back to the same tree", async (t) => {
  const statement = trees.expr.map((e): Statement => ({
    kind: "QueryStatement",
    query: { kind: "Query", with: [], body: { kind: "Select", distinct: false, items: [{ kind: "SelectExpr", expr: e, alias: null, span: SPAN }], from: null, where: null, groupBy: [], groupingSets: null, having: null, windows: [], span: SPAN }, orderBy: [], limit: null, offset: null, span: SPAN },
    span: SPAN,
  }));
  await assertProperty(t, fc.property(statement, roundTrip), { file: import.meta.url, numRuns: propertyRuns(300) });
});

test("a query prints to text that parses back to the same tree", async (t) => {
  const statement = trees.query.map((query): Statement => ({ kind: "QueryStatement", query, span: SPAN }));
  await assertProperty(t, fc.property(statement, roundTrip), { file: import.meta.url, numRuns: propertyRuns(150) });
});

// Statement kinds and FROM forms the generators above do not build: each prints back to its own tree.
const WRITTEN = [
  "CREATE TEMPORARY TABLE IF NOT EXISTS c.d.t (id BIGINT NOT NULL PRIMARY KEY NOT ENFORCED COMMENT 'key', r ROW<a INT 'first', b ARRAY<MAP<STRING, DOUBLE PRECISION>>>, ts AS TO_TIMESTAMP(s) COMMENT 'c', p INT METADATA FROM 'partition' VIRTUAL, ltz TIMESTAMP(3) WITH LOCAL TIME ZONE, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) COMMENT 'table' PARTITIONED BY (p) WITH ('connector' = 'kafka') LIKE src",
  "CREATE TABLE t2 (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED)",
  "CREATE VIEW v (x) AS SELECT 1",
  "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'a.B' LANGUAGE JAVA",
  "INSERT OVERWRITE t PARTITION (dt = '2024', h = 3) (a, b) SELECT a, b FROM s",
  "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b VALUES (1, 'x'), (2, 'y'); END",
  "EXPLAIN ESTIMATED_COST, JSON_EXECUTION_PLAN INSERT INTO a SELECT 1",
  "SET 'a.b' = 'c'",
  "SET",
  "RESET 'a.b'",
  "SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY s ORDER BY rt MEASURES FIRST(A.rt) AS f, LAST(B.p) AS l ALL ROWS PER MATCH AFTER MATCH SKIP TO FIRST B PATTERN ((A | B C)+? D{2} E{,3} F{1,4} G{3,} H?) WITHIN INTERVAL '1' HOUR DEFINE A AS A.p > PREV(A.p, 1), B AS TRUE) AS MR",
  "SELECT * FROM T MATCH_RECOGNIZE (ORDER BY rt PATTERN (A B) DEFINE A AS TRUE, B AS FALSE)",
  "SELECT * FROM T MATCH_RECOGNIZE (ORDER BY rt AFTER MATCH SKIP TO NEXT ROW PATTERN (A) DEFINE A AS TRUE)",
  "SELECT window_start, SUM(price) FROM TABLE(HOP(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '5' MINUTES, SIZE => INTERVAL '10' MINUTES)) GROUP BY window_start, window_end",
  "SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY (bidder, auction), DESCRIPTOR(ts), INTERVAL '5' MINUTE)) AS s (a, b)",
  "SELECT * FROM t, LATERAL TABLE(split(t.s)) AS x (w) LEFT JOIN UNNEST(t.arr) AS u (v) ON TRUE NATURAL JOIN (a CROSS JOIN b)",
  "SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.pt AS R ON o.k = R.k",
  "WITH a (x) AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a UNION SELECT * FROM b EXCEPT ALL (SELECT 3 ORDER BY 1 LIMIT 1) ORDER BY x NULLS FIRST LIMIT 5 OFFSET 2",
  "SELECT a, AVG(p) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW), COUNT(*) OVER w, SUM(p) OVER (ROWS UNBOUNDED PRECEDING) FROM t",
  "SELECT EXTRACT(YEAR FROM ts), CAST(a AS DECIMAL(10, 2) NOT NULL), TRY_CAST(b AS INT), arr[1][2], x NOT LIKE 'a!%' ESCAPE '!', EXISTS (SELECT 1), INTERVAL '1 02' DAY TO HOUR, INTERVAL '3' SECOND(3), DATE '2024-01-01', CURRENT_TIMESTAMP, LEFT(s, 2) FROM t",
];

test("hand-written statements of every kind print back to their own trees", (t) => {
  for (const text of WRITTEN) {
    const first = parseSql(text, "written.sql");
    t.deepEqual(first.diagnostics, [], text);
    if (first.statements.length !== 1) {
      t.fail(`${text}: ${first.statements.length} statements`);
      continue;
    }
    t.notThrows(() => roundTrip(first.statements[0]!), text);
  }
});
