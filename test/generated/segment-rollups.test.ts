/**
 * The segment rollups' triggers (migrations 0020 and 0021, their hand-written part) are written by
 * scripts/segment-rollup-triggers.ts: this fails when either was changed without the other.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { segmentTriggersSql } from "../../scripts/segment-rollup-triggers";
import { firstDifference } from "./first-difference";

const customPart = (file: string) => {
  const sql = readFileSync(new URL(`../../migrations/${file}`, import.meta.url), "utf8");
  return sql.slice(sql.indexOf("-- Custom part"));
};

describe("segment rollup migrations", () => {
  for (const [migration, file] of [["0020", "0020_segment_rollups.sql"], ["0021", "0021_segment_owner_flags.sql"]] as const) {
    it(`migrations/${file} holds what scripts/segment-rollup-triggers.ts writes for it`, () => {
      expect(firstDifference(customPart(file), segmentTriggersSql(migration))).toBeNull();
    });
  }
});
