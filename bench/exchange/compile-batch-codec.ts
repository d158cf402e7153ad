// Evaluates the code the compiler would emit for a record type (compiler/emit/batch-codec-code.ts, untyped, with
// `new Function`) into the runtime's codec schema: what a benchmark or a test runs to use exactly the generated
// functions without compiling a `.flow` program (benchmarks here, and tests). It lives in bench/, not in compiler/,
// because it needs the runtime's codec types and compiler/ imports nothing of the engine.
import { batchCodecCode } from "../../compiler/emit/batch-codec-code.js";
import type { RecordType } from "../../compiler/types/type.js";
import type { GatherFunction } from "../../formats/record-shape.js";
import type { BatchCodecSchema, SchemaScatterFunction } from "../../runtime/network/schema-batch-codec.js";

export function compileBatchCodec(type: RecordType, name = type.name ?? "Record"): BatchCodecSchema {
  const code = batchCodecCode(type, "KEYS", false);
  if (code.keys.includes("__proto__")) throw new Error(`batch codec ${name}: a field named __proto__ cannot be rebuilt by an object literal`);
  const make = new Function("KEYS", `"use strict";\nreturn [${code.gather}, ${code.scatter}];`) as (keys: string[]) => [GatherFunction, SchemaScatterFunction];
  const [gather, scatter] = make([...code.keys]);
  return { name, keys: code.keys, kinds: code.kinds, gather, scatter };
}
