// A recursive-descent parser for `SELECT items FROM __THIS__ [WHERE condition]`, with SQL's precedence: OR < AND <
// NOT < comparison (= <> != < <= > >=, IS [NOT] NULL) < + - || < * / % < unary minus < primary. Every node keeps
// its span, so evaluation errors point into the statement as well.
import { type Token, tokenize } from "./lexer.js";
import { SqlError } from "./sql-error.js";

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr = Span & (
  | { readonly kind: "literal"; readonly value: number | string | boolean | null }
  | { readonly kind: "column"; readonly name: string }
  | { readonly kind: "unary"; readonly op: "-" | "+" | "NOT"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "isNull"; readonly operand: Expr; readonly negated: boolean }
  | { readonly kind: "call"; readonly name: string; readonly args: Expr[] }
  | { readonly kind: "cast"; readonly operand: Expr; readonly type: string }
);

export type SelectItem = ({ readonly kind: "star" } & Span) | { readonly kind: "expr"; readonly expr: Expr; readonly alias: string | null };

export interface SelectStatement {
  readonly items: SelectItem[];
  readonly where: Expr | null;
}

/** The table name Flink ML's SQLTransformer replaces by its input table. */
export const THIS_TABLE = "__THIS__";

const NOT_ROW_BY_ROW = new Set(["GROUP", "ORDER", "HAVING", "LIMIT", "JOIN", "UNION"]);

export function parseSelect(statement: string): SelectStatement {
  return new Parser(statement).statement();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  statement(): SelectStatement {
    this.expectKeyword("SELECT", "a statement starts with SELECT");
    const items = [this.selectItem()];
    while (this.acceptOperator(",")) items.push(this.selectItem());
    this.expectKeyword("FROM", "expected ',' or FROM after a select item");
    const table = this.next();
    if (table.kind !== "identifier" || table.text !== THIS_TABLE) this.fail(table, `the table must be ${THIS_TABLE} (the input table)`);
    let where: Expr | null = null;
    if (this.acceptKeyword("WHERE")) where = this.expr();
    this.acceptOperator(";");
    const rest = this.peek();
    if (rest.kind === "keyword" && NOT_ROW_BY_ROW.has(rest.text)) {
      this.fail(rest, `${rest.text}${rest.text === "GROUP" || rest.text === "ORDER" ? " BY" : ""} is not supported: SQLTransformer evaluates each row on its own (SELECT … FROM ${THIS_TABLE} [WHERE …])`);
    }
    if (rest.kind !== "end") this.fail(rest, `unexpected '${rest.text}' after the statement`);
    return { items, where };
  }

  private selectItem(): SelectItem {
    const t = this.peek();
    if (t.kind === "operator" && t.text === "*") {
      this.pos++;
      return { kind: "star", start: t.start, end: t.end };
    }
    const expr = this.expr();
    let alias: string | null = null;
    if (this.acceptKeyword("AS")) alias = this.identifier("expected a column name after AS");
    else if (this.peek().kind === "identifier") alias = this.identifier("");
    return { kind: "expr", expr, alias };
  }

  private expr(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.acceptKeyword("OR")) left = binary("OR", left, this.and());
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.acceptKeyword("AND")) left = binary("AND", left, this.not());
    return left;
  }

  private not(): Expr {
    const t = this.peek();
    if (this.acceptKeyword("NOT")) {
      const operand = this.not();
      return { kind: "unary", op: "NOT", operand, start: t.start, end: operand.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === "operator" && ["=", "<>", "!=", "<", "<=", ">", ">="].includes(t.text)) {
      this.pos++;
      return binary(t.text === "!=" ? "<>" : t.text, left, this.additive());
    }
    if (this.acceptKeyword("IS")) {
      const negated = this.acceptKeyword("NOT");
      const end = this.expectKeyword("NULL", "expected NULL or NOT NULL after IS");
      return { kind: "isNull", operand: left, negated, start: left.start, end: end.end };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); t.kind === "operator" && (t.text === "+" || t.text === "-" || t.text === "||"); t = this.peek()) {
      this.pos++;
      left = binary(t.text, left, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.kind === "operator" && (t.text === "*" || t.text === "/" || t.text === "%"); t = this.peek()) {
      this.pos++;
      left = binary(t.text, left, this.unary());
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === "operator" && (t.text === "-" || t.text === "+")) {
      this.pos++;
      const operand = this.unary();
      return { kind: "unary", op: t.text, operand, start: t.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { kind: "literal", value: Number(t.text), start: t.start, end: t.end };
      case "string":
        return { kind: "literal", value: t.text, start: t.start, end: t.end };
      case "identifier": {
        if (!this.acceptOperator("(")) return { kind: "column", name: t.text, start: t.start, end: t.end };
        const args: Expr[] = [];
        if (!this.acceptOperator(")")) {
          args.push(this.expr());
          while (this.acceptOperator(",")) args.push(this.expr());
          this.expectOperator(")", "expected ',' or ')' in the argument list");
        }
        return { kind: "call", name: t.text.toUpperCase(), args, start: t.start, end: this.tokens[this.pos - 1]!.end };
      }
      case "keyword":
        if (t.text === "NULL" || t.text === "TRUE" || t.text === "FALSE") return { kind: "literal", value: t.text === "NULL" ? null : t.text === "TRUE", start: t.start, end: t.end };
        if (t.text === "CAST") {
          this.expectOperator("(", "expected '(' after CAST");
          const operand = this.expr();
          this.expectKeyword("AS", "expected AS and a type in CAST(… AS type)");
          const type = this.next();
          if (type.kind !== "identifier") this.fail(type, "expected a type name (DOUBLE, INT, BIGINT, STRING, VARCHAR, BOOLEAN)");
          const end = this.expectOperator(")", "expected ')' to close CAST");
          return { kind: "cast", operand, type: type.text.toUpperCase(), start: t.start, end: end.end };
        }
        break;
      case "operator":
        if (t.text === "(") {
          const inner = this.expr();
          this.expectOperator(")", "expected ')'");
          return inner;
        }
        break;
      case "end":
        break;
    }
    return this.fail(t, t.kind === "end" ? "the statement ends where an expression was expected" : `expected an expression, got '${t.text}'`);
  }

  private identifier(problem: string): string {
    const t = this.next();
    if (t.kind !== "identifier") this.fail(t, problem);
    return t.text;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== "end") this.pos++;
    return t;
  }

  private acceptKeyword(word: string): boolean {
    const t = this.peek();
    if (t.kind === "keyword" && t.text === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptOperator(op: string): boolean {
    const t = this.peek();
    if (t.kind === "operator" && t.text === op) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expectKeyword(word: string, problem: string): Token {
    const t = this.next();
    if (t.kind !== "keyword" || t.text !== word) this.fail(t, problem);
    return t;
  }

  private expectOperator(op: string, problem: string): Token {
    const t = this.next();
    if (t.kind !== "operator" || t.text !== op) this.fail(t, problem);
    return t;
  }

  private fail(t: Token, problem: string): never {
    throw new SqlError(problem, this.source, t.start, Math.max(t.end, t.start + 1));
  }
}

function binary(op: string, left: Expr, right: Expr): Expr {
  return { kind: "binary", op, left, right, start: left.start, end: right.end };
}
