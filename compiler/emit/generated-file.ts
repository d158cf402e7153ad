// A generated TypeScript file assembled as text — its import declarations first, then statements and interfaces in the
// order the emitters add them — which emitFile (passes/back-end-context.ts) hands to ts-morph once, to be parsed and
// formatted. why not ts-morph's manipulation API (addStatements, addImportDeclaration, addInterface…): every call
// re-parses the file, and emitting dsl-examples/nexmark/q5.flow spent 95 % of its compile time there.

export interface NamedImport {
  readonly name: string;
  readonly alias?: string;
  readonly isTypeOnly?: boolean;
}

export interface ImportStructure {
  readonly moduleSpecifier: string;
  readonly namedImports: readonly NamedImport[];
}

export interface PropertyStructure {
  readonly name: string;
  readonly type: string;
  readonly isReadonly?: boolean;
  readonly hasQuestionToken?: boolean;
}

export interface InterfaceStructure {
  readonly name: string;
  readonly isExported?: boolean;
  /** JSDoc paragraphs. */
  readonly docs?: readonly string[];
  readonly extends?: readonly string[];
  readonly properties: readonly PropertyStructure[];
}

export class GeneratedFile {
  private readonly imports: string[] = [];
  private readonly body: string[] = [];

  addImportDeclaration(s: ImportStructure): void {
    const named = s.namedImports.map((n) => `${n.isTypeOnly === true ? "type " : ""}${n.name}${n.alias === undefined ? "" : ` as ${n.alias}`}`);
    this.imports.push(`import { ${named.join(", ")} } from ${JSON.stringify(s.moduleSpecifier)};`);
  }

  addStatements(text: string): void {
    // why trimmed: parts are joined by one blank line, as ts-morph separated the statements it added
    this.body.push(text.replace(/^\n+|\n+$/g, ""));
  }

  addInterface(s: InterfaceStructure): void {
    const docs = (s.docs ?? []).map((d) => `/** ${d.replace(/\*\//g, "* /")} */\n`).join("");
    const heritage = s.extends === undefined || s.extends.length === 0 ? "" : ` extends ${s.extends.join(", ")}`;
    const members = s.properties.map((p) => `  ${p.isReadonly === true ? "readonly " : ""}${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${p.type};`);
    this.body.push(`${docs}${s.isExported === true ? "export " : ""}interface ${s.name}${heritage} {\n${members.join("\n")}\n}`);
  }

  /** The file's text under a first-line comment. */
  text(header: string): string {
    const imports = this.imports.length === 0 ? "\n" : `${this.imports.join("\n")}\n\n`;
    return `${header}\n${imports}${this.body.join("\n\n")}\n`;
  }
}
