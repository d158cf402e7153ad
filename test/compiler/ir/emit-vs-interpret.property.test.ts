// Fused-vs-interpreted equivalence at expression level: for random typed IR trees, the JavaScript the emitter writes
// (with the parentheses it chose) evaluates to exactly what the interpreter computes, and constant folding changes no
// value. A precedence slip in the emitter (an operand left bare that binds looser) makes the two disagree.
import test from "ava";
import fc from "fast-check";
import { foldConstants } from "../../../compiler/ir/passes/fold-constants.js";
import { emitIrExpr } from "../../../compiler/emit/emit-expression.js";
import { evaluate } from "../../../runtime/support/interpret.js";
import { RECORD_SCOPE, run } from "./helpers.js";
import { anyTree, records } from "./random-trees.js";

/** Same value, telling NaN from NaN equal and 0 from -0 apart (Object.is). */
const same = (a: unknown, b: unknown): boolean => Object.is(a, b);

test("emitted JavaScript and the interpreter agree on random typed expressions", (t) => {
  fc.assert(
    fc.property(anyTree, records, (e, record) => {
      const code = emitIrExpr(e, RECORD_SCOPE);
      const compiled = run(code, record);
      const interpreted = evaluate(e, { record, udfs: {} });
      if (!same(compiled, interpreted)) throw new Error(`${code}: generated code gives ${String(compiled)}, the interpreter ${String(interpreted)}`);
    }),
    { numRuns: 1000, seed: Number(process.env.EDDY_PROPERTY_SEED ?? 20261206) },
  );
  t.pass();
});

test("constant folding changes no value", (t) => {
  fc.assert(
    fc.property(anyTree, records, (e, record) => {
      const before = evaluate(e, { record, udfs: {} });
      const after = evaluate(foldConstants(e), { record, udfs: {} });
      if (!same(before, after)) throw new Error(`${emitIrExpr(e, RECORD_SCOPE)} folds to ${emitIrExpr(foldConstants(e), RECORD_SCOPE)}: ${String(before)} became ${String(after)}`);
    }),
    { numRuns: 1000, seed: Number(process.env.EDDY_PROPERTY_SEED ?? 20261206) },
  );
  t.pass();
});
