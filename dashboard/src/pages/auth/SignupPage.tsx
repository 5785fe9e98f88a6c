import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { api, fieldError, setCsrfToken } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useSession } from "../../session/session";
import { AuthCard } from "./AuthCard";

export function SignupPage() {
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: "", email: "", password: "", organizationName: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (session) return <Navigate to="/" replace />;

  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm((f) => ({ ...f, [field]: e.currentTarget.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.auth.signup(form);
      setCsrfToken(created.csrfToken);
      await refresh();
      navigate(`/orgs/${created.organizationId}/chatbots`, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Create your account" subtitle="You get an organization of your own; invite your team afterwards.">
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <ErrorNotice error={error} compact />}
          <TextInput label="Your name" autoComplete="name" required value={form.name} onChange={set("name")} error={fieldError(error, "name")} />
          <TextInput label="Email" type="email" autoComplete="email" required value={form.email} onChange={set("email")} error={fieldError(error, "email")} />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            minLength={10}
            value={form.password}
            onChange={set("password")}
            error={fieldError(error, "password")}
          />
          <TextInput label="Organization name" required value={form.organizationName} onChange={set("organizationName")} error={fieldError(error, "organizationName")} />
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
