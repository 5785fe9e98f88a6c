import { Button, Group, Loader, Popover, SegmentedControl, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { apiRange, customRangeLabel, dayIn, intervalFor, isRangePreset, RANGE_PRESETS, rangeFromParams, rangeSearch, viewerTimeZone, type ApiRange, type DateRange, type Day, type RangeInterval } from "../lib/range";

// The calendar (@mantine/dates, dayjs and their styles) is a chunk of its own, fetched when the popover first opens.
const loadCalendar = () => import("./RangeCalendar");
const RangeCalendar = lazy(loadCalendar);

export interface DateRangeState {
  range: DateRange;
  /** The API's `from`/`to`, computed once per range: a re-render in a later minute does not ask again. */
  api: ApiRange;
  interval: RangeInterval;
  set: (next: DateRange) => void;
}

/** The page's range in the URL (lib/range.ts: `?range=` or `?from=&to=`), 7 days unless chosen. */
export function useDateRange(): DateRangeState {
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params);
  const id = JSON.stringify(range);
  // Keyed by the range's value (`range` is a new object each render).
  const api = useMemo(() => apiRange(range), [id]);
  const set = (next: DateRange) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(rangeSearch(next))) {
          if (v === null) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
    );
  // A range chosen is a history entry, as a table's filters are: Back returns to the range before.
  return { range, api, interval: intervalFor(range), set };
}

/**
 * The analytics pages' range: the presets, a "Custom" button opening a range calendar (future days
 * disabled, applied with Apply), and the time zone the days are counted in under them. On a phone they wrap.
 */
export function RangeControl() {
  const { range, set } = useDateRange();
  const [opened, setOpened] = useState(false);
  const timeZone = viewerTimeZone();
  const today = dayIn(timeZone);
  const custom = range.kind === "custom" ? customRangeLabel(range.first, range.last, today) : null;
  const apply = (first: Day, last: Day) => {
    setOpened(false);
    set({ kind: "custom", first, last });
  };
  return (
    // The controls, then the zone under them, both at the right: a stack is as wide as its widest line, where a
    // wrapping row with a full-width line took all the room its page header gave it.
    <Stack gap="xs" align="flex-end">
      <Group gap="xs" justify="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Date range"
          // No preset is selected while a custom range is shown.
          value={range.kind === "preset" ? range.preset : ""}
          onChange={(v) => isRangePreset(v) && set({ kind: "preset", preset: v })}
          data={RANGE_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
          size="sm"
        />
        <Popover opened={opened} onChange={setOpened} position="bottom-end" trapFocus returnFocus shadow="md" withinPortal>
          <Popover.Target>
            <Button
              variant={custom ? "light" : "default"}
              size="sm"
              onClick={() => setOpened((o) => !o)}
              onPointerEnter={() => void loadCalendar()}
              onFocus={() => void loadCalendar()}
              aria-label={custom ? `Custom range: ${custom}` : undefined}
              data-testid="range-custom"
            >
              {custom ?? "Custom"}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Suspense fallback={<Loader size="sm" m="xl" aria-label="Loading the calendar" />}>
              <RangeCalendar initial={range.kind === "custom" ? [range.first, range.last] : null} today={today} timeZone={timeZone} onApply={apply} onCancel={() => setOpened(false)} />
            </Suspense>
          </Popover.Dropdown>
        </Popover>
      </Group>
      <Text size="xs" c="dimmed" data-testid="range-time-zone" ta="right">
        Days and &ldquo;today&rdquo; in your time zone, {timeZone}
      </Text>
    </Stack>
  );
}
