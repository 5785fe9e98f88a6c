import "@mantine/dates/styles.css";
import { Button, Group, Stack, Text } from "@mantine/core";
import { DatePicker, type DatesRangeValue } from "@mantine/dates";
import { useState } from "react";
import { customRangeLabel, daysBetween, type Day } from "../lib/range";

/**
 * The custom range's calendar (loaded on demand by RangeControl): two clicks choose the first and last
 * day (the same day twice for a single day), days after today are disabled, and Apply puts the range in
 * the URL. Arrow keys move between days; Enter or Space chooses one.
 */
export default function RangeCalendar({ initial, today, timeZone, onApply, onCancel }: { initial: [Day, Day] | null; today: Day; timeZone: string; onApply: (first: Day, last: Day) => void; onCancel: () => void }) {
  const [value, setValue] = useState<DatesRangeValue<string>>(initial ?? [null, null]);
  const [first, last] = value;
  const complete = first !== null && last !== null;
  return (
    <Stack gap="sm">
      <DatePicker
        type="range"
        allowSingleDateInRange
        value={value}
        onChange={setValue}
        maxDate={today}
        defaultDate={initial?.[1] ?? today}
        // Other months' days are not drawn: dimmed on a selected range they fall short of AA contrast.
        hideOutsideDates
        // The month and year headings keep their visible text as their name ("December 2026").
        ariaLabels={{ previousMonth: "Previous month", nextMonth: "Next month", previousYear: "Previous year", nextYear: "Next year", previousDecade: "Previous decade", nextDecade: "Next decade" }}
      />
      <Text size="xs" c="dimmed" role="status" maw={260}>
        {complete
          ? `${customRangeLabel(first, last, today)}: ${daysBetween(first, last)} ${daysBetween(first, last) === 1 ? "day" : "days"}, ${timeZone}`
          : first
            ? "Now choose the last day (the same day again for one day)."
            : `Choose the first day. Days run from midnight to midnight, ${timeZone}.`}
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" disabled={!complete} onClick={() => complete && onApply(first, last)} data-testid="range-apply">
          Apply
        </Button>
      </Group>
    </Stack>
  );
}
