// Job artifacts (Flink's BlobServer): bundles uploaded once to the JetStream object store under the hash of their
// bytes, and fetched by each TaskManager that runs a part of the job. The same bundle submitted twice is stored once.
import { createHash } from "node:crypto";
import type { ObjectStore } from "@nats-io/obj";

export class BlobStore {
  constructor(private readonly store: ObjectStore) {}

  /** Stores `bytes` (if not there yet) and returns their name: `sha256-<hex>`. */
  async put(bytes: Uint8Array): Promise<string> {
    const name = `sha256-${createHash("sha256").update(bytes).digest("hex")}`;
    if ((await this.store.info(name)) === null) await this.store.putBlob({ name }, bytes);
    return name;
  }

  /** The bytes stored under `name`; an error that names the blob if there are none. */
  async get(name: string): Promise<Uint8Array> {
    const bytes = await this.store.getBlob(name);
    if (bytes === null) throw new Error(`no blob '${name}' in the cluster's object store: upload the job's bundle again`);
    const check = `sha256-${createHash("sha256").update(bytes).digest("hex")}`;
    if (check !== name) throw new Error(`blob '${name}' is damaged (its bytes hash to ${check})`);
    return bytes;
  }
}
