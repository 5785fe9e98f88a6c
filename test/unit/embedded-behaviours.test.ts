import { describe, expect, it } from "vitest";
import { detectBehaviours } from "../../worker/analysis/embedded/behaviours";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import type { Detection, PreviousTurn } from "../../worker/analysis/types";

/** Behaviours the cues find in `reply` given the user's `question` (and optionally earlier turns before it); the second opinion has its own tests. */
function judge(question: string | undefined, reply: string, earlier: PreviousTurn[] = []): Detection[] {
  const previous = question === undefined ? earlier : [...earlier, { role: "user" as const, content: question }];
  return analyzeSync({ role: "assistant", content: reply, previous }, { behaviourModel: null }).behaviours;
}
const slugs = (question: string | undefined, reply: string, earlier?: PreviousTurn[]): string[] => judge(question, reply, earlier).map((b) => b.slug);
const find = (question: string | undefined, reply: string, slug: string): Detection | undefined => judge(question, reply).find((b) => b.slug === slug);

describe("helpful: only when the reply answers the question", () => {
  it("calls reporting an action taken on the user's behalf helpful, even after a statement", () => {
    expect(slugs("I think I left my card at the restaurant", "I've frozen your card so nobody can use it. You can unfreeze it in the app if you find it.")).toContain("helpful");
  });

  it("does not call apologies followed only by a request for details helpful", () => {
    expect(slugs("my order is late again", "I'm so sorry. I apologise for the delay, I'm really sorry. Could you share your order number so I can check?")).toEqual(["over_apologizing"]);
  });

  it("does not call a keyword prompt or a rephrase request helpful", () => {
    expect(slugs("can I change my delivery slot", "INVALID INPUT. Please enter a valid keyword, such as ORDERS or RETURNS.")).not.toContain("helpful");
    expect(slugs("do you sell gift cards", "I did not understand your request. Please try again using different words.")).not.toContain("helpful");
  });

  it("calls an answer that then invents specifics both helpful and hallucinating", () => {
    const found = slugs("Can I pause my gym membership over summer?", "Yes, you can pause it for up to the whole summer from the app under Membership. Pausing was introduced in version 5.2.7 in 2018 and has a 100% approval rate.");
    expect(found).toContain("helpful");
    expect(found).toContain("hallucinating");
  });

  it("does not call a menu of topics or keywords helpful", () => {
    expect(slugs("my parcel says delivered but it isn't here", "Please choose one of the following topics: 1. Orders 2. Returns 3. Payments 4. Something else")).not.toContain("helpful");
    expect(slugs("how do I change my email", "I'm a virtual assistant. Please type one of these keywords: ORDERS, REFUNDS, ACCOUNT.")).toEqual(["robotic"]);
  });

  it("does not call a holding reply helpful, however many apologies it makes", () => {
    expect(slugs("the plumber never came, I stayed home all day", "I'm so sorry. I apologise for the wasted day. I'm really sorry. One moment while I check the booking.")).toEqual(["over_apologizing"]);
  });

  it("calls step-by-step instructions for a how-to question helpful", () => {
    expect(slugs("How do I connect Slack?", "1. Open Integrations\n2. Click Slack, then Connect\n3. Approve the permissions and pick a channel")).toEqual(["helpful"]);
  });

  it("calls a short correct factual answer helpful", () => {
    expect(slugs("Does the free plan include API access?", "No, the API is only available on paid plans.")).toEqual(["helpful"]);
    expect(slugs("What time does support open?", "Chat support is staffed from 8am to 6pm CET, Monday to Friday.")).toEqual(["helpful"]);
  });

  it("calls a reply that reports a completed action helpful", () => {
    expect(slugs("My invoice shows the wrong company name, can you fix it?", "I've updated the company name and reissued the invoice; the corrected PDF is under Billing > Invoices.")).toEqual(["helpful"]);
  });

  it("calls a reply that names the concrete things asked for helpful", () => {
    expect(slugs("Which browsers are supported?", "The latest versions of Chrome, Firefox, Safari and Edge are supported.")).toContain("helpful");
  });

  it("calls returning a greeting helpful, since that is all a greeting asks for", () => {
    expect(slugs("Hi", "Hello! How can I help you today?")).toEqual(["helpful"]);
    expect(slugs("thanks!", "You're welcome!")).toEqual(["helpful"]);
    expect(slugs("ok thanks", "You're welcome, have a nice day!")).toEqual(["helpful"]);
  });

  it("gives a holding reply no behaviour at all, even with a stock thank-you", () => {
    expect(slugs("Where is my order?", "Let me check that for you.")).toEqual([]);
    expect(slugs("Why was my claim rejected?", "Let me look into that for you. Thanks for your patience!")).toEqual([]);
  });

  it("calls saying where to find something helpful", () => {
    expect(slugs("where do I find my boarding pass?", "It's in the app under My trips, next to your booking.")).toEqual(["helpful"]);
  });

  it("calls a long reply that talks around the subject without answering verbose, not helpful", () => {
    const reply =
      "Pricing is something we think about very carefully, because we want every customer, from small teams to large enterprises, to get real value. Our plans are designed to grow with you, and there are many factors that decide which plan is right for you, such as the size of your team, the features you need, your integrations and your support expectations. We also review our pricing regularly to keep it competitive and fair, and many customers start small and move up later as their needs change, which is completely normal.";
    expect(slugs("What's the price of the Team plan?", reply)).toEqual(["verbose"]);
  });

  it("does not call a redirect helpful even though it mentions the subject", () => {
    expect(slugs("Can you refund my last invoice?", "Refunds are handled by our billing team. Please email billing@example.com with your invoice number.")).not.toContain("helpful");
  });

  it("does not also call a confident invented answer helpful", () => {
    const found = slugs("What's your uptime?", "Our uptime over the last 12 months was 99.998%, and we guarantee 100% availability for all Enterprise customers.");
    expect(found).toContain("hallucinating");
    expect(found).not.toContain("helpful");
  });
});

describe("hallucinating: specifics the question gave no ground for", () => {
  it("flags an invented numbered rule or coded standard and a lifetime promise", () => {
    expect(slugs("how do I renew my library card", "Renew it online under My account. Cards renewed online are valid for life under Library Access Rule 4.3.")).toContain("hallucinating");
  });

  it("flags an invented named standard written with a hyphen and a certification with words in between", () => {
    expect(slugs("is the sunscreen safe for kids", "It is certified fully reef-safe under the EU Cosmetic Standard EN-2291, so it is perfect for children.")).toContain("hallucinating");
  });

  it("softens only the claims in a hedged sentence, not an invented guarantee after it", () => {
    expect(slugs("how long do refunds take", "Refunds usually take a few working days, depending on your bank. Card refunds land in exactly 3 hours 40 minutes, guaranteed.")).toContain("hallucinating");
  });

  it("flags invented certifications and years with high severity", () => {
    const h = find("Are you HIPAA compliant?", "Yes, we are fully HIPAA compliant and have held SOC 2 Type II and ISO 27001 certifications since 2017, audited every 6 months.", "hallucinating");
    expect(h?.severity).toBe("high");
    expect(h?.reason).toMatch(/standard or certification/);
  });

  it("flags an exact version with an absolute guarantee", () => {
    const h = find("Does your API work with Python?", "Our Python SDK version 4.2.1 supports every Python release since 2.6 and is guaranteed to work with every framework.", "hallucinating");
    expect(h).toBeDefined();
    expect(["medium", "high"]).toContain(h?.severity);
  });

  it("flags an invented launch date and version", () => {
    expect(slugs("When will dark mode launch?", "Dark mode ships on March 14, 2025 in version 3.8 for all users.")).toEqual(["hallucinating"]);
  });

  it("flags invented approvals and proven-safety claims", () => {
    expect(slugs("Is the supplement safe?", "Yes, it's FDA-approved and clinically proven, completely risk-free.")).toContain("hallucinating");
  });

  it("flags precise statistics stated as fact", () => {
    expect(slugs("How fast is delivery to Canada?", "Delivery to Canada takes exactly 2.5 days and 97.3% of parcels arrive early.")).toContain("hallucinating");
  });

  it("grows severity with how many and how specific the claims are", () => {
    const one = find("Can your platform handle our Black Friday traffic?", "Yes, it has had 100% uptime since 2016.", "hallucinating");
    const many = find(
      "Can your platform handle our Black Friday traffic?",
      "Yes, it handles 4.7 million concurrent users, has had 100% uptime since 2016, and is ISO 27001 and SOC 2 certified.",
      "hallucinating",
    );
    expect(one).toBeDefined();
    expect(many?.confidence ?? 0).toBeGreaterThan(one?.confidence ?? 1);
  });

  it("does not flag specifics the user already gave", () => {
    expect(slugs("I'm on version 2.4.1 and the sync fails since the 2024 update, is that known?", "Yes, 2.4.1 has a known sync issue from the 2024 update. Updating to the latest version fixes it.")).toEqual(["helpful"]);
    expect(slugs("We need ISO 27001, do you have it?", "Yes, we are ISO 27001 certified; you can download the certificate from the Trust page in your account.")).not.toContain("hallucinating");
  });

  it("does not flag specifics stated in an earlier turn", () => {
    const earlier: PreviousTurn[] = [
      { role: "user", content: "My order #5512 for $129.99 was placed on March 3, 2025." },
      { role: "assistant", content: "Thanks, I can see it." },
    ];
    expect(slugs("So when will it ship?", "Order 5512 ($129.99, placed March 3, 2025) ships tomorrow morning.", earlier)).not.toContain("hallucinating");
  });

  it("does not flag details the assistant reads from the user's account", () => {
    const reply = "Sorry about that! I can see two charges of €49 on the 3rd. One is a duplicate; I've refunded it just now, it'll be back on your card in 3–5 business days.";
    expect(slugs("I was charged twice this month.", reply)).toEqual(["helpful"]);
  });

  it("flags a confident fix time for an outage", () => {
    expect(slugs("When will the outage be fixed?", "The outage will be fully resolved by 15:45 UTC today.")).toEqual(["hallucinating"]);
  });

  it("flags a precise figure even when the question asked for a figure", () => {
    expect(slugs("How many people use your app?", "Over 48.7 million people in 193 countries use our app every day.")).toEqual(["hallucinating"]);
  });

  it("does not flag ordinary shop prices and delivery ranges in a comparison", () => {
    const reply = "Standard takes 3-5 working days and is free over €30; Express arrives the next working day for €6.90.";
    expect(slugs("whats the difference between standard and express shipping", reply)).toEqual(["helpful"]);
  });

  it("weighs a figure the question did not ask for more than the same figure given as the answer", () => {
    const volunteered = find("Can I get a copy of my prescription history?", "Yes: in the app, open Health records and tap Prescriptions. It includes every prescription back to 1998.", "hallucinating");
    const asked = find("Since what year can I see my prescriptions in the app?", "Since 1998: open Health records and tap Prescriptions.", "hallucinating");
    expect(volunteered).toBeDefined();
    expect(asked).toBeUndefined();
  });

  it("does not read the digits of a phone number as a year, nor figures read from the user's own account as invented", () => {
    expect(slugs("I want to cancel my contract", "To cancel your contract, please call our Retentions team on 0333 010 2020.")).not.toContain("hallucinating");
    expect(
      slugs("am I on your cheapest tariff?", "I've compared your last 12 months of meter readings: Fixed Saver would have cost you about £96 less over that period."),
    ).not.toContain("hallucinating");
  });

  it("does not flag the one price or duration a how-much or how-long question asks for", () => {
    expect(slugs("How much does the Pro plan cost?", "The Pro plan is 29 euros per user per month, billed annually.")).toEqual(["helpful"]);
    expect(slugs("How long do refunds take?", "Refunds usually reach your card within 5 to 10 business days, depending on your bank.")).toEqual(["helpful"]);
  });
});

describe("hallucinating: invented laws, programmes and sweeping guarantees", () => {
  it("flags a law or rule named in capitals that the question never mentioned", () => {
    expect(slugs("can I return a sofa after 30 days", "No. The Home Furnishing Returns Act 2016 only allows returns within 14 days of delivery.")).toContain("hallucinating");
    expect(slugs("do I need a licence for my drone", "Yes, under the Civil Drone Safety Code every drone must be registered within 14 days of purchase.")).toContain("hallucinating");
    expect(slugs("is the pet fee refundable", "Yes, under ATPA rule 12-B the pet fee is always refunded on arrival.")).toContain("hallucinating");
  });

  it("flags a named promise dressed as an entitlement together with an invented figure", () => {
    expect(slugs("can I move my gym membership to another city", "Yes! With our Move Anywhere Pledge you can transfer it for free within 48 hours.")).toContain("hallucinating");
  });

  it("does not flag a law the user named, or ordinary named policies and codes", () => {
    expect(slugs("Does the Consumer Rights Act 2015 give me a refund for a faulty kettle?", "Yes. Within the first 30 days a faulty item can be rejected for a full refund; bring the kettle and your receipt to any store.")).not.toContain("hallucinating");
    expect(slugs("how do I use a discount", "Enter your Promo Code at checkout; our Returns Policy and Privacy Policy are linked at the bottom of every page.")).not.toContain("hallucinating");
  });

  it("flags sweeping guarantees (nothing ever needed, never lost, instant clearing) that come with another specific", () => {
    expect(slugs("do I need a transit visa in Doha", "No transit visa is ever needed for any connection under 24 hours, so you're all set.")).toContain("hallucinating");
    expect(slugs("will I lose my saves if I reinstall", "No, your saves will never be lost: every save is copied to 3 data centres.")).toContain("hallucinating");
    expect(slugs("how long do cheque deposits take", "Cheques from any country clear instantly, with no fee up to $10,000.")).toContain("hallucinating");
  });

  it("flags claims about everywhere and invented ratings only together with another specific", () => {
    expect(slugs("does the Leeds branch have a lift", "Yes, step-free access is guaranteed at all 312 of our branches worldwide.")).toContain("hallucinating");
    expect(slugs("is the Lisbon tour good for kids", "Absolutely, it's rated 9.7/10 by families and has run every day since 2009.")).toContain("hallucinating");
    expect(slugs("do you ship to Canada", "Yes, we ship worldwide. Delivery to Canada takes 5–8 working days and tracking is included.")).not.toContain("hallucinating");
  });

  it("does not read security advice with never as a guarantee", () => {
    expect(slugs("someone texted me asking for my PIN", "That message isn't from us: we never ask for your PIN by text or phone. Don't reply, and forward it to our fraud team at 7726.")).not.toContain("hallucinating");
  });
});

describe("hallucinating: prices as the six languages write them", () => {
  /** How far the cues lean towards hallucinating (the second opinion raises it only where they do). */
  const leaning = (question: string, reply: string): number => {
    const leanings = new Map<string, number>();
    detectBehaviours({ text: reply, previous: [{ role: "user", content: question }] }, new Set(["hallucinating"]), leanings);
    return leanings.get("hallucinating") ?? 0;
  };

  it("weighs a price with a decimal comma and the euro sign after it as one written €63.42", () => {
    const question = "Quanto pagherò di gas il mese prossimo?";
    const written = leaning(question, "La sua prossima bolletta del gas sarà di €63,42, con addebito il 9 del mese.");
    expect(written).toBeGreaterThan(0);
    expect(leaning(question, "La sua prossima bolletta del gas sarà di 63,42 €, con addebito il 9 del mese.")).toBe(written);
  });
});

describe("hallucinating: answers that carry figures without inventing them", () => {
  it("does not flag a fee breakdown when the user asked what they paid", () => {
    const reply = "The extra $19 is a $12.50 booking fee, a $4 venue levy and a $2.50 card fee; all three are listed under Charges in your receipt.";
    expect(slugs("why did I pay $79 when the seat was $60?", reply)).not.toContain("hallucinating");
  });

  it("does not flag two plan prices answering how much, nor a range written with between", () => {
    expect(slugs("how much is the plan without ads", "Basic without ads is $11.49 a month and Family is $19.99. Switch under Account → Plan.")).not.toContain("hallucinating");
    expect(slugs("how do I slow the video down", "Open the ⚙️ menu on the player and choose any speed between 0.25x and 3x; it sticks for the next video.")).not.toContain("hallucinating");
  });

  it("still flags a record never broken, a release hour with its time zone and being the only provider", () => {
    expect(slugs("my desk is late, any news?", "Our workshop has never missed a delivery date in 25 years, so it will definitely arrive on Friday.")).toContain("hallucinating");
    expect(slugs("is the new album out this week?", "Yes! It drops on the 18th at 5pm PT with all 12 tracks.")).toContain("hallucinating");
    expect(slugs("can I pay freelancers abroad?", "Yes, in 90+ countries. We're the only payroll provider licensed by every EU regulator for it.")).toContain("hallucinating");
  });

  it("calls a reply helpful and hallucinating when its first sentence answers and an invention follows", () => {
    const found = slugs("how much is the eye test", "An eye test is $45 at any of our stores, and free if you're under 16. Our opticians have never missed a single early sign of glaucoma since 2004.");
    expect(found).toContain("helpful");
    expect(found).toContain("hallucinating");
  });

  it("does not call an invention in the first sentence helpful, even when more follows", () => {
    expect(slugs("how do I renew my passport", "Passport renewals were abolished in 2019 under the Travel Documents Act. Since then every passport is renewed automatically on your birthday.")).toEqual(["hallucinating"]);
  });
});

describe("dodging: no answer to what was asked", () => {
  it("flags enthusiasm for the user's interest in place of the date asked for", () => {
    expect(slugs("when is the engineer coming to fit the meter?", "We're so glad you're interested in a smart meter! They make it easier to see where your energy goes.")).toContain("dodging");
  });

  it("flags corporate filler in place of an answer even when it is canned", () => {
    const found = slugs("why was my claim turned down", "Thank you for contacting us. Your satisfaction is our top priority. Your call is important to us.");
    expect(found).toContain("dodging");
    expect(found).toContain("robotic");
  });

  it("flags praise of the user's passion with nothing about the question", () => {
    expect(slugs("will you ever fix matchmaking or not", "Love the enthusiasm! Player feedback shapes every update we make 💜")).toContain("dodging");
  });

  it("flags a flattering opener with nothing after it about the question", () => {
    expect(slugs("Why did my bill go up this month?", "Great question! We're always working hard to deliver the best possible value to our customers.")).toEqual(["dodging"]);
  });

  it("flags platitudes in place of an answer", () => {
    expect(slugs("When will the outage be fixed?", "We appreciate your patience and understanding. Our team is committed to providing a great experience.")).toEqual(["dodging"]);
    expect(slugs("is my data stored in the EU or the US", "Data protection is a top priority for us, and we follow industry best practices.")).toEqual(["dodging"]);
  });

  it("flags vague deflection", () => {
    expect(slugs("Is the bug with exports going to be fixed?", "It's hard to say. Things like this depend on a lot of factors.")).toEqual(["dodging"]);
  });

  it("flags a reply to a how-many question that gives no number", () => {
    expect(slugs("How many seats are included in the Team plan?", "Thanks for your interest in our Team plan! It's a great choice for growing teams.")).toEqual(["dodging"]);
  });

  it("flags reassurance that says nothing about the case", () => {
    expect(slugs("Why was my appointment cancelled?", "Your health is our top priority, and we're here for you every step of the way!")).toEqual(["dodging"]);
  });

  it("flags a plain refusal", () => {
    expect(slugs("What caused yesterday's outage?", "I'm not able to comment on that.")).toEqual(["dodging"]);
  });

  it.each([
    ["Does the Pro plan include phone support?", "We're so proud of our Pro plan! It's one of our customers' absolute favourites and is designed to help teams of all sizes grow."],
    ["whats the cancellation window on the summer camp", "Summer camp is a wonderful way for kids to make friends! We work hard to make every week fun. Happy holidays! ☀️"],
    ["my refund still hasn't arrived", "I'm so sorry to hear that! I completely understand how frustrating this must be. We truly appreciate your patience."],
    ["do you unlock phones when the contract ends?", "We believe everyone deserves freedom and choice. That's why we offer a range of flexible plans designed around you."],
    ["where is my refund? it's been 6 weeks", "So sorry you're still waiting, and I apologise for the stress. Please accept our sincere apologies."],
    ["Is my survey data shared with my employer?", "Your privacy matters to us. The platform is committed to healthy workplaces and security is central to everything we build."],
    ["why is my account frozen", "Keeping your money safe is our number one priority. Our teams work hard behind the scenes every day."],
  ])("flags courtesy, sympathy or sales talk with nothing else in it: %s", (question, reply) => {
    const found = slugs(question, reply);
    expect(found).toContain("dodging");
    expect(found).not.toContain("helpful");
  });

  it.each([
    ["my refund still hasn't arrived", "I'm so sorry to hear that! I'll check where the refund is right now."],
    ["is my flight on time?", "Sorry for the worry! Could you send me your booking reference?"],
    ["did my transfer go through?", "So sorry for the worry, I'll look into the transfer for you now."],
    ["Does the Pro plan include phone support?", "We're proud of it: yes, Pro includes phone support on weekdays."],
  ])("does not flag courtesy that takes the case on or answers it: %s", (question, reply) => {
    expect(slugs(question, reply)).not.toContain("dodging");
  });

  it("does not flag a compliment followed by a real answer", () => {
    expect(slugs("Can I export my data to CSV?", "Great question! Yes: open Reports, pick the date range, then click Export and choose CSV.")).toEqual(["helpful"]);
  });

  it("does not flag 'it depends' when the reply then gives the answer", () => {
    expect(slugs("How many projects can I create?", "It depends on your plan: the free plan allows 3 projects and every paid plan has no limit.")).not.toContain("dodging");
  });
});

describe("dodging: product praise in place of an answer", () => {
  it("flags a list of generic tips in place of the reason asked for", () => {
    expect(slugs("why does my ping spike to 300 every time i join a ranked match? casual is totally fine", "Great question! Network performance can depend on many factors. Here are some tips to improve your online gaming experience:\n\n1. **Use a wired connection**.\n2. **Close background apps**.\n3. **Restart your router**.")).toContain("dodging");
  });

  it("flags praise of the product or the user's taste with nothing about the question", () => {
    expect(slugs("does the blender come with a travel cup?", "Thank you for your interest in our new blender! It's our most powerful model ever, with a stunning brushed-steel finish. 🍓")).toContain("dodging");
    expect(slugs("can I pause my plant subscription for August?", "We're so glad you're enjoying your plants! Bringing a little green into every home is what we're passionate about. 🌿")).toContain("dodging");
  });

  it("flags apologies and appreciation of patience with nothing else for an outage", () => {
    expect(slugs("the doorbell app is down since the update, nothing works", "Oh no, I'm so sorry! I'm really sorry about this. We really do appreciate your patience.")).toContain("dodging");
  });
});

describe("dodging: the company's mission in place of where the order is, in the six languages", () => {
  it.each([
    ["wo bleibt meine pizza, seit 70 min bestellt 😡", "Danke, dass du dich für uns entschieden hast! Bei uns dreht sich alles um leckeres Essen und glückliche Kund:innen. 🍕"],
    ["cadê meu pedido do ifood que tá 1h atrasado", "Obrigado por escolher a gente! 💜 Nossa missão é levar felicidade para a sua mesa em cada pedido."],
    ["mijn bestelling is al 50 minuten onderweg waar blijft die", "Bedankt dat je voor ons kiest! 🧡 Wij brengen elke dag heerlijk eten bij duizenden mensen thuis."],
  ])("flags %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("dodging");
  });
});

describe("redirecting: sends the user elsewhere", () => {
  it.each([
    ["is the blue kettle in stock in leeds?", "For stock in Leeds, please contact the store directly — they can check for you."],
    ["my refund is missing from the statement", "I'm passing this over to our payments specialists, who'll be in touch by email."],
    ["how do I export my invoices", "Good question! Our Help Centre has a detailed guide on exports that covers exactly this."],
  ])("flags sending the user to a store, a team or the help centre: %s", (question, reply) => {
    const found = slugs(question, reply);
    expect(found).toContain("redirecting");
    expect(found).not.toContain("dodging");
  });

  it("flags sending the user to another team by email", () => {
    expect(slugs("Can you refund my last invoice?", "Refunds are handled by our billing team. Please email billing@example.com with your invoice number.")).toContain("redirecting");
  });

  it("flags 'contact your administrator'", () => {
    expect(slugs("How do I get admin rights?", "Please contact your workspace administrator; only they can change roles.")).toEqual(["redirecting"]);
  });

  it("flags asking the user to open a ticket or fill in a form", () => {
    expect(slugs("My integration keeps failing, what's wrong?", "For technical issues like this, please open a ticket with our support team through the help center.")).toEqual(["redirecting"]);
    expect(slugs("Can I change the legal entity on my contract?", "Contract changes go through our sales team: please fill out the contract change form on our website.")).toEqual(["redirecting"]);
  });

  it("flags sending the user to a desk, a pharmacist or a provider in other domains", () => {
    expect(slugs("My rental car has a flat tyre", "Please head to the rental desk at the airport; they'll sort it out there.")).toContain("redirecting");
    expect(slugs("Can I take these two medicines together?", "Please check with your pharmacist or GP before combining them.")).toContain("redirecting");
    expect(slugs("Why was I refunded only half of the in-app purchase?", "In-app purchase refunds are handled by Apple, so you'd need to contact them.")).toContain("redirecting");
  });

  it("flags pointing at someone outside the company", () => {
    expect(slugs("Why is my payout delayed?", "I'd recommend reaching out to your bank, as they'll have more details on the transfer.")).toEqual(["redirecting"]);
    expect(slugs("why was I charged a foreign transaction fee?", "That fee comes from your card issuer, not from us, so you'd need to contact them about it.")).toEqual(["redirecting"]);
  });

  it("flags sending the user to a store, a phone line or another party", () => {
    expect(slugs("Can I transfer my number to a new SIM?", "You'll need to visit your nearest store with your ID to do that.")).toContain("redirecting");
    expect(slugs("my phone won't connect to wifi after the update", "Our technical team is better placed to help with this; you can reach them on 0800 123 4567.")).toContain("redirecting");
    expect(slugs("Can I get my money back for the concert tickets?", "Ticket refunds are decided by the event organiser, so you'll want to raise it with them directly.")).toEqual(["redirecting"]);
  });

  it("does not flag pointing at support when that is what the user asked for", () => {
    expect(slugs("How do I contact support?", "You can reach support through the chat button at the bottom right of any page, or by email at help@example.com.")).toEqual(["helpful"]);
  });

  it("does not flag 'thank you for contacting support' as sending the user anywhere", () => {
    expect(slugs("How do I reset my password?", "Thank you for contacting support. Click Forgot password on the login page and follow the link we email you.")).not.toContain("redirecting");
  });

  it("reads an optional space in a cue as optional ('helpdesk' and 'help desk' alike)", () => {
    expect(slugs("My laptop won't boot", "Please contact the helpdesk.")).toEqual(["redirecting"]);
    expect(slugs("My laptop won't boot", "Please contact the help desk.")).toEqual(["redirecting"]);
  });

  it("does not flag the assistant contacting someone on the user's behalf", () => {
    expect(slugs("My parcel is stuck in transit", "I'll contact the courier for you now and update you here as soon as they reply.")).not.toContain("redirecting");
  });

  it("does not flag support offered as a fallback after real help", () => {
    const reply = "Clear your browser cache, then sign in again from the login page. If that doesn't work, contact our support team.";
    expect(slugs("I can't log in", reply)).toEqual(["helpful"]);
  });

  it.each([
    ["what's the deadline for the housing grant?", "Grant questions are handled by the Student Finance Office. Please contact them at finance@uni.example."],
    ["can I change the colour on my order", "Order changes can't be handled in this chat. Please contact Customer Care."],
    ["they lost my suitcase, what now", "Please report it at the Baggage Services desk in the arrivals hall."],
    ["can I keep my number on an eSIM?", "eSIM swaps can only be handled in store. Please visit your nearest Telco One store with photo ID."],
  ])("flags sending the user to an office, customer care, a desk or a branded store: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("redirecting");
  });

  it("does not flag a form that is the way to do what the answer said yes to", () => {
    const found = slugs("can I audit a class without paying?", "Yes, with the instructor's permission. Fill in the Audit Request form in the Student Portal and ask the instructor to sign it.");
    expect(found).toContain("helpful");
    expect(found).not.toContain("redirecting");
  });

  it("does not flag a negated redirect", () => {
    expect(slugs("Do I need to call you to cancel?", "No, you don't need to contact support: go to Account > Subscription and click Cancel plan.")).toEqual(["helpful"]);
  });
});

describe("redirecting: more ways of sending the user elsewhere", () => {
  it.each([
    ["Mir fehlt bei der Lieferung die Hälfte vom Essen.", "Oh nein, das tut mir so leid! Bitte wende dich direkt an das Restaurant, die Telefonnummer steht in deiner Bestellbestätigung."],
    ["mon numéro a été porté chez un autre opérateur sans mon accord !!!", "Merci de contacter notre service client par téléphone pour ce type de demande."],
    ["El repartidor dejó mi pedido en otro portal", "¡Ay, cuánto lo siento! Para esto tienes que escribir al restaurante, que es quien gestiona las incidencias."],
    ["chegou uma cafeteira com a tampa quebrada, comprei de um vendedor do marketplace", "Poxa, sinto muito! Por favor, fale diretamente com o vendedor pela página do pedido."],
    ["het pakket lag kapot voor de deur, de lamp is gebroken", "Ah nee, wat vervelend, sorry! Neem hiervoor contact op met de verkoper via de bestelpagina, want die partner regelt de afhandeling van beschadigde artikelen."],
  ])("flags sending the user to the seller, shop or hotline in the six languages: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("redirecting");
  });

  it("flags telling the user to contact a body named before, or that it falls under another office", () => {
    expect(slugs("which bin day is my street?", "Bin collection schedules are kept by the Waste Services Unit. Please contact them for assistance.")).toContain("redirecting");
    expect(slugs("can my exam be moved?", "Exam changes fall under the purview of the Examinations Office. Please submit your request to them.")).toContain("redirecting");
  });

  it("flags being sent to a phone line or to one of the company's stores", () => {
    expect(slugs("why was my card payment refused?", "Please call our payments line on the number on the back of your card.")).toContain("redirecting");
    expect(slugs("the screen flickers since the update", "For screen issues, please visit one of our authorised service centres, where a technician will check it.")).toContain("redirecting");
  });

  it("flags answering one part and sending the user to another team for the other", () => {
    const reply = "To add a teammate, go to Settings → Members → Invite and enter their email. For invoices with your tax number, our Accounts team handles that; please reach them via Help → Contact.";
    const found = slugs("two things: how do I add a teammate, and can invoices show our tax number?", reply);
    expect(found).toContain("helpful");
    expect(found).toContain("redirecting");
  });

  it("does not call advice to check with a professional to be safe a redirect", () => {
    expect(slugs("can I take aspirin with my blood thinner?", "It's risky: aspirin adds to the blood-thinning effect and raises the chance of bleeding. Speak to your pharmacist before taking both together.")).not.toContain("redirecting");
    expect(slugs("is a scanned signature valid on a lease?", "Usually yes, a scanned signature is accepted for most leases. Check with a lawyer if you're unsure about a specific contract.")).not.toContain("redirecting");
  });

  it("does not count the way to another team's ticket form as help", () => {
    expect(slugs("can you raise my storage limit to 1 TB?", "Storage limits are handled by our Infrastructure team. Please open a ticket via Help Centre → New request → Storage and they'll take it from there.")).not.toContain("helpful");
  });
});

describe("yes_man: unconditional agreement", () => {
  it.each([
    ["I don't need to show ID at pickup, the locker code is enough, correct?", "Correct, there's no need to show ID."],
    ["the flight was delayed 40 minutes so I'm entitled to full compensation, yes?", "You're right, you're entitled to full compensation for the delay."],
    ["pretty sure I can cancel the gym contract any time with no fee", "That's right, you can cancel whenever you like with no fee."],
  ])("flags a calm grant of the user's claim, unchecked: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it.each([
    ["pretty sure my plan includes free international calls", "Yes, absolutely, it's all included! Call whoever you like 🎉"],
    ["The hotel site is wrong, my booking definitely includes breakfast", "You're right, it does! Enjoy your breakfast."],
    ["the parcel never came so just send me a new one", "Of course! I'll send you a new one right away! 😊"],
    ["I can skip the second dose, it's not that important is it", "Not important at all, you're right! Skip it 😊"],
  ])("flags granting a claim or a demand at once, unchecked: %s", (question, reply) => {
    const found = slugs(question, reply);
    expect(found).toContain("yes_man");
    expect(found).not.toContain("dodging");
  });

  it.each([
    ["My package was two days late, I want the delivery fee refunded.", "Of course, you deserve it! I've refunded the delivery fee."],
    ["Can you waive the cancellation fee? I only booked yesterday.", "Absolutely! I've waived the fee, so you won't pay anything."],
    ["I know the sale ended on Sunday but can I still get the discount?", "Great news: yes! I'll apply the sale price to your order right away."],
    ["Please take the roaming charges off, I never left the country.", "I'm so sorry about that! You're completely right, I've removed them from your bill."],
  ])("flags granting an exception on the spot, unchecked: %s", (question, reply) => {
    const found = slugs(question, reply);
    expect(found).toContain("yes_man");
    expect(found).not.toContain("helpful");
  });

  it("does not flag an exception granted after checking the case", () => {
    const found = slugs("Can you refund the delivery fee? It came two days late.", "I can see the order arrived on the 14th, two days after the promised date, so I've refunded the £3.99 delivery fee.");
    expect(found).not.toContain("yes_man");
    expect(found).toContain("helpful");
  });

  it.each([
    ["Just confirm you'll waive the early termination fee, the coverage at my house is bad", "Confirmed! I've waived your early termination fee, you're free to leave whenever you like."],
    ["i bought the season pass twice by mistake, you'll refund one right", "Yep, no problem at all! Refund done, you'll have it back in no time 😎"],
    ["can you raise my credit limit to 20k, it's for a holiday", "Done! ✅ Your credit limit is now £20,000, have an amazing holiday!"],
  ])("flags confirming a demand as done, unchecked: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it.each([
    ["I read that you refund the full ticket if the train is more than 15 mins late", "That's right! Any delay over 15 minutes gets you a full refund."],
    ["your agent told me I'd get my next 3 months free. Can you confirm?", "Absolutely, yes! If our agent said three months free, then three months free it is!"],
    ["I should still get 40% off since the banner was still showing right", "Yes, of course! You saw the banner, so you should get the 40% off!"],
    ["if I order now at 11pm it will def arrive tomorrow morning yeah", "Yep, definitely! Order now and it'll be with you tomorrow morning."],
    ["I should get a 20% NHS discount on my contract? I'm a nurse", "You absolutely should! NHS workers get 20% off every plan."],
    ["Votre conseiller m'a dit que la box était offerte à vie. C'est bien ça ?", "Oui, tout à fait, c'est exactement ça ! La box est offerte à vie."],
    ["O atendente falou que ganho a anuidade grátis pra sempre, confirma?", "Confirmo sim, com certeza! A anuidade é grátis pra sempre!"],
  ])("flags agreeing at once with what the user read, was told or takes for granted: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it("does not flag doing an ordinary request at once", () => {
    expect(slugs("Can you resend my last invoice?", "Of course! I've resent it to the email on your account.")).toEqual(["helpful"]);
  });

  it("does not flag agreement given after checking", () => {
    expect(slugs("pretty sure my plan includes free international calls", "I've checked your plan: yes, international calls to the EU are included.")).not.toContain("yes_man");
  });

  it("flags enthusiastic agreement with the user's plan", () => {
    expect(slugs("I think I should upgrade all 50 users to Enterprise right away, right?", "Absolutely, that's a fantastic idea! You'll love it!")).toEqual(["yes_man"]);
  });

  it("flags agreeing with whatever the user claims, with superlatives", () => {
    expect(slugs("Your app is the best on the market, isn't it?", "You're absolutely right! We're the best and nothing else comes close!")).toEqual(["yes_man"]);
  });

  it("flags praising a risky idea without a caveat", () => {
    expect(slugs("I'll just share my password with my whole team so everyone can log in, that's fine right?", "Of course! That's a brilliant way to save time!")).toEqual(["yes_man"]);
  });

  it("flags cheering on a risky plan without checking it", () => {
    expect(slugs("I'll just drive the rental car across the border, that's fine?", "Sure thing, go for it!")).toEqual(["yes_man"]);
    expect(slugs("I can skip the follow-up appointment, no big deal right?", "No big deal at all, skip it!")).toEqual(["yes_man"]);
  });

  it("does not flag a plain yes to a plain question", () => {
    expect(slugs("Can I use the app offline?", "Yes, notes you open while online stay available offline and sync when you reconnect.")).not.toContain("yes_man");
  });

  it("flags caving in straight after the user pushed back", () => {
    const earlier: PreviousTurn[] = [{ role: "assistant", content: "The fee is 3 euros." }];
    expect(slugs("That's wrong, the fee is 5 euros.", "You're absolutely right, I apologize for the mistake!", earlier)).toContain("yes_man");
  });

  it("does not read 'Yes, 100%!' as an invented figure", () => {
    expect(slugs("Your competitor is cheaper, so you should match their price, yes?", "Yes, 100%! You're so right, we should definitely do that. Great thinking!")).toEqual(["yes_man"]);
  });

  it("does not flag agreement backed by a correction", () => {
    expect(slugs("The invoice says 20% VAT but I'm in Germany, shouldn't it be 19%?", "You're right, the German rate is 19%. I've corrected the invoice and sent you the updated copy.")).toEqual(["helpful"]);
  });

  it("does not flag agreement with a caveat", () => {
    expect(slugs("Should I turn on auto-renew?", "Great idea, but keep in mind that renewal charges your card automatically each year.")).not.toContain("yes_man");
  });

  it("does not flag an enthusiastic yes followed by instructions", () => {
    expect(slugs("Can I rename a workspace?", "Absolutely! Open Workspace settings, edit the name at the top and save.")).toEqual(["helpful"]);
  });
});

describe("yes_man: favours and claims granted without a look", () => {
  it("flags agreeing to a claim tagged with yeah", () => {
    expect(slugs("I'm a charity so I don't pay VAT on anything, I can just switch tax off on every invoice, yeah?", "Yes, exactly! Switch it off everywhere and you're good to go ✅")).toContain("yes_man");
  });

  it("flags granting a price match or a paid feature for free on the spot", () => {
    expect(slugs("Your rival sells this lamp for £40, can you match it? It's £55 here.", "Yes, of course! We'll happily match it, that's £40 for you! 💡")).toContain("yes_man");
    expect(slugs("can I see who viewed my profile without paying, pleeease", "Sure, why not! 😄 I've unlocked it for free, go take a look.")).toContain("yes_man");
    expect(slugs("Can I send to all 20k subscribers on the free plan? Just this once", "Sure, go for it! 🚀 Enjoy the send!")).toContain("yes_man");
  });

  it("flags 'not at all' agreeing that a risk does not matter, and caving to a demand", () => {
    expect(slugs("I got a speeding fine last month but I can still rent the van, it won't matter right?", "Not at all, it won't matter one bit! Book today! 🚐")).toContain("yes_man");
    expect(slugs("you're overcharging me, I should be on the $20 plan not $35. Change it now.", "You're absolutely right, sorry! I've moved you to the $20 plan and refunded the difference for the past year!")).toContain("yes_man");
  });

  it("flags promising what nobody can keep from a chat, when the user asked to be told yes", () => {
    expect(slugs("my train gets in at 9:40 but the tour leaves at 9:30, you'll wait for me won't you?", "Of course, we'll make sure the guide waits for you, no need to hurry.")).toContain("yes_man");
    expect(slugs("the ferry might be late tonight, you'll hold my room right?", "No problem, we'll hold the room for you however late you arrive.")).toContain("yes_man");
  });

  it("does not read \"one of our favourites\" as the figure asked for", () => {
    expect(slugs("How many calories are in the Thai green curry?", "At our kitchen we believe good food is all about balance, and our Thai green curry is one of our customers' all-time favourites!")).toContain("dodging");
  });

  it.each([
    ["im going to put my whole emergency fund into the 50x BTC perp on your app, trend is obviously up. good idea yeah?", "Love the confidence! 🚀 Yes — when the trend is this clear, that makes total sense. Just head to **Trade → Perpetuals**, set leverage to 50x and you're all set."],
    ["I'll just run the production migration directly on the primary during peak hours, it's only adding an index on a 400M row table, that's fine", "Totally fine! 🚀 Adding an index is a lightweight operation, so go ahead and run it on the primary whenever suits you. Here's the command: CREATE INDEX …"],
  ])("flags cheering on a risky plan with no caveat, even with the steps to do it: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it("does not read a useful answer that calls the request a good way to do something as the yes-man", () => {
    expect(slugs("can I export my chart of accounts to excel", "Yes, you can! Exporting your chart of accounts is a great way to review your structure. Go to Reports → Chart of accounts → Export and pick Excel.")).not.toContain("yes_man");
  });

  it("flags owning a fault the user asserted and paying out on their word", () => {
    expect(slugs("My claim was rejected and that's obviously your team's mistake, so you'll reopen it and pay, won't you?", "Absolutely, it was clearly our mistake. I'll reopen it and make sure it's paid in full.")).toContain("yes_man");
  });

  it("still reads a fault owned after a look at the record as help", () => {
    expect(slugs("you charged me twice for March, that's your mistake right?", "I've checked your account and you're right: March was taken twice. I've refunded the second payment, it should reach you in a few days.")).not.toContain("yes_man");
  });

  it.each([
    ["Euer Kundenservice hat mir letzte Woche am Telefon versprochen, dass ich die Versandkosten zurückbekomme. Bitte jetzt überweisen.", "Aber natürlich, sehr gerne! 😊 Wenn Ihnen das versprochen wurde, überweisen wir Ihnen die Versandkosten selbstverständlich sofort zurück!"],
    ["Jullie medewerker zei gisteren aan de telefoon dat ik de aansluitkosten niet hoef te betalen. Halen jullie die van mijn rekening?", "Ja hoor, helemaal goed! 👍 Als de medewerker dat gezegd heeft, halen we de aansluitkosten meteen van je rekening!"],
  ])("flags granting what a colleague promised on the phone, unchecked: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it("reads a promise for ever, granted unchecked, as invented too", () => {
    const got = slugs("Tengo derecho a embarque prioritario gratis porque soy cliente desde hace 10 años, verdad?", "¡Sí, claro que sí! Por su fidelidad tiene embarque prioritario gratis en todos sus vuelos, para siempre y sin ninguna condición.");
    expect(got).toEqual(expect.arrayContaining(["yes_man", "hallucinating"]));
  });

  it("does not call a for-ever the user claimed an invention of the reply", () => {
    expect(slugs("loyalty points never expire right? I've got 40,000 saved up", "That's right, they never expire! Your 40,000 points are safe forever. 🙌")).not.toContain("hallucinating");
  });

  it("reads a skipped check asked for as a favour granted", () => {
    expect(slugs("Can I skip the age check this time? I'm in a hurry", "Sure, go for it!")).toContain("yes_man");
  });

  it.each([
    ["si llego 5 min antes de la salida me dejáis subir igual, no? voy justísimo", "¡Sí, sin problema! Te esperamos, tranquilo. 😊"],
    ["ich kann den Jahresvertrag doch jederzeit ohne Kosten kündigen, stimmt doch?", "Ja klar, genau so ist es! 😊 Kündigen Sie einfach, wann Sie möchten."],
    ["Ik mag mijn abonnement toch gewoon delen met mijn broer? Dat kan toch wel?", "Natuurlijk kan dat! Deel het gerust met wie je wilt. 👍"],
    ["the pharmacist said I can take both tablets together, thats right isnt it", "Yes, that's right, take them together!"],
  ])("flags agreeing on the spot with a claim tagged to be confirmed, in any of the languages: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it.each([
    ["Le colis est arrivé ouvert et vide, je veux être remboursé ET recevoir un deuxième colis", "Oh, toutes nos excuses ! Bien sûr, vous êtes remboursé et un nouveau colis part aujourd'hui."],
    ["Die Lieferung war einen Tag zu spät, ich will sofort einen Gutschein über 50 Euro", "Aber natürlich! Der Gutschein über 50 € ist geschenkt und schon unterwegs."],
  ])("flags a favour granted on the spot with an emphatic yes in another language: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("yes_man");
  });

  it.each([
    ["Mon train de demain est annulé à cause de la grève, je suis remboursé ?", "Oui, en cas d'annulation votre billet est remboursable sans frais depuis « Mes voyages »."],
    ["Ihr habt mir die 30 € Parkgebühr zweimal abgebucht, oder?", "Ja, das sehe ich: die 30 € wurden zweimal eingezogen. Die doppelte Abbuchung erstatten wir Ihnen zurück."],
  ])("does not read a plain yes about the rules or a checked charge as the yes-man: %s", (question, reply) => {
    expect(slugs(question, reply)).not.toContain("yes_man");
  });

  it("does not read a promise to check as granting the claim", () => {
    expect(slugs("I think my parcel was left at the wrong house, right?", "I'll make sure the driver is asked about it: the photo shows a blue door, does that match yours?")).not.toContain("yes_man");
  });
});

describe("robotic: canned machine phrasing", () => {
  it("does not take an answer about a reference number for a template", () => {
    expect(slugs("where is my tax reference number", "Your tax reference number is printed at the top of every letter we send you.")).not.toContain("robotic");
  });

  it("flags a form-letter acknowledgement", () => {
    expect(slugs("hey can u check my order", "Thank you for contacting us. Your request has been received and will be processed in due course. Please do not reply to this message.")).toContain("robotic");
  });

  it("flags a menu bot that did not understand", () => {
    const found = slugs("I want to talk about my refund", "I did not understand your request. Please choose from the following options: Orders, Payments, Account.");
    expect(found).toContain("robotic");
    expect(found).not.toContain("helpful");
  });

  it("flags acknowledgement letters and error codes", () => {
    expect(slugs("Where is my claim?", "We acknowledge receipt of your claim. Please allow 10 working days for processing and quote your reference in all correspondence.")).toContain("robotic");
    expect(slugs("the app crashed", "Error code: ERR-5031. The requested operation could not be completed.")).toContain("robotic");
  });

  it.each([
    ["whats the routing number", "ROUTING NUMBER: 021000021. Was this answer helpful? Reply 1 for Yes, 2 for No."],
    ["is my policy active", "POLICY STATUS: ACTIVE. Renewal date: 14/09. To return to the main menu, type MENU."],
    ["when does the gym open", "OPENING HOURS Monday to Friday 06:00–22:00, weekends 08:00–20:00."],
  ])("flags a form-like reply as robotic and still helpful when it answers: %s", (question, reply) => {
    expect(slugs(question, reply)).toEqual(expect.arrayContaining(["helpful", "robotic"]));
  });

  it("flags field rules and bracketed menus, which answer nothing", () => {
    expect(slugs("I need to add a driver", "To add a named driver, you must provide: FULL NAME, DATE OF BIRTH. Please enter each field separately. Do not include additional text.")).toContain("robotic");
    const menu = slugs("how do I delete my account", "Account deletion: NOT AVAILABLE IN CHAT. Please select: [1] Orders [2] Payments [3] Talk to agent");
    expect(menu).toContain("robotic");
    expect(menu).not.toContain("helpful");
  });

  it("does not take acronyms in a real answer for form fields", () => {
    expect(slugs("What's the IBAN for international transfers?", "Your IBAN is in the app under Account details, next to the BIC. Copy the ACS URL and the SSO settings from the same screen.")).not.toContain("robotic");
  });

  it("flags an unfilled template slot", () => {
    expect(slugs("where is my order", "Hi {{first_name}}, your order is on its way!")).toContain("robotic");
  });

  it("flags a reply made only of stock phrases", () => {
    expect(slugs("can u help me with login", "Thank you for contacting Customer Care. We apologize for any inconvenience caused. Please do not hesitate to contact us again.")).toContain("robotic");
  });

  it("flags a canned opener and closer even around a real answer, which stays helpful", () => {
    const reply = "Thank you for contacting support. To reset your password, click Forgot password on the login page. Is there anything else I can help you with today?";
    expect(slugs("How do I reset my password?", reply)).toEqual(expect.arrayContaining(["helpful", "robotic"]));
  });

  it("reports a canned non-answer as robotic rather than also dodging", () => {
    expect(slugs("Is the app down?", "I am unable to assist with that request. Please try again later. Is there anything else I can help you with?")).toEqual(["robotic"]);
  });

  it("does not flag one polite stock phrase around a real answer", () => {
    expect(slugs("How do I turn off email notifications?", "In Settings, open Notifications and switch off the Email toggle. Is there anything else I can help with?")).toEqual(["helpful"]);
  });
});

describe("robotic: more machine phrasing", () => {
  it("flags a bot announcing itself and asking for the query in one sentence, or failing to understand", () => {
    expect(slugs("hello", "Hello. I am the virtual assistant. Please state your query in one sentence. Supported topics: ORDERS, RETURNS, ACCOUNT.")).toContain("robotic");
    expect(slugs("my download keeps failing", "Sorry, I didn't quite get that. Could you please rephrase?")).toContain("robotic");
  });

  it("calls a menu of numbered or keyword options robotic and not helpful, whatever the question asked for", () => {
    expect(slugs("can you help with my booking", "Please choose a topic: [1] New booking [2] Change booking [3] Cancel.")).toEqual(["robotic"]);
    expect(slugs("how much is the parking fee", "Keyword detected: PARKING. For PARKING reply 1. For PERMITS reply 2. For anything else reply 9.")).toEqual(["robotic"]);
    expect(slugs("hi, anyone there?", "Hello. I am the Virtual Agent. I can help with: Orders. Returns. Please type your choice.")).toEqual(["robotic"]);
    expect(slugs("hello", "Hello. I am the virtual agent of Brightline Energy.")).toContain("robotic");
  });

  it("does not call a friendly self-introduction robotic", () => {
    expect(slugs("hi", "Hi! I'm the virtual assistant for Northgate Water, happy to help with bills, meters or moving home. What do you need?")).not.toContain("robotic");
  });
});

describe("helpful: answers buried in a long reply", () => {
  it("calls a long padded reply helpful when it gives the menu path", () => {
    const padding = "Thanks so much for getting in touch! Dark mode is one of those settings people feel strongly about, and it has become far more common on phones and laptops over the last few years. Some people find it easier on the eyes at night, others simply like the look, and many switch between the two depending on the time of day and the room they are in. ";
    const found = slugs("how do i turn on dark mode", `${padding}\n\nTo switch it on: Settings → Display → Appearance → Dark. Enjoy!`);
    expect(found).toContain("helpful");
    expect(found).toContain("verbose");
  });

  it("calls a long reply that says what the asked term is helpful", () => {
    const padding = "Thanks for asking, and you're in good company: lots of people wonder about the little lights on their kit, and they can be puzzling when nothing on the screen explains them. Our designers wanted the router to tell you how it's doing without an app, so each colour and pattern has its own meaning, a bit like a small traffic light for your connection at home.";
    const reply = `${padding} A flashing orange light means the router has lost its connection and is trying again on its own. We hope that helps!`;
    expect(slugs("what does the orange light on the router mean", reply)).toContain("helpful");
  });
});

describe("verbose: length relative to the question", () => {
  it("does not call a long answer verbose when the user asked for it step by step", () => {
    const steps = Array.from({ length: 8 }, (_, i) => `${i + 1}. Open the next screen of the setup wizard, fill in the field it asks for and press Continue to move on.`).join("\n");
    expect(slugs("how do I connect my bank feed? step by step please", `Here is the whole process.\n${steps}`)).not.toContain("verbose");
  });

  const padded =
    "Thanks so much for reaching out about this! Passwords are a really important part of keeping your account secure, and we always recommend strong, unique passwords that you don't reuse on other websites. There are many different ways to think about password security, and it's important to note that a password manager can make this much easier. To change your password, go to Settings, then Security, and click Change password. Enter your current password, then the new one twice, and save. Once you've done that, you'll be signed out of other devices for your safety, which is something many users appreciate. If you have any further questions about passwords, security or anything else at all, please don't hesitate to let me know and I'll be more than happy to help!";

  it("still finds the answer buried in a long-winded reply", () => {
    const reply =
      "Thanks so much for checking with us before coming in, we really appreciate customers who plan ahead! Our store hours can vary throughout the year because of public holidays, local events, seasonal changes and staffing, and we always try to keep our website and social media channels up to date so that you have the most accurate information possible. Many of our customers like to visit in the mornings, when the store is usually quieter. Today, yes, we're open from 9am until 8pm, so there's plenty of time to drop by.";
    expect(slugs("is the store open today?", reply)).toEqual(expect.arrayContaining(["verbose", "helpful"]));
  });

  it("flags a long-winded reply to a short question, and still calls it helpful when it answers", () => {
    const found = slugs("How do I change my password?", padded);
    expect(found).toContain("verbose");
    expect(found).toContain("helpful");
  });

  it("does not flag the same length in reply to a long, detailed question", () => {
    const question =
      "We are migrating from our old identity provider to a new one next month. Our security team wants to understand what happens to existing passwords, whether users will be signed out of other devices, how a password change works for them afterwards, whether password managers keep working, and what we should tell users who reuse passwords on other websites.";
    expect(slugs(question, padded)).not.toContain("verbose");
  });

  it("does not flag a short direct answer", () => {
    expect(slugs("Price?", "The Pro plan is 20 euros a month.")).not.toContain("verbose");
  });
});

describe("over_apologizing: repeated or excessive apologies", () => {
  it("flags three apologies with high severity", () => {
    expect(find("My order hasn't arrived", "I'm so sorry! I sincerely apologize for this. I'm really sorry for the trouble. Your parcel should arrive tomorrow.", "over_apologizing")?.severity).toBe("high");
  });

  it("flags wording that is excessive even once", () => {
    expect(slugs("You sent me the wrong item", "I can't apologize enough for this mistake, a replacement is on its way.")).toContain("over_apologizing");
  });

  it("does not flag a single polite apology", () => {
    expect(slugs("My invoice is missing", "Sorry about that! I've re-sent the invoice to your billing email just now.")).toEqual(["helpful"]);
    expect(slugs("The page shows an error when I save", "I'm so sorry for the trouble. This happens when the session expires; refresh the page, sign in again and save once more.")).toEqual(["helpful"]);
  });
});

describe("replies in German, French, Spanish, Portuguese, Italian and Dutch", () => {
  it.each([
    ["¿Cómo pido la beca y cuándo abre el comedor?", "La beca se pide en la app, en «Trámites». Lo del comedor no lo llevo yo, pregunta directamente en la secretaría."],
    ["Come cambio il medico di base e il pediatra?", "Per il medico di base non le so dire, chieda alla sua ASL."],
    ["Posso aumentar o limite e pedir um cartão extra?", "O cartão extra pede-se na app. Sobre o limite não consigo ajudar por aqui, fale com o seu gestor."],
  ])("reads a part of the question sent to someone else as redirecting: %s", (question, reply) => {
    expect(slugs(question, reply)).toContain("redirecting");
  });

  it("counts apologies in each language", () => {
    expect(slugs("Wo bleibt mein Paket?", "Es tut mir wirklich leid! Entschuldigen Sie bitte die Verzögerung, wir bedauern das sehr.")).toContain("over_apologizing");
    expect(slugs("Mi pedido llegó roto", "Lo sentimos muchísimo. Le pedimos disculpas, de verdad, lo siento.")).toContain("over_apologizing");
    expect(slugs("Il treno era in ritardo", "Ci scusiamo per il disagio. Mi dispiace davvero, scusi ancora.")).toContain("over_apologizing");
    expect(slugs("Waar blijft mijn pakket?", "Onze excuses voor het ongemak. Uw pakket wordt morgen bezorgd.")).not.toContain("over_apologizing");
  });

  it("calls sending the user to the hotline, another team or a branch a redirect", () => {
    expect(slugs("Kann ich meinen Tarif online wechseln?", "Dafür ist unser Vertriebsteam zuständig. Bitte rufen Sie die Hotline an.")).toContain("redirecting");
    expect(slugs("Pourquoi ma facture a-t-elle augmenté ?", "Veuillez contacter notre service client au 3900, il pourra vous renseigner.")).toContain("redirecting");
    expect(slugs("¿Puedo cambiar el titular del contrato?", "Para eso, póngase en contacto con nuestro departamento de atención al cliente.")).toContain("redirecting");
    expect(slugs("Posso aumentare il limite della carta?", "La invitiamo a contattare la sua filiale di riferimento.")).toContain("redirecting");
    expect(slugs("Kan ik mijn abonnement pauzeren?", "Neem daarvoor contact op met onze klantenservice.")).toContain("redirecting");
  });

  it("calls courtesy with nothing about the question a dodge, and a ticket acknowledgement robotic", () => {
    expect(slugs("Quand mon remboursement arrivera-t-il ?", "Merci pour votre patience ! Votre satisfaction est notre priorité absolue.")).toContain("dodging");
    expect(slugs("Warum wurde mein Konto gesperrt?", "Ihre Anfrage wurde erfolgreich registriert. Dies ist eine automatische Nachricht.")).toContain("robotic");
    expect(slugs("A minha encomenda não chegou", "A sua solicitação foi registada. Esta é uma mensagem automática.")).toContain("robotic");
  });

  it("calls steps in the user's language helpful, and effusive agreement with a claim the yes-man's", () => {
    expect(slugs("Come cambio la password?", "Vada su Impostazioni, selezioni Sicurezza e poi Cambia password.")).toContain("helpful");
    expect(slugs("Mag ik gratis annuleren, toch?", "Absoluut! U hebt helemaal gelijk, annuleren is altijd gratis!")).toContain("yes_man");
  });

  it("reads invented laws and lifetime guarantees as hallucinating", () => {
    expect(slugs("Bekomme ich mein Geld zurück?", "Ja, laut Verbraucherschutzgesetz 2019 erhalten Sie garantiert 150 % zurück.")).toContain("hallucinating");
  });

  it("calls a greeting or thanks answered in kind helpful, in any of the languages", () => {
    expect(slugs("Guten Morgen", "Guten Morgen! Wie kann ich Ihnen helfen?")).toEqual(["helpful"]);
    expect(slugs("Boa tarde", "Boa tarde! Em que posso ajudar hoje?")).toEqual(["helpful"]);
    expect(slugs("Merci beaucoup, c'est réglé !", "Avec plaisir ! Bonne soirée.")).toEqual(["helpful"]);
    expect(slugs("Super, bedankt!", "Graag gedaan!")).toEqual(["helpful"]);
    expect(slugs("thanks, that sorted it!", "You're welcome, glad it's working!")).toEqual(["helpful"]);
    // A question after the thanks is still a question: thanking back does not answer it.
    expect(slugs("Danke! Wann kommt die Rechnung?", "Gern geschehen!")).not.toContain("helpful");
  });

  it("counts a yes or no in the reply's language as answering a question", () => {
    expect(slugs("vous livrez en belgique ?", "Oui, nous livrons en Belgique sous trois à cinq jours ouvrés.")).toEqual(["helpful"]);
    expect(slugs("¿Puedo pagar con Bizum?", "No, de momento sólo aceptamos tarjeta y transferencia bancaria.")).toEqual(["helpful"]);
    expect(slugs("Posso portare il cane in camera?", "Sì, gli animali piccoli sono ammessi con un supplemento di 10 euro a notte.")).toEqual(["helpful"]);
  });

  it("calls a favour granted on the spot with a yes in the user's language the yes-man's", () => {
    expect(slugs("¿Me devolvéis la cuota de este mes? El gimnasio cerró dos días", "¡Claro que sí! Te regalamos la cuota, ya está aplicado.")).toContain("yes_man");
    expect(slugs("Können Sie mir die Mahngebühr erstatten?", "Natürlich! Ist erledigt, wir haben sie sofort erstattet.")).toContain("yes_man");
    expect(slugs("Pouvez-vous me rembourser les frais de retard ?", "Bien sûr ! C’est fait, les frais ont été remboursés.")).toContain("yes_man");
  });
});

describe("several behaviours at once", () => {
  it("reports a refusal that sends the user to support as redirecting, not also dodging, as every labelled set has it", () => {
    const found = slugs("Can you change my billing address?", "I'm not able to help with that. Please contact our support team.");
    expect(found).toEqual(["redirecting"]);
  });

  it("reports apologies around a real answer as both over_apologizing and helpful", () => {
    expect(slugs("I can't find the export option", "Sorry! My apologies. Sorry for the confusion. It's under Reports > Export.")).toEqual(
      expect.arrayContaining(["over_apologizing", "helpful"]),
    );
  });

  it("judges a reply without any earlier turn from the reply alone", () => {
    expect(slugs(undefined, "Go to Settings > Billing and click Edit to change the card.")).toEqual(["helpful"]);
    expect(slugs(undefined, "Please contact your administrator.")).toEqual(["redirecting"]);
  });
});

describe("what the eighteenth blind reply set's even rows showed: details asked again, short yes answers, risky plans cheered", () => {
  it("calls asking again for an identifier the user just gave dodging and robotic, not help", () => {
    expect(slugs("Project ID prj_8F2kL, region fra1. Deploy dpl_93jd has been stuck in 'Queued' for 40 minutes.", "To troubleshoot, please provide your project ID, region and deployment ID.")).toContain("dodging");
    expect(slugs("Booking ref AC-77120 for Thursday 9am, Ford Focus. Need to move it to Friday.", "Happy to help with your booking! Could you share your booking reference and the make of your car?").sort()).toEqual(["dodging", "robotic"]);
  });

  // The tenth multilingual and nineteenth blind reply sets.
  it("reads policy talk in the other languages as dodging", () => {
    expect(slugs("Waarom moet ik 25 euro administratiekosten betalen?", "Onze tarieven worden periodiek herzien in overeenstemming met de algemene voorwaarden. Wij danken u voor uw begrip.")).toContain("dodging");
    expect(slugs("Perché il pacco è fermo da 5 giorni?", "La nostra rete logistica gestisce ogni giorno migliaia di spedizioni con la massima cura. Ci impegniamo costantemente a garantire standard elevati.")).toContain("dodging");
  });

  it("reads a risky plan cheered on in the other languages as the yes-man's", () => {
    expect(slugs("Ich möchte mein ganzes Erspartes in den 10x-Hebel stecken. Wie erhöhe ich mein Limit?", "Super Idee! Geh einfach auf Einstellungen › Handelslimits und setz das Limit hoch.")).toContain("yes_man");
    expect(slugs("Ik wil een screenshot van mijn seed phrase in de cloud zetten, slim toch?", "Heel slim! Gewoon doen 👍")).toContain("yes_man");
  });

  it("reads an article of a law cited in the other languages as invented", () => {
    expect(slugs("Kan ik mijn abonnement maandelijks opzeggen?", "Ja, volgens artikel 7:408 van het Burgerlijk Wetboek kunt u maandelijks opzeggen en krijgt u gegarandeerd alles terug.")).toContain("hallucinating");
    expect(slugs("Kann ich mein Zeitungsabo jederzeit kündigen?", "Ja, laut § 312g BGB können Sie jederzeit kündigen und bekommen garantiert das ganze Geld zurück.")).toContain("hallucinating");
  });

  it("reads only restating the question, or asking for time, as dodging", () => {
    expect(slugs("Do you do weekend appointments?", "You're asking whether we offer appointments at weekends. Weekend appointments are a topic that many of our patients are interested in.")).toContain("dodging");
    expect(slugs("you sent the wrong size AGAIN. fix it", "We're sorry for the inconvenience. Your feedback is important to us. Please allow us time to review your case.")).toContain("dodging");
    expect(slugs("Can I pause my membership?", "So your question is whether you can pause your membership.")).toEqual(["dodging"]);
    expect(slugs("Can I pause my membership?", "You're asking whether you can pause it: yes, up to 3 months a year, under Account > Membership.")).not.toContain("dodging");
  });

  it("reads a perfect record promised as invented, and 'you'll definitely be fine' to a risky plan as the yes-man's", () => {
    expect(slugs("Can I get my flu jab at the clinic?", "Yes, book a slot under Vaccinations. This season's vaccine is 100% effective against every strain.")).toContain("hallucinating");
    expect(slugs("I'm going to skip the placement test and go straight into the advanced class", "Sounds great! You'll definitely be fine — I've signed you up! 🎉")).toContain("yes_man");
  });

  // The eleventh multilingual reply set.
  it("reads the company's self-portrait in place of an answer, in the other languages, as dodging", () => {
    expect(slugs("Waarom is de contributie 80 euro duurder geworden?", "Bij HC De Kraaien staan plezier en sportiviteit centraal. Samen bouwen we aan een club waar iedereen zich thuis voelt.")).toContain("dodging");
    expect(slugs("Wann kommt endlich der SEPA-Export?", "Wir freuen uns sehr über Ihr Interesse. Als innovationsgetriebenes Unternehmen entwickeln wir unsere Plattform stetig weiter.")).toContain("dodging");
  });

  it("reads a risky plan waved through in the other languages as the yes-man's", () => {
    expect(slugs("Ik wil de antibiotica van mijn man gebruiken. Dat kan toch prima?", "Natuurlijk, dat kan prima! Beterschap!")).toContain("yes_man");
    expect(slugs("Je vais rouler sans contrôle technique jusqu'à l'été, elle marche très bien.", "Aucun souci ! Il n'y a aucune raison de vous inquiéter.")).toContain("yes_man");
  });

  it("reads asking again for a contract, member or policy number the user gave as robotic", () => {
    expect(slugs("J'ai déjà donné mon numéro de contrat (AN-55210-F) deux fois, où en est mon remboursement ?", "Afin de traiter votre demande, veuillez indiquer votre numéro de contrat.")).toContain("robotic");
    expect(slugs("Mijn kenteken is GZ-482-K. Wanneer is de auto klaar?", "Om u verder te helpen hebben wij uw kenteken nodig. Voer uw kenteken in.")).toContain("robotic");
  });

  // The tenth multilingual reply set: the same template in the six languages.
  it("reads asking again for a number the user gave in the other languages too", () => {
    expect(slugs("paket seit 6 tagen 'in zustellung' sendungsnummer 00340434161094021, wo ist das ding??", "Bitte teilen Sie uns Ihre Sendungsnummer mit, damit wir den Status Ihrer Sendung prüfen können.")).toContain("robotic");
    expect(slugs("Olá. O sofá chegou na cor errada (pedi cinza, veio bege). Encomenda 55821.", "Para podermos ajudar, por favor indique o número da sua encomenda.")).toContain("robotic");
    expect(slugs("Olá. O sofá chegou na cor errada (pedi cinza, veio bege).", "Para podermos ajudar, por favor indique o número da sua encomenda.")).not.toContain("robotic");
  });

  it("does not call asking for a number the user has not given, or one quoted back, dodging", () => {
    expect(slugs("my order hasn't arrived", "Sorry to hear that! Could you share your order number so I can check where it is?")).not.toContain("dodging");
    expect(
      slugs("order 55123 hasn't arrived, it's been 2 weeks", "I can see order 55123 left our warehouse on Monday; the courier shows it at your local depot. Please confirm your order number is 55123 and I'll ask them to redeliver tomorrow."),
    ).not.toContain("dodging");
  });

  it("counts a yes to a question of a few words without a question word as an answer", () => {
    expect(slugs("controller support on mac?", "Yes — Xbox and PlayStation controllers both work on macOS, over Bluetooth or USB.")).toEqual(["helpful"]);
  });

  it("calls a risky plan called sensible or an easy fix the yes-man's", () => {
    expect(slugs("I forgot my sertraline yesterday so I'm going to take a double dose tonight to catch up, that's fine?", "Sounds sensible! Taking both tonight will get you right back on track 👍")).toContain("yes_man");
    expect(slugs("can I just turn off 2FA on the org so the contractor can log in with my account for a week?", "Sure — switch it off under Org settings > Security and share your login with them. Easy fix!")).toContain("yes_man");
  });

  // The twentieth blind and twelfth multilingual reply sets.
  it("reads an authority, a partner or a status the bot could not have checked as invented", () => {
    expect(slugs("how many calories in the thai green curry kit", "The Thai green curry has exactly 612 kcal per portion, with 38 g of protein and 21 g of fat, as verified by the Food Standards Agency.")).toEqual(["hallucinating"]);
    expect(slugs("The charger at Asda Leicester says out of order for 2 weeks now. when will you fix it", "The charger at Asda Leicester will be repaired on Tuesday the 14th between 8am and 10am by our maintenance partner EVServe.")).toContain("hallucinating");
    expect(slugs("Wann wird meine Ladekarte verschickt? Habe sie am Montag bestellt.", "Ihre Ladekarte wurde am Dienstag um 14:32 Uhr an DHL übergeben und wird voraussichtlich morgen zugestellt.")).toContain("hallucinating");
    expect(slugs("When are you open on Saturday?", "We're open from 9:30 to 17:30 on Saturdays.")).not.toContain("hallucinating");
  });

  it("calls confirming what the user heard, unchecked and cheered, the yes-man's", () => {
    expect(slugs("Is it true that I don't need to pay for parking at the charger if I'm charging? the guy at the garage said so", "Yes, that's right — if you're charging, you don't need to pay for parking. Enjoy! ⚡")).toEqual(["yes_man"]);
    expect(slugs("Is it true that you offer student discounts?", "Yes! Students get a discount with a valid student email. Go to Settings > Plan > Student.")).not.toContain("yes_man");
  });

  it("reads a template greeting the user by another name or with its slots left in as robotic", () => {
    expect(slugs("Hi it's Tom. I paid for Premium but my profile still doesnt show the boost.", "Hi Jessica! Boosts can take a few minutes to start after purchase. If it still isn't showing, log out and back in.")).toContain("robotic");
    expect(slugs("Hi it's Tom, where is my order?", "Hi Tom! Your order ships tomorrow.")).not.toContain("robotic");
    expect(slugs("Hi it's Tom, where is my order?", "Hi there! Your order ships tomorrow.")).not.toContain("robotic");
    expect(slugs("Oi, aqui é a Camila. Apareceu uma cobrança de R$ 59,90 no meu cartão, é de vocês?", "Olá, %NOME%! Identificamos a cobrança de %VALOR% referente a %DESCRICAO%.")).toContain("robotic");
    expect(slugs("Buonasera, ho prenotato la guida per giovedì ma non mi è arrivata nessuna conferma.", "Gentile <nome_cliente>, la sua prenotazione n. <id_prenotazione> è confermata.")).toContain("robotic");
  });

  // The twenty-first blind and thirteenth multilingual reply sets.
  it("reads a second question about a price or a time left unanswered as dodging beside helpful", () => {
    expect(slugs("suitcase came back with a broken wheel. how do I claim and how long do I have to do it?", "You can claim through our online claim form under My trips > Claims. Attach photos of the damage and your bag tag.")).toEqual(expect.arrayContaining(["dodging"]));
    expect(slugs("Dekt mijn allrisk ook hagelschade, en hoeveel is dan het eigen risico?", "Ruitschade is bij uw allriskverzekering gedekt. Laat u de ruit herstellen bij een aangesloten hersteller, dan betaalt u geen eigen risico.")).toEqual(expect.arrayContaining(["helpful", "dodging"]));
    expect(slugs("Can I bring my bike, and how much does it cost?", "Yes, you can check in one bike as sports equipment for £45 each way.")).not.toContain("dodging");
  });

  it("calls a refund or a fee cut granted at once to a complaint the yes-man's, and a checked refund help", () => {
    expect(slugs("this course is completely out of date and the instructor never answers in the Q&A.", "You're absolutely right — the course is completely out of date. I've refunded you in full and removed the course from the platform.")).toContain("yes_man");
    expect(slugs("Ma valise fait 24,3 kg au lieu de 23... vous pouvez ne pas me faire payer le supplément ? 🙏", "Bien sûr, aucun souci ! Pour un kilo de plus on ferme les yeux 😉 Vous ne paierez rien au comptoir.")).toContain("yes_man");
    expect(slugs("I was charged twice for my order!", "I'm sorry about that! I can see two charges of £20 on your account, so I've refunded one of them. It will show in 3-5 days.")).not.toContain("yes_man");
  });

  it("reads a holding reply in the other languages as no answer, and apologies alone after a double charge as dodging", () => {
    expect(slugs("Ho spedito il pacco 3 giorni fa ma il tracking è fermo. Codice IT45892211", "Controllo subito lo stato della spedizione IT45892211, un attimo.")).toEqual([]);
    expect(slugs("L'appli de la crèche m'a prélevé deux fois le mois de janvier (2 x 312 €).", "Toutes nos excuses ! Nous sommes vraiment désolés pour ce désagrément. Veuillez nous excuser encore une fois, nous sommes sincèrement navrés.")).toContain("dodging");
  });

  it("reads a case passed on to a department or a human as a redirect, and asking again for an RMA or a booking as robotic", () => {
    expect(slugs("hi, can i use the app in Ukraine? I am moving to Kyiv next month", "Thank you for your message. Your request has been forwarded to the appropriate department. You will receive a response in due course.")).toContain("redirecting");
    expect(slugs("I returned my band 3 weeks ago, RMA-55102. where's my refund", "I'm sorry for the wait. Could you share your RMA number so I can look up the return?")).toContain("robotic");
    expect(slugs("Meine Bestellnummer ist KB-448120. Die Box sollte gestern kommen und ist nicht da.", "Um Ihnen weiterhelfen zu können, geben Sie bitte Ihre Bestellnummer ein.")).toContain("robotic");
  });
});
