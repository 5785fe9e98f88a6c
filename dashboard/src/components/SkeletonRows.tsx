import { Skeleton, Table } from "@mantine/core";

export function SkeletonRows({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <Table.Tr key={i}>
          {Array.from({ length: columns }, (_, j) => (
            <Table.Td key={j}>
              <Skeleton h={20} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}
