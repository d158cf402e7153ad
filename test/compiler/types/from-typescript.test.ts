// TypeScript signatures mapped to Eddy types with ts-morph.
import test from "ava";
import { readTypeScriptModule } from "../../../compiler/types/from-typescript.js";
import { printType } from "../../../compiler/types/print-type.js";

const SOURCE = `
type int = number;
export function f(a: number, b: int, c: string | null, d?: boolean, e: readonly string[] = []): { x: number; y?: string } { return { x: 1 }; }
export const g = (xs: number[][]): "a" | "b" => "a";
export function bad(m: Map<string, number>): void {}
export const notFn = 1;
`;

test("parameters, results, optional and nullable types", (t) => {
  const module = readTypeScriptModule("udf.ts", SOURCE);
  const f = module.lookup("f");
  if (f.kind !== "function") return t.fail();
  t.deepEqual(f.signature.params.map((p) => [p.name, p.type && printType(p.type), p.optional]), [
    ["a", "float", false], ["b", "int", false], ["c", "string?", false], ["d", "bool?", true], ["e", "[string]", true],
  ]);
  t.is(printType(f.signature.result!), "{ x: float, y: string? }");
  t.is(SOURCE.slice(f.signature.declaration.span.start, f.signature.declaration.span.end), "f");
  const g = module.lookup("g");
  t.true(g.kind === "function" && printType(g.signature.params[0]!.type!) === "[[float]]" && printType(g.signature.result!) === "string");
});

test("unsupported types map to null; non-functions and missing exports are told apart", (t) => {
  const module = readTypeScriptModule("udf.ts", SOURCE);
  const bad = module.lookup("bad");
  t.true(bad.kind === "function" && bad.signature.params[0]!.type === null && bad.signature.result === null);
  t.is(module.lookup("notFn").kind, "notFunction");
  t.is(module.lookup("nope").kind, "missing");
});
