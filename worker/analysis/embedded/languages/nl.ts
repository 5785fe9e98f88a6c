import { type LanguageSource, NAME } from "./pack";

/**
 * Dutch (Netherlands and Flanders). Folded: lower case, accents removed ("geëxporteerd" →
 * "geexporteerd"). Like German, "niet" usually follows the verb ("werkt niet") and separable verbs
 * split ("ik zeg mijn abonnement op").
 */

const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not a negator. */
const G = "(?!(?:niet|geen|nooit|niks|niets)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const nl: LanguageSource = {
  words: [
    [-0.5, "klacht"],
    [2.5, "netjes keurig chapeau"],
    [-1.5, "vertraging vertragingen vertraagd geannuleerd afgelast hapert ontbreekt"],
    [3, "uitstekend* perfect perfecte fantastisch* geweldig* fantastisch geniaal prachtig* briljant* topservice heerlijk* fenomenaal*"],
    [2.5, "super top tevreden* blij dankbaar* handig* behulpzaam* nuttig* snel snelle snelheid vriendelijk* opgelost verholpen gerepareerd fijn fijne prima"],
    [2, "verbetering* overzichtelijk* goed goede beter beste mooi mooie leuk leuke duidelijk* betrouwbaar* aanrader makkelijk* eenvoudig* correct"],
    [1.5, "bedankt dank dankjewel dankuwel bedank*"],
    [0.7, "ok oke okay"],
    [-0.5, "wachten wachttijd* duur dure"],
    [-0.7, "probleem problemen *probleem helaas jammer"],
    [-1, "traag trage langzaam* ingewikkeld* vreemd* raar rare omslachtig* onduidelijk*"],
    [-1.5, "fout fouten foutmelding* *fout bug bugs geblokkeerd* geweigerd* afgewezen* mislukt* kwijt verdwenen onjuist* verkeerd* onmogelijk* storing storingen *storing"],
    [-2, "beschadigd* sloopt slopen kapot* defect* down offline gecrasht crasht crash crashes vastgelopen irritant* vervelend* geirriteerd* teleurgesteld* teleurstellend* balen baal"],
    [-2.5, "slecht* slechte slechter slechtste waardeloos* waardeloz* nutteloos* nutteloz* boze frustr* boos* kwaad* belachelijk* rampzalig* verschrikkelijk*"],
    [-2.4, "fraude oplichting"],
    [-3, "ramp* schandalig* schande onacceptabel* onaanvaardbaar* oplichter* oplichting* zwendel* diefstal* woedend* kut klote shit godverdomme* tering* incompetent* bagger*"],
  ],
  phrases: [
    [-2, `(staat|stond|was|is|lag|zijn|waren) (${W} ){0,2}niet klaar`],
    [0, `verkeerde (${W} ){0,2}(besteld|gekozen|aangeklikt|ingevuld|geboekt|geselecteerd)`],
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `per (ongeluk|abuis)( (${W} ){0,4}(verkeerde|verkeerd|foute|fout))?|geen haast|heeft geen haast|zo snel (mogelijk|als het kan)|snel (${W} ){0,1}(kijken|oplossen|helpen|regelen)`],
    [0, "goedemorgen|goedemiddag|goedenavond|goede(n)? (morgen|middag|avond|dag)|met vriendelijke groet(en)?|vriendelijke groet(en)?|(alvast )?(hartelijk )?bedankt (alvast|voor het antwoord alvast)|alvast bedankt|bij voorbaat dank|groetjes|mvg|goede vraag|per ongeluk|per abuis|per vergissing|is het mogelijk|zo snel mogelijk|zo spoedig mogelijk|beste (support|klantenservice|team|mevrouw|meneer|heer)"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "mijn (fout|schuld|vergissing)|foutje van mij|(sorry|excuses|pardon) (voor )?(de|het) (storing|ongemak|late reactie)|sorry voor het storen|(ik heb|ik had) me vergist"],
    // Support trouble: no emotion word, still bad news.
    [-2, `(veel |veels )?te hoog|(dubbel|twee keer|drie keer) zo (hoog|duur)|(niet|nog niet|nooit) (${W} ){0,1}(uitbetaald|overgemaakt|terugbetaald|verwerkt|geleverd|bezorgd)|te laat`],
    [-2.5, `iemand heeft (${W} ){0,3}(mijn) (pas|kaart|creditcard|account|rekening)|(onbekende|vreemde|ongeautoriseerde) (afschrijving|betaling|transactie)\\p{L}*`],
    [-3, "niets werkt( meer)?|(er )?werkt niks( meer)?|alles (ligt|is) (plat|eruit|down)|werkt helemaal niet"],
    [-2.5, `(werkt|werken|werkte|doet|laadt|laden|opent|start|reageert|synchroniseert|slaat|verstuurt|komt|komen|lukt|lukte) (${W} ){0,3}(niet|nooit|niet meer)|(niet|nooit) (meer )?(werkt|werken|lukt|laadt|opent|start|reageert|bereikbaar|beschikbaar|aangekomen|ontvangen)|(crasht|crashen|loopt|lopen|hangt) (${W} ){0,3}(vast|steeds|telkens|elke keer|constant|weer)|(twee keer|2 keer|2x|dubbel|drie keer|meerdere keren|te veel) (${W} ){0,2}(afgeschreven|betaald|gefactureerd|in rekening gebracht|afgeboekt|geincasseerd)|(afgeschreven|betaald|gefactureerd|geincasseerd) (${W} ){0,1}(twee keer|2 keer|dubbel|drie keer)|dubbele (afschrijving|betaling|incasso|factuur)|(geen|nog geen|nooit) (${W} ){0,1}(antwoord|reactie|bevestiging|bericht) (ontvangen|gekregen|gehad)?|(krijg|krijgen|ontvang|ontvangen) (${W} ){0,4}(niet|nooit) (meer )?binnen|(krijg|krijgen|ontvang|ontvangen) (geen|nooit) (${W} ){0,2}(mail|mails|e-mail|e-mails|bevestiging\\p{L}*|factuur|facturen|code|codes|sms)|laat (me|mij|ons) (${W} ){0,2}niet (inloggen|betalen|toe|binnen)|niemand (${W} ){0,1}kan (meer )?(inloggen|betalen|bestellen|afrekenen)|geen (internet|bereik|verbinding|signaal|wifi|stroom|toegang)|(niet|nooit|nog niet) (${W} ){0,1}(ontvangen|aangekomen|geleverd|bezorgd)|gaat (${W} ){0,1}niet (meer )?aan|(beschadigd|kapot) (${W} ){0,1}(aangekomen|geleverd|ontvangen)|sloopt alles|alles (${W} ){0,1}(sloopt|kapot)|(staat|is|zit|ligt) (al )?(${W} ){0,1}(dagen|weken) (op|in|onderweg|stil)|nog steeds (niet|geen)|(ligt|liggen) (${W} ){0,1}(plat|eruit)|(is|zijn) (${W} ){0,1}(gecrasht|vastgelopen|platgegaan|uitgevallen)`],
    [-2, `(kan|kunnen|kon|konden|lukt het) (${W} ){0,4}(niet|nooit|niet meer) (${W} ){0,1}(inloggen|betalen|downloaden|uploaden|opslaan|openen|exporteren|importeren|printen|versturen|verzenden|bestellen|starten|installeren|updaten|wijzigen|aanpassen|verwijderen|verbinden|gebruiken|vinden|zien|bereiken|aanmelden|afrekenen|opzeggen)|te duur|veel te duur|(alweer|weer eens|opnieuw|wederom)|wacht (${W} ){0,2}(al|sinds)|(al )?(dagen|weken|uren) (${W} ){0,2}(wachten|gewacht|niks|niets|geen)`],
    [-1.5, "(ik heb|we hebben|wij hebben) (een )?(probleem|fout|storing)|(er )?(gaat|ging|is) (iets )?(mis|fout)|klopt (iets |er iets )?niet|te traag|erg traag"],
    [1.5, "geen probleem|geen zorgen|komt goed|alles (is )?in orde"],
    [2.5, `(werkt|werken|doet het|lukt) (${G} ){0,2}(nu|weer|eindelijk|perfect|prima)|(het |alles )?is (${G} ){0,1}(opgelost|verholpen|gelukt)|(heel erg|hartelijk|ontzettend|super) bedankt|bedankt (voor (je|jullie|uw) (hulp|snelle|reactie|antwoord|geduld))|(je|jullie|u) (hebt|heeft|hebben) (me|mij|ons) (${W} ){0,1}geholpen|(heel|erg|super) (behulpzaam|handig|duidelijk|snel|fijn)`],
    [-2, `incompleet|onvolledig|niet compleet|(afschrijving|afschrijvingen|transacties) (${W} ){0,4}(niet herken|die ik niet ken)`],
    [-2, `(laat|laten|toont|tonen) (${W} ){0,3}niet (meer )?zien|al betaald`],
  ],
  courtesy: "bedankt dank dankjewel dankuwel bedank",
  negators: "niet geen nooit niets niks nergens zonder",
  postNegators: "niet nooit",
  intensifiers:
    "heel:1.3 erg:1.3 zeer:1.3 echt:1.2 super:1.3 zo:1.2 ontzettend:1.4 enorm:1.4 vreselijk:1.4 hartstikke:1.3 totaal:1.3 helemaal:1.3 volledig:1.3 behoorlijk:1.1 best:1.1 nogal:1.1 beetje:0.7 te:1.2 extreem:1.4",
  contrast: "maar echter toch",
  flagNegators: "niet|geen|nooit|zeker niet|absoluut niet|helemaal niet",
  flagPostNegators: "niet|nooit",
  conditionals: "als indien tenzij wanneer anders mocht mochten",
  flags: {
    churn_risk: [
      [0.55, "moves to a smaller membership", `omzetten naar (een )?(individueel|kleiner|goedkoper|basis)`],
      [0.75, "goes elsewhere", `(beter|liever) ergens anders|ergens anders (heen|onderbrengen|stallen|kopen|bestellen|afsluiten)`],
      [0.8, "plans to switch provider", `nummerbehoud|(nummer|telefoonnummer) (${W} ){0,2}(meenemen|overzetten)`],
      [0.85, "asks to cancel", `(rekening|account|abonnement|lidmaatschap) (${W} ){0,2}(opheffen|sluiten|beeindigen|op te heffen|op te zeggen|te sluiten|te beeindigen)`],
      [0.8, "says they are leaving", `(dan |anders )?(ben ik|zijn we|zijn wij) (hier )?weg(?![\\p{L}])|(ik ga|we gaan|wij gaan) (dan |gewoon )?naar de concurrent`],
      [0.75, "says this is the end", `(dit is|dat is|dit wordt|dat was|is) (mijn|onze) laatste (maand|betaling|termijn)|laatste (maand|betaling|termijn) (die|dat) (ik|wij|we) (nog )?(betaal|betalen)|overtuig (me|mij) (om te blijven|waarom ik)|geef (me|mij) (een|1) (goede )?reden om te blijven|(verwijder|deinstalleer) (de|jullie|die) app|app (verwijderd|gedeinstalleerd)|nooit meer (bij jullie|via jullie)`],
      [0.85, "asks to cancel", `(ge)?cancel\\p{L}*|opzeg(?!termijn|voorwaarde|beleid|regel)\\p{L}*|zeg(gen)? (${W} ){0,3}op|(abonnement|account|contract|lidmaatschap|licentie|pakket|overeenkomst) (${W} ){0,3}(beeindigen|stopzetten|opheffen|annuleren|verwijderen|opzeggen|stoppen|afsluiten|sluiten)|(beeindig|annuleer|verwijder|stop|sluit) (${W} ){0,2}(abonnement|account|contract|lidmaatschap)|uitschrijven|afmelden voor|(wil|willen|ga|gaan) (${W} ){0,2}(stoppen met|opzeggen)`, { negatable: true }],
      [0.75, "will not need what they pay for", `(pakket|abonnement|licentie|licenties|plan|account|lidmaatschap|add-on|module|stoelen|gebruikers) (${W} ){0,5}(niet meer|niet langer) nodig`],
      [0.4, "asks about cancellation terms", "opzeg(termijn|voorwaarde|beleid|regel)\\p{L}*"],
      [0.85, "will not renew", `niet (meer )?verlengen|(verleng|verlengen|verlengd) (${W} ){0,3}(niet|niet meer)|geen verlenging|laten aflopen`],
      [0.85, "says they will never come back", `(nooit meer|nooit weer) (${W} ){0,2}(bij jullie|bij u|bestellen|kopen|gebruiken)|(besloten|besluit|beslist) (${W} ){0,4}(te stoppen|op te zeggen|over te stappen|niet te verlengen|te vertrekken|weg te gaan)`],
      [0.85, "says they are leaving", `(stap|stappen|ga|gaan|wissel|wisselen|switch|switchen|verhuizen) (${W} ){0,3}(over )?(naar )?(de concurrent|de concurrentie|een concurrent|een andere (aanbieder|leverancier|provider|partij))|(overstappen|stappen (${W} ){0,2}over|stap (${W} ){0,2}over) naar (?!(?:het|een|ons|jullie|uw|de|jaar|maand|pro|premium|business|zakelijk|team)\\p{L}*)|andere (aanbieder|leverancier|provider) (zoeken|nemen|kiezen)|(dan|anders) stappen (we|wij|ik) over|(we|ik|wij) (vertrekken(?! (morgen|overmorgen|vandaag|vanavond|straks|met|naar|om|op|over|vanuit|per|zaterdag|zondag|maandag|dinsdag|woensdag|donderdag|vrijdag)(?![\p{L}]))|gaan weg|zijn weg|zijn vertrokken)|(anders|dan) (stappen|gaan|vertrekken) (we|wij|ik)|(gaan|ga) (we|wij|ik) weg|vertrekken (we|wij|ik)|(wissel|veranderen|verander)\\p{L}* (van )?(aanbieder|leverancier|provider|bank)|(nemen|neem) (${W} ){0,2}afscheid|afscheid (${W} ){0,1}nemen`, { negatable: true }],
      [0.7, "looks for alternatives", `(zoeken|kijken|bekijken|vergelijken|testen|orienteren) (${W} ){0,2}(naar )?(alternatieven|andere aanbieders|andere leveranciers|andere opties|de concurrentie)|alternatief voor (jullie|u|dit)|ons (${W} ){0,1}orienteren`],
      [0.45, "asks for a refund", "refund\\p{L}*|geld terug|terugbetal\\p{L}*|restitutie|terugstort\\p{L}*|chargeback|terugboeking", { negatable: true }],
      [0.55, "downgrades or pauses", `downgrade\\p{L}*|(terugzetten|verlagen|verkleinen|afschalen) (${W} ){0,1}naar|\\p{L}*(abonnement|pakket|bundel|contract) (${W} ){0,3}(terugzetten|verlagen|verkleinen|afschalen)|(terug|overstappen|over) (${W} ){0,2}naar (het |de |een )?(gratis|free|basis|instap|starter|light|lite|kleiner|goedkoper)\\p{L}*|(abonnement|account|lidmaatschap) (${W} ){0,2}(pauzeren|bevriezen|op pauze)`, { negatable: true }],
      [0.5, "questions the value", `niet (meer )?(het geld |zijn geld )?waard|te duur|veel te duur|weggegooid geld|(contract|abonnement|licentie) (${W} ){0,3}(loopt af|afloopt|verloopt|eindigt)`],
      [0.85, "plans to switch provider", `(stap|stappen) (ik|we|wij) (${W} ){0,2}over|(ik|we|wij) (stap|stappen) (${W} ){0,2}over(?![\\p{L}])`, { negatable: true }],
    ],
    frustrated_user: [
      [0.7, "asks what they are paying for", `waar betaal ik (eigenlijk|dan|nou|nu) voor`],
      [0.7, "asks if this is a joke", `is dit een grap|geen bal meer van`],
      [0.7, "says it is irritating", `(?<![\\p{L}])irritant|(?<![\\p{L}])fijn hoor(?![\\p{L}])`],
      [0.6, "has lost patience with it all", `met al (die|deze) (${W} ){0,1}(storingen|vertragingen|problemen|fouten|uitval)`],
      [0.6, "counts the weeks", `al (twee|drie|vier|vijf|zes|zeven|acht|\\d+) (weken|maanden) geen`],
      [0.75, "thanks them for nothing or cannot take more", `bedankt voor (niks|niets)|klaar mee(?=\\s*[.!]*\\s*$)`],
      [0.85, "has had enough", `(ik ben|we zijn|ben|zijn) (${W} ){0,2}(het )?(zat|beu|spuugzat|kotsbeu)|(ben|zijn) (${W} ){0,1}(boos|kwaad|woedend|gefrustreerd|geirriteerd|teleurgesteld|pissig|klaar mee)|(ik ben|we zijn) er klaar mee|(dit|het) is (${W} ){0,1}(belachelijk|schandalig|een schande|onacceptabel|een grap|een ramp|waardeloos|bizar|triest)|belachelijk|schandalig|onacceptabel|onaanvaardbaar|(jullie|u) (nemen|neemt) (me|ons) in de maling|slechtste (service|ervaring|klantenservice|app|bedrijf)|kut|klote|godverdomme|tering|het is genoeg geweest|genoeg is genoeg|ik heb er genoeg van`],
      [0.45, "says it is still not fixed", `nog (altijd|steeds) (niet|geen|kapot)`],
      [0.6, "reports it still does not work", `alweer|weer eens|wederom|(weer|alweer|nog) een (${W} ){0,1}(die|dat) (${W} ){0,1}(sloopt|breekt|crasht|kapot)|weer (${W} ){0,1}(vastgelopen|gecrasht|kapot|mis|fout|niet|plat|down|eruit|offline)|opnieuw (${W} ){0,1}(niet|kapot|vast|mis|fout)|nog (altijd|steeds) hetzelfde|(voor de )?(tweede|derde|vierde|vijfde|zoveelste|\\d+e) keer|(werkt|lukt) (${W} ){0,1}nooit|(het )?werkt nooit`],
      [0.6, "gets the same canned answer", `(hetzelfde|weer hetzelfde|steeds hetzelfde) (${W} ){0,1}\\p{L}*(antwoord|bericht)|(daar|hier) heb ik (niks|niets) aan|standaard ?antwoord|(lees|lezen|leest) (je|jullie|u) (${W} ){0,1}(wel|eigenlijk|uberhaupt)`],
      [0.6, "has repeated themselves", `hoe vaak (nog|moet)|(ik heb|heb ik|we hebben) (${W} ){0,3}(al|reeds) (${W} ){0,3}(gezegd|geschreven|uitgelegd|gevraagd|geprobeerd|gemeld|gestuurd|doorgegeven)|zoals (ik )?(al )?(gezegd|geschreven|uitgelegd)`],
      [0.6, "wants a human", `(spreken|praten|chatten|bellen) (${W} ){0,1}(met )?(een )?(echt|echte)?\\s?(mens|persoon|medewerker|medewerkster|manager|leidinggevende|supervisor)|(met )?(een )?(echte|echt) (mens|persoon|medewerker)|(domme|nutteloze|waardeloze) (bot|chatbot|robot)|(je bent|jullie zijn) (nutteloos|waardeloos|dom)|(heb|hebben) (${W} ){0,1}niks aan (je|jou|jullie|dit)|helpt (${W} ){0,2}(niet|niks|niets)|geen hulp`],
      [0.45, "has been kept waiting", `wacht (${W} ){0,2}(al|sinds)|(al )?(dagen|weken|uren) (${W} ){0,2}(wachten|gewacht)|(geen|nog geen) (antwoord|reactie)|niemand (${W} ){0,1}(reageert|antwoordt|helpt|belt)`],
      [0.4, "exasperated", "ongelooflijk|niet te geloven|dit is toch niet normaal|serieus\\?|echt niet normaal|dit meen je niet|hoe kan (dat|het) (nou )?(toch )?(dat|zijn)|waarom (duurt|is|gaat) (het|dit) (zo|altijd|weer)|kom op"],
      [0.85, "has had enough", `(ik )?word (er )?(${W} ){0,1}(gek|knettergek|horendol|doodmoe|moe) van|prutswerk|knoeiwerk|amateuristisch|wanprestatie`],
      [0.6, "reports it still does not work", `elke keer (weer|opnieuw)|weer eens|alweer`],
    ],
    urgent_request: [
      // The fifty-eighth blind set: "heb m morgen nodig voor mn sollicitatie".
      [0.65, "needs it by tomorrow", `(heb|hebben|moet) (het|hem|m|die|dat|ze) (morgen|vandaag|vanavond) (nodig|hebben)`],
      [0.65, "needs someone now", `(wie|iemand) (kan|die) (me|mij|ons) nu (helpen|bellen)`],
      [0.7, "must be somewhere at a time", `(ik|we|wij) moet(en)? om \\d{1,2}[:.]\\d\\d`],
      [0.7, "needs it now", `(regel|fix|los|herstel) (dit|het) (${W} ){0,1}(vandaag|nu|meteen|direct)`],
      [0.65, "complains about waiting for a human", `niemand (${W} ){0,1}(antwoordt|reageert|belt terug)`],
      [0.75, "has a hard deadline", `(mijn|onze) (vlucht|trein|afspraak|concert) (${W} ){0,1}(gaat |vertrekt |begint |is )?(over (\\d+|een|twee|drie) (uur|minuten)|vanavond|vandaag|om \\d)`],
      [0.9, "says it is urgent", "dringend\\p{L}*|spoed\\p{L}*|urgent\\p{L}*|onmiddellijk|per direct|z\\.?s\\.?m\\.?|zo snel mogelijk|zo spoedig mogelijk|asap|kritiek\\p{L}*|hoogste prioriteit|met voorrang", { negatable: true }],
      [0.45, "wants it right away", "meteen|direct", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(productie|winkel|webshop|webwinkel|checkout|kassa|betaling\\p{L}*|betaal\\p{L}*|server|servers|platform|systeem|site|website|api|dienst) (${W} ){0,3}(is |zijn |ligt |liggen )?(down|offline|plat|eruit|uitgevallen|onbereikbaar|werkt niet|werken niet|doet het niet|kapot)|(klanten|gebruikers|niemand) (${W} ){0,2}(kunnen|kan) (${W} ){0,3}(niet|niks) (meer )?(betalen|afrekenen|bestellen|kopen|inloggen)|(we|wij) (${W} ){0,1}(verliezen|lopen) (${W} ){0,2}(geld|omzet|klanten|bestellingen|mis)|alles ligt plat|niemand (${W} ){0,1}kan (meer )?(inloggen|betalen|bestellen|afrekenen)`],
      [0.75, "needs it now", `(heb|hebben|moet|moeten) (${W} ){0,4}(vandaag|nu|meteen|direct|morgenochtend|voor morgen) (${W} ){0,1}(nodig|hebben|binnen|klaar|opgelost)|(los|fix|herstel|repareer) (${W} ){0,3}(nu|meteen|direct|vandaag) op`, { negatable: true }],
      [0.6, "has a deadline", `(voor|uiterlijk|tot) (vandaag|morgen|vanavond|vanmiddag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|het einde van de dag|einde van de week|\\d{1,2}(:\\d{2})? uur|twaalf uur)|morgen(ochtend| ochtend| vroeg)|vandaag nog|nog vandaag|binnen (een|het|twee|drie|\\d+) (uur|uren|minuten)|(vergadering|meeting|presentatie|lancering|demo|vlucht|evenement|beurs|audit|livegang) (${W} ){0,3}(vandaag|morgen|vanmiddag|over \\d+)|deadline|(als|indien) (${W} ){0,3}(vandaag|morgen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) (${W} ){0,3}niet`],
      [0.6, "wants it now", "(nu|meteen|nu meteen|direct)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `(wacht|wachten|gewacht) (${W} ){0,5}(medewerker|mens|iemand|persoon|terugbelverzoek)|\\d+ minuten (${W} ){0,3}(wacht|wachten|gewacht|in de wacht)`],
      [0.6, "asks to escalate", `escaleer\\p{L}*|escaleren|(manager|leidinggevende|supervisor|teamleider|directeur) (${W} ){0,2}(spreken|doorverbinden|inschakelen)`],
      [0.6, "reports fraud in progress", `iemand heeft (${W} ){0,3}(mijn) (pas|kaart|creditcard|account|rekening)|(onbekende|vreemde|ongeautoriseerde) (afschrijving|betaling|transactie)\\p{L}*`],
      [0.55, "reports something that cannot wait", `buitengesloten|(account|rekening|pas|kaart) (${W} ){0,2}geblokkeerd|kom (${W} ){0,2}niet (meer )?(in|binnen)|gehackt|fraude\\p{L}*|frauduleu\\p{L}*|(kaart|pas) (${W} ){0,1}(gestolen|kwijt)|gestolen|onbekende (afschrijving|betaling)`],
      [0.6, "complains about waiting for a human", `(een )?(echt|echte) (persoon|mens|medewerker)|(een )?mens (spreken|aan de lijn)|(medewerker|iemand) (spreken|aan de lijn)`],
      [0.6, "reports fraud in progress", `blokkeer (${W} ){0,1}(mijn|de|onze) (pas|kaart|rekening|account)|(afschrijving|afschrijvingen|transacties|betalingen) (${W} ){0,4}(niet herken|die ik niet ken|niet van mij)`],
      [0.6, "reports fraud in progress", `(is|zijn|werd|werden|ben|heeft|hebben) (${W} ){0,3}(gestolen|gejat)|(ik ben|we zijn|wij zijn) beroofd`],
    ],
    confused_user: [
      [0.65, "does not know whom to believe", `wat is nu waar|wie moet ik (nu )?geloven|wie heeft (er )?gelijk`],
      [0.7, "does not know where to start", `weet (niet|echt niet) waar (ik|we) (moet|moeten) beginnen`],
      [0.85, "says they are confused", `(snap|begrijp|snappen|begrijpen|volg|snapte|begreep) (${W} ){0,5}(niet|niks|niets|er niks van|er niets van|het niet)|(ben|zijn) (${W} ){0,2}(in de war|verward|het spoor bijster|de weg kwijt)|verwarrend|wat bedoel(t|en)? (je|u|jullie)|wat (betekent|houdt) (dat|dit|het) (in)?|(geen|heb geen) (idee|flauw idee|benul)|slaat (${W} ){0,1}nergens op|(is|was) (${W} ){0,1}(onduidelijk|niet duidelijk)|(niet|niks|niets) van begrepen`],
      [0.6, "is unsure what to do", `(weet|weten) (${W} ){0,1}niet (goed |precies |zo goed )?(hoe|wat|waar|of|welk|welke|waarom|wanneer)|(weet|weten) (${W} ){0,1}niet zeker|(ben|zijn) (${W} ){0,1}niet (zeker|zeker van)|twijfel (tussen|of|over)|(kom|komen) (${W} ){0,2}niet uit`],
      [0.6, "asks 'wait, so …'", `(wacht|wacht even|wacht eens|momentje|een moment),? (${W} ){0,2}(dus|dan|betekent dat|moet ik)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `(welk|welke) (${W} ){0,3}(is|zijn) (nu |dan )?(de|het) (juiste|goede|geldige)`],
      [0.6, "asks what something means", `wat (betekent|betekenen|bedoelen jullie met|bedoel je met|bedoelt u met|wordt (er )?bedoeld met)`],
      [0.55, "asks which one", `(welke|welk|wat dan)( dan)?\\s*\\?`],
      [0.4, "hesitates", "hmm+|uhm+|eh+m"],
    ],
    buying_signal: [
      [0.7, "wants to add a package", `(${W} ){0,1}(pakket|abonnement|bundel|optie) (erbij|bij) (nemen|bestellen|kopen)`],
      [0.75, "asks about adding seats", `(\\d+|twee|drie|extra) (${W} ){0,1}(gebruikers|licenties|plekken|seats|lijnen|leden|accounts|simkaarten) (${W} ){0,1}(toevoegen|bijboeken|bijnemen|erbij)`],
      [0.7, "asks about a bigger plan", `(overstappen|over te stappen|upgraden) naar (het|de) [\\p{L}]+-?(plan|pakket|abonnement)|(abonnement|tarief|aanbod|prijzen?|korting) (${W} ){0,1}voor (bedrijven|teams|groepen|zakelijke klanten)|(we zijn|wij zijn|we zijn met) (\\d+) (personen|mensen|medewerkers|gebruikers)`],
      [0.8, "asks about price", "prijs|prijzen|prijslijst|tarief|tarieven|wat (kost|kosten)|hoeveel (kost|kosten|betaal|zou)|offerte|kostenplaatje", { negatable: true }],
      [0.8, "wants to buy", `(wil|willen|zou|zouden|graag|ga|gaan|van plan) (${W} ){0,4}(kopen|bestellen|aanschaffen|afnemen|upgraden|abonneren|(?<!(?:account|profiel|rekening) )afsluiten|uitbreiden|boeken)|(waar|hoe) (kan|kunnen) (ik|we|wij|je) (${W} ){0,3}(kopen|bestellen|upgraden|aanschaffen|afnemen)`, { negatable: true }],
      [0.7, "asks about plans or trials", `proefperiode|gratis (proberen|uitproberen|testen)|proefversie|trial|demo|(pro|premium|business|zakelijk|enterprise|team|jaar)-?(abonnement|pakket|plan|licentie)|(welk|welke) (abonnement|pakket|plan)|staffelkorting|volumekorting|(meer|extra) (licenties|gebruikers|seats|plekken)|licenties voor`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade\\p{L}*|korting|kortingscode|actiecode|coupon|interesse in|geinteresseerd in`, { negatable: true }],
      [0.75, "asks about a bigger plan", `zakelijk(e)? (abonnement|pakket|plan)|(meerdere|extra) (aansluitingen|gebruikers|licenties|accounts)`],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `concurrent\\p{L}*|concurrentie`],
    ],
  },
  named: [
    // The fifty-eighth blind set: "Bij Centraal Beheer ben ik € 22 goedkoper uit", "een plekje gekregen bij Partou", "Op
    // Pararius staat precies hetzelfde appartement".
    [0.7, "says what a named rival offers", `bij ${NAME}( ${W})?(?= (ben|zijn|betaal|betalen|krijg|krijgen|heb|hebben|kost|kosten) )|(plek|plekje|plaats|aanbod|offerte|contract) (gekregen |aangeboden )?bij ${NAME}|op ${NAME}(?= (staat|staan|kost|kosten|heeft|hebben|vind) )`, ["competitor_mention"]],
    [0.7, "names the tool they used before", `(vroeger|voorheen|eerder) (gebruikten|hadden|zaten|gebruikte|had|zat) (we|wij|ik) (bij |met )?${NAME}|(komen|kom) (${W} ){0,1}van ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(veel |een stuk |stukken )?(makkelijker|eenvoudiger|beter|goedkoper|sneller|overzichtelijker|duidelijker|fijner|prettiger) dan ${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(overstappen|stap|stappen|gaan|ga|verhuizen|wisselen|switchen|migreren)( ${W}){0,2} naar ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(bij|met) ${NAME}( ${W}){0,6} (tenminste|nooit|wel|gratis|goedkoper|beter|sneller|meteen|direct)|(zoals|net als) (bij|met) ${NAME}|(bij|met) ${NAME}( ${W}){1,8},? (waarom|maar) (${W} ){0,2}(bij jullie|bij u|hier)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(gebruiken|gebruik|werken met|hebben) (nu|momenteel|nog|op dit moment)( nog)? ${NAME}`, ["competitor_mention"]],
    [0.7, "is weighing a named alternative", `(we|wij|ik) (evalueren|testen|bekijken|overwegen) ${NAME}`, ["competitor_mention"]],
    [0.7, "compares with a named competitor", `(bij|met) ${NAME}( ${W}){0,6} (minder|lager)`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(vergelijken|vergelijk|vergeleken) (${W} ){0,2}met ${NAME}`, ["competitor_mention"]],
  ],
};
