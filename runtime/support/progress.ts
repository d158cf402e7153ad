// The live progress line of a running job (records in/out per second, watermark, checkpoints) and its summary.
import { summarise, type HandleView, type MetricsView, type RunResultView } from "./job.js";

const number = (n: number) => Math.round(n).toLocaleString("en-US");

function watermarkText(wm: number): string {
  if (!Number.isFinite(wm)) return wm > 0 ? "end" : "—";
  return new Date(wm).toISOString().replace(".000Z", "Z");
}

/** `, 12 to lateTxns` for each side-output sink that received records. */
function sideOutputsText(sideOutputs: Readonly<Record<string, number>>): string {
  return Object.entries(sideOutputs).map(([sink, n]) => `, ${number(n)} to ${sink}`).join("");
}

/**
 * `  workers 92% 88%`: the share of the job's time each worker of the pool was busy (absent on one thread). With
 * `previous`, over the last interval; else over the whole run. `, 3 steals` when idle workers took subtasks over.
 */
export function workersText(metrics: MetricsView, previous?: { readonly at: number; readonly busy: readonly number[] }): string {
  const workers = metrics.workers ?? [];
  if (workers.length === 0) return "";
  const span = Math.max(metrics.elapsedMs - (previous?.at ?? 0), 1);
  const shares = workers.map((w, i) => `${Math.min(100, Math.round((100 * (w.busyMs - (previous?.busy[i] ?? 0))) / span))}%`);
  const steals = workers.reduce((n, w) => n + w.steals, 0);
  return `  workers ${shares.join(" ")}${steals > 0 ? `, ${number(steals)} steal${steals === 1 ? "" : "s"}` : ""}`;
}

/** Bytes per record that crossed between workers, and how many records did. */
export function exchangeText(metrics: MetricsView): string {
  const workers = metrics.workers ?? [];
  const records = workers.reduce((n, w) => n + w.exchangeRecords, 0);
  if (records === 0) return "";
  const bytes = workers.reduce((n, w) => n + w.exchangeBytes, 0);
  return `, ${number(records)} records exchanged between workers (${(bytes / records).toFixed(1)} bytes/record)`;
}

/** One line describing the job right now; rates over the last interval. */
export function progressLine(name: string, metrics: MetricsView, previous: { at: number; in: number; out: number; busy?: readonly number[] }): string {
  const t = summarise(metrics);
  const seconds = Math.max(metrics.elapsedMs - previous.at, 1) / 1000;
  const inRate = (t.recordsIn - previous.in) / seconds;
  const outRate = (t.recordsOut - previous.out) / seconds;
  const side = Object.entries(t.sideOutputs).map(([sink, n]) => `  ${sink} ${number(n)}`).join("");
  const checkpoints = metrics.checkpoints == null ? "" : `  checkpoints ${metrics.checkpoints.completed}${metrics.checkpoints.failed > 0 ? ` (${metrics.checkpoints.failed} failed)` : ""}`;
  const workers = workersText(metrics, previous.busy === undefined ? undefined : { at: previous.at, busy: previous.busy });
  return `▶ ${name}  in ${number(t.recordsIn)} (${number(inRate)}/s)  out ${number(t.recordsOut)} (${number(outRate)}/s)${side}  watermark ${watermarkText(t.watermark)}${checkpoints}${workers}`;
}

/** Redraws the progress line every `intervalMs` on `stream` (a TTY); returns a function that stops and clears it. */
export function showProgress(name: string, handle: HandleView, stream: NodeJS.WritableStream = process.stderr, intervalMs = 250): () => void {
  let previous: { at: number; in: number; out: number; busy: readonly number[] } = { at: 0, in: 0, out: 0, busy: [] };
  const draw = () => {
    const metrics = handle.metrics();
    stream.write(`\r\x1b[K${progressLine(name, metrics, previous)}`);
    const t = summarise(metrics);
    previous = { at: metrics.elapsedMs, in: t.recordsIn, out: t.recordsOut, busy: (metrics.workers ?? []).map((w) => w.busyMs) };
  };
  const timer = setInterval(draw, intervalMs);
  return () => {
    clearInterval(timer);
    stream.write("\r\x1b[K");
  };
}

/** `✔ fraud: 1,000 records in, 20 out, 3 to lateTxns in 0.52s (1,923 rec/s), 1 checkpoints` */
export function summaryLine(result: RunResultView): string {
  const seconds = result.elapsedMs / 1000;
  const rate = result.recordsIn / Math.max(seconds, 1e-3);
  const checkpoints = result.metrics.checkpoints == null ? "" : `, ${result.metrics.checkpoints.completed} checkpoints`;
  const dead = result.deadLetters > 0 ? `, ${number(result.deadLetters)} dead letters` : "";
  const side = sideOutputsText(summarise(result.metrics).sideOutputs);
  return `✔ ${result.job}: ${number(result.recordsIn)} records in, ${number(result.recordsOut)} out${side} in ${seconds.toFixed(2)}s (${number(rate)} rec/s)${checkpoints}${dead}${workersText(result.metrics)}${exchangeText(result.metrics)}`;
}

/** `✘ fraud: cancelled after 2.31s (1,000 records in, 20 out)`: a job that did not finish, with what it did. */
export function stoppedLine(name: string, how: string, metrics: MetricsView): string {
  const t = summarise(metrics);
  return `✘ ${name}: ${how} after ${(metrics.elapsedMs / 1000).toFixed(2)}s (${number(t.recordsIn)} records in, ${number(t.recordsOut)} out${sideOutputsText(t.sideOutputs)})`;
}
