import { AppShell, Badge, Box, Burger, Group, Menu, NativeSelect, NavLink, ScrollArea, Text, UnstyledButton, useMantineColorScheme, VisuallyHidden, type MantineColorScheme } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Fragment, useEffect } from "react";
import { api } from "../api/client";
import { useQuery } from "../api/use-query";
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useMatch, useNavigate } from "react-router";
import { useSignedIn, useSession } from "../session/session";
import { carriedRange } from "../lib/range";
import { attentionQuery } from "./chatbot/attention-query";
import { NotificationCentre } from "../components/NotificationCentre";
import { reportsKey } from "./chatbot/reports/keys";

export const CHATBOT_SECTIONS = [
  { path: "attention", label: "Needs attention" },
  { path: "overview", label: "Overview" },
  { path: "insights", label: "User insights" },
  { path: "assistant", label: "Assistant performance" },
  { path: "conversations", label: "Conversations" },
  { path: "search", label: "Search" },
  { path: "reports", label: "Reports" },
  { path: "users", label: "Users" },
  { path: "organizations", label: "Organizations" },
  { path: "workflows", label: "Workflows" },
  { path: "analysis", label: "Analysis config" },
  { path: "settings", label: "Settings" },
] as const;

function OrganizationSwitcher() {
  const session = useSignedIn();
  const { switchOrganization } = useSession();
  const navigate = useNavigate();
  if (session.organizations.length === 0) return null;
  // The browser's own select: keyboard and screen readers know it, and every page's first load is spared the
  // combobox machinery of a custom one.
  return (
    <NativeSelect
      aria-label="Organization"
      size="sm"
      // On a phone the header holds the menu, the logo, this, the bell and the account button in 390 px.
      w={{ base: 140, sm: 220 }}
      value={session.currentOrganizationId ?? session.organizations[0]?.id ?? ""}
      data={session.organizations.map((o) => ({ value: o.id, label: `${o.name}${o.role === "member" ? " (read-only)" : ""}` }))}
      onChange={async (event) => {
        const id = event.currentTarget.value;
        if (!id) return;
        await switchOrganization(id);
        navigate(`/orgs/${id}/chatbots`);
      }}
    />
  );
}

const SCHEMES: { value: MantineColorScheme; label: string }[] = [
  { value: "auto", label: "Theme: same as system" },
  { value: "light", label: "Theme: light" },
  { value: "dark", label: "Theme: dark" },
];

function PersonIcon() {
  return (
    <svg width={22} height={22} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </svg>
  );
}

function AccountMenu() {
  const session = useSignedIn();
  const { logout } = useSession();
  const navigate = useNavigate();
  // Remembered per member on this browser (theme/color-scheme.ts).
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton className="focus-ring touch-target" aria-label={`Account: ${session.member.name}`} px="xs" py={4} style={{ borderRadius: 6 }}>
          <Text size="sm" fw={500} truncate maw={160} visibleFrom="xs">
            {session.member.name}
          </Text>
          {/* A phone has no room for the name: a person stands for it (the button's name still says whose it is). */}
          <Box component="span" hiddenFrom="xs" style={{ display: "inline-flex" }}>
            <PersonIcon />
          </Box>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.member.email}</Menu.Label>
        <Menu.Item component={Link} to="/account">
          Your account
        </Menu.Item>
        <Menu.Divider />
        {SCHEMES.map((s) => (
          <Menu.Item key={s.value} onClick={() => setColorScheme(s.value)} rightSection={colorScheme === s.value ? <span aria-hidden="true">✓</span> : null}>
            {s.label}
            {colorScheme === s.value && <VisuallyHidden> (chosen)</VisuallyHidden>}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          onClick={async () => {
            await logout();
            navigate("/login");
          }}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The chatbot's saved reports under "Reports", most recently changed first (the first few). */
function ReportLinks({ chatbotId, onNavigate }: { chatbotId: string; onNavigate: () => void }) {
  const reports = useQuery(reportsKey(chatbotId), () => api.reports.list(chatbotId));
  const shown = (reports.data ?? []).slice(0, NAV_REPORTS);
  if (!shown.length) return null;
  return (
    <>
      {shown.map((r) => (
        <NavLink key={r.id} component={RouterNavLink} to={`/chatbots/${chatbotId}/reports/${r.id}`} label={r.name} onClick={onNavigate} pl="xl" />
      ))}
    </>
  );
}

const NAV_REPORTS = 5;

/** How many conversations need attention, kept current by the live feed (the same query as the page). */
function AttentionCount({ chatbotId }: { chatbotId: string }) {
  const q = attentionQuery(chatbotId);
  const total = useQuery(q.key, q.load, q.options).data?.total;
  if (!total) return null;
  return (
    <Badge size="sm" color="red" variant="filled" data-testid="attention-count">
      {total > 99 ? "99+" : total}
    </Badge>
  );
}

/** The pages that show a date range: moving between them keeps the one chosen. */
const RANGED_SECTIONS = new Set<string>(["overview", "insights", "assistant"]);

function ChatbotNavigation({ chatbotId, onNavigate }: { chatbotId: string; onNavigate: () => void }) {
  const range = carriedRange(useLocation().search);
  return (
    <nav aria-label="Chatbot">
      {CHATBOT_SECTIONS.map((s) => (
        <Fragment key={s.path}>
          <NavLink
            component={RouterNavLink}
            to={`/chatbots/${chatbotId}/${s.path}${RANGED_SECTIONS.has(s.path) ? range : ""}`}
            label={s.label}
            rightSection={s.path === "attention" ? <AttentionCount chatbotId={chatbotId} /> : undefined}
            onClick={onNavigate}
            // Reports stays unmarked while one report is open: that report's own link is the current page.
            end={s.path === "reports"}
            // NavLink from the router sets aria-current="page" on the active one.
          />
          {s.path === "reports" && <ReportLinks chatbotId={chatbotId} onNavigate={onNavigate} />}
        </Fragment>
      ))}
    </nav>
  );
}

/** The frame of every logged-in page: header with organization and account, navigation, main area. */
export function AppFrame() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSignedIn();
  const chatbotMatch = useMatch("/chatbots/:chatbotId/*");
  const chatbotId = chatbotMatch?.params.chatbotId;
  const location = useLocation();
  const org = session.currentOrganizationId ?? session.organizations[0]?.id;

  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell header={{ height: 56 }} navbar={chatbotId ? { width: 230, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined} padding="md">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            {chatbotId && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? "Close navigation" : "Open navigation"} />}
            <UnstyledButton component={RouterNavLink} to={org ? `/orgs/${org}/chatbots` : "/"} className="focus-ring touch-target" aria-label="OpenBat: all chatbots">
              <Group gap={6} wrap="nowrap">
                <img src="/favicon.svg" width={26} height={26} alt="" />
                <Text fw={700} visibleFrom="xs">
                  OpenBat
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <OrganizationSwitcher />
            <NotificationCentre />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {chatbotId && (
        <AppShell.Navbar p="xs">
          <AppShell.Section grow component={ScrollArea}>
            <NavLink component={RouterNavLink} to={org ? `/orgs/${org}/chatbots` : "/"} label="← All chatbots" end onClick={close} />
            <ChatbotNavigation chatbotId={chatbotId} onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: "none" }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
