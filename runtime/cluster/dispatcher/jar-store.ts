// Uploaded job bundles (Flink's jars): kept in memory by id until deleted. On upload the bundle is loaded once to list
// its jobs; a bundle that fails to load is still kept, with the error, so running it fails the job with that error in
// /jobs/:id/exceptions (as Flink reports a jar whose main class throws).
import { createHash, randomUUID } from "node:crypto";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { DispatcherError } from "./dispatcher-error.js";
import { jobFactoriesOf } from "./job-bundle.js";

export interface Jar {
  /** `<uuid>_<file name>`, as Flink names uploaded jars. */
  readonly id: string;
  readonly name: string;
  readonly uploadedAt: number;
  /** sha256 of the bytes, hex. */
  readonly hash: string;
  readonly bytes: Uint8Array;
  /** The job names the bundle exports (empty when it failed to load). */
  readonly jobs: readonly string[];
  /** Why the bundle could not be loaded, or null. */
  readonly loadError: string | null;
}

export class JarStore {
  private readonly jars = new Map<string, Jar>();

  constructor(private readonly now: () => number) {}

  async upload(fileName: string, bytes: Uint8Array): Promise<Jar> {
    const name = fileName.replace(/[^A-Za-z0-9._-]/g, "_") || "bundle.js";
    if (bytes.length === 0) throw new DispatcherError("bad-request", `the uploaded file '${fileName}' is empty: upload the index.js that \`eddy compile\` writes`);
    let jobs: string[] = [];
    let loadError: string | null = null;
    try {
      const loaded = await importBundle<unknown>(Buffer.from(bytes).toString("utf8"), "eddy-jar-");
      loaded.dispose();
      const factories = jobFactoriesOf(loaded.module);
      if (typeof factories === "string") loadError = `'${fileName}' is not an Eddy job bundle: ${factories}`;
      else jobs = Object.keys(factories);
    } catch (e) {
      loadError = `the bundle '${fileName}' failed to load: ${(e as Error)?.message ?? String(e)}`;
    }
    const jar: Jar = {
      id: `${randomUUID()}_${name}`,
      name,
      uploadedAt: this.now(),
      hash: createHash("sha256").update(bytes).digest("hex"),
      bytes,
      jobs,
      loadError,
    };
    this.jars.set(jar.id, jar);
    return jar;
  }

  list(): Jar[] {
    return [...this.jars.values()].sort((a, b) => b.uploadedAt - a.uploadedAt);
  }

  get(id: string): Jar {
    const jar = this.jars.get(id);
    if (jar === undefined) throw new DispatcherError("not-found", `no jar '${id}' (GET /jars lists the uploaded ones)`);
    return jar;
  }

  delete(id: string): void {
    this.get(id);
    this.jars.delete(id);
  }
}
