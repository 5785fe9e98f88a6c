import { describe, expect, it } from "vitest";
import { SUPPORTED_ANALYSIS_LANGUAGES, detectLanguage, proseForDetection } from "../../worker/analysis/language";

// Support-chat messages as people type them: short, informal, sometimes without punctuation.
const messages: Record<(typeof SUPPORTED_ANALYSIS_LANGUAGES)[number], string[]> = {
  en: [
    "I want to cancel my subscription",
    "the checkout page is not loading",
    "I was charged twice this month",
    "can't log in since yesterday",
    "please escalate this to a human",
    "where is my invoice",
  ],
  de: [
    "Ich möchte mein Abo kündigen",
    "Die Zahlungsseite lädt nicht",
    "Mir wurde diesen Monat doppelt abgebucht",
    "kann mich nicht anmelden",
    "Bitte leiten Sie mich an einen Mitarbeiter weiter",
    "wo ist meine Rechnung",
  ],
  fr: [
    "Je veux résilier mon abonnement",
    "la page de paiement ne charge pas",
    "J'ai été débité deux fois ce mois-ci",
    "je peux pas me connecter",
    "Je voudrais parler à un conseiller",
    "où est ma facture",
  ],
  es: [
    "Quiero cancelar mi suscripción",
    "la página de pago no carga",
    "Me cobraron dos veces este mes",
    "no puedo iniciar sesión desde ayer",
    "Quiero hablar con una persona",
    "dónde está mi factura",
  ],
  pt: [
    "Quero cancelar minha assinatura",
    "a página de pagamento não carrega",
    "Fui cobrado duas vezes este mês",
    "não consigo entrar desde ontem",
    "Quero falar com um atendente",
    "cadê minha fatura",
  ],
  it: [
    "Voglio disdire il mio abbonamento",
    "la pagina di pagamento non si carica",
    "Mi avete addebitato due volte questo mese",
    "non riesco ad accedere da ieri",
    "Vorrei parlare con un operatore",
    "dov'è la mia fattura",
  ],
  nl: [
    "Ik wil mijn abonnement opzeggen",
    "de betaalpagina laadt niet",
    "Ik ben deze maand twee keer afgeschreven",
    "ik kan niet inloggen",
    "Ik wil graag een medewerker spreken",
    "waar is mijn factuur",
  ],
};

describe("detectLanguage", () => {
  for (const language of SUPPORTED_ANALYSIS_LANGUAGES) {
    it.each(messages[language])(`reads "%s" as ${language}`, (text) => {
      expect(detectLanguage(text)).toBe(language);
    });
  }

  it.each(["ok", "thanks!", "hallo", "merci", "ciao", "obrigado", "ok thx", "lol", "?", "👍", "", "   "])(
    'answers "und" for "%s", too short to tell',
    (text) => {
      expect(detectLanguage(text)).toBe("und");
    },
  );

  it("answers und for two loose words rather than guessing a language nobody wrote", () => {
    expect(detectLanguage("top merci")).toBe("und");
    expect(detectLanguage("ok super")).toBe("und");
  });

  it("still reads two clear words in a supported language", () => {
    expect(detectLanguage("geht nicht")).toBe("de");
    expect(detectLanguage("no funciona")).toBe("es");
    expect(detectLanguage("werkt niet")).toBe("nl");
  });

  it("reads languages outside the analysed set when the sentence is clear", () => {
    expect(detectLanguage("Jag vill säga upp mitt abonnemang nu")).toBe("sv");
    expect(detectLanguage("Я хочу отменить подписку")).toBe("ru");
    expect(detectLanguage("サブスクリプションを解約したいです")).toBe("ja");
  });

  it("is not pulled to English by a pasted stack trace in a German message", () => {
    const text = [
      "Ich bekomme diesen Fehler beim Speichern:",
      "```",
      "TypeError: Cannot read properties of undefined (reading 'map')",
      "    at render (/app/src/index.js:10:5)",
      "```",
    ].join("\n");
    expect(detectLanguage(text)).toBe("de");
  });

  it("is not pulled to English by an unfenced Python traceback in a French message", () => {
    const text = [
      "Traceback (most recent call last):",
      '  File "/app/main.py", line 10, in <module>',
      "ValueError: invalid literal for int() with base 10",
      "pourquoi est-ce que ça arrive encore",
    ].join("\n");
    expect(detectLanguage(text)).toBe("fr");
  });

  it("reads the prose around URLs, emails, inline code and numbers", () => {
    expect(detectLanguage("Hallo, die Seite https://example.com/checkout?step=2 lädt nicht")).toBe("de");
    expect(detectLanguage("Bitte an max.mustermann@example.com schicken, Bestellung 12345")).toBe("de");
    expect(detectLanguage("la commande `npm install --save react` échoue toujours chez moi")).toBe("fr");
  });

  it("answers und for a message that is only code, data or links", () => {
    expect(detectLanguage('{"priority":"urgent","status":"open","assignee":"support"}')).toBe("und");
    expect(detectLanguage("https://example.com/account/settings/billing")).toBe("und");
    expect(detectLanguage("```\nconst total = items.reduce((sum, item) => sum + item.price, 0);\n```")).toBe("und");
  });

  it("reads a long message whose prose comes after a large JSON paste", () => {
    const text = `${'{"id":1,"values":[1,2,3]}\n'.repeat(100)}Der Export bricht jedes Mal nach der Hälfte ab`;
    expect(detectLanguage(text)).toBe("de");
  });
});

describe("proseForDetection", () => {
  it("drops URLs, emails, code, identifiers and numbers but keeps the words", () => {
    expect(
      proseForDetection("Order 4711 at https://shop.example/x failed, mail me at a@b.co or run `retry --all` please"),
    ).toBe("Order at failed, mail me at or run please");
  });
});
