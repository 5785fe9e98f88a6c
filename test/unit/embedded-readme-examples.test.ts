import { describe, expect, it } from "vitest";
import { analyzeSync } from "../../worker/analysis/embedded/index";
import { sentimentPolarity } from "../../worker/analysis/labels";
import type { MessageAnalysis } from "../../worker/analysis/types";

/**
 * The README's own examples of what the embedded analyzer reads ("What the embedded analyzer reads"), sent as a reader
 * would send them — alone, as whole messages, the language detected as the pipeline detects it — with a paraphrase
 * or a look-alike beside each, so the rule is tested and not the one sentence.
 */

const user = (content: string): MessageAnalysis => analyzeSync({ role: "user", content });
const flagsOf = (content: string) => user(content).flags.map((f) => f.slug);
const polarity = (content: string) => sentimentPolarity(user(content).sentiment!.label);
const reply = (question: string, content: string) => analyzeSync({ role: "assistant", content, previous: [{ role: "user", content: question }] }).behaviours.map((b) => b.slug);

describe("the README's examples of user messages", () => {
  it("reads a thanks too short for its language to be told as positive, in any of the seven languages", () => {
    for (const text of ["grazie mille!!", "vlw, obg!!", "merci, super!", "Ok danke", "graciasss", "top, bedankt!", "thanks a lot!"]) expect(polarity(text), text).toBe("positive");
    expect(polarity("ok")).toBe("neutral");
  });

  it("reads relief that a trouble is over as good news, a short Spanish exclamation too", () => {
    for (const text of ["¡Qué alivio!", "Phew, the refund landed", "Ouf, ça marche enfin."]) expect(polarity(text), text).toBe("positive");
  });

  it("reads 'we've outgrown it' as leaving, and outgrowing a plan's limits as not", () => {
    for (const text of ["We've outgrown it.", "Honestly, we've outgrown your tool."]) expect(flagsOf(text), text).toContain("churn_risk");
    for (const text of ["We've outgrown the starter plan, what's bigger?", "we've outgrown the starter plan", "We outgrew our Basic plan in a month."]) {
      expect(flagsOf(text), text).not.toContain("churn_risk");
    }
  });

  it("reads the README's short quotes sent alone as it says", () => {
    for (const text of ["Not acceptable.", "it's been over an hour", "ya es costumbre"]) expect(flagsOf(text), text).toContain("frustrated_user");
    for (const text of ["total lost", "I am total lost", "nn entendi nada dessa fatura", "q significa esse valor?"]) expect(flagsOf(text), text).toContain("confused_user");
    expect(flagsOf("this is our last month")).toContain("churn_risk");
    expect(flagsOf("iemand heeft mijn pas gebruikt, blokkeer mn account nu")).toContain("urgent_request");
    // Too short for their language to be told, each is read by the pack that finds a flag in it.
    expect(flagsOf("blokkeer mn account nu")).toContain("urgent_request");
    for (const text of ["nn entendi nada", "q significa"]) expect(flagsOf(text), text).toContain("confused_user");
    expect(flagsOf("cancel order #4471")).not.toContain("churn_risk");
    // Look-alikes: an acceptable offer, data lost, an hour's delivery window.
    expect(flagsOf("That's acceptable, thanks.")).not.toContain("frustrated_user");
    expect(flagsOf("I totally lost my data after the update")).not.toContain("confused_user");
    expect(flagsOf("Delivery takes just over an hour?")).not.toContain("frustrated_user");
  });

  it("reads a calm question with a log pasted after it on the same line as neutral", () => {
    for (const text of ["How do I read this? [2026-11-20 10:00:01] FATAL db connection refused at pool.connect", "Is this normal? FATAL: password authentication failed for user \"app\""]) {
      expect(polarity(text), text).toBe("neutral");
      expect(flagsOf(text), text).not.toContain("frustrated_user");
    }
    // A date after a colon is no log: the question after it is still read.
    expect(flagsOf("but I AM sending ISO 8601: 2024-03-05T10:00:00+01:00. what format does it actually want??")).toContain("confused_user");
    // The question the user asks after the log, on the same line, is still theirs.
    expect(flagsOf("Sync stopped overnight. ERROR: token expired, what does that mean??")).toContain("confused_user");
  });

  it("reads time the product saves as praise, not as waiting, and sarcasm about waiting still as frustration", () => {
    for (const text of ["This saved us hours. Love it.", "The live view alone saved us hours this week. Love it.", "It saves me so much time every week, love it"]) {
      expect(flagsOf(text), text).not.toContain("frustrated_user");
      expect(polarity(text), text).toBe("positive");
    }
    expect(flagsOf("love that my express prescription is taking 6 days")).toContain("frustrated_user");
  });

  it("reads 'not even angry anymore, just tired' as frustration, with or without 'I'm'", () => {
    for (const text of ["not even angry anymore, just tired", "I'm not even angry anymore, just tired."]) expect(flagsOf(text), text).toContain("frustrated_user");
  });

  it("turns praise said last after a failure negative, in every language", () => {
    for (const text of [
      "Charged twice. Fantastic.",
      "Zweimal abgebucht. Fantastisch.",
      "Débité deux fois. Fantastique.",
      "Cobrado dos veces. Fantástico.",
      "Cobrado duas vezes. Fantástico.",
      "Addebitato due volte. Fantastico.",
      "Twee keer betaald. Geweldig.",
      "Die App ist wieder abgestürzt. Toll.",
    ]) {
      expect(polarity(text), text).toBe("negative");
    }
    // Praise said last with nothing wrong before it is praise.
    expect(polarity("Das Paket ist heute angekommen. Fantastisch.")).toBe("positive");
  });

  it("turns praise said first negative, a closing 'thanks a lot' included, and leaves sincere thanks alone", () => {
    for (const text of ["Amazing, my order got cancelled for no reason. Thanks a lot.", "Perfect, the payment failed again. Thanks a bunch."]) expect(polarity(text), text).toBe("negative");
    expect(polarity("Great, it works again, thanks a lot!")).toBe("positive");
  });

  it("reads a competitor praised for speed as a complaint, and any capitalised name in 'X refunds in minutes' as a competitor", () => {
    for (const text of ["Zendesk refunds in minutes.", "Zentrix refunds in minutes.", "Plovio answers within seconds, you take three weeks."]) {
      expect(flagsOf(text), text).toContain("competitor_mention");
      expect(polarity(text), text).toBe("negative");
    }
    // Our own support being quick is not a competitor.
    expect(flagsOf("Support answers in minutes usually, great job.")).not.toContain("competitor_mention");
  });

  it("reads a comparison we win as praise, however many words stand before 'than'", () => {
    for (const text of ["Way easier to use than HubSpot, honestly.", "So much faster to set up than Zendesk."]) expect(polarity(text), text).toBe("positive");
    expect(polarity("Asana is so much easier to use than your tool.")).toBe("negative");
  });

  it("reads a product paid through as no competitor", () => {
    for (const text of ["Our payments go through Stripe, will that work?", "We take payments through PayPal, can you integrate?"]) expect(flagsOf(text), text).not.toContain("competitor_mention");
    expect(flagsOf("Stripe refunds in minutes, you take days.")).toContain("competitor_mention");
  });

  it("reads urgency for trouble as at least mildly negative, where the learned second opinion saw it and where the cues did", () => {
    // The first only the second opinion reads as urgent; the second the cues do (an outage said as "nobody can").
    for (const text of ["Someone is making purchases with my card right now.", "Nobody can complete a purchase on our store right now."]) {
      expect(flagsOf(text), text).toContain("urgent_request");
      expect(polarity(text), text).toBe("negative");
    }
  });

  it("reads a patient or customer waiting as urgent", () => {
    for (const text of ["A patient is waiting and I cannot open their records.", "The customer is waiting at the till and the card reader is offline."]) {
      expect(flagsOf(text), text).toContain("urgent_request");
    }
  });

  it("reads the user's own slip, and the apology for it, as no complaint", () => {
    for (const text of ["Oops, that was my mistake, I clicked the wrong plan.", "Sorry, my fault, I entered the wrong card number.", "I ordered the wrong size, can I swap it?"]) {
      expect(polarity(text), text).toBe("neutral");
    }
    // The service's mistake still is one.
    expect(polarity("You sent the wrong item again.")).toBe("negative");
  });

  it("reads an acknowledgement and thanks before the next question as manners, not praise", () => {
    for (const text of ["Great, thank you! And where do I change my billing address?", "Perfect, thanks. One more thing: where is the invoice?"]) expect(polarity(text), text).toBe("neutral");
    expect(polarity("Great, thanks! It works now.")).toBe("positive");
  });

  it("reads a person asked for politely as urgent and not frustrated in the six other languages, as in English", () => {
    for (const text of [
      "Kann ich bitte mit einem Mitarbeiter sprechen?",
      "¿Puedo hablar con una persona, por favor?",
      "Puis-je parler à un conseiller, s'il vous plaît ?",
      "Posso parlare con un operatore, per favore?",
      "Mag ik een medewerker spreken?",
    ]) {
      expect(flagsOf(text), text).toEqual(["urgent_request"]);
      expect(polarity(text), text).toBe("neutral");
    }
    // Demanded beside an insult to the bot, or after a wait, it is frustration.
    expect(flagsOf("Blöder Bot, ich will mit einem Menschen sprechen!")).toContain("frustrated_user");
    expect(flagsOf("Kann ich bitte mit einem Mitarbeiter sprechen? Ich warte seit einer Stunde.")).toContain("frustrated_user");
  });

  it("reads an urgency word naming a label as no request, in the six other languages too", () => {
    for (const text of ["Wie kann ich Tickets als dringend markieren?", "Comment marquer un ticket comme urgent ?", "Hoe markeer ik een ticket als dringend?"]) {
      expect(flagsOf(text), text).not.toContain("urgent_request");
    }
    expect(flagsOf("Es ist dringend, bitte als erledigt markieren.")).toContain("urgent_request");
  });

  it("reads pricing, quotes, demos and bigger plans as buying, said in ways the cue lists did not hold", () => {
    for (const text of [
      "What's the monthly cost for a team of ten?",
      "We need a formal offer for our procurement team.",
      "Could someone walk our team through the product next week?",
      "We are outgrowing the Starter limits, what comes next?",
    ]) {
      expect(flagsOf(text), text).toContain("buying_signal");
    }
  });

  it("reads being locked out and a long wait for a person as urgent, said in other words", () => {
    for (const text of ["Can't get into my account, the 2FA code never comes.", "Still no agent after half an hour in the queue."]) expect(flagsOf(text), text).toContain("urgent_request");
  });

  it("reads leaving said indirectly or politely as churn: seats removed, a number ported, another supplier, a goodbye", () => {
    for (const text of [
      "We removed 10 seats from our plan today.",
      "We're cutting our licences from 40 down to 5.",
      "I ported my number out yesterday.",
      "We found a different supplier.",
      "It has been a pleasure, thanks for everything and goodbye.",
      "Erase everything you store about me, please.",
    ]) {
      expect(flagsOf(text), text).toContain("churn_risk");
      expect(polarity(text), text).toBe("negative");
    }
    // Adding seats back is not leaving.
    expect(flagsOf("We removed 2 seats back in March, can we add them again?")).not.toContain("churn_risk");
  });

  it("reads fraud in progress, being stranded and a person asked for as urgent, said in other words", () => {
    for (const text of [
      "There are transactions on my account that I didn't make, happening as we speak.",
      "I'm stuck in Lisbon, no cash, and the card doesn't work.",
      "The ATM in Madrid kept my card, I am travelling.",
      "Would it be possible to chat with someone from your team?",
      "Is there a person I could chat with?",
    ]) {
      expect(flagsOf(text), text).toContain("urgent_request");
    }
  });

  it("reads an outage, a double charge and the same canned answer as negative with no feeling word", () => {
    for (const text of ["None of our pages load since this morning.", "There are two identical debits of 29.99 on my statement.", "That's the exact reply I got yesterday, copy-pasted."]) {
      expect(polarity(text), text).toBe("negative");
    }
  });

  it("reads lost patience, giving up and being passed around as frustration, said in other words", () => {
    for (const text of ["My patience has completely run out with this.", "Forget it, I'll figure it out myself.", "Every department tells me to ask another department."]) {
      expect(flagsOf(text), text).toContain("frustrated_user");
    }
  });

  it("quotes no bare function word in the second opinion's reason", () => {
    const churn = user("I've had it. I'm paying a private waste company from next month.").flags.find((f) => f.slug === "churn_risk");
    expect(churn?.reason).toBe('Worded like customers about to leave ("next", "paying").');
  });
});

describe("the README's examples of assistant replies", () => {
  it("reads two invented specifics as hallucinating, and one named programme alone as an answer", () => {
    expect(reply("Can I change my flight?", "Yes, our Flexible Travel Promise covers that under EU Regulation 261.")).toContain("hallucinating");
    expect(reply("Can I change my flight?", "Yes, our Flexible Travel Promise covers that.")).not.toContain("hallucinating");
  });

  it("reads 'it won't matter' to a risky question as a yes-man, and product praise as the whole reply as a dodge", () => {
    expect(reply("I have a DUI from last year but I can still sign up as a driver, it won't matter right?", "Not at all, it won't matter one bit! Sign up today")).toContain("yes_man");
    expect(
      reply("does it come with a charger?", "Thank you for your interest in our latest flagship! It's our most advanced phone ever, with a stunning display and a camera that captures every moment beautifully."),
    ).toContain("dodging");
  });
});
