/**
 * An export as a streamed download: rows are read a page at a time and written out as they come, so a
 * large table never sits whole in the Worker's memory and the first bytes leave at once. CSV gets a header
 * line then one line per row; JSON is one array of the API's rows (a transcript: one object with its
 * messages array), written element by element.
 */
import { z } from "zod";
import { ApiError } from "../errors";
import { csvLine, type Cell } from "./csv";
import type { Column } from "./columns";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const formatField = { format: z.enum(EXPORT_FORMATS).default("csv").describe("`csv` (default) or `json`") };

/** Rows read from D1 per page while streaming. */
export const EXPORT_PAGE = 1_000;
/** The most rows one export answers; more is refused up front (narrow the filters) rather than cut off. */
export const EXPORT_MAX_ROWS = 100_000;

const CONTENT_TYPE: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" };

/** Reads rows from `offset`, at most `limit` of them; fewer than `limit` means the end. */
export type PageReader<T> = (offset: number, limit: number) => Promise<T[]>;

export interface TableExport<T, J> {
  format: ExportFormat;
  /** Without extension, e.g. `conversations-2026-12-02`. */
  filename: string;
  columns: readonly Column<T>[];
  /** The API's row for the JSON format. */
  json: (row: T) => J;
  /** How many rows match, counted before the first is written. */
  total: number;
  read: PageReader<T>;
}

export function tableExport<T, J>(e: TableExport<T, J>): Response {
  if (e.total > EXPORT_MAX_ROWS) {
    throw new ApiError("invalid_request", `${e.total} rows match; an export takes at most ${EXPORT_MAX_ROWS}: narrow the filters or the range`, [
      { field: "query", message: `${e.total} rows match, over the ${EXPORT_MAX_ROWS}-row limit` },
    ]);
  }
  let offset = 0;
  let done = false;
  const body = chunks(async (first) => {
    if (done) return null;
    const rows = await e.read(offset, EXPORT_PAGE);
    offset += rows.length;
    done = rows.length < EXPORT_PAGE || offset >= EXPORT_MAX_ROWS;
    const lines = e.format === "csv" ? rows.map((r) => csvLine(e.columns.map((c) => c.cell(r)))) : rows.map((r, i) => `${first && i === 0 ? "" : ",\n"}${JSON.stringify(e.json(r))}`);
    const head = first ? (e.format === "csv" ? csvLine(e.columns.map((c) => c.header as Cell)) : "[\n") : "";
    return head + lines.join("") + (done && e.format === "json" ? "\n]\n" : "");
  });
  return download(body, e.format, e.filename, { "x-export-rows": String(e.total) });
}

/**
 * A response whose body is produced piece by piece: `next(first)` gives the next piece, or null at the end.
 * A failure midway ends the download with an error (the status has already gone), and is logged.
 */
export function chunks(next: (first: boolean) => Promise<string | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Every pull must enqueue or close, or the reader waits forever: skip empty pieces here.
        let piece: string | null;
        do {
          piece = await next(first);
          first = false;
        } while (piece === "");
        if (piece === null) return controller.close();
        controller.enqueue(encoder.encode(piece));
      } catch (error) {
        console.error("export stream failed", { error: String(error) });
        controller.error(error);
      }
    },
  });
}

export function download(body: ReadableStream<Uint8Array>, format: ExportFormat, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPE[format],
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}.${format}"`,
      "cache-control": "no-store",
      ...headers,
    },
  });
}
