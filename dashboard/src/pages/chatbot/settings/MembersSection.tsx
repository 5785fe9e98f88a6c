import { Badge, Button, Group, NativeSelect, Select, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../../../api/client";
import type { Role } from "../../../api/types";
import { useQuery } from "../../../api/use-query";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { failed, RegionError } from "../../../components/QueryRegion";
import { SecretReveal } from "../../../components/SecretReveal";
import { formatDateTime } from "../../../lib/format";
import { useAction } from "../../../lib/use-action";
import { useChatbot } from "../../../session/chatbot";
import { useSession, useSignedIn } from "../../../session/session";
import { useNavigate } from "react-router";
import { SettingsSection } from "./SettingsSection";

function InviteForm({ orgId, canInviteOwner, onInvited }: { orgId: string; canInviteOwner: boolean; onInvited: (link: string) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      onInvited((await api.organizations.invite(orgId, { email, role })).link);
      setEmail("");
    });
  };
  const refusal = placeRefusal(error, ["email", "role"]);
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <Group align="flex-end" gap="xs">
          <TextInput label="Invite by email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={refusal.beside.email} w={260} />
          <Select
            label="Role"
            data={[
              { value: "member", label: "Member (read-only)" },
              { value: "admin", label: "Admin" },
              ...(canInviteOwner ? [{ value: "owner", label: "Owner" }] : []),
            ]}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            allowDeselect={false}
            error={refusal.beside.role}
            w={190}
          />
          <Button type="submit" loading={busy}>
            Invite
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Busy while the invitation is withdrawn, and sent once: a second DELETE could only answer 404 for what is gone. */
function RevokeInvitationButton({ onRevoke, onError }: { onRevoke: () => Promise<unknown>; onError: (error: unknown) => void }) {
  const { busy, run } = useAction(onError);
  return (
    <Button size="xs" variant="subtle" color="red" loading={busy} onClick={() => void run(onRevoke)}>
      Revoke
    </Button>
  );
}

const ROLE_COLOR: Record<Role, string> = { owner: "violet", admin: "blue", member: "gray" };

function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant="light" color={ROLE_COLOR[role]}>
      {role}
    </Badge>
  );
}

/**
 * A member's role, changeable where the API allows it: by an admin between member and admin, by an owner to or from
 * owner (the API also keeps the last owner; its refusal is shown). Anyone else sees the badge.
 */
function RoleCell({ member, onChanged, onError }: { member: { id: string; name: string; role: Role }; onChanged: () => void; onError: (e: unknown) => void }) {
  // The refusal goes to the section's one alert (onError), cleared when the next change starts.
  const { busy, run } = useAction(onError);
  const { organization } = useChatbot();
  const mine = organization.role;
  const changeable = mine === "owner" || (mine === "admin" && member.role !== "owner");
  if (!changeable) return <RoleBadge role={member.role} />;
  const roles: Role[] = mine === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];
  return (
    <NativeSelect
      size="xs"
      aria-label={`Role of ${member.name}`}
      data={roles}
      value={member.role}
      disabled={busy}
      onChange={(e) => {
        const role = e.currentTarget.value as Role;
        void run(async () => {
          await api.organizations.setRole(organization.id, member.id, role);
          onChanged();
        });
      }}
      w={110}
    />
  );
}

/** The organization's members and pending invitations (admins manage both; members only see the list). */
export function MembersSection() {
  const { organization, canEdit } = useChatbot();
  const session = useSignedIn();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const members = useQuery(`members:${organization.id}`, () => api.organizations.members(organization.id));
  const invitations = useQuery(canEdit ? `invitations:${organization.id}` : null, () => api.organizations.invitations(organization.id));
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  return (
    <SettingsSection id="members" title="Members and invitations" description={`People of ${organization.name.replace(/\.$/, "")}. Members are read-only; admins manage chatbots, keys, workflows and people.`}>
      <Stack>
        {error !== null && <ErrorNotice error={error} compact />}
        <RegionError query={members} />
        {failed(members) ? null : members.loading ? (
          <Skeleton h={80} />
        ) : (
          <Table.ScrollContainer minWidth={560} className="phone-priority">
            <Table verticalSpacing="xs" data-testid="members-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data?.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>
                      {canEdit && m.id !== session.member.id ? <RoleCell member={m} onChanged={members.reload} onError={setError} /> : <RoleBadge role={m.role} />}
                    </Table.Td>
                    <Table.Td>{formatDateTime(m.joinedAt)}</Table.Td>
                    <Table.Td>
                      {m.id === session.member.id ? (
                        // Leaving is everyone's, whatever the role (the API keeps the last owner and says so).
                        <ConfirmButton
                          size="xs"
                          label="Leave"
                          aria-label={`Leave ${organization.name}`}
                          title={`Leave ${organization.name}?`}
                          confirmLabel="Leave the organization"
                          onConfirm={async () => {
                            await api.organizations.removeMember(organization.id, m.id);
                            await refresh();
                            navigate("/", { replace: true });
                          }}
                        >
                          You lose access to its chatbots at once; an admin can invite you again.
                        </ConfirmButton>
                      ) : (
                        canEdit && (
                          <ConfirmButton size="xs" label="Remove" aria-label={`Remove member ${m.name} (${m.email})`} title={`Remove ${m.name}?`} confirmLabel="Remove" onConfirm={() => api.organizations.removeMember(organization.id, m.id).then(members.reload)}>
                            They lose access to this organization at once.
                          </ConfirmButton>
                        )
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canEdit && (
          <>
            <InviteForm
              orgId={organization.id}
              canInviteOwner={organization.role === "owner"}
              onInvited={(l) => {
                setLink(l);
                invitations.reload();
              }}
            />
            <SecretReveal title="Invitation link" secret={link} note="For someone who already has an account: they open it logged in as the invited address. Someone new opens the link in their invitation email, the only one that creates an account. Either works once, for 7 days." onClose={() => setLink(null)} />
            <RegionError query={invitations} />
            {invitations.data && invitations.data.length > 0 && (
              <Table verticalSpacing="xs" data-testid="invitations-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Invited</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {invitations.data.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{i.email}</Table.Td>
                      <Table.Td>{i.role}</Table.Td>
                      <Table.Td>{formatDateTime(i.expiresAt)}</Table.Td>
                      <Table.Td>
                        <RevokeInvitationButton onRevoke={() => api.organizations.revokeInvitation(organization.id, i.id).then(invitations.reload)} onError={setError} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {invitations.data?.length === 0 && (
              <Text size="sm" c="dimmed">
                No pending invitations.
              </Text>
            )}
          </>
        )}
      </Stack>
    </SettingsSection>
  );
}
