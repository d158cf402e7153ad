// Event-time temporal joins (`JOIN r FOR SYSTEM_TIME AS OF l.rowtime`), Flink's currency example: each order joins the
// rate of its currency current at the order's time — the latest rate row at or before it (the versioned table's rows
// are versions of its PRIMARY KEY). Hand-computed rows, fused and `--no-fuse`; the located rejections.
import test from "ava";
import { printProgram } from "../../../compiler/ast/print.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLES = `CREATE TABLE orders (order_id STRING, price DOUBLE, currency STRING, order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '15' SECOND) WITH ('connector' = 'filesystem', 'path' = 'o.jsonl', 'format' = 'json');
CREATE TABLE currency_rates (currency STRING, conversion_rate DOUBLE, update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '15' SECOND, PRIMARY KEY (currency) NOT ENFORCED)
  WITH ('connector' = 'filesystem', 'path' = 'r.jsonl', 'format' = 'json');
`;
const MIN = 60_000;
// Flink's documentation's rates (Yen, Euro, USD at 9:00; Euro changes at 11:15; Pounds appear at 11:49)
const RATES = [
  { currency: "Yen", conversion_rate: 102, update_time: 540 * MIN },
  { currency: "Euro", conversion_rate: 114, update_time: 540 * MIN },
  { currency: "USD", conversion_rate: 1, update_time: 540 * MIN },
  { currency: "Euro", conversion_rate: 119, update_time: 675 * MIN },
  { currency: "Pounds", conversion_rate: 108, update_time: 709 * MIN },
];
const ORDERS = [
  { order_id: "o1", price: 2, currency: "Euro", order_time: 615 * MIN },
  { order_id: "o2", price: 1, currency: "USD", order_time: 630 * MIN },
  { order_id: "o3", price: 50, currency: "Yen", order_time: 632 * MIN },
  { order_id: "o4", price: 3, currency: "Euro", order_time: 675 * MIN },
  { order_id: "o5", price: 5, currency: "Pounds", order_time: 700 * MIN },
  { order_id: "o6", price: 7, currency: "Euro", order_time: 720 * MIN },
];

const QUERY = (join: string, extra = "") => `${TABLES}SELECT order_id, price * conversion_rate AS converted, orders.currency, order_time
FROM orders ${join} currency_rates FOR SYSTEM_TIME AS OF orders.order_time ON orders.currency = currency_rates.currency${extra};`;

const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

test("AS OF the left side's event time is a `.flow` temporal join keyed by the primary key", (t) => {
  const result = checkSql(QUERY("JOIN"), "q.sql");
  t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), []);
  t.regex(printProgram(result.check.program!), /\| join \w+ as __r on currency == __r\.currency and currency != null temporal/);
});

test("each order joins the rate current at its time; LEFT JOIN keeps orders without one (fused and --no-fuse)", async (t) => {
  const row = (order_id: string, converted: number | null, currency: string, order_time: number) => ({ order_id, converted, currency, order_time });
  // o4 at 11:15 meets the version of 11:15 itself; Pounds' first version (11:49) comes after o5 (11:40)
  const inner = [row("o1", 228, "Euro", 615 * MIN), row("o2", 1, "USD", 630 * MIN), row("o3", 5100, "Yen", 632 * MIN), row("o4", 357, "Euro", 675 * MIN), row("o6", 833, "Euro", 720 * MIN)];
  for (const fuse of [true, false]) {
    const [joined, left] = await runSqlQueries(`${QUERY("JOIN")}\n${QUERY("LEFT JOIN").slice(TABLES.length)}`, { orders: ORDERS, currency_rates: RATES }, { fuse });
    t.deepEqual(sorted(joined!), sorted(inner), fuse ? "fused" : "--no-fuse");
    t.deepEqual(sorted(left!), sorted([...inner, row("o5", null, "Pounds", 700 * MIN)]), fuse ? "fused" : "--no-fuse");
  }
});

test("a versioned view (the last row per key by event time, Flink's form) joins as the table of its rows would", async (t) => {
  const history = TABLES.replace(", PRIMARY KEY (currency) NOT ENFORCED", "");
  const view = `CREATE VIEW versioned_rates AS SELECT currency, conversion_rate, update_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY update_time DESC) AS rownum FROM currency_rates) WHERE rownum = 1;
`;
  const query = `SELECT order_id, conversion_rate FROM orders JOIN versioned_rates FOR SYSTEM_TIME AS OF orders.order_time ON orders.currency = versioned_rates.currency;`;
  const [rows] = await runSqlQueries(history + view + query, { orders: ORDERS, currency_rates: RATES });
  t.deepEqual(sorted(rows!), sorted([{ order_id: "o1", conversion_rate: 114 }, { order_id: "o2", conversion_rate: 1 }, { order_id: "o3", conversion_rate: 102 }, { order_id: "o4", conversion_rate: 119 }, { order_id: "o6", conversion_rate: 119 }]));
  // ascending (the first row per key) is no versioned view
  const first = view.replace("update_time DESC", "update_time ASC");
  const d = checkSql(history + first + query, "q.sql").check.diagnostics.find((x) => x.severity === "error");
  t.is(d?.code, "SQL3040");
  t.is((history + first + query).slice(d!.span.start, d!.span.end), "versioned_rates");
});

test("the output keeps the left side's time attribute: a window aggregation can follow", async (t) => {
  const view = `${TABLES}CREATE VIEW converted AS SELECT orders.order_id, orders.price * currency_rates.conversion_rate AS amount, orders.order_time FROM orders
  JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time ON orders.currency = currency_rates.currency;
SELECT window_start, SUM(amount) AS total FROM TABLE(TUMBLE(TABLE converted, DESCRIPTOR(order_time), INTERVAL '1' HOUR)) GROUP BY window_start, window_end;`;
  const [rows] = await runSqlQueries(view, { orders: ORDERS, currency_rates: RATES });
  // 10:00–11:00: o1 228 + o2 1 + o3 5100; 11:00–12:00: o4 357 (o5 has no rate); 12:00–13:00: o6 833
  t.deepEqual(sorted(rows!), sorted([{ window_start: 600 * MIN, total: 5329 }, { window_start: 660 * MIN, total: 357 }, { window_start: 720 * MIN, total: 833 }]));
});

test("rejections are located: RIGHT JOIN, no primary key, no watermark, the key not equated", (t) => {
  const errorAt = (script: string) => {
    const d = checkSql(script, "q.sql").check.diagnostics.find((x) => x.severity === "error");
    return d === undefined ? null : [d.code, script.slice(d.span.start, d.span.end)];
  };
  t.deepEqual(errorAt(QUERY("RIGHT JOIN")), ["SQL3040", `orders RIGHT JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time ON orders.currency = currency_rates.currency`]);
  const noKey = TABLES.replace(", PRIMARY KEY (currency) NOT ENFORCED", "");
  t.deepEqual(errorAt(noKey + QUERY("JOIN").slice(TABLES.length)), ["SQL3040", "currency_rates"]);
  const noWatermark = TABLES.replace("WATERMARK FOR update_time AS update_time - INTERVAL '15' SECOND, ", "");
  t.deepEqual(errorAt(noWatermark + QUERY("JOIN").slice(TABLES.length)), ["SQL3040", "currency_rates"]);
  const onPrice = `${TABLES}SELECT order_id FROM orders JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time ON orders.price = currency_rates.conversion_rate;`;
  t.deepEqual(errorAt(onPrice), ["SQL3040", "orders.price = currency_rates.conversion_rate"]);
});
