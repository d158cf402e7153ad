// The record types that may cross workers in a program's jobs (one generated batch codec each, passes/emit-codecs.ts)
// and which codec an edge's records take (passes/emit-job.ts calls withBatchCodec with it). Both passes ask this
// module, so the codecs codecs.ts declares are exactly those job.ts imports.
import { inputsOf, nodeById, type JobPlan, type PlanEdge, type ProgramPlan } from "../plan/plan.js";
import type { RecordType } from "../types/type.js";
import { camel, type TypeNames } from "./type-names.js";

export interface ExchangedSchema {
  /** The codec factory's name in codecs.ts (`bidCodec`). */
  readonly factory: string;
  /** The record type's name (`Bid`), for metrics and comments. */
  readonly name: string;
  readonly type: RecordType;
  /** Where its records cross (`job:from→to` of each edge), for the generated comment. */
  readonly edges: string[];
}

/** The records of a side output (`lateTo`, `timeoutsTo`): what the producing node sends there. */
export function sideRecordType(job: JobPlan, edge: PlanEdge): RecordType {
  const from = nodeById(job, edge.from);
  if (from.kind === "aggregate") return from.windowInputType;
  if (from.kind === "match") return from.pattern.timeoutType ?? { kind: "record", fields: [] };
  return from.outputType;
}

/**
 * The record type on `edge` when its records may be sent to another worker, else null. Forward edges are left to
 * the generic codec: at equal parallelism they are chained (no channel at all) unless the consumer has several inputs.
 * Window joins are too: their edges carry tagged unions the runtime makes (runtime/api/joined-streams.ts), not the
 * producer's records. A field named `__proto__` cannot be rebuilt by an object literal, so its records go generic.
 */
export function exchangedRecordType(job: JobPlan, edge: PlanEdge): RecordType | null {
  if (edge.partitioning.kind === "forward") return null;
  const to = nodeById(job, edge.to);
  if (to.kind === "join" && to.op.mode.kind === "window") return null;
  // `predict latest` hands its model versions to ml/, which broadcasts them itself (with its vector codec).
  if (to.kind === "predictLatest" && edge.input === 1) return null;
  const type = edge.side !== undefined ? sideRecordType(job, edge) : nodeById(job, edge.from).outputType;
  if (type.fields.some((f) => f.name === "__proto__")) return null;
  return type;
}

/** Per plan (and the names it was given): emit-job asks for every edge, emit-codecs once. */
const computed = new WeakMap<ProgramPlan, { readonly types: TypeNames; readonly schemas: ReadonlyMap<string, ExchangedSchema> }>();

/** Every exchanged record type of the program by its fields (one codec per distinct field list), in plan order. */
export function exchangedSchemas(plan: ProgramPlan, types: TypeNames): ReadonlyMap<string, ExchangedSchema> {
  const known = computed.get(plan);
  if (known !== undefined && known.types === types) return known.schemas;
  const schemas = findSchemas(plan, types);
  computed.set(plan, { types, schemas });
  return schemas;
}

function findSchemas(plan: ProgramPlan, types: TypeNames): Map<string, ExchangedSchema> {
  const schemas = new Map<string, ExchangedSchema>();
  // why seeded: codecs.ts imports this name; a schema called `SchemaBatch` must not shadow it
  const factories = new Set<string>(["schemaBatchCodec"]);
  for (const job of plan.jobs) {
    for (const node of job.nodes) {
      for (const edge of inputsOf(job, node.id)) {
        const type = exchangedRecordType(job, edge);
        if (type === null) continue;
        const key = schemaKey(type);
        let schema = schemas.get(key);
        if (schema === undefined) {
          const ts = types.ts(type);
          const name = /^\w+$/.test(ts) ? ts : "Record";
          let factory = `${camel(name)}Codec`;
          while (factories.has(factory)) factory = `${factory}_`;
          factories.add(factory);
          schema = { factory, name, type, edges: [] };
          schemas.set(key, schema);
        }
        schema.edges.push(`${job.name}:${edge.from}→${edge.to}`);
      }
    }
  }
  return schemas;
}

/** What makes two record types share a codec: their fields (names, types, order), not their names. */
export function schemaKey(type: RecordType): string {
  return JSON.stringify(type.fields);
}
