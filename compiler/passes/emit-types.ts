// Emits types.ts: the public API declarations, one interface per schema and per inferred record type, and each job's
// Sources / Sinks / Options interfaces (what the typed factory accepts).
import { PUBLIC_API_DECLARATIONS } from "../emit/public-api.js";
import { pascal } from "../emit/type-names.js";
import type { RecordType } from "../types/type.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitTypes(ctx: BackEndContext): void {
  registerTypes(ctx);
  emitFile(ctx, "types.ts", (file) => {
    file.addStatements(PUBLIC_API_DECLARATIONS);
    for (const { name, type } of ctx.types.declared) {
      file.addInterface({
        name,
        isExported: true,
        docs: type.name === undefined ? [] : [`Schema \`${type.name}\` of ${ctx.file}.`],
        properties: type.fields.map((f) => ({ name: f.name, type: ctx.types.ts(f.type) })),
      });
    }
    for (const job of ctx.plan.jobs) {
      const sources = job.nodes.filter((n) => n.kind === "source");
      // A lookup's table is no source node of the plan, but the caller may still give its rows.
      const tables = new Map(job.nodes.flatMap((n) => (n.kind === "lookup" && !sources.some((s) => s.name === n.table.name) ? [[n.table.name, n.rightType] as const] : [])));
      const sinks = job.nodes.filter((n) => n.kind === "sink");
      const J = pascal(job.name);
      file.addInterface({
        name: `${J}Sources`, isExported: true,
        docs: [`Replacements for the sources of job \`${job.name}\` (the declared connector is used for any left out).`],
        properties: [
          ...sources.map((s) => ({ name: s.kind === "source" ? s.name : "", isReadonly: true, hasQuestionToken: true, type: `Iterable<${ctx.types.ts(s.outputType)}> | AsyncIterable<${ctx.types.ts(s.outputType)}>` })),
          ...[...tables].map(([name, type]) => ({ name, isReadonly: true, hasQuestionToken: true, type: `Iterable<${ctx.types.ts(type)}> | AsyncIterable<${ctx.types.ts(type)}>` })),
        ],
      });
      file.addInterface({
        name: `${J}Sinks`, isExported: true,
        docs: [`Replacements for the sinks of job \`${job.name}\`: called once per record.`],
        properties: sinks.map((s) => ({ name: s.kind === "sink" ? s.name : "", isReadonly: true, hasQuestionToken: true, type: `(record: ${ctx.types.ts(s.inputType)}) => void` })),
      });
      file.addInterface({
        name: `${J}Options`, isExported: true, extends: ["RunOptions"],
        properties: [
          { name: "sources", isReadonly: true, hasQuestionToken: true, type: `${J}Sources` },
          { name: "sinks", isReadonly: true, hasQuestionToken: true, type: `${J}Sinks` },
        ],
      });
    }
  });
}

/** Names every record type the generated code spells, most meaningful names first. */
function registerTypes(ctx: BackEndContext): void {
  const t = ctx.types;
  const register = (type: RecordType, hint: string) => {
    if (type.fields.length > 0 || type.name !== undefined) t.name(type, hint);
  };
  for (const decl of ctx.program.declarations) if (decl.kind === "SchemaDecl" && decl.type !== undefined) register(decl.type, decl.name.name);
  for (const job of ctx.plan.jobs) {
    for (const n of job.nodes) if (n.kind === "source") register(n.outputType, `${n.name}Record`);
    for (const n of job.nodes) if (n.kind === "sink") register(n.inputType, `${n.name}Record`);
  }
  for (const [job, streams] of ctx.jobStreams) {
    for (const [name, stream] of streams) if (stream.type !== undefined) register(stream.type, `${job.name.name}${pascal(name)}Record`);
  }
  for (const job of ctx.plan.jobs) {
    const J = pascal(job.name);
    for (const n of job.nodes) {
      register(n.inputType, `${J}Step${n.id}In`);
      register(n.outputType, `${J}Step${n.id}`);
      if (n.kind === "aggregate") {
        register(n.windowInputType, `${J}Step${n.id}WindowIn`);
        register(n.aggregateType, `${J}Step${n.id}Aggregate`);
      }
      if (n.kind === "join") register(n.rightType, `${J}Step${n.id}Right`);
      if (n.kind === "lookup") register(n.rightType, `${n.table.name}Record`);
      // Pattern functions in chains.ts spell these (unless a sink or side output already named them).
      if (n.kind === "match") {
        if (n.pattern.emitType !== null) register(n.pattern.emitType, `${n.pattern.name}Match`);
        if (n.pattern.timeoutType !== null) register(n.pattern.timeoutType, `${n.pattern.name}Timeout`);
      }
    }
  }
}
