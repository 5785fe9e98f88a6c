import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../worker/export/csv";
import { EXPORT_MAX_ROWS, tableExport } from "../../worker/export/stream";

describe("CSV cells", () => {
  it("leaves plain text and numbers as they are and writes nothing for a missing value", () => {
    expect(csvLine(["hello", 42, -0.5, true, null, undefined])).toBe("hello,42,-0.5,true,,\r\n");
  });

  it("quotes a field with a comma, a quote or a line break and doubles its quotes", () => {
    expect(csvCell("Babbage, Charles")).toBe('"Babbage, Charles"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("carriage\rreturn")).toBe('"carriage\rreturn"');
  });

  it("turns text that a spreadsheet would run as a formula into plain text", () => {
    for (const text of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB"]) {
      expect(csvCell(text).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
    }
    expect(csvCell("=1,2")).toBe("\"'=1,2\"");
    // Numbers are not text: a negative MRR or sentiment stays a number.
    expect(csvCell(-3)).toBe("-3");
  });
});

describe("a table export", () => {
  it("is refused with a clear error, before anything is written, when more rows match than an export takes", () => {
    const read = async () => [];
    expect(() => tableExport({ format: "csv", filename: "x", columns: [], json: (r) => r, total: EXPORT_MAX_ROWS + 1, read })).toThrow(/at most 100000/);
  });

  it("streams every page until a short one, header first, and closes a JSON array it opened", async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ n: i }));
    const pages: number[] = [];
    const read = async (offset: number, limit: number) => {
      pages.push(offset);
      return rows.slice(offset, offset + limit);
    };
    const csv = await tableExport({ format: "csv", filename: "n", columns: [{ header: "n", cell: (r: { n: number }) => r.n }], json: (r) => r, total: rows.length, read }).text();
    expect(csv.split("\r\n").slice(0, 3)).toEqual(["n", "0", "1"]);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2_501);
    expect(pages).toEqual([0, 1_000, 2_000]);

    const json = await tableExport({ format: "json", filename: "n", columns: [], json: (r) => r, total: rows.length, read }).text();
    expect(JSON.parse(json)).toEqual(rows);
  });

  it("ends cleanly when the rows fill the last page exactly, and when there are none", async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ n: i }));
    const read = async (offset: number, limit: number) => rows.slice(offset, offset + limit);
    const json = await tableExport({ format: "json", filename: "n", columns: [], json: (r) => r, total: rows.length, read }).text();
    expect(JSON.parse(json)).toHaveLength(1_000);
    const empty = async () => [];
    expect(JSON.parse(await tableExport({ format: "json", filename: "n", columns: [], json: (r) => r, total: 0, read: empty }).text())).toEqual([]);
    expect(await tableExport({ format: "csv", filename: "n", columns: [{ header: "n", cell: () => 1 }], json: (r) => r, total: 0, read: empty }).text()).toBe("n\r\n");
  });
});
