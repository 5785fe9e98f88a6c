import { TextInput, type TextInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";

/** A text filter that applies itself 300 ms after typing stops (and follows the URL when it changes). */
export function DebouncedTextInput({ value, onValue, ...props }: Omit<TextInputProps, "value" | "onChange"> & { value: string; onValue: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (debounced.trim() !== value) onValue(debounced.trim());
    // only the typed text triggers this
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return <TextInput {...props} value={text} onChange={(e) => setText(e.currentTarget.value)} />;
}
