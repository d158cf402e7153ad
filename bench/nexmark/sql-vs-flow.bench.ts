// Nexmark through Flink's SQL files against the same queries in .flow: both compiled to the same kind of generated
// code, run alternately in this process on the same events (one thread, output dropped where it is made), rated in
// events per CPU second; SQL ÷ .flow near 1 means the SQL front end costs nothing at run time. Also the compile
// CPU time of compiling each SQL script (parse, translate, check, optimise, emit; warm: the median of repeated compiles).
import { compileSql } from "../../compiler/sql/compile-sql.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_DIR, saveResult } from "../harness.js";
import { bestRate } from "./cpu.js";
import { loadQuery, QUERIES, SQL_DEFINES, SQL_DIR, sqlScript, type QueryName } from "./queries.js";

export interface SqlVsFlowRow {
  readonly query: QueryName;
  /** Events per CPU second. */
  readonly flow: number;
  readonly sql: number;
  readonly ratio: number;
  /** Median CPU ms to compile the SQL script (ddl_gen + ddl_views + the query), warm. */
  readonly compileMs: number;
}

/** The queries compared by default: stateless, windowed, joins, running aggregates and top-N (q12 needs processing time). */
export const DEFAULT_QUERIES: readonly QueryName[] = ["q0", "q1", "q2", "q3", "q5", "q7", "q8", "q11", "q15", "q18", "q19", "q20", "q21", "q22"];

function compileMs(name: QueryName, repeat: number): number {
  const text = sqlScript(name);
  const times: number[] = [];
  for (let i = 0; i < repeat + 2; i++) {
    // why CPU time: on a shared machine the wall clock measures the neighbours too
    const began = process.cpuUsage();
    const result = compileSql(text, `${SQL_DIR}/${name}.sql`, { defines: SQL_DEFINES });
    if (!result.ok) throw new Error(`${name}.sql does not compile`);
    const used = process.cpuUsage(began);
    if (i >= 2) times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function runSqlVsFlow(options: { queries?: readonly QueryName[]; events?: number; quick?: boolean } = {}): Promise<SqlVsFlowRow[]> {
  const quick = options.quick === true;
  const events = options.events ?? (quick ? 200_000 : 1_000_000);
  const rows: SqlVsFlowRow[] = [];
  for (const query of options.queries ?? DEFAULT_QUERIES) {
    if (!QUERIES.includes(query)) throw new Error(`unknown query ${query}`);
    // why the shared runtime: with a runtime copy in each bundle, whichever ran second ran up to a third slower, in
    // either order (two copies of the same .flow bundle too); on one runtime, as `eddy run` and `eddy sql` run jobs,
    // the two compare alike in either order
    const [flow, sql] = await Promise.all([loadQuery(query, { sinkInWorker: true, runtime: "shared" }), loadQuery(query, { language: "sql", sinkInWorker: true, runtime: "shared" })]);
    const run = (q: typeof flow) => () => q.run({ nexmark: { maxEvents: events }, workers: 1 });
    // Both warm up before either is timed: the runtime's code then knows both jobs when either is timed.
    await run(flow)();
    await run(sql)();
    // Alternate the two so that drifting machine load falls on both alike; keep each one's best.
    let bestFlow = 0;
    let bestSql = 0;
    for (let round = 0; round < (quick ? 1 : 5); round++) {
      bestFlow = Math.max(bestFlow, (await bestRate(events, run(flow), 0, 1)).perCpuSecond);
      bestSql = Math.max(bestSql, (await bestRate(events, run(sql), 0, 1)).perCpuSecond);
    }
    const row = { query, flow: bestFlow, sql: bestSql, ratio: bestSql / bestFlow, compileMs: compileMs(query, quick ? 3 : 9) };
    console.log(`${query.padEnd(4)} .flow ${(row.flow / 1e6).toFixed(2)} M/s  SQL ${(row.sql / 1e6).toFixed(2)} M/s  SQL÷.flow ${row.ratio.toFixed(2)}  compile ${row.compileMs.toFixed(0)} ms`);
    rows.push(row);
  }
  return rows;
}

/** Saves the rows measured; the saved rows of queries not measured this time are kept (`--query q7` updates q7's row only). */
export function saveSqlVsFlow(rows: readonly SqlVsFlowRow[], quick: boolean): string {
  const name = quick ? "sql-vs-flow-quick" : "sql-vs-flow";
  const file = join(RESULTS_DIR, `${name}.json`);
  const saved = existsSync(file) ? ((JSON.parse(readFileSync(file, "utf8")) as { rows?: SqlVsFlowRow[] }).rows ?? []) : [];
  const measured = new Set(rows.map((r) => r.query));
  const merged = [...saved.filter((r) => !measured.has(r.query)), ...rows].sort((a, b) => QUERIES.indexOf(a.query) - QUERIES.indexOf(b.query));
  return saveResult(name, { unit: "events per CPU second", rows: merged });
}
