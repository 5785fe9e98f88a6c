import { describe, expect, it } from "vitest";
import { frameId } from "../../durable-objects/frame-id";

const content = "x".repeat(50_000);

describe("the id of a frame refused unparsed", () => {
  it("is read wherever the frame puts it, before or after a large content", () => {
    expect(frameId(JSON.stringify({ type: "message", id: "m-1", role: "user", content }))).toBe("m-1");
    expect(frameId(JSON.stringify({ type: "message", role: "user", content, id: "m-2" }))).toBe("m-2");
    expect(frameId(`{ "type" : "message", "content" : "${content}" ,\n\t"id" : "m-3" }`)).toBe("m-3");
  });

  it("is not fooled by an id written inside the content, nor by one nested in another field", () => {
    const quoted = JSON.stringify({ type: "message", role: "user", content: `say "id":"fake" and \\"id\\":\\"fake\\" ${content}`, id: "real" });
    expect(frameId(quoted)).toBe("real");
    expect(frameId(JSON.stringify({ type: "message", role: "user", content: `"id":"fake" ${content}` }))).toBeUndefined();
    expect(frameId(JSON.stringify({ type: "context", custom: { id: "nested", note: content } }))).toBeUndefined();
    expect(frameId(JSON.stringify({ type: "message", meta: [{ id: "in-a-list" }, "]}"], content, id: "top" }))).toBe("top");
  });

  it("reads escapes in the id, and takes the last id as JSON.parse does", () => {
    expect(frameId(`{"id":"a\\u0062c","content":"${content}"}`)).toBe("abc");
    expect(frameId(`{"id":"first","content":"${content}","id":"last"}`)).toBe("last");
  });

  it("is none when the id is not one a message may have, or the frame cannot be read", () => {
    expect(frameId(JSON.stringify({ content, id: 42 }))).toBeUndefined();
    expect(frameId(JSON.stringify({ content, id: "has space" }))).toBeUndefined();
    expect(frameId(JSON.stringify({ content, id: "x".repeat(129) }))).toBeUndefined();
    expect(frameId(JSON.stringify({ content, id: "" }))).toBeUndefined();
    expect(frameId(`{"content":"${content}","id":"m-1"`)).toBe(undefined);
    expect(frameId(`{"content":"${content}`)).toBeUndefined();
    expect(frameId(`["id","m-1"]`)).toBeUndefined();
    expect(frameId(`{"id":"bad\\q","content":"x"}`)).toBeUndefined();
  });
});
