import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/client";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/use-action";
import { useEnterOrganization } from "../../session/session";
import { AuthCard } from "./AuthCard";

/**
 * `/confirm-signup?token=` (the emailed link): one explicit click creates the account — not the page
 * load, which mail scanners that open links would otherwise trigger.
 */
export function ConfirmSignupPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const enter = useEnterOrganization();
  const { busy, error, run } = useAction();

  const confirm = () => run(async () => enter(await api.auth.confirmSignup(token)));

  if (!token) {
    return (
      <AuthCard title="Create your account">
        <Alert color="red" title="This link is incomplete">
          Open the link from your email as it is.
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create your account" subtitle="Your email is confirmed by this link.">
      <Stack>
        {error !== null && <ErrorNotice error={error} compact />}
        <Button onClick={() => void confirm()} loading={busy}>
          Finish creating my account
        </Button>
        <Text size="sm" ta="center">
          Have an account?{" "}
          <Anchor component={Link} to="/login">
            Log in
          </Anchor>
        </Text>
      </Stack>
    </AuthCard>
  );
}
