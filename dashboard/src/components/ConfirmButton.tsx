import { Button, Group, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useAction } from "../lib/use-action";
import { ErrorNotice } from "./ErrorNotice";

/**
 * The dialog's question and buttons. Its own component so that its action state lives only while the dialog is open:
 * a refusal shown last time is gone when the dialog is opened again, instead of greeting a fresh attempt.
 */
function ConfirmDialogBody({ children, confirmLabel, color, onConfirm, onClose }: { children: ReactNode; confirmLabel: string; color: ButtonProps["color"]; onConfirm: () => Promise<unknown>; onClose: () => void }) {
  const { busy, error, run } = useAction();
  const confirm = () =>
    void run(async () => {
      await onConfirm();
      onClose();
    });
  return (
    <Stack>
      <Text size="sm" component="div">
        {children}
      </Text>
      {error !== null && <ErrorNotice error={error} compact />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color={color} loading={busy} onClick={confirm}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

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
  return (
    <>
      <Button color={color} variant="light" {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title}>
        <ConfirmDialogBody confirmLabel={confirmLabel} color={color} onConfirm={onConfirm} onClose={() => setOpen(false)}>
          {children}
        </ConfirmDialogBody>
      </Modal>
    </>
  );
}
