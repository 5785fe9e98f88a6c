import { Button, Checkbox, Popover, Stack } from "@mantine/core";

/** Which columns a table shows. */
export function ColumnToggle<C extends string>({ columns, visible, onChange }: { columns: { key: C; label: string }[]; visible: C[]; onChange: (next: C[]) => void }) {
  return (
    <Popover position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button variant="default">Columns</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group label="Show columns" value={visible} onChange={(v) => onChange(columns.map((c) => c.key).filter((k) => v.includes(k)))}>
          <Stack gap={6} mt={6}>
            {columns.map((c) => (
              <Checkbox key={c.key} value={c.key} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
