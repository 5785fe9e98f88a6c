/**
 * Two rotations of one webhook destination's secret made by requests that interleave: each reads the current secret,
 * and the other may write its own between that read and the write (test/helpers/interleaved-d1.ts). Each caller is
 * shown a secret once and gives it to the receiver, so neither may be dropped unseen: the second rotation is made on
 * top of the first, as a rotation inside the overlap window is (only the two latest sign).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { webhookDestinations } from "../../worker/db/schema";
import { ApiError } from "../../worker/errors";
import { newId } from "../../worker/services/ids";
import { rotateBody, rotateDestinationSecret } from "../../worker/webhooks/destinations";
import { decryptSecret, encryptSecret, generateSigningSecret } from "../../worker/webhooks/secrets";
import { interleaved, onceAfter } from "../helpers/interleaved-d1";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = () => createDb(env.DB);
const rotation = (overlapSeconds?: number) => rotateBody.parse(overlapSeconds === undefined ? {} : { overlapSeconds });

/** A destination stored as creating one stores it; the address check is not what is tested here. */
async function destination(t: Tenant) {
  const secret = generateSigningSecret();
  const id = newId("dst");
  await db()
    .insert(webhookDestinations)
    .values({
      id,
      organizationId: t.organizationId,
      chatbotId: t.chatbotId,
      name: "Ops",
      kind: "custom",
      url: "https://hooks.example.com/openbat",
      secretCiphertext: await encryptSecret(env.SECRETS_KEY, secret),
      secretPrefix: secret.slice(0, 12),
    });
  return { id, secret };
}

/** The secrets that sign the destination's deliveries now: the current one, then the previous one in its window. */
async function signing(id: string) {
  const row = (await db().select().from(webhookDestinations).where(eq(webhookDestinations.id, id)).get())!;
  const previous = row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > Date.now() ? [await decryptSecret(env.SECRETS_KEY, row.previousSecretCiphertext)] : [];
  return [await decryptSecret(env.SECRETS_KEY, row.secretCiphertext), ...previous];
}

/** A database on which `other` runs once, through the real database, right after the first read of a destination. */
function otherAfterFirstRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /^select .* from "webhook_destinations"/, other);
}

describe("two rotations of a destination's secret at the same time", () => {
  it("keeps the first one's new secret signing beside the second's, and drops the one both replaced", async () => {
    const t = await createTenant();
    const d = await destination(t);
    let first: { secret: string } | undefined;
    const racing = otherAfterFirstRead(async () => {
      first = await rotateDestinationSecret(db(), env, t.chatbotId, d.id, rotation(3600));
    });
    const second = await rotateDestinationSecret(createDb(racing), env, t.chatbotId, d.id, rotation(3600));
    expect(second.secret).not.toBe(first!.secret);
    expect(await signing(d.id)).toEqual([second.secret, first!.secret]);
    expect(second.previousSecretExpiresAt).toBeGreaterThan(Date.now());
  });

  it("keeps only the second's secret when it asked for no overlap, as a later rotation with none would", async () => {
    const t = await createTenant();
    const d = await destination(t);
    const racing = otherAfterFirstRead(() => rotateDestinationSecret(db(), env, t.chatbotId, d.id, rotation()));
    const second = await rotateDestinationSecret(createDb(racing), env, t.chatbotId, d.id, rotation(0));
    expect(await signing(d.id)).toEqual([second.secret]);
    expect(second.previousSecretExpiresAt).toBeNull();
  });

  it("gives up with a 409 and writes nothing of its own when another rotation lands between every read and write", async () => {
    const t = await createTenant();
    const d = await destination(t);
    let last: { secret: string } | undefined;
    const endless = interleaved(env.DB, async (sql) => {
      if (!/^select .* from "webhook_destinations"/.test(sql)) return;
      last = await rotateDestinationSecret(db(), env, t.chatbotId, d.id, rotation(0));
    });
    const error = await rotateDestinationSecret(createDb(endless), env, t.chatbotId, d.id, rotation()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(await signing(d.id)).toEqual([last!.secret]);
  });

  it("answers 404 for a destination of another chatbot, and changes nothing", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const d = await destination(t);
    const error = await rotateDestinationSecret(db(), env, other.chatbotId, d.id, rotation()).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as ApiError).status).toBe(404);
    expect(await signing(d.id)).toEqual([d.secret]);
  });
});
