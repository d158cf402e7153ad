// Runs the jobs of a compiled .flow file as a program: the bundle's command line (`node dist/x/index.js`, see
// command-line.ts) and `eddy run` both land here.
import type { HandleView, RunOptions, RunResultView } from "./job.js";
import { showProgress, summaryLine } from "./progress.js";

export interface MainOptions {
  /** Run only this job (default: every job, one after the other). */
  readonly job?: string;
  /** Show the live progress line (default: when stderr is a terminal). */
  readonly progress?: boolean;
  /** Print the records of `collect()` sinks and the summary (default true). */
  readonly report?: boolean;
  readonly run?: RunOptions;
  readonly write?: (line: string) => void;
  /** Where the summary line of each job goes (default: stderr). */
  readonly writeSummary?: (line: string) => void;
}

// why `any`: each generated factory takes its own Options type (RunOptions plus typed sources and sinks)
export async function runMain(factories: Readonly<Record<string, (options?: any) => { start(): HandleView }>>, options: MainOptions = {}): Promise<RunResultView[]> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const names = Object.keys(factories);
  if (options.job !== undefined && !names.includes(options.job)) {
    throw new Error(`no job \`${options.job}\` (jobs: ${names.join(", ")})`);
  }
  const results: RunResultView[] = [];
  for (const name of options.job === undefined ? names : [options.job]) {
    const handle = factories[name]!(options.run ?? {}).start();
    const stop = (options.progress ?? process.stderr.isTTY === true) ? showProgress(name, handle) : () => {};
    let result: RunResultView;
    try {
      result = await handle.result;
    } finally {
      stop();
    }
    results.push(result);
    if (options.report ?? true) {
      for (const [sink, records] of Object.entries(result.collected)) {
        write(`-- ${sink} (${records.length} records)`);
        for (const r of records) write(JSON.stringify(r));
      }
      (options.writeSummary ?? ((line: string) => process.stderr.write(`${line}\n`)))(summaryLine(result));
    }
  }
  return results;
}
