// The control connection between the JobManager and one TaskManager: deployments, checkpoint triggers and
// acknowledgements, metrics, job services — the worker pool's messages (scheduler/pool/protocol.ts), addressed to a
// slot. Each message is one frame: a 4-byte length and the message in V8's serialization (typed arrays, snapshots
// and errors-as-data survive it; NATS core messages would cap a snapshot at the server's max_payload). The connection
// is also the JobManager's fastest news of a dead TaskManager: it closes when the process dies.
import type { Socket } from "node:net";
import { deserialize, serialize } from "node:v8";

const LENGTH_BYTES = 4;

export class ControlLink<In, Out> {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closedWith: Error | null = null;
  private readonly onClosed: ((e: Error) => void)[] = [];

  constructor(
    readonly socket: Socket,
    private readonly onMessage: (m: In) => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const close = (e: Error) => {
      if (this.closedWith !== null) return;
      this.closedWith = e;
      for (const f of this.onClosed) f(e);
    };
    socket.on("error", close);
    socket.on("close", () => close(new Error(`the control connection to ${peer} closed`)));
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Called once, when the connection breaks or is closed. */
  whenClosed(callback: (e: Error) => void): void {
    if (this.closedWith !== null) callback(this.closedWith);
    else this.onClosed.push(callback);
  }

  send(message: Out): void {
    if (this.closedWith !== null) return; // why: the peer is gone; whoever waits for an answer hears of it through whenClosed
    const body = serialize(message);
    const header = Buffer.allocUnsafe(LENGTH_BYTES);
    header.writeUInt32LE(body.length, 0);
    this.socket.cork();
    this.socket.write(header);
    this.socket.write(body);
    process.nextTick(() => this.socket.uncork());
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.pendingBytes < LENGTH_BYTES) return;
      if (this.pending[0]!.length < LENGTH_BYTES) this.join();
      const length = this.pending[0]!.readUInt32LE(0);
      if (this.pendingBytes < LENGTH_BYTES + length) return;
      if (this.pending[0]!.length < LENGTH_BYTES + length) this.join();
      const first = this.pending[0]!;
      const message = deserialize(first.subarray(LENGTH_BYTES, LENGTH_BYTES + length)) as In;
      const rest = first.subarray(LENGTH_BYTES + length);
      if (rest.length === 0) this.pending.shift();
      else this.pending[0] = rest;
      this.pendingBytes -= LENGTH_BYTES + length;
      try {
        this.onMessage(message);
      } catch (e) {
        // why: a message this side cannot handle must not take the process down from a socket callback; the connection
        // ends, and what ran over it fails over (the peer sees it close)
        process.emitWarning(`control connection to ${this.socket.remoteAddress}:${this.socket.remotePort}: a message could not be handled (${(e as Error).message}); closing it`, "EddyWarning");
        this.close();
        return;
      }
    }
  }

  private join(): void {
    this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
  }
}
