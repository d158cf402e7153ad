// Generates the batch codec of a record type (runtime/network/schema-batch-codec.ts): a column kind per field from its
// type, one straight-line gather (records → columns, checking each record fits) and one scatter (columns → records,
// fields in the schema's order). The compiler writes the code into codecs.ts (passes/emit-codecs.ts); benchmarks and
// tests evaluate the same text with bench/exchange/compile-batch-codec.ts.
import { gatherSource } from "../../formats/record-shape.js";
import type { RecordType, Type } from "../types/type.js";

/** The code of one schema's codec. */
export interface BatchCodecCode {
  readonly keys: readonly string[];
  /** A column kind per field (record-shape.ts). */
  readonly kinds: string;
  /** A function expression `gather(values, n, columns)`; reads the keys from the variable named when generated. */
  readonly gather: string;
  /** A function expression `scatter(values, n, inputs)`. */
  readonly scatter: string;
}

/**
 * The column a field's values go in: numbers as float64 (written as int32 when a batch's all are, whatever the type
 * says: an `int` may exceed 32 bits), a tag byte when nullable; strings (nullable or not) in a string column; booleans
 * as bytes; nested records, arrays and anything else whole through v8.serialize, by column.
 */
export function columnKindOf(type: Type): string {
  const inner = type.kind === "nullable" ? type.inner : type;
  switch (inner.kind) {
    case "int":
    case "float":
    case "timestamp":
    case "duration":
      return type.kind === "nullable" ? "M" : "N";
    case "string": return "S";
    case "bool":
    case "null": return "B";
    default: return "O";
  }
}

/** The gather and scatter of `type`'s codec; `keysName` is the variable holding the key array; `typed` for a .ts file. */
export function batchCodecCode(type: RecordType, keysName: string, typed: boolean): BatchCodecCode {
  const keys = type.fields.map((f) => f.name);
  const kinds = type.fields.map((f) => columnKindOf(f.type)).join("");
  return { keys, kinds, gather: gatherSource(keys, kinds, keysName, typed), scatter: scatterSource(keys, kinds, typed) };
}

/** The scatter function's source: one object literal per record, fields in schema order (the order v8 gives back). */
function scatterSource(keys: readonly string[], kinds: string, typed: boolean): string {
  const head: string[] = [];
  const fields: string[] = [];
  let input = 0;
  for (let c = 0; c < kinds.length; c++) {
    let value: string;
    switch (kinds[c]) {
      case "N":
        head.push(`const n${c} = inputs[${input++}];`);
        value = `n${c}[i]`;
        break;
      case "M":
        head.push(`const t${c} = inputs[${input++}], n${c} = inputs[${input++}];`);
        value = `(t${c}[i] === 0 ? n${c}[i] : t${c}[i] === 1 ? null : undefined)`;
        break;
      case "S":
        head.push(`const e${c} = inputs[${input++}], k${c} = inputs[${input++}];`);
        value = `(k${c} === null ? e${c}[i] : k${c}[i] >= 0 ? e${c}[k${c}[i]] : k${c}[i] === -1 ? null : undefined)`;
        break;
      case "B":
        head.push(`const b${c} = inputs[${input++}];`);
        value = `(b${c}[i] === 1 ? true : b${c}[i] === 0 ? false : b${c}[i] === 2 ? null : undefined)`;
        break;
      default:
        head.push(`const v${c} = inputs[${input++}];`);
        value = `v${c}[i]`;
    }
    fields.push(`${JSON.stringify(keys[c])}: ${value}`);
  }
  const parameters = typed ? "values: unknown[], n: number, inputs: readonly any[]" : "values, n, inputs";
  return [
    `function scatter(${parameters})${typed ? ": void" : ""} {`,
    `  ${head.join("\n  ")}`,
    `  for (let i = 0; i < n; i++) {`,
    `    values[i] = { ${fields.join(", ")} };`,
    `  }`,
    `}`,
  ].join("\n");
}
