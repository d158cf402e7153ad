// Fuzzing: random text and token-level mutations of valid programs never make the compiler throw or hit an
// internal error; it always answers with diagnostics (or a clean result).
import test from "ava";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { check } from "../../../compiler/index.js";

const FIXTURES = "test/compiler/fixtures";
const FILES: Record<string, string> = {
  "udf/risk.ts": readFileSync(`${FIXTURES}/udf/risk.ts`, "utf8"),
  "schemas.flow": readFileSync(`${FIXTURES}/schemas.flow`, "utf8"),
};
const PROGRAMS = ["dsl-fraud-job.flow", "dsl-card-testing.flow", "dsl-wordcount.flow"].map((f) => readFileSync(`${FIXTURES}/${f}`, "utf8"));
const TOKENS = ["|", "{", "}", "(", ")", "[", "]", ",", ":", "=", "?", "+", "*", "-", "==", "??", "=>", "and", "not", "window", "keyBy",
  "aggregate", "to", "let", "job", "trigger", "early", "late", "purge", "every", "count", "global", "schema", "source", "begin", "next", "where", "emit", "5s", "0s", "-1", "1_000", "@2024-01-01", "\"x\"", "null", "amount", "ts", "\n"];

function checkNeverFails(source: string): true {
  const result = check(source, "main.flow", { host: { readFile: (p) => FILES[p] } });
  if (!Array.isArray(result.diagnostics)) throw new Error("no diagnostics array");
  const internal = result.diagnostics.find((d) => d.code === "FLOW9999");
  if (internal !== undefined) throw new Error(`internal error: ${internal.message}\n--- source ---\n${source}`);
  if (!result.ok && result.diagnostics.every((d) => d.severity !== "error")) throw new Error("not ok without an error");
  return true;
}

function tokenize(source: string): string[] {
  return source.match(/\s+|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|"(?:[^"\\]|\\.)*"|@[\w:.+-]+|==|!=|<=|>=|\?\?|=>|[^\s]/g) ?? [];
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
);

type Mutation = { kind: "delete" | "insert" | "swap" | "replace"; at: number; length?: number; token?: string; other?: number };

function mutate(tokens: string[], m: Mutation): string[] {
  const out = [...tokens];
  const i = m.at % Math.max(1, out.length);
  if (m.kind === "delete") out.splice(i, m.length ?? 1);
  else if (m.kind === "insert") out.splice(i, 0, ` ${m.token} `);
  else if (m.kind === "replace") out[i] = m.token ?? "";
  else {
    const j = (m.other ?? 0) % Math.max(1, out.length);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test("random strings", (t) => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), checkNeverFails), { numRuns: 300 });
  fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((ts) => ts.join(" ")), checkNeverFails), { numRuns: 300 });
  t.pass();
});

test("token mutations of the example programs", (t) => {
  fc.assert(
    fc.property(fc.constantFrom(...PROGRAMS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (program, mutations) =>
      checkNeverFails(mutations.reduce((tokens, m) => mutate(tokens, m), tokenize(program)).join("")),
    ),
    { numRuns: 400 },
  );
  t.pass();
});

test("nesting too deep for the parser is a diagnostic, not a crash or an internal error", (t) => {
  const deep = `job j { s | filter ${"(".repeat(20000)}a${")".repeat(20000)} | to o }`;
  const result = check(deep, "main.flow", { host: { readFile: () => undefined } });
  t.deepEqual(result.diagnostics.map((d) => d.code), ["FLOW1004"]);
});
