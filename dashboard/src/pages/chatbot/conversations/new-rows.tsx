import { Button, Paper } from "@mantine/core";
import { useEffect, useRef, useState } from "react";

/** Scrolled further than this, new rows at the top are out of sight: the bar counts them. */
const SCROLLED_PX = 160;

/**
 * Counts rows that appeared at the top of a live list while the reader was scrolled down (README,
 * Conversations: the "N new" bar); back at the top, or after "Show", the count starts over.
 */
export function useNewRows(ids: readonly string[] | undefined, live: boolean): { count: number; reset: () => void } {
  const seen = useRef<Set<string> | null>(null);
  const [count, setCount] = useState(0);

  useEffect(() => {
    if (!ids) return;
    const before = seen.current;
    seen.current = new Set(ids);
    if (!before || !live) return;
    const added = ids.filter((id) => !before.has(id)).length;
    if (added && window.scrollY > SCROLLED_PX) setCount((n) => n + added);
  }, [ids, live]);

  useEffect(() => {
    const onScroll = () => window.scrollY <= SCROLLED_PX && setCount(0);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);

  return { count, reset: () => setCount(0) };
}

/** A bar pinned under the header: "3 new conversations", taking the reader back to the top. */
export function NewRowsBar({ count, noun, onShow }: { count: number; noun: string; onShow: () => void }) {
  if (!count) return null;
  return (
    <Paper shadow="md" radius="xl" p={4} style={{ position: "sticky", top: 64, zIndex: 5, alignSelf: "center" }} data-testid="new-rows-bar">
      <Button
        size="xs"
        radius="xl"
        onClick={() => {
          window.scrollTo({ top: 0, behavior: "smooth" });
          onShow();
        }}
      >
        ↑ {count} new {noun}
      </Button>
    </Paper>
  );
}
