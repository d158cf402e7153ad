// Emits index.ts: one typed factory per job (sources and sinks replaceable by the caller, type-checked), a table of
// all jobs, the description of the jobs that the bundle's `--help` prints, and the entry point that runs them when the
// bundle is executed directly (`node dist/x/index.js [job] [--parallelism n] …`).
import { basename } from "node:path";
import type { IrConnector } from "../ir/connector.js";
import { Imports } from "../emit/imports.js";
import { pascal } from "../emit/type-names.js";
import type { JobPlan } from "../plan/plan.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitFactory(ctx: BackEndContext): void {
  const imports = new Imports(ctx.options);
  imports.fromSupport("createJob");
  imports.fromSupport("isMainModule");
  imports.fromSupport("runAsProgram");
  imports.fromSupport("ProgramDescription", true);
  imports.fromLocal("types.js", "EddyJob", true);
  const parts: string[] = ["export type * from \"./types.js\";"];
  for (const job of ctx.plan.jobs) {
    const J = pascal(job.name);
    imports.fromLocal("job.js", `build${J}`);
    imports.fromLocal("types.js", `${J}Options`, true);
    const position = ctx.lines.position(job.span.start);
    parts.push(`/**
 * Job \`${job.name}\` of ${basename(ctx.file)}:${position.line}. Sources and sinks given in \`options\` replace the declared
 * connectors (a record type that does not match is a compile error in the caller).
 */
export function ${job.name}(options: ${J}Options = {}): EddyJob {
  return createJob(${JSON.stringify(job.name)}, ${JSON.stringify(job.settings)}, options, (env, io, given) => build${J}(env, io, given.sources ?? {}, given.sinks ?? {}), { url: import.meta.url, export: ${JSON.stringify(job.name)} });
}`);
  }
  parts.push(`/** Every job of ${basename(ctx.file)}, by name. */\nexport const jobs = { ${ctx.plan.jobs.map((j) => j.name).join(", ")} };`);
  const jobLines = ctx.plan.jobs.map((job) => `    ${JSON.stringify(describeJob(ctx, job))},`).join("\n");
  parts.push(`/** What the command line's --help lists: each job's settings, sources and sinks. */\nconst PROGRAM: ProgramDescription = {\n  file: ${JSON.stringify(basename(ctx.file))},\n  jobs: [\n${jobLines}\n  ],\n};`);
  parts.push(`// Executed directly (\`node index.js --help\`): the bundle's command line runs the jobs.\nif (isMainModule(import.meta.url)) await runAsProgram(jobs, PROGRAM);`);
  emitFile(ctx, "index.ts", (file) => {
    file.addStatements(parts.join("\n\n"));
    imports.apply(file);
  });
}

function describeJob(ctx: BackEndContext, job: JobPlan) {
  const connector = (name: string, type: string, c: IrConnector) => {
    const path = c.name === "file" ? c.args.get("path") : undefined;
    return { name, type, connector: c.name, ...(typeof path === "string" ? { path } : {}) };
  };
  return {
    name: job.name,
    declared: `${basename(ctx.file)}:${ctx.lines.position(job.span.start).line}`,
    parallelism: job.settings.parallelism,
    checkpointMs: job.settings.checkpoint?.intervalMs ?? null,
    sources: job.nodes.flatMap((n) => (n.kind === "source" ? [connector(n.name, ctx.types.ts(n.outputType), n.source.connector)] : [])),
    sinks: job.nodes.flatMap((n) => (n.kind === "sink" ? [connector(n.name, ctx.types.ts(n.inputType), n.sink.connector)] : [])),
  };
}
