import { exports } from "cloudflare:workers";
import type { ServerFrame } from "../../durable-objects/protocol";

/**
 * A browser-like WebSocket whose connections go to the Worker under test (`exports.default.fetch`
 * with `Upgrade: websocket`), so the SDK runs unchanged against the real route, auth and Durable
 * Object inside workerd. A `TestNetwork` owns the sockets and can misbehave like a real network:
 * refuse connections while `offline`, drop a connection abruptly, lose frames in either direction.
 */
export interface TestNetwork {
  /** The class to hand to the SDK (`new OpenBat({ WebSocket: net.WebSocket })`). */
  readonly WebSocket: new (url: string, protocols?: string | string[]) => WorkerWebSocket;
  /** Every socket the SDK opened, in order (failed attempts included). */
  readonly sockets: WorkerWebSocket[];
  /** While true, new connections fail at once, as with no network (they never reach the Worker). */
  offline: boolean;
  /** The socket opened last. */
  readonly current: WorkerWebSocket;
  /** Called for every new socket (0-based index) before it connects, to give it faults. */
  configure: ((socket: WorkerWebSocket, index: number) => void) | undefined;
  /** Resolves once `count` sockets have reached the Worker and opened. */
  opened(count: number): Promise<WorkerWebSocket>;
}

type Listener = () => void;

export class WorkerWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readyState = 0;
  binaryType: "blob" | "arraybuffer" = "blob";
  protocol = "";
  readonly extensions = "";
  readonly bufferedAmount = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  /** The subprotocols the client offered. */
  readonly protocols: string[];
  /** The HTTP status the Worker answered (101 when the socket opened). */
  status: number | undefined;
  /** Every frame the client sent on this socket, delivered or not. */
  readonly sent: string[] = [];
  /** Every frame the server sent on this socket, delivered to the client or not. */
  readonly received: ServerFrame[] = [];
  /** While true, frames from the server are lost on the way (the client never sees them). */
  deaf = false;
  /** While true, frames from the client are lost on the way (the server never sees them). */
  mute = false;
  /** When set, the client hears the first frame matching it and nothing after (the socket goes deaf). */
  deafAfter: ((frame: ServerFrame) => boolean) | undefined;
  /** Resolves when the socket opened (or failed to). */
  readonly connecting: Promise<void>;

  private server: WebSocket | null = null;
  private watchers: Listener[] = [];

  constructor(
    readonly url: string,
    protocols: string | string[] | undefined,
    private readonly net: { offline: boolean; onOpen(socket: WorkerWebSocket): void },
  ) {
    super();
    this.protocols = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
    this.connecting = this.connect();
  }

  private async connect(): Promise<void> {
    await Promise.resolve(); // events fire after the constructor returns, as in browsers
    if (this.net.offline) return this.fail();
    const headers = new Headers({ upgrade: "websocket" });
    if (this.protocols.length) headers.set("sec-websocket-protocol", this.protocols.join(", "));
    let response: Response;
    try {
      response = await exports.default.fetch(new Request(this.url.replace(/^ws/, "http"), { headers }));
    } catch {
      return this.fail();
    }
    this.status = response.status;
    const ws = response.webSocket;
    if (!ws) return this.fail();
    ws.accept();
    if (this.readyState !== this.CONNECTING) return ws.close(1000, "closed while connecting");
    this.server = ws;
    this.protocol = response.headers.get("sec-websocket-protocol") ?? "";
    ws.addEventListener("message", (event) => {
      const data = event.data as string;
      const frame = JSON.parse(data) as ServerFrame;
      this.received.push(frame);
      for (const wake of this.watchers.splice(0)) wake();
      if (this.deaf || this.readyState !== this.OPEN) return;
      if (this.deafAfter?.(frame)) this.deaf = true;
      this.fire(new MessageEvent("message", { data }));
    });
    ws.addEventListener("close", (event) => this.finish(event.code, event.reason, event.wasClean));
    this.readyState = this.OPEN;
    this.net.onOpen(this);
    this.fire(new Event("open"));
  }

  send(data: string): void {
    if (this.readyState !== this.OPEN) throw new DOMException("WebSocket is not open", "InvalidStateError");
    this.sent.push(data);
    if (!this.mute) this.server?.send(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState >= this.CLOSING) return;
    this.readyState = this.CLOSING;
    try {
      this.server?.close(code, reason);
    } catch {
      // already gone
    }
    this.finish(code, reason, true);
  }

  /**
   * The network drops: nothing more gets through either way, and the client learns it the way browsers
   * report a lost connection (close code 1006, not clean). Frames already on their way to the server
   * are still processed there; their answers are lost.
   */
  cut(): void {
    this.deaf = true;
    this.mute = true;
    try {
      this.server?.close(1001, "network lost");
    } catch {
      // already gone
    }
    this.finish(1006, "", false);
  }

  /** Resolves once the server has sent a frame matching `match` (delivered or not). */
  async serverSent(match: (frame: ServerFrame) => boolean): Promise<void> {
    while (!this.received.some(match)) await new Promise<void>((wake) => this.watchers.push(wake));
  }

  private fail(): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.fire(new Event("error"));
    this.fire(new CloseEvent("close", { code: 1006, reason: "", wasClean: false }));
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.fire(new CloseEvent("close", { code, reason, wasClean }));
  }

  private fire(event: Event): void {
    const handler = (this as unknown as Record<string, ((e: Event) => void) | null>)[`on${event.type}`];
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** A fresh network for one test. */
export function testNetwork(): TestNetwork {
  const sockets: WorkerWebSocket[] = [];
  const open: WorkerWebSocket[] = [];
  let waiters: Listener[] = [];
  const net = {
    offline: false,
    onOpen(socket: WorkerWebSocket) {
      open.push(socket);
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
  };
  const network: TestNetwork = {
    configure: undefined,
    WebSocket: class extends WorkerWebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, net);
        sockets.push(this);
        network.configure?.(this, sockets.length - 1);
      }
    },
    sockets,
    get offline() {
      return net.offline;
    },
    set offline(value: boolean) {
      net.offline = value;
    },
    get current() {
      const last = sockets[sockets.length - 1];
      if (!last) throw new Error("no socket opened yet");
      return last;
    },
    async opened(count: number) {
      while (open.length < count) await new Promise<void>((wake) => waiters.push(wake));
      return open[count - 1]!;
    },
  };
  return network;
}
