// The sink options of a `filesystem` table — PARTITIONED BY, Flink's partition commit and rolling policy — as the
// arguments of the `.flow` `file(...)` sink: partitionBy, commit, commitDelay, timePattern, rollEvery; and its
// PARTITIONED BY as the `partitionBy` of the `file(...)` source that reads the table back.
import type { Argument } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { CatalogTable } from "./catalog.js";
import { flinkDurationMs } from "./flink-duration.js";
import { arg, durationLit, stringLit } from "./flow-nodes.js";
import { abort, type Translator } from "./translator.js";

type Option = { readonly value: string; readonly span: Span; readonly keySpan: Span };

/** Options Eddy takes with their only supported value (Flink's default), lower case; others are SQL3051. */
const DEFAULT_ONLY: ReadonlyMap<string, string> = new Map([
  ["sink.partition-commit.success-file.name", "_SUCCESS"],
  ["sink.partition-commit.watermark-time-zone", "utc"],
  ["partition.time-extractor.kind", "default"],
  ["partition.time-extractor.timestamp-formatter", "yyyy-MM-dd HH:mm:ss"],
  ["partition.default-name", "__DEFAULT_PARTITION__"],
]);

/** The options this file reads; any other `sink.*`, `partition.*`, `auto-compaction` or `compaction.*` is SQL3050. */
const KNOWN = new Set([
  ...DEFAULT_ONLY.keys(),
  "sink.partition-commit.trigger",
  "sink.partition-commit.delay",
  "sink.partition-commit.policy.kind",
  "partition.time-extractor.timestamp-pattern",
  "sink.rolling-policy.rollover-interval",
  "sink.rolling-policy.check-interval",
]);

/** Options that need PARTITIONED BY (Flink ignores them on an unpartitioned table; Eddy says so). */
const PARTITION_ONLY = (key: string) => key.startsWith("sink.partition-commit.") || key.startsWith("partition.");

export function filePartitionArgs(t: Translator, table: CatalogTable): Argument[] {
  const options = table.options;
  for (const [key, o] of options) {
    const k = key.toLowerCase();
    const governed = k.startsWith("sink.") || k.startsWith("partition.") || k === "auto-compaction" || k.startsWith("compaction.");
    if (governed && !KNOWN.has(k)) abort(t, "SQL3050", o.keySpan, { key });
    checkDefaultOnly(t, key, o);
    if (PARTITION_ONLY(k) && table.decl.partitionedBy.length === 0) abort(t, "SQL3052", o.keySpan, { key, table: table.name });
  }
  const args: Argument[] = [];
  // 1. rolling: by event time in Eddy; Flink's check-interval (how often processing time is checked) has nothing to check
  const rollover = get(options, "sink.rolling-policy.rollover-interval");
  if (rollover !== undefined) args.push(arg(durationLit(duration(t, "sink.rolling-policy.rollover-interval", rollover), rollover.span), "rollEvery"));
  const check = get(options, "sink.rolling-policy.check-interval");
  if (check !== undefined) duration(t, "sink.rolling-policy.check-interval", check);
  const keys = table.decl.partitionedBy;
  if (keys.length === 0) return args;
  // 2. the partition columns
  args.push(partitionByArg(t, table));
  const names = keys.map((k) => k.name);
  // 3. the partition commit, only with a policy (as Flink: without `policy.kind` no partition is ever committed)
  const policy = get(options, "sink.partition-commit.policy.kind");
  if (policy === undefined) return args;
  const kinds = policy.value.split(",").map((s) => s.trim().toLowerCase());
  const other = kinds.find((k) => k !== "success-file");
  if (other !== undefined) abort(t, "SQL3051", policy.span, { key: "sink.partition-commit.policy.kind", value: policy.value, problem: `Eddy commits partitions with 'success-file' only, not '${other}'` });
  const trigger = get(options, "sink.partition-commit.trigger");
  const triggerValue = trigger?.value.trim().toLowerCase() ?? "process-time";
  if (triggerValue !== "partition-time" && triggerValue !== "process-time") {
    abort(t, "SQL3051", trigger!.span, { key: "sink.partition-commit.trigger", value: trigger!.value, problem: "the trigger is 'process-time' or 'partition-time'" });
  }
  const commitSpan = trigger?.span ?? policy.span;
  args.push(arg(stringLit(triggerValue, commitSpan), "commit"));
  const delay = get(options, "sink.partition-commit.delay");
  if (delay !== undefined) args.push(arg(durationLit(duration(t, "sink.partition-commit.delay", delay), delay.span), "commitDelay"));
  const pattern = get(options, "partition.time-extractor.timestamp-pattern");
  if (pattern !== undefined) {
    const unknown = [...pattern.value.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!).find((r) => !names.includes(r));
    if (unknown !== undefined) abort(t, "SQL3054", pattern.span, { name: unknown, columns: names.join(", ") });
    args.push(arg(stringLit(pattern.value, pattern.span), "timePattern"));
  }
  return args;
}

/**
 * The partitions of a `filesystem` table read by a query: Flink's filesystem source reads the files of its partition
 * directories and fills the partition columns — regular columns of the table — in from the directories' names. Of the
 * partition options only `partition.default-name` is about reading (how a null is filed); the others are the sink's.
 */
export function fileSourcePartitionArgs(t: Translator, table: CatalogTable): Argument[] {
  if (table.decl.partitionedBy.length === 0) return [];
  const name = get(table.options, "partition.default-name");
  if (name !== undefined) checkDefaultOnly(t, "partition.default-name", name);
  return [partitionByArg(t, table)];
}

/** `partitionBy: [...]` of the PARTITIONED BY columns: distinct columns of the table, not all of them (SQL3053). */
function partitionByArg(t: Translator, table: CatalogTable): Argument {
  const keys = table.decl.partitionedBy;
  const names: string[] = [];
  for (const k of keys) {
    if (!table.columns.some((c) => c.name === k.name)) abort(t, "SQL3053", k.span, { problem: `\`${k.name}\` is not a column of \`${table.name}\``, hint: `the columns: ${table.columns.map((c) => c.name).join(", ")}` });
    if (names.includes(k.name)) abort(t, "SQL3053", k.span, { problem: `\`${k.name}\` is named twice`, hint: "name each partition column once" });
    names.push(k.name);
  }
  // why: partition columns are not in the files' rows, so with every column one the files would hold empty rows
  if (names.length === table.columns.length) abort(t, "SQL3053", keys[0]!.span, { problem: "every column is a partition column", hint: "partition columns are not written into the files: keep at least one other column" });
  const listSpan = { ...keys[0]!.span, end: keys.at(-1)!.span.end };
  return arg({ kind: "ArrayLiteral", elements: keys.map((k) => stringLit(k.name, k.span)), span: listSpan }, "partitionBy");
}

/** SQL3051 for an option Eddy takes with Flink's default value only, given another. */
function checkDefaultOnly(t: Translator, key: string, o: Option): void {
  const only = DEFAULT_ONLY.get(key.toLowerCase());
  if (only !== undefined && o.value.trim().toLowerCase() !== only.toLowerCase()) {
    abort(t, "SQL3051", o.span, { key, value: o.value, problem: `Eddy supports only '${only}' (Flink's default)` });
  }
}

/** An option by its key in any case (Flink's keys are case-sensitive lower case; a table's keys are kept as written). */
function get(options: CatalogTable["options"], key: string): Option | undefined {
  for (const [k, o] of options) if (k.toLowerCase() === key) return o;
  return undefined;
}

function duration(t: Translator, key: string, o: Option): number {
  const ms = flinkDurationMs(o.value);
  if (ms === undefined) abort(t, "SQL3051", o.span, { key, value: o.value, problem: "not a duration: write a number and a unit, e.g. '1 min', '30 s', '500 ms'" });
  return ms;
}
