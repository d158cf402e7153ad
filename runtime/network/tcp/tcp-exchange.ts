// A thread's endpoint for channels to and from other processes: a server on a loopback (or given) address that peers'
// producers connect to, and one outgoing connection per peer for this thread's producers. Input ends are registered by
// channel id; a peer's OPEN frame finds them here, whichever connection it arrives on and whichever comes first.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { BatchCodec } from "../batch-codec.js";
import { type FrameReceiver, type InputDirectory, TcpLink } from "./tcp-link.js";
import { TcpInputChannel } from "./tcp-input-channel.js";
import { TcpOutputChannel } from "./tcp-output-channel.js";

export interface PeerAddress {
  readonly host: string;
  readonly port: number;
}

export class TcpExchange implements InputDirectory {
  private readonly server: Server;
  private readonly outgoing = new Map<string, Promise<TcpLink>>();
  private readonly links: TcpLink[] = [];
  /** Input ends opened here whose producer has not announced itself yet. */
  private readonly unclaimed = new Map<string, FrameReceiver>();
  /** Channels announced by a producer before their input end was opened here. */
  private readonly announced = new Map<string, { link: TcpLink; channel: number }>();
  private address: PeerAddress | null = null;
  private readonly connected = new Map<string, TcpLink>();

  constructor(private readonly onBroken: (e: Error) => void = () => {}) {
    this.server = createServer((socket) => this.adopt(socket));
  }

  /** Starts listening (port 0: any free port); resolves to the address peers connect to. */
  listen(host = "127.0.0.1", port = 0): Promise<PeerAddress> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        const a = this.server.address();
        if (a === null || typeof a === "string") return reject(new Error("the exchange's server has no TCP address"));
        this.address = { host, port: a.port };
        resolve(this.address);
      });
    });
  }

  get localAddress(): PeerAddress | null {
    return this.address;
  }

  /** The producer's end of channel `id` to the process listening at `peer`. */
  async openOutput(id: string, peer: PeerAddress, codec: BatchCodec, capacity: number, onWritable: () => void): Promise<TcpOutputChannel> {
    const link = await this.linkTo(peer);
    return new TcpOutputChannel(id, link, codec, capacity, onWritable);
  }

  /** Connects to `peer` now, so that outputs to it can then be opened without waiting (openConnectedOutput). */
  async connectTo(peer: PeerAddress): Promise<void> {
    const link = await this.linkTo(peer);
    this.connected.set(`${peer.host}:${peer.port}`, link);
  }

  /** The producer's end of channel `id` over the link connectTo(peer) made. */
  openConnectedOutput(id: string, peer: PeerAddress, codec: BatchCodec, capacity: number, onWritable: () => void): TcpOutputChannel {
    const link = this.connected.get(`${peer.host}:${peer.port}`);
    if (link === undefined) throw new Error(`internal: channel ${id} opened towards ${peer.host}:${peer.port} before connectTo`);
    return new TcpOutputChannel(id, link, codec, capacity, onWritable);
  }

  /** Forgets the input ends of channels whose ids start with `prefix` that no producer claimed (a closed attempt). */
  forget(prefix: string): void {
    for (const id of [...this.unclaimed.keys()]) if (id.startsWith(prefix)) this.unclaimed.delete(id);
    for (const id of [...this.announced.keys()]) if (id.startsWith(prefix)) this.announced.delete(id);
  }

  /** The consumer's end of channel `id`; its producer may connect before or after. */
  openInput(id: string, codec: BatchCodec, capacity: number, onReadable: () => void): TcpInputChannel {
    const end = new TcpInputChannel(id, codec, capacity, onReadable);
    const announced = this.announced.get(id);
    if (announced === undefined) this.unclaimed.set(id, end);
    else {
      this.announced.delete(id);
      announced.link.attachInput(announced.channel, end);
    }
    return end;
  }

  claim(id: string, link: TcpLink, channel: number): FrameReceiver | undefined {
    const end = this.unclaimed.get(id);
    if (end !== undefined) {
      this.unclaimed.delete(id);
      return end;
    }
    this.announced.set(id, { link, channel });
    return undefined;
  }

  /** Bytes this thread sent to peers (metrics). */
  bytesSent(): number {
    let n = 0;
    for (const l of this.links) n += l.bytesSent;
    return n;
  }

  async close(): Promise<void> {
    for (const l of this.links) l.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private linkTo(peer: PeerAddress): Promise<TcpLink> {
    const key = `${peer.host}:${peer.port}`;
    let link = this.outgoing.get(key);
    if (link === undefined) {
      link = new Promise<TcpLink>((resolve, reject) => {
        const socket = connect(peer.port, peer.host, () => {
          socket.off("error", reject);
          const adopted = this.adopt(socket);
          // why: a later attempt (after a failover) must connect afresh, not reuse a dead link
          adopted.whenBroken(() => {
            if (this.outgoing.get(key) === link) this.outgoing.delete(key);
            if (this.connected.get(key) === adopted) this.connected.delete(key);
          });
          resolve(adopted);
        });
        socket.once("error", (e) => {
          if (this.outgoing.get(key) === link) this.outgoing.delete(key);
          reject(e);
        });
      });
      this.outgoing.set(key, link);
    }
    return link;
  }

  private adopt(socket: Socket): TcpLink {
    const link = new TcpLink(socket, this);
    this.links.push(link);
    link.whenBroken((e) => this.onBroken(e));
    return link;
  }
}
