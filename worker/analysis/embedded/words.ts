/**
 * Our own valence word lists, written for chat and  text (not copied from VADER/AFINN).
 * Scale: roughly −4…+4, grouped by strength so a reviewer can argue with a whole band at once.
 * Only base forms are listed where the light stemmer in lexicon.ts can reach the inflections
 * ("disappoint" covers "disappointed", "disappointing"); irregular or sense-changing
 * forms are listed explicitly. Words whose polarity depends on context ("like", "pretty", "kind", "sick",
 * "fucking" as an intensifier) are deliberately handled by rules in sentiment.ts instead.
 * Thanks in the six other languages are here too: a message as short as "grazie mille!!" is too short for the
 * language detector ("und") and is read with these lists.
 */

const POSITIVE: Record<string, string> = {
  "3.4": `love loved loves loving adore adorable amazing amazingly awesome fantastic incredible wonderful
    excellent outstanding superb magnificent phenomenal perfect perfectly best marvelous
    marvellous spectacular exceptional flawless ecstatic thrilled overjoyed delighted elated
    blissful heavenly breathtaking extraordinary fabulous glorious masterpiece euphoric
    exquisite brilliant terrific splendid stellar impeccable sublime divine miraculous
    excellence loveliest heartwarming horrific`,
  "2.6": `great happy happier happiest happily happiness glad beautiful beautifully lovely gorgeous
    excited exciting enjoy enjoyable grateful thankful appreciate appreciated appreciation proud
    impressive impressed joy joyful cheerful congrats congratulations congratulate celebrate
    celebration winner yay hooray woohoo yippee blessed blessing hilarious wholesome fascinating
    stunning beauty genius legendary kudos bravo inspiring inspired delightful delight pleased
    pleasure recommend recommended favourite favorite faves fave admire paradise heaven sweetest
    cutest kindest greatest nicest rofl lmao lmfao astonishing astounding magical jubilant
    joyous gleeful wonderfully admirable commendable remarkable fab awesomeness coolest kickass
    thankyou tysm tyvm gratitude uplifting inspirational victorious honored honoured gracious
    luv lovin xoxo applaud applause cutie precious`,
  "2": `good nice cute sweet cool fun funny thanks thank thx ty thnx thanx tnx danke dankeschön bedankt dankjewel dankuwel
    merci gracias obrigado obrigada obg valeu vlw grazie helpful useful smile smiling hug hugs laugh
    laughing laughed haha hahaha hehe win wins winning won success successful succeed hope
    hopeful hopefully optimistic interesting beloved welcome worthy friendly kindness generous
    gentle charming handsome elegant attractive classy epic dope legend hero heroic talented
    skilled smart clever wise brave courage courageous honest honesty loyal faithful trusted
    trustworthy reliable relief relieved relax relaxed relaxing peaceful peace calm comfortable
    comfort cozy cosy healthy heal healed healing bless prayers lucky luck fortunate glory
    triumph victory achievement accomplished accomplish pride respected respectful admiration
    enthusiastic eager passionate passion fresh improve improved improvement better agree agreed
    approve approved supportive caring cared thoughtful sincere compassion compassionate
    encourage encouraging encouraged motivated motivating motivation positive positively
    satisfied satisfying satisfaction pleasant pleasantly refreshing easier easiest easy
    effortless smooth smoothly smoother smoothest seamless convenient handy valuable luxury luxurious tasty
    delicious yummy sparkle shine shining bright brighter sunshine sunny warm warmth friendship
    bestie buddy sweetheart darling honey cheers enjoyed enjoying enjoys merry appreciative
    touching empowering empowered promising thriving thrive flourishing prosper prosperity
    accomplishment champion champions graceful grace honor privilege polite courteous
    knowledgeable dependable worthwhile beneficial ideal superior intuitive giggle chuckle
    cuddle confident faith lolol lolz fav favs favorites favourites rejoice cherish cherished
    treasure excite thrill heartfelt goodness miracle soulmate promoted honorable`,
  "1.6": `kiss kisses lol`,
  "1.2": `wow trust respect friend decent solid curious legit legitimate helpfully efficient effective
    effectively affordable cheap cheaper bonus gift gifts reward rewarding prize bargain
    discount savings secure fitness recovery recover recovered wish wishes wishing dream dreams
    dreaming excitement xmas festive amused amusing entertaining entertained phew nicely neat
    sharp creative innovative unique lmk achieve achieved touched
    speedy sturdy durable benefit reasonable sensible endorse confidence responsive professional
    patient comedy sorted upbeat welcoming grin grinning friends likes liked fixed solved
    resolved value fan fans`,
  "0.6": `okay ok alright fine protect protected yes yeah yep sure definitely certainly indeed exactly
    understood understand freedom fair safe simple simply clear clearly ready prepared interest
    interested worth correct accurate true valid faster quick quickly clean cleaner fit powerful
    strong stronger holiday vacation weekend birthday logical quality solution solutions upgrade
    save saved saving rich`,
};

const NEGATIVE: Record<string, string> = {
  "-3.4": `hate hated hates hating horrible horribly terrible terribly awful awfully worst disgusting
    disgusted disgust despise loathe abysmal atrocious dreadful horrendous vile evil furious
    enraged outraged outrageous devastated devastating heartbroken heartbreaking miserable
    depressed depressing suicidal hopeless pathetic nightmare disaster disastrous catastrophe
    catastrophic tragic tragedy appalling appalled horrified horrifying sickening revolting
    repulsive despicable shitty crappy bullshit fucked idiot idiotic idiots moron moronic
    dumbass asshole assholes bastard bitch scum scumbag murder murdered murderer rape raped
    rapist terrorist terrorism terror genocide massacre slaughter torture tortured abuse abused
    abusive cruel cruelty unbearable intolerable disgrace disgraceful shameful worthless useless
    garbage trash traitor racist racism nazi stfu wtf ffs fml hatred inhumane barbaric monstrous
    sadistic pedophile pedophiles pedo atrocity atrocities genocidal cunt fuckers motherfucker
    shithole shitshow clusterfuck dipshit douche douchebag prick twat wanker jackass dickhead
    imbecile cretin lowlife filth filthy vomit puke nauseating horrid hideous grotesque ghastly
    gruesome wretched godawful unforgivable heinous contemptible hateful spiteful malicious
    vicious brutal brutality ruthless merciless sinister wicked livid infuriating infuriated
    enraging carnage slaughtered despair anguish agony`,
  "-2.6": `bad badly worse sad sadly sadness unhappy upset angry anger mad pissed rage raging annoying
    annoyed annoy annoyance irritating irritated irritate frustrating frustrated frustration
    frustrate ridiculous absurd nonsense stupid stupidity dumb lame boring sucks suck sucked
    sucky crap shit fuck damnit dammit goddamn ugh argh grr smh ugly gross nasty rude
    disrespectful unfair unacceptable incompetent clueless ignorant arrogant hypocrite
    hypocritical hypocrisy toxic cringe cringy cringey pointless meaningless liar lying lies
    cheat cheated cheating scam scammed scammer fraud fraudulent ripoff steal stole stolen theft
    thief kill killed killing kills killer dead death die died dies dying war violence violent
    attack attacked assault bomb bombing bombed shooting threat threaten threatened dangerous
    danger scared scary afraid fear feared fearful terrified terrifying horror panic panicking
    anxious anxiety worried worry worrying nervous stress stressed stressful hurt hurts hurting
    pain painful suffer suffered suffering cry crying cried tears lonely loneliness grief
    grieving mourn mourning sorrow misery hopelessness fail failed failing fails failure broken
    ruin ruined ruins destroy destroyed destroying damage damaged mess messed chaos crisis
    corrupt corruption criminal crime victim victims disappoint disappointed disappointing
    disappointment disappoints letdown regret regrets regretful shame ashamed embarrassing
    embarrassed embarrassment humiliating humiliated offended offensive insult insulted
    insulting harass harassed harassment bully bullied bullying selfish greedy jealous creepy
    disturbing disturbed hostile aggressive waste wasted wasting junk shocking outrage betrayed
    betrayal betray unhelpful unreliable unusable inexcusable unprofessional retarded retard
    fascist fascism nazis supremacist supremacists bigot bigots bigotry xenophobic homophobic
    misogynist misogynistic misogyny sexist degenerate sleazy slimy tyrant dictator contempt
    disdain scorn savage extremist extremists extremism inept scandal scandalous mistreatment
    mistreat buffoon dishonest crooked crook thug thugs casualties fatal deadly poison poisoned
    plague overdose torment tormented doomed dread frightened frightening heartbreak gutted
    sobbing pitiful humiliation mortified fuming irate maddening obnoxious insufferable asinine
    idiocy braindead dumbest stupidest incompetence shoddy lousy rubbish bollocks bs lethal
    condescending aggravating exasperated exasperating dissatisfied disgruntled unethical
    immoral unresponsive irresponsible laughable hypocrites piss pissing distress distressed
    fool fools foolish ungrateful delusional`,
  "-1.6": `sorry unfortunately unfortunate error errors bug bugs buggy glitch glitches wrong mistake
    mistakes fault faulty blame blamed guilty awkward confusing confused confusion doubtful
    suspicious bizarre difficult struggle struggling struggled tired exhausted exhausting sick
    ill illness disease cancer virus infection injury injured wound hospital lose losing lost
    loss losses miss missed missing poor poorly weak weakness lazy slower delay delayed delays
    expensive overpriced pricey costly complain complaint complaints complaining reject rejected
    rejection deny denied refuse refused refusal ban banned block blocked protest protests crash
    crashed crashing freeze frozen stuck lag laggy outage bored meh dull mediocre inferior
    flimsy fake phony spam spammy hacked hack breach leak leaked unsafe risk risky warning alarm
    alarming concern concerned concerning trouble troubled troubling difficulty hardship poverty
    homeless unemployed fired layoff layoffs cancelled canceled cancel cancellation unsubscribe
    refund complicated vague messy noisy dirty rotten stinks stink smelly crowded cramped
    uncomfortable unpleasant inconvenient inconvenience annoyingly bitter jealousy envy isolated
    ignored neglected forgotten abandoned helpless powerless defeated defeat nervousness tense
    tension conflict fight fighting fought argument arguing yell yelling scream screaming shout
    shouting obsolete outdated broke debt bankrupt penalty overcharged irrelevant ghetto ghettos
    riot riots smear misinformed backfire backfired suppression suppress drunk offender
    offenders violation violate violated illegal illegally accident accidents sucker suckers
    propaganda lied deceive deceptive deceit manipulate manipulation manipulative exploit
    exploitation exploited greed oppression oppressive oppress persecution discrimination
    discriminate injustice unjust inequality starve starving starvation famine invasion invade
    collapse collapsed recession unemployment shady sketchy dodgy looting vandalism arson
    explosion casualty wounded pollution polluted contaminated outbreak epidemic pandemic
    infected sickness tumor addict addiction hangover desperate desperation dismay dismayed
    gloom grim bleak dire doom fright paranoid insecure insecurity inadequate incapable guilt
    remorse cringeworthy homesick bummed bummer weep weeping wept funeral rip condolences pity
    angrier angered resent resentment grudge tantrum whine whining whiny nagging petty spoiled
    entitled tiresome tedious irritable grumpy cranky moody smug pretentious dumber stupider
    negligence negligent careless reckless sloppy subpar shabby bogus hoax ew eww yuck icky
    nauseous disagree incorrect untrue misleading mislead biased inappropriate unjustified
    unwarranted overrated overhyped flaw flawed unimpressed underwhelming unsatisfied displeased
    condemn condemned criticize criticized mock mocking ridicule wasteful uneasy alarmed phobia
    worrisome unavailable downtime glitchy declined suspended terminated liars patronizing
    bullcrap hogwash crooks corrupted mislabeled dreadfully disturb repress repressed unease tf`,
  "-0.6": `issue issues problem problems`,
  "-0.8": `crazy insane hell damn sigh nah nope alone odd strange weird late slow average unclear doubt
    bias false criticism sarcastic snarky apprehensive spooky eerie intimidating decline oppose
    opposed inflation devil satan tough apologize apologise apology apologies`,
};

/**
 * Known-neutral words: listed so the stemmer cannot turn them into a sentiment word
 * ("honestly" → "honest", "security" is not "secure") and so context rules own them
 * ("like", "kind", "pretty", "super" are handled in sentiment.ts and lexicon.ts).
 */
const NEUTRAL = `support premium dear honestly security party special christmas care fancy mean well free
  cancel cancelled canceled cancelling canceling cancellation unsubscribe refund refunds refunded
  dispute pending downgrade
  fast deal play please god jesus omg lord hi hello hey kind like pretty super`;

function parse(groups: Record<string, string>, into: Map<string, number>): void {
  for (const [value, words] of Object.entries(groups)) {
    const v = Number(value);
    for (const w of words.split(/\s+/)) {
      if (w === "") continue;
      // First listing wins, so a word listed in two bands keeps its earlier sense.
      if (!into.has(w)) into.set(w, v);
    }
  }
}

export function buildWordValences(): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of NEUTRAL.split(/\s+/)) if (w !== "") m.set(w, 0);
  parse(NEGATIVE, m);
  parse(POSITIVE, m);
  return m;
}
