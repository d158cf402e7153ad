// One test per diagnostic code in the catalogue: each case reports its code at the marked span (⟦…⟧).
import test from "ava";
import { messages } from "../../../compiler/diagnostics/messages.js";
import { PRELUDE, reports } from "../helpers/check.js";

const RISK_TS = `export function riskScore(account: string, total: number): number { return total; }
export const limit = 3;
export function lower(s: string): string { return s; }
export function weird(m: Map<string, number>): number { return m.size; }
export function score(t: { amount: number }): number { return t.amount; }
export function enrich(t: { amount: number; account: string }): { account: string; doubled: number } { return { account: t.account, doubled: t.amount * 2 }; }
`;
const FILES = {
  "udf/risk.ts": RISK_TS,
  "schemas.flow": "schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }\n",
};

/** A saved LogisticRegressionModel's metadata (what ml/ writes), and a pipeline holding a stage predict cannot check. */
const MODELS = {
  "models/lr/metadata": JSON.stringify({ className: "LogisticRegressionModel", timestamp: 0, paramMap: { featuresCol: "features", predictionCol: "prediction", rawPredictionCol: "rawPrediction" } }),
  "models/dashed/metadata": JSON.stringify({ className: "LinearRegressionModel", timestamp: 0, paramMap: { featuresCol: "features", predictionCol: "predicted-amount" } }),
  "models/split/metadata": JSON.stringify({ className: "PipelineModel", timestamp: 0, paramMap: {}, numStages: 1 }),
  "models/split/stages/0/metadata": JSON.stringify({ className: "RandomSplitter", timestamp: 0, paramMap: {} }),
};

const PATTERN = (stages: string, head = "pattern P on Txn within 10m") => `${PRELUDE}${head} {\n${stages}\n} emit { n: 1 }\njob j { txns | keyBy account | match P | to out }\n`;
const job = (body: string, extra = "") => `${PRELUDE}${extra}\njob j {\n${body}\n}\n`;
const OTHER = `schema Other { id: string, name: string, ts: timestamp }\nsource others: Other = collection([]) watermark ts delay 1s\n`;

const cases: Record<string, [source: string, files?: Record<string, string>]> = {
  FLOW1001: [job("txns | ⟦fliter⟧ amount > 1 | to out")],
  FLOW1002: [job("txns | filter amount > ⟦9007199254740993⟧ | to out")],
  FLOW1003: [job("txns | filter ts > ⟦@2024-02-30T00:00:00Z⟧ | to out")],
  FLOW1004: [`⟦⟧job j { txns | filter ${"(".repeat(20000)}a${")".repeat(20000)} | to out }`],
  FLOW2001: ["schema A { a: int }\nschema ⟦A⟧ { b: int }\n"],
  FLOW2002: ["source s: ⟦Nope⟧ = collection([])\n"],
  FLOW2003: [job("⟦nope⟧ | to out")],
  FLOW2004: [job("txns | to ⟦nope⟧")],
  FLOW2005: [job("txns | filter ⟦amont⟧ > 1 | to out")],
  FLOW2006: [job("txns | filter ⟦nope⟧(amount) | to out")],
  FLOW2007: [job("txns | keyBy account | match ⟦Nope⟧ | to out")],
  FLOW2008: [`${PRELUDE}source s: Txn = ⟦kafka⟧("topic")\n`],
  FLOW2009: [`import { f } from ⟦"./missing.ts"⟧\n`],
  FLOW2010: [`import { ⟦nope⟧ } from "./udf/risk.ts"\n`, FILES],
  FLOW2011: [PATTERN("  begin a where amount > 1", "pattern P on Txn within 10m skip toFirst(⟦zz⟧)")],
  FLOW2012: [job("⟦b⟧ | to out\n let b = txns")],
  FLOW2013: [`import { Txn } from "./schemas.flow"\nschema ⟦Txn⟧ { id: int }\n`, FILES],
  FLOW2014: [`import { ⟦lower⟧ } from "./udf/risk.ts"\n`, FILES],
  FLOW2015: [job("txns | keyBy account | window ⟦hopping⟧(1m) | aggregate { n: count() } | to out")],
  FLOW2016: [`sink s = stdout(⟦colour⟧: "red")\n`],
  FLOW2017: [job("restart ⟦forever⟧\n txns | to out")],
  FLOW2018: ["schema A { a: int, ⟦a⟧: int }\n"],
  FLOW2019: [`import { x } from ⟦"./x.js"⟧\n`],
  FLOW2020: [`import { X } from ⟦"./main.flow"⟧\n`],
  FLOW2021: [job("⟦out⟧ | to out")],
  FLOW2022: [PATTERN("  begin ⟦amount⟧ where amount > 1")],
  FLOW2023: ["schema ⟦A⟧ { b: B }\nschema B { a: A }\n"],
  FLOW2040: [job(`txns | predict model(⟦"models/missing"⟧) | to out`)],
  FLOW2041: [job(`txns | predict model(⟦"models/split"⟧) | to out`), MODELS],
  FLOW2050: [job("txns | train ⟦OnlineKMean⟧(features: [amount], initial: [[0.0]]) | to out")],
  FLOW2051: [job("let m = txns | filter amount > 0.0\n txns | predict latest(⟦m⟧) | to out")],
  FLOW3001: [job("txns | filter ⟦amount⟧ | to out")],
  FLOW3002: [job("txns | filter ⟦account > 1⟧ | to out")],
  FLOW3003: [job("txns | filter ⟦not amount⟧ | to out")],
  FLOW3004: [job(`txns | filter ⟦lower()⟧ == "" | to out`)],
  FLOW3005: [job(`txns | filter lower(⟦amount⟧) == "" | to out`)],
  FLOW3006: [`schema N { n: int? }\nsource ns: N = collection([])\nsink out = collect()\njob j { ns | filter ⟦n⟧ > 1 | to out }\n`],
  FLOW3007: [job(`txns | filter account.⟦x⟧ == "" | to out`)],
  FLOW3008: [job("txns | flatMap ⟦amount⟧ as x | to out")],
  FLOW3009: [job(`txns | map { x: ⟦if true then 1 else "a"⟧ } | to out`)],
  FLOW3010: [job("txns | map { f: ⟦(a) => a⟧ } | to out")],
  FLOW3011: [job("txns | keyBy account | reduce ⟦amount⟧ | to out")],
  FLOW3012: [job("txns | map { y: 1 } | to ⟦s⟧", "sink s: { x: int } = collect()\n")],
  FLOW3013: [job("txns | map { y: 1 } | to s\n txns | map { y: \"a\" } | to ⟦s⟧", "sink s = collect()\n")],
  FLOW3014: [job("txns | union ⟦others⟧ | to out", OTHER)],
  FLOW3015: [`import { weird } from "./udf/risk.ts"\n${job("txns | filter weird(⟦account⟧) > 1 | to out")}`, FILES],
  FLOW3016: [job(`txns | filter lower(⟦s⟧: account) == "" | to out`)],
  FLOW3017: ["source ⟦s⟧ = file(\"x.jsonl\")\n"],
  FLOW3018: ["schema A { a: string }\nsource s: A = collection([]) watermark ⟦a⟧ delay 1s\n"],
  FLOW3019: ["source s: ⟦int⟧ = collection([])\n"],
  FLOW3020: [`${OTHER}${PATTERN("  begin a where amount > 1").replace("txns | keyBy account | match P", "others | keyBy id | match ⟦P⟧")}`],
  FLOW3021: [`import { score } from "./udf/risk.ts"\n${job("txns | keyBy account | process ⟦score⟧ | to out")}`, FILES],
  FLOW3022: [`import { ⟦limit⟧ } from "./udf/risk.ts"\n`, FILES],
  FLOW3023: ["schema A { a: int, b: int }\nsource s: A = collection([⟦{ a: 1 }⟧])\n"],
  FLOW3024: ["schema B { auction: int, price: float, ts: timestamp }\nsource bids: ⟦B⟧ = nexmark(table: \"bid\")\n"],
  FLOW3030: [`${PRELUDE}source s: Txn = file(⟦"data/txns.txt"⟧)\n`],
  FLOW3031: [`${PRELUDE}sink db = postgres(url: "postgres://127.0.0.1/test", table: "t", mode: ⟦"upsert"⟧)\njob j { txns | to db }\n`],
  FLOW3040: [job(`txns | ⟦predict model("models/lr")⟧ | to out`), MODELS],
  FLOW3041: [job(`txns | extend { features: amount } | ⟦predict model("models/lr")⟧ | to out`), MODELS],
  FLOW3042: [job(`txns | extend { features: [amount] } | ⟦predict model("models/dashed")⟧ | to out`), MODELS],
  FLOW3050: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y, batch: ⟦0⟧) | to out")],
  FLOW3051: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y, alpha: ⟦amount⟧) | to out")],
  FLOW3052: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [⟦amont⟧], label: y) | to out")],
  FLOW3053: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [⟦country⟧], label: y) | to out")],
  FLOW3054: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y, initial: ⟦[0.0, 1.0]⟧) | to out")],
  FLOW3055: [job("txns | extend { y: 1 } | train OnlineLogisticRegression(features: [⟦amount * 2.0⟧], label: y) | to out")],
  FLOW4001: [job("txns | ⟦filter amount > 1⟧")],
  FLOW4002: [job("txns | ⟦to out⟧ | filter amount > 1 | to out")],
  FLOW4003: [job("txns | keyBy account | ⟦window tumbling(1m)⟧ | to out")],
  FLOW4004: [job("txns | ⟦aggregate { n: count() }⟧ | to out")],
  FLOW4005: [job("txns | ⟦reduce (a, b) => a⟧ | to out")],
  FLOW4006: [job("txns | ⟦top 3 by amount⟧ | to out")],
  FLOW4007: [`import { enrich } from "./udf/risk.ts"\n${job("txns | ⟦process enrich⟧ | to out")}`, FILES],
  FLOW4008: [job("txns | ⟦dedupe id⟧ | to out")],
  FLOW4009: [job("txns | keyBy account | window tumbling(⟦0s⟧) | aggregate { n: count() } | to out")],
  FLOW4010: [job("txns | keyBy account | window tumbling(⟦1s + 1s⟧) | aggregate { n: count() } | to out")],
  FLOW4011: [job("txns | join others as o on ⟦amount > 1.0⟧ window tumbling(1m) | to out", OTHER)],
  FLOW4012: [job("txns | join others as o on id == o.id between ⟦5s and -5s⟧ | to out", OTHER)],
  FLOW4013: [job("txns | keyBy account | window tumbling(1m) | aggregate { a: ⟦amount⟧ } | to out")],
  FLOW4014: [job("txns | filter ⟦sum⟧(amount) > 1.0 | to out")],
  FLOW4015: [job("txns | keyBy account | aggregate { e: ⟦window.end⟧ } | to out")],
  FLOW4016: [PATTERN("  ⟦next a where amount > 1⟧")],
  FLOW4017: [PATTERN("  begin a where amount > 1\n  notNext b where amount > 1 ⟦+⟧")],
  FLOW4018: [PATTERN("  begin a where amount > 1 ⟦{3,1}⟧")],
  FLOW4019: [PATTERN("  begin a where amount > 1 ⟦greedy⟧")],
  FLOW4020: [PATTERN("  begin a where amount > 1\n  ⟦notFollowedBy c where amount < 0⟧", "pattern P on Txn")],
  FLOW4021: [PATTERN("  begin a where ⟦b⟧.amount > 1\n  next b where amount > 1")],
  FLOW4022: [PATTERN("  begin a where amount > 1 +\n  next b where amount > ⟦a⟧.amount")],
  FLOW4023: [job("parallelism 2\n ⟦parallelism 3⟧\n txns | to out")],
  FLOW4024: [job("parallelism ⟦0⟧\n txns | to out")],
  FLOW4025: [job("txns | ⟦join others as o on id == o.id⟧ | to out", OTHER)],
  FLOW4026: [job("txns | filter ⟦window.end⟧ > ts | to out")],
  FLOW4027: [job("let x = txns | ⟦to out⟧\n x | to out")],
  FLOW4028: [job("txns | keyBy account, country | aggregate { total: sum(amount) } | keyBy account | aggregate { f: ⟦first(total)⟧ } | to out")],
  FLOW4029: [PATTERN("  begin a where amount > 1 {2,3} ⟦until amount < 0⟧")],
  FLOW4030: [job("txns | keyBy account | window count(5) ⟦trigger every 1s⟧ | aggregate { n: count() } | to out")],
  FLOW4031: [job("txns | keyBy account | window global trigger early ⟦count(2)⟧ | aggregate { n: count() } | to out")],
  FLOW4032: [job("txns | keyBy account | window tumbling(1m) trigger late ⟦every 1s⟧ allowedLateness 1m | aggregate { n: count() } | to out")],
  FLOW5008: [`${PRELUDE}source logs: Txn = file(⟦"empty.jsonl"⟧)\njob j { logs | to out }\n`, { "empty.jsonl": "" }],
  FLOW5009: [job("txns | keyBy account | window ⟦global⟧ | aggregate { n: count() } | to out")],
  FLOW5010: [job("txns | keyBy account | window ⟦tumbling(1m) processing⟧ | aggregate { n: count() } | to out")],
  FLOW5011: [job("txns | keyBy account | window tumbling(1m) trigger ⟦count(10)⟧ | aggregate { n: count() } | to out")],
  FLOW5012: [job("txns | keyBy account | window tumbling(1m) trigger late ⟦count(2)⟧ | aggregate { n: count() } | to out")],
  FLOW5001: [`${PRELUDE}source ⟦unused⟧: Txn = collection([])\njob j { txns | to out }\n`],
  FLOW5002: [`${PRELUDE}source raw: Txn = collection([])\njob j { raw | keyBy account | window ⟦tumbling(1m)⟧ | aggregate { n: count() } | to out }\n`],
  FLOW5003: [PATTERN("  begin a where amount > 1").replace("txns | keyBy account | match P", "txns | ⟦match P⟧")],
  FLOW5004: [job("txns | ⟦window tumbling(1m)⟧ | aggregate { n: count() } | to out")],
  FLOW5005: [job(`txns | map { x: ⟦account⟧ ?? "" } | to out`)],
  FLOW5006: [job("txns | keyBy account | window tumbling(1m) processing allowedLateness ⟦5s⟧ | aggregate { n: count() } | to out")],
  FLOW5007: [job("txns | map { x: ⟦amount / 0⟧ } | to out")],
  FLOW5015: [job("txns | keyBy account | aggregate { total: sum(amount) } | ⟦map { total }⟧ | to out")],
  FLOW5014: [`${PRELUDE}source logs: Txn = file(⟦"data/missing.jsonl"⟧)\njob j { logs | to out }\n`],
  FLOW4033: [`${PRELUDE}source raw: Txn = collection([])\njob j { raw | keyBy account | ⟦over rows 3 { n: count() }⟧ | to out }\n`],
  FLOW4034: [job("txns | keyBy account | aggregate { n: count() } | ⟦over rows 3 { m: max(n) }⟧ | to out")],
  FLOW4035: [job("txns | keyBy account | over range 1h { twice: ⟦sum(amount) * 2⟧ } | to out")],
  FLOW3059: ["source g: { id: int } = datagen(fields: { ⟦nope⟧: { length: 1 } })\nsink out = collect()\njob j { g | to out }\n"],
  FLOW3060: [`source c: { id: int } = postgres("postgres://h/db", "c", partitionColumn: ⟦"id"⟧)\nsink out = collect()\njob j { c | to out }\n`],
  FLOW4040: [job("txns | keyBy account | window ⟦cumulate(1m, 25s)⟧ | aggregate { n: count() } | to out")],
  FLOW4041: [job("txns | ⟦right join others as o on id == o.id temporal⟧ | to out", OTHER)],
  FLOW4042: [job("txns | left join others as o on id == o.id unbounded | keyBy account | ⟦dedupe id⟧ | to out", OTHER)],
  FLOW4043: [job("txns | keyBy account | aggregate { n: count() } | filter n > 2 | ⟦changelog⟧ | to out")],
  FLOW4044: [job("txns | keyBy account | window tumbling(1m) | top 2 by amount as ⟦position⟧ | to out")],
  FLOW5013: [`${PRELUDE}source live: Txn = file("in.jsonl", watch: true)\nsink f = file("out/txns.jsonl")\njob j { live | ⟦to f⟧ }\n`],
  FLOW3056: [`${PRELUDE}sink f = file("out/txns", "csv", partitionBy: ⟦"country"⟧)\njob j { txns | to f }\n`],
  FLOW3057: [`${PRELUDE}sink f = file("out/txns", "csv", commit: ⟦"partition-time"⟧)\njob j { txns | to f }\n`],
  FLOW3058: [`${PRELUDE}sink f = file("out/txns", "csv", partitionBy: ["country"], commit: "partition-time", timePattern: ⟦"$nope 00:00:00"⟧)\njob j { txns | to f }\n`],
  FLOW4037: [`${PRELUDE}source live: Txn = socket("localhost", 9000)\njob j { txns | lookup ⟦live⟧ as l on id == l.id | to out }\n`],
  FLOW4038: [`${PRELUDE}source all: Txn = collection([])\njob j { txns | lookup all as l on ⟦amount > l.amount⟧ | to out }\n`],
  FLOW4039: [job("let big = txns | filter amount > 1.0\n txns | lookup ⟦big⟧ as b on id == b.id | to out")],
};

for (const [code, [source, files]] of Object.entries(cases)) {
  test(`${code}: ${messages[code as keyof typeof messages].title}`, (t) => {
    const found = reports(t, source, code, files);
    t.is(found?.severity, messages[code as keyof typeof messages].severity);
    t.notRegex(found?.message ?? "", /\{\w+\}/, "every placeholder is filled");
  });
}

test("every catalogue code except the internal error has a test case", (t) => {
  // SQL2xxx codes have theirs in test/compiler/sql/errors.test.ts (they come from parseSql, not the .flow checker).
  const missing = Object.keys(messages).filter((code) => code.startsWith("FLOW") && code !== "FLOW9999" && !(code in cases));
  t.deepEqual(missing, []);
});
