// One TCP connection between two processes, carrying the entries of every channel from one side's producers to the
// other side's consumers, and credits back the other way. Frames (tcp-frames.ts) are parsed as bytes arrive, however
// TCP splits them; each is handed to the channel end registered under its number. Writes are corked until the next
// tick, so the frames a slice of the scheduler writes leave in one system call.
import type { Socket } from "node:net";
import { align8, CREDIT, HEADER_BYTES, type FrameKind, OPEN, writeHeader } from "./tcp-frames.js";

/** A channel end that takes frames from the link: an input end (entries) or an output end (credits). */
export interface FrameReceiver {
  /** `payload` is 8-aligned and valid only during the call. */
  receive(kind: number, payload: Buffer): void;
  /** An input end learns the producer's number for its channel (credits go back under it). */
  bind?(link: TcpLink, channel: number): void;
}

/** Where a link finds the input end of a channel the peer opened (tcp-exchange.ts): now, or once it is opened here. */
export interface InputDirectory {
  claim(id: string, link: TcpLink, channel: number): FrameReceiver | undefined;
}

export class TcpLink {
  private readonly inputs = new Map<number, FrameReceiver>();
  private readonly outputs = new Map<number, FrameReceiver>();
  /** Frames of channels the peer opened before their input end exists here, copied until it does. */
  private readonly earlyFrames = new Map<number, { kind: number; payload: Buffer }[]>();
  private nextChannel = 1;
  /** Bytes received and not yet parsed into a whole frame, as the chunks they came in (joined once a frame is whole). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the frame at the start of `pending` needs (0: its header has not arrived). */
  private needed = 0;
  /** An 8-aligned copy of a payload (a socket chunk gives no alignment). */
  private scratch = Buffer.from(new ArrayBuffer(1 << 16));
  private corked = false;
  bytesSent = 0;
  private failure: Error | null = null;
  private readonly onFailure: ((e: Error) => void)[] = [];

  constructor(
    readonly socket: Socket,
    private readonly directory: InputDirectory,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    const fail = (e: Error) => {
      if (this.failure !== null) return;
      this.failure = e;
      for (const f of this.onFailure) f(e);
    };
    socket.on("error", fail);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on("end", () => fail(new Error(`the peer at ${peer} ended the connection`)));
    socket.on("close", () => fail(new Error(`the connection to ${peer} closed`)));
  }

  /** Called once if the connection breaks: its channels lost entries, so the job must fail over. */
  whenBroken(callback: (e: Error) => void): void {
    if (this.failure !== null) callback(this.failure);
    else this.onFailure.push(callback);
  }

  /** Registers an output end; returns its number, announced to the peer with an OPEN frame. */
  openOutput(id: string, end: FrameReceiver): number {
    const channel = this.nextChannel++;
    this.outputs.set(channel, end);
    const name = Buffer.from(id, "utf8");
    this.send(channel, OPEN, name.length, (target, offset) => name.copy(target, offset));
    return channel;
  }

  /** The input end of `channel` exists now: frames that arrived for it before are handed over first. */
  attachInput(channel: number, end: FrameReceiver): void {
    this.inputs.set(channel, end);
    end.bind?.(this, channel);
    const early = this.earlyFrames.get(channel) ?? [];
    this.earlyFrames.delete(channel);
    for (const f of early) end.receive(f.kind, f.payload);
  }

  /** A frame of `channel` with the payload written by `fill` (which returns the bytes it wrote, at most `bound`). */
  send(channel: number, kind: FrameKind, bound: number, fill: ((target: Buffer, offset: number) => number) | null): number {
    const frame = Buffer.allocUnsafe(HEADER_BYTES + align8(bound));
    const length = fill === null ? 0 : fill(frame, HEADER_BYTES);
    writeHeader(frame, 0, length, channel, kind);
    const total = HEADER_BYTES + align8(length);
    this.write(total === frame.length ? frame : frame.subarray(0, total));
    return total;
  }

  close(): void {
    this.socket.destroy();
  }

  private write(frame: Buffer): void {
    if (this.failure !== null) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.bytesSent += frame.length;
    this.socket.write(frame);
  }

  private onData(chunk: Buffer): void {
    // why keep chunks apart: a frame of megabytes arrives in many chunks, and joining at every chunk would copy it
    // over and over; it is joined once, when whole
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < Math.max(this.needed, HEADER_BYTES)) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let at = 0;
    this.needed = 0;
    while (data.length - at >= HEADER_BYTES) {
      const length = data.readUInt32LE(at);
      const total = HEADER_BYTES + align8(length);
      if (data.length - at < total) {
        this.needed = total;
        break;
      }
      this.dispatch(data.readUInt32LE(at + 4), data.readUInt32LE(at + 8), data, at + HEADER_BYTES, length);
      at += total;
    }
    const rest = data.length - at;
    this.pending = rest === 0 ? [] : [data.subarray(at)];
    this.pendingBytes = rest;
  }

  private dispatch(channel: number, kind: number, data: Buffer, offset: number, length: number): void {
    if (kind === OPEN) {
      const end = this.directory.claim(data.toString("utf8", offset, offset + length), this, channel);
      if (end === undefined) this.earlyFrames.set(channel, []);
      else this.attachInput(channel, end);
      return;
    }
    let payload: Buffer;
    if ((data.byteOffset + offset) % 8 === 0) payload = data.subarray(offset, offset + length);
    else {
      if (this.scratch.length < length) this.scratch = Buffer.from(new ArrayBuffer(align8(length * 2)));
      data.copy(this.scratch, 0, offset, offset + length);
      payload = this.scratch.subarray(0, length);
    }
    // why: credits travel against the data, to the output end numbered by this side
    const end = kind === CREDIT ? this.outputs.get(channel) : this.inputs.get(channel);
    if (end !== undefined) {
      end.receive(kind, payload);
      return;
    }
    const early = this.earlyFrames.get(channel);
    if (early === undefined) throw new Error(`a frame of kind ${kind} for channel ${channel}, which was never opened on this connection`);
    const copy = Buffer.from(new ArrayBuffer(align8(Math.max(length, 1))), 0, length);
    payload.copy(copy);
    early.push({ kind, payload: copy });
  }
}
