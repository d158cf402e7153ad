// The outcome of checking a call's argument types against a built-in, aggregate or iterative function.
import type { Type } from "./type.js";

export type CallCheck =
  | { readonly ok: true; readonly type: Type }
  /** Wrong number of arguments; `expected` reads like "1 or 2". */
  | { readonly ok: false; readonly arity: string }
  /** Argument `index` has the wrong type; `expected` is a human description ("string or array"). */
  | { readonly ok: false; readonly index: number; readonly expected: string };

export type FunctionTyping = (args: readonly Type[]) => CallCheck;

export const ok = (type: Type): CallCheck => ({ ok: true, type });
export const badArity = (arity: string): CallCheck => ({ ok: false, arity });
export const badArg = (index: number, expected: string): CallCheck => ({ ok: false, index, expected });
