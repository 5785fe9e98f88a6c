import { type LanguageSource, NAME } from "./pack";

/**
 * German. Everything is folded (lower case, ä→a, ö→o, ü→u; ß is kept, so both spellings are listed
 * where it matters). Written for what people type to a support or sales chat, not fitted to a set.
 */

/** One word of any kind, for gaps in a phrase ("kann (W ){0,3}nicht"). */
const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not itself a negator: "hat (…) geklappt" must not swallow "nicht". */
const G = "(?!(?:nicht|kein|keine|nie)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const de: LanguageSource = {
  words: [
    [-1, "kratzer schaden schaden*"],
    [-2, "*abbruch abbruch* gebannt"],
    [-1.5, "storniert ausgebucht unding"],
    [2, "punktlich puenktlich unkompliziert problemlos kulant"],
    [-1.5, "verspatet* verspatung* verzogert* verzogerung* gestrichen annulliert abgesagt ruckelt laggt"],
    [3, "hervorragend* ausgezeichnet* fantastisch* phantastisch* perfekt* genial* wunderbar* grossartig* großartig* traumhaft* begeistert* spitze spitzenmassig* weltklasse erstklassig*"],
    [2.5, "toll* super klasse prima* wunderbar klasse* zufrieden* hilfreich* empfehlenswert* liebt gefallt gefallen* dankeschon dankbar* freue* gefreut freut* einwandfrei* reibungslos* top"],
    [2, "verbesserung* ubersichtlich* uebersichtlich* gut gute guten guter gutes besser beste besten bester bestes schones schone schonen nett nette netter nettes netten freundlich* kompetent* schnell* zuverlassig* angenehm* praktisch* empfehle* empfehlen* gelost geloest behoben repariert geklappt"],
    [1.5, "danke dank bedanke* passt ordentlich* korrekt* richtig"],
    [0.7, "ok okay"],
    [-0.5, "warten wartezeit* verwirrt* unklar*"],
    [-0.7, "problem probleme problems *problem *probleme leider"],
    [-0.5, "teuer"],
    [-1, "langsam* fehlt fehlen fehlend* schade doppelt* umstandlich* kompliziert* seltsam* komisch* merkwurdig* zweimal"],
    [-1.5, "fehler fehler* *fehler fehlgeschlagen* gesperrt* blockiert* abgelehnt* verweigert* timeout* bug bugs *bug abgebrochen* verschwunden* verloren* falsch* ungultig* offline traurig* sorge* sorgen angst enttauschend*"],
    [-2, "beschadigt* beschaedigt* zerbrochen* storung* *storung gestort* defekt* down ausgefallen* ausfall* *ausfall dumm* blod* doof* nervig* lastig* unfreundlich* unhoflich* unzuverlassig* langweilig* sauer argerlich* arger* mangelhaft* unzumutbar*"],
    [-2.4, "kaputt* absturz* *absturz *absturze abgesturzt* sturzt sturzen unmoglich*"],
    [-2.5, "schlecht* schlimm* nervt genervt* enttauscht* frustriert* frustrierend* unzufrieden* mies* nutzlos* sinnlos* unbrauchbar* wutend* wuetend* mist"],
    [-2.4, "notfall betrugsfall"],
    [-3, "katastroph* furchtbar* schrecklich* grauenhaft* grauenvoll* entsetzlich* unverschamt* unverschaemt* lacherlich* laecherlich* inakzeptabel* frechheit zumutung betrug* betrogen verarsch* abzocke* abgezockt scheiss* scheiß* scheisse scheiße kacke beschissen* miserabel* katastrophal* schlimmste* schlechteste* hasse hass"],
  ],
  phrases: [
    [0, `(hab|habe|hatte) (${W} ){0,3}(falsche[nmrs]?|falsch) (${W} ){0,2}(angeklickt|bestellt|gewahlt|gewaehlt|ausgewahlt|ausgewaehlt|eingegeben|gebucht|getippt|erwischt)`],
    [-2.5, `genau das,? was ich (heute |jetzt )?(noch )?gebraucht (habe|hab|hatte)|(super|toll|klasse|prima),? (ganz |echt )?(toll|super|klasse),? (jetzt|und jetzt|nun)`],
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `(versehentlich|aus versehen)( (${W} ){0,4}falsch\\p{L}*)?|keine eile|nicht eilig|hat keine eile|bitte (${W} ){0,1}schnell|schnell (${W} ){0,2}(prufen|pruefen|machen|beheben|helfen|antworten|erledigen|bearbeiten|sperren)|so schnell wie (moglich|moeglich)`],
    // Greetings, sign-offs and set phrases whose words would mislead.
    [0, "guten (tag|morgen|abend)|gute nacht|liebe (grusse|grüße|gruesse)|viele (grusse|grüße)|mit freundlichen (grussen|grüßen|gruessen)|(vielen |besten )?dank im voraus|(vorab|im voraus) (vielen )?dank|danke vorab|schonen tag noch|schones wochenende|aus versehen|versehentlich|sehr geehrte\\p{L}*|ich hatte (gerne|gern) eine frage|gute frage|ist (das|es) moglich|so schnell wie (moglich|es geht)|moglichst schnell|schnellstmoglich"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "mein fehler|meine schuld|mein versehen|(entschuldigen sie|entschuldigung fur|sorry fur|verzeihen sie|entschuldigt) (die|den) (storung|umstand|umstande|verspatung)|(entschuldigung|sorry),? (fur die|dass ich) (storung|store|stoere)|(ich habe|ich hab|hab) mich (vertan|vertippt|verklickt)"],
    // Support trouble: no emotion word, still bad news.
    [-2, `(hangt|haengt|steckt) (seit|schon|immer noch|fest)|trotz (${W} ){0,1}(k(u|ue)ndigung|storno|stornierung|abmeldung)|(kaution|geld|pfand|betrag) (${W} ){0,3}(nicht|noch nicht|nie) (${W} ){0,1}zur(u|ue)ck|(kam|kommt|war) (${W} ){0,1}kalt (an)?`],
    [-2, `(viel |deutlich )?zu hoch|(doppelt|dreimal|viermal) so (hoch|teuer|viel)|(nicht|nie|noch nicht|immer noch nicht) (${W} )?(uberwiesen|ausgezahlt|gutgeschrieben|erstattet|bearbeitet|zur(u|ue)ckerstattet)`],
    [-2.5, `jemand hat (${W} ){0,3}(meiner|meine|meinem|mein) (karte|kreditkarte|konto|account)|(fremde|unbekannte|unberechtigte) (abbuchung|zahlung|buchung)\\p{L}*`],
    [-3, "nichts (geht|funktioniert|klappt) mehr|geht gar nichts|(alles|system) ist (down|tot)|totalausfall|kompletter ausfall"],
    [-2.5, `(funktioniert|funktionieren|funktionierte|geht|gehen|klappt|klappen|lauft|laufen|laeuft|ladt|laedt|ladet|startet|reagiert|offnet|oeffnet|synchronisiert|speichert|kommt|kommen|sendet|druckt) (${W} ){0,3}(nicht|nie|gar nicht)|(nicht|nie) (mehr )?(funktioniert|funktionieren|geht|gehen|klappt|klappen|lauft|laufen|ladt|laedt|startet|reagiert|moglich|erreichbar|verfugbar|ankommt|ankam|angekommen|angezeigt|freigeschaltet|aktiviert|bestatigt|ausgezahlt|erstattet)|nicht (erreichbar|verfugbar|auffindbar)|(sturzt|sturzen|stuerzt) (${W} ){0,3}ab|abgesturzt|abgestuerzt|(alles|alle|meine|unsere|die) (${W} ){0,2}(geloscht|geloescht|verschwunden)|(hangt|haengt|hangen) (${W} ){0,2}(auf|fest)|friert (${W} ){0,2}ein|eingefroren|bricht (${W} ){0,3}ab|(doppelt|zweimal|2x|2 mal|zwei mal|mehrfach|dreimal|falsch|zu viel) (${W} ){0,2}(abgebucht|belastet|berechnet|bezahlt|abgerechnet|gebucht)|(geld|betrag|zahlung) (${W} ){0,3}(nicht angekommen|verschwunden|weg)|(keine|nie eine|noch keine) (antwort|ruckmeldung|rueckmeldung|reaktion|bestatigung|lieferung)|(bekomme|bekommen|erhalte|erhalten|kriege|kriegen) (keine|nie) (${W} ){0,2}(mail|mails|e-mail|e-mails|email|emails|benachrichtigung\\p{L}*|best(a|ae)tigung\\p{L}*|rechnung\\p{L}*|code|codes|sms)|l(a|ae)sst (mich|uns) (${W} ){0,2}nicht (rein|einloggen|anmelden|bezahlen|zugreifen)|(niemand|keiner) (${W} ){0,1}kann (sich |uns )?(mehr )?(einloggen|anmelden|bezahlen|zahlen|bestellen)|kein (internet|netz|empfang|signal|wlan|strom|zugriff|zugang)|(nicht|nie|noch nicht) (erhalten|bekommen|angekommen|geliefert|zugestellt)|geht (${W} ){0,2}nicht (mehr )?an|komm(e)? (${W} ){0,2}nicht (mehr )?(in|ins|rein|an)|immer noch (nicht|kein\\p{L}*)|noch immer (nicht|kein\\p{L}*)|nach wie vor (nicht|kein\\p{L}*)|seit (${W} ){0,2}(tagen|wochen|monaten|stunden) (${W} ){0,3}(nicht|kein\\p{L}*|warte\\p{L}*)|(steht|ist|hangt|haengt|liegt) (seit|schon) (${W} ){0,2}(tagen|wochen|einer woche)`],
    [-2, `(kann|konnen|koennen|kannst|konnte|konnten|lasst sich|laesst sich|lassen sich) (${W} ){0,4}(nicht|nie|nicht mehr) (${W} ){0,1}(einloggen|anmelden|abmelden|bezahlen|zahlen|zugreifen|herunterladen|runterladen|hochladen|speichern|offnen|oeffnen|exportieren|importieren|drucken|senden|versenden|verschicken|buchen|umbuchen|stornieren|bestellen|abschliessen|starten|installieren|aktualisieren|andern|aendern|loschen|verbinden|synchronisieren|nutzen|benutzen|verwenden|sehen|finden|erreichen|auszahlen|abheben|einlosen|bestatigen|freischalten|aktivieren|zurucksetzen)|zu teuer|(schon|immer) wieder|wieder mal|warte (${W} ){0,2}(seit|schon)|ewig (${W} ){0,2}(warten|gewartet|dauern|gedauert)|dauert ewig`],
    [-1.5, "(geht|ging|lief|lauft) (etwas |was |einiges )?schief|stimmt (etwas |was )?nicht|zu langsam|sehr langsam"],
    [1.5, "kein problem"],
    [2.5, "gerne wieder|weiter so|daumen hoch"],
    [0, "keine sorge|kein stress|keine eile"],
    [0.7, "alles klar"],
    [2.5, "(ich|wir) (liebe|lieben)"],
    [2.5, `(funktioniert|klappt|geht|lauft|laeuft) (${G} ){0,2}(jetzt|wieder)|(jetzt|nun) (${G} ){0,1}(funktioniert|klappt|geht|lauft|laeuft)|hat (${G} ){0,3}(geklappt|funktioniert|geholfen)|(problem|fehler) (${G} ){0,2}(gelost|geloest|behoben)|(vielen|herzlichen|tausend) dank|danke (schon|sehr|vielmals)|hat mir (sehr )?geholfen|(war|ist) (sehr |echt |wirklich )?hilfreich|macht spa(ss|ß)`],
    [-2, `(schon|bereits) (bezahlt|gezahlt|beglichen)`],
  ],
  courtesy: "danke dank bedanke dankeschon",
  negators: "nicht kein keine keinen keinem keiner keines nie niemals nichts weder kaum ohne",
  postNegators: "nicht nie niemals",
  intensifiers:
    "sehr:1.3 so:1.2 total:1.3 extrem:1.4 echt:1.2 wirklich:1.2 voll:1.2 mega:1.4 absolut:1.3 richtig:1.2 besonders:1.2 unglaublich:1.4 zu:1.2 super:1.3 ziemlich:1.1 etwas:0.7 bisschen:0.7 leicht:0.7 recht:1.1 komplett:1.3 vollig:1.3 voellig:1.3 einfach:1.1 uberhaupt:1.3",
  contrast: "aber jedoch allerdings trotzdem dennoch",
  flagNegators: "nicht|kein|keine|keinen|nie|niemals|keinesfalls|auf keinen fall",
  flagPostNegators: "nicht|nie|niemals",
  conditionals: "wenn falls sobald sofern ob sonst sollte sollten",
  flags: {
    churn_risk: [
      [0.8, "will order elsewhere", `(ab sofort|kunftig|in zukunft|ab jetzt|dann) (${W} ){0,3}woanders|woanders (bestellen|kaufen|buchen|hin)`],
      [0.75, "will not stay a customer long", `nicht (mehr )?lange (kunde|kundin|bei euch|bei ihnen|dabei)`],
      [0.75, "asks why they should stay", `warum sollte (ich|wir) (${W} ){0,4}bleiben`],
      [0.55, "moves to a smaller plan", `(abo|abonnement|tarif|vertrag|paket|plan) (${W} ){0,4}(auf|in) [\u0022\u0027]?(${W} ){0,2}(basis|basic|light|lite|starter|kleiner\\p{L}*|gunstiger\\p{L}*|billiger\\p{L}*)(?![\\p{L}])`],
      [0.8, "plans to switch provider", `rufnummernmitnahme|(nummer|rufnummer) (${W} ){0,2}(mitnehmen|mitkommt|portieren|ubertragen|uebertragen)`],
      [0.8, "says they are leaving", `(dann |sonst )?(bin ich|sind wir) (hier )?weg(?![\\p{L}])|(gehe|gehen|wechsle|wechseln) (ich|wir) (eben |halt |dann )?(zur|zu der) konkurrenz|(ich|wir) (geh|gehe|gehen) (jetzt |dann |halt |eben |lieber )?zu (?!(euch|ihnen|dir|mir|uns|fuss|bett|hause|arbeit|der|dem|den|einem|einer|mein\\p{L}*|unser\\p{L}*)(?![\\p{L}]))\\p{L}+(?=\\s*[.!]|\\s*$)`],
      [0.75, "says this is the end", `(das ist|das war|ist|war|wird) (jetzt )?(mein|unser) letzte[rn]? (monat|beitrag|zahlung|abo|jahr)|letzte[rn]? (monat|beitrag|zahlung|rate) (${W} ){0,1}(den|die) (ich|wir) (noch )?(zahle|zahlen|bezahle|bezahlen)|(uberzeugt|ueberzeugt|uberzeugen sie|ueberzeugen sie) mich,? (zu bleiben|dass ich bleibe|warum ich bleiben)|(nennt|gebt|nennen sie|geben sie) mir (einen|einen einzigen) grund,? (zu bleiben|warum ich bleiben)|(ich bin|wir sind) (hier )?raus(?![\\p{L}])|(losche|loesche|losch|deinstalliere) (jetzt )?(die|eure) app|app (ist |wird )?(geloscht|geloescht|deinstalliert)|nie wieder(?![\\p{L}])`],
      [0.85, "asks to cancel", `(ge)?cancel\\p{L}*|k(u|ue)ndig(?!ungsfrist|ungsbedingung|ungsregel|ungsrichtlinie|ungsmodalit)\\p{L}*|gek(u|ue)ndigt|(abo|abos|abonnement|vertrag|vertrage|mitgliedschaft|lizenz|konto|kundenkonto|account|zugang|profil|tarif) (?!(die|den|das|der|eine|einen|ein) )(${W} ){0,3}(beenden|auflosen|aufloesen|stornieren|loschen|loeschen|schliessen|schließen|abbestellen|abmelden|deaktivieren)|(beende|beenden|storniere|stornieren|losche|loeschen|losche) (${W} ){0,2}(abo|abonnement|vertrag|mitgliedschaft|konto|account)|abo (${W} ){0,1}(abbestellen|kundigen)|abbestellen`, { negatable: true }],
      [0.4, "asks about cancellation terms", "k(u|ue)ndigungs(frist|bedingung|regel|richtlinie|modalit)\\p{L}*"],
      [0.85, "will not renew", `nicht (mehr )?verl(a|ae)ngern|keine verl(a|ae)ngerung|verl(a|ae)ngern (?!(?:geht|klappt|funktioniert|lasst|laesst) )(${W} ){0,3}(nicht|nicht mehr)|(abo|vertrag|lizenz) (${W} ){0,3}auslaufen (zu )?lassen`],
      [0.85, "says they will never come back", `nie (wieder|mehr) (bei (euch|ihnen)|\\p{L}+ (bestellen|kaufen|buchen|nutzen))|(haben|hab|habe) (uns |mich )?(entschieden|beschlossen|entschlossen),? (${W} ){0,4}(aufzuh(o|oe)ren|zu beenden|zu wechseln|zu k(u|ue)ndigen|nicht zu verl(a|ae)ngern|zu gehen|zu schlie(ss|ß)en|abzuspringen)`],
      [0.85, "says they are leaving", `(wir|ich) (${W} ){0,2}(wechseln|wechsle|wechsel|gehen|steigen|ziehen) (${W} ){0,3}(zur konkurrenz|zu einem anderen|zu einem neuen|(den|einen|anderen) anbieter)|anbieter (zu )?wechseln|anbieterwechsel|(uberlege|ueberlege|uberlegen|ueberlegen) (${W} ){0,2}(zu )?wechseln|(wechseln|wechsle) (den|unseren|unsern|jetzt den) anbieter|(verabschieden|verabschiede) (uns|mich)|zur konkurrenz|(dann|sonst) (wechseln|gehen) (wir|ich)|, (wechseln|gehen) (wir|ich)|wechseln wir (den anbieter|zu)|(wir|ich) (verlassen|kehren) (euch|sie|ihnen)( den rucken)?|(ich bin|wir sind) (dann )?(raus|weg)|das war('s| es) (dann )?(fur mich|fur uns|mit euch|mit ihnen)|(ich|wir) (hore|horen|hoere|hoeren) (${W} ){0,2}auf`, { negatable: true }],
      [0.75, "plans to switch provider", `(wir|ich) (wechseln|wechsle|wechsel|migrieren) (${W} ){0,2}(zu|zur|zum|nach) (?!(?:pro|premium|business|enterprise|plus|jahres\\p{L}*|monats\\p{L}*)(?![\\p{L}]))|(umsteigen|wechseln) (auf|zu) (einen |ein )?(anderen|andere|anderes)`, { negatable: true }],
      [0.7, "looks for alternatives", `(nach |eine |andere )?alternative(n)? (${W} ){0,2}(suchen|umsehen|anschauen|angeschaut|prufen|pruefen|testen|evaluieren|vergleichen)|(schauen|sehen|umsehen) (uns|mich) (${W} ){0,2}(nach alternativen|um)|nach alternativen|andere anbieter (${W} ){0,2}(anschauen|prufen|testen|vergleichen)`],
      [0.45, "asks for a refund", "refund\\p{L}*|geld zur(u|ue)ck|r(u|ue)ckerstattung|erstattung|zur(u|ue)ckerstatten|erstatten|r(u|ue)ckbuchung|zur(u|ue)ckbuchen|chargeback", { negatable: true }],
      [0.55, "downgrades or pauses", `downgrade\\p{L}*|herabstufen|(r|he)?runterstufen|zur(u|ue)ckstufen|(tarif|paket|vertrag|abo|lizenzen|nutzer) (${W} ){0,3}(verkleinern|reduzieren)|(kostenlos|kostenlosen|gratis|free|basis) (${W} ){0,2}(plan|tarif|version|paket|modell) (${W} ){0,2}(wechseln|zuruck|zurueck|umsteigen|downgraden)|zur(u|ue)ck (zum|auf den|in den) (kostenlos|gratis|free|basis)\\p{L}*|(wechseln|wechsle|wechsel|gehen|umsteigen|steigen) (${W} ){0,3}(in den|auf den|zum|in das|auf das|ins) (kostenlos|gratis|free|basis|basic|einsteiger|starter|light|lite|g(u|ue)nstiger|kleiner)\\p{L}*|(abo|abonnement|mitgliedschaft|vertrag) (${W} ){0,2}(pausieren|ruhen lassen)`, { negatable: true }],
      [0.5, "questions the value", `nicht (mehr )?(das geld )?wert|lohnt sich (fur uns |fur mich )?nicht( mehr)?|geldverschwendung|zu teuer|viel zu teuer|nicht (mehr )?leisten|(vertrag|abo|lizenz) (${W} ){0,3}l(a|ae)uft (${W} ){0,3}aus`],
      [0.85, "says they are leaving", `(bestell|bestelle|bestellen|kauf|kaufe|kaufen|buche|buchen) (${W} ){0,2}(hier |bei euch |bei ihnen )?(nix|nichts|nie) mehr|nie wieder (bei euch|bei ihnen|hier)`],
      [0.8, "plans to switch provider", `(suchen|such|schauen|sehen) (wir|ich) (uns|mich) (${W} ){0,2}(einen |ein |eine )?(anderen|neuen|andere|neue) (anbieter|dienstleister|partner|lieferanten|losung|loesung)|(anderen|neuen) (anbieter|dienstleister) (suchen|nehmen|wahlen)`],
    ],
    frustrated_user: [
      // The fifty-eighth blind set: "Ich warte nicht länger, mein Anwalt ist informiert", "Also?" after a promise quoted back.
      [0.7, "has stopped waiting", `ich warte nicht (mehr )?l(a|ae)nger|mein anwalt ist (informiert|eingeschaltet|bereits informiert)|wof(u|ue)r (zahle|bezahle) ich (eigentlich|uberhaupt|ueberhaupt|denn)`],
      [0.55, "asks 'so?'", `(?<=[.!?]\\s{1,3})also\\s*\\?+\\s*$`],
      // The fifty-sixth blind set: "wenn noch einmal das Fleisch ungekühlt vor der Tür steht, bin ich weg".
      [0.6, "warns it must not happen once more", `wenn (das )?noch (ein)?mal [^.!?]{1,80}(bin ich weg|sind wir weg|kundige ich|kuendige ich|war es das|wars das)`],
      [0.6, "has lost patience with it all", `(bei|mit) (all )?(den|diesen) (standigen|dauernden|vielen) (${W} ){0,1}(ausfallen|storungen|verspatungen|problemen|fehlern)`],
      [0.75, "thanks them for nothing or cannot take more", `danke (fur|fuer) (nix|nichts)|mir reicht.?s`],
      [0.6, "has repeated themselves", `(schon |bereits |jetzt )?(dreimal|viermal|funfmal|fuenfmal|x-mal|zigmal|zum (dritten|vierten|x-ten) mal)(?![\\p{L}])(?! so )`],
      [0.85, "has had enough", "die (nase|schnauze) (gestrichen )?voll|(es|das) reicht( mir| uns| jetzt)?|mir reicht('s| es)|(ich habe|hab|habe|wir haben) (es |das |echt |wirklich )?(genug|satt)|frechheit|zumutung|unverschamt\\p{L}*|unverschaemt\\p{L}*|lacherlich|laecherlich|inakzeptabel|nicht akzeptabel|katastroph\\p{L}*|verarsch\\p{L}*|wollt ihr mich|(soll|ist) das (ein )?witz|schlechteste\\p{L}*|stinksauer|(bin|sind|werde) (\\p{L}+ )?(sauer|wutend|wuetend|genervt|frustriert|enttauscht|stinkig)|nervt|nervig|frustrierend|scheiss\\p{L}*|scheiß\\p{L}*|zum kotzen|verdammt\\p{L}*|abzocke|saftladen|unfassbar"],
      [0.45, "says it is still not fixed", `(immer )?noch (immer )?(nicht|kein\\p{L}*)|nach wie vor (nicht|kein\\p{L}*)`],
      [0.6, "reports it still does not work", `schon wieder|immer wieder|wieder mal|(zum|das) (zweite|dritte|vierte|funfte|zweiten|dritten|vierten|funften|x-ten|\\d+\\.?) mal|(nie|niemals) (funktioniert|klappt|geht)|(geht|klappt|funktioniert) (${W} ){0,2}nie`],
      [0.6, "gets the same canned answer", `(dieselbe|die gleiche|die selbe|schon wieder die) (${W} )?(antwort|standardantwort|nachricht|textbaustein)|textbaustein|(lest|liest|lesen) (du|ihr|sie) (${W} ){0,1}(uberhaupt|eigentlich|mal)`],
      [0.6, "has repeated themselves", `wie oft (noch|muss|soll)|(habe|hab|haben) (${W} ){0,3}(schon|bereits) (${W} ){0,3}(gesagt|geschrieben|erkl(a|ae)rt|gefragt|versucht|gemeldet|geschickt|mitgeteilt)|wie (ich )?(schon|bereits) (gesagt|geschrieben|erkl(a|ae)rt)`],
      [0.6, "wants a human", `(mit )?(einem |einer )?(echten |richtigen |realen |lebenden )?(menschen|mitarbeiter|mitarbeiterin|person|vorgesetzten|ansprechpartner|kundenberater|berater|kundendienst|support) (${W} ){0,2}(sprechen|reden|verbunden|verbinden|chatten|telefonieren)|(echten|richtigen) menschen|echte person|kein(en)? bot|(blode|bloede|dumme|nutzlose)(r|n)? (bot|chatbot|maschine)|du bist (nutzlos|keine hilfe|dumm)|keine hilfe|nicht hilfreich|hilft (mir |uns )?(${W} )?nicht( weiter)?|bringt (mir |uns )?nichts`],
      [0.45, "has been kept waiting", `warte (${W} ){0,2}(seit|schon)|seit (\\d+|zwei|drei|vier|funf|fuenf|sechs|sieben|acht|neun|zehn) (tagen|wochen|monaten|stunden) wart(e)? ich|warten (${W} ){0,2}(seit|schon)|seit (tagen|wochen|stunden|ewigkeiten)|keine (antwort|ruckmeldung|rueckmeldung|reaktion)|(niemand|keiner) (${W} ){0,1}(antwortet|meldet|hilft|reagiert)|(stunden|tage|wochen|ewig) (lang )?gewartet`],
      [0.4, "exasperated", "ich fasse es nicht|langsam reicht('s| es)|zum haare raufen|zum verzweifeln|das ist doch nicht normal|echt jetzt|ernsthaft\\?|im ernst|ach komm|wie kann (das|es) sein|das darf (doch )?nicht wahr sein|warum (dauert|ist|geht) (das|es) (so|immer)"],
    ],
    urgent_request: [
      [0.65, "complains about waiting for a human", `niemand (${W} ){0,1}(antwortet|meldet sich|reagiert|ruft zuruck|ruft zurueck)`],
      [0.75, "has a hard deadline", `(mein|unser) (flug|zug|termin|konzert) (${W} ){0,1}(geht|ist|startet|beginnt|fahrt|faehrt) (in (\\d+|einer|zwei|drei) (stunden?|minuten)|heute|um \\d)|(ich )?(fliege|fahre) (in (\\d+|einer|zwei) stunden?|um \\d|heute)`],
      [0.9, "says it is urgent", "dringend\\p{L}*|sofort|umgehend|notfall|eilt|eilig|asap|schnellstm(o|oe)glich|schnellstens|h(o|oe)chste priorit(a|ae)t|so schnell wie (m(o|oe)glich|es geht)|so bald wie m(o|oe)glich|unverz(u|ue)glich|kritisch", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(produktion|produktiv\\p{L}*|live\\p{L}*|checkout|kasse|shop|webshop|onlineshop|server|system|plattform|seite|website|webseite|api|zahlung\\p{L}*|bezahlung) (${W} ){0,3}(ist |sind )?(down|offline|ausgefallen|tot|nicht erreichbar|steht|lauft nicht|laeuft nicht|funktioniert nicht|geht nicht|kaputt)|(niemand|keiner) (${W} ){0,1}kann (sich |uns )?(mehr )?(einloggen|anmelden|bezahlen|zahlen|bestellen)|(kunden|kundinnen|nutzer|niemand|keiner) (${W} ){0,2}(konnen|koennen|kann) (${W} ){0,3}(nicht|nichts) (mehr )?(bezahlen|zahlen|bestellen|einkaufen|kaufen|einloggen|anmelden|auschecken)|produktionsausfall|totalausfall|kompletter ausfall|alles steht|verlieren (${W} ){0,2}(geld|umsatz|kunden|bestellungen)`],
      [0.75, "needs it now", `(brauche|brauchen|benotige|benoetige|benotigen) (${W} ){0,4}(heute|jetzt|sofort|bis morgen|gleich)|(muss|mussen|muessen) (${W} ){0,4}(heute|sofort|bis morgen|heute noch|noch heute)|(jetzt|sofort|endlich|heute noch) (${W} ){0,2}(beheben|fixen|losen|loesen|reparieren|erledigen|freischalten|zuruckerstatten)|(behebt|behebe|fixt|repariert|lost|loest) (${W} ){0,3}(jetzt|sofort|endlich)`, { negatable: true }],
      [0.6, "has a deadline", `bis (sp(a|ae)testens )?(heute|morgen|heute abend|heute mittag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|ende der woche|ende des tages|mittag|\\d{1,2}(:\\d{2})? uhr|\\d{1,2}\\.\\d{1,2})|noch heute|heute noch|morgen (fr(u|ue)h|vormittag|um)|in (einer|zwei|drei|\\d+) (stunde|stunden|minuten)|(meeting|termin|pr(a|ae)sentation|launch|messe|demo|go-live|golive|deadline|abgabe|frist|flug|veranstaltung|event) (${W} ){0,3}(heute|morgen|gleich|in \\d+)|deadline|frist (${W} ){0,2}(l(a|ae)uft|endet)`],
      [0.6, "wants it now", "(jetzt|sofort)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `(warte|warten|gewartet) (${W} ){0,5}(mitarbeiter|mitarbeiterin|menschen|berater|agent|jemand|r(u|ue)ckruf)|warteschleife|\\d+ minuten (${W} ){0,3}(warte|warten|gewartet)`],
      [0.6, "asks to escalate", `eskalier\\p{L}*|(vorgesetzten|chef|manager|teamleiter|teamleitung|geschaftsfuhrung) (${W} ){0,2}(sprechen|verbinden|weiterleiten|einschalten)`],
      [0.6, "reports fraud in progress", `jemand hat (${W} ){0,3}(meiner|meine|meinem|mein) (karte|kreditkarte|konto|account)|(fremde|unbekannte|unberechtigte) (abbuchung|zahlung|buchung)\\p{L}*`],
      [0.55, "reports something that cannot wait", `ausgesperrt|(konto|karte|zugang|account) (${W} ){0,2}(gesperrt|blockiert)|komm(e)? (${W} ){0,2}nicht (mehr )?(rein|ins konto|in mein)|gehackt|betrug\\p{L}*|karte (${W} ){0,1}(gestohlen|verloren)|gestohlen|unberechtigte (abbuchung|zahlung)`],
      [0.6, "reports fraud in progress", `(sofort|umgehend|bitte) (${W} ){0,2}sperren|sperren sie (${W} ){0,2}(karte|kreditkarte|konto|zugang)|sperrt (${W} ){0,2}(karte|kreditkarte|konto|zugang)|(wurde|wurden|ist|sind|hat man|haben) (${W} ){0,3}(geklaut|gestohlen)(?![\\p{L}])|man hat mir (${W} ){0,3}(geklaut|gestohlen)`],
      [0.75, "reports an outage that cannot wait", `(system|seite|website|webseite|shop|onlineshop|kasse|app|server|plattform|portal) (ist|sind|war|waren) (${W} ){0,4}(down|ausgefallen|offline|nicht erreichbar)`],
    ],
    confused_user: [
      [0.65, "does not know whom to believe", `wem soll ich (jetzt |nun )?glauben|was stimmt (denn )?(jetzt|nun)`],
      [0.65, "asks where exactly", `wo genau (soll|ist|finde|sind) (das|ich|der|die|es)|welche[rsn]? (${W} ){0,2}(ist|sind) (denn |hier |damit )?gemeint`],
      [0.7, "does not get it", `check (ich|i) (nicht|nich|net|ned)(?![\\p{L}])|weiss (nicht|nich) (mal )?wo (ich )?anfangen`],
      [0.85, "says they are confused", `(total|voll|komplett|echt|bisschen) lost|(verstehe|versteh|kapiere|kapier|checke|check|begreife|begreif) (${W} ){0,5}(nicht|nichts|kein wort)|verstehe nur bahnhof|versteh('s| es) nicht|blick(e)? (${W} ){0,5}(nicht|null|gar nicht|uberhaupt nicht|ueberhaupt nicht|kaum) (mehr )?durch|verwirrt|verwirrend|was (meinen sie|meinst du|hei(ss|ß)t das|bedeutet das|soll das (hei(ss|ß)en|bedeuten))|wie (ist|war) das gemeint|(bin|sind) (${W} ){0,2}(ratlos|verloren|(u|ue)berfordert|aufgeschmissen)|werde (${W} ){0,2}nicht schlau|nicht schlau (draus|daraus)|(ergibt|macht) (${W} ){0,2}keinen sinn|(nicht|kaum) nachvollziehbar|unverst(a|ae)ndlich|keine ahnung|kp|keinen (plan|schimmer)`],
      [0.6, "is unsure what to do", `(bin mir|ich bin) (${W} ){0,1}nicht (ganz |so |wirklich |sicher )?sicher|wei(ss|ß|s) (${W} ){0,1}nicht,? (wie|was|wo|ob|welche\\p{L}*|warum|wieso|wann)|wei(ss|ß) nicht weiter|komme (${W} ){0,2}nicht weiter|steh(e)? (${W} ){0,2}auf dem schlauch|(das|es) ist (mir )?(unklar|nicht klar)|ist mir (nicht klar|unklar)`],
      [0.6, "asks 'wait, so …'", `(moment|warte|warte mal|sekunde|augenblick),? (${W} ){0,2}(also|dann|heisst das|hei(ss|ß)t das|soll ich|muss ich)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `welche(r|s|n)? (${W} ){0,3}(ist|sind) (denn |nun |jetzt )*(die |der |das )?(richtige|korrekte|g(u|ue)ltige|aktuelle)`],
      [0.6, "asks what something means", `was (bedeutet|bedeuten|hei(ss|ß)t|heisst|meint ihr mit|meinen sie mit)`],
      [0.55, "asks which one", `(welche|welcher|welches|welchen)( denn| jetzt| nun)?\\s*\\?`],
      [0.4, "hesitates", "hmm+|(a|ae)hm+|(a|ae)h+m*\\?"],
    ],
    buying_signal: [
      [0.75, "asks about adding seats", `(\\d+|zwei|drei|weitere|zusatzliche) (${W} ){0,1}(nutzer|benutzer|lizenzen|platze|arbeitsplatze|sitze|leitungen|mitglieder|accounts|karten|sim-karten) (${W} ){0,1}(hinzufugen|hinzubuchen|dazubuchen|dazu buchen|zubuchen)`],
      [0.7, "asks about a bigger plan", `(angebot|rabatt|tarif|preise?|konditionen) (${W} ){0,1}fur (firmenkunden|firmen|unternehmen|teams|gruppen|vereine)|(bra(u|ue)chten|brauchen|wollen|mochten|moechten|suchen) (ca\\.? |etwa |rund |circa )?\\d+ (mitgliedschaften|lizenzen|platze|plaetze|zugange|zugaenge|nutzer|abos|tickets)`],
      [0.8, "asks about price", `was kostet|was (wurde|wuerde|wird|soll|wurden) (das|es|die|der|${W}) (${W} ){0,3}kosten|wie( )?viel (kostet|kosten|zahlt|zahle|zahlen|wurde|waere|ware)|wie teuer|preis(e|en|liste|modell|gestaltung|(u|ue)bersicht|info\\p{L}*)?|kosten (f(u|ue)r|pro|im|bei)|(ein |ein individuelles |ein unverbindliches )?angebot (${W} ){0,2}(erstellen|schicken|senden|machen|bekommen|anfordern|erhalten)|kostenvoranschlag|konditionen`, { negatable: true }],
      [0.8, "wants to buy", `(dazu|hinzu|zu)buchen|(dazu|hinzu)nehmen|(m(o|oe)chte|m(o|oe)chten|will|wollen|w(u|ue)rde|w(u|ue)rden|planen|gerne) (${W} ){0,4}(kaufen|bestellen|erwerben|buchen|abschlie(ss|ß)en|upgraden|abonnieren|lizenzieren|erweitern|bezahlen|wechseln auf|aufstocken)|(kaufen|bestellen|buchen|upgraden) (${W} ){0,1}(m(o|oe)chte|m(o|oe)chten|will|wollen)|(wo|wie) kann (ich|man) (${W} ){0,3}(kaufen|bestellen|buchen|upgraden|abonnieren)|kann (ich|man) (${W} ){0,7}(kaufen|bestellen|abonnieren)\\s*\\?`, { negatable: true }],
      [0.7, "asks about plans or trials", `testversion|test-version|kostenlos testen|probeabo|probezeit\\p{L}*|testphase|testzugang|(eine |einen )?demo|jahres(plan|abo|lizenz|vertrag|tarif)|(pro|premium|business|team|enterprise|unternehmens)-?(plan|tarif|paket|version|lizenz|abo)|welche(r|n|s)? (plan|tarif|paket)|mengenrabatt|staffelpreis\\p{L}*|(mehr|zusatzliche|weitere) (lizenzen|nutzer|platze|plaetze|seats|benutzer)|lizenzen f(u|ue)r`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade\\p{L}*|rabatt\\p{L}*|gutschein\\p{L}*|aktionscode|interesse an`, { negatable: true }],
      [0.75, "asks about a bigger plan", `angebot (fur|uber|fuer|ueber) (${W} ){0,3}(weitere|zusatzliche|zusaetzliche|mehr)|(weitere|zusatzliche|zusaetzliche) (standorte|filialen|lizenzen|nutzer|platze|plaetze|arbeitsplatze|sitze)`],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `konkurrenz|konkurrent\\p{L}*|wettbewerber\\p{L}*|mitbewerber\\p{L}*`],
    ],
  },
  named: [
    // The fifty-sixth blind set: "bei Neon zahle ich keine Fremdwährungsgebühr", "nehm ich meine Stammkunden eben mit zu Malt".
    [0.7, "says what a named rival charges", `bei ${NAME}(?= (zahle|zahlen|bekomme|bekommen|kriege|kriegen|habe|haben|gibt es|gibts) )`, ["competitor_mention"]],
    [0.85, "takes their customers to a named rival", `(nehm|nehme|nehmen) (ich|wir) (${W} ){1,3}(eben |halt |dann )?mit (zu|nach) ${NAME}`, ["churn_risk", "competitor_mention"]],
    [0.7, "names the tool they used before", `(vorher|fruher|frueher|bisher|zuvor) (hatten|nutzten|waren|benutzten|verwendeten|hatte|nutzte|war) (wir|ich) (bei )?${NAME}|(kommen|komme|gewechselt) (${W} ){0,2}von ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(viel |deutlich |wesentlich |um einiges )?(einfacher|besser|gunstiger|schneller|intuitiver|ubersichtlicher|billiger) als ${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(kunftig|kuenftig|ab jetzt|ab sofort|in zukunft|von nun an) (bei|uber|ueber) ${NAME}|(wechseln|wechsle|wechsel|gehen|ziehen|umsteigen|steigen|migrieren|umziehen)( ${W}){0,2} (zu|(?<!ziehen( ${W}){0,2} )nach|auf) ${NAME}|(wechseln|wechsle|wechsel|umsteigen|migrieren)( ${W}){0,2} (zur|zum) ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(bei|mit|von) ${NAME}( ${W}){0,6} (wenigstens|zumindest|immerhin|nie|niemals|gratis|kostenlos|g(u|ue)nstiger|billiger|besser|schneller|problemlos|sofort)|(wie|als) (bei|mit) ${NAME}|(bei|mit) ${NAME}( ${W}){1,8},? (warum|wieso|aber) (${W} ){0,2}(bei euch|bei ihnen|hier)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(nutzen|nutze|verwenden|verwende|arbeiten mit|haben) (aktuell|derzeit|momentan|noch|bisher)( noch)? ${NAME}|(bisher|aktuell|derzeit|momentan|noch) (arbeiten|arbeite) (wir|ich) mit ${NAME}|(bisher|aktuell|derzeit|momentan) (nutzen|verwenden|haben) (wir|ich) ${NAME}`, ["competitor_mention"]],
    [0.7, "is weighing a named alternative", `(wir|ich) (evaluieren|testen|prufen|pruefen) (gerade |aktuell |derzeit )?${NAME}`, ["competitor_mention"]],
    [0.7, "compares with a named competitor", `bei (der |dem |den )?${NAME} (kostet|zahle|zahlt|bezahle|zahlen|bekomme|bekommt)[^.!?]{0,50} (weniger|billiger|gunstiger|guenstiger)`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(einfacher|besser|gunstiger|guenstiger|schneller|billiger) als (bei |mit )(der |dem |den )?${NAME}`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(vergleichen|vergleiche|verglichen) (${W} ){0,2}mit ${NAME}`, ["competitor_mention"]],
  ],
};
