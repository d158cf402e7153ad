// The bundle routes (Flink's jars): POST /jars/upload (multipart, field `jarfile`), GET /jars, POST /jars/:jarid/run,
// DELETE /jars/:jarid.
import type { FastifyInstance } from "fastify";
import { DispatcherError } from "../dispatcher/dispatcher-error.js";
import type { RouteContext } from "./rest-server.js";

const jarParams = { type: "object", properties: { jarid: { type: "string", minLength: 1, maxLength: 300 } }, required: ["jarid"], additionalProperties: false } as const;

interface RunBody {
  job?: string;
  entryClass?: string;
  parallelism?: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
}

export function registerJarRoutes(app: FastifyInstance, { dispatcher }: RouteContext): void {
  app.post("/jars/upload", async (request) => {
    if (!request.isMultipart()) throw new DispatcherError("bad-request", "upload the bundle as multipart/form-data in the field `jarfile` (curl -F jarfile=@index.js …)");
    const file = await request.file();
    if (file === undefined) throw new DispatcherError("bad-request", "the upload holds no file: send the bundle in the field `jarfile`");
    if (file.fieldname !== "jarfile") {
      file.file.resume();
      throw new DispatcherError("bad-request", `the upload's file is in the field '${file.fieldname}': send it in \`jarfile\``);
    }
    const bytes = await file.toBuffer();
    const jar = await dispatcher.jars.upload(file.filename, bytes);
    return { filename: jar.id, status: "success" };
  });

  app.get("/jars", async (request) => ({
    address: `http://${request.hostname}`,
    files: dispatcher.jars.list().map((jar) => ({
      id: jar.id,
      name: jar.name,
      uploaded: jar.uploadedAt,
      sha256: jar.hash,
      entry: jar.jobs.map((name) => ({ name, description: null })),
      ...(jar.loadError === null ? {} : { error: jar.loadError }),
    })),
  }));

  app.post<{ Params: { jarid: string }; Body: RunBody | null }>(
    "/jars/:jarid/run",
    {
      schema: {
        params: jarParams,
        body: {
          type: ["object", "null"],
          properties: {
            job: { type: "string", minLength: 1 },
            entryClass: { type: "string", minLength: 1 },
            parallelism: { type: "integer", minimum: 1, maximum: 32768 },
            savepointPath: { type: "string", minLength: 1 },
            allowNonRestoredState: { type: "boolean" },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      const job = body.job ?? body.entryClass;
      const jobid = await dispatcher.runJar(request.params.jarid, {
        ...(job === undefined ? {} : { job }),
        ...(body.parallelism === undefined ? {} : { parallelism: body.parallelism }),
        ...(body.savepointPath === undefined ? {} : { savepointPath: body.savepointPath }),
        ...(body.allowNonRestoredState === undefined ? {} : { allowNonRestoredState: body.allowNonRestoredState }),
      });
      return { jobid };
    },
  );

  app.delete<{ Params: { jarid: string } }>("/jars/:jarid", { schema: { params: jarParams } }, async (request) => {
    dispatcher.jars.delete(request.params.jarid);
    return {};
  });
}
