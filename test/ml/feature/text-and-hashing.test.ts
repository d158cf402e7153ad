// Text and hashing transformers: HashingTF and FeatureHasher against murmur3 from scikit-learn on UTF-16 (what
// Guava's hashUnencodedChars hashes), Tokenizer, RegexTokenizer and NGram against hand-computed Java semantics.
import test from "ava";
import { FeatureHasher, HashingTF, murmur3HashChars, NGram, RegexTokenizer, type Row, Tokenizer, type Vector } from "../../../ml/index.js";
import { byId, env, fixture } from "../helpers/oracle.js";

async function run(stage: { transform(...s: any[]): any[] }, rows: Row[], parallelism = 1): Promise<Row[]> {
  const e = env(parallelism);
  return byId(await stage.transform(e.fromCollection(rows))[0]!.executeAndCollect());
}

const asMap = (v: Vector) => Object.fromEntries(Array.from(v.toSparse().indices, (i, p) => [String(i), v.toSparse().values[p]]));

test("murmur3 over UTF-16 code units equals the oracle for ASCII, accents, CJK and surrogate pairs", (t) => {
  const fx = fixture("hashing-tf");
  for (const [word, hash] of Object.entries(fx.hashes as Record<string, number>)) t.is(murmur3HashChars(word), hash, word);
});

test("HashingTF counts terms per bucket as Flink ML's hash does, binary or not, for several sizes", async (t) => {
  const fx = fixture("hashing-tf");
  const rows: Row[] = fx.docs.map((doc: unknown[], id: number) => ({ id, input: doc }));
  for (const n of [16, 1000, 262144]) {
    for (const binary of [false, true]) {
      const out = await run(new HashingTF().setNumFeatures(n).setBinary(binary), rows, 2);
      t.deepEqual(out.map((r) => asMap(r["output"] as Vector)), fx[`n${n}${binary ? "binary" : ""}`], `n = ${n}, binary = ${binary}`);
      t.true(out.every((r) => (r["output"] as Vector).size() === n));
    }
  }
});

test("FeatureHasher hashes numeric columns by name and categorical ones by name=value", async (t) => {
  const fx = fixture("feature-hasher");
  const rows: Row[] = fx.rows.map((r: Row, id: number) => ({ id, ...r }));
  const stage = new FeatureHasher().setInputCols("num", "count", "color", "flag").setCategoricalCols("count").setNumFeatures(fx.numFeatures);
  const out = await run(stage, rows);
  const actual = out.map((r) => asMap(r["output"] as Vector));
  t.is(actual.length, fx.output.length);
  actual.forEach((m, i) => {
    const expected = fx.output[i] as Record<string, number>;
    t.deepEqual(Object.keys(m), Object.keys(expected));
    for (const k of Object.keys(expected)) t.true(Math.abs(m[k]! - expected[k]!) < 1e-12, `row ${i} bucket ${k}`);
  });
  t.throws(() => new FeatureHasher().setInputCols("a").setCategoricalCols("b").transform(env().fromCollection<Row>([])), { message: /categorical column 'b' is not one of the inputCols/ });
});

test("Tokenizer lower-cases and splits at each whitespace character, as Java's split(\"\\\\s\")", async (t) => {
  const out = await run(new Tokenizer(), [
    { id: 0, input: "Test for  tokenization." },
    { id: 1, input: " Leading and trailing \t" },
    { id: 2, input: "" },
  ]);
  t.deepEqual(out.map((r) => r["output"]), [["test", "for", "", "tokenization."], ["", "leading", "and", "trailing"], [""]]);
});

test("RegexTokenizer: gaps, matches, minimum length and case", async (t) => {
  const text = [{ id: 0, input: "Test for tokenization, a-b c" }];
  t.deepEqual((await run(new RegexTokenizer(), text))[0]!["output"], ["test", "for", "tokenization,", "a-b", "c"]);
  t.deepEqual((await run(new RegexTokenizer().setPattern("\\w+").setGaps(false).setMinTokenLength(2).setToLowercase(false), text))[0]!["output"], ["Test", "for", "tokenization"]);
  t.throws(() => new RegexTokenizer().setPattern("(").transform(env().fromCollection<Row>([])), { message: /pattern '\(' is not a valid regular expression/ });
});

test("NGram joins n consecutive tokens with a space; fewer tokens than n give none", async (t) => {
  const rows = [
    { id: 0, input: ["a", "b", "c", "d"] },
    { id: 1, input: ["a"] },
    { id: 2, input: [] },
  ];
  t.deepEqual((await run(new NGram(), rows)).map((r) => r["output"]), [["a b", "b c", "c d"], [], []]);
  t.deepEqual((await run(new NGram().setN(3), rows)).map((r) => r["output"]), [["a b c", "b c d"], [], []]);
  t.throws(() => new NGram().setN(0), { message: /parameter 'n' is given an invalid value 0: it must be >= 1/ });
});
