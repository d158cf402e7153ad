// ${KEY} substitution and its source map, checked against a brute-force map built character by character.
import test from "ava";
import fc from "fast-check";
import { substitutePlaceholders } from "../../../compiler/sql/substitute-placeholders.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

test("substitutes defined placeholders everywhere, leaves undefined ones and reports them", (t) => {
  const s = substitutePlaceholders("SELECT * FROM ${T} WHERE x = '${V}' AND y = ${NOPE} -- ${T}", { T: "bid", V: "it's" });
  t.is(s.text, "SELECT * FROM bid WHERE x = 'it's' AND y = ${NOPE} -- bid");
  t.deepEqual(s.undefined, [{ name: "NOPE", span: { start: 44, end: 51 } }]);
  // `$dt $hm` (Nexmark q10's strftime-like pattern) is not a placeholder.
  t.is(substitutePlaceholders("'$dt $hm:00'", { dt: "x" }).text, "'$dt $hm:00'");
});

type Piece = { readonly literal: string } | { readonly name: string };

const pieces = fc.array(
  fc.oneof(
    fc.stringMatching(/^[a-z ;']{0,5}$/).map((literal): Piece => ({ literal })),
    fc.constantFrom("A", "B", "C").map((name): Piece => ({ name })),
  ),
  { maxLength: 8 },
);
const defines = fc.record({ A: fc.string({ maxLength: 6 }), B: fc.string({ maxLength: 1 }) }, { requiredKeys: [] });

test("every offset of the result maps to where its character came from (or to its whole placeholder)", async (t) => {
  await assertProperty(
    t,
    fc.property(pieces, defines, (parts, values) => {
      // Brute force: build the result and, for every character, the original span it stands for.
      let original = "";
      let result = "";
      const origin: { start: number; end: number }[] = [];
      for (const p of parts) {
        const from = original.length;
        if ("literal" in p) {
          original += p.literal;
          for (let i = 0; i < p.literal.length; i++) origin.push({ start: from + i, end: from + i + 1 });
          result += p.literal;
          continue;
        }
        original += `\${${p.name}}`;
        const value = Object.hasOwn(values, p.name) ? (values as Record<string, string>)[p.name]! : `\${${p.name}}`;
        const whole = Object.hasOwn(values, p.name);
        for (let i = 0; i < value.length; i++) origin.push(whole ? { start: from, end: original.length } : { start: from + i, end: from + i + 1 });
        result += value;
      }
      const s = substitutePlaceholders(original, values);
      if (s.text !== result) throw new Error(`text ${JSON.stringify(s.text)} ≠ ${JSON.stringify(result)}`);
      // A one-character span maps to that character's origin.
      for (let i = 0; i < result.length; i++) {
        const mapped = s.toOriginal({ start: i, end: i + 1 });
        if (mapped.start !== origin[i]!.start || mapped.end !== origin[i]!.end) {
          throw new Error(`offset ${i}: ${JSON.stringify(mapped)} ≠ ${JSON.stringify(origin[i])} in ${JSON.stringify(original)}`);
        }
      }
      // The whole result maps to the whole original.
      const all = s.toOriginal({ start: 0, end: result.length });
      if (result.length > 0 && (all.start !== origin[0]!.start || all.end !== origin[result.length - 1]!.end)) throw new Error(`whole span ${JSON.stringify(all)}`);
    }),
    { file: import.meta.url, numRuns: propertyRuns(500) },
  );
});
