import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, fieldError } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NewPasswordInput } from "../../components/NewPasswordInput";
import { useEnterOrganization, useSession } from "../../session/session";
import { AuthCard } from "./AuthCard";

/**
 * `/accept-invitation?token=`: logged in, one button joins; otherwise the invited person creates an
 * account (name + password) or logs in first and comes back here.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { session } = useSession();
  const enter = useEnterOrganization();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const here = `/accept-invitation?token=${encodeURIComponent(token)}`;

  const accept = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await enter(await api.auth.acceptInvitation(session ? { token } : { token, name, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthCard title="Invitation">
        <Alert color="red" title="This link is incomplete">
          Open the link from your invitation email as it is.
        </Alert>
      </AuthCard>
    );
  }
  if (session === undefined) {
    return (
      <AuthCard title="Invitation">
        <Loader aria-label="Loading" />
      </AuthCard>
    );
  }
  if (session) {
    return (
      <AuthCard title="Join the organization" subtitle={`You are logged in as ${session.member.email}.`}>
        <Stack>
          {error !== null && <ErrorNotice error={error} compact />}
          <Button onClick={() => void accept()} loading={busy}>
            Accept the invitation
          </Button>
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join the organization" subtitle="Create your account to accept the invitation.">
      <form onSubmit={accept}>
        <Stack>
          {error !== null && <ErrorNotice error={error} compact />}
          <TextInput label="Your name" autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(error, "name")} />
          <NewPasswordInput label="Password" value={password} onChange={setPassword} error={error} />
          <Button type="submit" loading={busy}>
            Create my account and join
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{" "}
            <Anchor component={Link} to={`/login?next=${encodeURIComponent(here)}`}>
              Log in first
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
