// The compiler as a library (`import { compile, writeBundle } from "eddy/compiler"`): check and compile .flow
// source, print diagnostics and plans, bundle the generated code with the runtime into a deployable directory.
export { check, fileSystemHost, formatDiagnostic, formatDiagnostics, formatSummary, parse, type CheckOptions, type CheckResult, type CompilerHost, type Diagnostic } from "./index.js";
export { compile, type CompileOptions, type CompileResult } from "./compile.js";
export { bundleJob, type BundleInput } from "./bundle/bundle.js";
export { buildManifest, writeBundle, type Manifest } from "./bundle/write-bundle.js";
export { printFusionReport, printPlan, type PlanFormat } from "./plan/print-plan.js";
export type { ProgramPlan, JobPlan } from "./plan/plan.js";
export { compileSql, parseSql, printSql, type SqlCompileOptions, type SqlCompileResult, type SqlQueryInfo } from "./sql/index.js";
