// Which record types get a generated codec: those on edges that may cross workers (not forward ones), one codec per
// distinct field list however many edges and jobs carry it, named after the type.
import test from "ava";
import { exchangedRecordType, exchangedSchemas } from "../../../compiler/emit/exchanged-schemas.js";
import { TypeNames } from "../../../compiler/emit/type-names.js";
import { compileText } from "../helpers/compile.js";

const PROGRAM = `schema Txn {
  account: string
  amount: float
}
source a: Txn = collection([{ account: "x", amount: 1.0 }])
source b: Txn = collection([{ account: "y", amount: 2.0 }])
sink outA = collect()
sink outB = collect()
job first {
  a | filter amount > 0 | keyBy account | aggregate { total: sum(amount) } | to outA
}
job second {
  b | keyBy account | aggregate { total: sum(amount) } | to outB
}`;

test("one codec per field list across edges and jobs; forward edges have none", (t) => {
  const result = compileText(PROGRAM);
  t.true(result.ok);
  const plan = result.plan!;
  const schemas = [...exchangedSchemas(plan, new TypeNames()).values()];
  const txn = schemas.find((s) => s.type.fields.map((f) => f.name).join() === "account,amount")!;
  t.truthy(txn, `schemas: ${schemas.map((s) => s.factory)}`);
  t.true(txn.edges.some((e) => e.startsWith("first:")) && txn.edges.some((e) => e.startsWith("second:")), txn.edges.join());
  t.is(new Set(schemas.map((s) => s.factory)).size, schemas.length, "factory names are unique");
  for (const job of plan.jobs) {
    for (const edge of job.edges) {
      if (edge.partitioning.kind === "forward") t.is(exchangedRecordType(job, edge), null);
      if (edge.partitioning.kind === "hash") t.not(exchangedRecordType(job, edge), null);
    }
  }
  const codecs = result.files.get("codecs.ts")!;
  t.is(codecs.match(/^export const /gm)?.length, schemas.length);
  t.regex(codecs, /kinds: "SN"/);
});

test("a schema named SchemaBatch does not shadow the import its codec is made with", (t) => {
  const result = compileText(PROGRAM.replaceAll("Txn", "SchemaBatch"));
  t.true(result.ok);
  const codecs = result.files.get("codecs.ts")!;
  t.regex(codecs, /export const schemaBatchCodec_ = /);
  t.regex(codecs, /import \{ schemaBatchCodec,/);
});
