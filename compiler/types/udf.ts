// Signatures of imported TypeScript functions (UDFs), mapped to Eddy types by resolve-imports.
import type { Span } from "../ast/span.js";
import type { Type } from "./type.js";

/** A parameter of an imported TypeScript function; `type` is null when its TypeScript type has no Eddy equivalent. */
export interface UdfParam {
  readonly name: string;
  readonly type: Type | null;
  readonly tsType: string;
  readonly optional: boolean;
}

/** The signature of an imported TypeScript function, mapped to Eddy types. */
export interface UdfSignature {
  /** The .ts file, as resolved from the importing .flow file. */
  readonly module: string;
  readonly exportName: string;
  readonly params: readonly UdfParam[];
  readonly result: Type | null;
  readonly resultTsType: string;
  /** Where the function is declared in the .ts file, for notes. */
  readonly declaration: { readonly file: string; readonly span: Span };
}
