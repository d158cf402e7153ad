// Assignability and unification rules, including properties over random types.
import test from "ava";
import fc from "fast-check";
import { isAssignable, typesEqual, unify } from "../../../compiler/types/assignability.js";
import { binaryResultType } from "../../../compiler/types/operators.js";
import { printType } from "../../../compiler/types/print-type.js";
import { arrayOf, BOOL, DURATION, FLOAT, INT, NULL, nullable, record, STRING, TIMESTAMP, type Type } from "../../../compiler/types/type.js";

test("int widens to float, not the reverse", (t) => {
  t.true(isAssignable(INT, FLOAT));
  t.false(isAssignable(FLOAT, INT));
});

test("null and T fit T?; T? does not fit T", (t) => {
  t.true(isAssignable(NULL, nullable(INT)));
  t.true(isAssignable(INT, nullable(FLOAT)));
  t.false(isAssignable(nullable(INT), INT));
});

test("records: extra fields allowed, missing non-null fields not", (t) => {
  const small = record([{ name: "a", type: INT }]);
  const big = record([{ name: "a", type: INT }, { name: "b", type: STRING }]);
  t.true(isAssignable(big, small));
  t.false(isAssignable(small, big));
  t.true(isAssignable(small, record([{ name: "a", type: FLOAT }, { name: "c", type: nullable(STRING) }])));
});

test("unify: int ∪ float, T ∪ null, records field-wise, mismatches undefined", (t) => {
  t.is(printType(unify(INT, FLOAT)!), "float");
  t.is(printType(unify(NULL, STRING)!), "string?");
  t.is(printType(unify(arrayOf(INT), arrayOf(nullable(FLOAT)))!), "[float?]");
  t.is(unify(STRING, INT), undefined);
  t.is(unify(record([{ name: "a", type: INT }]), record([{ name: "b", type: INT }])), undefined);
});

test("time arithmetic", (t) => {
  t.is(binaryResultType("+", TIMESTAMP, DURATION)?.kind, "timestamp");
  t.is(binaryResultType("-", TIMESTAMP, TIMESTAMP)?.kind, "duration");
  t.is(binaryResultType("-", TIMESTAMP, DURATION)?.kind, "timestamp");
  t.is(binaryResultType("*", DURATION, INT)?.kind, "duration");
  t.is(binaryResultType("/", DURATION, DURATION)?.kind, "float");
  t.is(binaryResultType("+", TIMESTAMP, TIMESTAMP), undefined);
  t.is(binaryResultType("/", INT, INT)?.kind, "float");
  t.is(binaryResultType("<", STRING, STRING)?.kind, "bool");
  t.is(binaryResultType("<", STRING, INT), undefined);
});

const type: fc.Arbitrary<Type> = fc.letrec<{ t: Type }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom<Type>(INT, FLOAT, STRING, BOOL, TIMESTAMP, DURATION, NULL),
    tie("t").map((inner) => nullable(inner)),
    tie("t").map((e) => arrayOf(e)),
    fc.uniqueArray(fc.tuple(fc.constantFrom("a", "b", "c"), tie("t")), { selector: ([n]) => n, maxLength: 3 }).map((fs) => record(fs.map(([name, t]) => ({ name, type: t })))),
  ),
})).t;

test("properties: assignability is reflexive; unify is commutative up to field order and both sides fit the result", (t) => {
  fc.assert(fc.property(type, (a) => isAssignable(a, a)));
  fc.assert(fc.property(type, type, (a, b) => {
    const u = unify(a, b);
    const v = unify(b, a);
    if (u === undefined) return v === undefined;
    return v !== undefined && isAssignable(a, u) && isAssignable(b, u) && isAssignable(u, v) && isAssignable(v, u);
  }));
  fc.assert(fc.property(type, (a) => typesEqual(a, a)));
  t.pass();
});
