// The check pipeline as data: passes grouped by stage, run in order; the driver stops after a stage with errors.
import type { BackEndPass } from "./back-end-context.js";
import type { Pass } from "./context.js";
import { emitChains } from "./emit-chains.js";
import { emitCodecs } from "./emit-codecs.js";
import { emitFactory } from "./emit-factory.js";
import { emitJob } from "./emit-job.js";
import { emitTypes } from "./emit-types.js";
import { foldConstants } from "./fold-constants.js";
import { fuseAggregates } from "./fuse-aggregates.js";
import { fuseChains } from "./fuse-chains.js";
import { lowerToPlan } from "./lower-to-plan.js";
import { pruneFields } from "./prune-fields.js";
import { prunePartitions } from "./prune-partitions.js";
import { pushFiltersBeforeProjections } from "./push-filters.js";
import { reportFusion } from "./report-fusion.js";
import { inferConnectorTypes } from "./infer-connector-types.js";
import { inferPatternTypes } from "./infer-pattern-types.js";
import { inferPipelineTypes } from "./infer-pipeline-types.js";
import { inferSinkTypes } from "./infer-sink-types.js";
import { reportConnectorSettings } from "./report-connector-settings.js";
import { reportDuplicateDeclarations } from "./report-duplicate-declarations.js";
import { reportFootGuns } from "./report-foot-guns.js";
import { reportInputFiles } from "./report-input-files.js";
import { reportInvalidLiterals } from "./report-invalid-literals.js";
import { reportJobSettings } from "./report-job-settings.js";
import { reportMalformedPatterns } from "./report-malformed-patterns.js";
import { reportPatternStructure } from "./report-pattern-structure.js";
import { reportStreamSemantics } from "./report-stream-semantics.js";
import { reportUncommittedSinks } from "./report-uncommitted-sinks.js";
import { reportUnusedDeclarations } from "./report-unused-declarations.js";
import { resolveImports } from "./resolve-imports.js";
import { resolveModels } from "./resolve-models.js";
import { resolveNames } from "./resolve-names.js";

export interface Stage {
  readonly name: "check" | "analyse";
  readonly passes: readonly Pass[];
}

/**
 * `check` finds every error (names, types, stream semantics) in one run: passes tolerate earlier errors by
 * typing what they could not resolve as `unknown`. `analyse` adds warnings and runs only on valid programs.
 * The back-end stages below build on the annotated AST.
 */
export const stages: readonly Stage[] = [
  {
    name: "check",
    passes: [
      reportInvalidLiterals,
      resolveImports,
      reportDuplicateDeclarations,
      resolveNames,
      inferConnectorTypes,
      reportInputFiles,
      reportJobSettings,
      reportPatternStructure,
      inferPatternTypes,
      reportMalformedPatterns,
      resolveModels,
      inferPipelineTypes,
      inferSinkTypes,
      reportConnectorSettings,
      reportStreamSemantics,
    ],
  },
  { name: "analyse", passes: [reportFootGuns, reportUncommittedSinks, reportUnusedDeclarations] },
];

export interface BackEndStage {
  readonly name: "plan" | "optimise" | "emit";
  readonly passes: readonly BackEndPass[];
}

/**
 * The back end, on a program the check stages accepted: `plan` lowers it to a job graph, `optimise` rewrites the
 * graph (--no-fuse runs only its interpretedOptimisations), `emit` writes types.ts, chains.ts, job.ts, codecs.ts and
 * index.ts. Order matters inside `optimise`: constants fold before filters move (a folded `filter true` disappears),
 * partition pruning reads the filters where they moved to (right behind their source) and before chains fuse into
 * aggregates, field pruning sees the final projections, chains fuse before aggregates absorb them, and the report
 * describes the result.
 */
export const backEndStages: readonly BackEndStage[] = [
  { name: "plan", passes: [lowerToPlan] },
  { name: "optimise", passes: [foldConstants, pushFiltersBeforeProjections, prunePartitions, pruneFields, fuseChains, fuseAggregates, reportFusion] },
  { name: "emit", passes: [emitTypes, emitChains, emitJob, emitCodecs, emitFactory] },
];

/**
 * The `optimise` passes the interpreted path (--no-fuse) runs too: partition pruning changes which files a source
 * reads, not how any operator runs, so both back ends read the same partitions.
 */
export const interpretedOptimisations: ReadonlySet<BackEndPass> = new Set([prunePartitions]);

export type { CheckContext, CompilerHost, FlowModule, Pass } from "./context.js";
