// Which JobManager a client command talks to: --jobmanager, else EDDY_JOBMANAGER, else Flink's default port locally.
import { ClientUsageError } from "./client-errors.js";

export const DEFAULT_JOB_MANAGER = "http://127.0.0.1:8081";

/** The base URL without a trailing slash; a value that is not an http(s) URL is a usage error. */
export function jobManagerUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag ?? (env.EDDY_JOBMANAGER === "" ? undefined : env.EDDY_JOBMANAGER);
  const source = flag !== undefined ? "--jobmanager" : given !== undefined ? "EDDY_JOBMANAGER" : "the default";
  const raw = given ?? DEFAULT_JOB_MANAGER;
  // why: `host:port` is what people type (Flink's -m takes it); read it as http
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClientUsageError(`${source} ${raw}: not a URL (give the JobManager's REST address, e.g. ${DEFAULT_JOB_MANAGER})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ClientUsageError(`${source} ${raw}: the JobManager's REST address is http:// or https://, not ${url.protocol}//`);
  }
  return url.href.replace(/\/+$/, "");
}
