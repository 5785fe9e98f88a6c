import { SegmentedControl } from "@mantine/core";
import { useSearchParams } from "react-router";
import { isRangePreset, presetFrom, RANGE_PRESETS, type RangePreset } from "../lib/range";

/** The range preset in the URL (`?range=`), 7 days unless chosen. */
export function useRangePreset(): [RangePreset, (preset: RangePreset) => void] {
  const [params, setParams] = useSearchParams();
  const preset = presetFrom(params);
  const set = (next: RangePreset) =>
    setParams(
      (p) => {
        p.set("range", next);
        return p;
      },
      { replace: true },
    );
  return [preset, set];
}

export function RangePresets() {
  const [preset, setPreset] = useRangePreset();
  return (
    <SegmentedControl
      aria-label="Date range"
      value={preset}
      onChange={(v) => isRangePreset(v) && setPreset(v)}
      data={RANGE_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
      size="sm"
    />
  );
}
