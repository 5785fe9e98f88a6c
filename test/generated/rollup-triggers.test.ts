/**
 * The rollup migrations' triggers (their hand-written part) are written by scripts: the segment rollups'
 * (0020, 0021, 0023) by scripts/segment-rollup-triggers.ts, the daily rollups' (0022) by
 * scripts/day-rollup-triggers.ts. This fails when a migration and its script disagree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dayRollupsSql } from "../../scripts/day-rollup-triggers";
import { segmentTriggersSql } from "../../scripts/segment-rollup-triggers";
import { firstDifference } from "./first-difference";

const customPart = (file: string) => {
  const sql = readFileSync(new URL(`../../migrations/${file}`, import.meta.url), "utf8");
  return sql.slice(sql.indexOf("-- Custom part"));
};

describe("rollup migrations", () => {
  for (const [migration, file] of [["0020", "0020_segment_rollups.sql"], ["0021", "0021_segment_owner_flags.sql"], ["0023", "0023_segment_combinations.sql"]] as const) {
    it(`migrations/${file} holds what scripts/segment-rollup-triggers.ts writes for it`, () => {
      expect(firstDifference(customPart(file), segmentTriggersSql(migration))).toBeNull();
    });
  }

  it("migrations/0022_day_rollups.sql holds what scripts/day-rollup-triggers.ts writes", () => {
    expect(firstDifference(customPart("0022_day_rollups.sql"), dayRollupsSql())).toBeNull();
  });
});
