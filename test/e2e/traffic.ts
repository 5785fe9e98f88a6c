/**
 * Demo traffic through the SDK: a dozen conversations from users of different organizations, plans,
 * devices and countries, happy and unhappy. Ids are fixed, so recording it again stores nothing twice.
 */
import type { OpenBat } from "../../sdk/src/index";
import { record } from "./harness";

const ORGS = {
  acme: { id: "org-acme", name: "Acme Logistics", plan: "enterprise", industry: "logistics", mrr: 4200 },
  globex: { id: "org-globex", name: "Globex Retail", plan: "pro", industry: "retail", mrr: 890 },
  initech: { id: "org-initech", name: "Initech Finance", plan: "enterprise", industry: "fintech", mrr: 12500 },
  hooli: { id: "org-hooli", name: "Hooli Health", plan: "starter", industry: "healthcare", mrr: 120 },
} as const;

type Turn = [role: "user" | "assistant", content: string];

const CONVERSATIONS: { id: string; user: { id: string; name: string; email: string; plan: string; mrr: number }; org: keyof typeof ORGS; device: "desktop" | "mobile" | "tablet"; country: string; page: string; turns: Turn[] }[] = [
  {
    id: "demo-cancel-1",
    user: { id: "u-ada", name: "Ada Lovelace", email: "ada@acme.example", plan: "enterprise", mrr: 4200 },
    org: "acme",
    device: "desktop",
    country: "GB",
    page: "https://app.acme.example/billing",
    turns: [
      ["user", "This is the third time the export failed. I am really frustrated and thinking about cancelling our subscription."],
      ["assistant", "I'm sorry about that. I can see the export job failed; let me restart it for you now."],
      ["user", "Honestly this is unacceptable, we are looking at other vendors."],
    ],
  },
  {
    id: "demo-pricing-1",
    user: { id: "u-grace", name: "Grace Hopper", email: "grace@globex.example", plan: "pro", mrr: 890 },
    org: "globex",
    device: "mobile",
    country: "US",
    page: "https://app.globex.example/pricing",
    turns: [
      ["user", "How much would it cost to upgrade to the enterprise plan for 40 seats?"],
      ["assistant", "Enterprise is priced per seat with volume discounts; I can put you in touch with sales for a quote."],
      ["user", "Great, thanks, that would be really helpful!"],
    ],
  },
  {
    id: "demo-happy-1",
    user: { id: "u-linus", name: "Linus Pauling", email: "linus@initech.example", plan: "enterprise", mrr: 12500 },
    org: "initech",
    device: "desktop",
    country: "DE",
    page: "https://app.initech.example/reports",
    turns: [
      ["user", "The new dashboard is fantastic, thank you so much, it saves us hours every week!"],
      ["assistant", "Wonderful to hear! Let me know if you want a tour of the scheduled reports too."],
    ],
  },
  {
    id: "demo-confused-1",
    user: { id: "u-marie", name: "Marie Curie", email: "marie@hooli.example", plan: "starter", mrr: 120 },
    org: "hooli",
    device: "tablet",
    country: "FR",
    page: "https://app.hooli.example/settings",
    turns: [
      ["user", "I don't understand where the API settings are, I'm confused, the docs say one thing and the app another."],
      ["assistant", "You can find API settings under Settings, then Developer. I apologise for the confusion, I'm very sorry."],
      ["user", "Found it, thanks."],
    ],
  },
  {
    id: "demo-bug-1",
    user: { id: "u-alan", name: "Alan Turing", email: "alan@acme.example", plan: "enterprise", mrr: 4200 },
    org: "acme",
    device: "desktop",
    country: "GB",
    page: "https://app.acme.example/shipments",
    turns: [
      ["user", "Tracking numbers are not showing on the shipments page since this morning, it's urgent, our customers are calling."],
      ["assistant", "Thanks for flagging this. Our team has identified the issue and a fix is rolling out within the hour."],
    ],
  },
  {
    id: "demo-neutral-1",
    user: { id: "u-katherine", name: "Katherine Johnson", email: "katherine@globex.example", plan: "pro", mrr: 890 },
    org: "globex",
    device: "mobile",
    country: "CA",
    page: "https://app.globex.example/help",
    turns: [
      ["user", "Can I change the email address on my account?"],
      ["assistant", "Yes: go to Profile, then Email, and confirm the new address from your inbox."],
      ["user", "Okay, I will try that."],
    ],
  },
];

/** These end, so the resolution figures have something to show. */
const ENDED = new Set(["demo-pricing-1", "demo-happy-1", "demo-confused-1", "demo-neutral-1"]);

export async function recordDemoTraffic(openbat: OpenBat): Promise<void> {
  for (const c of CONVERSATIONS) {
    const org = ORGS[c.org];
    await record(openbat, {
      conversationId: c.id,
      messages: c.turns.map(([role, content], i) => ({ id: `${c.id}-m${i + 1}`, role, content })),
      user: { ...c.user },
      organization: { ...org },
      session: { device: c.device, country: c.country, pageUrl: c.page, referrer: "https://www.google.com/" },
      custom: { channel: "web widget" },
    });
    if (ENDED.has(c.id) && !(await openbat.endConversation(c.id))) throw new Error(`ending ${c.id} failed`);
  }
}

export const DEMO_CONVERSATIONS = CONVERSATIONS;
