/**
 * WCAG 2.x contrast arithmetic on #rrggbb colours, used to pick theme shades that stay readable
 * (4.5:1 for body text) instead of trusting a palette's defaults.
 */

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("")}`;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(channel) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` at `opacity` over `bottom`, as the eye sees it. */
export function blend(top: string, bottom: string, opacity: number): string {
  const t = parseHex(top);
  const b = parseHex(bottom);
  return toHex(t.map((v, i) => v * opacity + b[i]! * (1 - opacity)) as Rgb);
}

/** Moves `color` towards `target` (black or white) in small steps until it reaches `ratio` against every background. */
export function nudge(color: string, target: "#000000" | "#ffffff", backgrounds: string[], ratio: number): string {
  let current = color;
  for (let step = 0; step <= 20; step++) {
    if (backgrounds.every((bg) => contrast(current, bg) >= ratio)) return current;
    current = blend(target, color, (step + 1) * 0.05);
  }
  return current;
}

/**
 * The first of `candidates` readable at `ratio` against every background; failing all, the last one
 * nudged towards `target` until it is.
 */
export function firstReadable(candidates: string[], backgrounds: string[], ratio: number, target: "#000000" | "#ffffff"): string {
  for (const c of candidates) if (backgrounds.every((bg) => contrast(c, bg) >= ratio)) return c;
  return nudge(candidates[candidates.length - 1]!, target, backgrounds, ratio);
}
