// What `submit`, `info` and `run-application` take: a .flow file (compiled and bundled here, as `eddy run` does), a
// bundle directory written by `eddy compile` (its index.js and manifest.json), or a bundle's index.js itself.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Manifest } from "../../compiler/bundle/write-bundle.js";
import { packageJson } from "../../compiler/bundle/package-layout.js";
import { ClientError, ClientUsageError } from "./client-errors.js";

export interface JobArtifact {
  /** The name the upload carries (Flink's jar file name). */
  readonly fileName: string;
  /** The bundle's JavaScript, when it was asked for. */
  readonly bytes: Uint8Array | null;
  /** The plan: the manifest `eddy compile` writes (built in memory for a .flow file); null for a bare index.js. */
  readonly manifest: Manifest | null;
}

function problem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
}

function readOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ClientUsageError(`cannot read ${what}: ${problem(e)}`);
  }
}

async function compileFlow(file: string, withBundle: boolean): Promise<JobArtifact> {
  const source = readOrFail(file, file).toString("utf8");
  const { compile } = await import("../../compiler/compile.js");
  // why unformatted: the bundle is what the JobManager runs; nobody reads its TypeScript
  const result = compile(source, file, { fuse: true, format: false });
  if (!result.ok) {
    const { formatDiagnostics } = await import("../../compiler/diagnostics/format.js");
    const { useColor } = await import("../eddy.js");
    process.stderr.write(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f), { color: useColor(process.stderr) }));
    throw new ClientError(`${file} does not compile (diagnostics above); nothing was submitted`);
  }
  const { buildManifest } = await import("../../compiler/bundle/write-bundle.js");
  const manifest = buildManifest(result, packageJson().version);
  if (!withBundle) return { fileName: `${manifest.name}.js`, bytes: null, manifest };
  const { bundleJob } = await import("../../compiler/bundle/bundle.js");
  let js: string;
  try {
    js = await bundleJob({ files: result.files, outDir: result.options.outDir });
  } catch (e) {
    const first = String((e as Error)?.message ?? e).split("\n").find((l) => l.trim() !== "" && !/^Build failed/.test(l));
    throw new ClientError(`cannot bundle ${file}: ${first?.trim() ?? "esbuild failed"}`);
  }
  return { fileName: `${manifest.name}.js`, bytes: new TextEncoder().encode(js), manifest };
}

/** Reads or builds the artifact at `path`; `withBundle: false` skips bundling (`eddy info` needs only the plan). */
export async function loadJobArtifact(path: string, withBundle: boolean): Promise<JobArtifact> {
  let stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw new ClientUsageError(`${path}: ${problem(e)}`);
  }
  if (stats.isDirectory()) {
    const index = join(path, "index.js");
    const manifestPath = join(path, "manifest.json");
    if (!existsSync(index)) throw new ClientUsageError(`${path}: not a bundle directory (no index.js; \`eddy compile file.flow -o ${path}\` writes one)`);
    let manifest: Manifest | null = null;
    if (existsSync(manifestPath)) {
      try {
        manifest = JSON.parse(readOrFail(manifestPath, manifestPath).toString("utf8")) as Manifest;
      } catch (e) {
        if (e instanceof ClientUsageError) throw e;
        throw new ClientUsageError(`${manifestPath}: not JSON (${(e as Error).message}); rebuild the bundle with \`eddy compile\``);
      }
    }
    const name = manifest?.name ?? basename(path);
    return { fileName: `${name}.js`, bytes: withBundle ? readOrFail(index, index) : null, manifest };
  }
  if (path.endsWith(".flow")) return compileFlow(path, withBundle);
  if (path.endsWith(".js") || path.endsWith(".mjs")) return { fileName: basename(path), bytes: withBundle ? readOrFail(path, path) : null, manifest: null };
  throw new ClientUsageError(`${path}: expected a .flow file, a bundle directory (\`eddy compile -o\`) or a bundle's index.js`);
}

/** The job names of the artifact, when its manifest tells them. */
export function jobNames(artifact: JobArtifact): string[] | null {
  return artifact.manifest === null ? null : artifact.manifest.jobs.map((j) => (j as { name: string }).name);
}
