// Shared by the PostgreSQL integration tests: the connection, a skip when PostgreSQL is not
// reachable (a failure in CI), and a fresh schema per test that is dropped afterwards.
import { randomBytes } from "node:crypto";
import test, { type ExecutionContext, type TestFn } from "ava";
import pg from "pg";

export const PG_URL = process.env.EDDY_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ max_prepared_transactions: string }>("SHOW max_prepared_transactions");
    if (rows[0]!.max_prepared_transactions === "0") return "max_prepared_transactions is 0: run `npm run test:integration` (its pretest step runs scripts/prepare-postgres.sh)";
    return null;
  } catch (e) {
    return `PostgreSQL is not reachable at ${PG_URL}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await reachable();
if (problem !== null && process.env.CI === undefined) console.warn(`skipping the PostgreSQL integration tests: ${problem}`);

/** `test`, or `test.skip` with a message when PostgreSQL cannot be used here; in CI every test fails instead. */
export const pgTest: TestFn = problem === null ? test : process.env.CI === undefined ? (test.skip as unknown as TestFn) : ((title: string) => test(title, (t) => t.fail(problem))) as unknown as TestFn;

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Prepared transactions whose gid starts with `prefix`. */
export async function preparedGids(prefix: string): Promise<string[]> {
  const rows = await query<{ gid: string }>("SELECT gid FROM pg_prepared_xacts WHERE starts_with(gid, $1) ORDER BY gid", [prefix]);
  return rows.map((r) => r.gid);
}

/**
 * A schema only this test uses, and a job name unique to it (gids start with `eddy:<job>:`);
 * afterwards its prepared transactions are rolled back (they would block the drop) and the schema dropped.
 */
export async function isolated(t: ExecutionContext, label: string): Promise<{ schema: string; job: string }> {
  const id = `${label}_${randomBytes(4).toString("hex")}`;
  const schema = `eddy_it_${id}`;
  const job = `it-${id}`;
  await query(`CREATE SCHEMA ${schema}`);
  t.teardown(async () => {
    for (const gid of await preparedGids(`eddy:${job}:`)) await query(`ROLLBACK PREPARED '${gid}'`).catch(() => {});
    await query(`DROP SCHEMA ${schema} CASCADE`);
  });
  return { schema, job };
}
