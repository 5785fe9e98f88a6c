/**
 * WebSocket clients that cannot set headers (Node's and the browser's WebSocket) may offer their key as a
 * subprotocol: `new WebSocket(url, ["openbat", key])`. The server answers with `openbat`, which such a client
 * must hear chosen or it hangs up.
 */
export const SUBPROTOCOL = "openbat";

const offeredBy = (header: string | null | undefined): string[] => header?.split(",").map((p) => p.trim()) ?? [];

/** The key offered beside `openbat` in a `Sec-WebSocket-Protocol` header, if any. */
export function protocolKey(header: string | null | undefined): string | undefined {
  const offered = offeredBy(header);
  return offered.includes(SUBPROTOCOL) ? offered.find((p) => p.startsWith("ob_")) : undefined;
}

/** The headers of a 101 answer to a request that may have offered `openbat`. */
export function chosenProtocol(header: string | null | undefined): Record<string, string> | undefined {
  return offeredBy(header).includes(SUBPROTOCOL) ? { "sec-websocket-protocol": SUBPROTOCOL } : undefined;
}
