/**
 * Which kind of negativity a word carries. Sentiment alone cannot tell a frustrated user from a
 * sad one ("my dog died" and "this is useless" are both negative); frustration is negativity aimed
 * outward — at the product, the bot, someone — so we keep two small word sets:
 *  - ANGER: words that name or perform anger, annoyance, contempt (evidence for frustrated_user);
 *  - INWARD: sadness, fear, grief, guilt (negative, but not frustration).
 */

const ANGER_GROUPS: readonly (readonly [number, string])[] = [
  [
    0.8,
    `angry angrier anger angered furious fuming livid irate enraged enraging outraged outrage
    rage raging pissed infuriating infuriated infuriates maddening wtf ffs stfu fuck fucks fucking
    fucked fuckin fuckers motherfucker bullshit hate hated hates hating dammit damnit goddamn
    asshole assholes bastard bastards bitch cunt idiot idiots idiotic moron morons moronic dumbass
    imbecile stupid stupidity stupidest dumb dumbest annoying annoyed annoys annoy annoyance
    annoyingly irritating irritated irritates frustrating frustrated frustration frustrates
    ridiculous absurd pathetic unacceptable incompetent incompetence useless worthless garbage
    disgusting disgusted disgrace disgraceful ugh argh grr smh aggravating exasperating
    exasperated obnoxious insufferable asinine braindead retarded`,
  ],
  [
    0.55,
    `shit shitty crap crappy bs rubbish trash lame nonsense jerk jerks rude disrespectful arrogant
    clueless ignorant liar liars hypocrite hypocrites hypocritical selfish greedy entitled toxic
    cringe awful terrible horrible worst scam scammers ripoff sucks suck sucked sucky laughable
    dishonest corrupt unfair inexcusable unprofessional unhelpful unresponsive condescending
    patronizing bogus lousy shoddy pointless whining whiny petty fool fools foolish ungrateful
    delusional frick fricking freaking disappointing disappointed disappointment`,
  ],
  // Mild swearing is as often emphasis ("sexy as hell", "damn good") as annoyance.
  [0.35, `damn hell tf bloody heck`],
];

/** Swearing stays rude under negation ("they don't pay shit"), unlike "not stupid". */
export const PROFANITY = new Set(
  `fuck fucks fucking fucked fuckin shit shitty crap crappy bullshit wtf ffs stfu hell damn goddamn
  dammit damnit bs`.split(/\s+/),
);

export const ANGER_TERMS = new Map<string, number>();
for (const [w, list] of ANGER_GROUPS) for (const word of list.split(/\s+/)) if (word !== "") ANGER_TERMS.set(word, w);

export const INWARD_TERMS = new Set(
  `sad sadly sadness unhappy cry crying cried cries tears lonely loneliness alone grief grieving
  mourn mourning miss missed missing misses lost loss losses depressed depression depressing
  hopeless heartbroken heartbreak heartbreaking miserable misery sorrow hurt hurts hurting pain
  painful sorry regret regrets afraid scared fear feared terrified terrifying anxious anxiety
  nervous nervousness worried worry worrying stress stressed stressful tired exhausted sick ill
  illness disease cancer death dead die died dies dying funeral rip condolences pity embarrassed
  embarrassing ashamed shame guilt guilty remorse homesick bummed gutted devastated devastating
  suffer suffering suffered unfortunately unfortunate panic scary frightened frightening dread
  despair anguish agony injured injury hospital poor tragic tragedy victims victim mortified
  awkward apologize apologise apology apologies insecure uneasy unease doubt weep wept sob
  sobbing broke alone homeless`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/**
 * Upper-case tokens that are names, not shouting. Only needed for the "written in capitals"
 * cue, which looks at 3+ letter words.
 */
export const ACRONYMS = new Set(
  `ASAP USA FBI CIA CEO CTO CFO API URL FAQ PDF SMS OTP PIN ATM USD EUR GBP NFL NBA NHL MLB TV UK US
  EU UN NASA NATO IRS DMV HR IT PC PS4 PS5 GPU CPU RAM SSD USB HTML CSS JSON SQL AWS GCP AI ML LOL
  LMAO OMG WTF IMO IMHO TBH BTW FYI DM PM AM EST PST GMT UTC VPN IP ID SSN DOB VIP CEO NYC LA BBC
  CNN GOP DNC MSNBC NPR ESPN KPI ROI SEO SAAS CRM ERP SLA TOS GDPR IBAN BIC SWIFT ACH APR`
    .split(/\s+/)
    .filter((w) => w !== ""),
);
