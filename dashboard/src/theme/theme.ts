/**
 * The dashboard's Mantine theme, light and dark. Mantine's default shades put grey secondary text at
 * 3.3:1, white on its blue at 3.55:1 and yellow badge text at 2.7:1; here every text-bearing colour
 * variable (dimmed text, links, `c="red"` text, light/outline badge text, filled buttons with white text)
 * is chosen per colour scheme from the palette so it reaches WCAG AA (4.5:1) against the backgrounds it
 * is drawn on. test/unit/dashboard-theme.test.ts checks every one of them.
 */
import { Anchor, Badge, createTheme, DEFAULT_THEME, Drawer, Modal, rem, TableScrollContainer, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";
import { blend, firstReadable } from "./contrast";

/** Mantine's `darken` (towards black by `amount`), kept as #rrggbb so the contrast checks can read it. */
const darken = (color: string, amount: number) => blend("#000000", color, amount);

export const AA = 4.5;
const WHITE = DEFAULT_THEME.white;
const BLACK = DEFAULT_THEME.black;

export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  // Focus rings for keyboard users on every Mantine control.
  focusRing: "auto",
  components: {
    // Links are underlined: inside a sentence, colour alone does not tell them apart (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: "always" } }),
    // Badges never below 11 px, and never cut short: a badge says one short thing, so it gets its width.
    Badge: Badge.extend({
      vars: (_theme, props) => ({
        root: props.size === "xs" ? { "--badge-fz": rem(11), "--badge-height": rem(20) } : props.size === "sm" || props.size === undefined ? { "--badge-fz": rem(12), "--badge-height": rem(22) } : {},
      }),
    }),
    // Every drawer's and dialog's ✕ says what it does to a screen reader (Mantine's has no name of its own).
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    // A table wider than its box scrolls sideways; its viewport takes focus so the keyboard can scroll it too.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0, className: "focus-ring-inset" } as object } },
    }),
  },
});

const colors = theme.colors ?? DEFAULT_THEME.colors;
const palette = (name: string): MantineColorsTuple => (colors[name] ?? DEFAULT_THEME.colors[name]) as MantineColorsTuple;
const dark = palette("dark");
const gray = palette("gray");

const blue = palette("blue");
/** A user's message bubble in a conversation: a faint tint of blue (light), a deep one (dark). */
export const BUBBLE = { light: blend(blue[1], WHITE, 0.45), dark: darken(blue[9], 0.6) } as const;

/** The surfaces text sits on, per scheme: the page, cards, inputs, hover fills and message bubbles. */
export const SURFACES = {
  light: [WHITE, gray[0], gray[1], BUBBLE.light],
  dark: [dark[7], dark[6], dark[5], BUBBLE.dark],
} as const;

export type SchemeVariables = Record<string, string>;

/** Every text-bearing colour variable of one colour in one scheme, made readable. */
export function colorVariables(name: string, scheme: "light" | "dark"): SchemeVariables {
  const c = palette(name);
  const surfaces = [...SURFACES[scheme]];
  if (scheme === "light") {
    const lightBg = c[1];
    const text = firstReadable([c[6], c[7], c[8], c[9]], surfaces, AA, "#000000");
    const filled = firstReadable([c[7], c[8], c[9]], [WHITE], AA, "#000000");
    return {
      [`--mantine-color-${name}-text`]: text,
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.1),
      [`--mantine-color-${name}-light-color`]: firstReadable([c[8], c[9]], [lightBg, c[2]], AA, "#000000"),
      [`--mantine-color-${name}-outline`]: text,
    };
  }
  const lightBg = darken(c[9], 0.5);
  const text = firstReadable([c[4], c[3], c[2], c[1], c[0]], surfaces, AA, "#ffffff");
  const filled = firstReadable([c[8], c[9]], [WHITE], AA, "#000000");
  return {
    [`--mantine-color-${name}-text`]: text,
    [`--mantine-color-${name}-filled`]: filled,
    [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.15),
    [`--mantine-color-${name}-light`]: lightBg,
    [`--mantine-color-${name}-light-color`]: firstReadable([c[2], c[1], c[0]], [lightBg, darken(c[9], 0.3)], AA, "#ffffff"),
    [`--mantine-color-${name}-outline`]: text,
  };
}

/** The whole per-scheme set: every palette colour plus dimmed text, links, and the app's own tokens. */
export function schemeVariables(scheme: "light" | "dark"): SchemeVariables {
  const vars: SchemeVariables = {};
  for (const name of Object.keys(colors)) Object.assign(vars, colorVariables(name, scheme));
  const surfaces = [...SURFACES[scheme]];
  if (scheme === "light") {
    vars["--mantine-color-dimmed"] = firstReadable([gray[6], gray[7], gray[8]], surfaces, AA, "#000000");
    vars["--mantine-color-text"] = BLACK;
  } else {
    vars["--mantine-color-dimmed"] = firstReadable([dark[2], dark[1], dark[0]], surfaces, AA, "#ffffff");
  }
  vars["--mantine-color-anchor"] = vars["--mantine-color-blue-text"]!;
  // Good and bad news in text (trends, saved notices): readable green and red.
  vars["--ob-good"] = vars["--mantine-color-teal-text"]!;
  vars["--ob-bad"] = vars["--mantine-color-red-text"]!;
  // Chart ink: axis labels and grid lines, bars behind a line, the line itself.
  vars["--ob-chart-axis"] = vars["--mantine-color-dimmed"]!;
  vars["--ob-chart-grid"] = scheme === "light" ? gray[3] : dark[4];
  vars["--ob-chart-bar"] = scheme === "light" ? gray[3] : dark[4];
  vars["--ob-chart-line"] = vars["--mantine-color-blue-text"]!;
  vars["--ob-bubble-user"] = BUBBLE[scheme];
  return vars;
}

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: schemeVariables("light"),
  dark: schemeVariables("dark"),
});
