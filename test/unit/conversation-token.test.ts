import { describe, expect, it } from "vitest";
import { mintToken, verifyToken } from "../../worker/services/conversation-token";

const claims = { org: "org_1", bot: "cb_1", cid: "chat-1", kid: "key_1", exp: Math.floor(Date.now() / 1000) + 60 };

describe("conversation tokens", () => {
  it("verifies a token it minted", async () => {
    const token = await mintToken("s3cret", claims);
    expect(await verifyToken("s3cret", token)).toEqual(claims);
  });

  it("rejects a token signed with another secret", async () => {
    const token = await mintToken("other", claims);
    expect(await verifyToken("s3cret", token)).toBeNull();
  });

  it("rejects an expired token", async () => {
    const token = await mintToken("s3cret", { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(await verifyToken("s3cret", token)).toBeNull();
  });

  it.each(["", "v1", "v1..", "v2.abc.def", "v1.abc.def.ghi", "v1.!!!.???"])("rejects the malformed token %j", async (token) => {
    expect(await verifyToken("s3cret", token)).toBeNull();
  });
});
