// Compiles a SQL script, bundles it, and runs each of its queries on rows given for its tables: what the SQL tests
// use to check results against hand-computed ones.
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { importBundle } from "../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";
import { compileSql } from "../../compiler/sql/compile-sql.js";

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

/** The rows every query of `script` emits, in query order (`result_<n>` of `query_<n>`, or an INSERT's table). */
export async function runSqlQueries(script: string, tables: Readonly<Record<string, readonly object[] | AsyncIterable<object>>>, options: { fuse?: boolean } = {}): Promise<Record<string, unknown>[][]> {
  const result = compileSql(script, "test.sql", { fuse: options.fuse ?? true, format: false });
  if (!result.ok) throw new Error(`the script does not compile:\n${formatDiagnostics(result.check.diagnostics, () => script)}`);
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-sql-test-");
  const out: Record<string, unknown>[][] = [];
  for (const q of result.queries) {
    const rows: Record<string, unknown>[] = [];
    await module[q.job]!({ sources: tables, sinks: { [q.sink]: (r: Record<string, unknown>) => void rows.push(r) }, workers: 1 }).run();
    out.push(rows);
  }
  return out;
}
