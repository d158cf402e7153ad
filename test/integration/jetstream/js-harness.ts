// Shared by the JetStream connector tests: the NATS server, a skip when it is not reachable (a failure in CI), streams
// with names unique to a test that are deleted afterwards, and reading a stream back whole.
import { randomBytes } from "node:crypto";
import test, { type ExecutionContext, type TestFn } from "ava";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { DeliverPolicy, jetstream, jetstreamManager, type StreamConfig } from "@nats-io/jetstream";

export const NATS = process.env.EDDY_NATS ?? "127.0.0.1:4222";

async function reachable(): Promise<string | null> {
  try {
    const nc = await connect({ servers: NATS, timeout: 3000 });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
      return null;
    } finally {
      await nc.close();
    }
  } catch (e) {
    return `NATS with JetStream is not reachable at ${NATS}: ${(e as Error).message}`;
  }
}

const problem = await reachable();
if (problem !== null && process.env.CI === undefined) console.warn(`skipping the JetStream integration tests: ${problem}`);

/** `test`, or `test.skip` with a message when NATS cannot be used here; in CI every test fails instead. */
export const jsTest: TestFn = problem === null ? test : process.env.CI === undefined ? (test.skip as unknown as TestFn) : ((title: string) => test(title, (t) => t.fail(problem))) as unknown as TestFn;

let shared: Promise<NatsConnection> | null = null;
/** One connection for the test's own publishing and reading (the connectors open their own). */
export function nats(): Promise<NatsConnection> {
  // why the promise: tests run concurrently, and a second connection opened meanwhile would keep the process alive
  shared ??= connect({ servers: NATS });
  return shared;
}

/** A stream only this test uses, on the subjects `<name>.>`, deleted afterwards; returns its name. */
export async function isolatedStream(t: ExecutionContext, label: string, config: Partial<StreamConfig> = {}): Promise<string> {
  const name = `eddy_it_${label}_${randomBytes(4).toString("hex")}`;
  const jsm = await jetstreamManager(await nats());
  await jsm.streams.add({ name, subjects: [`${name}.>`], ...config });
  t.teardown(async () => {
    await jsm.streams.delete(name).catch(() => {});
  });
  return name;
}

/** Publishes each payload in order (awaiting every PubAck), on `subjectOf(i)`. */
export async function publishAll(payloads: readonly string[], subjectOf: (i: number) => string): Promise<void> {
  const js = jetstream(await nats());
  const window: Promise<unknown>[] = [];
  for (let i = 0; i < payloads.length; i++) {
    window.push(js.publish(subjectOf(i), payloads[i]!));
    if (window.length >= 256) await Promise.all(window.splice(0));
  }
  await Promise.all(window);
}

export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly text: string;
  readonly msgId: string | null;
}

/** Every message the stream holds, in sequence order. */
export async function readStream(stream: string): Promise<StoredMessage[]> {
  const nc = await nats();
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  const out: StoredMessage[] = [];
  while (out.length < state.messages) {
    const batch = await consumer.fetch({ max_messages: Math.min(1000, state.messages - out.length), expires: 2000 });
    for await (const m of batch) out.push({ seq: m.seq, subject: m.subject, text: m.string(), msgId: m.headers?.get("Nats-Msg-Id") ?? null });
  }
  return out;
}

export async function closeShared(): Promise<void> {
  const nc = shared;
  shared = null;
  await (await nc)?.close();
}

/** A job name unique to the test (it is part of the sink's message ids). */
export function uniqueJob(label: string): string {
  return `it-${label}-${randomBytes(4).toString("hex")}`;
}
