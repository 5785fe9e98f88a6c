import { type LanguageSource, NAME } from "./pack";

/**
 * Italian. Folded: lower case, accents removed (è→e, perché→perche, più→piu); elisions ("l'app",
 * "dell'abbonamento") keep the apostrophe, which the cue syntax treats as optional.
 */

const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not a negator. */
const G = "(?!(?:non|mai|niente|nulla|piu)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const it: LanguageSource = {
  words: [
    [-1.5, "peccato mancato mancata smarrito smarrita"],
    [2.5, "bravo brava bravi brave complimenti puntuale puntuali disponibile disponibili cordiale cordiali professionale professionali"],
    [-1.5, "ritardo ritardi ritardato cancellato cancellata annullato annullata respinto respinta scatta lagga"],
    [3, "eccellente* perfetto perfetta perfetti perfettamente ottimo ottima ottimi fantastic* meraviglios* stupend* splendid* incredibil* adoro impeccabile* straordinari*"],
    [2.5, "piaciut* convint* contento contenta contenti soddisfatt* grato grata utile utili efficiente* veloce veloci velocemente rapido rapida rapidamente gentile gentili cortese* facile risolto risolta sistemato sistemata top"],
    [2, "miglioramento* migliorat* bene buono buona buoni buone bello bella meglio migliore migliori piace corretto corretta chiaro chiara affidabile* consiglio"],
    [1.5, "grazie ringrazi*"],
    [0.7, "ok okay"],
    [-0.5, "attesa aspettare aspettando caro cara"],
    [-0.7, "problema problemi purtroppo"],
    [-1, "lento lenta lenti lentezza complicat* strano strana manca mancano"],
    [-1.5, "errore errori bug bloccato bloccata bloccati rifiutat* negat* perso persa persi sbagliat* impossibile sospes* preoccupat* fallit* fallisce"],
    [-2, "rompe danneggiat* crash crasha crashato crashata guasto guasta guasti rotto rotta rotti difettos* irritat* infastidit* delus* deludente* arrabbiat* seccat*"],
    [-2.5, "male pessimo pessima peggio peggiore inutile inutili frustr* orribile* terribile* penoso penosa scadente"],
    [-2.4, "frode frodi truffa"],
    [-3, "disastr* inaccettabile inammissibile vergogn* ridicol* truffa* truffatori ladri furios* schifo schifoso* merda cazzo incompetent* pessimamente indecente scandalos*"],
  ],
  phrases: [
    [-1.5, `non (e |risulta )?(piu )?valid[oa]|invalid[oa]|(risulta|dice|indica|mostra|segna) (${W} ){1,5}ma (${W} ){0,2}(e |risulta )?(vuot[oa]|chius[oa]|sbagliat[oa]|divers[oa])`],
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `(per sbaglio|ho sbagliato)( (${W} ){0,4}sbagliat[oaie])?|nessuna fretta|senza fretta|non c.e fretta|al piu presto|(velocemente|subito),? per favore`],
    [0, "buongiorno|buonasera|buona giornata|buona serata|buon pomeriggio|(grazie )?in anticipo|grazie mille in anticipo|(cordiali )?saluti|distinti saluti|un saluto|buona domanda|il piu (veloce|rapido|velocemente) possibile|e possibile|gentile (cliente|assistenza|supporto)|va bene se|per errore|per sbaglio|ci sono problemi se"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "(errore|colpa|sbaglio) mi[oa]|(mio|mia) (errore|colpa|sbaglio)|(scusa|scusate|scusi|scusami|mi scusi) (per )?il (disturbo|ritardo)|(ho|abbiamo) sbagliato (io|noi)|mi sono sbagliat[oa]"],
    // Support trouble: no emotion word, still bad news.
    [-2, `troppo (alta|alto|cara|caro)|il (doppio|triplo)|non (mi |ci )?(hanno |ha |e |sono )?(stato |stata |stati )?(pagato|pagata|versato|rimborsato|accreditato|accreditata|consegnato|consegnata|elaborato)|in ritardo`],
    [-2.5, `qualcuno (${W} ){0,1}ha (usato|utilizzato|pagato con) (${W} ){0,1}(la mia|il mio) (carta|conto|account)|(addebit[oi]|pagament[oi]|acquist[oi]) (${W} ){0,1}(che non ho fatto|non riconosciut[oi]|non autorizzat[oi])`],
    [-3, "non funziona (piu )?niente|niente funziona|e tutto (fermo|bloccato|giu)|tutto (fermo|bloccato|giu)"],
    [-2.5, `(non|mai) (mi |ci |si |lo |la )?(${W} ){0,1}(funziona|funzionano|funzionava|va|vanno|carica|caricano|apre|aprono|risponde|parte|arriva|arrivano|arrivato|arrivata|sincronizza|salva|invia|funge|accetta|passa|compare|compaiono|entra)|(mi|ci) (${W} ){0,1}(hanno|avete|ha) (${W} ){0,1}(addebitato|addebitata|addebitati|fatturato|scalato|prelevato|detratto|addebitate) (${W} ){0,2}(due volte|2 volte|tre volte|doppio|in piu|di nuovo)|(addebitat[oaie]|pagat[oaie]|fatturat[oaie]|prelevat[oaie]) (${W} ){0,1}(due volte|2 volte|2x|tre volte|in doppio|doppio)|nessuno (${W} ){0,1}riesce (a |ad )?(entrare|accedere|pagare|collegarsi|comprare)|(doppio|doppia) (addebito|pagamento|fatturazione|prelievo)|(addebito|pagamento) (doppio|duplicato)|(nessuna|senza|non ho ricevuto|mai ricevuto|ancora nessuna) (${W} ){0,1}(risposta|riscontro|notizia|notizie|conferma)|(e|sono|si e|si sono) (${W} ){0,1}(bloccat[oaie]|fermo|ferma|fermi|giu|down|offline|fuori servizio|crashat[oaie]|impallat[oaie])|non (mi |ci )?(fa|fanno|lascia|lasciano) (${W} ){0,1}(accedere|entrare|pagare|scaricare|salvare|aprire|collegare|usare)|si blocca|si pianta|crasha|si chiude da sol[oa]|si impalla|si riavvia|(senza|non (ho|c e|abbiamo)) (internet|linea|rete|segnale|connessione|corrente|wifi)|non (${W} ){0,1}(ho ricevuto|abbiamo ricevuto|e arrivato|e arrivata|sono arrivati)|non si accende|(arrivato|arrivata) (${W} ){0,1}(rott[oa]|danneggiat[oa])|rompe tutto|(ancora|continua a|continuano a) (${W} ){0,1}non (funzionare|funziona|andare|va)|fuori servizio|non disponibile|irraggiungibile`],
    [-2, `non (mi |ci )?(riesco|riusciamo|posso|possiamo|sono riuscito|sono riuscita) (${W} ){0,2}(accedere|entrare|loggarmi|fare il login|pagare|scaricare|aprire|salvare|inviare|cambiare|modificare|disdire|collegare|connettermi|vedere|trovare|usare|installare|attivare|esportare|importare|stampare|comprare|registrarmi|completare)|di nuovo|ancora una volta|un'altra volta|troppo (caro|cara|lento|lenta|complicato)|(aspetto|aspettiamo|attendo|sto aspettando) (${W} ){0,2}(da|giorni|settimane|ore)`],
    [-1.5, "(ho|abbiamo) un problema|(c'e|ce) (un )?problema|qualcosa (non va|non funziona)|non va bene"],
    [1.5, "va bene|nessun problema|non (c'e|ce) problema|non preoccuparti|tutto a posto|tutto ok"],
    [2.5, `(ora|adesso|finalmente) (${G} ){0,1}(funziona|funzionano|va|e tutto ok)|(funziona|funzionano|va) (${G} ){0,1}(perfettamente|benissimo|bene|di nuovo|alla grande)|(grazie mille|mille grazie|grazie tante|grazie infinite)|grazie (per l'aiuto|per l'assistenza|dell'aiuto|per la risposta|per la pazienza|per la rapidita)|(problema|errore|bug) (${G} ){0,2}(risolto|sistemato|corretto)|mi (hai|avete|ha) (${W} ){0,1}aiutato|(molto|super|davvero) (utile|veloce|gentile|chiaro|disponibile)`],
    [-2, `si (disconnette|scollega|spegne|riavvia|blocca) (${W} ){0,3}(ogni|sempre|spesso|continuamente|da sol[oa])|(ogni sera|ogni giorno|ogni notte|ogni mattina) (si )?(disconnette|scollega|spegne|blocca|cade)`],
    [-2, `gia (stato |stata |stati )?pagat[oa]`],
  ],
  courtesy: "grazie ringrazio ringraziamo",
  negators: "non mai niente nulla nessuno nessun nessuna senza",
  postNegators: "",
  intensifiers:
    "molto:1.3 super:1.3 davvero:1.2 veramente:1.2 troppo:1.3 cosi:1.2 tanto:1.2 totalmente:1.3 completamente:1.3 proprio:1.2 estremamente:1.4 assolutamente:1.3 abbastanza:1.1 poco:0.6 parecchio:1.2 incredibilmente:1.4",
  contrast: "ma pero tuttavia eppure comunque",
  flagNegators: "non|mai|nemmeno|neanche|per niente|in nessun modo",
  conditionals: "se altrimenti quando",
  flags: {
    churn_risk: [
      [0.8, "plans to switch provider", `portabilita (del |della )?(mio |nostro )?(numero|linea)|portare (il )?(mio |nostro )?(numero|linea)`],
      [0.75, "says this is the end", `(e|sara|questo e) (il )?(mio|nostro) ultimo (mese|pagamento|abbonamento)|ultim[oa] (mese|rata|mensilita|pagamento) che (${W} ){0,1}(pago|paghiamo|paghero)|convincetemi a restare|(datemi|dammi|mi dia|mi date) un (solo |buon )?motivo per restare|(cancello|disinstallo|elimino) (l app|l applicazione)|(?<![\\p{L}])addio(?![\\p{L}])|mai piu (da voi|con voi)`],
      [0.85, "asks to cancel", `disdir\\p{L}*(?! (${W} ){0,2}(visita|appuntamento|prenotazione|ordine|tavolo|consegna|lezione))|disdite (il|la|lo|l'|i|gli|le|mio|mia|miei|mie|nostro|nostra) |(?<!(condizioni|termini|politica|preavviso|modalita|costi) di )disdett\\p{L}*|disdic\\p{L}*|(chiudete|cancellate|annullate|annullare|annullo|annullate|annullamento|cancellare|cancello|cancellazione|chiudere|chiudo|chiusura|eliminare|elimino|interrompere|terminare|recedere|recesso|rescindere|sospendere) (${W} ){0,3}(abbonamento|account|conto|contratto|piano|servizio|licenza|rinnovo|iscrizione|sottoscrizione)|(abbonamento|contratto|account) (${W} ){0,2}(annullato|cancellato|chiuso|disdetto)|disiscri\\p{L}*|(voglio|vorrei|vogliamo|devo) (${W} ){0,1}(annullare|cancellare|recedere)(?! (${W} )?(ordine|ordinazione|acquisto|prenotazione|bonifico|pagamento|appuntamento|riunione))`, { negatable: true }],
      [0.4, "asks about cancellation terms", "(condizioni|termini|politica|preavviso|modalita|costi) di (disdetta|recesso)|penale"],
      [0.85, "will not renew", `non (${W} ){0,2}(rinnovo|rinnoveremo|rinnovero|rinnoviamo|rinnovare)|mancato rinnovo|senza rinnovare`],
      [0.85, "says they will never come back", `mai piu (${W} ){0,2}(con voi|da voi|compro|acquisto|uso)|ci salutiamo qui|(e )?(arrivato il momento|ora) di salutarci|(abbiamo|ho) deciso di (${W} ){0,2}(chiudere|disdire|passare|lasciare|non rinnovare|smettere|interrompere|andare)|(chiudete|cancellate|annullate|disdite) tutto`],
      [0.85, "says they are leaving", `(passare|passo|passiamo|passeremo|andare|vado|andiamo|migrare|migriamo|cambiare|cambio|cambiamo) (${W} ){0,2}(a|alla|al|da|con|verso) (la concorrenza|concorrenza|un concorrente|un altro fornitore|un'altra azienda|un altro servizio|un'altra piattaforma|un altro strumento|un'altra app|un altro gestore)|cambi\\p{L}* (fornitore|gestore|operatore|servizio|piattaforma|banca)|(vi|ti) (lascio|lasciamo|lascero|lasceremo|abbandono|abbandoniamo)|(me ne vado|ce ne andiamo|ce ne andremo|me ne andro)|(o|altrimenti|se no|senno) (${W} ){0,1}(disdico|disdiciamo|passo|passiamo|cambio|cambiamo|me ne vado|ce ne andiamo)`, { negatable: true }],
      [0.75, "plans to switch provider", `(passo|passiamo|passero|passeremo|migro|migriamo|cambio|cambiamo) (${W} ){0,1}(a|ad|su|verso) (?!(?:il|lo|la|un|uno|una|piano|pro|premium|business|annuale|mensile)(?![\\p{L}]))`, { negatable: true }],
      [0.7, "looks for alternatives", `(cercando|cercare|cerco|cerchiamo|valutando|valutare|valutiamo|provando|provare|confrontando|guardando) (${W} ){0,2}(alternative|altre soluzioni|altri fornitori|altre aziende|altri strumenti|la concorrenza|concorrenti)|alternative a (voi|questo|questa|il vostro)`],
      [0.45, "asks for a refund", `refund\\p{L}*|rimbors\\p{L}*|(restituire|restituite|ridatemi|rivoglio) (${W} ){0,1}(i )?(miei )?soldi|soldi indietro|storno|chargeback`, { negatable: true }],
      [0.55, "downgrades or pauses", `downgrade|(declassare|ridurre|abbassare) (${W} ){0,2}piano|(torn|pass|ritorn|scend)\\p{L}* (${W} ){0,7}(?<!(?:dal|dallo|dalla|del|da) (?:${W} ){0,2})(gratuito|gratis|free|base|basic|essenziale|light|lite|starter|minimo|piu economico)(?![\\p{L}])|(ridurre|diminuire|abbassare|scendere) (${W} ){0,3}(utenti|licenze|linee|postazioni|sim|abbonamento)|(mettere in pausa|sospendere|congelare) (${W} ){0,1}(abbonamento|account|piano)`, { negatable: true }],
      [0.5, "questions the value", `non (ne )?vale (${W} ){0,1}(la pena|il prezzo|quello che pago|i soldi)|troppo caro|soldi buttati|(contratto|abbonamento|licenza) (${W} ){0,3}(scade|termina|finisce|in scadenza)`],
      [0.85, "wants to close the account", `(chiudiamo|chiudo|chiuderemo|chiudero) (${W} ){0,1}(il conto|l.?account|l.?abbonamento|il contratto)`, { negatable: true }],
    ],
    frustrated_user: [
      [0.75, "thanks them for nothing or cannot take more", `grazie per (niente|nulla)|non ne posso piu`],
      [0.6, "has had enough", `ennesim[oa]|(?<![\\p{L}])basta[.!]|(tre|quattro|cinque|mille) volte (che )?(${W} ){0,2}(scrivo|chiedo|chiamo|segnalo)`],
      [0.85, "has had enough", `(sono|siamo) (${W} ){0,1}(stufo|stufa|stufi|stanco di|stanca di|stanchi di|furios[oaie]|arrabbiat[oaie]|incazzat[oaie]|esasperat[oaie]|delus[oaie]|frustrat[oaie]|indignat[oaie])|(e|questa e) (una )?(vergogna|vergognoso|inaccettabile|ridicolo|assurdo|uno schifo|un disastro|una truffa|una presa in giro|una barzelletta|scandaloso)|inaccettabile|inammissibile|assurdo|vergognoso|una vergogna|presa in giro|(mi|ci) (state|stai) prendendo in giro|peggior(e)? (servizio|esperienza|assistenza|app|azienda)|che schifo|schifo|merda|cazzo|basta!|basta cosi|ne ho (abbastanza|le scatole piene|piene le scatole)|(mi avete|mi hai) (rotto|stufato)|non ne posso piu|ho perso la pazienza`],
      [0.45, "says it is still not fixed", `ancora (${W} ){0,1}(non|nessun\\p{L}*|niente|bloccat\\p{L}*)`],
      [0.6, "reports it still does not work", `di nuovo|ancora una volta|un'altra volta|(un altro|un altra|altro|altra) (${W} ){0,2}(che )?(rompe|blocca|cancella)|(seconda|terza|quarta|quinta|ennesima|\\d+a) volta|non funziona mai|mai (funziona|va)|sempre (lo stesso (problema|errore)|la stessa cosa|bloccato|si blocca)`],
      [0.6, "gets the same canned answer", `(la stessa|sempre la stessa|di nuovo la stessa) (${W} ){0,1}(risposta|messaggio)|risposta (automatica|preconfezionata|standard)|(leggete|leggi) (${W} ){0,2}(quello che scrivo|i miei messaggi)`],
      [0.6, "has repeated themselves", `quante volte|(ho|abbiamo) (chiesto|mandato|inviato|scritto|chiamato|segnalato|spiegato|ripetuto|telefonato) (${W} ){0,2}(tre|quattro|cinque|sei|dieci|mille) volte|(l'ho |ho |abbiamo )(gia )?(detto|spiegato|scritto|chiesto|provato|inviato|segnalato) (${W} ){0,1}(gia |piu volte|mille volte|prima)|come (ho )?(gia )?(detto|spiegato|scritto)|(ve|te) l'ho (gia )?(detto|scritto|spiegato)`],
      [0.6, "wants a human", `(parlare|chattare|comunicare) (${W} ){0,1}con (un |una |qualcuno |un'|qualche )?(essere umano|umano|persona|operatore|operatrice|agente|consulente|responsabile|supervisore|reale|vero|vera)|(una )?persona (vera|reale)|(un )?operatore umano|(bot|robot|chatbot) (inutile|stupido|scemo)|(sei|siete) (inutile|inutili|stupido)|non (mi )?(serve|servi|state aiutando|stai aiutando|aiuta) (a )?(niente|nulla)|non mi (state|stai) aiutando`],
      [0.45, "has been kept waiting", `(aspetto|aspettiamo|attendo|attendiamo|sto aspettando|stiamo aspettando) (${W} ){0,2}(da|giorni|settimane|ore)|da (giorni|settimane|ore|mesi) (${W} ){0,2}(aspetto|attendo|senza|non)|(nessuna|senza|non ho ricevuto|mai ricevuto) (${W} ){0,1}risposta|nessuno (mi |ci )?(risponde|aiuta|richiama)`],
      [0.4, "exasperated", "pazzesco|allucinante|incredibile che|roba da matti|non ci posso credere|sul serio\\?|ma dai|non e possibile|com'e possibile|ma scherziamo|mi prendete in giro|perche (sempre|di nuovo|ci vuole cosi tanto)"],
      [0.85, "has had enough", `mi sto (innervosendo|arrabbiando|stufando|incazzando)|(sto|stiamo) perdendo la pazienza`],
      [0.85, "has had enough", `siete (una |un |degli |dei )?(barzelletta|vergogna|disastro|incompetenti|ridicoli|pagliacci)|(seconda|terza|quarta|quinta) (telefonata|chiamata|mail|volta|promessa)`],
    ],
    urgent_request: [
      [0.65, "complains about waiting for a human", `nessuno (mi )?(risponde|richiama)`],
      [0.75, "has a hard deadline", `(il )?(mio|nostro)? ?(volo|treno|concerto|spettacolo|appuntamento) (${W} ){0,1}(e |parte |inizia )?(tra (\\d+|un|due|tre) (ore|ora|minuti)|stasera|oggi|alle \\d)|(sono|siamo) (davanti|fuori) (all ingresso|alla porta|al cancello|al locker|all armadietto|al banco)`],
      [0.9, "says it is urgent", "urgent\\p{L}*|urgenza|immediatamente|subito|al piu presto|il prima possibile|prima possibile|quanto prima|asap|senza indugio|con urgenza|critico|critica|priorita|prioritario", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(produzione|negozio|shop|checkout|cassa|pagament[oi]|gateway|server|piattaforma|sistema|sito|api|servizio) (${W} ){0,3}(e |sono )?(giu|down|offline|fermo|ferma|bloccat[oaie]|fuori servizio|non funziona|non va|non risponde|irraggiungibile)|(clienti|utenti|nessuno|nessun cliente) (${W} ){0,2}(riescono|riesce|possono|puo) (${W} ){0,2}(pagare|comprare|accedere|entrare|ordinare)|(stiamo|continuiamo a) perde(ndo|re) (${W} ){0,2}(soldi|vendite|clienti|ordini)|e tutto (fermo|bloccato|giu)|nessuno (${W} ){0,1}riesce (a |ad )?(entrare|accedere|pagare|collegarsi|comprare)`],
      [0.75, "needs it now", `(ho bisogno|abbiamo bisogno|mi serve|ci serve|devo|dobbiamo) (${W} ){0,4}(oggi|adesso|ora|subito|entro domani|stasera|domattina)|(risolvete|sistemate|sbloccate|rimborsate|correggete|riattivate) (${W} ){0,2}(subito|ora|adesso|oggi|immediatamente)`, { negatable: true }],
      [0.6, "has a deadline", `(entro|prima di|per) (oggi|domani|stasera|domattina|mezzogiorno|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|fine giornata|la fine della giornata|fine settimana|le \\d{1,2}(:\\d{2})?)|domani mattina|domattina|oggi stesso|in (un'ora|una ora|due ore|tre ore|\\d+ (ore|minuti))|(riunione|presentazione|lancio|demo|volo|evento|fiera|audit) (${W} ){0,3}(oggi|domani|stasera|tra \\d+)|scadenza|deadline`],
      [0.45, "wants it right away", "in questo momento|proprio (ora|adesso)|(subito|adesso|ora)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `(aspetto|aspettando|attesa|attendo|aspettiamo) (${W} ){0,5}(operatore|operatrice|persona|umano|qualcuno|consulente)|(un ora|mezz ora|\\d+ minuti|\\d+ ore) (${W} ){0,2}(che )?(aspetto|attendo|di attesa|in attesa)`],
      [0.6, "asks to escalate", `escalation|escalare|(parlare|passare|inoltrare) (${W} ){0,2}(con |al |a un |a )(il |un |vostro |tuo )?(supervisore|superiore|responsabile|manager|direttore|capo)`],
      [0.6, "reports fraud in progress", `qualcuno (${W} ){0,1}ha (usato|utilizzato|pagato con) (${W} ){0,1}(la mia|il mio) (carta|conto|account)|(addebit[oi]|pagament[oi]|acquist[oi]) (${W} ){0,1}(che non ho fatto|non riconosciut[oi]|non autorizzat[oi])`],
      [0.55, "reports something that cannot wait", `(account|conto|carta) (${W} ){0,1}(bloccat[oa]|hackerat[oa]|violat[oa]|rubat[oa]|clonat[oa])|hacker\\p{L}*|frode\\p{L}*|fraudolent\\p{L}*|addebit[oi] (${W} ){0,1}non (riconosciut[oi]|autorizzat[oi])`],
      [0.6, "reports fraud in progress", `blocca(te|temi)? (${W} ){0,1}(la |la mia |il mio |il )?(carta|conto)|(mi hanno|hanno) (rubato|clonato)`],
    ],
    confused_user: [
      [0.85, "says they are confused", `(non|nn) ci capisco (niente|nulla)|non (lo |la |l')?(capisco|capiamo|ho capito|abbiamo capito|comprendo|capito)|(sono|siamo|mi sento) (${W} ){0,1}(confus[oaie]|pers[oaie]|disorientat[oaie])|(mi|ci) (sono |siamo )?(perso|persa|persi)|confuso|confusa|confusionario|non (e |mi e )?(molto |per niente )?chiaro|cosa (intendi|intende|intendete|vuol dire|significa)|che (cosa )?(vuol dire|significa)|non ha (nessun |alcun )?senso|non (ne )?ho (idea|la minima idea)|boh`],
      [0.6, "is unsure what to do", `non (sono|siamo) (${W} ){0,1}(sicur[oaie]|cert[oaie])|non so (bene |proprio )?(come|cosa|che cosa|dove|se|quale|quali|perche|quando)|non sappiamo (come|cosa|dove|se|quale)|ho (un )?dubbio|sono indeciso`],
      [0.6, "asks 'wait, so …'", `(aspetta|aspetti|un attimo|un momento|un secondo),? (${W} ){0,2}(quindi|cioe|allora|devo|bisogna)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `(quale|quali) (${W} ){0,3}(e|sono) (quella giusta|quello giusto|quella corretta|quello corretto|quelle giuste|quelli giusti)`],
      [0.6, "asks what something means", `cosa (significa|significano|vuol dire|vogliono dire|intendete con|intendi con)`],
      [0.55, "asks which one", `(quale|quali)( allora)?\\s*\\?`],
      [0.4, "hesitates", "ehm+|mmm+|uhm+"],
      [0.8, "says they do not understand", `non ci capisco (niente|nulla)|non (mi )?e chiaro|non capisco (niente|nulla)`],
    ],
    buying_signal: [
      [0.75, "asks about adding seats", `(aggiungere|aggiungete|aggiungi|aggiungiamo|aggiungo) (\\d+|due|tre|altri|altre|ancora) (${W} ){0,1}(posti|utenti|licenze|linee|postazioni|membri|account|sim)`],
      [0.7, "asks about a bigger plan", `(piano|piani|tariffa|offerta|prezzi?|sconto) (${W} ){0,1}per (aziende|team|gruppi|professionisti)|(siamo|saremo) (\\d+) (persone|dipendenti|utenti)`],
      [0.8, "asks about price", "prezz[oi]|tariff[ae]|listino|quanto (costa|costano|viene|verrebbe|costerebbe|si paga|pago)|preventivo|quotazione|offerta economica", { negatable: true }],
      [0.8, "wants to buy", `(voglio|vorrei|vogliamo|vorremmo|mi piacerebbe|ci piacerebbe|sono interessat[oa]|siamo interessati|intendo|intendiamo|pensiamo di) (${W} ){0,3}(acquistare|comprare|abbonarmi|abbonarci|sottoscrivere|attivare|ordinare|prenotare|passare al piano(?! (base|basic|gratuito|gratis|free|essenziale|starter|lite|light|minimo|piu economico))|fare l'upgrade|estendere)|(dove|come) (posso|possiamo|si puo) (${W} ){0,2}(acquistare|comprare|abbonarmi|sottoscrivere)`, { negatable: true }],
      [0.7, "asks about plans or trials", `prova gratuita|periodo di prova|versione di prova|trial|demo|dimostrazione|piano (pro|premium|business|aziendale|annuale|team|enterprise)|(quale|quali) (piano|piani|abbonamento)|sconto (per )?volume|(piu|altre|nuove|ulteriori) (licenze|postazioni|utenti)|licenze (per|aggiuntive)`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade|sconto|sconti|coupon|codice promozionale|promozione|interessat[oaie] (a|al|alla|ai)`, { negatable: true }],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `concorren\\p{L}*`],
    ],
  },
  named: [
    [0.7, "names the tool they used before", `(prima|in precedenza) (usavamo|usavo|avevamo|avevo|eravamo|ero) (con |su |da )?${NAME}|(veniamo|vengo|venivamo|venivo) da ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(molto |decisamente |piu )?(piu semplice|piu facile|meglio|piu economico|piu veloce|piu intuitivo|piu chiaro) (di|che) ${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(passo|passiamo|passare|passero|passeremo|vado|andiamo|andare|cambio|cambiamo|migro|migriamo|porto|portiamo|portare)( ${W}){0,2} (a|ad|con|verso|su|in) ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(con|da|su|in) ${NAME}( ${W}){0,6} (almeno|mai|gratis|costa meno|costa la meta|meglio|piu veloce|subito|senza problemi)|come (con|da|su) ${NAME}|(con|da|su) ${NAME}( ${W}){1,8},? (perche|ma) (${W} ){0,2}(da voi|qui|con voi)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(usiamo|uso|utilizziamo|lavoriamo con|abbiamo) (ora|attualmente|ancora|per ora)( ${W})? ${NAME}|(ora|attualmente|oggi) (usiamo|uso|utilizziamo|lavoriamo con|lavoro con|siamo con|sono con) ${NAME}`, ["competitor_mention"]],
    [0.7, "is weighing a named alternative", `(stiamo |sto )?(valutando|provando|testando) ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `meglio (che|di) (con )?${NAME}`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(confrontando|confrontiamo|confrontare|paragonando) (${W} ){0,2}con ${NAME}`, ["competitor_mention"]],
  ],
};
