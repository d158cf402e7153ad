// The check pipeline as data: passes grouped by stage, run in order; the driver stops after a stage with errors.
import type { Pass } from "./context.js";
import { inferConnectorTypes } from "./infer-connector-types.js";
import { inferPatternTypes } from "./infer-pattern-types.js";
import { inferPipelineTypes } from "./infer-pipeline-types.js";
import { inferSinkTypes } from "./infer-sink-types.js";
import { reportDuplicateDeclarations } from "./report-duplicate-declarations.js";
import { reportFootGuns } from "./report-foot-guns.js";
import { reportInvalidLiterals } from "./report-invalid-literals.js";
import { reportJobSettings } from "./report-job-settings.js";
import { reportPatternStructure } from "./report-pattern-structure.js";
import { reportStreamSemantics } from "./report-stream-semantics.js";
import { reportUnusedDeclarations } from "./report-unused-declarations.js";
import { resolveImports } from "./resolve-imports.js";
import { resolveNames } from "./resolve-names.js";

export interface Stage {
  readonly name: "check" | "analyse";
  readonly passes: readonly Pass[];
}

/**
 * `check` finds every error (names, types, stream semantics) in one run: passes tolerate earlier errors by
 * typing what they could not resolve as `unknown`. `analyse` adds warnings and runs only on valid programs.
 * Later stages (plan, optimise, emit) belong to the back end and build on the annotated AST.
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
      reportJobSettings,
      reportPatternStructure,
      inferPatternTypes,
      inferPipelineTypes,
      inferSinkTypes,
      reportStreamSemantics,
    ],
  },
  { name: "analyse", passes: [reportFootGuns, reportUnusedDeclarations] },
];

export type { CheckContext, CompilerHost, FlowModule, Pass } from "./context.js";
