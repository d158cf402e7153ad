// What a result display receives while a SELECT runs: its changes as they come, then how the query ended.
import type { Change } from "../../table/changelog.js";

export type QueryEnd =
  | { readonly kind: "finished" }
  | { readonly kind: "limit"; readonly limit: number }
  | { readonly kind: "cancelled" }
  | { readonly kind: "failed"; readonly message: string };

export interface ResultView {
  add(changes: readonly Change[]): void;
  /** The last call: everything received has been added. */
  end(how: QueryEnd, elapsedMs: number): void;
}

/** Where a view writes: process.stdout, or a test's stream. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** ` (stopped at --limit 10)`: why a result ended early, after its row count. */
export function endNote(how: QueryEnd): string {
  switch (how.kind) {
    case "finished": return "";
    case "limit": return ` (stopped at --limit ${how.limit})`;
    case "cancelled": return " (cancelled)";
    case "failed": return " (the query failed)";
  }
}
