// Each Table operation builds the SQL documented for it (golden strings, written by hand from Flink's documentation of
// the operation), resolves its columns through the SQL translator, and fails at the call that goes wrong.
import test from "ava";
import { $, Cumulate, lit, Session, Slide, Tumble, TableEnvironment, TableApiError } from "../../table/index.js";

const env = TableEnvironment.create();
await env.executeSql("CREATE TABLE orders (id BIGINT NOT NULL, customer STRING NOT NULL, amount INT NOT NULL, ts TIMESTAMP(3) NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json')");
await env.executeSql("CREATE TABLE customers (cid STRING NOT NULL, city STRING NOT NULL) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json')");
const orders = env.from("orders");
const customers = env.from("customers");

const lines = (...l: string[]) => l.join("\n");

test("from reads the catalog table; its columns are the table's", (t) => {
  t.is(orders.toSql(), "SELECT *\nFROM orders");
  t.deepEqual(orders.getResolvedSchema().getColumnNames(), ["id", "customer", "amount", "ts"]);
});

test("where wraps the table in SELECT * … WHERE", (t) => {
  const big = orders.where($("amount").isGreater(100));
  t.is(big.toSql(), lines("SELECT *", "FROM orders", "WHERE amount > 100"));
  const bigAndA = big.filter($("customer").like("A%"));
  t.is(bigAndA.toSql(), lines("SELECT *", "FROM (", "SELECT *", "FROM orders", "WHERE amount > 100", ") AS t", "WHERE customer LIKE 'A%'"));
});

test("select names columns by alias, by the column read, else _c<position> (Flink's default)", (t) => {
  const s = orders.select($("id"), $("amount").times(2).as("double"), $("customer").upperCase());
  t.is(s.toSql(), lines("SELECT id, amount * 2 AS double, UPPER(customer) AS _c2", "FROM orders"));
  t.deepEqual(s.getResolvedSchema().getColumnNames(), ["id", "double", "_c2"]);
});

test("$('*') selects every column", (t) => {
  const s = customers.select($("*"), $("city").upperCase().as("CITY"));
  t.is(s.toSql(), lines("SELECT *, UPPER(city) AS CITY", "FROM customers"));
  t.deepEqual(s.getResolvedSchema().getColumnNames(), ["cid", "city", "CITY"]);
});

test("groupBy(…).select(…) is GROUP BY; select with aggregates alone aggregates the whole table", (t) => {
  const g = orders.groupBy($("customer")).select($("customer"), $("amount").sum().as("total"), $("id").count().distinct().as("n"));
  t.is(g.toSql(), lines("SELECT customer, SUM(amount) AS total, COUNT(DISTINCT id) AS n", "FROM orders", "GROUP BY customer"));
  t.deepEqual(g.changelogMode(), { kind: "upsert", upsertKey: ["customer"] });
  const all = orders.select($("amount").max().as("top"));
  t.is(all.toSql(), lines("SELECT MAX(amount) AS top", "FROM orders"));
  t.deepEqual(all.changelogMode(), { kind: "upsert", upsertKey: [] });
});

test("a tumbling group window is the TUMBLE TVF grouped by window_start, window_end and the keys", (t) => {
  const w = orders.window(Tumble.over(lit(10).seconds()).on($("ts")).as("w"))
    .groupBy($("w"), $("customer"))
    .select($("customer"), $("w").start().as("ws"), $("w").end().as("we"), $("amount").sum().as("total"));
  t.is(w.toSql(), lines(
    "SELECT customer, window_start AS ws, window_end AS we, SUM(amount) AS total",
    "FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))",
    "GROUP BY window_start, window_end, customer",
  ));
  t.deepEqual(w.changelogMode(), { kind: "insert-only" });
});

test("a window over a derived table names it with a CTE; Slide is HOP(slide, size), Session is SESSION(… PARTITION BY keys)", (t) => {
  const big = orders.where($("amount").isGreater(10));
  const hop = big.window(Slide.over(lit(10).seconds()).every(lit(5).seconds()).on($("ts")).as("w")).groupBy($("w")).select($("w").end().as("we"), $("id").count().as("n"));
  t.is(hop.toSql(), lines(
    "WITH window_input AS (",
    "SELECT *", "FROM orders", "WHERE amount > 10",
    ")",
    "SELECT window_end AS we, COUNT(id) AS n",
    "FROM TABLE(HOP(TABLE window_input, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))",
    "GROUP BY window_start, window_end",
  ));
  const session = orders.window(Session.withGap(lit(30).seconds()).on($("ts")).as("s")).groupBy($("s"), $("customer")).select($("customer"), $("id").count().as("n"));
  t.is(session.toSql(), lines(
    "SELECT customer, COUNT(id) AS n",
    "FROM TABLE(SESSION(TABLE orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '30' SECOND))",
    "GROUP BY window_start, window_end, customer",
  ));
});

test("Cumulate.over(size).step(step) is CUMULATE(step, size)", (t) => {
  const c = orders.window(Cumulate.over(lit(1).hours()).step(lit(10).minutes()).on($("ts")).as("w")).groupBy($("w"), $("customer"))
    .select($("customer"), $("w").end().as("we"), $("amount").sum().as("total"));
  t.is(c.toSql(), lines(
    "SELECT customer, window_end AS we, SUM(amount) AS total",
    "FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))",
    "GROUP BY window_start, window_end, customer",
  ));
  t.deepEqual(c.changelogMode(), { kind: "insert-only" });
  t.throws(() => Cumulate.over(lit(1).hours()).step(lit(7)), { message: /Cumulate.step: expected an interval/ });
});

test("join(…).where(…) and join(…, cond) are one inner join; clashing column names are refused as in Flink", (t) => {
  const j = orders.join(customers).where($("customer").isEqual($("cid")));
  t.is(j.toSql(), lines("SELECT *", "FROM orders", "JOIN customers ON customer = cid"));
  t.deepEqual(j.getResolvedSchema().getColumnNames(), ["id", "customer", "amount", "ts", "cid", "city"]);
  t.is(orders.join(customers, $("customer").isEqual($("cid"))).toSql(), j.toSql());
  const error = t.throws(() => orders.join(orders));
  t.regex(error.message, /both tables have the columns `id`, `customer`, `amount`, `ts`; rename one side first/);
});

test("a join of an update stream (a group aggregate's, a top-N's over the whole Table) or a filter of one resolves to a changelog with deletions", (t) => {
  const totals = orders.groupBy($("customer")).select($("customer"), $("amount").sum().as("total"));
  t.is(customers.join(totals, $("cid").isEqual($("customer"))).changelogMode().kind, "retract");
  t.is(customers.join(orders.orderBy($("amount").desc()).limit(3), $("cid").isEqual($("customer"))).select($("cid")).changelogMode().kind, "retract");
  t.is(totals.where($("total").isGreater(100)).changelogMode().kind, "retract");
  // a filter on the update key alone keeps or drops a key's every row: still an update stream
  t.deepEqual(totals.where($("customer").isNotEqual("dave")).changelogMode(), { kind: "upsert", upsertKey: ["customer"] });
});

test("a join never given a condition fails with the translator's cross-join diagnostic", (t) => {
  const error = t.throws(() => orders.join(customers).select($("id")), { instanceOf: TableApiError });
  t.regex(error.message, /SQL3006/);
  t.regex(error.message, /a join without a condition \(cross join\)/);
});

test("unionAll, distinct, as, addColumns, renameColumns, dropColumns", (t) => {
  const ids = orders.select($("customer"));
  t.is(ids.unionAll(customers.select($("cid"))).toSql(), lines("SELECT *", "FROM (", "SELECT customer", "FROM orders", ") AS t", "UNION ALL", "SELECT *", "FROM (", "SELECT cid", "FROM customers", ") AS t"));
  t.is(ids.distinct().toSql(), lines("SELECT customer", "FROM (", "SELECT customer", "FROM orders", ") AS t", "GROUP BY customer"));
  t.deepEqual(customers.as("c", "town").getResolvedSchema().getColumnNames(), ["c", "town"]);
  const added = customers.addColumns($("city").upperCase().as("CITY"));
  t.is(added.toSql(), lines("SELECT *, UPPER(city) AS CITY", "FROM customers"));
  t.deepEqual(added.getResolvedSchema().getColumnNames(), ["cid", "city", "CITY"]);
  t.deepEqual(customers.addOrReplaceColumns($("city").lowerCase().as("city")).getResolvedSchema().getColumnNames(), ["cid", "city"]);
  t.is(customers.renameColumns($("cid").as("id")).toSql(), lines("SELECT cid AS id, city", "FROM customers"));
  t.deepEqual(orders.dropColumns($("ts"), $("id")).getResolvedSchema().getColumnNames(), ["customer", "amount"]);
});

test("orderBy(…).limit(n) is the ROW_NUMBER top-N form; the run also selects the row number, the upsert key", (t) => {
  const top = orders.orderBy($("amount").desc()).limit(3);
  t.is(top.toSql(), lines(
    "SELECT id, customer, amount, ts",
    "FROM (",
    "SELECT *, ROW_NUMBER() OVER (ORDER BY amount DESC) AS __rn",
    "FROM orders",
    ") AS t",
    "WHERE __rn <= 3",
  ));
  t.deepEqual(top.getResolvedSchema().getColumnNames(), ["id", "customer", "amount", "ts"]);
});

test("the misuse of an operation is refused where it happens, with what to do", (t) => {
  t.throws(() => orders.limit(3), { message: /call orderBy\(…\) first, as in Flink/ });
  t.throws(() => orders.orderBy($("amount")).limit(0), { message: /keep at least one row/ });
  t.throws(() => customers.as("only_one"), { message: /the table has 2 columns \(cid, city\), not 1/ });
  t.throws(() => customers.addColumns($("city").as("city")), { message: /already has a column `city`; use addOrReplaceColumns/ });
  t.throws(() => customers.renameColumns($("nope").as("x")), { message: /no column `nope` \(columns: cid, city\)/ });
  t.throws(() => customers.dropColumns($("cid"), $("city")), { message: /keeps at least one column/ });
  t.throws(() => orders.window(Tumble.over(lit(1).seconds()).on($("ts")).as("w")).groupBy($("customer")), { message: /group by the window's alias too/ });
});

test("an unknown column is the translator's SQL3002, located in the printed query and naming the call", (t) => {
  const error = t.throws(() => orders.where($("amount").isGreater(1)).select($("amout")), { instanceOf: TableApiError });
  t.is(error.message, [
    "select(amout) failed:",
    "error[SQL3002]: unknown column `amout`",
    "  --> table-api.sql:22:8",
    "   |",
    "22 | SELECT amout",
    "   |        ^^^^^",
    "help: did you mean `amount`?",
    "",
    "1 error",
    "",
  ].join("\n"));
  t.is(error.diagnostics[0]!.code, "SQL3002");
});

test("an error inside an earlier part of the query names the call that built that part", (t) => {
  // Ordering a stream without limit builds a query the translator refuses; the next call shows where it came from.
  const error = t.throws(() => orders.orderBy($("amount")).select($("id")), { instanceOf: TableApiError });
  t.regex(error.message, /^select\(id\) failed \(in the query built by orderBy\(amount\)\):\nerror\[SQL3006\]/);
});

test("a type error is the .flow checker's diagnostic, at the call that makes it", (t) => {
  const error = t.throws(() => customers.select($("city").plus(1).as("x")), { instanceOf: TableApiError });
  t.regex(error.message, /^select\(city \+ 1 AS x\) failed:\nerror\[FLOW3002\]: operator `\+` cannot be applied to string and int/);
});

test("a window's unknown time attribute is the translator's SQL3013", (t) => {
  const error = t.throws(() => customers.window(Tumble.over(lit(1).seconds()).on($("city")).as("w")).groupBy($("w")).select($("cid").count()), { instanceOf: TableApiError });
  t.regex(error.message, /SQL3013/);
  t.regex(error.message, /`city` is not a time attribute of the table/);
});

test("executeSql and sqlQuery report SQL syntax errors with the parser's located diagnostic", async (t) => {
  const error = await t.throwsAsync(env.executeSql("SELEC id FROM orders"), { instanceOf: TableApiError });
  t.regex(error.message, /^executeSql failed:\nerror\[SQL2001\]/);
  t.regex(error.message, /--> executeSql\.sql:1:1/);
  t.throws(() => env.sqlQuery("SELECT id FROM orders; SELECT 1"), { message: /give exactly one statement \(got 2\)/ });
  t.throws(() => env.sqlQuery("CREATE VIEW v AS SELECT id FROM orders"), { message: /expected a query \(SELECT …\), got CreateView/ });
});
