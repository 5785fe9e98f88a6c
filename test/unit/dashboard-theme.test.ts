import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { contrast } from "../../dashboard/src/theme/contrast";
import { AA, colorVariables, schemeVariables, SURFACES } from "../../dashboard/src/theme/theme";

/** Every colour Mantine's badges, buttons, alerts and text can be given in the dashboard. */
const COLORS = ["dark", "gray", "red", "pink", "grape", "violet", "indigo", "blue", "cyan", "teal", "green", "lime", "yellow", "orange"];

describe("The dashboard theme's text colours reach WCAG AA contrast", () => {
  it("measures contrast as WCAG defines it (black on white 21:1, Mantine's grey text 3.3:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#868e96", "#ffffff")).toBeCloseTo(3.32, 2);
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`keeps dimmed text, links and every colour's text and outline at 4.5:1 or more on the ${scheme} theme's surfaces`, () => {
      const vars = schemeVariables(scheme);
      const texts = ["--mantine-color-dimmed", "--mantine-color-anchor", "--ob-good", "--ob-bad", ...COLORS.flatMap((c) => [`--mantine-color-${c}-text`, `--mantine-color-${c}-outline`])];
      for (const name of texts) {
        for (const surface of SURFACES[scheme]) expect(contrast(vars[name]!, surface), `${name} on ${surface}`).toBeGreaterThanOrEqual(AA);
      }
    });

    it(`puts white text on every filled colour at 4.5:1 or more in the ${scheme} theme`, () => {
      for (const c of COLORS) {
        const filled = colorVariables(c, scheme)[`--mantine-color-${c}-filled`]!;
        expect(contrast("#ffffff", filled), c).toBeGreaterThanOrEqual(AA);
      }
    });
  }

  it("gives light badges and alerts text readable on their own tint, yellow included", () => {
    for (const c of COLORS) {
      const light = colorVariables(c, "light");
      // The light variant's tint is shade 1 in the light theme (Mantine's default, kept), shade 2 on hover.
      for (const tint of [DEFAULT_THEME.colors[c]![1], DEFAULT_THEME.colors[c]![2]]) expect(contrast(light[`--mantine-color-${c}-light-color`]!, tint), c).toBeGreaterThanOrEqual(AA);
      const dark = colorVariables(c, "dark");
      expect(contrast(dark[`--mantine-color-${c}-light-color`]!, dark[`--mantine-color-${c}-light`]!), c).toBeGreaterThanOrEqual(AA);
    }
  });
});
