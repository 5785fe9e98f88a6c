import { Group } from "@mantine/core";
import { DebouncedNumberInput } from "./DebouncedNumberInput";
import { DebouncedTextInput } from "./DebouncedTextInput";

/** The users and organizations tables' filters: search, plan, industry and an MRR range. */
export function PeopleFilters({ values, set, searchLabel }: { values: Record<"q" | "plan" | "industry" | "mrrMin" | "mrrMax", string>; set: (changes: Record<string, string | null>) => void; searchLabel: string }) {
  return (
    <Group gap="sm" align="flex-end">
      <DebouncedTextInput label="Search" placeholder={searchLabel} type="search" value={values.q} onValue={(v) => set({ q: v })} w={{ base: "100%", sm: 260 }} />
      <DebouncedTextInput label="Plan" placeholder="Any" value={values.plan} onValue={(v) => set({ plan: v })} w={140} />
      <DebouncedTextInput label="Industry" placeholder="Any" value={values.industry} onValue={(v) => set({ industry: v })} w={140} />
      <DebouncedNumberInput label="MRR from" min={0} w={120} value={values.mrrMin} onValue={(v) => set({ mrrMin: v })} />
      <DebouncedNumberInput label="MRR to" min={0} w={120} value={values.mrrMax} onValue={(v) => set({ mrrMax: v })} />
    </Group>
  );
}
