// Runs a fast-check property so that every failure can be replayed: the seed is fixed up front (EDDY_PROPERTY_SEED,
// or a fresh one), and a failure prints the command that replays exactly the failing case (seed + counterexample path).
//
//   EDDY_PROPERTY_SEED=<n>   use this seed (default: a new one per run, printed on failure)
//   EDDY_PROPERTY_PATH=<p>   replay the counterexample at this path of that seed (as printed on failure)
//   EDDY_PROPERTY_RUNS=<n>   runs per property (default: each test's own)
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";
import fc from "fast-check";

/** The seed of this process's properties: EDDY_PROPERTY_SEED when set, otherwise a fresh 31-bit one. */
export const PROPERTY_SEED = readSeed();

function readSeed(): number {
  const text = process.env["EDDY_PROPERTY_SEED"];
  if (text === undefined || text === "") return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`EDDY_PROPERTY_SEED must be an integer, got "${text}"`);
  return seed;
}

/** `defaultRuns`, or EDDY_PROPERTY_RUNS when set (soak runs). */
export function propertyRuns(defaultRuns: number): number {
  const text = process.env["EDDY_PROPERTY_RUNS"];
  return text === undefined || text === "" ? defaultRuns : Number(text);
}

export interface PropertyOptions<Ts> extends Omit<fc.Parameters<Ts>, "seed" | "path"> {
  /** The test file (`import.meta.url`), for the replay command. */
  readonly file: string;
}

/**
 * Checks `property` with the process's seed; on failure the test fails with fast-check's report (counterexample,
 * shrinks, error) and the command that replays the failing case.
 */
export async function assertProperty<Ts>(t: ExecutionContext, property: fc.IRawProperty<Ts>, options: PropertyOptions<Ts>): Promise<void> {
  const { file, ...parameters } = options;
  const path = process.env["EDDY_PROPERTY_PATH"];
  const details = await fc.check(property, { ...parameters, seed: PROPERTY_SEED, ...(path ? { path } : {}) });
  if (!details.failed) {
    t.pass(`${details.numRuns} runs, seed ${details.seed}`);
    return;
  }
  const test = relative(process.cwd(), fileURLToPath(file));
  const replay =
    `replay: EDDY_PROPERTY_SEED=${details.seed} EDDY_PROPERTY_PATH="${details.counterexamplePath ?? ""}" ` +
    `npx ava ${test} --match ${JSON.stringify(t.title)}`;
  // why the error apart: the report leaves it out unless fast-check runs verbose, and it is what says what went wrong
  const error = details.errorInstance instanceof Error ? `${details.errorInstance.message}\n${details.errorInstance.stack ?? ""}` : String(details.errorInstance ?? "");
  t.fail(`${fc.defaultReportMessage(details) ?? "property failed"}\nerror: ${error}\n${replay}`);
}
