// The session catalog of a SQL script: tables (CREATE TABLE), views (CREATE VIEW) and functions (CREATE FUNCTION),
// in the order the script defines them, plus the `SET` options. Names are case-sensitive, as in Flink's default
// catalog; a qualified name `cat.db.t` is looked up by its last part (Eddy has one catalog and one database).
import type { Span } from "../ast/span.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import type { CreateFunction, CreateTable, CreateView, QualifiedName, Statement } from "./ast.js";
import { columnTypeOf, type ColumnType } from "./column-type.js";

/**
 * Flink's legacy option keys (the pre-1.11 connector properties, still in Nexmark's q13) and the keys they stand for:
 * `'connector.type' = 'filesystem'` is `'connector' = 'filesystem'`.
 */
const LEGACY_OPTION_KEYS: ReadonlyMap<string, string> = new Map([
  ["connector.type", "connector"],
  ["connector.path", "path"],
  ["format.type", "format"],
]);

export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly span: Span;
}

export interface CatalogTable {
  readonly kind: "table";
  readonly name: string;
  readonly decl: CreateTable;
  /** Physical columns (computed and metadata columns are read from `decl`). */
  readonly columns: readonly TableColumn[];
  /** The `WITH` options, keys as written (Flink's keys are lower case). */
  readonly options: ReadonlyMap<string, { readonly value: string; readonly span: Span; readonly keySpan: Span }>;
  readonly connector: string | null;
}

export interface CatalogView {
  readonly kind: "view";
  readonly name: string;
  readonly decl: CreateView;
}

export interface CatalogFunction {
  readonly name: string;
  readonly decl: CreateFunction;
}

export class Catalog {
  readonly relations = new Map<string, CatalogTable | CatalogView>();
  readonly functions = new Map<string, CatalogFunction>();
  /** `SET 'key' = 'value'` options in effect, by key. */
  readonly settings = new Map<string, string>();

  constructor(private readonly reporter: Reporter) {}

  /** Registers a DDL, SET or RESET statement; false for statements that run (INSERT, SELECT, EXPLAIN, statement sets). */
  define(statement: Statement): boolean {
    switch (statement.kind) {
      case "CreateTable": this.createTable(statement); return true;
      case "CreateView": this.add(statement.name, { kind: "view", name: lastName(statement.name), decl: statement }, statement.ifNotExists, "view"); return true;
      case "CreateFunction": {
        const name = lastName(statement.name);
        // why case-insensitive: Flink resolves function names ignoring case (count_char and COUNT_CHAR are one function)
        const key = name.toLowerCase();
        if (this.functions.has(key)) {
          if (!statement.ifNotExists) this.reporter.report("SQL3011", statement.name.at(-1)!.span, { what: "function", name });
        } else this.functions.set(key, { name, decl: statement });
        return true;
      }
      case "Set":
        if (statement.key !== null && statement.value !== null) this.settings.set(statement.key.value, statement.value.value);
        return true;
      case "Reset":
        if (statement.key === null) this.settings.clear();
        else this.settings.delete(statement.key.value);
        return true;
      default: return false;
    }
  }

  lookup(name: QualifiedName): CatalogTable | CatalogView | undefined {
    return this.relations.get(lastName(name));
  }

  private createTable(decl: CreateTable): void {
    const columns: TableColumn[] = [];
    for (const c of decl.columns) {
      if (c.kind === "ComputedColumn") continue;
      const type = columnTypeOf(c.type);
      if (type === undefined) {
        this.reporter.report("SQL3014", c.type.span, { name: c.type.name });
        continue;
      }
      columns.push({ name: c.name.name, type, nullable: !c.type.notNull && !(c.kind === "PhysicalColumn" && c.primaryKey), span: c.span });
    }
    const options = new Map<string, { value: string; span: Span; keySpan: Span }>();
    for (const o of decl.options) options.set(LEGACY_OPTION_KEYS.get(o.key.value) ?? o.key.value, { value: o.value.value, span: o.value.span, keySpan: o.key.span });
    const table: CatalogTable = { kind: "table", name: lastName(decl.name), decl, columns, options, connector: options.get("connector")?.value ?? null };
    this.add(decl.name, table, decl.ifNotExists, "table");
  }

  private add(name: QualifiedName, relation: CatalogTable | CatalogView, ifNotExists: boolean, what: string): void {
    const key = lastName(name);
    if (this.relations.has(key)) {
      if (!ifNotExists) this.reporter.report("SQL3011", name.at(-1)!.span, { what, name: key });
      return;
    }
    this.relations.set(key, relation);
  }
}

export function lastName(name: QualifiedName): string {
  return name[name.length - 1]!.name;
}
