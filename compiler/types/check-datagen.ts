// Checks the `fields` of a `datagen(…)` source: each names a field of the source's records and says how to make it —
// `{ kind: "sequence", start, end }` or `{ kind: "random", min, max, length }` (Flink's DataGen options) — FLOW3059.
import type { ConnectorCall, Expr } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { constantValue } from "./constants.js";
import { fieldOf, nonNull, type RecordType } from "./type.js";

const GENERATED = new Set(["int", "float", "string", "bool", "timestamp"]);
const SETTINGS = new Set(["kind", "min", "max", "length", "start", "end"]);

export function checkDatagenFields(reporter: Reporter, call: ConnectorCall, type: RecordType | undefined): void {
  const problem = (span: Expr["span"], text: string) => reporter.report("FLOW3059", span, { problem: text });
  if (type !== undefined) {
    for (const f of type.fields) {
      const kind = nonNull(f.type).kind;
      if (!GENERATED.has(kind)) problem(call.name.span, `datagen cannot make the field \`${f.name}\` of type ${kind}: it makes int, float, string, bool and timestamp fields`);
    }
  }
  const fields = call.args.find((a) => a.name?.name === "fields")?.value;
  if (fields === undefined) return;
  if (fields.kind !== "RecordLiteral") return problem(fields.span, "`fields` is a record of field settings: `{ id: { kind: \"sequence\", start: 1, end: 100 } }`");
  for (const f of fields.fields) {
    const target = type === undefined ? undefined : fieldOf(type, f.name.name);
    if (type !== undefined && target === undefined) problem(f.name.span, `the records have no field \`${f.name.name}\``);
    if (f.value.kind !== "RecordLiteral") {
      problem(f.value.span, `the settings of \`${f.name.name}\` are a record: { kind, min, max, length, start, end }`);
      continue;
    }
    const settings = new Map(f.value.fields.map((s) => [s.name.name, s] as const));
    for (const s of f.value.fields) if (!SETTINGS.has(s.name.name)) problem(s.name.span, `\`${s.name.name}\` is not a datagen setting (kind, min, max, length, start, end)`);
    const value = (name: string) => { const s = settings.get(name); return s === undefined ? undefined : constantValue(s.value); };
    const kind = value("kind") ?? "random";
    if (kind !== "random" && kind !== "sequence") problem(settings.get("kind")!.value.span, "`kind` is \"random\" or \"sequence\"");
    for (const name of ["min", "max", "length", "start", "end"]) {
      const v = value(name);
      if (v !== undefined && typeof v !== "number") problem(settings.get(name)!.value.span, `\`${name}\` is a number`);
    }
    if (kind === "sequence") {
      const start = value("start");
      const end = value("end");
      if (typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end) || start > end) {
        problem(f.value.span, "a sequence needs whole numbers `start` ≤ `end`");
      }
      const base = target === undefined ? undefined : nonNull(target.type).kind;
      if (base !== undefined && base !== "int" && base !== "string" && base !== "timestamp") problem(f.value.span, `a sequence makes int, string or timestamp fields, not ${base}`);
    }
    const min = value("min");
    const max = value("max");
    if (typeof min === "number" && typeof max === "number" && min > max) problem(f.value.span, "`min` is greater than `max`");
    const length = value("length");
    if (typeof length === "number" && !(Number.isInteger(length) && length >= 0)) problem(settings.get("length")!.value.span, "`length` is a whole number ≥ 0");
  }
}
