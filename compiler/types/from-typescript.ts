// Reads exported function signatures from a TypeScript file with ts-morph and maps them to Eddy types.
import { tsMorph, type TsMorph } from "../ts-morph.js";
import { unify } from "./assignability.js";
import { arrayOf, BOOL, DURATION, FLOAT, INT, nullable, record, STRING, TIMESTAMP, type RecordField, type Type } from "./type.js";
import type { UdfParam, UdfSignature } from "./udf.js";

export type ExportLookup =
  | { readonly kind: "function"; readonly signature: UdfSignature }
  | { readonly kind: "notFunction"; readonly span: { start: number; end: number } }
  | { readonly kind: "missing" };

export interface TypeScriptModule {
  lookup(name: string): ExportLookup;
}

// Type annotations spelled like Eddy's own types (e.g. `type int = number` in the runtime) keep their meaning.
const BY_ANNOTATION: Record<string, Type> = { int: INT, Int: INT, timestamp: TIMESTAMP, Timestamp: TIMESTAMP, duration: DURATION, Duration: DURATION };

/**
 * Loads `text` as the TypeScript file `path` in an in-memory project: deterministic and independent of the
 * disk layout. Types the file imports from elsewhere are therefore unknown and reported as unsupported.
 */
export function readTypeScriptModule(path: string, text: string, codeModule = path): TypeScriptModule {
  // Building a ts-morph project costs tens of milliseconds; the same file is often imported by many checks (tests, watch).
  const key = `${path}\0${codeModule}\0${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const module = loadModule(path, text, codeModule);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, module);
  return module;
}

type TsType = TsMorph.Type;
type Node = TsMorph.Node;

const CACHE_LIMIT = 64;
const cache = new Map<string, TypeScriptModule>();

/** `codeModule`: the module generated code imports (the file itself, or the compiled `.js` beside a `.d.ts`). */
function loadModule(path: string, text: string, codeModule: string): TypeScriptModule {
  const { Node, Project, ts } = tsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, allowJs: false },
  });
  const file = project.createSourceFile(path, text, { overwrite: true });
  const exported = file.getExportedDeclarations();
  return {
    lookup(name) {
      const decl = exported.get(name)?.[0];
      if (decl === undefined) return { kind: "missing" };
      const nameNode = (Node.hasName(decl) ? decl.getNameNode() : undefined) ?? decl;
      const span = { start: nameNode.getStart(), end: nameNode.getEnd() };
      const signature = decl.getType().getCallSignatures()[0];
      if (signature === undefined) return { kind: "notFunction", span };
      const params: UdfParam[] = signature.getParameters().map((symbol) => {
        const paramDecl = symbol.getValueDeclaration();
        const tsType = symbol.getTypeAtLocation(decl);
        const annotation = paramDecl !== undefined && Node.isParameterDeclaration(paramDecl) ? paramDecl.getTypeNode()?.getText() : undefined;
        const optional = paramDecl !== undefined && Node.isParameterDeclaration(paramDecl) && (paramDecl.isOptional() || paramDecl.hasInitializer());
        return { name: symbol.getName(), type: mapType(tsType, annotation, decl), tsType: annotation ?? tsType.getText(decl), optional };
      });
      const returnType = signature.getReturnType();
      const returnAnnotation = Node.isFunctionDeclaration(decl) || Node.isArrowFunction(decl) ? decl.getReturnTypeNode()?.getText() : undefined;
      return {
        kind: "function",
        signature: {
          module: codeModule,
          exportName: name,
          params,
          result: mapType(returnType, returnAnnotation, decl),
          resultTsType: returnAnnotation ?? returnType.getText(decl),
          declaration: { file: path, span },
        },
      };
    },
  };
}

/** The Eddy type of a TypeScript type, or null when there is none (any, functions, classes, unions of kinds…). */
function mapType(type: TsType, annotation: string | undefined, at: Node): Type | null {
  if (annotation !== undefined && annotation in BY_ANNOTATION) return BY_ANNOTATION[annotation]!;
  if (type.isNumber() || type.isNumberLiteral()) return FLOAT;
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return STRING;
  if (type.isBoolean() || type.isBooleanLiteral()) return BOOL;
  if (type.isUnion()) {
    const parts = type.getUnionTypes();
    const present = parts.filter((p) => !p.isNull() && !p.isUndefined());
    // `true | false` from `boolean | null` arrives as separate literals.
    if (present.length > 0 && present.every((p) => p.isBooleanLiteral())) return present.length === parts.length ? BOOL : nullable(BOOL);
    const mapped = present.map((p) => mapType(p, undefined, at));
    // Unions of string (or number) literals are plain strings (or floats); anything else mixed has no Eddy type.
    let common: Type | undefined = mapped[0] ?? undefined;
    for (const m of mapped) common = m === null || common === undefined ? undefined : unify(common, m);
    if (common === undefined) return null;
    return present.length === parts.length ? common : nullable(common);
  }
  const element = type.getArrayElementType() ?? (type.getSymbol()?.getName() === "ReadonlyArray" ? type.getTypeArguments()[0] : undefined);
  if (element !== undefined) {
    const mapped = mapType(element, undefined, at);
    return mapped === null ? null : arrayOf(mapped);
  }
  if (type.isObject() && type.getCallSignatures().length === 0 && !type.isClass()) {
    const fields: RecordField[] = [];
    for (const property of type.getProperties()) {
      const propertyType = mapType(property.getTypeAtLocation(at), undefined, at);
      if (propertyType === null) return null;
      const optional = property.isOptional();
      fields.push({ name: property.getName(), type: optional ? nullable(propertyType) : propertyType });
    }
    return record(fields);
  }
  return null;
}
