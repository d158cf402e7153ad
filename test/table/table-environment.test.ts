// Tables run end to end on small in-memory inputs, against expectations computed by hand (window contents, changelog
// sequences) or by brute force (the join). One environment: each distinct query is compiled and bundled once.
import test from "ava";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { $, callSql, Cumulate, DataTypes, lit, Schema, Session, Slide, TableApiError, TableEnvironment, Tumble, type Row, type Table } from "../../table/index.js";

const ORDERS = [
  { id: 1, customer: "alice", amount: 10, ts: 1_000 },
  { id: 2, customer: "bob", amount: 20, ts: 2_000 },
  { id: 3, customer: "alice", amount: 30, ts: 6_000 },
  { id: 4, customer: "carol", amount: 5, ts: 11_000 },
  { id: 5, customer: "bob", amount: 40, ts: 12_000 },
  { id: 6, customer: "alice", amount: 15, ts: 31_000 },
];
const CUSTOMERS = [
  { cid: "alice", city: "Paris" },
  { cid: "bob", city: "Rome" },
  { cid: "dave", city: "Oslo" },
];

const env = TableEnvironment.create();
const orderSchema = Schema.newBuilder()
  .column("id", DataTypes.BIGINT().notNull())
  .column("customer", DataTypes.STRING().notNull())
  .column("amount", DataTypes.INT().notNull())
  .column("ts", DataTypes.TIMESTAMP(3))
  .watermark("ts", "ts - INTERVAL '1' SECOND")
  .build();
const orders = env.fromValues(ORDERS, orderSchema);
const customers = env.fromValues(CUSTOMERS);

async function all(rows: AsyncIterable<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const fieldsOf = (rows: readonly Row[]) => rows.map((r) => r.fields);
const sortedBy = <T>(items: readonly T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

test("where and select over in-memory rows keep the matching rows, computed", async (t) => {
  const big = orders.where($("amount").isGreater(10)).select($("id"), $("amount").times(2).as("doubled"), $("customer").upperCase().as("who"));
  const rows = await all(big.execute().collect());
  t.true(rows.every((r) => r.kind === "+I"));
  t.deepEqual(fieldsOf(rows), [
    { id: 2, doubled: 40, who: "BOB" },
    { id: 3, doubled: 60, who: "ALICE" },
    { id: 5, doubled: 80, who: "BOB" },
    { id: 6, doubled: 30, who: "ALICE" },
  ]);
});

test("a grouped aggregate is an update stream: +I for a key's first row, then -U (previous) and +U", async (t) => {
  const totals = orders.groupBy($("customer")).select($("customer"), $("amount").sum().as("total"));
  const rows = await all(env.toChangelogStream(totals));
  t.deepEqual(rows, [
    { kind: "+I", fields: { customer: "alice", total: 10 } },
    { kind: "+I", fields: { customer: "bob", total: 20 } },
    { kind: "-U", fields: { customer: "alice", total: 10 } },
    { kind: "+U", fields: { customer: "alice", total: 40 } },
    { kind: "+I", fields: { customer: "carol", total: 5 } },
    { kind: "-U", fields: { customer: "bob", total: 20 } },
    { kind: "+U", fields: { customer: "bob", total: 60 } },
    { kind: "-U", fields: { customer: "alice", total: 40 } },
    { kind: "+U", fields: { customer: "alice", total: 55 } },
  ]);
  t.throws(() => env.toDataStream(totals), { message: /is an update stream \(rows are replaced per key customer\); read it with toChangelogStream/ });
});

test("tumbling windows of 10 s per customer: counts and sums by hand", async (t) => {
  const w = orders.window(Tumble.over(lit(10).seconds()).on($("ts")).as("w")).groupBy($("w"), $("customer"))
    .select($("customer"), $("w").start().as("ws"), $("w").end().as("we"), $("id").count().as("n"), $("amount").sum().as("total"));
  const rows = await all(env.toDataStream(w));
  t.deepEqual([...fieldsOf(rows)].sort((a, b) => Number(a["ws"]) - Number(b["ws"]) || String(a["customer"]).localeCompare(String(b["customer"]))), [
    { customer: "alice", ws: 0, we: 10_000, n: 2, total: 40 },
    { customer: "bob", ws: 0, we: 10_000, n: 1, total: 20 },
    { customer: "bob", ws: 10_000, we: 20_000, n: 1, total: 40 },
    { customer: "carol", ws: 10_000, we: 20_000, n: 1, total: 5 },
    { customer: "alice", ws: 30_000, we: 40_000, n: 1, total: 15 },
  ]);
});

test("sliding windows of 10 s every 5 s: each event counted in the two windows that hold it", async (t) => {
  const w = orders.window(Slide.over(lit(10).seconds()).every(lit(5).seconds()).on($("ts")).as("w")).groupBy($("w"))
    .select($("w").start().as("ws"), $("id").count().as("n"));
  const rows = fieldsOf(await all(env.toDataStream(w)));
  // events at 1, 2, 6, 11, 12, 31 s
  t.deepEqual([...rows].sort((a, b) => Number(a["ws"]) - Number(b["ws"])), [
    { ws: -5_000, n: 2 },
    { ws: 0, n: 3 },
    { ws: 5_000, n: 3 },
    { ws: 10_000, n: 2 },
    { ws: 25_000, n: 1 },
    { ws: 30_000, n: 1 },
  ]);
});

test("cumulating windows of up to 20 s by steps of 10 s: each window from the start of its 20 s, once at its end", async (t) => {
  const w = orders.window(Cumulate.over(lit(20).seconds()).step(lit(10).seconds()).on($("ts")).as("w")).groupBy($("w"))
    .select($("w").start().as("ws"), $("w").end().as("we"), $("id").count().as("n"), $("amount").sum().as("total"));
  const rows = fieldsOf(await all(env.toDataStream(w)));
  // events at 1, 2, 6 s (10 + 20 + 30), 11, 12 s (5 + 40), 31 s (15); [20 s, 30 s) holds none, so it is not emitted
  t.deepEqual([...rows].sort((a, b) => Number(a["ws"]) - Number(b["ws"]) || Number(a["we"]) - Number(b["we"])), [
    { ws: 0, we: 10_000, n: 3, total: 60 },
    { ws: 0, we: 20_000, n: 5, total: 105 },
    { ws: 20_000, we: 40_000, n: 1, total: 15 },
  ]);
});

test("session windows with a 6 s gap per customer", async (t) => {
  const w = orders.window(Session.withGap(lit(6).seconds()).on($("ts")).as("s")).groupBy($("s"), $("customer"))
    .select($("customer"), $("s").start().as("ss"), $("s").end().as("se"), $("amount").sum().as("total"));
  const rows = fieldsOf(await all(env.toDataStream(w)));
  // alice: 1 s and 6 s are within 6 s of each other → [1, 12); 31 s alone → [31, 37). bob: 2 s, 12 s apart. carol: 11 s.
  t.deepEqual([...rows].sort((a, b) => String(a["customer"]).localeCompare(String(b["customer"])) || Number(a["ss"]) - Number(b["ss"])), [
    { customer: "alice", ss: 1_000, se: 12_000, total: 40 },
    { customer: "alice", ss: 31_000, se: 37_000, total: 15 },
    { customer: "bob", ss: 2_000, se: 8_000, total: 20 },
    { customer: "bob", ss: 12_000, se: 18_000, total: 40 },
    { customer: "carol", ss: 11_000, se: 17_000, total: 5 },
  ]);
});

test("an inner join emits exactly the pairs a nested loop finds", async (t) => {
  const joined = orders.join(customers).where($("customer").isEqual($("cid"))).select($("id"), $("city"), $("amount"));
  const rows = fieldsOf(await all(joined.execute().collect()));
  const expected = ORDERS.flatMap((o) => CUSTOMERS.filter((c) => c.cid === o.customer).map((c) => ({ id: o.id, city: c.city, amount: o.amount })));
  t.deepEqual(sortedBy(rows, (r) => String(r["id"])), sortedBy(expected, (r) => String(r.id)));
  t.is(rows.length, 5);
});

const PAYMENTS = [
  { pid: 1, payer: "alice", paid: 10, pts: 2_500 },
  { pid: 2, payer: "alice", paid: 30, pts: 9_000 },
  { pid: 3, payer: "bob", paid: 99, pts: 30_000 },
  { pid: 4, payer: "dave", paid: 7, pts: 12_000 },
];
const payments = env.fromValues(PAYMENTS, Schema.newBuilder()
  .column("pid", DataTypes.BIGINT().notNull())
  .column("payer", DataTypes.STRING().notNull())
  .column("paid", DataTypes.INT().notNull())
  .column("pts", DataTypes.TIMESTAMP(3))
  .watermark("pts", "pts - INTERVAL '1' SECOND")
  .build());

test("left/right/full outer interval joins: the nested loop's pairs, and each unmatched row with NULLs for the other side", async (t) => {
  // a payment within 0–5 s after the order, by the same customer
  const on = $("customer").isEqual($("payer")).and($("pts").between($("ts"), $("ts").plus(lit(5).seconds())));
  const matches = (o: (typeof ORDERS)[number], p: (typeof PAYMENTS)[number]) => o.customer === p.payer && p.pts >= o.ts && p.pts <= o.ts + 5_000;
  const row = (o: (typeof ORDERS)[number] | null, p: (typeof PAYMENTS)[number] | null) => JSON.stringify({ id: o?.id ?? null, pid: p?.pid ?? null });
  const pairs = ORDERS.flatMap((o) => PAYMENTS.filter((p) => matches(o, p)).map((p) => row(o, p)));
  const lonelyOrders = ORDERS.filter((o) => !PAYMENTS.some((p) => matches(o, p))).map((o) => row(o, null));
  const lonelyPayments = PAYMENTS.filter((p) => !ORDERS.some((o) => matches(o, p))).map((p) => row(null, p));
  t.is(pairs.length, 2, "alice's order 1 (1 s) pays at 2.5 s, her order 3 (6 s) at 9 s; bob's payment comes too late");
  const rowsOf = async (table: typeof orders) => fieldsOf(await all(table.select($("id"), $("pid")).execute().collect())).map((r) => JSON.stringify(r)).sort();
  t.deepEqual(await rowsOf(orders.leftOuterJoin(payments, on)), [...pairs, ...lonelyOrders].sort());
  t.deepEqual(await rowsOf(orders.rightOuterJoin(payments, on)), [...pairs, ...lonelyPayments].sort());
  t.deepEqual(await rowsOf(orders.fullOuterJoin(payments, on)), [...pairs, ...lonelyOrders, ...lonelyPayments].sort());
});

test("an outer join without a time bound is a regular outer join: its changelog, replayed, is the nested-loop outer join", async (t) => {
  const on = $("customer").isEqual($("payer"));
  const replayed = async (table: Table) => {
    const rows: string[] = [];
    for (const r of await all(env.toChangelogStream(table.select($("id"), $("pid"))))) {
      const key = JSON.stringify(r.fields);
      if (r.kind === "+I") rows.push(key);
      else {
        t.is(r.kind, "-D");
        t.true(rows.includes(key), `-D ${key} deletes a row that is there`);
        rows.splice(rows.indexOf(key), 1);
      }
    }
    return rows.sort();
  };
  const row = (o: (typeof ORDERS)[number] | null, p: (typeof PAYMENTS)[number] | null) => JSON.stringify({ id: o?.id ?? null, pid: p?.pid ?? null });
  const pairs = ORDERS.flatMap((o) => PAYMENTS.filter((p) => p.payer === o.customer).map((p) => row(o, p)));
  const lonelyOrders = ORDERS.filter((o) => !PAYMENTS.some((p) => p.payer === o.customer)).map((o) => row(o, null));
  const lonelyPayments = PAYMENTS.filter((p) => !ORDERS.some((o) => o.customer === p.payer)).map((p) => row(null, p));
  t.deepEqual(await replayed(orders.leftOuterJoin(payments, on)), [...pairs, ...lonelyOrders].sort());
  t.deepEqual(await replayed(orders.fullOuterJoin(payments, on)), [...pairs, ...lonelyOrders, ...lonelyPayments].sort());
});

test("a join of a grouped aggregate (an update stream) replays to the join of each customer's last total", async (t) => {
  const totals = orders.groupBy($("customer")).select($("customer"), $("amount").sum().as("total"));
  const rows: string[] = [];
  for (const r of await all(env.toChangelogStream(customers.leftOuterJoin(totals, $("cid").isEqual($("customer"))).select($("city"), $("total"))))) {
    const key = JSON.stringify(r.fields);
    if (r.kind === "+I" || r.kind === "+U") rows.push(key);
    else {
      t.true(rows.includes(key), `${r.kind} ${key} deletes a row that is there`);
      rows.splice(rows.indexOf(key), 1);
    }
  }
  // totals: alice 10 + 30 + 15, bob 20 + 40; dave bought nothing (padded), carol is no customer
  t.deepEqual(rows.sort(), [{ city: "Oslo", total: null }, { city: "Paris", total: 55 }, { city: "Rome", total: 60 }].map((r) => JSON.stringify(r)).sort());
});

test("unionAll then distinct: every name once, as inserts (an unchanged group result emits nothing)", async (t) => {
  const names = orders.select($("customer").as("name")).unionAll(customers.select($("cid"))).distinct();
  const rows = await all(env.toChangelogStream(names));
  t.true(rows.every((r) => r.kind === "+I"));
  t.deepEqual(rows.map((r) => r.fields["name"]).sort(), ["alice", "bob", "carol", "dave"]);
});

test("union, intersect, intersectAll, minus and minusAll of customer names: distinct, common, min(m, n) and max(0, m − n) copies", async (t) => {
  const buyers = orders.select($("customer").as("name"));
  const known = customers.select($("cid"));
  const names = async (table: typeof buyers) => (await all(env.toChangelogStream(table))).map((r) => `${r.kind}${String(r.fields["name"])}`).sort();
  // buyers: alice ×3, bob ×2, carol; known: alice, bob, dave
  t.deepEqual(await names(buyers.union(known)), ["+Ialice", "+Ibob", "+Icarol", "+Idave"]);
  t.deepEqual(await names(buyers.intersect(known)), ["+Ialice", "+Ibob"]);
  t.deepEqual(await names(buyers.intersectAll(known.unionAll(known))), ["+Ialice", "+Ialice", "+Ibob", "+Ibob"]);
  // minus and minusAll are changelogs: a name is deleted once `known` has it too; the net rows are the difference
  const net = async (table: typeof buyers) => {
    const left: string[] = [];
    for (const r of await all(env.toChangelogStream(table))) {
      const name = String(r.fields["name"]);
      if (r.kind === "+I") left.push(name);
      else left.splice(left.indexOf(name), 1);
    }
    return left.sort();
  };
  t.deepEqual(await net(buyers.minus(known)), ["carol"]);
  t.deepEqual(await net(buyers.minusAll(known)), ["alice", "alice", "bob", "carol"]);
});

test("orderBy(…).limit(2) keeps the two largest amounts up to date; its changelog replays to them", async (t) => {
  const top = orders.orderBy($("amount").desc()).limit(2).select($("id"), $("amount"));
  const rows = await all(env.toChangelogStream(orders.orderBy($("amount").desc()).limit(2)));
  // Replaying the changelog: -U must retract a row present, and the end state is the top 2 by amount (40, 30).
  const state: string[] = [];
  for (const r of rows) {
    const key = JSON.stringify(r.fields);
    if (r.kind === "+I" || r.kind === "+U") state.push(key);
    else {
      const at = state.indexOf(key);
      t.true(at >= 0, `${r.kind} ${key} retracts a row that is not there`);
      state.splice(at, 1);
    }
  }
  t.deepEqual(state.map((s) => JSON.parse(s) as Record<string, unknown>).map((r) => r["id"]).sort(), [3, 5]);
  t.deepEqual(Object.keys(rows[0]!.fields), ["id", "customer", "amount", "ts"]);
  t.deepEqual(top.getResolvedSchema().getColumnNames(), ["id", "amount"]);
});

test("executeSql: DDL, a view of a Table, sqlQuery over it, INSERT INTO a file", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-table-"));
  try {
    // A filesystem sink writes a directory of part files, as Flink's FileSink does.
    const path = join(dir, "out");
    const ok = await env.executeSql(`CREATE TABLE big_out (id BIGINT, customer STRING) WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'json')`);
    t.is(ok.getResultKind(), "SUCCESS");
    env.createTemporaryView("big_orders", orders.where($("amount").isGreaterOrEqual(20)));
    const view = env.sqlQuery("SELECT id, customer FROM big_orders WHERE customer <> 'alice'");
    t.deepEqual(view.getResolvedSchema().getColumnNames(), ["id", "customer"]);
    const inserted = await env.executeSql("INSERT INTO big_out SELECT id, customer FROM big_orders");
    const parts = readdirSync(path).filter((f) => !f.startsWith("."));
    const written = parts.flatMap((f) => readFileSync(join(path, f), "utf8").trim().split("\n")).map((l) => JSON.parse(l) as unknown);
    t.deepEqual(written, [{ id: 2, customer: "bob" }, { id: 3, customer: "alice" }, { id: 5, customer: "bob" }]);
    t.deepEqual(fieldsOf(await all(inserted.collect())), [{ big_out: 3 }]);
    await t.throwsAsync(env.executeSql("CREATE TABLE big_out (x INT) WITH ('connector' = 'blackhole')"), { instanceOf: TableApiError, message: /SQL3011/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("print() writes Flink's tableau format, as the SQL client's tableau mode does", async (t) => {
  let text = "";
  await customers.where($("cid").isNotEqual("dave")).execute().print((s) => (text += s));
  // why 30-wide text columns: Flink's TableResult.print() of a streaming query sizes columns from their types
  // (TableauStyle with type-inferred widths, STRING at the 30-character maximum), not from the values
  t.is(text, [
    "+----+--------------------------------+--------------------------------+",
    "| op |                            cid |                           city |",
    "+----+--------------------------------+--------------------------------+",
    "| +I |                          alice |                          Paris |",
    "| +I |                            bob |                           Rome |",
    "+----+--------------------------------+--------------------------------+",
    "Received a total of 2 rows",
    "",
  ].join("\n"));
});

test("explainSql and explain() give the written and optimised plans and the fusion report", (t) => {
  const plan = env.explainSql("SELECT cid FROM " + "inline_2 WHERE city = 'Rome'");
  t.regex(plan, /== plan \(as written\) ==/);
  t.regex(plan, /== plan \(optimised\) ==/);
  t.regex(plan, /== fusion ==\njob query_1:/);
  t.regex(customers.explain(), /== plan \(optimised\) ==/);
});


test("at parallelism 2 a grouped result's changelog still replays to the per-key totals a loop computes", async (t) => {
  const parallel = TableEnvironment.create({ parallelism: 2 });
  const input = Array.from({ length: 300 }, (_, i) => ({ k: `k${(i * 7) % 5}`, v: i }));
  const totals = parallel.fromValues(input).groupBy($("k")).select($("k"), $("v").sum().as("s"), $("v").count().as("n"));
  const state = new Map<string, Readonly<Record<string, unknown>>>();
  for await (const r of parallel.toChangelogStream(totals)) {
    const k = String(r.fields["k"]);
    if (r.kind === "-U") t.deepEqual(state.get(k), r.fields);
    else if (r.kind === "+I") t.false(state.has(k));
    else t.true(state.has(k));
    if (r.kind !== "-U") state.set(k, r.fields);
  }
  const expected = new Map<string, { k: string; s: number; n: number }>();
  for (const { k, v } of input) {
    const e = expected.get(k) ?? { k, s: 0, n: 0 };
    expected.set(k, { k, s: e.s + v, n: e.n + 1 });
  }
  t.deepEqual(new Map([...state].sort()), new Map([...expected].sort()));
});

test("fromDataStream reads an async iterable of rows", async (t) => {
  async function* numbers(): AsyncGenerator<{ a: number }> {
    for (let a = 0; a < 6; a++) yield { a };
  }
  const stream = env.fromDataStream(numbers(), Schema.newBuilder().column("a", DataTypes.BIGINT().notNull()).build());
  const rows = await all(env.toDataStream(stream.where($("a").mod(2).isEqual(1))));
  t.deepEqual(rows, [{ kind: "+I", fields: { a: 1 } }, { kind: "+I", fields: { a: 3 } }, { kind: "+I", fields: { a: 5 } }]);
});

test("EXECUTE STATEMENT SET runs every INSERT; the result counts the rows each sink received", async (t) => {
  const sets = TableEnvironment.create();
  sets.createTemporaryView("nums", sets.fromValues([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]));
  await sets.executeSql("CREATE TABLE odd (n BIGINT) WITH ('connector' = 'blackhole')");
  await sets.executeSql("CREATE TABLE big (n BIGINT) WITH ('connector' = 'blackhole')");
  const result = await sets.executeSql("EXECUTE STATEMENT SET BEGIN INSERT INTO odd SELECT n FROM nums WHERE n % 2 = 1; INSERT INTO big SELECT n FROM nums WHERE n > 3; END");
  t.deepEqual(result.getResolvedSchema().getColumnNames(), ["odd", "big"]);
  t.deepEqual(fieldsOf(await all(result.collect())), [{ odd: 3, big: 2 }]);
  const explained = fieldsOf(await all((await sets.executeSql("EXPLAIN SELECT n FROM nums")).collect()));
  t.regex(String(explained[0]!["result"]), /== plan \(optimised\) ==/);
});

test("leaving collect() early cancels the job, as closing Flink's collect iterator does", async (t) => {
  let pulled = 0;
  async function* forever(): AsyncGenerator<{ a: number }> {
    for (let a = 0; ; a++) {
      pulled = a;
      yield { a };
      // why: let the job's other tasks (and the cancellation) run between rows of a source that never ends
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const endless = env.fromDataStream(forever(), Schema.newBuilder().column("a", DataTypes.BIGINT().notNull()).build());
  const result = endless.select($("a").times(10).as("x")).execute();
  const seen: unknown[] = [];
  for await (const row of result.collect()) {
    seen.push(row.fields["x"]);
    if (seen.length === 3) break;
  }
  t.deepEqual(seen, [0, 10, 20]);
  // The source never ends: await() returns only because the job was cancelled.
  await result.await();
  t.true(pulled >= 2);
});

test("fuse: false runs the interpreted chains and gives the same rows", async (t) => {
  const interpreted = TableEnvironment.create({ fuse: false });
  const rows = interpreted.fromValues(ORDERS.map(({ id, customer, amount }) => ({ id, customer, amount })));
  const result = await all(rows.where($("amount").isLess(20)).select($("id"), $("customer")).execute().collect());
  t.deepEqual(fieldsOf(result), [{ id: 1, customer: "alice" }, { id: 4, customer: "carol" }, { id: 6, customer: "alice" }]);
  const query = "SELECT id FROM inline_1 WHERE amount < 20";
  t.regex(interpreted.explainSql(query), /== fusion ==\njob query_1:\n {2}\(nothing to fuse\)/);
  const fused = TableEnvironment.create();
  fused.fromValues([{ id: 1, customer: "x", amount: 1 }]);
  t.regex(fused.explainSql(query), /== fusion ==\njob query_1:\n {2}fused .*filter → map/);
});

test("CREATE FUNCTION registers a TypeScript function the Table API calls with callSql", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-table-udf-"));
  try {
    const module = join(dir, "twice.ts");
    writeFileSync(module, "export function twice(x: number): number {\n  return x * 2;\n}\n");
    const udfs = TableEnvironment.create();
    await udfs.executeSql(`CREATE FUNCTION twice AS '${module}#twice'`);
    const doubled = udfs.fromValues([{ a: 1 }, { a: 5 }]).select(callSql("twice(a)").as("b"));
    t.deepEqual(fieldsOf(await all(doubled.execute().collect())), [{ b: 2 }, { b: 10 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
