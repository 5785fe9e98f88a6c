/**
 * `npm run mutants`: plants known bugs one at a time — each breaking a promise the README makes — and
 * checks that the tests named for it catch it. Works on a throwaway copy of the working tree (tracked and
 * untracked files, node_modules linked), so the tree you work in is never left mutated, whatever happens
 * (Ctrl+C included). Not part of `npm test`: it runs vitest once per planted bug.
 *
 *   npm run mutants                 every planted bug
 *   npm run mutants -- tenant csrf  only those whose id contains one of the words
 *   npm run mutants -- --check      only verify every search string still applies (no tests run)
 *
 * A planted bug whose search string is missing, or found more than once, fails the run loudly: when the
 * code it targets changes, update the mutation here.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

interface Mutant {
  id: string;
  /** Where the code lives: worker, durable-objects, queue, sdk or dashboard-api (the routes the dashboard calls). */
  area: "worker" | "durable-objects" | "queue" | "sdk" | "dashboard-api";
  /** The README promise the bug breaks. */
  promise: string;
  file: string;
  search: string;
  replace: string;
  /** Test files that must fail with the bug planted. */
  tests: string[];
}

const MATRIX = "test/integration/route-matrix.test.ts";
const CSRF = "test/integration/csrf.test.ts";
const CAPTURE = "test/integration/capture.test.ts";
const ANALYTICS = "test/integration/analytics.test.ts";
const WEBHOOKS = "test/queue/webhooks.test.ts";

export const MUTANTS: Mutant[] = [
  // ---- tenancy: another tenant's id answers 404 ----
  {
    id: "tenant-update-chatbot",
    area: "dashboard-api",
    promise: "every query scoped to its tenant: another organization's chatbot cannot be changed (404)",
    file: "worker/services/chatbots.ts",
    search: "const scoped = and(eq(chatbots.id, chatbotId), eq(chatbots.organizationId, organizationId));",
    replace: "const scoped = eq(chatbots.id, chatbotId);",
    tests: [MATRIX],
  },
  {
    id: "tenant-delete-chatbot",
    area: "dashboard-api",
    promise: "another organization's chatbot cannot be deleted (404)",
    file: "worker/services/chatbots.ts",
    search: ".from(chatbots).where(and(eq(chatbots.id, chatbotId), eq(chatbots.organizationId, organizationId))).get();",
    replace: ".from(chatbots).where(eq(chatbots.id, chatbotId)).get();",
    tests: [MATRIX],
  },
  {
    id: "tenant-key-names-other-chatbot",
    area: "worker",
    promise: "a key of one chatbot answers 404 on another tenant's chatbot at /api/v1/chatbots/:chatbotId/…",
    file: "worker/middleware/auth.ts",
    search: 'if (chatbotId && scope.chatbotId !== chatbotId) throw notFound("chatbot");',
    replace: "",
    tests: [MATRIX],
  },
  {
    id: "tenant-member-any-chatbot",
    area: "dashboard-api",
    promise: "a member session reaches only its own organizations' chatbots",
    file: "worker/services/sessions.ts",
    search: ".innerJoin(memberships, and(eq(memberships.organizationId, chatbots.organizationId), eq(memberships.memberId, session.memberId)))",
    replace: ".innerJoin(memberships, eq(memberships.organizationId, chatbots.organizationId))",
    tests: [MATRIX],
  },
  {
    id: "tenant-retry-run",
    area: "worker",
    promise: "another tenant's workflow run cannot be retried (404)",
    file: "worker/workflows/service.ts",
    search: "where(and(eq(workflowRuns.id, runId), eq(workflowRuns.chatbotId, chatbotId))).get();\n  if (!run) throw notFound(\"workflow run\");\n  if (run.status",
    replace: "where(eq(workflowRuns.id, runId)).get();\n  if (!run) throw notFound(\"workflow run\");\n  if (run.status",
    tests: [MATRIX],
  },
  {
    id: "tenant-delete-workflow",
    area: "worker",
    promise: "another tenant's workflow cannot be deleted (404)",
    file: "worker/workflows/service.ts",
    search: "db.delete(workflows).where(and(eq(workflows.id, id), eq(workflows.chatbotId, chatbotId)))",
    replace: "db.delete(workflows).where(eq(workflows.id, id))",
    tests: [MATRIX],
  },
  {
    id: "tenant-revoke-key",
    area: "worker",
    promise: "another tenant's API key cannot be revoked (404)",
    file: "worker/services/keys.ts",
    search: ".where(and(eq(apiKeys.id, keyId), eq(apiKeys.chatbotId, chatbotId), isNull(apiKeys.revokedAt)))",
    replace: ".where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))",
    tests: [MATRIX],
  },
  {
    id: "tenant-revoke-invitation",
    area: "dashboard-api",
    promise: "another organization's invitation cannot be revoked (404)",
    file: "worker/services/organizations.ts",
    search: "const pending = and(eq(invitations.id, id), eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt));",
    replace: "const pending = and(eq(invitations.id, id), isNull(invitations.acceptedAt));",
    tests: [MATRIX],
  },
  {
    id: "tenant-conversation-object",
    area: "durable-objects",
    promise: "a conversation is read only by its own chatbot (another tenant's conversation id answers 404)",
    file: "durable-objects/conversation.ts",
    search: "return state && state.chatbotId === chatbotId && state.firstMessageAt !== null ? state : null;",
    replace: "return state && state.firstMessageAt !== null ? state : null;",
    tests: [MATRIX],
  },
  // ---- capture: duplicates, ack after write, rate limits ----
  {
    id: "dedupe-duplicate-still-writes",
    area: "durable-objects",
    promise: "a message id sent again is stored once and writes nothing (no activity, version or analysis)",
    file: "durable-objects/conversation.ts",
    search: "    if (result.duplicate) return result;\n",
    replace: "",
    tests: [CAPTURE],
  },
  {
    id: "dedupe-duplicate-bumps-activity",
    area: "durable-objects",
    promise: "a duplicate does not move the conversation's last activity",
    file: "durable-objects/conversation-store.ts",
    search: "if (existing) return { message: existing, duplicate: true, differs:",
    replace: "if (existing) state.lastMessageAt = now;\n    if (existing) return { message: existing, duplicate: true, differs:",
    tests: [CAPTURE],
  },
  {
    id: "ack-before-write",
    area: "durable-objects",
    promise: "a socket message is acknowledged only once it is durably stored",
    // The message is kept in memory only (as a write-behind cache would) and acknowledged all the same.
    file: "durable-objects/conversation-store.ts",
    search: '    this.sql.exec(\n      "INSERT INTO messages (seq, id, role, content, sent_at, received_at, analysis_due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",',
    replace: '    ((..._unstored: unknown[]) => undefined)(\n      "INSERT INTO messages (seq, id, role, content, sent_at, received_at, analysis_due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",',
    tests: ["test/durable-objects/live.test.ts"],
  },
  {
    id: "socket-message-not-scheduled",
    area: "durable-objects",
    promise: "each message is annotated right after its acknowledgement",
    file: "durable-objects/conversation.ts",
    search: '        this.commit(state, now);\n        return send(ws, { type: "ack"',
    replace: '        return send(ws, { type: "ack"',
    tests: ["test/durable-objects/ack-path.test.ts"],
  },
  {
    id: "queue-ack-instead-of-retry",
    area: "queue",
    promise: "a failed webhook send is retried with backoff, not dropped",
    file: "worker/webhooks/consumer.ts",
    search: 'if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });\n        else message.ack();',
    replace: "message.ack();",
    tests: [WEBHOOKS],
  },
  {
    id: "rate-limit-per-chatbot",
    area: "worker",
    promise: "rate limits count per API key, not per chatbot",
    file: "worker/middleware/rate-limit.ts",
    search: '(c) => c.get("auth").keyId)',
    replace: '(c) => c.get("auth").chatbotId)',
    tests: [CAPTURE],
  },
  // ---- sessions: CSRF ----
  {
    id: "csrf-session-check",
    area: "dashboard-api",
    promise: "every cookie-authenticated change needs the x-csrf-token header",
    file: "worker/services/sessions.ts",
    search: 'if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method) && c.req.header("x-csrf-token") !== session.csrfToken) {',
    replace: "if (false) {",
    tests: [CSRF],
  },
  {
    id: "csrf-invitation-accept",
    area: "dashboard-api",
    promise: "accepting an invitation as the logged-in member needs the x-csrf-token header",
    file: "worker/routes/auth.ts",
    search: 'if (session && c.req.header("x-csrf-token") !== session.csrfToken) {',
    replace: "if (false) {",
    tests: [CSRF],
  },
  // ---- webhooks: SSRF, signatures ----
  {
    id: "ssrf-no-recheck-before-send",
    area: "queue",
    promise: "a webhook's address is checked again right before each send (DNS may have changed)",
    file: "worker/webhooks/delivery.ts",
    search: "    await assertDeliverable(destination.url, urlPolicy(env));\n",
    replace: "",
    tests: [WEBHOOKS],
  },
  {
    id: "ssrf-follows-redirects",
    area: "queue",
    promise: "webhooks never follow redirects",
    file: "worker/webhooks/delivery.ts",
    search: 'redirect: "manual", // a redirect could lead anywhere',
    replace: 'redirect: "follow", // a redirect could lead anywhere',
    tests: [WEBHOOKS],
  },
  {
    id: "ssrf-private-range",
    area: "worker",
    promise: "webhooks go to public addresses only (10.0.0.0/8 is private)",
    file: "worker/webhooks/ip.ts",
    search: '["10.0.0.0", 8, "private"],',
    replace: "",
    tests: ["test/unit/ssrf.test.ts"],
  },
  {
    id: "webhook-signature-without-timestamp",
    area: "queue",
    promise: "webhooks are signed (Standard Webhooks) over id, timestamp and body",
    file: "worker/webhooks/signing.ts",
    search: "encoder.encode(`${id}.${timestampSeconds}.${body}`)",
    replace: "encoder.encode(`${id}.${body}`)",
    tests: [WEBHOOKS, "test/sdk/webhooks.test.ts"],
  },
  {
    id: "sdk-verify-accepts-replays",
    area: "sdk",
    promise: "verifyWebhook refuses a timestamp outside the tolerance (replays)",
    file: "sdk/src/webhooks.ts",
    search: "Math.abs(Date.now() / 1000 - seconds) > toleranceSeconds",
    replace: "false",
    tests: ["test/sdk/webhooks.test.ts"],
  },
  {
    id: "conversation-token-unverified",
    area: "worker",
    promise: "conversation tokens are signed: a forged or altered token is refused",
    file: "worker/services/conversation-token.ts",
    search: 'const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), sig, encoder.encode(`v1.${payload}`));',
    replace: "const valid = sig.length > 0;",
    tests: ["test/unit/conversation-token.test.ts"],
  },
  // ---- keys ----
  {
    id: "revoked-key-accepted",
    area: "worker",
    promise: "a revoked key answers 401 at once",
    file: "worker/services/keys.ts",
    search: "if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;",
    replace: "if (!row || (row.expiresAt !== null && row.expiresAt <= now)) return null;",
    tests: ["test/integration/revocation.test.ts", "test/integration/auth.test.ts"],
  },
  {
    id: "publishable-any-origin",
    area: "worker",
    promise: "a publishable key opens sockets only from its allowed origins",
    file: "worker/services/live-auth.ts",
    search: "if (scope.allowedOrigins?.length && !originAllowed(scope.allowedOrigins, origin)) {",
    replace: "if (false) {",
    tests: ["test/durable-objects/live.test.ts", "test/integration/auth.test.ts"],
  },
  // ---- the index and analytics ----
  {
    id: "index-older-overwrites-newer",
    area: "durable-objects",
    promise: "an older snapshot never overwrites a newer one in the D1 index",
    file: "worker/services/conversation-index.ts",
    search: "WHERE excluded.index_version > conversations.index_version",
    replace: "WHERE excluded.index_version >= 0",
    tests: ["test/integration/conversation-index.test.ts"],
  },
  {
    id: "index-older-user-context",
    area: "durable-objects",
    promise: "a client user's older context never overwrites newer",
    file: "worker/services/conversation-index.ts",
    search: "WHERE excluded.updated_at >= client_users.updated_at",
    replace: "WHERE 1 = 1",
    tests: ["test/integration/conversation-index.test.ts"],
  },
  {
    id: "range-end-inclusive-rollups",
    area: "worker",
    promise: "analytics ranges take `to` exclusive (figures read from the hourly and daily rollups)",
    file: "worker/analytics/rollup-reads.ts",
    search: "const range = sql`${sql.raw(column)} >= ${r.from} AND ${sql.raw(column)} < ${r.to}`;",
    replace: "const range = sql`${sql.raw(column)} >= ${r.from} AND ${sql.raw(column)} <= ${r.to}`;",
    tests: [ANALYTICS],
  },
  {
    // Reached only by a filtered subset no rollup covers (the unscoped edge test reads rollups): the reports test
    // reads such a subset with a conversation at each edge.
    id: "range-end-inclusive-conversations",
    area: "worker",
    promise: "analytics ranges take `from` inclusive and `to` exclusive (conversation figures of an unregistered subset)",
    file: "worker/analytics/overview.ts",
    search: "gte(conversations.createdAt, previous.from), lt(conversations.createdAt, to), scope.conversations)),",
    replace: "gte(conversations.createdAt, previous.from), sql`${conversations.createdAt} <= ${to}`, scope.conversations)),",
    tests: [ANALYTICS, "test/integration/reports.test.ts"],
  },
  {
    // As range-end-inclusive-conversations: the raw rows of an unregistered subset, read at its edges by the reports test.
    id: "range-end-inclusive-sentiment",
    area: "worker",
    promise: "analytics ranges take `to` exclusive (message figures)",
    file: "worker/analytics/overview.ts",
    search: 'eq(annotations.kind, "sentiment"), gte(annotations.createdAt, previous.from), lt(annotations.createdAt, to), scope.annotations)),',
    replace: 'eq(annotations.kind, "sentiment"), gte(annotations.createdAt, previous.from), sql`${annotations.createdAt} <= ${to}`, scope.annotations)),',
    tests: [ANALYTICS, "test/integration/reports.test.ts"],
  },
  // ---- analysis jobs ----
  {
    id: "analysis-job-done-before-call",
    area: "durable-objects",
    promise: "analysis can be late, never lost: a job survives the object going away mid-call",
    file: "durable-objects/conversation-analysis.ts",
    search: "      if (job.key === resolutionJob) changed = (await resolve(host, state, config, choice)) || changed;",
    replace: "      store.finishJob(job.key);\n      if (job.key === resolutionJob) changed = (await resolve(host, state, config, choice)) || changed;",
    tests: ["test/durable-objects/analysis.test.ts"],
  },
  {
    id: "analysis-backoff-flat",
    area: "durable-objects",
    promise: "a failing analysis job is retried with a growing backoff",
    file: "durable-objects/conversation-analysis.ts",
    search: "return Math.min(60_000, 1_000 * 2 ** attempts);",
    replace: "return 1_000;",
    tests: ["test/durable-objects/analysis.test.ts"],
  },
  {
    id: "analysis-jobs-dropped-when-config-unreadable",
    area: "durable-objects",
    promise: "when analysis cannot run yet, nothing is dropped: every job waits for the next run",
    file: "durable-objects/conversation-analysis.ts",
    search: "for (const job of jobs) store.retryJob(job.key, Date.now() + backoff(job.attempts));",
    replace: "for (const job of jobs) store.finishJob(job.key);",
    tests: ["test/durable-objects/analysis.test.ts"],
  },
  // ---- roles ----
  {
    id: "admin-may-delete-organization",
    area: "dashboard-api",
    promise: "only an owner deletes an organization",
    file: "worker/routes/organizations.ts",
    search: 'summary: "Delete the organization and purge its chatbots\' conversations (owner)", middleware: [role("owner")]',
    replace: 'summary: "Delete the organization and purge its chatbots\' conversations (owner)", middleware: [role("admin")]',
    tests: ["test/integration/accounts.test.ts"],
  },
  {
    id: "last-owner-demoted-in-a-race",
    area: "dashboard-api",
    promise: "never the last owner: two owners demoting each other at once leave one owner (409 for the other)",
    file: "migrations/0028_keep_an_owner.sql",
    search: "WHEN OLD.role = 'owner' AND NEW.role <> 'owner'",
    replace: "WHEN 0",
    tests: ["test/integration/accounts.test.ts"],
  },
  // ---- SDK ----
  {
    id: "sdk-burst-unpaced",
    area: "sdk",
    promise: "the SDK paces frames to the server's frame rate limits: a browser's burst is stored whole on one socket",
    file: "sdk/src/conversation.ts",
    search: "this.pacer = pacer(wiring.frames);",
    replace: "this.pacer = pacer({ burst: 1e9, perSecond: 1e9 });",
    tests: ["test/sdk/live.test.ts"],
  },
];

// ---- running ----

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const checkOnly = args.includes("--check");
const words = args.filter((a) => !a.startsWith("--"));
const chosen = words.length ? MUTANTS.filter((m) => words.some((w) => m.id.includes(w))) : MUTANTS;

const occurrences = (text: string, search: string) => text.split(search).length - 1;

/** Every planted bug must still apply exactly once; otherwise its target changed and this list must follow. */
function verify(dir: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const m of MUTANTS) {
    if (ids.has(m.id)) problems.push(`${m.id}: id used twice`);
    ids.add(m.id);
    const file = path.join(dir, m.file);
    if (!existsSync(file)) {
      problems.push(`${m.id}: ${m.file} does not exist`);
      continue;
    }
    const n = occurrences(readFileSync(file, "utf8"), m.search);
    if (n !== 1) problems.push(`${m.id}: search string found ${n} times in ${m.file} (must be exactly once)`);
    for (const t of m.tests) if (!existsSync(path.join(dir, t))) problems.push(`${m.id}: test file ${t} does not exist`);
  }
  return problems;
}

/** A copy of the working tree (what git tracks plus untracked, unignored files) with node_modules linked. */
function copyTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "openbat-mutants-"));
  const listed = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const from = path.join(root, file);
    if (!existsSync(from)) continue; // deleted but not yet staged
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    // A real copy, never a hard link: writing the mutation must not touch the original file.
    cpSync(from, path.join(dir, file));
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

interface Outcome {
  mutant: Mutant;
  caught: boolean;
  detail: string;
}

interface VitestJson {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { assertionResults: { status: string; fullName: string }[] }[];
}

function run(dir: string, mutant: Mutant): Outcome {
  const file = path.join(dir, mutant.file);
  const original = readFileSync(file, "utf8");
  writeFileSync(file, original.replace(mutant.search, () => mutant.replace));
  const report = path.join(dir, `mutant-${mutant.id}.json`);
  try {
    const result = spawnSync("npx", ["vitest", "run", "--project", "workers", "--project", "workers-isolated", "--reporter=json", `--outputFile=${report}`, ...mutant.tests], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    if (!existsSync(report)) return { mutant, caught: false, detail: `vitest wrote no report (exit ${result.status}): ${result.stderr.slice(-300)}` };
    const json = JSON.parse(readFileSync(report, "utf8")) as VitestJson;
    const failed = json.testResults.flatMap((f) => f.assertionResults).filter((a) => a.status === "failed");
    // Only a failing test counts: a suite that does not even load proves nothing about the promise.
    if (failed.length) return { mutant, caught: true, detail: `${failed.length} failed, e.g. "${failed[0]!.fullName}"` };
    return { mutant, caught: false, detail: `${json.numPassedTests} passed, none failed (exit ${result.status})` };
  } finally {
    writeFileSync(file, original);
  }
}

function main(): number {
  const problems = verify(root);
  if (problems.length) {
    console.error("planted bugs that no longer apply (update scripts/mutants.ts):\n" + problems.map((p) => `  - ${p}`).join("\n"));
    return 2;
  }
  if (checkOnly) {
    console.log(`all ${MUTANTS.length} planted bugs apply`);
    return 0;
  }
  if (!chosen.length) {
    console.error(`no planted bug matches ${words.join(", ")}`);
    return 2;
  }
  const dir = copyTree();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  const outcomes: Outcome[] = [];
  try {
    for (const [i, mutant] of chosen.entries()) {
      process.stdout.write(`[${i + 1}/${chosen.length}] ${mutant.id} … `);
      const outcome = run(dir, mutant);
      outcomes.push(outcome);
      console.log(outcome.caught ? "caught" : "SURVIVED");
    }
  } finally {
    cleanup();
  }
  const rows = outcomes.map((o) => [o.caught ? "caught" : "SURVIVED", o.mutant.id, o.mutant.area, o.mutant.promise, o.detail]);
  const header = ["result", "planted bug", "area", "README promise", "evidence"];
  const widths = header.map((h, c) => Math.min(c === 4 ? 120 : 60, Math.max(h.length, ...rows.map((r) => r[c]!.length))));
  const line = (cells: string[]) => "| " + cells.map((cell, c) => (cell.length > widths[c]! ? cell.slice(0, widths[c]! - 1) + "…" : cell.padEnd(widths[c]!))).join(" | ") + " |";
  console.log("\n" + line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const row of rows) console.log(line(row));
  const survived = outcomes.filter((o) => !o.caught);
  const areas = [...new Set(outcomes.map((o) => o.mutant.area))].join(", ");
  console.log(`\n${outcomes.length} planted bugs (${areas}): ${outcomes.length - survived.length} caught, ${survived.length} survived`);
  return survived.length ? 1 : 0;
}

process.exitCode = main();
