/**
 * Compile-time checks, not a test file: `npm run typecheck` (the first step of `npm test`) compiles this
 * with the rest of test/, and a mismatch fails it. The SDK's types are generated from the server's zod
 * schemas through JSON Schema (scripts/contract/sdk-types.ts; test/generated/sdk-types.test.ts keeps the
 * committed file current). This checks the generation itself: what it produced agrees with what zod infers
 * from the same schemas, so a shape lost or loosened on the way through JSON Schema fails here.
 */
import { expectTypeOf } from "vitest";
import type { z } from "zod";
import type { captureBody } from "../../worker/services/capture";
import type * as Server from "../../durable-objects/protocol";
import type * as Sdk from "../../sdk/src/index";

/** What JSON.stringify makes of a value: the SDK accepts Dates and sends ISO-8601 text. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

// The SDK understands every frame the server sends.
expectTypeOf<Server.ServerFrame>().toExtend<Sdk.ServerFrame>();
expectTypeOf<Server.StoredMessage>().toEqualTypeOf<Sdk.StoredMessage>();

// The SDK sends only frames and capture bodies the server's schemas take.
expectTypeOf<Json<Sdk.ClientFrame>>().toExtend<z.input<typeof Server.clientFrame>>();
expectTypeOf<Json<Sdk.RecordMessagesInput>>().toExtend<z.input<typeof captureBody>>();
