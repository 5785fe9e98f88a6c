/**
 * One MCP server instance per HTTP request, bound to the chatbot of the key that made it. The tools answer
 * with their JSON twice, as the MCP specification asks of structured results: as `structuredContent` for
 * programs and as a text block for models. A failure answers `isError: true` with the product's error
 * envelope, so a tool error reads like the REST API's (`not_found`, `invalid_request`, …).
 */
import { McpServer, type CallToolResult } from "@modelcontextprotocol/server";
import { ApiError, envelope } from "../errors";
import { toolArguments } from "./tool-arguments";
import { TOOLS, type ToolContext } from "./tools";

export const SERVER_INFO = { name: "openbat", version: "1.0.0" } as const;

const INSTRUCTIONS =
  "OpenBat conversation analytics for one chatbot (the one the API key belongs to). Start with review_digest for a time window, then open the conversations it names with get_conversation. Times are epoch milliseconds; inputs also take ISO-8601.";

function answer(value: object, isError = false): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown>, ...(isError ? { isError } : {}) };
}

export function openBatMcpServer(ctx: ToolContext, requestId: string): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      // Strict: an argument the tool does not take is refused, not ignored (a misspelt filter would widen the answer).
      { title: tool.title, description: tool.description, inputSchema: toolArguments(tool.input), annotations: { readOnlyHint: true, openWorldHint: false } },
      async (input: unknown) => {
        try {
          return answer(await tool.run(ctx, input as never));
        } catch (error) {
          if (error instanceof ApiError) return answer(envelope(error, requestId), true);
          // Unknown failures are logged with the request id and answered without internals, as app.onError does.
          console.error("mcp tool failed", { requestId, tool: tool.name, error: error instanceof Error ? error.stack : String(error) });
          return answer(envelope(new ApiError("internal_error", "something went wrong on our side"), requestId), true);
        }
      },
    );
  }
  return server;
}
