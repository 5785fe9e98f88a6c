import { Button, Group, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { ErrorNotice } from "./ErrorNotice";

/** A button whose action runs only after the person confirms it in a dialog; errors stay in the dialog. */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  color = "red",
  ...button
}: ButtonProps & { label: ReactNode; title: string; children: ReactNode; confirmLabel: string; onConfirm: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color={color} variant="light" {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title}>
        <Stack>
          <Text size="sm" component="div">
            {children}
          </Text>
          {error !== null && <ErrorNotice error={error} compact />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button color={color} loading={busy} onClick={confirm}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
