// Entry point of the AST module: node types, annotations, spans, visitor and printer.
export type * from "./nodes.js";
export type * from "./annotations.js";
export type { Span } from "./span.js";
export { visit, forEachChild, type Visitor } from "./visit.js";
export { printProgram, printExpr, printTypeNode, printDeclaration, printPipeline } from "./print.js";
export { joinSpans } from "./span.js";
