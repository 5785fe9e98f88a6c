/**
 * The code a new chatbot's team pastes, with their own keys and this deployment's address filled in.
 * Placeholders stand where a secret is no longer known (keys are shown once).
 */
/** The SDK is not on the npm registry yet: it installs from the file the OpenBat repository packs (README, SDK). */
const INSTALL = `# the SDK is not on the npm registry yet; in the OpenBat repository:
#   npm run sdk:build && npm pack ./sdk
npm install /path/to/openbat-0.1.0.tgz`;

export interface SnippetKeys {
  ingest: string | null;
  publishable: string | null;
  read: string | null;
}

export interface Snippet {
  id: "node" | "nextjs" | "browser" | "verify";
  label: string;
  /** One sentence on where it goes. */
  where: string;
  /** Files or commands, each shown in its own block. */
  blocks: { title: string; code: string }[];
}

const or = (secret: string | null, placeholder: string) => secret ?? placeholder;

export function snippets(baseUrl: string, keys: SnippetKeys): Snippet[] {
  const ingest = or(keys.ingest, "ob_live_… (your ingest key)");
  const publishable = or(keys.publishable, "ob_pub_… (your publishable key)");
  const read = or(keys.read, "ob_read_… (your read key)");
  const env = `OPENBAT_API_KEY=${ingest}\nOPENBAT_BASE_URL=${baseUrl}`;
  return [
    {
      id: "node",
      label: "Plain JS",
      where: "On your server (Node 20+, Workers): record each turn after your bot answers.",
      blocks: [
        { title: "Terminal", code: INSTALL },
        {
          title: "send-first-message.mjs",
          code: `import { OpenBat } from "openbat";

const openbat = new OpenBat({
  apiKey: "${ingest}",
  baseUrl: "${baseUrl}",
});

await openbat.recordMessages({
  conversationId: "first-conversation",
  messages: [
    { role: "user", content: "Hello OpenBat, this is my first message!" },
    { role: "assistant", content: "Hi! Glad to be recorded." },
  ],
  user: { id: "first-user" },
});`,
        },
      ],
    },
    {
      id: "nextjs",
      label: "Next.js + AI SDK",
      where: "A Next.js route that streams with the Vercel AI SDK: withOpenBat records every turn after it is streamed.",
      blocks: [
        { title: "Terminal", code: INSTALL },
        { title: ".env.local", code: env },
        {
          title: "app/api/chat/route.ts",
          code: `import { openai } from "@ai-sdk/openai";
import { convertToModelMessages, streamText, type UIMessage } from "ai";
import { withOpenBat } from "openbat/ai";

export async function POST(req: Request) {
  const { id, messages }: { id: string; messages: UIMessage[] } = await req.json();
  const result = streamText({ model: openai("gpt-4o-mini"), messages: await convertToModelMessages(messages) });
  // Same response, streamed as before; the turn is recorded once it has been delivered.
  return withOpenBat(result.toUIMessageStreamResponse({ originalMessages: messages }), {
    conversationId: id,
    messages,
  });
}`,
        },
      ],
    },
    {
      id: "browser",
      label: "Browser (live)",
      where: "In your web page, with the publishable key: a live conversation over one WebSocket.",
      blocks: [
        {
          title: "chat-widget.js",
          code: `import { OpenBat } from "openbat";

const openbat = new OpenBat({
  apiKey: "${publishable}",
  baseUrl: "${baseUrl}",
});

const conversation = openbat.connect();
await conversation.send({ role: "user", content: "Hello from the browser!" });`,
        },
      ],
    },
    {
      id: "verify",
      label: "Check from a terminal",
      where: "Waits for the next message with the read key: exits 0 when it arrives, 2 if none comes in time.",
      // In a project where the packed SDK is installed: npx would otherwise fetch whatever the public registry calls openbat.
      blocks: [{ title: "Terminal", code: `${INSTALL}
OPENBAT_READ_KEY=${read} OPENBAT_BASE_URL=${baseUrl} npx openbat verify` }],
    },
  ];
}
