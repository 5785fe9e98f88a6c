/**
 * Cue lists of the built-in intents in English, German, French, Spanish, Portuguese, Italian and
 * Dutch. Each entry is a weight and `|`-separated phrases, written as people type them; they are
 * compiled once (accents folded, split into words like messages are, see intent-terms.ts), so
 * "résilier" also matches "resilier".
 *
 * Phrase syntax:
 *  - words in order ("cancel my subscription"); apostrophes split words, so "doesn't" is "doesn t";
 *  - `word*` (single word only): any word starting with it ("kündig*" → kündigen, Kündigung);
 *  - `a b ~ c d` : any word of the left set within 6 words of any word of the right set, either
 *    order ("talk ~ human" matches "can I talk to a real human").
 *
 * Weights: ~0.9 says the intent on its own, ~0.7 usually does, ≤ 0.45 only adds to other evidence
 * (the acceptance bar is 0.35, but these words are ambiguous alone, see intent-builtin.ts).
 */

export const BUILTIN_INTENTS = [
  "cancellation",
  "human_handoff",
  "billing_issue",
  "bug_report",
  "account_management",
  "pricing_question",
  "feature_request",
  "feedback",
  "thanks",
  "greeting",
] as const;
export type BuiltinIntent = (typeof BUILTIN_INTENTS)[number];

export const INTENT_CUES: Record<BuiltinIntent, ReadonlyArray<readonly [number, string]>> = {
  greeting: [
    [0.9, "hi|hello|hey|hiya|howdy|greetings|good morning|good afternoon|good evening|morning|yo|hi there|hey there"],
    [0.9, "hallo|guten morgen|guten tag|guten abend|servus|moin|gruss gott|bonjour|bonsoir|salut|coucou|hola|buenos dias|buenas tardes|buenas noches|buenas"],
    [0.9, "ola|oi|bom dia|boa tarde|boa noite|ciao|buongiorno|buonasera|salve|goedemorgen|goedemiddag|goedenavond|hoi|hallo daar"],
    [0.7, "anyone there|anybody there|is anyone here|how are you|ist jemand da|il y a quelqu un|hay alguien|tem alguem|c e qualcuno|is er iemand"],
  ],
  thanks: [
    [0.9, "thanks|thank you|thx|thnx|cheers|many thanks|much appreciated|appreciate it|appreciate your help|appreciate the help"],
    [0.9, "danke|dankeschon|vielen dank|merci|merci beaucoup|gracias|muchas gracias|obrigado|obrigada|muito obrigado|grazie|grazie mille|bedankt|dank je|dank u|dankjewel|dank je wel"],
    [0.85, "big thanks|really appreciate|appreciate you|appreciate the|grand merci|danke an|gracias de verdad"],
  ],
  human_handoff: [
    [0.92, "talk speak ~ human humans person someone somebody agent representative operator manager supervisor staff"],
    [0.7, "transfer me to|put me through to|connect me with|connect me to|chat with a human|chat with someone"],
    [0.9, "real person|real human|human agent|live agent|live person|live chat|human being|actual person|not a bot|stop the bot|escalate to a human"],
    [0.6, "customer service|customer support|support team|support agent|are you a bot|are you human|are you a robot|call me|phone number"],
    [0.8, "escalate|escalating|escalation|pick up the phone|eskalieren|eskalation|escalader|escalar|escale|escalare|escaleren|pasadme con alguien|pasame con alguien|passez moi quelqu un"],
    [0.8, "wait waiting warte wartend attends espera esperando aspetto aspettando wacht ~ agent human person someone mitarbeiter mitarbeiterin menschen conseiller humain persona alguien atendente operatore medewerker"],
    [0.6, "send someone|send a technician"],
    [0.8, "auf einen mitarbeiter|auf einen menschen|for an agent|for a human|for a person|un conseiller|a una persona|por un agente|por um atendente|un operatore|op een medewerker"],
    [0.92, "sprechen reden verbinden ~ mensch menschen mitarbeiter mitarbeiterin menschlichen berater|echten menschen|echte person|kein bot"],
    [0.92, "parler joindre ~ humain humaine personne conseiller conseillere agent operateur|vraie personne|vrai humain"],
    [0.92, "hablar comunicarme ~ persona humano agente asesor operador|persona real|ser humano"],
    [0.92, "falar ~ atendente pessoa humano agente|pessoa real|atendimento humano|atendente humano"],
    [0.92, "parlare ~ operatore operatrice persona umano consulente|persona reale|operatore umano"],
    [0.92, "spreken ~ medewerker mens persoon|echte persoon|echt mens"],
    [0.6, "kundenservice|kundendienst|service client|atencion al cliente|servicio al cliente|atendimento ao cliente|servizio clienti|klantenservice"],
  ],
  feature_request: [
    [0.9, "feature request|add support for|would love it if|d love it if|would be nice if|would be great if|would be cool if|would be helpful if|would be useful if|would be nice to|would be great to|nice to have"],
    [0.8, "please add|can you add|could you add|could you guys add|will you add|any plans to|plans to add|plan to support|on the roadmap|wish it had|wish you had|wish there was|wish i could|there should be an option|should have an option|add an option"],
    [0.6, "roadmap|missing feature|new feature|suggestion|is it possible to add|would it be possible to add"],
    [0.4, "feature|integration with|support for"],
    [0.85, "ware schon wenn|ware toll wenn|ware super wenn|ware gut wenn|ware praktisch wenn|ware hilfreich wenn|funktionswunsch|neue funktion|bitte fugt|konnt ihr hinzufugen|bitte hinzufugen"],
    [0.85, "ce serait bien|ce serait genial|ce serait top|ce serait pratique|ce serait utile|pourriez vous ajouter|pouvez vous ajouter|nouvelle fonctionnalite|ajouter la possibilite|ajouter une option"],
    [0.85, "seria genial|seria bueno|seria util|estaria bien|podrian anadir|podrian agregar|pueden anadir|pueden agregar|nueva funcion|nueva funcionalidad"],
    [0.85, "seria otimo|seria bom|seria util|seria legal|poderiam adicionar|podem adicionar|nova funcionalidade|nova funcao"],
    [0.85, "sarebbe bello|sarebbe utile|sarebbe fantastico|sarebbe comodo|potreste aggiungere|potete aggiungere|nuova funzionalita"],
    [0.85, "zou fijn zijn|zou handig zijn|zou mooi zijn|zou top zijn|kunnen jullie toevoegen|nieuwe functie|nieuwe functionaliteit"],
    [0.45, "funktion|fonctionnalite|funcionalidad|funcionalidade|funzionalita|functie|toevoegen|hinzufugen|ajouter|anadir|agregar|adicionar|aggiungere"],
  ],
  feedback: [
    [0.85, "love your app|love the app|love this app|love your product|love the product|love this tool|love it|love the new|great app|great product|great service|great job|great work|good job|nice work|well done|awesome job|keep it up|keep up the good work|you guys rock|you rock|amazing product|amazing app|best app|best tool|big fan"],
    [0.7, "feedback|really like|really enjoy|i like the|i love the|i hate the|i dislike|the new design|the new ui|new interface|new layout|the redesign|in my opinion|just wanted to say"],
    [0.85, "tolle app|super app|gute arbeit|weiter so|gefallt mir|finde ich toll|finde ich super|grossartig|klasse app|j adore|super appli|bravo|excellent travail|continuez comme ca|tres satisfait|me encanta|excelente app|buen trabajo|gran trabajo|sigan asi"],
    [0.85, "adoro|amei|excelente aplicativo|bom trabalho|otimo trabalho|parabens|continuem assim|ottimo lavoro|bravi|complimenti|continuate cosi|geweldige app|top app|goed gedaan|ga zo door|ik vind het geweldig"],
    [0.6, "ruckmeldung|retour|avis|opinion|opiniao|parere|mening"],
    [0.75, "kudos|really impressed|glad we switched|so much better|way easier|best support|top notch|love the|very happy|really happy|so happy|happy with|works great|worked perfectly|10 10|nota 10|great too|lovely"],
    [0.6, "excellent|brilliant|fantastic|awesome|amazing|impressed|is a joke|useless|unacceptable|ridiculous|disappointed|disappointing|worst|nobody cares|total mess"],
    [0.75, "echt klasse|klasse gemacht|top service|super geholfen|viel ubersichtlicher|nutzlos|unverschamt|ravie|ravi|n importe quoi|une honte|vergonzoso|verguenza|verguenza|no sirve|muy contenta|muy contento|incrivel|otimo|pessimo|fantastico|ottimo|vergogna|inutile|geweldig|super blij|waardeloos"],
  ],
  cancellation: [
    [0.95, "cancel my subscription|cancel my account|cancel my plan|cancel our subscription|cancel our plan|cancel the subscription|cancel our account|close my account|close our account|delete my account|delete our account|terminate my|terminate our|end my subscription|stop my subscription"],
    [0.9, "not renew|won t renew|wont renew|not renewing|don t renew|do not renew|unsubscribe|cancellation|cancelling|canceling|cancelled|canceled|cancel"],
    [0.9, "kundig*|gekundigt|abo beenden|abonnement beenden|vertrag beenden|konto loschen|konto schliessen|abbestellen|stornieren|stornierung|resili*|desabonn*|desinscri*|annuler mon abonnement|annuler l abonnement|supprimer mon compte|fermer mon compte"],
    [0.9, "cancelar mi suscripcion|cancelar la suscripcion|cancelar mi cuenta|darme de baja|dar de baja|cerrar mi cuenta|eliminar mi cuenta|borrar mi cuenta|cancelar minha assinatura|cancelar a assinatura|cancelar minha conta|encerrar minha conta|excluir minha conta|cancelamento|cancelacion"],
    [0.9, "disdire|disdetta|disdico|annullare l abbonamento|annullare il mio abbonamento|cancellare il mio account|chiudere il mio account|disiscrivermi|disattivare l abbonamento|opzeg*|zeg op|abonnement stopzetten|account verwijderen|account opheffen|uitschrijven"],
    [0.75, "cancelar|annuler|annullare|annuleren|baja"],
    [0.45, "abmelden|afmelden"],
    [0.85, "won t be renewing|wont be renewing|not be renewing|will not be renewing|not going to renew|not go ahead|end my contract|end our contract|stop the direct debit|cancel the direct debit|closing my account|closing our account|shutting down our workspace|taking my business elsewhere|signed elsewhere|signing with another|move to another vendor|moving to another provider|switch provider|switching provider|lost a customer"],
    [0.85, "nicht verlangern|nicht mehr verlangern|wechseln zu|pas renouveler|change de prestataire|on passe chez|no vamos a renovar|no renovar|me paso a|nao vamos renovar|nao renovar|vou mudar para|non rinnoveremo|non rinnovare|niet verlengen|overstappen naar|stappen over naar"],
    [0.8, "evaluating alternatives|looking at other options|looking at alternatives|other vendors|other tools|thinking about switching|i m switching|we re switching|pulling the plug|moving traffic to"],
    [0.6, "downgrade|downgrading|downgraded"],
  ],
  pricing_question: [
    [0.85, "pricing|price|prices|priced|discount|discounts|coupon|promo code|student discount|nonprofit discount|how much does|how much is|how much would|how much for|cheaper|too expensive|expensive"],
    [0.75, "cost|costs|quote|per seat|per user|per month|per year|monthly plan|annual plan|yearly plan|enterprise plan|paid plan|free plan|free trial|pricing page|plans"],
    [0.45, "trial|enterprise|plan|upgrade"],
    [0.3, "how much"],
    [0.85, "preis|preise|kosten|kostet|wie viel kostet|wieviel kostet|rabatt|tarif|tarife|gunstiger|zu teuer|gutschein|prix|tarif*|combien coute|coute|cout|remise|reduction|devis|moins cher|trop cher"],
    [0.85, "precio|precios|cuanto cuesta|cuanto vale|cuesta|costo|coste|descuento|tarifa|tarifas|presupuesto|mas barato|preco|precos|quanto custa|custa|custo|desconto|orcamento|mais barato"],
    [0.85, "prezzo|prezzi|quanto costa|costo|sconto|tariffa|tariffe|preventivo|piu economico|prijs|prijzen|hoeveel kost|kosten|korting|tarief|tarieven|offerte|goedkoper|te duur"],
    [0.45, "combien|cuanto|quanto|hoeveel|angebot|plano|piano|abonnement"],
    [0.6, "fee|fees|demo|sales call|talk to sales|contact sales|sales team|higher tier|for less"],
  ],
  billing_issue: [
    [0.95, "charged twice|double charged|double charge|overcharged|charged me twice|wrong amount|refund|refunds|refunded"],
    [0.85, "invoice*|billing|billed|charged|charge|charges|payment|payments|receipt|card declined|payment failed|credit card|vat number|tax invoice|renewal charge"],
    [0.55, "bill|declined|card|subscription fee"],
    [0.3, "paid|pay"],
    [0.9, "rechnung*|abbuchung|abgebucht|ruckerstattung|erstattung|zahlung|zahlungen|bezahlung|kreditkarte|quittung|doppelt abgebucht|lastschrift|factur*|remboursement|rembourser|paiement|prelevement|preleve|debite|carte bancaire|paye deux fois"],
    [0.9, "factura*|cobro|cobrado|cobraron|me cobraron|reembolso|pago|recibo|cobrado dos veces|fatura*|cobranca|cobraram|pagamento|nota fiscal|cobrado duas vezes"],
    [0.9, "fattur*|addebit*|rimbors*|pagament*|carta di credito|ricevuta|factu*|afschrijving|afgeschreven|terugbetaling|betaling|betalingen|dubbel betaald|incasso"],
    [0.5, "tarjeta|cartao|carta|mehrwertsteuer|tva|iva|btw|recu"],
    [0.7, "pay with|pay by|payment method|direct debit|zahlen mit|bezahlen mit|payer en|payer par|pagar con|pagar com|pagare con|betalen met"],
  ],
  account_management: [
    [0.95, "reset my password|forgot my password|forgot password|forgotten password|password reset|can t log in|cant log in|cannot log in|can t login|cant login|can t sign in|cannot sign in|locked out|locked me out"],
    [0.85, "password|passwords|log in|login|log into|sign in|signin|logged out|two factor|2fa|mfa|authenticator|verification code|sso|single sign on|account settings|username|user name|change my email|update my email|email address"],
    [0.65, "my account|permissions|admin rights|add a user|add users|remove a user|invite|team members|seats|profile"],
    [0.4, "account|accounts|email|access"],
    [0.9, "passwort|kennwort|einloggen|anmeldung|benutzername|zugangsdaten|zwei faktor|mot de passe|mdp|me connecter|se connecter|identifiant*|adresse e mail|contrasena|iniciar sesion|inicio de sesion|senha|fazer login|credenziali|nome utente|wachtwoord|inloggen|gebruikersnaam"],
    [0.7, "anmelden|mein konto|connexion|mon compte|mi cuenta|acceder|minha conta|accedere|accesso|il mio account|mijn account|aanmelden|toegang|zugang"],
    [0.4, "konto|compte|cuenta|conta|acceso|acesso|usuario|profilo|utente"],
    [0.7, "verify my id|verify my identity|id verification|identity verification|verification code|codigo de verificacion|code de verification"],
    [0.5, "my address|mon adresse|meine adresse|mi direccion|meu endereco|mio indirizzo|mijn adres|my email|mein e mail|meu e mail|mi correo"],
  ],
  bug_report: [
    [0.9, "bug|bugs|crash*|glitch*|something went wrong|stack trace|exception|not responding|unresponsive|blank page|white screen|error message|error code"],
    [0.8, "error|errors|broken|not working|doesn t work|doesnt work|does not work|isn t working|isnt working|is not working|stopped working|won t load|wont load|doesn t load|not loading|won t open|fails|failed|failing|failure|freez*|frozen|timeout|timed out|outage|is down|went down|keeps crashing"],
    [0.5, "stuck|hangs|slow|500|404|wrong|missing|disappeared"],
    [0.85, "fehler*|funktioniert nicht|geht nicht|klappt nicht|abgesturzt|sturzt ab|absturz|kaputt|ladt nicht|storung|erreur*|beug*|ne fonctionne pas|ne marche pas|fonctionne pas|marche pas|plante|plantage|ne charge pas|panne"],
    [0.85, "fallo*|falla|no funciona|no carga|se cae|se cuelga|se bloquea|se colgo|erro|erros|falha*|nao funciona|nao carrega|travou|travando|fora do ar|errore|errori|non funziona|si blocca|non carica|guasto|malfunzionamento"],
    [0.85, "fout*|werkt niet|doet het niet|crasht|storing|kapot|vastgelopen|laadt niet|loopt vast"],
    [0.85, "down since|been down|is down|down all|down again|been offline|is offline|went offline|timing out|times out|502|503|service unavailable|broke|breaks|wiped|lost all|keeps dropping|keep dropping|keeps logging me out|logs me out|logged me out|no signal|does nothing|not showing|isn t showing|doesn t match|don t match|stopped arriving|stopped working"],
    [0.85, "ist down|sturzt|zerschossen|funktioniert nicht mehr|geht nicht mehr|kein internet|lauft nicht|plus internet|ne s allume pas|en panne|ne marche plus|ne fonctionne plus|se cierra|sin fibra|sin internet|rompe|parou de funcionar|sem internet|non va|si chiude|senza internet|ligt eruit|werkt niet meer|geen internet"],
    [0.5, "hangt|bloque|bloqueado|bloccato|trava|roto|quebrado|caido|caiu"],
  ],
};

/** Names and descriptions of the built-in intents, as the chatbot's intent list and the AI prompt show them. */
export const BUILTIN_INTENT_DEFINITIONS: Record<BuiltinIntent, { name: string; description: string }> = {
  greeting: { name: "Greeting", description: "says hello or opens the conversation with small talk and nothing else" },
  thanks: { name: "Thanks", description: "thanks the assistant or says goodbye without a new request" },
  human_handoff: { name: "Human handoff", description: "wants to talk to a human, an agent or customer service instead of the bot" },
  feature_request: { name: "Feature request", description: "asks for a feature, integration or improvement that does not exist yet" },
  feedback: { name: "Feedback", description: "praise, complaint or opinion about the product or the service" },
  cancellation: { name: "Cancellation", description: "wants to cancel, not renew, unsubscribe, close the account or stop the service" },
  pricing_question: { name: "Pricing question", description: "asks about prices, plans, costs, discounts, trials or quotes" },
  billing_issue: { name: "Billing issue", description: "invoice, charge, refund, payment or card problem" },
  account_management: { name: "Account management", description: "login, password, two-factor, profile, users, access or account settings" },
  bug_report: { name: "Bug report", description: "reports an error, crash, outage or something that does not work" },
};
