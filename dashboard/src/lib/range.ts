/** The date presets of the analytics pages, kept in the URL as `?range=7d`. */
export const RANGE_PRESETS = [
  { value: "today", label: "Today" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];

const DAY = 86_400_000;

export const isRangePreset = (v: string | null): v is RangePreset => RANGE_PRESETS.some((p) => p.value === v);

/** The page's preset from its URL's query string: `?range=`, seven days when absent or unknown. */
export function presetFrom(params: URLSearchParams): RangePreset {
  const value = params.get("range");
  return isRangePreset(value) ? value : "7d";
}

/**
 * The `from` of a preset (the API's `to` defaults to now); "today" starts at local midnight. Whole
 * minutes, so every page opened within the same minute asks for (and shares the cache of) the same range.
 */
export function rangeFrom(preset: RangePreset, now = Date.now()): number {
  if (preset === "today") {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }
  return Math.floor(now / 60_000) * 60_000 - Number.parseInt(preset, 10) * DAY;
}

/** Buckets of the sentiment trend: hours for a day (the rollups' UTC hours, shown at the viewer's clock time), days up to a month, weeks beyond. */
export const intervalFor = (preset: RangePreset) => (preset === "today" ? "hour" : preset === "90d" ? "week" : "day");

/** The viewer's time zone (IANA), in which "today" is counted everywhere the dashboard says today. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
