import { NumberInput, type NumberInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";

/**
 * A number filter that applies itself 300 ms after typing stops, as the text filters beside it do (DebouncedTextInput),
 * and follows the URL when it changes. What is applied is the digits and point typed: "5,000" is 5000.
 */
export function DebouncedNumberInput({ value, onValue, ...props }: Omit<NumberInputProps, "value" | "onChange"> & { value: string; onValue: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    // Only what was typed: a value the URL brought, even one the API refuses ("abc"), stays as it came.
    if (debounced !== value) onValue(debounced.replace(/[^\d.]/g, ""));
    // only the typed text triggers this
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return <NumberInput {...props} value={text} onChange={(v) => setText(String(v))} />;
}
