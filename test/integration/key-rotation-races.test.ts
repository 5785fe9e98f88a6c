/**
 * Two rotations of one API key made by requests that interleave: each reads the key, finds it live and revokes it
 * while adding its copy, and the other may do so between the read and the write (test/helpers/interleaved-d1.ts).
 * Never two live keys: the second rotation finds the key already rotated and answers as a rotation of a revoked key.
 */
import { env } from "cloudflare:workers";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { apiKeys } from "../../worker/db/schema";
import { ApiError } from "../../worker/errors";
import { createKey, findKey, rotateKey } from "../../worker/services/keys";
import { onceAfter } from "../helpers/interleaved-d1";
import { createTenant } from "../helpers/tenant";

const db = () => createDb(env.DB);

/** A database on which `other` runs once, through the real database, right after the first read of a key. */
function otherAfterFirstRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /^select .* from "api_keys"/, other);
}

describe("two rotations of one key at the same time", () => {
  it("leaves one live key: the second answers 409 as a revoked key's rotation does and adds no key", async () => {
    const t = await createTenant();
    const { key } = await createKey(db(), { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "Reporting" });
    let first: { key: { id: string }; secret: string } | undefined;
    const racing = otherAfterFirstRead(async () => {
      first = await rotateKey(db(), t.chatbotId, key.id);
    });
    const error = await rotateKey(createDb(racing), t.chatbotId, key.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toBe("a revoked key cannot be rotated");

    const named = await db().select().from(apiKeys).where(and(eq(apiKeys.chatbotId, t.chatbotId), eq(apiKeys.name, "Reporting")));
    expect(named).toHaveLength(2);
    const live = named.filter((k) => k.revokedAt === null);
    expect(live.map((k) => k.id)).toEqual([first!.key.id]);
    expect(await findKey(db(), first!.secret)).toMatchObject({ keyId: first!.key.id });
  });

  it("still rotates a live key, copying its kind, name, origins and expiry and revoking it in the same write", async () => {
    const t = await createTenant();
    const expiresAt = Date.now() + 86_400_000;
    const { key, secret } = await createKey(db(), {
      organizationId: t.organizationId,
      chatbotId: t.chatbotId,
      kind: "publishable",
      name: "Widget",
      allowedOrigins: ["https://shop.example"],
      expiresAt,
    });
    const rotated = await rotateKey(db(), t.chatbotId, key.id);
    expect(rotated.key).toMatchObject({ kind: "publishable", name: "Widget", allowedOrigins: ["https://shop.example"], expiresAt, revokedAt: null, lastUsedAt: null });
    expect(rotated.key.id).not.toBe(key.id);
    expect(rotated.secret.startsWith("ob_pub_")).toBe(true);
    expect(await findKey(db(), secret)).toBeNull();
    expect(await findKey(db(), rotated.secret)).toMatchObject({ keyId: rotated.key.id, allowedOrigins: ["https://shop.example"], expiresAt });
    const live = await db().select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.name, "Widget"), eq(apiKeys.chatbotId, t.chatbotId), isNull(apiKeys.revokedAt)));
    expect(live).toEqual([{ id: rotated.key.id }]);
  });
});
