// Emits index.ts: one typed factory per job (sources and sinks replaceable by the caller, type-checked), a table of
// all jobs, and the entry point that runs them when the bundle is executed directly (`node dist/x/index.js [job]`).
import { basename } from "node:path";
import { Imports } from "../emit/imports.js";
import { pascal } from "../emit/type-names.js";
import { emitFile, type BackEndContext } from "./back-end-context.js";

export function emitFactory(ctx: BackEndContext): void {
  const imports = new Imports(ctx.options);
  imports.fromSupport("createJob");
  imports.fromSupport("isMainModule");
  imports.fromSupport("runMain");
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
  return createJob(${JSON.stringify(job.name)}, ${JSON.stringify(job.settings)}, options, (env, io) => build${J}(env, io, options.sources ?? {}, options.sinks ?? {}));
}`);
  }
  parts.push(`/** Every job of ${basename(ctx.file)}, by name. */\nexport const jobs = { ${ctx.plan.jobs.map((j) => j.name).join(", ")} };`);
  parts.push(`// Executed directly (\`node index.js [job]\`): run the jobs, with progress on a terminal.\nif (isMainModule(import.meta.url)) process.exitCode = (await runMain(jobs, process.argv[2] === undefined ? {} : { job: process.argv[2] })).exitCode;`);
  emitFile(ctx, "index.ts", (file) => {
    file.addStatements(parts.join("\n\n"));
    imports.apply(file);
  });
}
