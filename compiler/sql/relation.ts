// A translated relation: the `.flow` stream that holds its rows and how its SQL columns map onto that stream's fields.
import type { Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { ColumnType } from "./column-type.js";

/** What a column is when it is not a plain field of the stream. */
export type VirtualColumn =
  /** `PROCTIME()`: the processing-time attribute; only a window TVF's DESCRIPTOR may read it. */
  | { readonly kind: "proctime" }
  /** `window_start`, `window_end`, `window_time` of a window TVF before its aggregation. */
  | { readonly kind: "window"; readonly bound: "start" | "end" | "time" }
  /** A value every row has (a nexmark view's `event_type`). */
  | { readonly kind: "constant"; readonly value: Expr };

export interface Column {
  /** The SQL name (as written in the DDL, the select list or its alias). */
  readonly name: string;
  /** The table name or alias the column can be qualified with. */
  readonly qualifier: string | null;
  /** The field of the stream's records, or null for a virtual column. */
  readonly field: string | null;
  readonly type: ColumnType;
  /** The column may hold NULL (a nullable table column, or a value computed from one). */
  readonly nullable?: boolean;
  readonly virtual?: VirtualColumn;
  /** Not expanded by `*` (the other event kinds' columns of a nexmark view, virtual helpers). */
  readonly hidden?: boolean;
  /** The input field this column's field copies unchanged (set by projections; traces group keys and window bounds). */
  readonly source?: string;
  /** Read only as `qualifier.name`: a nexmark table's ROW fields (`bid.price` is a field of the ROW column `bid`). */
  readonly qualifiedOnly?: boolean;
}

/** A window TVF applied to a relation: the window its GROUP BY window_start, window_end aggregates in. */
export interface WindowTvf {
  readonly assigner: "tumbling" | "sliding" | "session" | "cumulate";
  /** Durations in ms: tumbling [size], sliding [size, slide], session [gap], cumulate [size, step]. */
  readonly durations: readonly number[];
  readonly processing: boolean;
  readonly span: Span;
  /**
   * A window TVF's (event-time) rows: the fields holding the time attribute and the PARTITION BY columns, carried
   * through projections that do not select them, so that the windows can still be assigned where the rows are read as
   * they are (translate-window-columns.ts).
   */
  readonly assignedBy?: { readonly time: string; readonly partition: readonly string[] };
}

export interface Relation {
  /** The `.flow` stream (a source or a `let`) holding the rows. */
  readonly stream: string;
  readonly columns: readonly Column[];
  /** The field carrying the event-time attribute (declared by a WATERMARK), when the rows still have it. */
  readonly rowtime: string | null;
  /** Set on a window TVF's output until a GROUP BY aggregates it. */
  readonly window: WindowTvf | null;
  /**
   * The fields holding the window bounds of an earlier window aggregation, while the rows still carry both. Its rows
   * have the timestamp end - 1, so grouping them again by both bounds is a tumbling window of `sliceMs` (the window's
   * size, or a HOP's slide): Flink's cascading window aggregation, as Nexmark's q5 does.
   */
  readonly windowBounds: { readonly start: string; readonly end: string; readonly sliceMs: number } | null;
  /**
   * Rows are facts (`insert-only`), updates of the row with the same `key` fields (`upsert`), or insertions and
   * deletions of rows, each record saying which in its `__rowKind` field (`retract`: compiler/types/row-kind.ts).
   */
  readonly changelog:
    | { readonly kind: "insert-only" }
    /**
     * The `.flow` stream is an update stream with these key fields (projections carry them, selected or not: a join, an
     * aggregate, a filter or a top-N reading the rows turns them into a changelog with deletions by this key).
     */
    | { readonly kind: "upsert"; readonly key: readonly string[] }
    | { readonly kind: "retract" };
}

/** What makes the rows of `rel` change, for errors about operators that need facts (`rel` is not insert-only). */
export function changingRows(rel: Relation): string {
  return rel.changelog.kind === "retract"
    ? "a changelog with deletions (the result of a regular outer join or of EXCEPT)"
    : "an update stream (the result of a GROUP BY without window, or of a top-N)";
}

export type Resolution =
  | { readonly kind: "column"; readonly column: Column; readonly rest: readonly string[] }
  | { readonly kind: "unknown"; readonly candidates: readonly string[] }
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[] };

/**
 * Resolves `a`, `t.a` or `t.a.f` (a ROW column's field `f`): the longest qualifier match wins, as in Calcite. Unknown
 * names come back with the visible column names for a did-you-mean hint.
 */
export function resolveColumn(columns: readonly Column[], path: readonly string[]): Resolution {
  if (path.length >= 2) {
    const qualified = columns.filter((c) => c.qualifier === path[0] && c.name === path[1]);
    if (qualified.length === 1) return { kind: "column", column: qualified[0]!, rest: path.slice(2) };
    if (qualified.length > 1) return { kind: "ambiguous", candidates: qualified.map((c) => `${c.qualifier}.${c.name}`) };
  }
  const plain = columns.filter((c) => c.name === path[0] && c.qualifiedOnly !== true);
  if (plain.length === 1) return { kind: "column", column: plain[0]!, rest: path.slice(1) };
  if (plain.length > 1) return { kind: "ambiguous", candidates: plain.map((c) => (c.qualifier === null ? c.name : `${c.qualifier}.${c.name}`)) };
  return { kind: "unknown", candidates: columns.filter((c) => c.hidden !== true).map((c) => c.name) };
}

/**
 * What time the column at `path` is: the relation's event-time attribute (its rowtime field), its processing-time
 * attribute (a PROCTIME() column), or neither — what a window's time argument must name.
 */
export function timeAttributeAt(rel: Relation, path: readonly string[]): "event" | "processing" | null {
  const r = resolveColumn(rel.columns, path);
  if (r.kind !== "column" || r.rest.length > 0) return null;
  if (r.column.virtual?.kind === "proctime") return "processing";
  return r.column.field !== null && r.column.field === rel.rowtime ? "event" : null;
}

/** The columns `*` (or `t.*`) expands to. */
export function starColumns(columns: readonly Column[], qualifier: string | null): Column[] {
  return columns.filter((c) => c.hidden !== true && (qualifier === null || c.qualifier === qualifier));
}

/** `requalify(cols, "A")`: the columns as seen through `FROM (…) AS A` or `FROM t AS A`. */
export function requalify(columns: readonly Column[], qualifier: string): Column[] {
  return columns.map((c) => ({ ...c, qualifier }));
}

/** True when `name` can be a `.flow` field name and a TypeScript property written bare. */
export function isFieldName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** A field name for something the translation adds: `base`, or `base_1`, `base_2` … when `rel` has one so named. */
export function freshField(rel: Relation, base: string): string {
  const taken = new Set(rel.columns.flatMap((c) => (c.field === null ? [] : [c.field])));
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}

/**
 * The base name of the constant field that a global aggregate (no GROUP BY) or a top-N without PARTITION BY groups its
 * rows by (made fresh per stream): part of their update key, carried hidden, and never shown as a column.
 */
export const GLOBAL_KEY = "__g";

export function isGlobalKey(field: string): boolean {
  return field === GLOBAL_KEY || (field.startsWith(`${GLOBAL_KEY}_`) && /^\d+$/.test(field.slice(GLOBAL_KEY.length + 1)));
}
