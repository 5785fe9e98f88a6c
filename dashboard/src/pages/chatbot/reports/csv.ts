/** A report's figures as CSV (one row per figure), built from the same answer the page shows. */
import type { Report, ReportData } from "../../../api/types";
import { filterSummary, widgetTitle } from "./catalog";

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? "" : String(v);
  // Quoted when needed, and a leading =, +, - or @ neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const iso = (t: number) => new Date(t).toISOString();

/** The date a series bucket starts on in `zone` (the answer's: the viewer's), as YYYY-MM-DD. */
const dayIn = (zone: string) => {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (t: number) => format.format(t);
};

export function reportCsv(report: Report, data: ReportData): string {
  const lines: (string | number | null | undefined)[][] = [["widget", "type", "filters", "item", "value", "previous", "change", "conversations"]];
  const day = dayIn(data.timeZone);
  for (const answer of data.widgets) {
    const widget = report.layout.widgets.find((w) => w.id === answer.id);
    const head = [widget ? widgetTitle(widget) : answer.type, answer.type, filterSummary(answer.filters)];
    const d = answer.data;
    switch (d.kind) {
      case "stat":
        lines.push([...head, `${iso(data.range.from)}/${iso(data.range.to)}`, d.trend.value, d.trend.previous, d.trend.change, null]);
        break;
      case "series":
        for (const p of d.points) lines.push([...head, day(p.start), p.value, null, null, null]);
        break;
      case "categories":
        for (const i of d.items) lines.push([...head, i.key ?? "", i.value, null, null, i.conversations]);
        break;
      case "topics":
        for (const r of d.rows) lines.push([...head, r.topic, r.messages, null, null, r.conversations]);
        break;
      case "conversations":
        for (const r of d.rows) lines.push([...head, r.externalId, r.sentiment?.average ?? null, null, null, null]);
        break;
    }
  }
  return lines.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name.replace(/[^\w -]+/g, "").trim() || "report"}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
