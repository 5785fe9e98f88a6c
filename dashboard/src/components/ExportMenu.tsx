import { Button, Menu } from "@mantine/core";

type Params = Record<string, string | number | undefined | null>;

/** The export's address for the page's current filters (the table's own, without its page). */
export function exportHref(path: string, params: Params, format: "csv" | "json"): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === "page" || key === "limit" || value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  search.set("format", format);
  return `${path}?${search}`;
}

/**
 * "Export" with CSV and JSON: plain links to the API's export (README "Export"), so the browser streams the
 * download itself with the member's session, however large the file.
 */
export function ExportMenu({ path, params = {}, label = "Export" }: { path: string; params?: Params; label?: string }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm">
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportHref(path, params, "csv")} download>
          CSV (spreadsheets)
        </Menu.Item>
        <Menu.Item component="a" href={exportHref(path, params, "json")} download>
          JSON
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
