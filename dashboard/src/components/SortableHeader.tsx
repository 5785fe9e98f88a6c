import { Table, UnstyledButton } from "@mantine/core";

/** A column header that sorts the table; says its state to assistive technology with aria-sort. */
export function SortableHeader({
  label,
  field,
  sort,
  order,
  onSort,
  className,
}: {
  label: string;
  field: string;
  sort: string;
  order: "asc" | "desc";
  onSort: (field: string, order: "asc" | "desc") => void;
  className?: string;
}) {
  const active = sort === field;
  const next = active && order === "desc" ? "asc" : "desc";
  return (
    <Table.Th className={className} aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} style={{ whiteSpace: "nowrap" }}>
      <UnstyledButton onClick={() => onSort(field, next)} className="focus-ring touch-target" fw={600} fz="sm" aria-label={`Sort by ${label}, ${next === "asc" ? "ascending" : "descending"}`}>
        {label} <span aria-hidden="true">{active ? (order === "asc" ? "▲" : "▼") : "↕"}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
