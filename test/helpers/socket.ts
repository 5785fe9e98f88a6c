import { exports } from "cloudflare:workers";
import type { ServerFrame } from "../../durable-objects/protocol";
import { BASE } from "./http";

/** A test client for the live protocol: collects every frame and lets a test wait for the next ones. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed = false;
  /** The close code and reason, once closed. */
  closeCode: number | undefined;
  closeReason: string | undefined;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(event.data as string) as ServerFrame);
      this.wake();
    });
    ws.addEventListener("close", (event) => {
      this.closed = true;
      this.closeCode = event.code;
      this.closeReason = event.reason;
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next frame not yet taken (optionally of a type, skipping others), waiting up to `ms`. */
  async next<T extends ServerFrame["type"]>(type?: T, ms = 5_000): Promise<Extract<ServerFrame, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++]!;
        if (!type || frame.type === type) return frame as Extract<ServerFrame, { type: T }>;
      }
      if (this.closed) throw new Error(`socket closed while waiting for ${type ?? "a frame"}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type ?? "a frame"}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Collects `count` frames of a type. */
  async take<T extends ServerFrame["type"]>(type: T, count: number, ms = 15_000): Promise<Extract<ServerFrame, { type: T }>[]> {
    const out: Extract<ServerFrame, { type: T }>[] = [];
    while (out.length < count) out.push(await this.next(type, ms));
    return out;
  }

  close(): void {
    this.ws.close(1000, "done");
  }
}

export interface OpenOptions {
  key?: string;
  headers?: Record<string, string>;
}

/** Opens a live socket through the Worker (the real route, auth and hand-off included). */
export async function openSocket(path: string, options: OpenOptions = {}): Promise<{ socket: TestSocket | null; response: Response }> {
  const headers = new Headers({ upgrade: "websocket", ...options.headers });
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const response = await exports.default.fetch(new Request(`${BASE}${path}`, { headers }));
  const ws = response.webSocket;
  if (!ws) return { socket: null, response };
  ws.accept();
  return { socket: new TestSocket(ws), response };
}

/** Opens a socket that must succeed. */
export async function connect(path: string, options: OpenOptions = {}): Promise<TestSocket> {
  const { socket, response } = await openSocket(path, options);
  if (!socket) throw new Error(`expected a WebSocket, got ${response.status}: ${await response.text()}`);
  return socket;
}
