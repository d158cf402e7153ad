// Opens a pg client for a sink subtask: connection errors become external errors that say where
// and what to check, and a lost connection is recorded instead of crashing the process.
import pg from "pg";
import type { ClientConfig } from "pg";
import { EddyError, type ErrorContext } from "../../core/errors.js";

export type PostgresConnection = string | ClientConfig;

/** host:port/database of a connection, for messages (never the password). */
export function describeConnection(connection: PostgresConnection): string {
  const c = typeof connection === "string" ? safeUrl(connection) : connection;
  return `${c.host ?? "localhost"}:${c.port ?? 5432}/${c.database ?? "(default database)"}`;
}

function safeUrl(text: string): { host?: string; port?: number; database?: string } {
  try {
    const u = new URL(text);
    return { host: u.hostname, port: u.port === "" ? 5432 : Number(u.port), database: u.pathname.replace(/^\//, "") || undefined };
  } catch {
    return { host: "(unparsed connection string)" };
  }
}

/**
 * Connects one client. `onLost` hears about errors of an idle connection (pg emits them as events;
 * unheard, they would end the process).
 */
export async function connect(connection: PostgresConnection, purpose: string, context: ErrorContext, onLost: (e: EddyError) => void): Promise<pg.Client> {
  const config: ClientConfig = typeof connection === "string" ? { connectionString: connection } : connection;
  const client = new pg.Client({ application_name: `eddy ${purpose}`.slice(0, 63), ...config });
  client.on("error", (e) => onLost(new EddyError("external", `PostgreSQL connection (${purpose}) to ${describeConnection(connection)} was lost: ${e.message}`, context, { cause: e })));
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw new EddyError(
      "external",
      `cannot connect to PostgreSQL at ${describeConnection(connection)} (${purpose}): ${(e as Error).message} — check that the server runs and accepts this user`,
      context,
      { cause: e, retriable: retriableSqlState(sqlState(e)) },
    );
  }
  return client;
}

/** A PostgreSQL error code (SQLSTATE) of a failed query, if any. */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether a failure with this SQLSTATE may go away on a retry. Classes that describe the job's configuration or its
 * data — 22 data exception, 23 integrity constraint violation, 28 invalid authorization, 3D unknown database, 42
 * syntax error or access rule violation (unknown table or column, missing privilege) — fail the same way again, so a
 * restart cannot help; connection problems, serialization failures and the like may.
 */
export function retriableSqlState(code: string | undefined): boolean {
  if (code === undefined) return true;
  return !["22", "23", "28", "3D", "42"].includes(code.slice(0, 2));
}
