/**
 * The SDK's protocol types are generated from the server's zod schemas (`npm run api:types`) and
 * committed, so the SDK typechecks and builds without the Worker: this fails when a frame or capture
 * schema changed and the generated file was not brought along.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SDK_TYPES_FILE, sdkTypes } from "../../scripts/contract/sdk-types";
import { firstDifference } from "./first-difference";

describe("generated SDK types", () => {
  it("sdk/src/protocol.generated.ts is what the current protocol schemas generate (else run `npm run api:types`)", async () => {
    const committed = readFileSync(new URL(`../../${SDK_TYPES_FILE}`, import.meta.url), "utf8");
    expect(firstDifference(committed, await sdkTypes())).toBeNull();
  });
});
