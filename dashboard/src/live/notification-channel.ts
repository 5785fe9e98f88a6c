/**
 * The signed-in member's notification channel (README "Notifications"): one reconnecting socket per tab,
 * opened by the header's notification centre on every signed-in page. Each `notification` frame (and each
 * `hello`, since nothing is replayed) re-reads the notification lists, so the bell's unread count and the
 * Notifications page follow without a reload, whatever the member is looking at.
 */
import ReconnectingWebSocket from "partysocket/ws";
import { useEffect } from "react";
import { api } from "../api/client";
import { queryClient } from "../api/query-client";
import type { MemberFrame } from "../api/types";

/** The prefix of every notification list's query key (the bell's and the Notifications page's). */
export const NOTIFICATIONS_KEY = "notifications";

export function refreshNotifications(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(NOTIFICATIONS_KEY) });
}

export function useNotificationChannel(): void {
  useEffect(() => {
    const socket = new ReconnectingWebSocket(api.notificationsUrl(), [], { minReconnectionDelay: 500, maxReconnectionDelay: 15_000, maxEnqueuedMessages: 0 });
    socket.addEventListener("message", (message) => {
      let frame: MemberFrame;
      try {
        frame = JSON.parse(String(message.data)) as MemberFrame;
      } catch {
        return;
      }
      // Nothing is replayed: on every hello (the first included, as the page's first read may have come before the
      // socket was open) re-read what was written meanwhile.
      if (frame.type === "notification" || frame.type === "hello") void refreshNotifications();
    });
    // A ping keeps proxies from closing an idle socket.
    const ping = setInterval(() => socket.readyState === ReconnectingWebSocket.OPEN && socket.send('{"type":"ping"}'), 30_000);
    return () => {
      clearInterval(ping);
      socket.close();
    };
  }, []);
}
