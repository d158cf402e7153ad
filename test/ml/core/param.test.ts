// Params: typed, validated when set, with errors that name the stage, the param and the demand.
import test from "ava";
import { Binarizer, MinMaxScaler, Normalizer, OneHotEncoder, Params, ParamValidators, StandardScaler, Vectors } from "../../../ml/index.js";

test("a valid value is kept and read back by the getter", (t) => {
  const s = new StandardScaler().setWithMean(true).setInputCol("features");
  t.true(s.getWithMean());
  t.is(s.getInputCol(), "features");
});

test("a value of the wrong type is refused, naming the stage and the param", (t) => {
  t.throws(() => new StandardScaler().setWithMean("yes" as unknown as boolean), {
    message: "StandardScaler: parameter 'withMean' is given an invalid value \"yes\": expected a value of type boolean (Whether centers the data with mean before scaling.)",
  });
});

test("a value the validator rejects is refused with what it must be", (t) => {
  t.throws(() => new OneHotEncoder().setHandleInvalid("drop"), { message: /OneHotEncoder: parameter 'handleInvalid' is given an invalid value "drop": it must be one of "error", "skip", "keep"/ });
  t.throws(() => new Binarizer().setThresholds(), { message: /Binarizer: parameter 'thresholds' is given an invalid value \[\]: it must be a non-empty array/ });
  t.throws(() => new MinMaxScaler().setMin(null as unknown as number), { message: /parameter 'min' is given an invalid value null: it must not be null/ });
});

test("a refused value leaves the old one in place", (t) => {
  const n = new Normalizer().setP(3);
  t.throws(() => n.setP(0));
  t.is(n.getP(), 3);
});

test("validators: ranges, membership, subsets, and element-wise checks", (t) => {
  t.true(ParamValidators.inRange(0, 1).validate(1));
  t.false(ParamValidators.inRange(0, 1, true, false).validate(1));
  t.is(ParamValidators.inRange(0, 1, false, true).demand, "in (0, 1]");
  t.true(ParamValidators.isSubSet(["a", "b"]).validate(["b"]));
  t.false(ParamValidators.isSubSet(["a", "b"]).validate(["c"]));
  t.false(ParamValidators.gt(0).validate(null as unknown as number));
  t.true(ParamValidators.each(ParamValidators.gtEq(0)).validate([0, 3]));
  t.false(ParamValidators.each(ParamValidators.gtEq(0)).validate([0, -3]));
});

test("an int param refuses fractions and a vector param refuses arrays", (t) => {
  const p = Params.int("k", "Clusters.", 2, ParamValidators.gt(1));
  t.is(p.problemWith(2.5), "expected a value of type int");
  t.is(p.problemWith(1), "it must be > 1");
  t.is(p.problemWith(4), null);
  const v = Params.vector("v", "A vector.", null);
  t.is(v.problemWith([1, 2]), "expected a value of type vector");
  t.is(v.problemWith(Vectors.dense(1)), null);
});

test("updateExistingParams copies the params both stages have", (t) => {
  const from = new StandardScaler().setInputCol("x").setWithMean(true);
  const to = new Normalizer().updateExistingParams(from.getParamMap());
  t.is(to.getInputCol(), "x");
  t.is(to.getP(), 2);
});
