/**
 * `npm run api:types`: writes every file generated from the contract — the dashboard's API types from the
 * OpenAPI document, the SDK's protocol types from the protocol's zod schemas. Run it after changing a
 * route or a schema; tests in test/generated/ fail until you do. `npm run sdk:build` runs it first.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DASHBOARD_TYPES_FILE, dashboardTypes } from "./contract/dashboard-types";
import { buildOpenApiDocument } from "./contract/openapi-document";
import { SDK_TYPES_FILE, sdkTypes } from "./contract/sdk-types";

const root = fileURLToPath(new URL("..", import.meta.url));

const document = await buildOpenApiDocument();
writeFileSync(`${root}${DASHBOARD_TYPES_FILE}`, await dashboardTypes(document));
writeFileSync(`${root}${SDK_TYPES_FILE}`, await sdkTypes());
console.log(`wrote ${DASHBOARD_TYPES_FILE} and ${SDK_TYPES_FILE}`);
