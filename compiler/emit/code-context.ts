// The per-function naming context of generated code: fresh local names, source tags, and imports.
import { basename } from "node:path";
import type { Span } from "../ast/span.js";
import type { LineMap } from "../diagnostics/line-map.js";
import type { CodeContext } from "./chain-code.js";
import type { Imports } from "./imports.js";

const RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield", "await",
  "implements", "interface", "package", "private", "protected", "public", "arguments", "eval", "undefined", "NaN", "Infinity",
]);

/** Names generated functions use for their own variables. */
const TAKEN = ["r", "i", "ts", "out", "values", "timestamps", "batch", "acc", "key", "start", "end", "Math", "JSON", "Number", "String"];

/**
 * @param constants the module-level constants (text → name) of the file being generated: shared by the contexts that
 * write into one file (a pattern imported from another `.flow` file is tagged with that file's positions)
 */
export function createCodeContext(file: string, lines: LineMap, imports: Imports, constants = new Map<string, string>()): CodeContext {
  let used = new Set(TAKEN);
  let udfCalls = 0;
  const name = basename(file);
  const isConstant = (candidate: string) => [...constants.values()].includes(candidate);
  return {
    constants,
    constant: (base, text) => {
      let constant = constants.get(text);
      if (constant === undefined) {
        constant = `${base}_${constants.size}`;
        constants.set(text, constant);
      }
      return constant;
    },
    constantDeclarations: () => [...constants].map(([text, constant]) => `const ${constant} = ${text};`),
    reset: () => {
      used = new Set(TAKEN);
    },
    tag: (span: Span) => {
      const p = lines.position(span.start);
      return `${name}:${p.line}:${p.column}`;
    },
    fresh: (base: string) => {
      let candidate = RESERVED.has(base) ? `${base}_` : base;
      let k = 2;
      while (used.has(candidate) || isConstant(candidate)) candidate = `${base}${k++}`;
      used.add(candidate);
      return candidate;
    },
    udf: (module, exportName, site) => {
      if (site === undefined) return imports.udf(module, exportName);
      udfCalls++;
      const p = lines.position(site.span.start);
      return imports.udfCallSite(module, exportName, `${name}:${p.line}:${p.column}`, `${p.line}_${p.column}`, site.arity);
    },
    udfCalls: () => udfCalls,
    helper: (helper) => imports.fromSupport(helper),
  };
}
