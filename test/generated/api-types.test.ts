/**
 * The dashboard's API types are generated from the OpenAPI document (`npm run api:types`) and committed,
 * so the dashboard typechecks against the routes as they are: this fails when a route or schema changed
 * and the generated file was not brought along.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DASHBOARD_TYPES_FILE, dashboardTypes } from "../../scripts/contract/dashboard-types";
import { buildOpenApiDocument } from "../../scripts/contract/openapi-document";
import { firstDifference } from "./first-difference";

describe("generated API types", () => {
  it("dashboard/src/api/schema.d.ts is what the current routes generate (else run `npm run api:types`)", async () => {
    const committed = readFileSync(new URL(`../../${DASHBOARD_TYPES_FILE}`, import.meta.url), "utf8");
    expect(firstDifference(committed, await dashboardTypes(await buildOpenApiDocument()))).toBeNull();
  });
});
