/**
 * The README's tables of error frame codes and close codes (Live protocol) list exactly the codes the
 * server uses: the codes come from durable-objects/protocol.ts, where the error frame's schema and the
 * Durable Objects' closes take them from.
 */
import { describe, expect, it } from "vitest";
import readme from "../../README.md?raw";
import { CLOSE, ERROR_FRAME_CODES } from "../../durable-objects/protocol";

/** The first column's `code` of each row of the table that follows `heading` in the README. */
function firstColumn(heading: string): string[] {
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const rows = readme.slice(start).split("\n").slice(1);
  const table = rows.slice(rows.findIndex((line) => line.startsWith("|")));
  return table
    .slice(2, table.findIndex((line) => !line.startsWith("|")))
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? line);
}

describe("README, Live protocol", () => {
  it("lists every error frame code the server sends, and no other", () => {
    expect(firstColumn("Error frame codes").sort()).toEqual([...ERROR_FRAME_CODES].sort());
  });

  it("lists every close code the server closes with, and the echoed client close", () => {
    expect(firstColumn("Close codes").map(Number).sort()).toEqual([1000, ...Object.values(CLOSE)].sort());
  });
});
