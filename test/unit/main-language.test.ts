import { describe, expect, it } from "vitest";
import { emptyAggregates, mainLanguage } from "../../durable-objects/conversation-store";

const withLanguages = (languages: Record<string, number>) => ({ ...emptyAggregates(), languages });

describe("a conversation's main language", () => {
  it("is the most frequent detected language of its user messages", () => {
    expect(mainLanguage(withLanguages({ de: 1, fr: 3, en: 2 }))).toBe("fr");
  });

  it("ignores undetermined messages however many there are", () => {
    expect(mainLanguage(withLanguages({ und: 5, nl: 1 }))).toBe("nl");
  });

  it("goes to the language seen first on a tie", () => {
    expect(mainLanguage(withLanguages({ es: 2, pt: 2 }))).toBe("es");
    expect(mainLanguage(withLanguages({ pt: 2, es: 2 }))).toBe("pt");
  });

  it("is und when no user message could be told, and null before any was analysed", () => {
    expect(mainLanguage(withLanguages({ und: 2 }))).toBe("und");
    expect(mainLanguage(emptyAggregates())).toBeNull();
  });
});
