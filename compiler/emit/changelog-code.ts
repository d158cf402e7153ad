// A running aggregate that emits its own changelog (plan AggregateChangelog, passes/absorb-normalize.ts): the
// accumulator members that keep the row emitted last, and the statements turning a new row into its changes —
// ChangelogNormalize's `+I` / `-U` `+U` / nothing-for-an-equal-row, written into the aggregate's loop.
import { ROW_KIND_FIELD } from "../types/row-kind.js";
import type { RecordType, Type } from "../types/type.js";
import { emitSteps, type CodeContext, type FieldEnv, type Skip } from "./chain-code.js";
import type { StatelessOp } from "../plan/plan.js";

/** An accumulator member keeping one field of the row emitted last. */
interface KeptField {
  readonly field: string;
  readonly member: string;
  readonly type: Type;
  /** TypeScript type of the member. */
  readonly tsType: string;
  readonly init: string;
  /** How the field is read back (asserted non-null when the member starts as null but the field cannot be). */
  readonly read: string;
}

export interface ChangelogMembers {
  /** The member saying whether the key emitted a row yet. */
  readonly emitted: string;
  readonly kept: readonly KeptField[];
  /** The row's fields that never change for a key (the key's own): not kept, the -U reads them as the new row does. */
  readonly constant: ReadonlySet<string>;
}

const NUMBERS = new Set(["int", "float", "timestamp", "duration"]);

/**
 * Members named apart from `taken` (the accumulator's own) for the row's fields but `constant`. Each starts at a
 * value of its field's type where one exists — a number field that starts as `null` would make V8 box every number
 * written to it.
 */
export function changelogMembers(rowType: RecordType, constant: ReadonlySet<string>, taken: ReadonlySet<string>, tsTypeOf: (t: Type) => string): ChangelogMembers {
  const used = new Set(taken);
  const fresh = (base: string) => {
    let name = base;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return name;
  };
  const emitted = fresh("emitted");
  const kept = rowType.fields.filter((f) => f.name !== ROW_KIND_FIELD && !constant.has(f.name)).map((f): KeptField => {
    const t = tsTypeOf(f.type);
    const member = fresh(`was_${f.name}`);
    const read = `acc.${member}`;
    if (NUMBERS.has(f.type.kind)) return { field: f.name, member, type: f.type, tsType: t, init: "0", read };
    if (f.type.kind === "string") return { field: f.name, member, type: f.type, tsType: t, init: '""', read };
    if (f.type.kind === "bool") return { field: f.name, member, type: f.type, tsType: t, init: "false", read };
    if (f.type.kind === "nullable" || f.type.kind === "null") return { field: f.name, member, type: f.type, tsType: t, init: "null", read };
    return { field: f.name, member, type: f.type, tsType: `${t} | null`, init: "null", read: `${read}!` };
  });
  return { emitted, kept, constant };
}

/** `a` and `b` hold different values: identity for most types, NaN equal to NaN, arrays and records structurally. */
function differs(type: Type, a: string, b: string, sameValue: () => string): string {
  const kind = type.kind === "nullable" ? type.inner.kind : type.kind;
  if (kind === "float") return `(${a} !== ${b} && (${a} === ${a} || ${b} === ${b}))`;
  if (NUMBERS.has(kind) || kind === "string" || kind === "bool" || kind === "null") return `${a} !== ${b}`;
  return `!${sameValue()}(${a}, ${b})`;
}

/** The local or expression holding field `name` of the row in `env`. */
function rowField(env: FieldEnv, name: string): string {
  const v = env.get(name);
  if (v === undefined) throw new Error(`internal: the changelog row's field ${name} is not available`);
  return v;
}

/** The kept row's fields (the key's own from `constant`) with change kind `kind`: what a `-U` or `-D` carries. */
function keptEnv(members: ChangelogMembers, constant: FieldEnv, kind: string): Map<string, string> {
  const field = (name: string) => rowField(constant, name);
  return new Map<string, string>([
    ...[...members.constant].map((f): [string, string] => [f, field(f)]),
    ...members.kept.map((k): [string, string] => [k.field, k.read]),
    [ROW_KIND_FIELD, JSON.stringify(kind)],
  ]);
}

/**
 * The statements after an aggregate computed its new row (`row`: its fields' locals): nothing when it equals the row
 * kept in `acc`, else `-U` of the kept row (unless it is the key's first) and `+U`/`+I` of the new one, each through
 * `after` (the steps behind the changelog) to `collect`. `skip` leaves the record (the aggregate's loop `continue`).
 */
export function changeLines(
  members: ChangelogMembers, row: FieldEnv, after: readonly StatelessOp[], outputType: RecordType, skip: Skip,
  code: CodeContext, sameValue: () => string, collect: (env: FieldEnv) => string,
): string[] {
  const needed = new Set(outputType.fields.map((f) => f.name));
  const field = (name: string) => rowField(row, name);
  const changed = members.kept.map((k) => differs(k.type, field(k.field), `acc.${k.member}`, sameValue));
  const label = code.fresh("retract");
  const kind = code.fresh("kind");
  const retract = emitSteps(after, keptEnv(members, row, "-U"), needed, `break ${label}`, code, (env) => [collect(env)]);
  const emit = emitSteps(after, new Map([...row, [ROW_KIND_FIELD, kind]]), needed, skip, code, (env) => [collect(env)]);
  return [
    // why: an unchanged row is no change (ChangelogNormalize drops it too)
    `if (acc.${members.emitted}${changed.length === 0 ? "" : ` && !(${changed.join(" || ")})`}) ${skip};`,
    `let ${kind}: "+I" | "+U" = "+I";`,
    `if (acc.${members.emitted}) {`,
    `  ${kind} = "+U";`,
    ...labelled(label, retract).map((l) => `  ${l}`),
    "}",
    `acc.${members.emitted} = true;`,
    ...members.kept.map((k) => `acc.${k.member} = ${field(k.field)};`),
    ...emit,
  ];
}

/**
 * The statements for a key whose rows are all gone (a retracting aggregate's group at 0 rows): `-D` of the kept row
 * through `after`, if it emitted one, then the accumulator is dropped — the key's next row is a first row (`+I`), as
 * Flink's GroupAggFunction clears its state. `constant` has the key's fields.
 */
export function deleteLines(
  members: ChangelogMembers, constant: FieldEnv, after: readonly StatelessOp[], outputType: RecordType, skip: Skip,
  code: CodeContext, collect: (env: FieldEnv) => string,
): string[] {
  const label = code.fresh("deleted");
  const needed = new Set(outputType.fields.map((f) => f.name));
  const emit = emitSteps(after, keptEnv(members, constant, "-D"), needed, `break ${label}`, code, (env) => [collect(env)]);
  return [
    `if (acc.${members.emitted}) {`,
    ...labelled(label, emit).map((l) => `  ${l}`),
    "}",
    "this.clearAccumulator();",
    `${skip};`,
  ];
}

/** `lines` in a block named `label` when they break out of it (a filter behind the changelog), else as they are. */
function labelled(label: string, lines: readonly string[]): string[] {
  return lines.some((l) => l.includes(`break ${label};`)) ? [`${label}: {`, ...lines.map((l) => `  ${l}`), "}"] : [...lines];
}
