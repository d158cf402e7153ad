// StopWordsRemover: the default list is Flink ML's English resource file (a verbatim copy is the fixture
// flink-ml-stopwords-english.txt), and the transform cases are Flink ML's StopWordsRemoverTest, by hand.
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { PipelineModelServable, type Row, StopWordsRemover } from "../../../ml/index.js";
import { env } from "../helpers/oracle.js";

const flinkEnglish = readFileSync(new URL("../fixtures/flink-ml-stopwords-english.txt", import.meta.url), "utf8").split("\n");

async function removed(remover: StopWordsRemover, raw: (string | null)[][]): Promise<unknown[]> {
  const e = env(2);
  const rows = raw.map((words, id) => ({ id, raw: words }));
  const out = await remover.setInputCols("raw").setOutputCols("filtered").transform(e.fromCollection<Row>(rows))[0]!.executeAndCollect();
  return out.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["filtered"]);
}

test("the default stop words are Flink ML's English list, word for word and in order", (t) => {
  t.is(flinkEnglish.length, 181);
  t.deepEqual(new StopWordsRemover().getStopWords(), flinkEnglish);
  t.deepEqual(StopWordsRemover.loadDefaultStopWords("english"), flinkEnglish);
  t.throws(() => StopWordsRemover.loadDefaultStopWords("turkish"), { message: /not in the supported language list: english/ });
});

test("default list, case-insensitive: Flink ML's testTransform", async (t) => {
  const out = await removed(new StopWordsRemover(), [["test", "test"], ["a", "b", "c", "d"], ["a", "the", "an"], ["A", "The", "AN"], [null], []]);
  t.deepEqual(out, [["test", "test"], ["b", "c", "d"], [], [], [null], []]);
});

test("a given list: Flink ML's testTransformWithStopWordsList (without its null stop word)", async (t) => {
  const out = await removed(new StopWordsRemover().setStopWords("test", "a", "an", "the"), [["test", "test"], ["a", "b", "c", "d"], ["a", "the", "an"], ["A", "The", "AN"], []]);
  t.deepEqual(out, [[], ["b", "c", "d"], [], [], []]);
});

test("locale tr, case-insensitive: 'mİlk' lower-cases to 'milk' and goes; 'cookIe' to 'cookıe' (dotless) and stays", async (t) => {
  const out = await removed(new StopWordsRemover().setStopWords("milk", "cookie").setLocale("tr"), [["mİlk", "and", "nuts"], ["cookIe", "and", "nuts"], [null], []]);
  t.deepEqual(out, [["and", "nuts"], ["cookIe", "and", "nuts"], [null], []]);
  // in en_US, "cookIe" lower-cases to "cookie" and goes
  t.deepEqual(await removed(new StopWordsRemover().setStopWords("milk", "cookie"), [["cookIe", "and"]]), [["and"]]);
});

test("locale tr, case-sensitive: nothing matches", async (t) => {
  const out = await removed(new StopWordsRemover().setStopWords("milk", "cookie").setCaseSensitive(true).setLocale("tr"), [["mİlk", "and", "nuts"], ["cookIe", "and", "nuts"]]);
  t.deepEqual(out, [["mİlk", "and", "nuts"], ["cookIe", "and", "nuts"]]);
});

test("case-sensitive with the default list keeps capitalised stop words", async (t) => {
  t.deepEqual(await removed(new StopWordsRemover().setCaseSensitive(true), [["A", "a", "The", "the", "x"]]), [["A", "The", "x"]]);
});

test("several columns at once", async (t) => {
  const e = env();
  const out = await new StopWordsRemover().setInputCols("x", "y").setOutputCols("fx", "fy").transform(e.fromCollection<Row>([{ x: ["the", "cat"], y: ["a", "dog", "is"] }]))[0]!.executeAndCollect();
  t.deepEqual([out[0]!["fx"], out[0]!["fy"]], [["cat"], ["dog"]]);
});

test("params: defaults and validation (Flink ML refuses the locale 'rt')", (t) => {
  const r = new StopWordsRemover();
  t.false(r.getCaseSensitive());
  t.is(r.getLocale(), "en_US");
  t.throws(() => r.setLocale("rt"), { message: /'locale' is given an invalid value "rt"/ });
  t.notThrows(() => r.setLocale("de_CH"));
  t.throws(() => r.setStopWords(), { message: /'stopWords'/ });
  t.throws(() => new StopWordsRemover().setInputCols("a", "b").setOutputCols("c").transformRow({ a: [], b: [] }), { message: /same length/ });
  t.throws(() => new StopWordsRemover().setInputCols("a").setOutputCols("c").transformRow({ a: "the cat" }), { message: /column 'a' must hold an array of strings/ });
});

test("save, load and serve", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-stopwords-")), "s");
  await new StopWordsRemover().setInputCols("raw").setOutputCols("f").setStopWords("x", "Y").setLocale("tr").save(path);
  const loaded = await StopWordsRemover.load(env(), path);
  t.deepEqual(loaded.getStopWords(), ["x", "Y"]);
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(servable.transformRow({ raw: ["x", "y", "z"] })!["f"], ["z"]);
});
