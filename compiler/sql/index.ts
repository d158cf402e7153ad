// Flink SQL front end: text → located statements (and back to text).
export type * from "./ast.js";
export { parseSql, parseSqlExpression, type ParseSqlOptions, type SqlParseResult } from "./parse-sql.js";
export { printExpr, printQuery, printSql, printStatement, printType } from "./print-sql.js";
export { substitutePlaceholders, type Substitution } from "./substitute-placeholders.js";
export { checkSql, compileSql, type SqlCheckOptions, type SqlCheckResult, type SqlCompileOptions, type SqlCompileResult } from "./compile-sql.js";
export type { SqlQueryInfo } from "./translate-script.js";
