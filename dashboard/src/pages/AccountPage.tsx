import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../api/client";
import type { SessionView } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { NewPasswordInput } from "../components/NewPasswordInput";
import { PageHeader } from "../components/PageHeader";
import { useAction } from "../lib/use-action";
import { useSession, useSignedIn } from "../session/session";

function NameForm() {
  const session = useSignedIn();
  const { refresh } = useSession();
  const [name, setName] = useState(session.member.name);
  const { busy, error, done, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const next = await api.auth.updateProfile({ name });
      await refresh(() => Promise.resolve(next));
    });
  };
  const refusal = placeRefusal(error, ["name"]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-name">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="account-name">
            Your name
          </Title>
          <Text size="sm" c="dimmed">
            Shown to your organizations' members: in member lists, assignments and notifications. You log in with {session.member.email}.
          </Text>
          {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
          <TextInput label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} />
          {done && (
            <Alert color="green" role="status">
              Saved.
            </Alert>
          )}
          <Button type="submit" loading={busy} disabled={name.trim() === session.member.name} style={{ alignSelf: "flex-start" }}>
            Save the name
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { refresh } = useSession();
  const [currentPassword, setCurrentPassword] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, done, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      // The answer is a renewed session (every other one ended): its CSRF token replaces this tab's.
      const next: SessionView = await api.auth.changePassword({ currentPassword, password });
      await refresh(() => Promise.resolve(next));
      setCurrentPassword("");
      setPassword("");
    });
  };
  const refusal = placeRefusal(error, ["currentPassword", "password"]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-password">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="account-password">
            Password
          </Title>
          <Text size="sm" c="dimmed">
            Changing it logs you out everywhere else (other browsers and devices); this one stays logged in.
          </Text>
          {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={refusal.beside.currentPassword}
          />
          <NewPasswordInput label="New password" value={password} onChange={setPassword} error={error} />
          {done && (
            <Alert color="green" role="status">
              Password changed. Every other session has ended.
            </Alert>
          )}
          <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
            Change the password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** `/account`: the signed-in member's own name and password (the account menu's "Your account"). */
export function AccountPage() {
  return (
    <Stack gap="md" maw={560}>
      <PageHeader title="Your account" description="Your name and your password, for every organization you belong to." />
      <NameForm />
      <PasswordForm />
    </Stack>
  );
}
