import { PasswordInput } from "@mantine/core";
import { fieldError } from "../api/client";

/** A password being chosen (sign-up, an invitation, a reset, a change): the API's rule said beside it, its refusal too. */
export function NewPasswordInput({ label, value, onChange, error, field = "password" }: { label: string; value: string; onChange: (value: string) => void; error: unknown; field?: string }) {
  return (
    <PasswordInput
      label={label}
      description="At least 10 characters"
      autoComplete="new-password"
      required
      minLength={10}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={fieldError(error, field)}
    />
  );
}
