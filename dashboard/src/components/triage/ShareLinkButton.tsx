import { Button, CopyButton } from "@mantine/core";

/** Copies the conversation's address (it opens for any member of the organization after log-in). */
export function ShareLinkButton({ chatbotId, conversationId }: { chatbotId: string; conversationId: string }) {
  const url = `${window.location.origin}/chatbots/${encodeURIComponent(chatbotId)}/conversations/${encodeURIComponent(conversationId)}`;
  return (
    <CopyButton value={url}>
      {({ copied, copy }) => (
        <Button size="xs" variant="default" onClick={copy} aria-live="polite" data-share-url={url}>
          {copied ? "Link copied" : "Copy link"}
        </Button>
      )}
    </CopyButton>
  );
}
