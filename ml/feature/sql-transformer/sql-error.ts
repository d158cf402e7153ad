// A statement error that points at where it is: the message, then the statement's line with a caret under the
// offending span (offsets are kept; line and column are computed when printing).
export class SqlError extends Error {
  constructor(
    readonly reason: string,
    readonly statement: string,
    readonly start: number,
    readonly end: number = start + 1,
  ) {
    super(formatSqlError(reason, statement, start, end));
    this.name = "SqlError";
  }
}

export function formatSqlError(reason: string, statement: string, start: number, end: number): string {
  const lineStart = statement.lastIndexOf("\n", start - 1) + 1;
  const lineEndAt = statement.indexOf("\n", start);
  const lineEnd = lineEndAt === -1 ? statement.length : lineEndAt;
  const line = statement.slice(lineStart, lineEnd);
  const lineNumber = statement.slice(0, start).split("\n").length;
  const column = start - lineStart + 1;
  const width = Math.max(1, Math.min(end, lineEnd) - start);
  return `SQLTransformer: ${reason} (line ${lineNumber}, column ${column})\n  ${line}\n  ${" ".repeat(column - 1)}${"^".repeat(width)}`;
}
