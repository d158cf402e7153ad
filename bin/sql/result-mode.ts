// How SELECT results are shown: Flink's `sql-client.execution.result-mode` (table, changelog, tableau).

export const RESULT_MODES = ["table", "changelog", "tableau"] as const;
export type ResultMode = (typeof RESULT_MODES)[number];

export function isResultMode(value: string): value is ResultMode {
  return (RESULT_MODES as readonly string[]).includes(value);
}

/** Flink's default is `table`; off a terminal a redrawn table means nothing, so the boxed rows of `tableau` instead. */
export function defaultResultMode(stdout: { readonly isTTY?: boolean }): ResultMode {
  return stdout.isTTY === true ? "table" : "tableau";
}
