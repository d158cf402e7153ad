// Prints Eddy types the way users write them in `.flow` files.
import type { Type } from "./type.js";

export function printType(type: Type): string {
  switch (type.kind) {
    case "nullable":
      return `${printType(type.inner)}?`;
    case "array":
      return `[${printType(type.element)}]`;
    case "record":
      if (type.name !== undefined) return type.name;
      return `{ ${type.fields.map((f) => `${f.name}: ${printType(f.type)}`).join(", ")} }`;
    default:
      return type.kind;
  }
}

/** Like printType, but spells out named records (used where the structure is the point). */
export function printTypeStructure(type: Type): string {
  if (type.kind === "record") return `{ ${type.fields.map((f) => `${f.name}: ${printType(f.type)}`).join(", ")} }`;
  return printType(type);
}
