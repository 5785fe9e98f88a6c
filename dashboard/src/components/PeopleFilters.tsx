import { Group, NumberInput } from "@mantine/core";
import { DebouncedTextInput } from "./DebouncedTextInput";

/** The users and organizations tables' filters: search, plan, industry and an MRR range. */
export function PeopleFilters({ values, set, searchLabel }: { values: Record<"q" | "plan" | "industry" | "mrrMin" | "mrrMax", string>; set: (changes: Record<string, string | null>) => void; searchLabel: string }) {
  return (
    <Group gap="sm" align="flex-end">
      <DebouncedTextInput label="Search" placeholder={searchLabel} type="search" value={values.q} onValue={(v) => set({ q: v })} w={{ base: "100%", sm: 260 }} />
      <DebouncedTextInput label="Plan" placeholder="Any" value={values.plan} onValue={(v) => set({ plan: v })} w={140} />
      <DebouncedTextInput label="Industry" placeholder="Any" value={values.industry} onValue={(v) => set({ industry: v })} w={140} />
      <NumberInput label="MRR from" min={0} w={120} value={values.mrrMin} onBlur={(e) => set({ mrrMin: e.currentTarget.value.replace(/[^\d.]/g, "") })} />
      <NumberInput label="MRR to" min={0} w={120} value={values.mrrMax} onBlur={(e) => set({ mrrMax: e.currentTarget.value.replace(/[^\d.]/g, "") })} />
    </Group>
  );
}
