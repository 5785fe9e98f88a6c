/**
 * A tool's arguments are checked by the MCP SDK before the tool runs, and it words each refusal as the schema's
 * issue says it (`id: Invalid input: expected string, received undefined`). The schema handed to it here refuses
 * in the REST API's words instead (worker/errors.ts fieldIssues): a field left out is "required", an empty id
 * "must not be empty" (README, API and MCP). The SDK still writes `<field>: <reason>` and its prefix around them.
 */
import type { z } from "zod";
import { fieldIssues } from "../errors";

/** `schema`, strict (an argument the tool does not take is refused, not ignored), refusing in the REST API's words. */
export function toolArguments(schema: z.ZodObject): z.ZodObject {
  const strict = schema.strict();
  const validate: z.ZodObject["~standard"]["validate"] = (value) => {
    const parsed = strict.safeParse(value);
    if (parsed.success) return { value: parsed.data };
    const known = parsed.error.issues.filter((issue) => issue.code !== "unrecognized_keys");
    // A name the tool does not take is said without a field before it (`Unrecognized key: "bogus"`), as the SDK did.
    const unknown = parsed.error.issues.filter((issue) => issue.code === "unrecognized_keys").map((issue) => ({ message: issue.message }));
    const named = fieldIssues(known, "", value).map((d) => (d.field ? { message: d.message, path: d.field.split(".") } : { message: d.message }));
    return { issues: [...named, ...unknown] };
  };
  strict["~standard"] = { ...strict["~standard"], validate };
  return strict;
}
