// The statements the SQL client answers itself, as Flink's does (HELP, QUIT, EXIT): they are not SQL and never reach
// the parser.

export type ClientCommand = "help" | "quit";

/** The client command a statement is (its comments already blanked, see StatementPiece.code), or null for SQL. */
export function clientCommand(code: string): ClientCommand | null {
  const word = code.trim().toUpperCase();
  if (word === "HELP") return "help";
  if (word === "QUIT" || word === "EXIT") return "quit";
  return null;
}

export const HELP_TEXT = `The following commands are available:

HELP;      shows this text
QUIT;      leaves the client (also EXIT; or Ctrl-D at the prompt)
SET;       lists the session's settings
SET 'key' = 'value';   changes a setting, for example
           SET 'sql-client.execution.result-mode' = 'tableau';   (table, changelog or tableau)
           SET 'parallelism.default' = '4';
RESET 'key';   RESET;   back to the value the client started with (one setting, or all)

CREATE TABLE … WITH ('connector' = …);  CREATE VIEW …;  CREATE TEMPORARY FUNCTION …;
    stay in the session: later statements can use them.
SELECT …;          runs a query and shows its rows as they come (Ctrl-C stops it).
INSERT INTO t …;   runs a job writing into table t, until its input ends (Ctrl-C cancels it).
EXPLAIN …;         shows the plan of a query or an INSERT.

A statement ends with ';' and may span several lines. \${KEY} placeholders take the values of --define KEY=VALUE.
`;
