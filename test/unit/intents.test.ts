/**
 * Intents and topics of the embedded analyzer: the built-in intents in seven languages (and what
 * must not trigger them), candidates for suggested intents, and discovered topics.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_INTENTS, defaultConfig, toAnalysisOptions } from "../../worker/analysis/config";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import type { CustomDefinition } from "../../worker/analysis/types";

/** What a chatbot with the default configuration (built-in intents only) gets. */
const defaults = toAnalysisOptions(defaultConfig());
const intentOf = (content: string, intents: readonly CustomDefinition[] = defaults.intents ?? []) =>
  analyzeSync({ role: "user", content }, { intent: true, intents }).intent;
const topicsOf = (content: string, topicList: readonly CustomDefinition[] = []) => analyzeSync({ role: "user", content }, { topics: true, topicList }).topics;

const CASES: Record<string, { yes: string[]; no: string[] }> = {
  greeting: {
    yes: ["Hi!", "hello, anyone there?", "Good morning", "Guten Morgen", "Bonjour !", "Hola", "Bom dia", "Buongiorno", "Goedemorgen"],
    no: ["Hi, how do I connect my calendar?", "This is a high priority ticket", "They said hello to the new release with a crash"],
  },
  thanks: {
    yes: ["Thanks, that fixed it!", "thank you so much", "Vielen Dank!", "Merci beaucoup", "Muchas gracias", "Muito obrigado", "Grazie mille", "Dank je wel"],
    no: ["Thanks to your update my dashboard is broken", "Thanks, but the export still fails", "thanks! which plan includes SSO?"],
  },
  human_handoff: {
    yes: ["Can I talk to a real human please?", "I want to speak to someone", "get me a live agent", "Please escalate this to someone senior.", "Ich warte seit über einer Stunde auf einen Mitarbeiter.", "Ich möchte mit einem Mitarbeiter sprechen", "Je veux parler à un conseiller", "Quiero hablar con una persona", "Quero falar com um atendente", "Vorrei parlare con un operatore", "Ik wil een medewerker spreken"],
    no: ["How do I connect my agent to Slack?", "Someone on my team deleted a board"],
  },
  feature_request: {
    yes: ["It would be great if you added dark mode", "Please add an export to Google Sheets", "Any plans to support SAML?", "Es wäre toll, wenn es einen Dunkelmodus gäbe", "Ce serait bien d'avoir un mode sombre", "Sería genial tener modo oscuro", "Seria ótimo ter modo escuro", "Sarebbe utile avere la modalità scura", "Het zou handig zijn als er een donkere modus was"],
    no: ["Where do I turn on dark mode?"],
  },
  feedback: {
    yes: ["I love the new app, great job!", "Super fast delivery, very happy with the order", "Your support is a joke.", "Keep up the good work", "Tolle App, weiter so", "Bravo, excellent travail", "Me encanta, buen trabajo", "Parabéns, ótimo trabalho", "Complimenti, ottimo lavoro", "Goed gedaan, ga zo door"],
    no: ["What's the character limit for a message?", "How do I top up my wallet?"],
  },
  cancellation: {
    yes: ["I want to cancel my subscription", "We won't be renewing when the contract ends in June.", "Our contract runs out in August and we're evaluating alternatives.", "Wir werden den Vertrag zum Jahresende nicht verlängern.", "No vamos a renovar la licencia cuando termine en abril", "we will not renew our contract", "please close my account", "Ich möchte kündigen", "Je voudrais résilier mon abonnement", "Quiero darme de baja", "Quero cancelar minha assinatura", "Vorrei disdire l'abbonamento", "Ik wil mijn abonnement opzeggen"],
    no: ["I don't want to cancel, I just want to pause for a month", "I'm not cancelling, just want to pause emails for a month.", "Ich will nicht kündigen, nur pausieren"],
  },
  pricing_question: {
    yes: ["How much does the pro plan cost?", "Do you offer a student discount?", "Was kostet der Business-Tarif?", "Quel est le prix par utilisateur ?", "¿Cuánto cuesta el plan anual?", "Quanto custa o plano anual?", "Quanto costa il piano annuale?", "Wat zijn de prijzen?"],
    no: ["How much storage do I have left?"],
  },
  billing_issue: {
    yes: ["I was charged twice this month", "Where can I download my invoice?", "I need a refund", "Die Rechnung ist falsch", "Je n'ai pas reçu ma facture", "Me cobraron dos veces", "Não recebi a fatura", "Non ho ricevuto la fattura", "Mijn factuur klopt niet"],
    no: ["I pay attention to every release note"],
  },
  account_management: {
    yes: ["I forgot my password", "I can't log in since yesterday", "How do I turn on two factor authentication?", "Ich habe mein Passwort vergessen", "J'ai oublié mon mot de passe", "Olvidé mi contraseña", "Esqueci minha senha", "Non riesco ad accedere", "Ik ben mijn wachtwoord vergeten"],
    no: ["What does your product do for small teams?"],
  },
  bug_report: {
    yes: ["The app crashes when I upload a file", "The dashboard has been down since 7am, every page returns a 502.", "Your API is timing out on /v2/orders", "Export is not working since the update", "I keep getting an error message", "Der Export funktioniert nicht", "L'export ne fonctionne pas", "La exportación no funciona", "A exportação não funciona", "L'esportazione non funziona", "De export werkt niet"],
    no: ["No error so far, it all works, I just have a question about the API", "Does the app work without a connection?"],
  },
};

describe("built-in intents", () => {
  for (const [slug, { yes, no }] of Object.entries(CASES)) {
    it(`recognises ${slug} in English and the six other languages`, () => {
      for (const text of yes) {
        const intent = intentOf(text);
        expect({ text, slug: intent?.slug, pending: intent?.pending }).toEqual({ text, slug, pending: undefined });
        expect(intent?.confidence).toBeGreaterThanOrEqual(0.35);
      }
    });

    it(`does not call ${slug} what only looks like it`, () => {
      for (const text of no) expect({ text, slug: intentOf(text)?.slug }).not.toEqual({ text, slug });
    });
  }

  it("puts every built-in intent on the default intent list, so the chosen intent is always from the chatbot's list", () => {
    expect(DEFAULT_INTENTS.map((i) => i.slug).sort()).toEqual(Object.keys(CASES).sort());
  });

  it("lets a request win over the greeting or thanks around it", () => {
    expect(intentOf("Hi! I was charged twice, can you help?")?.slug).toBe("billing_issue");
    expect(intentOf("Thanks. Now I'd like to cancel my plan")?.slug).toBe("cancellation");
  });

  it("uses a built-in intent only when it is on the list given", () => {
    const onlyCustom = [{ slug: "refund", name: "Refund", description: "asks for money back" }];
    expect(intentOf("Hello!", onlyCustom)?.slug).not.toBe("greeting");
  });

  it("lets a custom intent with a quoted phrase beat the built-in it refines", () => {
    const custom = { slug: "refund_request", name: "Refund request", description: 'asks for "money back" or a refund' };
    const intents = [...DEFAULT_INTENTS, custom];
    expect(intentOf("Can I get my money back?", intents)?.slug).toBe("refund_request");
    expect(intentOf("I was charged twice", intents)?.slug).toBe("billing_issue");
  });

  it("lets the chatbot's own intent take a message from a generic built-in cue, but not from a clear one", () => {
    const fee = { slug: "card_payment_fee", name: "Card payment fee", description: "a fee charged on a card payment" };
    const tracking = { slug: "order_tracking", name: "Order tracking", description: "where their order is" };
    const intents = [...DEFAULT_INTENTS, fee, tracking];
    // "charged", "payment" and "card" are billing_issue cues; the bank's own intent says more.
    expect(intentOf("Why was I charged a fee for my card payment?", intents)?.slug).toBe("card_payment_fee");
    // One keyword of a custom intent ("order") against a clear built-in cue: the built-in keeps it.
    expect(intentOf("I want to cancel my order", intents)?.slug).toBe("cancellation");
    // Without any of its words, a custom intent changes nothing.
    expect(intentOf("I was charged twice", intents)?.slug).toBe("billing_issue");
  });

  it("of two custom intents matched equally, picks the one whose definition the message covers more", () => {
    const broad = { slug: "cards", name: "Cards", description: "limits, replacement, activation and delivery" };
    const status = { slug: "card_status", name: "Card status", description: "where it is" };
    // One keyword each ("card"): a fifth of the broad definition, half of the narrow one — listed second.
    const detected = intentOf("Where is my card?", [broad, status]);
    expect(detected).toMatchObject({ slug: "card_status", confidence: 0.4 });
  });
});

describe("intent candidates", () => {
  it("records a message no intent fits as a pending candidate named verb-object, with the message as example", () => {
    const intent = intentOf("How do I export my contacts to a CSV file?");
    expect(intent).toMatchObject({ slug: "export_contacts", pending: true, chunk: "How do I export my contacts to a CSV file?" });
    expect(intent?.confidence).toBeLessThan(0.35);
  });

  it("names a candidate by its verb's base form whatever the inflection", () => {
    expect(intentOf("exporting contacts to csv keeps timing out?")?.slug).not.toBe("exporting_contacts");
    expect(intentOf("Is exporting contacts to CSV possible?")?.slug).toBe("export_contacts");
  });

  it("gives no intent to a message with nothing to name it by", () => {
    for (const text of ["ok", "yes please", "I honestly was looking at a lot of it", "Das ist nicht gut"]) expect({ text, intent: intentOf(text) }).toEqual({ text, intent: undefined });
  });

  it("keeps a long message's example short and whole-worded", () => {
    const long = `How do I export contacts ${"with all their custom fields and tags ".repeat(20)}`;
    const example = intentOf(long)?.chunk ?? "";
    expect(example.length).toBeLessThanOrEqual(281);
    expect(example.endsWith("…")).toBe(true);
    expect(long.startsWith(example.slice(0, -1))).toBe(true);
  });
});

describe("topics", () => {
  it("prefers the chatbot's own multi-word topics, with a confidence that grows with the evidence", () => {
    const topicList = [
      { slug: "delivery_delay", name: "Delivery delay", description: "parcel late, 'not arrived', tracking" },
      { slug: "returns", name: "Returns", description: "sending an item back" },
    ];
    const strong = topicsOf("My parcel has not arrived, the delivery delay is a week now", topicList);
    expect(strong[0]).toMatchObject({ slug: "delivery_delay" });
    expect(strong[0]?.autoDiscovered).toBeUndefined();
    const weak = topicsOf("Where is the tracking page?", topicList);
    expect(weak[0]?.slug).toBe("delivery_delay");
    expect(weak[0]?.confidence).toBeLessThan(strong[0]?.confidence ?? 0);
  });

  it("discovers two-word topics and marks them, with more confidence than a lone word", () => {
    const topics = topicsOf("The credit card form rejects my card number");
    expect(topics[0]).toMatchObject({ slug: "credit_card", autoDiscovered: true });
    const single = topicsOf("Where is my invoice?");
    expect(single[0]?.slug).toBe("invoice");
    expect(single[0]?.confidence).toBeLessThan(topics[0]?.confidence ?? 0);
  });

  it("discovers nothing from small talk, feelings or a bare verb", () => {
    for (const text of ["Hi there, thanks!", "This is so annoying", "Please export"]) expect({ text, topics: topicsOf(text) }).toEqual({ text, topics: [] });
  });

  it("returns at most three topics", () => {
    const topicList = ["cards", "billing", "delivery", "fees"].map((slug) => ({ slug, name: slug, description: `questions about ${slug}` }));
    expect(topicsOf("Card billing delivery fees", topicList)).toHaveLength(3);
  });
});
