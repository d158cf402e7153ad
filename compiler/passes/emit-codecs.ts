// Emits codecs.ts: a batch codec per record type that may cross workers (compiler/emit/exchanged-schemas.ts), made of
// the straight-line gather and scatter compiler/emit/batch-codec-code.ts generates from the type. job.ts puts each on
// its streams with withBatchCodec; a program whose records never cross workers gets no codecs.ts.
import { batchCodecCode } from "../emit/batch-codec-code.js";
import { exchangedSchemas } from "../emit/exchanged-schemas.js";
import { Imports } from "../emit/imports.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitCodecs(ctx: BackEndContext): void {
  const schemas = [...exchangedSchemas(ctx.plan, ctx.types).values()];
  if (schemas.length === 0) return;
  const imports = new Imports(ctx.options);
  const make = imports.fromRuntime("schemaBatchCodec");
  const codecType = imports.fromRuntime("BatchCodec", true);
  imports.fromRuntime("EncoderColumn", true);
  const parts = schemas.map((schema) => {
    const id = schema.factory.replace(/Codec_*$/, (m) => m.slice("Codec".length));
    const keys = `${id.toUpperCase()}_KEYS`;
    const code = batchCodecCode(schema.type, keys, true);
    const suffix = id.charAt(0).toUpperCase() + id.slice(1);
    return `/** The fields of \`${schema.name}\` in order: a record fits when it has exactly these keys, in this order. */
const ${keys} = ${JSON.stringify(code.keys)};

/** \`${schema.name}\` records into columns (kinds ${code.kinds}); the first record that does not fit, or -1. */
${code.gather.replace(/^function gather\(/, `function gather${suffix}(`)}

/** Columns back into \`${schema.name}\` records, fields in the schema's order. */
${code.scatter.replace(/^function scatter\(/, `function scatter${suffix}(`)}

/** The batch codec of \`${schema.name}\` records, where they cross workers: ${schema.edges.join(", ")}. */
export const ${schema.factory} = (): ${codecType} => ${make}({ name: ${JSON.stringify(schema.name)}, keys: ${keys}, kinds: ${JSON.stringify(code.kinds)}, gather: gather${suffix}, scatter: scatter${suffix} });`;
  });
  emitFile(ctx, "codecs.ts", (file) => {
    file.addStatements(parts.join("\n\n"));
    imports.apply(file);
  });
}
