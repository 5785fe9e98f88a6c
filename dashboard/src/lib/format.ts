/** How numbers, money, dates and slugs read in the dashboard. */

/**
 * Each formatter is made on its first use and kept: making one costs milliseconds (the locale's data and
 * patterns), and a page's first render should not pay for formats it does not show.
 */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
const numberFormat = lazy(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }));
const moneyFormat = lazy(() => new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", maximumFractionDigits: 0 }));
const dateTime = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }));
const dateOnly = lazy(() => new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" }));
const hourOnly = lazy(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }));
const timeOnly = lazy(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }));

export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? "—" : numberFormat().format(n));
export const formatMoney = (n: number | null | undefined) => (n === null || n === undefined ? "—" : moneyFormat().format(n));
export const formatScore = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);
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
