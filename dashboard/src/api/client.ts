/**
 * The one way the dashboard talks to the API: same origin, the session cookie (`credentials: "include"`),
 * the session's CSRF token as `x-csrf-token` on every change, and the error envelope turned into
 * an `ApiError` whose message is meant for people. A 401 anywhere but the session probe sends the
 * viewer to /login.
 */
import type {
  AnalysisConfigView,
  ApiKey,
  ApiKeyWithSecret,
  AssistantPerformance,
  BulkRejectResult,
  Chatbot,
  ClientOrganizationRow,
  ClientUserRow,
  ConversationDetail,
  ConversationRow,
  CreatedInvitation,
  Envelope,
  Insights,
  IntentSuggestion,
  Invitation,
  KeyKind,
  OrgMember,
  Overview,
  Paged,
  SearchResult,
  PromptName,
  Role,
  SentimentOverTime,
  SessionOrganization,
  SessionView,
  TestSendResult,
  WebhookDestination,
  WebhookDestinationWithSecret,
  Workflow,
  WorkflowInput,
  WorkflowRun,
  WorkflowTemplate,
  AnalysisConfig,
  DestinationKind,
} from "./types";
import type { Report, ReportData, ReportLayout } from "./report-types";

export interface ErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

let csrfToken = "";
let unauthorizedHandler: (() => void) | null = null;
let changedHandler: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on a 401 from any request that did not expect one (the session ended or expired). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Called after every successful change (POST, PATCH, DELETE): cached reads may be out of date now. */
export function onChanged(handler: (() => void) | null): void {
  changedHandler = handler;
}

export function apiUrl(path: string, query?: Query): string {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  return url.pathname + url.search;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The session probe: a 401 there means "not logged in", not "go to /login". */
  expect401?: boolean;
}

async function request<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      credentials: "include",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached. Check your connection and try again.");
  }
  if (method !== "GET" && res.ok) changedHandler?.();
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string } } | null;
  if (!res.ok) {
    const e = json?.error;
    const error = new ApiError(res.status, e?.code ?? "http_error", e?.message ?? `The server answered ${res.status} ${res.statusText}.`, e?.details ?? [], e?.requestId);
    if (res.status === 401 && !options.expect401) unauthorizedHandler?.();
    throw error;
  }
  return json as T;
}

const get = <T>(path: string, query?: Query) => request<T>("GET", path, { query });
const post = <T>(path: string, body: unknown = {}) => request<T>("POST", path, { body });
const patch = <T>(path: string, body: unknown) => request<T>("PATCH", path, { body });
const del = <T = void>(path: string) => request<T>("DELETE", path);
const data = <T>(p: Promise<Envelope<T>>) => p.then((r) => r.data);

const bot = (chatbotId: string) => `/chatbots/${encodeURIComponent(chatbotId)}`;

/** Every endpoint the dashboard uses, typed with its answer. */
export const api = {
  auth: {
    session: () => request<Envelope<SessionView>>("GET", "/auth/session", { expect401: true }).then((r) => r.data),
    login: (email: string, password: string) => request<Envelope<{ memberId: string; csrfToken: string }>>("POST", "/auth/login", { body: { email, password }, expect401: true }).then((r) => r.data),
    /** Answers the same for a new and a known address: the next step is the emailed link. */
    signup: (input: { email: string; password: string; name: string; organizationName: string }) => data(post<Envelope<{ sent: boolean }>>("/auth/signup", input)),
    confirmSignup: (token: string) => data(post<Envelope<{ memberId: string; organizationId: string; csrfToken: string }>>("/auth/signup/confirm", { token })),
    logout: () => post<void>("/auth/logout"),
    switchOrganization: (organizationId: string) => data(post<Envelope<SessionView>>("/auth/switch", { organizationId })),
    requestReset: (email: string) => data(post<Envelope<{ sent: boolean }>>("/auth/password-reset", { email })),
    confirmReset: (token: string, password: string) => data(post<Envelope<{ reset: boolean }>>("/auth/password-reset/confirm", { token, password })),
    acceptInvitation: (input: { token: string; name?: string; password?: string }) =>
      request<Envelope<{ memberId: string; organizationId: string; csrfToken: string }>>("POST", "/auth/invitations/accept", { body: input, expect401: true }).then((r) => r.data),
  },
  organizations: {
    create: (name: string) => data(post<Envelope<SessionOrganization>>("/organizations", { name })),
    members: (orgId: string) => data(get<Envelope<OrgMember[]>>(`/organizations/${orgId}/members`)),
    removeMember: (orgId: string, memberId: string) => del(`/organizations/${orgId}/members/${memberId}`),
    invitations: (orgId: string) => data(get<Envelope<Invitation[]>>(`/organizations/${orgId}/invitations`)),
    invite: (orgId: string, email: string, role: Role) => data(post<Envelope<CreatedInvitation>>(`/organizations/${orgId}/invitations`, { email, role })),
    revokeInvitation: (orgId: string, id: string) => del(`/organizations/${orgId}/invitations/${id}`),
    chatbots: (orgId: string) => data(get<Envelope<Chatbot[]>>(`/organizations/${orgId}/chatbots`)),
    createChatbot: (orgId: string, input: { name: string; idleTimeoutMinutes?: number }) => data(post<Envelope<Chatbot>>(`/organizations/${orgId}/chatbots`, input)),
    updateChatbot: (orgId: string, chatbotId: string, input: { name?: string; idleTimeoutMinutes?: number; status?: "active" | "archived" }) =>
      data(patch<Envelope<Chatbot>>(`/organizations/${orgId}/chatbots/${chatbotId}`, input)),
    deleteChatbot: (orgId: string, chatbotId: string) => del(`/organizations/${orgId}/chatbots/${chatbotId}`),
  },
  analytics: {
    overview: (chatbotId: string, q: Query) => data(get<Envelope<Overview>>(`${bot(chatbotId)}/analytics/overview`, q)),
    sentiment: (chatbotId: string, q: Query) => data(get<Envelope<SentimentOverTime>>(`${bot(chatbotId)}/analytics/sentiment`, q)),
    conversations: (chatbotId: string, q: Query) => get<Paged<ConversationRow>>(`${bot(chatbotId)}/analytics/conversations`, q),
    users: (chatbotId: string, q: Query) => get<Paged<ClientUserRow>>(`${bot(chatbotId)}/analytics/users`, q),
    organizations: (chatbotId: string, q: Query) => get<Paged<ClientOrganizationRow>>(`${bot(chatbotId)}/analytics/organizations`, q),
    insights: (chatbotId: string, q: Query) => data(get<Envelope<Insights>>(`${bot(chatbotId)}/analytics/insights`, q)),
    assistant: (chatbotId: string, q: Query) => data(get<Envelope<AssistantPerformance>>(`${bot(chatbotId)}/analytics/assistant`, q)),
  },
  search: (chatbotId: string, q: Query) => get<SearchResult>(`${bot(chatbotId)}/search`, q),
  conversations: {
    get: (chatbotId: string, id: string, q: Query = {}) => data(get<Envelope<ConversationDetail>>(`${bot(chatbotId)}/conversations/${encodeURIComponent(id)}`, q)),
  },
  keys: {
    list: (chatbotId: string) => data(get<Envelope<ApiKey[]>>(`${bot(chatbotId)}/keys`)),
    create: (chatbotId: string, input: { kind: KeyKind; name: string; allowedOrigins?: string[]; expiresAt?: number }) =>
      data(post<Envelope<ApiKeyWithSecret>>(`${bot(chatbotId)}/keys`, input)),
    rotate: (chatbotId: string, id: string) => data(post<Envelope<ApiKeyWithSecret>>(`${bot(chatbotId)}/keys/${id}/rotate`)),
    revoke: (chatbotId: string, id: string) => data(del<Envelope<ApiKey>>(`${bot(chatbotId)}/keys/${id}`)),
  },
  webhooks: {
    list: (chatbotId: string) => data(get<Envelope<WebhookDestination[]>>(`${bot(chatbotId)}/webhooks`)),
    create: (chatbotId: string, input: { name: string; kind: DestinationKind; url: string }) =>
      data(post<Envelope<WebhookDestinationWithSecret>>(`${bot(chatbotId)}/webhooks`, input)),
    remove: (chatbotId: string, id: string) => del(`${bot(chatbotId)}/webhooks/${id}`),
    test: (chatbotId: string, id: string) => data(post<Envelope<TestSendResult>>(`${bot(chatbotId)}/webhooks/${id}/test`)),
    enable: (chatbotId: string, id: string) => data(post<Envelope<WebhookDestination>>(`${bot(chatbotId)}/webhooks/${id}/enable`)),
  },
  reports: {
    list: (chatbotId: string) => data(get<Envelope<Report[]>>(`${bot(chatbotId)}/reports`)),
    get: (chatbotId: string, id: string) => data(get<Envelope<Report>>(`${bot(chatbotId)}/reports/${encodeURIComponent(id)}`)),
    data: (chatbotId: string, id: string, q: Query) => data(get<Envelope<ReportData>>(`${bot(chatbotId)}/reports/${encodeURIComponent(id)}/data`, q)),
    create: (chatbotId: string, input: { name: string; rangeDays?: number; layout?: ReportLayout }) => data(post<Envelope<Report>>(`${bot(chatbotId)}/reports`, input)),
    update: (chatbotId: string, id: string, input: { name?: string; rangeDays?: number; layout?: ReportLayout }) =>
      data(patch<Envelope<Report>>(`${bot(chatbotId)}/reports/${encodeURIComponent(id)}`, input)),
    duplicate: (chatbotId: string, id: string) => data(post<Envelope<Report>>(`${bot(chatbotId)}/reports/${encodeURIComponent(id)}/duplicate`, {})),
    remove: (chatbotId: string, id: string) => del(`${bot(chatbotId)}/reports/${encodeURIComponent(id)}`),
  },
  workflows: {
    list: (chatbotId: string) => data(get<Envelope<Workflow[]>>(`${bot(chatbotId)}/workflows`)),
    templates: (chatbotId: string) => data(get<Envelope<WorkflowTemplate[]>>(`${bot(chatbotId)}/workflows/templates`)),
    get: (chatbotId: string, id: string) => data(get<Envelope<Workflow>>(`${bot(chatbotId)}/workflows/${id}`)),
    create: (chatbotId: string, input: WorkflowInput) => data(post<Envelope<Workflow>>(`${bot(chatbotId)}/workflows`, input)),
    createFromTemplate: (chatbotId: string, input: { template: string; destinationId: string; name?: string }) =>
      data(post<Envelope<Workflow>>(`${bot(chatbotId)}/workflows`, input)),
    update: (chatbotId: string, id: string, input: Partial<WorkflowInput>) => data(patch<Envelope<Workflow>>(`${bot(chatbotId)}/workflows/${id}`, input)),
    remove: (chatbotId: string, id: string) => del(`${bot(chatbotId)}/workflows/${id}`),
    runs: (chatbotId: string, id: string, q: Query) => get<Paged<WorkflowRun>>(`${bot(chatbotId)}/workflows/${id}/runs`, q),
    retryRun: (chatbotId: string, runId: string) => data(post<Envelope<WorkflowRun>>(`${bot(chatbotId)}/workflows/runs/${runId}/retry`)),
  },
  analysis: {
    config: (chatbotId: string) => data(get<Envelope<AnalysisConfigView>>(`${bot(chatbotId)}/analysis/config`)),
    update: (chatbotId: string, input: Partial<AnalysisConfig>) => data(patch<Envelope<AnalysisConfigView>>(`${bot(chatbotId)}/analysis/config`, input)),
    revertPrompt: (chatbotId: string, name: PromptName) => data(post<Envelope<AnalysisConfigView>>(`${bot(chatbotId)}/analysis/config/prompts/${name}/revert`)),
    suggestions: (chatbotId: string, q: Query) => get<Paged<IntentSuggestion>>(`${bot(chatbotId)}/analysis/suggestions`, q),
    approve: (chatbotId: string, slug: string, input: { name: string; description: string }) =>
      data(post<Envelope<{ accepted: number; config: AnalysisConfigView }>>(`${bot(chatbotId)}/analysis/suggestions/${slug}/approve`, input)),
    reject: (chatbotId: string, slug: string) => data(post<Envelope<{ rejected: number }>>(`${bot(chatbotId)}/analysis/suggestions/${slug}/reject`)),
    rejectMany: (chatbotId: string, input: { slugs: string[] } | { all: true }) => data(post<Envelope<BulkRejectResult>>(`${bot(chatbotId)}/analysis/suggestions/reject`, input)),
  },
  liveFeedUrl: (chatbotId: string) => {
    const url = new URL(`/api/v1${bot(chatbotId)}/live-feed`, window.location.origin);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
  },
};

const TITLES: Record<string, string> = {
  network_error: "Cannot reach the server",
  unauthorized: "You are not logged in",
  forbidden: "Not allowed",
  chatbot_archived: "This chatbot is archived",
  not_found: "Not found",
  invalid_request: "Please check what you entered",
  invalid_json: "The request could not be read",
  conflict: "That clashes with what exists",
  rate_limited: "Too many requests",
  internal_error: "Something went wrong on our side",
};

/** A title, a sentence and the per-field messages of an error, for people. */
export function describeError(error: unknown): { title: string; message: string; details: ErrorDetail[] } {
  if (error instanceof ApiError) {
    const title = TITLES[error.code] ?? (error.status >= 500 ? "Something went wrong on our side" : "The request was refused");
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    // A single detail usually repeats the message; list them only when they add something.
    const details = error.details.filter((d) => !error.message.includes(d.message) || error.details.length > 1);
    return { title, message, details };
  }
  return { title: "Something went wrong", message: error instanceof Error ? error.message : String(error), details: [] };
}

/** The message for one form field from an invalid_request error, if it names that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.field === field)?.message;
}
