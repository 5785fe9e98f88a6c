/**
 * One live-feed WebSocket per open chatbot (README "Live feed"): `hello`, then `batch` frames at most
 * every 250 ms. The provider keeps the newest feed items (messages with their sentiment once analysed)
 * so pages can mount and unmount without losing them, and lets pages subscribe to raw events.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api } from "../api/client";
import { queryClient } from "../api/query-client";
import type { FeedFrame, LiveCounters, LiveEvent } from "../api/types";
import { liveRefreshDue } from "./refresh-backoff";

export const FEED_LIMIT = 50;
/** Live analytics refetch at most this often under traffic: counts move at once, full figures follow. */
export const LIVE_REFRESH_MS = 2500;
/**
 * Reads of the index (attention queue, conversations table) refetch this long after an `indexed` frame, so
 * the frames of a burst (one per 100 ms tick at most) make one request, not one each.
 */
export const INDEXED_REFRESH_MS = 150;

export interface FeedItem {
  key: string;
  conversationId: string;
  externalId: string;
  seq: number;
  role: string;
  content: string;
  receivedAt: number;
  user: { id: string; email?: string; name?: string } | null;
  organization: { id: string; name?: string } | null;
  plan: string | null;
  /** undefined until the annotation arrives; null when the message has no sentiment (assistant replies). */
  sentiment: { score: number; label: string } | null | undefined;
  flags: string[];
}

export type LiveStatus = "connecting" | "live" | "offline";

type Listener = (events: LiveEvent[]) => void;
type IndexedListener = (conversationIds: string[]) => void;

interface LiveFeedValue {
  status: LiveStatus;
  counters: LiveCounters | null;
  feed: FeedItem[];
  /** Events skipped by the server under a burst since this page opened. */
  dropped: number;
  subscribe: (listener: Listener) => () => void;
  /** Calls the listener with the ids of every `indexed` frame (their rows are now in D1). */
  subscribeIndexed: (listener: IndexedListener) => () => void;
}

const LiveFeedContext = createContext<LiveFeedValue | null>(null);

export function applyEvents(feed: FeedItem[], events: LiveEvent[]): FeedItem[] {
  let next = feed;
  for (const event of events) {
    if (event.type === "message") {
      const key = `${event.conversationId}:${event.message.seq}`;
      if (next.some((item) => item.key === key)) continue;
      next = [
        {
          key,
          conversationId: event.conversationId,
          externalId: event.externalId,
          seq: event.message.seq,
          role: event.message.role,
          content: event.message.content,
          receivedAt: event.message.receivedAt,
          user: event.user,
          organization: event.organization ?? null,
          plan: event.plan ?? null,
          sentiment: event.message.role === "user" ? undefined : null,
          flags: [],
        },
        ...next,
      ].slice(0, FEED_LIMIT);
    } else if (event.type === "annotation") {
      const key = `${event.conversationId}:${event.seq}`;
      next = next.map((item) => (item.key === key ? { ...item, sentiment: event.sentiment, flags: [...event.flags, ...event.behaviours] } : item));
    }
  }
  return next;
}

/** Close codes of a refused feed: key or session gone (4001), access lost (4003), chatbot gone (4004). */
const REFUSED = new Set([4001, 4003, 4004]);

/**
 * `onLost`: the feed closed with a refusal (4001/4003/4004) or failed to come back; the caller re-checks that the
 * member may still see the chatbot (a removed member's page then says so instead of "Reconnecting…" for ever).
 */
export function LiveFeedProvider({ chatbotId, onLost, children }: { chatbotId: string; onLost?: () => void; children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [counters, setCounters] = useState<LiveCounters | null>(null);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [dropped, setDropped] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const lost = useRef(onLost);
  lost.current = onLost;
  const indexedListeners = useRef(new Set<IndexedListener>());

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let attempts = 0;
    let closed = false;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    // Queries that asked for it (useQuery's liveChatbotId) are invalidated, coalesced over LIVE_REFRESH_MS; one
    // whose endpoint is failing only after a growing wait (refresh-backoff.ts), except after a reconnection (`now`).
    const refreshLiveQueries = (now: boolean) => {
      const run = () => {
        refresh = undefined;
        void queryClient.invalidateQueries({ predicate: (q) => q.meta?.liveChatbotId === chatbotId && (now || liveRefreshDue(q)) });
      };
      if (now) run();
      else refresh ??= setTimeout(run, LIVE_REFRESH_MS);
    };
    let indexedRefresh: ReturnType<typeof setTimeout> | undefined;
    let indexedAll = false;
    const refreshIndexedQueries = (all = false) => {
      indexedAll ||= all;
      indexedRefresh ??= setTimeout(() => {
        const every = indexedAll;
        indexedRefresh = undefined;
        indexedAll = false;
        void queryClient.invalidateQueries({ predicate: (q) => q.meta?.indexedChatbotId === chatbotId && (every || liveRefreshDue(q)) });
      }, INDEXED_REFRESH_MS);
    };
    let wasOffline = false;
    setFeed([]);
    setCounters(null);
    setDropped(0);

    const connect = () => {
      setStatus("connecting");
      socket = new WebSocket(api.liveFeedUrl(chatbotId));
      socket.onopen = () => {
        attempts = 0;
        ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), 30_000);
      };
      socket.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as FeedFrame;
        if (frame.type === "hello") {
          setStatus("live");
          // Back from a lost connection, whatever happened meanwhile is not in the feed: re-read. On the first connection
          // too, the index's views (the attention queue, the conversations table) were read while this socket was
          // joining, and a conversation indexed in between went only to the viewers already there: re-read those.
          if (wasOffline) refreshLiveQueries(true);
          refreshIndexedQueries(true);
          wasOffline = false;
          setCounters(frame.counters);
        } else if (frame.type === "batch") {
          setCounters(frame.counters);
          if (frame.dropped) setDropped((d) => d + frame.dropped);
          if (frame.events.length) {
            setFeed((current) => applyEvents(current, frame.events));
            for (const listener of listeners.current) listener(frame.events);
            refreshLiveQueries(false);
            // A member's action (status, assignee, labels) is in D1 before it is published: re-read the index's views now.
            if (frame.events.some((e) => e.type === "triage" || e.type === "labels")) refreshIndexedQueries();
          }
        } else if (frame.type === "indexed") {
          // Today's counters are read from the index: they move here, once the messages are written.
          setCounters(frame.counters);
          if (!frame.conversationIds.length) return;
          for (const listener of indexedListeners.current) listener(frame.conversationIds);
          refreshIndexedQueries();
        }
      };
      socket.onclose = (event) => {
        clearInterval(ping);
        if (closed) return;
        setStatus("offline");
        wasOffline = true;
        // A browser is not told why an upgrade failed (a 404 closes with 1006): the second failure in a row asks.
        if (REFUSED.has(event.code) || attempts >= 1) lost.current?.();
        // Back off up to 15 s; the feed is a view, so nothing needs replaying on reconnect.
        retry = setTimeout(connect, Math.min(15_000, 500 * 2 ** attempts++));
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      clearTimeout(refresh);
      clearTimeout(indexedRefresh);
      clearInterval(ping);
      socket?.close();
    };
  }, [chatbotId]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const subscribeIndexed = useCallback((listener: IndexedListener) => {
    indexedListeners.current.add(listener);
    return () => void indexedListeners.current.delete(listener);
  }, []);

  const value = useMemo(() => ({ status, counters, feed, dropped, subscribe, subscribeIndexed }), [status, counters, feed, dropped, subscribe, subscribeIndexed]);
  return <LiveFeedContext.Provider value={value}>{children}</LiveFeedContext.Provider>;
}

export function useLiveFeed(): LiveFeedValue {
  const value = useContext(LiveFeedContext);
  if (!value) throw new Error("useLiveFeed outside LiveFeedProvider");
  return value;
}

/** Calls `listener` with every batch of live events while the component is mounted. */
export function useLiveEvents(listener: Listener): void {
  const { subscribe } = useLiveFeed();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((events) => ref.current(events)), [subscribe]);
}

/** Calls `listener` with the conversation ids of every `indexed` frame while the component is mounted. */
export function useIndexedConversations(listener: IndexedListener): void {
  const { subscribeIndexed } = useLiveFeed();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribeIndexed((ids) => ref.current(ids)), [subscribeIndexed]);
}
