/**
 * Sockets outlive the sessions they were opened with unless someone closes them (durable-objects/session-sockets.ts):
 * when a member's session ends (log-out), all of them do (password reset), or the member leaves an
 * organization, this closes their notification channel's sockets and their live feeds with 4001.
 *
 * Which chatbots a member watches is not known centrally, so the feeds are closed on every chatbot of the
 * organizations concerned (one RPC each, to that chatbot's Durable Object; D1 lists them). A member's
 * organizations hold few chatbots and these events are rare, so that costs less than keeping a registry
 * right. Closing is a courtesy to the action that ended the session: every failure is logged, none is thrown.
 */
import { eq } from "drizzle-orm";
import type { ChatbotLive } from "../../durable-objects/chatbot-live";
import type { SessionEndCause } from "../../durable-objects/session-sockets";
import type { Db } from "../db/client";
import { chatbots, memberships } from "../db/schema";
import { endChannelSessions } from "../notifications/channel";

/** Chatbot objects told at once. */
const CONCURRENCY = 25;

/**
 * A session of the member ended (log-out: `sessionId`) or every one did (password reset): closes its sockets,
 * the notification channel's and the live feeds' on the chatbots of every organization the member belongs to.
 */
export async function endSessionSockets(env: Pick<Env, "MEMBER_CHANNEL" | "CHATBOT_LIVE">, db: Db, memberId: string, sessionId?: string): Promise<void> {
  const chatbotIds = () =>
    db
      .select({ id: chatbots.id })
      .from(chatbots)
      .innerJoin(memberships, eq(memberships.organizationId, chatbots.organizationId))
      .where(eq(memberships.memberId, memberId));
  await Promise.all([endChannelSessions(env, memberId, sessionId), endFeeds(env, chatbotIds, memberId, sessionId)]);
}

/**
 * The member is out of the organization, `cause` "removed" (by an admin) or "left" (their own doing): closes
 * every live feed of theirs on its chatbots, the close reason saying which — their session lives on.
 */
export async function endOrganizationFeeds(env: Pick<Env, "CHATBOT_LIVE">, db: Db, organizationId: string, memberId: string, cause: Exclude<SessionEndCause, "ended">): Promise<void> {
  await endFeeds(env, () => db.select({ id: chatbots.id }).from(chatbots).where(eq(chatbots.organizationId, organizationId)), memberId, undefined, cause);
}

async function endFeeds(env: Pick<Env, "CHATBOT_LIVE">, list: () => Promise<{ id: string }[]>, memberId: string, sessionId?: string, cause: SessionEndCause = "ended"): Promise<void> {
  let rows: { id: string }[];
  try {
    rows = await list();
  } catch (error) {
    console.error("listing chatbots to close a member's live feeds failed", { memberId, error: String(error) });
    return;
  }
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  for (let i = 0; i < rows.length; i += CONCURRENCY) {
    await Promise.all(
      rows.slice(i, i + CONCURRENCY).map(({ id }) =>
        ns
          .get(ns.idFromName(id))
          .endSessions(memberId, sessionId, cause)
          .catch((error: unknown) => console.error("closing a member's live feed failed", { memberId, chatbotId: id, error: String(error) })),
      ),
    );
  }
}
