// `addMonths(ts, n)` in `.flow`: whole calendar months in UTC with the day clamped to the target month's last — the
// same fused and `--no-fuse`, with a field and a constant month count; a non-int count or a non-timestamp is refused.
import test from "ava";
import { compile } from "../../../compiler/compile.js";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema E { id: int, ts: timestamp, n: int }
source es: E = collection([
  { id: 1, ts: @2024-01-31T10:30:00Z, n: 1 },
  { id: 2, ts: @2023-01-31, n: 13 },
  { id: 3, ts: @1969-12-31T23:59:59.999Z, n: -10 },
  { id: 4, ts: @2024-12-15, n: 0 }
])
sink moved = collect()
job j {
  es | map { id, byN: addMonths(ts, n), back: addMonths(ts, -1) } | to moved
}
`;

const at = (iso: string) => Date.parse(iso);

for (const fuse of [true, false]) {
  test(`addMonths moves by calendar months and clamps to the month's end (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const { collected } = await runCompiled(await compileQuery(SOURCE, "add-months.flow", "j", { fuse }), { checkpointing: null });
    t.deepEqual(collected["moved"], [
      { id: 1, byN: at("2024-02-29T10:30:00Z"), back: at("2023-12-31T10:30:00Z") },
      { id: 2, byN: at("2024-02-29T00:00:00Z"), back: at("2022-12-31T00:00:00Z") },
      { id: 3, byN: at("1969-02-28T23:59:59.999Z"), back: at("1969-11-30T23:59:59.999Z") },
      { id: 4, byN: at("2024-12-15T00:00:00Z"), back: at("2024-11-15T00:00:00Z") },
    ]);
  });
}

test("addMonths takes a timestamp and an int: a float count or a string is a located type error", (t) => {
  for (const [call, argument] of [["addMonths(ts, 1.5)", "1.5"], ['addMonths("2024-01-31", 1)', '"2024-01-31"']] as const) {
    const source = SOURCE.replace("addMonths(ts, -1)", call);
    const errors = compile(source, "add-months.flow", { format: false }).check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, source.slice(d.span.start, d.span.end)]), [["FLOW3005", argument]], call);
  }
});
