import { Badge } from "@mantine/core";
import { languageName, UNDETERMINED } from "../lib/languages";

/** A detected language as a small code badge, its name on hover; nothing before detection ran. */
export function LanguageBadge({ code, size = "sm" }: { code: string | null | undefined; size?: "xs" | "sm" }) {
  if (!code) return null;
  const name = languageName(code);
  return (
    <Badge
      size={size}
      variant="outline"
      color={code === UNDETERMINED ? "gray" : "indigo"}
      tt="none"
      title={code === UNDETERMINED ? "Language undetermined: too short to tell" : `Detected language: ${name}`}
      aria-label={code === UNDETERMINED ? "Language undetermined" : `Language ${name}`}
      style={{ flexShrink: 0 }}
      data-testid="language-badge"
    >
      {code}
    </Badge>
  );
}
