// CountVectorizer against scikit-learn's counts, reordered to Flink ML's vocabulary order (document frequency).
import test from "ava";
import { CountVectorizer, type CountVectorizerModelData, type Row, Vectors } from "../../../ml/index.js";
import { byId, column, env, fixture } from "../helpers/oracle.js";

const fx = fixture("count-vectorizer");
const rows: Row[] = fx.docs.map((doc: string[], id: number) => ({ id, input: doc }));

for (const [name, configure] of [
  ["plain", (c: CountVectorizer) => c],
  ["filtered", (c: CountVectorizer) => c.setMinDF(3).setMaxDF(0.8).setVocabularySize(5).setMinTF(2)],
] as const) {
  test(`${name}: the vocabulary and the counts equal the oracle's`, async (t) => {
    const e = env(2);
    const model = configure(new CountVectorizer()).fit(e.fromCollection(rows));
    const [data] = (await model.getModelData()[0]!.executeAndCollect()) as CountVectorizerModelData[];
    t.deepEqual(data!.vocabulary, fx[name].vocabulary);
    const out = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
    t.deepEqual(column(out, "output"), fx[name].output);
  });
}

test("binary sets every kept count to 1; a fractional minTF is a share of the document's tokens", async (t) => {
  const e = env();
  const model = new CountVectorizer().setBinary(true).setMinTF(0.5).fit(e.fromCollection<Row>([{ input: ["x", "y", "x"] }]));
  const out = await model.transform(e.fromCollection<Row>([{ input: ["x", "x", "y", "y", "y", "z"] }]))[0]!.executeAndCollect();
  t.deepEqual(out[0]!["output"], Vectors.sparse(2, [1], [1]), "vocabulary [x, y] (equal document frequency, alphabetical); y has 3 of 6 tokens ≥ 0.5·6, x only 2");
  const bad = new CountVectorizer().setMinDF(5).setMaxDF(2).fit(e.fromCollection<Row>([{ input: ["x"] }]));
  await t.throwsAsync(bad.getModelData()[0]!.executeAndCollect(), { message: /maxDF \(2\) must be >= minDF \(5\)/ });
});
