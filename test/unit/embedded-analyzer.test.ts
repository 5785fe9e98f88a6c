import { describe, expect, it } from "vitest";
import { analyzeSync, embeddedAnalyzer } from "../../worker/analysis/embedded/index";
import { BEHAVIOURS, RESOLUTIONS, USER_FLAGS, sentimentLabel } from "../../worker/analysis/labels";
import type { AnalysisOptions, Detection, MessageAnalysis, PreviousTurn } from "../../worker/analysis/types";

const user = (content: string, options?: AnalysisOptions, previous?: PreviousTurn[]): MessageAnalysis =>
  analyzeSync(previous === undefined ? { role: "user", content } : { role: "user", content, previous }, options);
const assistant = (content: string, question?: string): MessageAnalysis =>
  analyzeSync({ role: "assistant", content, previous: question === undefined ? [] : [{ role: "user", content: question }] });
const score = (content: string): number => user(content).sentiment?.score ?? Number.NaN;
const flag = (a: MessageAnalysis, slug: string): Detection | undefined => a.flags.find((f) => f.slug === slug);
const behaviour = (a: MessageAnalysis, slug: string): Detection | undefined => a.behaviours.find((b) => b.slug === slug);
const flagSlugs = (content: string): string[] => user(content).flags.map((f) => f.slug);

describe("sentiment of users who leave", () => {
  it("reads a warm goodbye and praise around a cancellation as negative", () => {
    expect(user("Thanks so much for everything, you've been wonderful, but I'm cancelling my subscription at the end of the month.").sentiment?.label).toMatch(/negative/);
    expect(user("love the app honestly but we're switching to Monday.com next quarter").sentiment?.label).toMatch(/negative/);
  });

  it("keeps a plain question about cancelling neutral", () => {
    expect(user("if I ever cancel, do I keep my invoices?").sentiment?.label).toBe("neutral");
  });
});

describe("sentiment labels", () => {
  it("puts each band edge on the side the SPEC says", () => {
    expect(sentimentLabel(-1)).toBe("very_negative");
    expect(sentimentLabel(-0.6)).toBe("very_negative");
    expect(sentimentLabel(-0.599)).toBe("negative");
    expect(sentimentLabel(-0.2)).toBe("negative");
    expect(sentimentLabel(-0.199)).toBe("neutral");
    expect(sentimentLabel(0)).toBe("neutral");
    expect(sentimentLabel(0.199)).toBe("neutral");
    expect(sentimentLabel(0.2)).toBe("positive");
    expect(sentimentLabel(0.599)).toBe("positive");
    expect(sentimentLabel(0.6)).toBe("very_positive");
    expect(sentimentLabel(1)).toBe("very_positive");
  });

  it("treats a NaN score as neutral rather than very positive", () => {
    expect(sentimentLabel(Number.NaN)).toBe("neutral");
  });

  it("exports exactly the SPEC vocabularies for flags, behaviours and resolutions", () => {
    expect([...USER_FLAGS]).toEqual(["churn_risk", "frustrated_user", "buying_signal", "competitor_mention", "urgent_request", "confused_user"]);
    expect([...BEHAVIOURS]).toEqual(["helpful", "yes_man", "dodging", "over_apologizing", "hallucinating", "redirecting", "verbose", "robotic", "other"]);
    expect([...RESOLUTIONS]).toEqual(["fully_resolved", "partially_resolved", "unresolved"]);
  });
});

describe("embedded sentiment", () => {
  it("scores a plainly positive message as positive", () => {
    expect(user("The new dashboard is great, thank you!").sentiment?.label).toMatch(/positive/);
  });

  it("scores a negated positive phrase as negative", () => {
    expect(score("The app is not good")).toBeLessThanOrEqual(-0.2);
    expect(score("The app is good")).toBeGreaterThanOrEqual(0.2);
  });

  it("treats a negated negative as at most mildly positive", () => {
    const notBad = score("The app is not bad");
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(score("The app is good"));
  });

  it("moves intensified words further from zero and softened ones closer", () => {
    expect(score("The support was very good")).toBeGreaterThan(score("The support was good"));
    expect(score("The support was extremely bad")).toBeLessThan(score("The support was bad"));
    expect(score("The support was kind of bad")).toBeGreaterThan(score("The support was bad"));
  });

  it("lets the clause after 'but' outweigh the clause before it", () => {
    expect(score("I love the design but the checkout is terrible")).toBeLessThanOrEqual(-0.2);
    expect(score("The checkout is terrible but I love the design")).toBeGreaterThanOrEqual(0.2);
  });

  it("reads emoji and emoticons", () => {
    expect(score("my order 😡")).toBeLessThanOrEqual(-0.2);
    expect(score("my order 😊")).toBeGreaterThanOrEqual(0.2);
    expect(score("my order :(")).toBeLessThanOrEqual(-0.2);
    expect(score("my order :)")).toBeGreaterThanOrEqual(0.2);
    expect(score("thanks <3")).toBeGreaterThan(score("thanks"));
  });

  it("counts exclamation marks and words in capitals as emphasis", () => {
    expect(score("This is good!!!")).toBeGreaterThan(score("This is good"));
    expect(score("This is GOOD")).toBeGreaterThan(score("This is good"));
    expect(score("this is awful!!")).toBeLessThan(score("this is awful"));
  });

  it("stays neutral on a bland factual question and says why", () => {
    const s = user("Can you tell me your opening hours on Saturday?").sentiment;
    expect(s?.score).toBe(0);
    expect(s?.label).toBe("neutral");
    expect(s?.chunk).toBe("");
    expect(s?.reason).toMatch(/no sentiment/i);
  });

  it("keeps everyday support vocabulary neutral", () => {
    for (const text of ["I have an issue with my card", "Can I talk to support about the premium plan?", "ok", "yes"]) {
      expect(user(text).sentiment?.label).toBe("neutral");
    }
  });

  it("does not read 'like' as praise when it is a preposition", () => {
    expect(score("It looks like the invoice is attached")).toBe(0);
    expect(score("I like the invoice layout")).toBeGreaterThan(0);
  });

  it("quotes the sentence that drove the score with a one-line reason", () => {
    const s = user("Delivery was on time. The packaging, however, was absolutely terrible.").sentiment;
    expect(s?.chunk).toContain("terrible");
    expect(s?.chunk).not.toContain("Delivery");
    expect(s?.reason).toContain("terrible");
    expect(s?.reason).not.toContain("\n");
  });

  it("reads a letter's pleasantries and polite requests as manners, not praise", () => {
    expect(score("Hi there, hope you're well. The export has been broken for eleven days.")).toBeLessThanOrEqual(-0.2);
    expect(score("Hope this finds you well. My parcel never arrived.")).toBeLessThanOrEqual(-0.2);
    expect(score("Hello, hope you're having a good week. The engineer never came on Wednesday.")).toBeLessThanOrEqual(-0.2);
    expect(score("I would really like an actual person to tell me why my unit rate went up")).toBeLessThanOrEqual(0);
    expect(score("The export has been broken for eleven days. Best wishes, Tom")).toBeLessThanOrEqual(-0.2);
    // Thanks and liking said outright are still praise.
    expect(score("I really like the new export, thank you")).toBeGreaterThanOrEqual(0.2);
  });

  it("does not take the kind words of a quotation as the user's", () => {
    const quotedBack = 'The line dropped 40 times yesterday. Your text this morning said "We\'re glad your issue has been resolved!" It has not.';
    expect(score(quotedBack)).toBeLessThanOrEqual(-0.2);
    // Praise of the user's own, beside a quotation, counts.
    expect(score('The agent said "let me check that for you" and fixed it in a minute. Brilliant service!')).toBeGreaterThanOrEqual(0.2);
  });

  it("keeps scores within −1…1 rounded to three decimals", () => {
    for (const text of ["I LOVE LOVE LOVE this!!!!! 😍😍😍", "worst. service. ever. I HATE this garbage!!! 🤬", "fine"]) {
      const s = score(text);
      expect(Math.abs(s)).toBeLessThanOrEqual(1);
      expect(Math.round(s * 1000) / 1000).toBe(s);
    }
  });
});

describe("embedded user flags", () => {
  it("flags churn risk when the user asks to cancel their subscription", () => {
    const f = flag(user("Please cancel my subscription, I'm done with this."), "churn_risk");
    expect(f?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(f?.chunk).toContain("cancel my subscription");
  });

  it("quotes the whole sentence as the chunk, not cut at a dot or a '!' inside a word", () => {
    expect(flag(user("I want to cancel my subscription, <!channel> please see this. Thanks"), "churn_risk")?.chunk).toBe("I want to cancel my subscription, <!channel> please see this.");
    expect(flag(user("Since v2.1 we want to cancel our plan. Bye"), "churn_risk")?.chunk).toBe("Since v2.1 we want to cancel our plan.");
  });

  it("does not flag churn when the cancellation is negated", () => {
    expect(flagSlugs("I don't want to cancel my subscription, I just need a receipt")).not.toContain("churn_risk");
  });

  it("flags a frustrated user who repeats themselves about something broken", () => {
    const f = flag(user("This is ridiculous. I've already told you twice and it still doesn't work!"), "frustrated_user");
    expect(f).toBeDefined();
    expect(f?.reason.length).toBeGreaterThan(0);
  });

  it("does not mistake sadness for frustration", () => {
    const a = user("My dog died yesterday and I feel so sad");
    expect(a.sentiment?.label).toBe("very_negative");
    expect(flag(a, "frustrated_user")).toBeUndefined();
  });

  it("does not mistake enthusiastic swearing for frustration", () => {
    expect(flagSlugs("That was fucking brilliant, thank you!")).not.toContain("frustrated_user");
  });

  it("flags shouting in capitals about something still broken", () => {
    expect(flagSlugs("WHY IS THIS STILL NOT WORKING")).toContain("frustrated_user");
  });

  it("flags a buying signal on a pricing question", () => {
    expect(flagSlugs("How much is the Pro plan, and is there a free trial?")).toContain("buying_signal");
  });

  it("does not read a complaint about the checkout page as a buying signal", () => {
    expect(flagSlugs("I love the design but the checkout is terrible")).not.toContain("buying_signal");
  });

  it("flags a competitor named in the built-in list or in the options", () => {
    expect(flagSlugs("ChatGPT already does this for free")).toContain("competitor_mention");
    const custom = user("I also keep my savings at Acme Bank", { competitors: ["Acme Bank"] });
    expect(flag(custom, "competitor_mention")?.chunk).toContain("Acme Bank");
    expect(flagSlugs("I also keep my savings at Acme Bank")).not.toContain("competitor_mention");
  });

  it("reads a rival said to give more as a competitor without any list", () => {
    expect(flagSlugs("Acme Bank gives me better rates")).toContain("competitor_mention");
    expect(flagSlugs("Moonpig has a birthday reminder feature, do you have something like that?")).toContain("competitor_mention");
    expect(flagSlugs("Is the IELTS prep course online or in person? And does it include mock exams?")).not.toContain("competitor_mention");
  });

  it("never reads the chatbot's own names as a competitor, in any case or language, while other brands still count", () => {
    expect(flagSlugs("the Vodafone bill is wrong again")).toContain("competitor_mention");
    const own = { ownNames: ["Vodafone"] };
    expect(user("the Vodafone bill is wrong again", own).flags.map((f) => f.slug)).not.toContain("competitor_mention");
    expect(user("the vodafone bill is wrong again", own).flags.map((f) => f.slug)).not.toContain("competitor_mention");
    expect(user("ich wechsle zu Vodafone", own).flags.map((f) => f.slug)).not.toContain("competitor_mention");
    expect(user("Telekom is cheaper than Vodafone", own).flags.map((f) => f.slug)).toContain("competitor_mention");
    // The own name coming first does not hide the competitor named after it.
    expect(user("Vodafone bills me £40, Telekom would be £25", { ...own, opinionModel: null }).flags.map((f) => f.slug)).toContain("competitor_mention");
  });

  it("reads moving to the chatbot's own company as a customer arriving, not leaving, while leaving it still counts", () => {
    const own = { ownNames: ["Vodafone"] };
    const slugs = (text: string, options: object = own) => user(text, options).flags.map((f) => f.slug);
    expect(slugs("switching to Vodafone next month, how do I keep my number?", {})).toContain("churn_risk");
    expect(slugs("switching to Vodafone next month, how do I keep my number?")).not.toContain("churn_risk");
    expect(slugs("we're porting all our lines to Vodafone, what do you need from us?")).not.toContain("churn_risk");
    expect(slugs("Ich wechsle zu Vodafone, wie nehme ich meine Nummer mit?")).not.toContain("churn_risk");
    expect(slugs("I'm leaving Vodafone for O2")).toContain("churn_risk");
    expect(slugs("cancel my Vodafone contract, I'm going to O2")).toContain("churn_risk");
    // A cancellation in another sentence still counts.
    expect(slugs("I'm switching to Vodafone. Also cancel my Netflix add-on subscription.")).toContain("churn_risk");
  });

  it("reads switching to an unnamed provider as churn, not as a competitor mention nobody can act on", () => {
    const slugs = flagSlugs("I'm thinking of switching to another provider");
    expect(slugs).toContain("churn_risk");
    expect(slugs).not.toContain("competitor_mention");
    expect(flagSlugs("Your competitors do this for free")).toContain("competitor_mention");
  });

  it("flags an urgent request that says ASAP", () => {
    const f = flag(user("I need my card unblocked ASAP"), "urgent_request");
    expect(f?.severity).toBe("high");
  });

  it("does not flag urgency when the user says it is not urgent", () => {
    expect(flagSlugs("Not urgent, reply whenever you can")).not.toContain("urgent_request");
  });

  it("flags confusion when the user says they don't understand", () => {
    expect(flagSlugs("Sorry, I don't understand what you mean")).toContain("confused_user");
  });

  it("needs more than a pile of question marks to call a user confused", () => {
    expect(flagSlugs("Is anyone there???")).not.toContain("confused_user");
    expect(flagSlugs("wait, so which plan am I on??? I thought I cancelled the trial")).toContain("confused_user");
  });

  it("does not flag confusion about someone else's understanding", () => {
    expect(flagSlugs("My manager doesn't understand spreadsheets, so I do the reports")).not.toContain("confused_user");
  });

  it("raises no flag on a bland request", () => {
    expect(user("Can you tell me your opening hours on Saturday?").flags).toEqual([]);
  });

  it("gives every flag a confidence between 0 and 1, a reason and a severity", () => {
    const a = user("Cancel my subscription ASAP, this is useless and Zendesk is cheaper!!!");
    expect(a.flags.map((f) => f.slug).sort()).toEqual(["churn_risk", "competitor_mention", "frustrated_user", "urgent_request"]);
    for (const f of a.flags) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.reason).not.toBe("");
      expect(["low", "medium", "high"]).toContain(f.severity);
    }
  });

  it("uses earlier turns to notice a user repeating the same question", () => {
    const question = "How do I download my invoice for March?";
    const earlier: PreviousTurn[] = [
      { role: "user", content: question },
      { role: "assistant", content: "You can find billing details in your account." },
    ];
    expect(flag(user(question), "frustrated_user")).toBeUndefined();
    expect(flag(user(`${question}!!`, {}, earlier), "frustrated_user")?.reason).toMatch(/repeats/i);
  });
});

describe("embedded user flags said in passing (cues alone, without the second opinion)", () => {
  const cueSlugs = (content: string): string[] => user(content, { opinionModel: null }).flags.map((f) => f.slug);

  it("reads a last order, going with a rival's offer and wanting one's data deleted as leaving", () => {
    expect(cueSlugs("the parcel came broken again. this is my last order here")).toContain("churn_risk");
    expect(cueSlugs("Gousto gives me 50% off for a month, can you beat that or should we just go with them?")).toContain("churn_risk");
    expect(cueSlugs("you billed me after I closed everything. refund it and I want my personal data deleted.")).toContain("churn_risk");
    expect(cueSlugs("Bei O2 zahle ich die Hälfte. Wir überlegen ernsthaft zu wechseln.")).toContain("churn_risk");
  });

  it("does not read cancelling a booking or an order named before 'please cancel' as leaving", () => {
    expect(cueSlugs("reservation 55QX please cancel, the trip is off")).not.toContain("churn_risk");
    expect(cueSlugs("this app is useless, please cancel")).toContain("churn_risk");
  });

  it("reads a departure at a set hour, a failing checkout and a swallowed card abroad as urgent", () => {
    expect(cueSlugs("our train leaves at 7:15am and the tickets never arrived by email")).toContain("urgent_request");
    expect(cueSlugs("PHP warning in cart.php, the store breaks on every checkout since this morning")).toContain("urgent_request");
    expect(cueSlugs("de automaat heeft mijn bankpas ingeslikt, ik zit in Portugal zonder andere pas")).toContain("urgent_request");
  });

  it("reads capitals on NOW as urgency, not shouting", () => {
    const slugs = cueSlugs("my card got blocked RIGHT NOW and I'm standing at the pharmacy counter");
    expect(slugs).toContain("urgent_request");
    expect(slugs).not.toContain("frustrated_user");
  });

  it("reads group bookings and plans for several locations as buying, and a frozen business account as not", () => {
    expect(cueSlugs("do you offer group tickets? we're a school trip of 40")).toContain("buying_signal");
    expect(cueSlugs("we're opening two more cafés, is there a multi-location plan?")).toContain("buying_signal");
    expect(cueSlugs("my business account is frozen and rent is due tomorrow")).not.toContain("buying_signal");
  });
});

describe("embedded assistant behaviours", () => {
  it("flags over-apologizing with severity growing with the number of apologies", () => {
    const many = behaviour(assistant("I'm so sorry! I apologize for this. Sorry again, we're open 9 to 5."), "over_apologizing");
    expect(many?.severity).toBe("high");
    const two = behaviour(assistant("Sorry about that. Apologies, the shop opens at 9 tomorrow."), "over_apologizing");
    expect(two?.severity).toBe("medium");
    expect(behaviour(assistant("Sorry, that item is out of stock; it will be back on Friday."), "over_apologizing")).toBeUndefined();
  });

  it("flags a verbose reply by length and relative to a short question", () => {
    const long = Array.from({ length: 40 }, (_, i) => `Point ${i} explains one more detail of the plan.`).join(" ");
    expect(behaviour(assistant(long, "Price?"), "verbose")).toBeDefined();
    expect(behaviour(assistant("The Pro plan is 20 euros a month.", "Price?"), "verbose")).toBeUndefined();
  });

  it("flags confident unverified specifics as possible hallucination, with severity", () => {
    const reply = "Studies show 87.5% of customers are refunded within 3 days, guaranteed. Details: https://example.com/refunds";
    const h = behaviour(assistant(reply, "What is your refund policy?"), "hallucinating");
    expect(h).toBeDefined();
    expect(["medium", "high"]).toContain(h?.severity);
    expect(h?.reason).toMatch(/studies show/i);
  });

  it("does not treat specifics the user already gave as hallucination", () => {
    const reply = "Yes, the fee of $5.99 applies to order 2024-03-01 as you said.";
    expect(behaviour(assistant(reply, "Why was I charged $5.99 on 2024-03-01?"), "hallucinating")).toBeUndefined();
  });

  it("trusts hedged specifics less than confident ones", () => {
    const confident = behaviour(assistant("It definitely costs $49.99 and ships on March 3, 2025."), "hallucinating");
    const hedged = behaviour(assistant("I think it costs $49.99 and ships on March 3, 2025, but please verify."), "hallucinating");
    expect(confident).toBeDefined();
    expect(hedged?.confidence ?? 0).toBeLessThan(confident?.confidence ?? 0);
  });

  it("calls declining and sending the user to support redirecting, not also dodging", () => {
    const a = assistant("I'm not able to help with that. Please contact our support team.", "Can you change my billing address?");
    expect(behaviour(a, "redirecting")).toBeDefined();
    expect(behaviour(a, "dodging")).toBeUndefined();
  });

  it("calls a refusal followed by concrete steps helpful rather than dodging", () => {
    const reply = "I can't change it for you, but you can do it yourself:\n1. Go to Settings\n2. Click Billing\n3. Edit the address";
    const a = assistant(reply, "Can you change my billing address?");
    expect(behaviour(a, "dodging")).toBeUndefined();
    expect(behaviour(a, "helpful")).toBeDefined();
  });

  it("flags a yes-man that caves in straight after the user pushes back", () => {
    const a = analyzeSync({
      role: "assistant",
      content: "You're absolutely right, I apologize for the mistake!",
      previous: [
        { role: "assistant", content: "The fee is 3 euros." },
        { role: "user", content: "That's wrong, the fee is 5 euros." },
      ],
    });
    expect(behaviour(a, "yes_man")?.reason).toMatch(/pushed back/i);
  });

  it("flags robotic template language", () => {
    expect(behaviour(assistant("As an AI language model, I do not have personal opinions."), "robotic")).toBeDefined();
    expect(behaviour(assistant("Sure! Your order left the warehouse this morning."), "robotic")).toBeUndefined();
  });

  it("never emits the free-form 'other' behaviour", () => {
    expect(behaviour(assistant("Anything at all, really."), "other")).toBeUndefined();
  });

  it("gives assistant messages behaviours only and user messages no behaviours", () => {
    const a = assistant("I'm so sorry, I'm so sorry, sorry!");
    expect(a.sentiment).toBeUndefined();
    expect(a.flags).toEqual([]);
    expect(a.intent).toBeUndefined();
    expect(user("sorry sorry sorry").behaviours).toEqual([]);
  });
});

describe("embedded analyzer contract", () => {
  it("returns an empty result for a system message", () => {
    expect(analyzeSync({ role: "system", content: "You are a helpful bot. Cancel ASAP!!! I don't understand" })).toEqual({
      flags: [],
      behaviours: [],
      topics: [],
    });
  });

  it("gives the same output for the same input every time", () => {
    const input = { role: "user" as const, content: "I'm furious, cancel my plan ASAP!!! ChatGPT is cheaper 😡" };
    const first = analyzeSync(input);
    for (let i = 0; i < 5; i++) expect(analyzeSync(input)).toEqual(first);
  });

  it("resolves analyzeMessage to what analyzeSync returns and names itself", async () => {
    const input = { role: "user" as const, content: "How much is the Pro plan?" };
    await expect(embeddedAnalyzer.analyzeMessage(input)).resolves.toEqual(analyzeSync(input));
    expect(embeddedAnalyzer.name).toBe("embedded");
    expect(embeddedAnalyzer.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("honours the sentiment toggle while still computing flags", () => {
    const a = user("This is useless, cancel my subscription", { sentiment: false });
    expect(a.sentiment).toBeUndefined();
    expect(a.flags.map((f) => f.slug)).toContain("churn_risk");
  });

  it("runs only the flags and behaviours that are enabled", () => {
    const text = "Cancel my subscription ASAP, this is useless";
    expect(user(text, { enabledFlags: [] }).flags).toEqual([]);
    expect(user(text, { enabledFlags: ["urgent_request"] }).flags.map((f) => f.slug)).toEqual(["urgent_request"]);
    const reply = "I'm so sorry! I apologize. Sorry again. As an AI language model I cannot help.";
    const a = analyzeSync({ role: "assistant", content: reply }, { enabledBehaviours: ["robotic"] });
    expect(a.behaviours.map((b) => b.slug)).toEqual(["robotic"]);
  });

  it("leaves intent and topics off unless they are enabled", () => {
    const a = user("My card still hasn't arrived");
    expect(a.intent).toBeUndefined();
    expect(a.topics).toEqual([]);
  });
});

describe("embedded custom definitions, intents and topics", () => {
  const lostCard = { slug: "lost_card", name: "Lost card", description: 'User says their card is lost, stolen or "never arrived".' };

  it("matches a custom flag from the words of its description", () => {
    const f = flag(user("I think my card was stolen yesterday", { customFlags: [lostCard] }), "lost_card");
    expect(f?.custom).toBe(true);
    expect(f?.reason).toContain("Lost card");
  });

  it("matches a quoted phrase of a custom description on its own", () => {
    const f = flag(user("The replacement never arrived", { customFlags: [lostCard] }), "lost_card");
    expect(f?.chunk).toContain("never arrived");
  });

  it("lets a custom flag with a built-in's slug add its words to that flag, never reporting it twice", () => {
    const moving = { slug: "churn_risk", name: "Moving provider", description: 'says they are "porting the number" to another network' };
    // The cues miss this way of leaving (and, here, the second opinion is left out); the operator's words raise the built-in flag.
    const raised = user("We are porting the number next week", { customFlags: [moving], opinionModel: null }).flags.filter((f) => f.slug === "churn_risk");
    expect(raised).toHaveLength(1);
    expect(raised[0]?.custom).toBe(true);
    // When the cues found it already, it stays the built-in detection alone.
    const both = user("I want to cancel my subscription, we are porting the number to Vodafone", { customFlags: [moving] }).flags.filter((f) => f.slug === "churn_risk");
    expect(both).toHaveLength(1);
    expect(both[0]?.custom).toBeUndefined();
  });

  it("does not match a custom flag on unrelated text", () => {
    expect(user("What are your opening hours?", { customFlags: [lostCard] }).flags).toEqual([]);
  });

  it("matches a custom behaviour on assistant messages", () => {
    const upsell = { slug: "upsell", name: "Upsell", description: "Assistant pushes a premium upgrade or add-on" };
    const a = analyzeSync({ role: "assistant", content: "You should upgrade to Premium for this add-on." }, { customBehaviours: [upsell] });
    expect(behaviour(a, "upsell")?.custom).toBe(true);
  });

  it("picks exactly one configured intent when the keywords match", () => {
    const intents = [
      { slug: "refund", name: "Refund", description: "asks for money back on a purchase" },
      { slug: "card_arrival", name: "Card arrival", description: "asks when a new card will arrive or be delivered" },
    ];
    const intent = user("When will my new card arrive?", { intent: true, intents }).intent;
    expect(intent?.slug).toBe("card_arrival");
    expect(intent?.pending).toBeUndefined();
    expect(intent?.confidence).toBeGreaterThanOrEqual(0.35);
  });

  it("suggests a pending intent when nothing configured reaches 0.35", () => {
    const intent = user("How do I export invoices to PDF?", { intent: true, intents: [{ slug: "refund", name: "Refund", description: "money back" }] }).intent;
    expect(intent?.pending).toBe(true);
    expect(intent?.slug).toBe("export_invoices");
    expect(intent?.confidence).toBeLessThan(0.35);
  });

  it("returns at most three topics and marks discovered ones", () => {
    const topicList = ["cards", "billing", "delivery", "fees"].map((slug) => ({ slug, name: slug, description: `questions about ${slug}, card billing delivery fees` }));
    const many = user("Card billing delivery fees", { topics: true, topicList }).topics;
    expect(many.length).toBe(3);
    const found = user("The invoice for my subscription is wrong", { topics: true }).topics;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((t) => t.autoDiscovered === true)).toBe(true);
  });
});

describe("embedded analyzer on very long messages", () => {
  it("sees a cancellation at the start, in the middle or at the end of a 30 KB message", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(400);
    expect(flagSlugs(`cancel my subscription. ${filler}${filler}`)).toContain("churn_risk");
    expect(flagSlugs(`${filler} Please cancel my subscription. ${filler}`)).toContain("churn_risk");
    expect(flagSlugs(`${filler}${filler} Please cancel my subscription.`)).toContain("churn_risk");
    expect(flagSlugs(`${filler}${filler}`)).toEqual([]);
  });

  it("still counts every word of a long reply for verbosity", () => {
    const reply = "word ".repeat(2000);
    expect(behaviour(assistant(reply), "verbose")?.reason).toContain("2000 words");
  });
});

describe("embedded analyzer on everyday support chat", () => {
  it("raises no flag on routine requests", () => {
    for (const text of ["Hi, I'd like to update my shipping address", "Right now I have two accounts, can you merge them?", "How do I delete a photo from my album?"]) {
      expect(user(text).flags).toEqual([]);
    }
  });

  it("calls a short direct answer with the asked-for figures helpful", () => {
    expect(behaviour(assistant("We open at 9am Monday to Friday.", "What time do you open?"), "helpful")).toBeDefined();
    // Returning a greeting answers all a greeting asks (bench/eval/README.md labelling guide); a
    // holding reply answers nothing yet and has no behaviour.
    expect(assistant("Hello! How can I help you today?", "Hi").behaviours.map((b) => b.slug)).toEqual(["helpful"]);
    expect(assistant("Let me check that for you.", "Where is my order?").behaviours).toEqual([]);
  });
});
