import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, Navigate } from "react-router";
import { api, placeRefusal } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NewPasswordInput } from "../../components/NewPasswordInput";
import { useAction } from "../../lib/use-action";
import { useSession } from "../../session/session";
import { AuthCard } from "./AuthCard";

export function SignupPage() {
  const { session } = useSession();
  const [form, setForm] = useState({ name: "", email: "", password: "", organizationName: "" });
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();

  if (session) return <Navigate to="/" replace />;

  // The value is read now: by the time React runs the updater, the event's currentTarget is gone (null).
  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.auth.signup(form);
      setSent(true);
    });
  };
  const refusal = placeRefusal(error, ["name", "email", "password", "organizationName"]);

  if (sent) {
    return (
      <AuthCard title="Check your email">
        <Alert color="green" title="One more step" role="status">
          We sent a link to {form.email}. Open it to finish creating your account; it works for 24 hours. If the address
          already has an account, the email says so instead.
        </Alert>
        <Text size="sm" ta="center" mt="md">
          <Anchor component={Link} to="/login">
            Back to log in
          </Anchor>
        </Text>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create your account" subtitle="You get an organization of your own; invite your team afterwards.">
      <form onSubmit={submit}>
        <Stack>
          {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
          <TextInput label="Your name" autoComplete="name" required value={form.name} onChange={set("name")} error={refusal.beside.name} />
          <TextInput label="Email" type="email" autoComplete="email" required value={form.email} onChange={set("email")} error={refusal.beside.email} />
          <NewPasswordInput label="Password" value={form.password} onChange={(password) => setForm((f) => ({ ...f, password }))} error={error} />
          <TextInput label="Organization name" required value={form.organizationName} onChange={set("organizationName")} error={refusal.beside.organizationName} />
          <Button type="submit" loading={busy}>
            Sign up
          </Button>
          <Text size="sm" ta="center">
            Have an account?{" "}
            <Anchor component={Link} to="/login">
              Log in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
