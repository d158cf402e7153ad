// SQLTransformer: transforms a table with a SQL statement `SELECT … FROM __THIS__ [WHERE …]` (Flink ML's
// SQLTransformer API). Eddy has no SQL front end yet, so the statement runs on a small evaluator of its own
// (sql-transformer/): column references, *, arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL, common functions,
// CAST, aliases and WHERE — row by row, so no GROUP BY, ORDER BY or joins. A bad statement fails at transform with
// the position and a caret. When the project's SQL front end lands it replaces the evaluator.
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { registerStage } from "../core/stage-registry.js";
import { compileSelect } from "./sql-transformer/evaluate.js";
import { THIS_TABLE } from "./sql-transformer/parser.js";

const mentionsThisTable: ParamValidator<string> = {
  demand: `a statement that reads ${THIS_TABLE} (SELECT … FROM ${THIS_TABLE})`,
  validate: (v) => typeof v === "string" && v.includes(THIS_TABLE),
};

export const STATEMENT = Params.string("statement", "SQL statement.", null, mentionsThisTable);

export class SQLTransformer extends RowMapTransformer {
  readonly className = "SQLTransformer";

  constructor() {
    super();
    this.declareParams(STATEMENT);
  }

  getStatement(): string { return this.get(STATEMENT); }
  setStatement(value: string): this { return this.set(STATEMENT, value); }

  protected createMapper(): RowFilterMapper {
    const statement = this.getStatement();
    if (statement === null) throw new Error(`SQLTransformer: set the statement (SELECT … FROM ${THIS_TABLE}) before transform`);
    return compileSelect(statement);
  }
}

registerStage("SQLTransformer", () => new SQLTransformer());
