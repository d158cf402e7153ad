// Opening a NATS connection for a JetStream connector, and looking up its stream, with errors that say what to fix.
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstreamManager, type JetStreamManager, type StreamInfo } from "@nats-io/jetstream";
import { EddyError, type ErrorContext } from "../../core/errors.js";

/** NATS servers: "127.0.0.1:4222", "nats://host:4222", or several (a NATS cluster). */
export type NatsServers = string | readonly string[];

export interface JetStreamConnection {
  readonly nats: NatsConnection;
  readonly manager: JetStreamManager;
  readonly stream: StreamInfo;
}

/**
 * Connects and reads the stream's configuration and state. A stream that does not exist is a configuration error
 * (not retried); an unreachable server is external and retriable.
 */
export async function openStream(servers: NatsServers, stream: string, name: string, context: ErrorContext): Promise<JetStreamConnection> {
  const list = typeof servers === "string" ? [servers] : [...servers];
  let nats: NatsConnection;
  try {
    nats = await connect({ servers: list, name });
  } catch (e) {
    throw new EddyError("external", `cannot reach NATS at ${list.join(", ")} (${(e as Error).message}): start nats-server with JetStream (-js) or fix \`servers\``, context, { cause: e });
  }
  try {
    const manager = await jetstreamManager(nats);
    const info = await manager.streams.info(stream).catch((e: unknown) => {
      if (isStreamNotFound(e)) {
        throw new EddyError("user", `JetStream stream '${stream}' does not exist on ${list.join(", ")}: create it (nats stream add ${stream} --subjects …) or fix \`stream\``, context, {
          cause: e,
          retriable: false,
        });
      }
      throw new EddyError("external", `cannot read JetStream stream '${stream}' on ${list.join(", ")}: ${(e as Error).message}`, context, { cause: e });
    });
    return { nats, manager, stream: info };
  } catch (e) {
    await nats.close().catch(() => {});
    if (e instanceof EddyError) throw e;
    throw new EddyError("external", `JetStream is not available on ${list.join(", ")} (${(e as Error).message}): start nats-server with -js`, context, { cause: e });
  }
}

function isStreamNotFound(e: unknown): boolean {
  const x = e as { code?: unknown; api_error?: { err_code?: number }; message?: string };
  // why: err_code 10059 is JetStream's "stream not found"; older clients only carry it in the message
  return x?.api_error?.err_code === 10059 || /stream not found/i.test(x?.message ?? "");
}

/** Closes without waiting for a server that may be gone; used on teardown, where nothing is left to flush. */
export async function closeQuietly(nats: NatsConnection | null): Promise<void> {
  if (nats === null || nats.isClosed()) return;
  await nats.close().catch(() => {});
}
