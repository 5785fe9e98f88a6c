/**
 * API keys (SPEC §2): random, shown once, stored as SHA-256 + a short display prefix.
 * Plain functions over a drizzle D1 handle; routes only translate.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, chatbots, type ApiKeyKind } from "../db/schema";
import { ApiError, notFound, fieldError } from "../errors";
import { sha256Hex } from "./crypto";
import { newId, randomBase62 } from "./ids";

export const KEY_PREFIX: Record<ApiKeyKind, string> = {
  ingest: "ob_live_",
  publishable: "ob_pub_",
  read: "ob_read_",
  admin: "ob_admin_",
};

/** What a lookup of a valid key yields: who is calling, for which chatbot. */
export interface KeyScope {
  keyId: string;
  kind: ApiKeyKind;
  organizationId: string;
  chatbotId: string;
  chatbotStatus: "pending" | "active" | "archived";
  idleTimeoutMinutes: number;
  allowedOrigins: string[] | null;
  lastUsedAt: number | null;
  /** When the key stops working (null: never); sockets opened with it close then (README, Live sockets). */
  expiresAt: number | null;
  /** Set when a dashboard member (session cookie) is the caller rather than a key. */
  memberId?: string;
  role?: "owner" | "admin" | "member";
}

export interface NewKeyInput {
  organizationId: string;
  chatbotId: string;
  kind: ApiKeyKind;
  name: string;
  allowedOrigins?: string[] | null;
  expiresAt?: number | null;
}

/** The public view of a key: never the secret, never the hash. */
export interface KeyView {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  allowedOrigins: string[] | null;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}

/** 24 random bytes = 192 bits, comfortably above SPEC's 128. */
export function generateSecret(kind: ApiKeyKind): string {
  return KEY_PREFIX[kind] + randomBase62(24);
}

export function displayPrefix(secret: string): string {
  const kindPrefix = secret.slice(0, secret.indexOf("_", 3) + 1);
  return secret.slice(0, kindPrefix.length + 6);
}

/** Creates a key and returns its secret — the only time the secret is ever seen. */
export async function createKey(db: Db, input: NewKeyInput, now = Date.now()): Promise<{ key: KeyView; secret: string }> {
  // A key born expired would be shown once and never work: refuse it, naming the field.
  if (input.expiresAt != null && input.expiresAt <= now) {
    throw fieldError("expiresAt", "must be in the future (epoch milliseconds)");
  }
  const secret = generateSecret(input.kind);
  const row = {
    id: newId("key"),
    organizationId: input.organizationId,
    chatbotId: input.chatbotId,
    kind: input.kind,
    name: input.name,
    prefix: displayPrefix(secret),
    hash: await sha256Hex(secret),
    // Kept once each as browsers send them (`HTTPS://A.example` and `https://a.example` are one origin).
    allowedOrigins: input.allowedOrigins ? [...new Set(input.allowedOrigins)] : null,
    expiresAt: input.expiresAt ?? null,
    createdAt: Date.now(),
  };
  await db.insert(apiKeys).values(row);
  return { key: toView({ ...row, revokedAt: null, lastUsedAt: null }), secret };
}

export async function listKeys(db: Db, chatbotId: string): Promise<KeyView[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.chatbotId, chatbotId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(toView);
}

export async function revokeKey(db: Db, chatbotId: string, keyId: string): Promise<KeyView> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.chatbotId, chatbotId), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) {
    const existing = await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.chatbotId, chatbotId)));
    if (!existing.length) throw notFound("key");
    throw new ApiError("conflict", "key is already revoked");
  }
  return toView(row);
}

/** Rotation: a new secret with the same settings; the old one stops working at once. */
export async function rotateKey(db: Db, chatbotId: string, keyId: string): Promise<{ key: KeyView; secret: string }> {
  const [old] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.chatbotId, chatbotId)));
  if (!old) throw notFound("key");
  if (old.revokedAt) throw revokedKeyRotation();
  // Its copy would be born expired: an expired key is over, as a revoked one is.
  if (old.expiresAt !== null && old.expiresAt <= Date.now()) throw new ApiError("conflict", "an expired key cannot be rotated: create a new key");
  const secret = generateSecret(old.kind);
  const now = Date.now();
  const stillLive = and(eq(apiKeys.id, old.id), isNull(apiKeys.revokedAt));
  // One D1 batch is one transaction: never two live keys, never none. Both statements act only while the old key
  // is still live: another rotation may have revoked it since the read above, and its copy is then the live key.
  // The copy is made from the row as it is now (same kind, name, origins, expiry), inserted before the revoke.
  const [inserted] = await db.batch([
    db
      .insert(apiKeys)
      .select(
        db
          .select({
            id: sql<string>`${newId("key")}`.as("id"),
            organizationId: apiKeys.organizationId,
            chatbotId: apiKeys.chatbotId,
            kind: apiKeys.kind,
            name: apiKeys.name,
            prefix: sql<string>`${displayPrefix(secret)}`.as("prefix"),
            hash: sql<string>`${await sha256Hex(secret)}`.as("hash"),
            allowedOrigins: apiKeys.allowedOrigins,
            expiresAt: apiKeys.expiresAt,
            revokedAt: sql<null>`null`.as("revoked_at"),
            lastUsedAt: sql<null>`null`.as("last_used_at"),
            createdAt: sql<number>`${now}`.as("created_at"),
          })
          .from(apiKeys)
          .where(stillLive),
      )
      .returning(),
    db.update(apiKeys).set({ revokedAt: now }).where(stillLive),
  ]);
  const [row] = inserted;
  // Lost the race: the key was rotated (or revoked) meanwhile, so this is a rotation of a revoked key.
  if (!row) throw revokedKeyRotation();
  return { key: toView(row), secret };
}

const revokedKeyRotation = () => new ApiError("conflict", "a revoked key cannot be rotated");

/** Finds the active key for a presented secret, or null (unknown, revoked or expired). */
export async function findKey(db: Db, secret: string, now = Date.now()): Promise<KeyScope | null> {
  if (!secret.startsWith("ob_")) return null;
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      kind: apiKeys.kind,
      organizationId: apiKeys.organizationId,
      chatbotId: apiKeys.chatbotId,
      chatbotStatus: chatbots.status,
      idleTimeoutMinutes: chatbots.idleTimeoutMinutes,
      allowedOrigins: apiKeys.allowedOrigins,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .innerJoin(chatbots, eq(chatbots.id, apiKeys.chatbotId))
    .where(eq(apiKeys.hash, await sha256Hex(secret)));
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  const { revokedAt: _r, ...scope } = row;
  return { ...scope, allowedOrigins: scope.allowedOrigins ?? null };
}

function toView(row: typeof apiKeys.$inferSelect): KeyView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    allowedOrigins: row.allowedOrigins ?? null,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
  };
}
