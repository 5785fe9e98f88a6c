import { Center } from "@mantine/core";
import { lazy, Suspense, useLayoutEffect, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { ErrorNotice } from "./components/ErrorNotice";
import { FullPageLoader } from "./components/FullPageLoader";
import { ChatbotLayout } from "./pages/chatbot/ChatbotLayout";
import { AppFrame } from "./pages/AppFrame";
import { NotFoundPage } from "./pages/NotFoundPage";
import OverviewPage from "./pages/chatbot/OverviewPage";
import AttentionPage from "./pages/chatbot/AttentionPage";
import { dismissFirstPaint } from "./session/first-paint";
import { useSession } from "./session/session";

// Every page but the overview loads on demand: a member opening the overview downloads neither the log-in
// forms nor the charts of other pages. The overview, the page most visits land on, is in the main bundle:
// as a chunk of its own it came with a dozen small shared chunks, each a request queued behind the others
// before the KPIs could show (README "Dashboard": loading).
const LoginPage = lazy(() => import("./pages/auth/LoginPage").then((m) => ({ default: m.LoginPage })));
const SignupPage = lazy(() => import("./pages/auth/SignupPage").then((m) => ({ default: m.SignupPage })));
const ConfirmSignupPage = lazy(() => import("./pages/auth/ConfirmSignupPage").then((m) => ({ default: m.ConfirmSignupPage })));
const ResetPasswordPage = lazy(() => import("./pages/auth/ResetPasswordPage").then((m) => ({ default: m.ResetPasswordPage })));
const AcceptInvitationPage = lazy(() => import("./pages/auth/AcceptInvitationPage").then((m) => ({ default: m.AcceptInvitationPage })));
const NotificationsPage = lazy(() => import("./pages/NotificationsPage").then((m) => ({ default: m.NotificationsPage })));
const AccountPage = lazy(() => import("./pages/AccountPage").then((m) => ({ default: m.AccountPage })));
const ChatbotsPage = lazy(() => import("./pages/ChatbotsPage").then((m) => ({ default: m.ChatbotsPage })));
const InsightsPage = lazy(() => import("./pages/chatbot/InsightsPage"));
const SearchPage = lazy(() => import("./pages/chatbot/SearchPage"));
const AssistantPage = lazy(() => import("./pages/chatbot/AssistantPage"));
const ConversationsPage = lazy(() => import("./pages/chatbot/ConversationsPage"));
const ConversationDetailPage = lazy(() => import("./pages/chatbot/ConversationDetailPage"));
const UsersPage = lazy(() => import("./pages/chatbot/UsersPage"));
const OrganizationsPage = lazy(() => import("./pages/chatbot/OrganizationsPage"));
const ProfilePage = lazy(() => import("./pages/chatbot/ProfilePage"));
const WorkflowsPage = lazy(() => import("./pages/chatbot/WorkflowsPage"));
const WorkflowDetailPage = lazy(() => import("./pages/chatbot/WorkflowDetailPage"));
const AnalysisPage = lazy(() => import("./pages/chatbot/AnalysisPage"));
const SettingsPage = lazy(() => import("./pages/chatbot/SettingsPage"));
const ReportsPage = lazy(() => import("./pages/chatbot/reports/ReportsPage"));
const ReportPage = lazy(() => import("./pages/chatbot/reports/ReportPage"));
const OnboardingPage = lazy(() => import("./pages/chatbot/onboarding/OnboardingPage"));

/** Pages behind a log-in: without a session, to /login and back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session, probeError, refresh } = useSession();
  const location = useLocation();
  // No page for this visitor: the Worker's painted figures (session/first-paint.ts) go with it.
  useLayoutEffect(() => {
    if (session === null) dismissFirstPaint();
  }, [session]);
  if (session === undefined) return <FullPageLoader />;
  if (session === null) {
    if (probeError) {
      return (
        <Center h="60vh" p="md">
          <ErrorNotice error={probeError} onRetry={() => void refresh()} />
        </Center>
      );
    }
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />;
  }
  return <>{children}</>;
}

function Home() {
  const { session } = useSession();
  if (session === undefined) return <FullPageLoader />;
  if (!session) return <Navigate to="/login" replace />;
  const org = session.currentOrganizationId ?? session.organizations[0]?.id;
  return <Navigate to={org ? `/orgs/${org}/chatbots` : "/orgs/new"} replace />;
}

/** The Worker paints only the overview's figures (session/first-paint.ts): any other page takes them away at once. */
const OVERVIEW_PATH = /^\/chatbots\/[^/]+\/overview\/?$/;

export function App() {
  const { pathname } = useLocation();
  useLayoutEffect(() => {
    if (!OVERVIEW_PATH.test(pathname)) dismissFirstPaint();
  }, [pathname]);
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/confirm-signup" element={<ConfirmSignupPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        <Route
          element={
            <RequireSession>
              <AppFrame />
            </RequireSession>
          }
        >
          <Route path="/orgs/new" element={<ChatbotsPage />} />
          <Route path="/orgs/:orgId/chatbots" element={<ChatbotsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/chatbots/:chatbotId" element={<ChatbotLayout />}>
            <Route index element={<Navigate to="attention" replace />} />
            <Route path="attention" element={<AttentionPage />} />
            <Route path="overview" element={<OverviewPage />} />
            <Route path="insights" element={<InsightsPage />} />
            <Route path="assistant" element={<AssistantPage />} />
            <Route path="conversations" element={<ConversationsPage />} />
            <Route path="conversations/:conversationId" element={<ConversationDetailPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="reports/:reportId" element={<ReportPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="organizations" element={<OrganizationsPage />} />
            <Route path="users/:personId" element={<ProfilePage kind="user" />} />
            <Route path="organizations/:personId" element={<ProfilePage kind="organization" />} />
            <Route path="workflows" element={<WorkflowsPage />} />
            <Route path="workflows/:workflowId" element={<WorkflowDetailPage />} />
            <Route path="analysis" element={<AnalysisPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="setup" element={<OnboardingPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
