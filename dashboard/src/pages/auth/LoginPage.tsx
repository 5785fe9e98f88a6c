import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api, setCsrfToken } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/use-action";
import { useSession } from "../../session/session";
import { AuthCard } from "./AuthCard";

/** Only paths of this app are followed after logging in (never another site). */
export const safeNext = (next: string | null) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export function LoginPage() {
  const { session, refresh } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  const next = safeNext(params.get("next"));

  if (session) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { csrfToken } = await api.auth.login(email, password);
      setCsrfToken(csrfToken);
      await refresh();
      navigate(next, { replace: true });
    });
  };

  return (
    <AuthCard title="Log in" subtitle="Watch your chatbot's conversations and sentiment live.">
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <ErrorNotice error={error} compact title="Could not log in" />}
          <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            Log in
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/reset-password">
              Forgot your password?
            </Anchor>
            {" · "}
            <Anchor component={Link} to={`/signup${params.get("next") ? `?next=${encodeURIComponent(next)}` : ""}`}>
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
