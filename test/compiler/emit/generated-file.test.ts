// GeneratedFile: a generated file's text in the layout ts-morph's manipulation API gave it — header, imports, then the
// statements and interfaces in the order added, one blank line apart — so that ts-morph parses and formats it once.
import test from "ava";
import { GeneratedFile } from "../../../compiler/emit/generated-file.js";

test("imports come first whatever the order they were added in; parts are one blank line apart", (t) => {
  const file = new GeneratedFile();
  file.addStatements("\nexport const a = 1;\n");
  file.addImportDeclaration({ moduleSpecifier: "eddy", namedImports: [{ name: "DataStream", isTypeOnly: true }, { name: "nexmark" }, { name: "x", alias: "y" }] });
  file.addInterface({ name: "Opts", isExported: true, docs: ["Options; a `*/` inside stays a comment"], extends: ["RunOptions"], properties: [{ name: "p", type: "number", isReadonly: true, hasQuestionToken: true }, { name: "q", type: "string" }] });
  t.is(file.text("// header"), [
    "// header",
    'import { type DataStream, nexmark, x as y } from "eddy";',
    "",
    "export const a = 1;",
    "",
    "/** Options; a `* /` inside stays a comment */",
    "export interface Opts extends RunOptions {",
    "  readonly p?: number;",
    "  q: string;",
    "}",
    "",
  ].join("\n"));
});

test("without imports the header is followed by a blank line", (t) => {
  const file = new GeneratedFile();
  file.addStatements("export {};");
  t.is(file.text("// h"), "// h\n\nexport {};\n");
});
