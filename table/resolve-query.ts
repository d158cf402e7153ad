// What a query produces — its columns and whether its rows are inserts or upserts — found by the SQL translator itself
// (parse the printed script, translate it, run the `.flow` check passes; no code generation: a few milliseconds).
// Every Table API call resolves the query it builds, so an unknown column or a type error fails at the call that
// makes it, as Flink validates each operation.
import type { Span } from "../compiler/ast/span.js";
import { Reporter } from "../compiler/diagnostics/diagnostic.js";
import type { Query, Statement } from "../compiler/sql/ast.js";
import { parseSql } from "../compiler/sql/parse-sql.js";
import { printSql } from "../compiler/sql/print-sql.js";
import { checkSql } from "../compiler/sql/compile-sql.js";
import { translateScript, type SqlQueryInfo } from "../compiler/sql/translate-script.js";
import { SYNTHETIC } from "./sql-nodes.js";
import { tableApiError } from "./table-error.js";

/** The name of the script the Table API prints (diagnostics point into it). */
export const SCRIPT_FILE = "table-api.sql";

export interface ResolvedQuery {
  readonly columns: readonly string[];
  readonly changelog: SqlQueryInfo["changelog"];
}

export interface PrintedScript {
  readonly text: string;
  readonly statements: readonly Statement[];
}

export function printScript(ddl: readonly Statement[], last: Statement): PrintedScript {
  const statements = [...ddl, last];
  return { text: printSql(statements), statements };
}

export function queryStatement(query: Query, span: Span = SYNTHETIC): Statement {
  return { kind: "QueryStatement", query, span };
}

/** Resolves `query` against the catalog `ddl`; throws a TableApiError naming `action` when it does not translate. */
export function resolveQuery(ddl: readonly Statement[], query: Query, action: string): ResolvedQuery {
  const script = printScript(ddl, queryStatement(query));
  const checked = checkSql(script.text, SCRIPT_FILE);
  const info = checked.queries.at(-1);
  if (!checked.check.ok || info === undefined) throw tableApiError(action, script.text, SCRIPT_FILE, script.statements, checked.check.diagnostics);
  return { columns: info.columns.map((c) => c.name), changelog: info.changelog };
}

/** Reports the problems of a catalog alone (a duplicate table, an unknown type) — "nothing to run" aside. */
export function checkCatalog(ddl: readonly Statement[], action: string): void {
  const text = printSql(ddl);
  const parsed = parseSql(text, SCRIPT_FILE);
  const reporter = new Reporter(SCRIPT_FILE);
  translateScript(parsed.statements, SCRIPT_FILE, reporter);
  const problems = [...parsed.diagnostics, ...reporter.diagnostics].filter((d) => d.severity === "error" && d.code !== "SQL3016");
  if (problems.length > 0) throw tableApiError(action, text, SCRIPT_FILE, ddl, problems);
}
