// The live progress line of a running job (records in/out per second, watermark, checkpoints) and its summary.
import { summarise, type HandleView, type MetricsView, type RunResultView } from "./job.js";

const number = (n: number) => Math.round(n).toLocaleString("en-US");

function watermarkText(wm: number): string {
  if (!Number.isFinite(wm)) return wm > 0 ? "end" : "—";
  return new Date(wm).toISOString().replace(".000Z", "Z");
}

/** One line describing the job right now; rates over the last interval. */
export function progressLine(name: string, metrics: MetricsView, previous: { at: number; in: number; out: number }): string {
  const t = summarise(metrics);
  const seconds = Math.max(metrics.elapsedMs - previous.at, 1) / 1000;
  const inRate = (t.recordsIn - previous.in) / seconds;
  const outRate = (t.recordsOut - previous.out) / seconds;
  const checkpoints = metrics.checkpoints == null ? "" : `  checkpoints ${metrics.checkpoints.completed}${metrics.checkpoints.failed > 0 ? ` (${metrics.checkpoints.failed} failed)` : ""}`;
  return `▶ ${name}  in ${number(t.recordsIn)} (${number(inRate)}/s)  out ${number(t.recordsOut)} (${number(outRate)}/s)  watermark ${watermarkText(t.watermark)}${checkpoints}`;
}

/** Redraws the progress line every `intervalMs` on `stream` (a TTY); returns a function that stops and clears it. */
export function showProgress(name: string, handle: HandleView, stream: NodeJS.WriteStream = process.stderr, intervalMs = 250): () => void {
  let previous = { at: 0, in: 0, out: 0 };
  const draw = () => {
    const metrics = handle.metrics();
    stream.write(`\r\x1b[K${progressLine(name, metrics, previous)}`);
    const t = summarise(metrics);
    previous = { at: metrics.elapsedMs, in: t.recordsIn, out: t.recordsOut };
  };
  const timer = setInterval(draw, intervalMs);
  return () => {
    clearInterval(timer);
    stream.write("\r\x1b[K");
  };
}

export function summaryLine(result: RunResultView): string {
  const seconds = result.elapsedMs / 1000;
  const rate = result.recordsIn / Math.max(seconds, 1e-3);
  const checkpoints = result.metrics.checkpoints == null ? "" : `, ${result.metrics.checkpoints.completed} checkpoints`;
  const dead = result.deadLetters > 0 ? `, ${number(result.deadLetters)} dead letters` : "";
  return `✔ ${result.job}: ${number(result.recordsIn)} records in, ${number(result.recordsOut)} out in ${seconds.toFixed(2)}s (${number(rate)} rec/s)${checkpoints}${dead}`;
}
