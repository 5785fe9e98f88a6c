import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, ApiError, placeRefusal } from "../../api/client";
import type { Role } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NewPasswordInput } from "../../components/NewPasswordInput";
import { useAction } from "../../lib/use-action";
import { useEnterOrganization, useSession } from "../../session/session";
import { AuthCard } from "./AuthCard";

/** What each role may do, in the words of the members settings: the person sees what they are agreeing to. */
const ROLE_REACH: Record<Role, string> = {
  owner: "an owner: everything, including deleting the organization",
  admin: "an admin: chatbots, keys, workflows and people",
  member: "a member: read-only",
};

/** "You are invited to join Acme as an admin: chatbots, keys, workflows and people." */
function InvitationSummary({ organization, role, email }: { organization: string; role: Role; email: string }) {
  return (
    <Stack gap={4} mb="md" data-testid="invitation-summary">
      <Text size="sm">
        You are invited to join <b>{organization}</b> as {ROLE_REACH[role]}.
      </Text>
      <Text size="sm" c="dimmed">
        The invitation is for {email}.
      </Text>
    </Stack>
  );
}

/**
 * `/accept-invitation?token=`: says which organization invites, with which role and for which address (read from
 * the link before anything is accepted), then, logged in, one button joins; otherwise the invited person creates an
 * account (name + password) or logs in first and comes back here.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { session } = useSession();
  const enter = useEnterOrganization();
  // What the link invites to, through the shared cache: a visitor's session probe leaves it be (session.tsx).
  const invitation = useQuery(token ? `invitation:${token}` : null, () => api.auth.invitation(token));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  const here = `/accept-invitation?token=${encodeURIComponent(token)}`;

  const accept = (e?: FormEvent) => {
    e?.preventDefault();
    void run(async () => enter(await api.auth.acceptInvitation(session ? { token } : { token, name, password })));
  };
  const refusal = placeRefusal(error, ["name", "password"]);

  if (!token) {
    return (
      <AuthCard title="Invitation">
        <Alert color="red" title="This link is incomplete">
          Open the link from your invitation email as it is.
        </Alert>
      </AuthCard>
    );
  }
  if (invitation.error !== null) {
    // A 400 names the token: used, expired, replaced by a newer invitation or revoked. Asking again would say the same.
    const spent = invitation.error instanceof ApiError && invitation.error.status === 400;
    return (
      <AuthCard title="Invitation">
        {spent ? (
          <Alert color="red" title="This invitation can no longer be used" role="alert">
            It has been accepted, has expired, or was replaced or withdrawn. Ask whoever invited you to send a new one.
          </Alert>
        ) : (
          <ErrorNotice error={invitation.error} onRetry={invitation.reload} />
        )}
      </AuthCard>
    );
  }
  if (session === undefined || invitation.data === undefined) {
    return (
      <AuthCard title="Invitation">
        <Loader aria-label="Loading" />
      </AuthCard>
    );
  }
  const { organization, role, email } = invitation.data;
  const summary = <InvitationSummary organization={organization.name} role={role} email={email} />;
  if (session) {
    return (
      <AuthCard title={`Join ${organization.name}`} subtitle={`You are logged in as ${session.member.email}.`}>
        {summary}
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
    <AuthCard title={`Join ${organization.name}`} subtitle="Create your account to accept the invitation.">
      {summary}
      <form onSubmit={accept}>
        <Stack>
          {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
          <TextInput label="Your name" autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} />
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
