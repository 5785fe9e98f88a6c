import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, placeRefusal } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NewPasswordInput } from "../../components/NewPasswordInput";
import { useAction } from "../../lib/use-action";
import { AuthCard } from "./AuthCard";

function RequestReset() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.auth.requestReset(email);
      setSent(true);
    });
  };
  return (
    <AuthCard title="Reset your password" subtitle="We email you a link to choose a new one.">
      {sent ? (
        <Alert color="green" title="Check your email" role="status">
          If an account exists for {email}, a reset link is on its way. It works for one hour.
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {error !== null && <ErrorNotice error={error} compact />}
            <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center" mt="md">
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      </Text>
    </AuthCard>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const { busy, error, done, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.auth.confirmReset(token, password));
  };
  const refusal = placeRefusal(error, ["password"]);
  return (
    <AuthCard title="Choose a new password" subtitle="Every session of your account ends when you save it.">
      {done ? (
        <Alert color="green" title="Password changed" role="status">
          <Anchor component={Link} to="/login">
            Log in with your new password
          </Anchor>
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
            <NewPasswordInput label="New password" value={password} onChange={setPassword} error={error} />
            <Button type="submit" loading={busy}>
              Save the new password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

/** `/reset-password` asks for the email; `/reset-password?token=` (the emailed link) sets the password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  return token ? <ChooseNewPassword token={token} /> : <RequestReset />;
}
