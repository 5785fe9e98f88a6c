/** How numbers, money, dates and slugs read in the dashboard. */

/**
 * Each formatter is made on its first use and kept: making one costs milliseconds (the locale's data and
 * patterns), and a page's first render should not pay for formats it does not show.
 */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
const dateTime = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }));
const dateOnly = lazy(() => new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" }));
const hourOnly = lazy(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }));
const timeOnly = lazy(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }));

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Whole numbers or whole dollars in `locale` (the browser's own when none is named), made once per locale and kept. */
function numberFormat(kind: "number" | "money", locale?: string): Intl.NumberFormat {
  const key = `${kind}:${locale ?? ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, kind === "money" ? { style: "currency", currency: "USD", maximumFractionDigits: 0 } : { maximumFractionDigits: 0 });
    numberFormats.set(key, format);
  }
  return format;
}

/** How a figure is written: a count, a sentiment score (−1…+1), a rate (0…1) or dollars. */
export type FigureFormat = "number" | "score" | "percent" | "money";

/**
 * A figure as the dashboard writes it; "—" when there is none. `locale` names the language (the Worker's first
 * paint names the request's, worker/first-paint); the browser's own otherwise.
 */
export function formatFigure(format: FigureFormat, n: number | null | undefined, locale?: string): string {
  if (n === null || n === undefined) return "—";
  if (format === "score") return `${n > 0 ? "+" : ""}${n.toFixed(2)}`;
  if (format === "percent") return formatPercent(n);
  return numberFormat(format, locale).format(n);
}

export const formatNumber = (n: number | null | undefined) => formatFigure("number", n);
export const formatMoney = (n: number | null | undefined) => formatFigure("money", n);
export const formatScore = (n: number | null | undefined) => formatFigure("score", n);
export const formatPercent = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? "—" : `${(n * 100).toFixed(digits)}%`);
export const formatDateTime = (t: number | null | undefined) => (t ? dateTime().format(t) : "—");
export const formatDay = (t: number) => dateOnly().format(t);
export const formatHour = (t: number) => hourOnly().format(t);
export const formatTime = (t: number) => timeOnly().format(t);

/** "churn_risk" → "Churn risk". */
export function humanize(slug: string | null | undefined): string {
  if (!slug) return "—";
  const words = slug.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "3 minutes ago", for last-activity columns. */
export function formatAgo(t: number | null | undefined, now = Date.now()): string {
  if (!t) return "—";
  const s = Math.round((now - t) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 30) return `${d} d ago`;
  return dateTime().format(t);
}
