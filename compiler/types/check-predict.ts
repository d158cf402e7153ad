// Type-checks the records flowing into `predict model("…")` against the columns the saved model reads, stage by stage
// (a column an earlier stage adds is the model's own business), and derives the output record: the input plus every
// column the stages add, vectors as `[float]`.
import type { PredictOp } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { describeKind, type ColumnKind, type PredictScoring } from "./model-signature.js";
import { printType, printTypeStructure } from "./print-type.js";
import { arrayOf, FLOAT, INT, STRING, withFields, type RecordField, type RecordType, type Type } from "./type.js";

/** A column as the model's stages see it: from the record (with its `.flow` type) or added by an earlier stage. */
interface Column {
  readonly type: Type;
  /** Set for a column an earlier stage added. */
  readonly kind?: ColumnKind;
}

export function checkPredict(reporter: Reporter, op: PredictOp, input: RecordType, opaque: boolean): RecordType {
  const model = op.model;
  if (model === undefined) return input;
  const columns = new Map<string, Column>(input.fields.map((f) => [f.name, { type: f.type }]));
  const vectorInputs = new Set<string>();
  const added = new Map<string, RecordField & { readonly vector: boolean }>();
  for (const stage of model.stages) {
    const readKinds: ColumnKind[] = [];
    for (const read of stage.reads) {
      const wanted = read.kind === "like" ? "numberOrVector" : read.kind;
      const column = columns.get(read.name);
      const args = { path: op.path.value, column: read.name, kind: describeKind(wanted), param: read.param, stage: stage.className };
      if (column === undefined) {
        if (!opaque) reporter.report("FLOW3040", op.span, { ...args, fields: printTypeStructure(input) });
        readKinds.push(wanted);
      } else if (column.kind !== undefined) {
        readKinds.push(column.kind);
      } else {
        if (!fits(column.type, wanted)) reporter.report("FLOW3041", op.span, { ...args, type: printType(column.type), hint: hintFor(read.name, column.type, wanted) });
        const actual = isArray(column.type) && (wanted === "vector" || wanted === "numberOrVector") ? "vector" : wanted === "numberOrVector" ? "number" : wanted;
        if (actual === "vector") vectorInputs.add(read.name);
        readKinds.push(actual);
      }
    }
    stage.writes.forEach((write, i) => {
      // why: the column becomes a field of generated interfaces and code; a .flow field name is an identifier
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(write.name)) {
        reporter.report("FLOW3042", op.span, { path: op.path.value, column: write.name, param: write.param, stage: stage.className });
      }
      const kind: ColumnKind = write.kind === "like" ? (readKinds[i] ?? "number") : write.kind;
      const type = typeOfKind(kind);
      columns.set(write.name, { type, kind });
      added.set(write.name, { name: write.name, type, vector: kind === "vector" });
    });
  }
  const scoring: PredictScoring = { vectorInputs: [...vectorInputs], added: [...added.values()].map(({ name, vector }) => ({ name, vector })) };
  op.scoring = scoring;
  return withFields(input, [...added.values()].map(({ name, type }) => ({ name, type })));
}

function isArray(type: Type): boolean {
  return type.kind === "array";
}

/** Can a record column of `type` go where the model reads `kind`? A nullable never fits: the model cannot score null. */
function fits(type: Type, kind: ColumnKind): boolean {
  if (type.kind === "unknown") return true;
  const numeric = (t: Type) => t.kind === "int" || t.kind === "float";
  switch (kind) {
    case "vector": return type.kind === "array" && numeric(type.element);
    case "number": return numeric(type);
    case "int": return type.kind === "int";
    case "string": return type.kind === "string";
    case "stringOrNumber": return type.kind === "string" || numeric(type);
    case "numberOrVector": return numeric(type) || (type.kind === "array" && numeric(type.element));
    case "stringArray": return type.kind === "array" && type.element.kind === "string";
    case "array": return type.kind === "array";
  }
}

function typeOfKind(kind: ColumnKind): Type {
  switch (kind) {
    case "vector": return arrayOf(FLOAT);
    case "int": return INT;
    case "string": return STRING;
    case "stringArray": return arrayOf(STRING);
    case "array": return arrayOf(STRING);
    case "number": case "stringOrNumber": case "numberOrVector": return FLOAT;
  }
}

function hintFor(column: string, type: Type, kind: ColumnKind): string {
  if (type.kind === "nullable" || type.kind === "null") {
    return `the model cannot score a null: give the column a value before \`predict\`, e.g. \`extend { ${column}: ${column} ?? … }\``;
  }
  if (kind === "vector" || kind === "numberOrVector") return `a vector is an array of numbers in .flow, \`[float]\`; build one before \`predict\`, e.g. \`extend { ${column}: [a, b, c] }\``;
  return "compute a column of that type before `predict` with `extend`";
}
