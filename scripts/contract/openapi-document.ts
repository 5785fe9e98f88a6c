/**
 * The OpenAPI document built in Node from the Worker's own route definitions, by the same function that
 * serves GET /api/v1/openapi.json (worker/openapi/document.ts), without its per-host `servers`.
 */
import { importWorkerModules } from "./worker-modules";

export type OpenApiDocument = Record<string, unknown>;

export async function buildOpenApiDocument(): Promise<OpenApiDocument> {
  const module = await importWorkerModules<{ default: OpenApiDocument }>(
    'import { app } from "./worker/app"; import { openApiDocument } from "./worker/openapi/document"; export default openApiDocument(app);',
  );
  return module.default;
}
