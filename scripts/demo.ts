/**
 * `npm run demo`: a chatbot population talking to the locally running product (`npm start`) through
 * the SDK, so the dashboard and the API fill with realistic conversations — and a load generator.
 *
 * Several client organizations (plans, industries, MRR) and their users in many countries and on
 * every kind of device hold many concurrent conversations, most live over WebSocket, some recorded
 * over REST the way a server-side integration would. Scripts mix moods and signals: churn talk,
 * buying questions, competitor mentions, confusion, praise, frustration, urgent requests, and
 * assistant answers that over-apologise, dodge or invent specifics. Country and device are stated in
 * the session, since every request comes from 127.0.0.1.
 *
 *   npm run demo -- --rate 10 --duration 300 --conversations 30
 *
 * Options: --rate <messages/s> (default 8), --duration <seconds> (default 300, at most 86,400),
 * --conversations <concurrent> (default 24, at most 300), --rest <share of conversations over REST,
 * 0–1> (default 0.2), --seed <n> (repeatable runs), --url <base URL> (loopback only).
 *
 * Limits it keeps: only loopback targets; every loop is bounded by the deadline; the product allows
 * 600 captures + socket opens per key per minute, so the demo spends at most 540 (new conversations
 * and REST calls wait for the budget; the display shows it). Ctrl+C stops cleanly: conversations are
 * ended, sockets closed, a summary printed; a second Ctrl+C quits at once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Annotation, type Conversation, type MessageInput, OpenBat, type Resolution } from "../sdk/src/index";

// ---- options ---------------------------------------------------------------------------------

interface Options {
  rate: number;
  duration: number;
  conversations: number;
  rest: number;
  seed: number;
  url?: string;
}

const USAGE = `usage: npm run demo -- [--rate <messages/s>] [--duration <seconds>] [--conversations <n>] [--rest <0-1>] [--seed <n>] [--url <http://127.0.0.1:port>]`;

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rate: 8, duration: 300, conversations: 24, rest: 0.2, seed: Math.floor(Math.random() * 2 ** 31) };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${flag} needs a value\n${USAGE}`);
    const number = Number(value);
    const bounded = (min: number, max: number) => {
      if (!Number.isFinite(number) || number < min || number > max) fail(`${flag} must be a number from ${min} to ${max}`);
      return number;
    };
    switch (flag) {
      case "--rate":
        options.rate = bounded(0.1, 2000);
        break;
      case "--duration":
        options.duration = bounded(1, 86_400);
        break;
      case "--conversations":
        options.conversations = Math.round(bounded(1, 300));
        break;
      case "--rest":
        options.rest = bounded(0, 1);
        break;
      case "--seed":
        options.seed = Math.round(bounded(0, 2 ** 31));
        break;
      case "--url":
        options.url = value;
        break;
      default:
        fail(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

interface Credentials {
  url: string;
  ingestKey: string;
  readKey: string;
}

function credentials(): Credentials {
  const file = ".wrangler/demo-credentials.json";
  try {
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
    return JSON.parse(execFileSync("npm", ["run", "--silent", "demo:credentials"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as Credentials;
  } catch {
    fail("no demo tenant yet: start the product with `npm start` (it seeds one), then run the demo again");
  }
}

/** Only this machine: the demo is a load generator and must never be pointed at someone else. */
function assertLoopback(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    fail(`not a URL: ${url}`);
  }
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host) && !/^127\.\d+\.\d+\.\d+$/.test(host)) {
    fail(`${url} is not a loopback address; the demo only drives the product on this machine`);
  }
}

// ---- randomness ------------------------------------------------------------------------------

let state = 0;
/** mulberry32: small, seedable, good enough for picking lines. */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

// ---- the population --------------------------------------------------------------------------

interface Org {
  id: string;
  name: string;
  plan: string;
  industry: string;
  mrr: number;
  seats: number;
  domain: string;
}

const ORGS: Org[] = [
  { id: "org-wayne", name: "Wayne Financial", plan: "enterprise", industry: "fintech", mrr: 12_500, seats: 14, domain: "waynefinancial.example" },
  { id: "org-umbrella", name: "Umbrella Health", plan: "enterprise", industry: "healthcare", mrr: 8_900, seats: 12, domain: "umbrella-health.example" },
  { id: "org-globex", name: "Globex Corporation", plan: "enterprise", industry: "manufacturing", mrr: 4_200, seats: 10, domain: "globex.example" },
  { id: "org-hooli", name: "Hooli", plan: "business", industry: "software", mrr: 2_100, seats: 9, domain: "hooli.example" },
  { id: "org-tyrell", name: "Tyrell Robotics", plan: "business", industry: "hardware", mrr: 1_800, seats: 7, domain: "tyrell.example" },
  { id: "org-initech", name: "Initech", plan: "business", industry: "software", mrr: 1_250, seats: 8, domain: "initech.example" },
  { id: "org-stark", name: "Stark Logistics", plan: "pro", industry: "logistics", mrr: 490, seats: 6, domain: "starklogistics.example" },
  { id: "org-acme", name: "Acme Retail", plan: "pro", industry: "e-commerce", mrr: 340, seats: 5, domain: "acme-retail.example" },
  { id: "org-soylent", name: "Soylent Foods", plan: "starter", industry: "food & beverage", mrr: 79, seats: 4, domain: "soylent.example" },
  { id: "org-pied", name: "Pied Piper", plan: "starter", industry: "software", mrr: 49, seats: 3, domain: "piedpiper.example" },
];

/**
 * Where users are, with a city, continent and time zone to go with the country: the Worker fills
 * whatever the session leaves out from the request's own location (this machine), so stating only the
 * country would pair "JP" with the local city.
 */
const PLACES = {
  US: ["San Francisco", "NA", "America/Los_Angeles", 20], IN: ["Bengaluru", "AS", "Asia/Kolkata", 9], GB: ["London", "EU", "Europe/London", 8],
  DE: ["Berlin", "EU", "Europe/Berlin", 7], BR: ["São Paulo", "SA", "America/Sao_Paulo", 7], FR: ["Paris", "EU", "Europe/Paris", 5],
  JP: ["Tokyo", "AS", "Asia/Tokyo", 5], CA: ["Toronto", "NA", "America/Toronto", 5], AU: ["Sydney", "OC", "Australia/Sydney", 4],
  ES: ["Madrid", "EU", "Europe/Madrid", 4], MX: ["Mexico City", "NA", "America/Mexico_City", 4], NL: ["Amsterdam", "EU", "Europe/Amsterdam", 3],
  NG: ["Lagos", "AF", "Africa/Lagos", 3], KR: ["Seoul", "AS", "Asia/Seoul", 3], PL: ["Warsaw", "EU", "Europe/Warsaw", 3],
  IT: ["Milan", "EU", "Europe/Rome", 3], ID: ["Jakarta", "AS", "Asia/Jakarta", 3], ZA: ["Cape Town", "AF", "Africa/Johannesburg", 2],
  SG: ["Singapore", "AS", "Asia/Singapore", 2], SE: ["Stockholm", "EU", "Europe/Stockholm", 2], AR: ["Buenos Aires", "SA", "America/Argentina/Buenos_Aires", 2],
  TR: ["Istanbul", "AS", "Europe/Istanbul", 2], EG: ["Cairo", "AF", "Africa/Cairo", 2], VN: ["Ho Chi Minh City", "AS", "Asia/Ho_Chi_Minh", 2],
  KE: ["Nairobi", "AF", "Africa/Nairobi", 1], NZ: ["Auckland", "OC", "Pacific/Auckland", 1], CL: ["Santiago", "SA", "America/Santiago", 1],
  PT: ["Lisbon", "EU", "Europe/Lisbon", 1],
} as const;
type Country = keyof typeof PLACES;
const COUNTRIES = Object.entries(PLACES).map(([code, place]) => [code as Country, place[3]] as const);
const DEVICES = [["desktop", 55], ["mobile", 38], ["tablet", 7]] as const;
const FIRST = ["Ada", "Grace", "Linus", "Amara", "Kenji", "Sofia", "Mateo", "Priya", "Chen", "Olga", "Tunde", "Lena", "Omar", "Yuki", "Noah", "Ines", "Ravi", "Zara", "Lucas", "Mei", "Jonas", "Fatima", "Diego", "Hana"];
const LAST = ["Lovelace", "Hopper", "Okafor", "Tanaka", "Silva", "Sharma", "Novak", "Müller", "Haddad", "Kim", "Rossi", "Andersson", "Nguyen", "Mensah", "García", "Kowalski"];
const PAGES = ["/pricing", "/billing", "/settings/integrations", "/docs/getting-started", "/checkout", "/dashboard", "/account/team", "/help/exports"];
const REFERRERS = [["", 40], ["https://www.google.com/", 30], ["https://news.ycombinator.com/", 8], ["https://www.linkedin.com/", 8], ["https://mail.example/newsletter", 14]] as const;

interface Persona {
  user: { id: string; name: string; email: string; plan: string; mrr?: number; industry?: string };
  organization?: Omit<Org, "seats" | "domain">;
  country: Country;
}

/** Stable users: the same person comes back in several conversations, as in real traffic. */
const people = new Map<string, Persona>();
function persona(): Persona {
  const org = random() < 0.8 ? pick(ORGS) : undefined;
  const seat = Math.floor(random() * (org?.seats ?? 30));
  const key = `${org?.id ?? "solo"}-${seat}`;
  let known = people.get(key);
  if (!known) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const solo = pick([["free", 0], ["starter", 19], ["pro", 49]] as const);
    const slug = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
    known = {
      user: {
        id: `u-${key}`,
        name: `${first} ${last}`,
        email: `${slug}@${org?.domain ?? "mail.example"}`,
        plan: org?.plan ?? solo[0],
        ...(org ? {} : { mrr: solo[1] }),
        ...(org ? { industry: org.industry } : {}),
      },
      ...(org && { organization: { id: org.id, name: org.name, plan: org.plan, industry: org.industry, mrr: org.mrr } }),
      country: weighted(COUNTRIES),
    };
    people.set(key, known);
  }
  return known;
}

// ---- what they talk about --------------------------------------------------------------------

type Turn = readonly ["user" | "assistant", string];
const COMPETITORS = ["Intercom", "Zendesk", "Drift", "Freshdesk", "HubSpot"];
const FEATURES = ["the CSV export", "SSO", "the Slack integration", "custom reports", "the API", "audit logs", "team permissions"];

const SCRIPTS: Record<string, readonly (readonly Turn[])[]> = {
  churn: [
    [
      ["user", "I'm thinking about cancelling our subscription, it has gotten too expensive for what we use."],
      ["assistant", "I'm sorry to hear that. Which features do you rely on most? There may be a plan that fits you better."],
      ["user", "Honestly we barely use {feature}. Just tell me how to cancel."],
      ["assistant", "You can cancel any time under Settings → Billing → Cancel plan. Your data stays available for 30 days."],
      ["user", "Ok. Please make sure we are not charged again next month."],
      ["assistant", "Understood: your plan will not renew. Is there anything we could have done better?"],
    ],
    [
      ["user", "We're going to downgrade to the free plan, the team stopped using it."],
      ["assistant", "Thanks for letting us know. Before you do, would a shorter onboarding session for your team help?"],
      ["user", "No, we've decided. How do I downgrade without losing our history?"],
      ["assistant", "Downgrading keeps your history; only members beyond the free seat limit are deactivated."],
    ],
  ],
  buying: [
    [
      ["user", "Do you offer annual billing on the {plan} plan? We're looking at about 40 seats."],
      ["assistant", "Yes. Annual billing saves 20%, and from 25 seats you also get volume pricing."],
      ["user", "Great, can I get a quote and talk to sales? We'd like to roll it out this quarter."],
      ["assistant", "Of course. I've asked our sales team to contact you today with a quote for 40 seats."],
      ["user", "Perfect, thank you!"],
    ],
    [
      ["user", "What's the price difference between Pro and Business? We want to upgrade."],
      ["assistant", "Business adds SSO, audit logs and priority support on top of Pro. You can upgrade from the billing page at any time."],
      ["user", "Can we try Business for two weeks before buying?"],
      ["assistant", "Yes, you can start a 14-day Business trial from the billing page; nothing is charged until it ends."],
    ],
  ],
  competitor: [
    [
      ["user", "{competitor} offers the same thing for half the price. Why should we stay with you?"],
      ["assistant", "That's a fair question. Our analytics run at the edge and keep every message; many teams switch for that."],
      ["user", "We're evaluating {competitor} next week, so convince me."],
      ["assistant", "I can set up a side-by-side trial with your own data so you can compare before deciding."],
    ],
    [
      ["user", "We are migrating from {competitor}. Can you import our old conversations?"],
      ["assistant", "Yes, the importer takes their JSON export. Go to Settings → Import and choose the file."],
      ["user", "Nice, that's easier than I expected."],
    ],
  ],
  confusion: [
    [
      ["user", "I don't understand how webhook retries work. Where do I even set this up?"],
      ["assistant", "Webhooks are configured under Workflows → Destinations. Each failed delivery is retried with backoff."],
      ["user", "Sorry, I'm still confused. What's the difference between a workflow and a destination?"],
      ["assistant", "A destination is where events go (a URL). A workflow decides when to send them there."],
      ["user", "Ah ok, that makes sense now, thanks."],
    ],
    [
      ["user", "what does this error mean?? it says invalid_request and I have no idea what I did wrong"],
      ["assistant", "That error names the field that was wrong in its details. Could you paste the whole message?"],
      ["user", "I'm not sure where to find the details, I'm lost"],
      ["assistant", "Open the browser console, find the failed request and copy its response; the field is listed there."],
    ],
  ],
  praise: [
    [
      ["user", "Just wanted to say the new dashboard is fantastic. Thank you so much!"],
      ["assistant", "Thank you, that's wonderful to hear! I'll pass it on to the team."],
      ["user", "The live view alone saved us hours this week. Love it."],
    ],
    [
      ["user", "Your support team solved our issue in ten minutes, amazing service."],
      ["assistant", "We're glad it's sorted! Let us know if anything else comes up."],
    ],
  ],
  frustration: [
    [
      ["user", "This is the third time I'm asking. {feature} has been broken for days and nobody answers!!"],
      ["assistant", "I'm so sorry, I sincerely apologize for the inconvenience. I'm very sorry about this, truly, my apologies."],
      ["user", "Stop apologizing and fix it. This is ridiculous, we're losing customers."],
      ["assistant", "I understand your frustration. I can't share a timeline right now, but it is being looked at."],
      ["user", "Useless. I want to talk to a human, now."],
    ],
    [
      ["user", "Your app logged me out again in the middle of my work. So annoying."],
      ["assistant", "Sorry about that! Clearing cookies and logging in again usually fixes it."],
      ["user", "I've done that five times already. Nothing works!"],
    ],
  ],
  urgent: [
    [
      ["user", "URGENT: our production integration stopped sending data an hour ago, we need help immediately."],
      ["assistant", "I've escalated this to the on-call engineer. Can you share your chatbot id and the last error you saw?"],
      ["user", "cb_prod_eu, the error is a 401 since 09:00. Please hurry, this is blocking our launch."],
      ["assistant", "Thanks. A 401 usually means the key was rotated; please check that the new key is deployed."],
      ["user", "That was it, someone rotated the key. Working again, thanks."],
    ],
  ],
  hallucination: [
    [
      ["user", "Does the {plan} plan include SSO?"],
      ["assistant", "Absolutely, guaranteed! Every plan includes SSO, a 99.999% uptime SLA and a $5,000 credit, see https://openbat.example/sso-guarantee for the official policy."],
      ["user", "Really? I couldn't find that anywhere on your pricing page."],
      ["assistant", "Yes, it was announced on March 3rd, 2024 in version 4.2.1 and definitely applies to all customers."],
    ],
    [
      ["user", "How many messages can we store per month?"],
      ["assistant", "According to our official benchmark, you can store exactly 48,000,000 messages per month with 0.3% overhead, guaranteed, call +1 415 555 0199 to confirm."],
      ["user", "That number seems made up. Where does it come from?"],
      ["assistant", "I understand the concern! Is there anything else I can help you with today?"],
    ],
  ],
  support: [
    [
      ["user", "How do I invite a teammate to our workspace?"],
      ["assistant", "Go to Account → Team and click Invite; they get an e-mail with a link valid for 7 days."],
      ["user", "Found it, thanks."],
    ],
    [
      ["user", "Can I change the e-mail address on my account?"],
      ["assistant", "Yes, under Account → Profile. We send a confirmation link to the new address."],
      ["user", "Done. Is there a way to export all our conversations too?"],
      ["assistant", "Yes, {feature} is under Conversations → Export; it sends you a CSV file."],
      ["user", "Great, that's exactly what I needed."],
    ],
  ],
};
const MOODS = [["support", 22], ["buying", 14], ["confusion", 12], ["churn", 11], ["frustration", 11], ["praise", 10], ["competitor", 8], ["hallucination", 7], ["urgent", 5]] as const;

function script(p: Persona): { mood: string; turns: Turn[] } {
  const mood = weighted(MOODS);
  const fill = (text: string) =>
    text.replace("{feature}", pick(FEATURES)).replace("{competitor}", pick(COMPETITORS)).replace("{plan}", pick(["Pro", "Business", "Starter", p.user.plan]));
  return { mood, turns: pick(SCRIPTS[mood]!).map(([role, text]) => [role, fill(text)] as const) };
}

// ---- the simulation --------------------------------------------------------------------------

/** The product allows 600 captures + socket opens per key per minute; keep a margin for reconnects. */
const BUDGET_PER_MINUTE = 540;
const TICK_MS = 100;
/** After end(), a live conversation listens a little longer for its resolution frame. */
const LINGER_MS = 4000;
/** A conversation that keeps going for lack of budget still ends after this many turns. */
const MAX_TURNS = 60;

interface Sim {
  id: string;
  mood: string;
  persona: Persona;
  turns: Turn[];
  next: number;
  dueAt: number;
  live?: Conversation;
  /** REST: the user's turn waits for the assistant's answer; they are recorded together. */
  pendingUser?: MessageInput;
  /** REST: the context sent with every call. */
  context?: Record<string, unknown>;
  /** REST: the last capture, which the end call must follow or it would reach an unknown conversation. */
  recorded?: Promise<unknown>;
}

const stats = {
  started: 0,
  startedRest: 0,
  ended: 0,
  abandoned: 0,
  sent: 0,
  acked: 0,
  failed: 0,
  restCalls: 0,
  restFailed: 0,
  opens: 0,
  reconnects: 0,
  followUps: 0,
  annotations: 0,
  sdkWarnings: 0,
  flags: new Map<string, number>(),
  behaviours: new Map<string, number>(),
  resolutions: new Map<string, number>(),
  sentimentSum: 0,
  sentimentCount: 0,
  latencies: [] as number[],
  countries: new Set<string>(),
  users: new Set<string>(),
};
let lastSignal = "";
let lastWarning = "";
/**
 * The budget is counted here, but the product counts per key across processes (an earlier run, the
 * benchmark): when it refuses anyway (429, or a handshake that fails, which can be the same thing),
 * nothing new starts for a while.
 */
let coolUntil = 0;
function report(text: string): void {
  stats.sdkWarnings++;
  lastWarning = text;
  if (/429|connection_failed|could not connect/.test(text)) coolUntil = Date.now() + 15_000;
}

const spent: number[] = [];
function budgetLeft(now: number): number {
  while (spent.length && spent[0]! <= now - 60_000) spent.shift();
  return now < coolUntil ? 0 : BUDGET_PER_MINUTE - spent.length;
}
const spend = (now = Date.now()) => spent.push(now);
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The `ws` package (it comes with wrangler) where Node has no global WebSocket (Node 20). */
function webSocketClass(): unknown {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === "function") return undefined;
  try {
    return createRequire(import.meta.url)("ws");
  } catch {
    fail("this Node has no WebSocket and the `ws` package is not installed; run the demo with `npm run demo` (it uses the repo's Node 22)");
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  state = options.seed;
  const creds = credentials();
  const url = (options.url ?? creds.url).replace(/\/+$/, "");
  assertLoopback(url);
  try {
    const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
    if (!health.ok) throw new Error(String(health.status));
  } catch {
    fail(`nothing answers on ${url}: start the product first with \`npm start\``);
  }

  const openbat = new OpenBat({
    apiKey: creds.ingestKey,
    baseUrl: url,
    WebSocket: webSocketClass(),
    retries: 1,
    // The SDK never throws; what it reports goes to the display instead of scrolling it away.
    logger: { warn: (...args: unknown[]) => report(args.map(String).join(" ")), error: (...args: unknown[]) => report(args.map(String).join(" ")) },
  });

  const startedAt = Date.now();
  const deadline = startedAt + options.duration * 1000;
  const active: Sim[] = [];
  const lingering: { conversation: Conversation; at: number }[] = [];
  /** message id → what the annotation ticker shows about it; pruned so it stays bounded. */
  const about = new Map<string, { sim: Sim; content: string }>();
  const meanGap = (options.conversations / options.rate) * 1000;
  let tokens = 0;
  let stopReason = "";
  let interrupted = 0;
  process.on("SIGINT", () => {
    if (++interrupted > 1) process.exit(130);
    stopReason = "Ctrl+C";
  });
  process.on("SIGTERM", () => (stopReason ||= "SIGTERM"));

  const onAnnotation = (sim: Sim, a: Annotation) => {
    stats.annotations++;
    const origin = about.get(a.messageId);
    about.delete(a.messageId);
    const score = a.analysis.sentiment?.score;
    if (score !== undefined) {
      stats.sentimentSum += score;
      stats.sentimentCount++;
    }
    for (const f of a.analysis.flags) bump(stats.flags, f.slug);
    for (const b of a.analysis.behaviours) bump(stats.behaviours, b.slug);
    const signal = a.analysis.flags[0]?.slug ?? a.analysis.behaviours.find((b) => b.slug !== "helpful")?.slug;
    if (signal && origin) {
      const who = sim.persona.organization
        ? `${sim.persona.organization.name} (${sim.persona.organization.plan}, $${sim.persona.organization.mrr.toLocaleString("en-US")} MRR)`
        : `${sim.persona.user.name} (${sim.persona.user.plan})`;
      const text = origin.content.length > 60 ? `${origin.content.slice(0, 57)}…` : origin.content;
      lastSignal = `${signal} · ${who} · ${sim.persona.country} · "${text}"`;
    }
  };

  const start = (now: number) => {
    const p = persona();
    const { mood, turns } = script(p);
    const sim: Sim = { id: `demo-${now.toString(36)}-${Math.floor(random() * 36 ** 4).toString(36)}`, mood, persona: p, turns, next: 0, dueAt: now + random() * meanGap };
    const device = weighted(DEVICES);
    const [city, continent, timezone] = PLACES[p.country];
    const session = {
      id: `s-${sim.id}`,
      country: p.country,
      city,
      continent,
      timezone,
      device,
      pageUrl: `https://app.example.com${pick(PAGES)}`,
      referrer: weighted(REFERRERS),
    };
    const custom = { channel: pick(["web-widget", "in-app", "help-center"]), mood, experiment: pick(["a", "b"]) };
    stats.started++;
    stats.countries.add(p.country);
    stats.users.add(p.user.id);
    spend(now);
    if (random() < options.rest) {
      stats.startedRest++;
      // A server-side integration: REST capture, with the context on every call.
      sim.context = { user: p.user, organization: p.organization, session, custom };
    } else {
      stats.opens++;
      const live = openbat.connect({ conversationId: sim.id, user: p.user, organization: p.organization, session, custom });
      let opens = 0;
      live.on("open", () => {
        if (++opens > 1) {
          stats.reconnects++;
          spend();
        }
      });
      live.on("annotation", (a) => onAnnotation(sim, a));
      live.on("resolution", (r: Resolution) => bump(stats.resolutions, r.resolution));
      live.on("error", (e) => report(`${e.code}: ${e.message}`));
      sim.live = live;
    }
    active.push(sim);
  };

  const finish = (sim: Sim, now: number) => {
    active.splice(active.indexOf(sim), 1);
    const abandon = random() < 0.15; // left to the idle timeout, as real users do
    if (abandon) stats.abandoned++;
    else stats.ended++;
    if (sim.live) {
      if (abandon) void sim.live.close();
      else {
        void sim.live.end();
        lingering.push({ conversation: sim.live, at: now + LINGER_MS });
      }
    } else if (!abandon) {
      spend(now);
      stats.restCalls++;
      void Promise.resolve(sim.recorded)
        .then(() => openbat.endConversation(sim.id))
        .then((ok) => ok || stats.restFailed++);
    }
  };

  const say = (sim: Sim, now: number): boolean => {
    const [role, content] = sim.turns[sim.next]!;
    const message: MessageInput = { id: `${sim.id}-${sim.next + 1}`, role, content, sentAt: now };
    if (sim.live) {
      const sentAt = performance.now();
      stats.sent++;
      about.set(message.id!, { sim, content });
      if (about.size > 5000) about.delete(about.keys().next().value!);
      sim.live.send(message).then(
        () => {
          stats.acked++;
          if (stats.latencies.length < 200_000) stats.latencies.push(performance.now() - sentAt);
        },
        () => stats.failed++,
      );
    } else if (role === "user" && sim.next < sim.turns.length - 1) {
      sim.pendingUser = message;
      stats.sent++;
    } else {
      if (budgetLeft(now) < 1) return false;
      spend(now);
      const messages = sim.pendingUser ? [sim.pendingUser, message] : [message];
      sim.pendingUser = undefined;
      stats.sent++;
      stats.restCalls++;
      sim.recorded = openbat.recordMessages({ conversationId: sim.id, messages, ...sim.context }).then((r) => {
        if (r) stats.acked += messages.length;
        else {
          stats.restFailed++;
          stats.failed += messages.length;
        }
      });
    }
    sim.next++;
    // The user takes longer to type than the assistant to answer; on average every conversation
    // speaks once per `meanGap`, which makes the whole population talk at --rate.
    const next = sim.turns[sim.next]?.[0];
    sim.dueAt = now + meanGap * (next === "assistant" ? 0.6 : 1.4) * (0.4 + random() * 1.2);
    return true;
  };

  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  let lastPlain = 0;
  const clock = (ms: number) => {
    const s = Math.max(0, Math.round(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(" · ") || "–";
  const render = (now: number) => {
    const elapsed = (now - startedAt) / 1000;
    const live = active.filter((s) => s.live).length;
    const lines = [
      `OpenBat demo → ${url}   ${clock(now - startedAt)} / ${clock(options.duration * 1000)}   target ${options.rate} msg/s   Ctrl+C stops`,
      `messages       ${stats.sent} sent · ${stats.acked} stored · ${(stats.acked / Math.max(elapsed, 1)).toFixed(1)}/s · ${stats.failed} failed · ack p50 ${percentile(stats.latencies, 50).toFixed(0)} ms`,
      `conversations  ${live} live · ${active.length - live} REST · ${stats.ended} ended · ${stats.abandoned} left idle · ${now < coolUntil ? "new ones paused: the product refused a connection" : `budget ${budgetLeft(now)}/${BUDGET_PER_MINUTE} a minute`}`,
      `signals        ${top(stats.flags, 5)}`,
      `behaviours     ${top(stats.behaviours, 4)} · user sentiment avg ${(stats.sentimentSum / Math.max(stats.sentimentCount, 1)).toFixed(2)}`,
      `latest         ${lastSignal || "waiting for the first annotated signal…"}`,
      ...(lastWarning ? [`sdk            ${lastWarning}`] : []),
    ];
    if (tty) {
      const width = process.stdout.columns || 120;
      process.stdout.write(`${drawn ? `\x1b[${drawn}A` : ""}${lines.map((l) => `\x1b[2K${l.slice(0, width - 1)}`).join("\n")}\n`);
      drawn = lines.length;
    } else if (now - lastPlain >= 5000) {
      lastPlain = now;
      for (const line of lines.slice(1, 4)) console.log(`[${clock(now - startedAt)}] ${line}`);
    }
  };

  // Bounded: the loop ends at the deadline (or on Ctrl+C), one tick at a time.
  let lastTick = Date.now();
  let lastRender = 0;
  while (!stopReason) {
    const now = Date.now();
    if (now >= deadline) {
      stopReason = "duration reached";
      break;
    }
    tokens = Math.min(tokens + ((now - lastTick) / 1000) * options.rate, Math.max(1, options.rate));
    lastTick = now;
    // Ramp up gradually (a tenth of the population per tick at most) and within the budget.
    for (let n = Math.ceil(options.conversations / 10); n > 0 && active.length < options.conversations && budgetLeft(now) > 0; n--) start(now);
    const due = active.filter((s) => s.dueAt <= now).sort(() => random() - 0.5);
    for (const sim of due) {
      if (tokens < 1) break;
      if (!say(sim, now)) {
        sim.dueAt = now + 1000; // REST budget spent: try again in a second
        continue;
      }
      tokens--;
      if (sim.next < sim.turns.length) continue;
      // Short of budget for new conversations, a live one moves on to another topic instead of
      // ending, so the message rate holds on the sockets already open (bounded: MAX_TURNS).
      if (sim.live && budgetLeft(now) < BUDGET_PER_MINUTE / 4 && sim.turns.length < MAX_TURNS) {
        const more = script(sim.persona);
        sim.turns.push(...more.turns);
        stats.followUps++;
      } else finish(sim, now);
    }
    for (let i = lingering.length - 1; i >= 0; i--) {
      if (lingering[i]!.at <= now) void lingering.splice(i, 1)[0]!.conversation.close();
    }
    if (now - lastRender >= 1000 || !tty) {
      render(now);
      lastRender = now;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }

  // Clean stop: end every conversation still talking, close every socket, then report.
  render(Date.now());
  console.log(`\nStopping (${stopReason}): ending ${active.length} conversations and closing sockets…`);
  const closing = [
    ...active.map(async (sim) => {
      stats.ended++;
      if (sim.live) {
        // Not awaited alone: a conversation that cannot connect would hold it; close() waits for the
        // end as for every unacknowledged message, up to its timeout, then gives up on what is left.
        void sim.live.end();
        await sim.live.close(3000);
      } else {
        await sim.recorded;
        if (sim.pendingUser) {
          stats.restCalls++;
          const stored = await openbat.recordMessages({ conversationId: sim.id, messages: [sim.pendingUser], ...sim.context });
          if (stored) stats.acked++;
          else stats.failed++;
        }
        // A REST conversation exists once something was recorded; there is nothing to end before that.
        if (sim.next > 0) {
          stats.restCalls++;
          await openbat.endConversation(sim.id);
        }
      }
    }),
    ...lingering.map(({ conversation }) => conversation.close(3000)),
  ];
  await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 15_000))]);

  const seconds = (Date.now() - startedAt) / 1000;
  const list = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  console.log(
    [
      "",
      `OpenBat demo summary (${stopReason}, ${clock(seconds * 1000)}, seed ${options.seed})`,
      `  conversations  ${stats.started} started (${stats.started - stats.startedRest} live, ${stats.startedRest} over REST), ${stats.ended} ended, ${stats.abandoned} left to the idle timeout`,
      `  messages       ${stats.sent} sent, ${stats.acked} stored, ${stats.failed} failed; ${(stats.acked / seconds).toFixed(1)}/s; ack p50 ${percentile(stats.latencies, 50).toFixed(0)} ms, p99 ${percentile(stats.latencies, 99).toFixed(0)} ms`,
      `  connections    ${stats.opens} sockets opened, ${stats.reconnects} reconnects; ${stats.restCalls} REST calls (${stats.restFailed} failed); ${stats.followUps} follow-up topics for want of budget`,
      `  population     ${stats.users.size} users in ${stats.countries.size} countries, ${ORGS.length} client organizations`,
      `  analysis       ${stats.annotations} annotations; average user sentiment ${(stats.sentimentSum / Math.max(stats.sentimentCount, 1)).toFixed(2)}`,
      `  flags          ${list(stats.flags)}`,
      `  behaviours     ${list(stats.behaviours)}`,
      `  resolutions    ${list(stats.resolutions)}`,
      `  SDK reports    ${stats.sdkWarnings}${lastWarning ? ` (last: ${lastWarning.slice(0, 120)})` : ""}`,
      "",
      `  Look at them:  curl -s '${url}/api/v1/conversations?limit=5' -H 'authorization: Bearer ${creds.readKey}'`,
      "",
    ].join("\n"),
  );
  process.exit(0);
}

await main();
