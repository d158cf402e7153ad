// Names of the generated functions and classes, shared by chains.ts (which defines them) and job.ts (which uses them).
import type { JobPlan } from "../plan/plan.js";
import { camel, pascal } from "./type-names.js";

export const chainName = (job: JobPlan, id: number): string => `${camel(job.name)}Chain${id}`;
/** The read loop of a source with its chain fused in (source fusion, chains.ts). */
export const readName = (job: JobPlan, id: number): string => `${camel(job.name)}Read${id}`;
export const aggregateName = (job: JobPlan, id: number): string => `${pascal(job.name)}Aggregate${id}`;
export const libraryAggregateName = (job: JobPlan, id: number): string => camel(aggregateName(job, id));
/** A function generated for pattern `pattern` (chains.ts): `cardTestingPattern`, `cardTestingLargeWhere`… */
export const patternFunctionName = (pattern: string, what: string): string => `${camel(pattern)}${pascal(what)}`;
