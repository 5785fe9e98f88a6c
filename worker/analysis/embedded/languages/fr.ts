import { type LanguageSource, NAME } from "./pack";

/**
 * French. Folded: lower case, accents removed (é→e, ç→c), apostrophes straight; "n'" and "l'" are
 * separate tokens. Informal French drops "ne" ("ça marche pas"), so "pas" also negates backwards.
 */

const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not a negator. */
const G = "(?!(?:ne|n|pas|plus|jamais|rien|toujours)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const fr: LanguageSource = {
  words: [
    [-0.5, "reclamation"],
    [2, "ponctuel ponctuelle"],
    [-1.5, "retard retards annule annulee annules annulees ralentit saccade rame"],
    [3, "excellent* parfait* parfaite* genial* geniale* formidable* fantastique* merveilleu* adore adorons impeccable* ravi ravie ravis bravo extraordinaire* superbe*"],
    [2.5, "convaincu* super top content contente contents satisfait* efficace* aimable* agreable* rapide* utile* sympa* chouette nickel"],
    [2, "amelioration* bien bon bonne bons bonnes meilleur* resolu resolue regle reglee corrige corrigee repare reparee pratique fiable* clair claire gentil*"],
    [1.5, "merci remercie remercions remerciement* mieux correct*"],
    [0.7, "ok okay daccord"],
    [-0.5, "attente attendre cher chere"],
    [-0.7, "probleme problemes souci soucis malheureusement"],
    [-1, "lent lente lents lentes lentement lenteur* complique* bizarre* etrange etranges helas manque manquant* compliquee"],
    [-1.5, "erreur* bug bugs bogue* bugue* bloque bloquee bloques bloquees refuse refusee rejete* echec echoue* introuvable perdu perdue perdus incorrect* faux fausse inquiet* inquiete* impossible* suspendu*"],
    [-2, "abime* endommage* defectueu* desagreable* penible* galere* casse cassee panne pannes plante plantage* crash* crashe* hors-service inaccessible indisponible* decevant* deception* mecontent* insatisfait* agace* enerve* enervant* colere"],
    [-2.4, "mauvais* mauvaise*"],
    [-2.5, " nul nulle nuls nulles pire inutile* decu decue decus frustr* horrible* affreu* pourri pourrie pourris pourries lamentable*"],
    [-2.4, "fraude fraudes frauduleux frauduleuse"],
    [-3, "catastroph* desastre* desastreu* inadmissible inacceptable scandale* scandaleu* honte honteu* ridicule* deplorable* incompetent* arnaque* escroc* escroquerie* merde putain bordel marre furieu* degoute* insupportable* minable* pathetique*"],
  ],
  phrases: [
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `par erreur( (${W} ){0,4}mauvais\\p{L}*)?|pas presse(e|s)?( du tout)?|rien ne presse|pas d.urgence|sans urgence|au plus vite|(vite|rapidement),? (svp|s.il vous plait)`],
    [0, "bonne (journee|soiree|fin de journee|continuation)|bon (week-end|weekend|apres-midi)|bonjour|bonsoir|merci (d'avance|par avance|a l'avance)|d'avance merci|(bien )?cordialement|bien a vous|chere equipe|cher support|cher service|bonne question|le plus rapidement possible|le plus vite possible|est-ce (que c'est )?possible|pas de souci pour|ca marche,? merci|au cas ou|par erreur|par megarde|bien sur|bien que|si bien que|ou bien"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "(mon|ma) (erreur|faute)|c'est (ma faute|mon erreur)|(desole|desolee|pardon|excusez-moi|excusez moi) (de |pour )(vous )?(deranger|le derangement|la gene|le retard|la confusion)|je me suis trompe(e)?"],
    // Support trouble: no emotion word, still bad news.
    [-2, `(beaucoup )?trop (eleve|elevee|eleves|elevees|cher|chere)|(deux|trois|quatre) fois plus (cher|eleve|elevee)|(pas|jamais|toujours pas) (ete )?(verse|versee|paye|payee|rembourse|remboursee|traite|traitee|livre|livree)|en retard`],
    [-2.5, `quelqu un a (${W} ){0,2}(utilise|pris|debite) (${W} ){0,1}(ma|mon) (carte|compte)|(paiement|prelevement|debit)s? (${W} ){0,1}(inconnu|frauduleu|non autorise)\\p{L}*`],
    [-3, "rien ne (marche|fonctionne|va)|plus rien ne (marche|fonctionne)|tout est (bloque|en panne|down|plante)|(en|hors) panne totale"],
    [-2.5, `(marche|marchent|marchait|fonctionne|fonctionnent|fonctionnait|charge|chargent|s'ouvre|ouvre|repond|demarre|passe|passent|prend|prennent|accepte|acceptent|s'affiche|affiche|synchronise|s'enregistre|enregistre|s'envoie|envoie|part|valide|se lance|lance|arrive|arrivent) (${W} ){0,2}(pas|plus|jamais)|(ne |n')(${W} ){0,1}(marche|marchent|fonctionne|fonctionnent|charge|repond|demarre|passe|s'affiche|affiche|s'ouvre|ouvre) (${W} ){0,1}(pas|plus|jamais|toujours pas)|(impossible|pas moyen) (de |d')(me |se |vous |nous )?(${W} ){0,1}(connecter|payer|telecharger|acceder|ouvrir|enregistrer|valider|commander|envoyer|modifier|supprimer|exporter|importer|imprimer|recevoir|utiliser|activer|installer|synchroniser|resilier|joindre|trouver)|(debite|debitee|debites|facture|facturee|factures|preleve|prelevee|preleves|paye|payee|charge|chargee) (${W} ){0,2}(deux fois|2 fois|2x|trois fois|plusieurs fois|en double|a tort|deux fois de suite)|(double|deux) (prelevements|prelevement|facturation|debit|debits|paiements|paiement)|(prelevement|paiement|debit|facturation) en double|(aucune|pas de|toujours pas de|jamais eu de|sans) (reponse|retour|nouvelles|confirmation)|(plus )?personne (ne |n )?(peut|arrive|reussit) (plus )?(a )?(se |me )?(connecter|payer|commander|acheter|acceder)|(plus|pas|jamais) (d |de )?(internet|reseau|connexion|wifi|signal|tonalite|electricite|acces)|(pas|rien|jamais|toujours pas) (${W} )?recu|ne me laisse (pas|plus)|(ne )?s allume (pas|plus)|arrive (${W} ){0,1}(abime|casse|endommage)|casse tout|plante tout|toujours pas|en panne|hors service|hors ligne|ne repond plus|(a|ont|est) plante`],
    [-2, `(peux|peut|pouvons|peuvent|parviens|parvient|reussis|reussit|arrive|arrivons|arrivent) (${W} ){0,1}(pas|plus) (a |au |${W} ){0,2}(me |m'|se |s'|vous |nous )?(connecter|payer|telecharger|acceder|ouvrir|enregistrer|valider|commander|envoyer|modifier|supprimer|exporter|importer|imprimer|recevoir|utiliser|activer|installer|synchroniser|resilier|joindre|trouver|voir|changer|ajouter|lancer|finaliser|identifier|inscrire)|trop (cher|chere|lent|lente|long|longue|complique)|encore une fois|une fois de plus|(j'attends|attends|attendons) (${W} ){0,2}(depuis|toujours|encore)|depuis (des |plusieurs |trois |deux |\\d+ )?(jours|semaines|heures|mois) (${W} ){0,3}(pas|plus|rien|aucun\\p{L}*|attend\\p{L}*)`],
    [-1.5, "(il y a|j'ai|nous avons) (un |une )?(gros |grave )?(probleme|souci|bug|erreur)|ne (va|vont) pas|ca va pas|quelque chose (ne va pas|cloche)|pas terrible"],
    [1.5, "pas de (souci|soucis|probleme)|aucun (souci|probleme)|sans souci|pas mal"],
    [2.5, `(ca |cela |tout |il |elle )?(marche|marchent|fonctionne|fonctionnent|remarche|refonctionne) (${G} ){0,2}(maintenant|a nouveau|de nouveau|enfin|parfaitement|tres bien|bien|nickel)|(ca|cela|tout) (a )?(marche|fonctionne|remarche)|merci (beaucoup|infiniment|mille fois|bien|encore|pour (votre|ton|ta|vos) (aide|reponse|rapidite|patience))|mille mercis|(probleme|souci|bug) (${G} ){0,2}(resolu|regle|corrige)|(ca|cela|vous|tu) m'a(vez)? (bien |beaucoup |vraiment )?aide|au top|(tres|super|vraiment) (utile|efficace|rapide|clair)`],
    [-2, `redemarre (${W} ){0,2}(tout seul|toute seule|sans arret|en boucle)|(preleve|prelevement|debite|debit|facture)s? (${W} ){0,4}deux fois|deux fois (${W} ){0,2}(preleve|debite|facture)`],
    [-2, `disparu(e|s|es)?|(train|vol|rendez-vous|cours|seance|bus) (${W} ){0,2}(a ete )?(supprime|annule)e?|deja (ete )?payee?s?`],
  ],
  courtesy: "merci remercie remercions",
  negators: "ne n pas jamais rien aucun aucune sans ni guere",
  postNegators: "pas jamais",
  intensifiers:
    "tres:1.3 trop:1.3 vraiment:1.2 tellement:1.3 super:1.3 hyper:1.4 completement:1.3 totalement:1.3 absolument:1.3 si:1.2 extremement:1.4 vachement:1.3 assez:1.1 plutot:0.9 peu:0.6 franchement:1.2 carrement:1.3 particulierement:1.2",
  contrast: "mais cependant pourtant toutefois neanmoins",
  flagNegators: "ne|n'|pas|jamais|aucun|aucune|aucunement|pas question de|hors de question de",
  flagPostNegators: "pas|jamais",
  conditionals: "si sinon lorsque quand",
  flags: {
    churn_risk: [
      [0.75, "says they will end up leaving", `je vais finir par (tout )?(${W} ){0,2}(chez|en|par|avec|ailleurs)|(je|on) (vais|va) (tout )?(envoyer|commander|acheter|passer) (${W} ){0,1}(ailleurs|chez la concurrence)`],
      [0.8, "plans to switch provider", `portabilite (du|de mon|de notre) (numero|ligne)|code rio|garder (mon|notre) numero (chez|en partant)`],
      [0.75, "says this is the end", `(c est|ce sera|ce sont) (mon|notre) dernier (mois|paiement|prelevement|abonnement)|dernier (mois|paiement|prelevement) que (je|nous) (paie|paye|paierai|payerai|payons|vais payer)|convainquez(-| )moi de rester|(donnez|donne)(-| )moi une (seule |bonne )?raison de rester|(je )?(supprime|desinstalle|efface) (l appli|l application|votre appli|votre application|cette appli)|plus jamais (chez vous|avec vous|de commande|je ne)`],
      [0.85, "asks to cancel", `(?<!(politique|conditions|delai|modalites|frais) de )resili\\p{L}*|(annuler|annule|annulez|annulation|arreter|arrete|arretez|supprimer|supprime|supprimez|suppression|fermer|ferme|fermez|fermeture|cloturer|cloture|clore|mettre fin a|mettre un terme a|stopper|stoppe|interrompre|terminer) (${W} ){0,3}(abonnement|compte|contrat|souscription|forfait|adhesion|licence|offre|renouvellement|prelevement automatique)|(abonnement|contrat|compte|forfait) (${W} ){0,2}(annule|resilie|ferme|supprime|cloture)|desabonn\\p{L}*|(me|nous|se) desinscrire(?! (du|de la|de l|d un|d une|des) (module|cours|atelier|lecon|seance|evenement|webinaire|newsletter|liste|cours))|desinscri\\p{L}*(?! (du|de la|de l|d un|d une|des) (module|cours|atelier|lecon|seance|evenement|webinaire|newsletter|liste))`, { negatable: true }],
      [0.4, "asks about cancellation terms", "(politique|conditions|delai|modalites|frais) de resiliation|preavis"],
      [0.85, "will not renew", `(ne |n')(${W} ){0,2}renouvel\\p{L}* (${W} ){0,1}(pas|plus)|(pas|plus) (${W} ){0,1}renouvel\\p{L}*|non[- ]renouvellement|renouvel\\p{L}* pas`],
      [0.85, "says they will never come back", `plus jamais (chez vous|avec vous|je ne commande|je commande)|(avons|ai|a) decide (d |de )(${W} ){0,1}(arreter|partir|resilier|fermer|cloturer|changer|ne pas renouveler|nous desabonner|aller voir ailleurs|quitter)|(annulez|resiliez|fermez|supprimez|cloturez) tout|(j annule|on annule|nous annulons|j arrete|on arrete) (tout|mon abonnement|notre abonnement|l abonnement)`],
      [0.85, "says they are leaving", `(passer|passe|passons|partir|pars|partons|aller|irai|irons|migrer|migrons|basculer|changer) (${W} ){0,2}(chez|vers|a|pour) (la concurrence|un concurrent|vos concurrents|un autre (fournisseur|prestataire|operateur|service|outil|logiciel|editeur))|chang\\p{L}* de (fournisseur|prestataire|operateur|solution|outil|logiciel|banque|plateforme)|(je|nous|on) (vous )?(quitte|quittons|quitterai|quitterons|lache|lachons)|(je|nous|on) (vais|allons|va) (vous )?(quitter|partir|aller voir ailleurs)|(je|nous) (m'en vais|partons|pars)(?! (de chez|du bureau|de la maison|maintenant|en|au|aux|a|pour|dans|demain|ce|cet|cette|la semaine|le mois|quelques)\\b)|c'est (fini|termine) (avec vous|pour moi|pour nous|entre nous)|derniere fois que (je|nous)|(sinon|ou) (je|nous|on) (pars|partons|resilie|resilions|change|changeons|passe|passons|part|va voir ailleurs)|aller voir ailleurs|vais voir ailleurs|arreter (ici|la)|nos chemins se separent|(nous vous disons|je vous dis) (au revoir|adieu)`, { negatable: true }],
      [0.75, "plans to switch provider", `(je|nous|on) (vais |allons |va )?(passer|passe|passons|migrer|migre|migrons|basculer|bascule|basculons) (${W} ){0,1}(chez|vers) (?!(?:le|la|l|un|une|offre|forfait|plan|abonnement|pro|premium|business|entreprise|annuel|mensuel)(?![\\p{L}]))`, { negatable: true }],
      [0.7, "looks for alternatives", `(chercher|cherche|cherchons|regarder|regardons|regarde|etudier|etudions|evaluer|evaluons|tester|testons|comparer|comparons|considerer|envisager|envisageons) (${W} ){0,2}(d'autres|des|une|les|autres) (alternatives?|solutions|offres|fournisseurs|prestataires|concurrents|options)|alternatives? a (votre|vos|ton|ce)`],
      [0.45, "asks for a refund", "refund\\p{L}*|rembours\\p{L}*|(rendre|recuperer|recupere) (mon|notre) argent|chargeback|retrofacturation", { negatable: true }],
      [0.55, "downgrades or pauses", `downgrad\\p{L}*|retrograd\\p{L}*|(pass|repass|reven|retourn|bascul|descend|redescend)\\p{L}*(-(nous|moi))? (${W} ){0,7}(?<!(?:du|des|de) (?:${W} ){0,2})(gratuit\\p{L}*|free|basique|de base|moins cher\\p{L}*|essentiel\\p{L}*|starter|light|lite|decouverte)(?![\\p{L}])|(reduire|diminuer|baisser) (${W} ){0,3}(utilisateurs|licences|lignes|postes|sieges|forfait|abonnement)|(mettre en pause|suspendre|geler) (${W} ){0,1}(abonnement|compte|contrat)`, { negatable: true }],
      [0.5, "questions the value", `(vaut|valait) (${W} ){0,1}(pas|plus) (le coup|la peine|son prix|le prix)|trop cher|beaucoup trop cher|argent (jete|gaspille)|perte d'argent|(contrat|abonnement|engagement|licence) (${W} ){0,3}(expire|arrive a (son )?terme|arrive a echeance|se termine|prend fin)`],
    ],
    frustrated_user: [
      // The fifty-eighth blind set: "Vous vous foutez de qui ?".
      [0.75, "asks who they take them for", `(vous vous|tu te) fout(ez|s)? de (qui|moi|nous|ma gueule)|je paie pour quoi|pour quoi je paie`],
      [0.7, "asks what this nonsense is", `c.est quoi ce (delire|bordel|cirque|binz|bazar)`],
      [0.6, "is sarcastic", `(?<=[.!?]\\s{0,3})bravo[.!]?\\s*$|\\.{2,}\\s*si seulement`],
      [0.7, "gives a last warning", `dernier avertissement|derniere chance`],
      [0.6, "has lost patience with it all", `avec (le nombre de|toutes ces|tous ces) (${W} ){0,2}(que vous (perdez|cassez|ratez|annulez|oubliez)|pannes|retards|coupures|bugs)`],
      [0.6, "has been kept waiting", `(ca|cela) fait (deux|trois|quatre|\\d+) (heures|jours|semaines) que (j.?attends|on attend|j.?essaie)`],
      [0.75, "thanks them for nothing or cannot take more", `merci pour rien`],
      [0.85, "has had enough", `(j'en ai|on en a|nous en avons|j'en|j en ai) (vraiment |franchement |plus que |completement |un peu )?marre|ras[- ]le[- ]bol|(j en ai|j ai) ma claque|(je suis |suis )?(saoule|soule|saoulee|soulee)|c'est (inadmissible|inacceptable|scandaleux|honteux|ridicule|lamentable|n'importe quoi|une honte|un scandale|une blague|du vol|pas serieux|nul|insupportable|abuse)|inadmissible|inacceptable|scandaleu\\p{L}*|honteu\\p{L}*|lamentable|n'importe quoi|pathetique|(vous )?(vous )?foutez de (moi|nous|ma gueule)|vous (vous )?moquez de|(je suis|on est|nous sommes|suis) (${W} ){0,1}(furieu\\p{L}*|enerve\\p{L}*|excede\\p{L}*|agace\\p{L}*|decu\\p{L}*|frustre\\p{L}*|en colere|a bout|degoute\\p{L}*|hors de moi)|(c'est|quel) (un )?(cauchemar|calvaire|enfer)|pire (service|experience|support|appli\\p{L}*|logiciel|entreprise|chatbot|bot)|merde|putain|bordel|foutage de gueule|arnaque\\p{L}*|incompetent\\p{L}*|(j'en|je n'en|n'en) peux plus|marre`],
      [0.45, "says it is still not fixed", `toujours (pas|rien|aucun\\p{L}*|en panne|bloque)`],
      [0.6, "reports it still does not work", `encore (une|un) (nouvelle |nouveau )?(panne|coupure|bug|incident|retard|erreur)|encore une fois|une fois de plus|(encore|une autre|un autre) (${W} ){0,3}(qui )?(casse|plante|bloque|supprime)|(a|de) nouveau (en panne|plante|bloque|pas|le meme)|toujours le meme probleme|(encore|toujours) (${W} ){0,1}(plante|bloque|en panne)|(deuxieme|troisieme|quatrieme|cinquieme|\\d+e|\\d+eme|enieme|nieme) fois|(ne |n')(${W} ){0,1}(marche|fonctionne) jamais`],
      [0.6, "gets the same canned answer", `(la meme|encore la meme|toujours la meme) (${W} ){0,1}(reponse|message)|reponse (toute faite|automatique|type)|(vous lisez|tu lis|lisez-vous) (${W} ){0,2}(messages|ce que j ecris)`],
      [0.6, "has repeated themselves", `combien de fois|(je vous l'ai|je l'ai|j'ai) (${W} ){0,1}deja (dit|explique|ecrit|demande|signale|envoye|essaye|fait)|comme (je l'ai|je vous l'ai|je vous ai|deja) (${W} ){0,1}(dit|explique|ecrit)|je (vous )?(l'ai |ai )(deja )?(dit|repete) (${W} ){0,2}fois`],
      [0.6, "wants a human", `(parler|discuter|echanger) (${W} ){0,1}(a|avec) (un |une |quelqu'un |de )?(vrai |vraie |veritable )?(humain|personne|conseiller|conseillere|agent|responsable|manager|superieur|technicien|operateur|quelqu'un de reel)|un (vrai )?humain|une vraie personne|(robot|bot|chatbot) (inutile|debile|stupide|nul)|(tu es|vous etes|t'es) (inutile|nul|nuls|bete)|(ne|ca ne|vous ne|tu ne) (${W} ){0,1}sert (a rien|strictement a rien)|ne m'aide (pas|en rien)|vous ne m'aidez pas|aucune aide`],
      [0.45, "has been kept waiting", `(j'attends|attends|attendons|attente|attendu) (${W} ){0,2}(depuis|des heures|des jours|des semaines)|depuis (des |plusieurs )(jours|semaines|heures|mois)|(aucune|pas de|toujours pas de|sans) (reponse|retour|nouvelles)|personne ne (${W} ){0,1}(repond|aide|rappelle)`],
      [0.4, "exasperated", "je reve|c est pas possible|ca commence a bien faire|c est abuse|abuse|serieusement\\?|c'est pas vrai|ce n'est pas possible|c'est une blague|sans blague|non mais|pourquoi (est-ce que )?(c'est|ca) (si|toujours|encore)|comment (c'est|est-ce) possible"],
      [0.85, "has had enough", `(jamais|pas|meme pas) (ete )?(fichus?|foutus?|capables?) de`],
    ],
    urgent_request: [
      [0.7, "has it tonight", `(est|commence|c.est) ce soir (a )?\\d{1,2}h`],
      [0.6, "needs help today", `(m.?aider|nous aider|intervenir|venir|passer|reparer) (${W} ){0,1}aujourd.?hui\\s*\\?`],
      [0.65, "complains about waiting for a human", `personne ne (me )?(repond|rappelle|reagit)`],
      [0.75, "has a hard deadline", `(mon|notre) (vol|train|rendez-vous|concert|spectacle) (${W} ){0,1}(est |part |decolle |commence )?(dans (\\d+|une|deux|trois) (heures?|minutes?)|ce soir|aujourd hui|a \\d)|(je )?(pars|decolle|prends l avion) (dans (\\d+|une|deux) heures?|a \\d|ce soir)`],
      [0.9, "says it is urgent", "urgent\\p{L}*|urgence|immediatement|tout de suite|asap|au plus vite|le plus vite possible|le plus rapidement possible|au plus tot|des que possible|sans delai|de toute urgence|critique|prioritaire|en priorite|rapidement svp|vite svp", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(production|prod|site|boutique|checkout|caisse|paiement\\p{L}*|serveur|serveurs|plateforme|systeme|api|service) (${W} ){0,3}(est |sont )?(en panne|hors service|hors ligne|down|inaccessible|indisponible|ne marche plus|ne fonctionne plus|ne repond plus)|(clients|utilisateurs|personne|aucun client) (${W} ){0,2}(ne |n')?(peuvent|peut|arrivent|arrive) (${W} ){0,1}(plus|pas) (${W} ){0,2}(payer|commander|acheter|connecter|acceder)|(plus )?personne (ne |n )?(peut|arrive|reussit) (plus )?(a )?(se |me )?(connecter|payer|commander|acheter|acceder)|tout est (en panne|down)|(on|nous) (perd|perdons) (${W} ){0,2}(argent|ventes|clients|commandes|chiffre)`],
      [0.75, "needs it now", `(j ai besoin|besoin|il me faut|il nous faut|nous avons besoin|on a besoin|dois|devons|doit|faut) (${W} ){0,4}(aujourd hui|maintenant|tout de suite|avant demain|ce soir|demain matin)|(reglez|corrigez|reparez|debloquez|remboursez|resolvez|arrangez|retablissez) (${W} ){0,2}(maintenant|tout de suite|vite|rapidement|immediatement|aujourd'hui)`, { negatable: true }],
      [0.6, "has a deadline", `(avant|d'ici|pour|jusqu'a) (ce soir|demain|aujourd'hui|midi|ce midi|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la fin de (la )?(journee|semaine)|\\d{1,2}( )?h(\\d{2})?)|demain (matin|a la premiere heure)|aujourd'hui (meme|avant)|dans (une|deux|trois|\\d+) (heure|heures|minutes)|(reunion|rendez-vous|presentation|lancement|demo|salon|vol|evenement|mise en production|audit) (${W} ){0,3}(aujourd'hui|demain|ce soir|dans \\d+)|date limite|deadline`],
      [0.6, "wants it now", "(maintenant|tout de suite|vite)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `(attends|attendre|attente|attendu) (${W} ){0,4}(conseiller|conseillere|humain|agent|quelqu un|operateur|technicien|rappel)|\\d+ minutes (${W} ){0,3}(que )?(j attends|d attente|on attend)|(ca|cela) fait (${W} ){0,3}(minutes|heure|heures) (que )?(j attends|d attente|on attend)`],
      [0.6, "asks to escalate", `escalad\\p{L}*|(parler|transmettre|passer|remonter) (${W} ){0,2}(a votre |au |a un |a la )(superieur|responsable|manager|directeur|direction)`],
      [0.6, "reports fraud in progress", `quelqu un a (${W} ){0,2}(utilise|pris|debite) (${W} ){0,1}(ma|mon) (carte|compte)|(paiement|prelevement|debit)s? (${W} ){0,1}(inconnu|frauduleu|non autorise)\\p{L}*`],
      [0.55, "reports something that cannot wait", `(compte|carte|acces) (${W} ){0,2}(pirate|piratee|vole|volee|bloque|bloquee|suspendu|suspendue)|pirat\\p{L}*|fraude\\p{L}*|frauduleu\\p{L}*|(n'ai|ai) plus (${W} ){0,1}acces|plus acces a (mon|notre)`],
      [0.75, "reports something that cannot wait", `(bloque|bloquee|enferme|enfermee|coince|coincee)s? dehors|faites (qqch|quelque chose)`],
      [0.6, "reports fraud in progress", `bloquez (${W} ){0,1}(ma |la |mon )?(carte|compte)|faire opposition|on m( a)? vole`],
    ],
    confused_user: [
      // The fifty-eighth blind set: "Je dois croire qui ?", "Wat is nu waar?": two answers that disagree.
      [0.65, "does not know whom to believe", `(je dois|on doit) croire qui|qui (dois-je|je dois) croire|qui a raison`],
      [0.7, "does not know where to start", `(je )?(ne )?sais (pas|meme pas) par ou commencer`],
      [0.85, "says they are confused", `(comprends|comprend|comprenons|pige|capte|saisis) (${W} ){0,2}(pas|rien|plus rien)|(n'|n )y comprends rien|(suis|sommes) (${W} ){0,2}(perdu|perdue|perdus|confus|confuse|paume|paumee|largue|larguee|deboussole\\p{L}*|perplexe)|deroutant\\p{L}*|deconcert\\p{L}*|(c'est|ce n'est|c est|n'est|est) pas (tres |tout a fait |vraiment |du tout )?clair|peu clair|incomprehensible|qu'est-ce que (vous voulez|tu veux|ca veut|cela veut) dire|que voulez-vous dire|ca veut dire quoi|(n'a|a) (aucun|pas de|pas de) sens|aucune idee|jsp|j sais pas|chais pas|je m'y perds|(je )?(ne )?m'y retrouve pas`],
      [0.6, "is unsure what to do", `(je ne suis|je suis|suis) pas (tout a fait |vraiment |tres |bien )?sur|je (ne |n')?sais pas (trop |vraiment |bien )?(comment|quoi|ou|si|quel|quelle|quels|lequel|laquelle|pourquoi|quand)|j'hesite|je (ne )?vois pas (comment|ou|ce que|pourquoi)`],
      [0.6, "asks 'wait, so …'", `(attendez|attends|attendez voir|une seconde|minute),? (${W} ){0,2}(donc|alors|ca veut dire|c est-a-dire|je dois|il faut)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `(lequel|laquelle|lesquels|quel|quelle) (${W} ){0,3}(est|sont) (le bon|la bonne|les bons|le correct|la correcte|valable)`],
      [0.6, "asks what something means", `que (signifie|signifient|veut dire|veulent dire)|veut dire quoi|ca signifie quoi`],
      [0.55, "asks which one", `(lequel|laquelle|lesquels|lesquelles|quoi)( donc| alors)?\\s*\\?`],
      [0.4, "hesitates", "euh+|hum+|heu+"],
    ],
    buying_signal: [
      [0.75, "asks about adding seats", `(ajouter|rajouter|ajoutez|rajoutez|ajoute|rajoute) (\\d+|deux|trois|quelques|d'autres|des) (${W} ){0,1}(utilisateurs?|licences?|lignes?|postes?|sieges?|membres?|comptes?|places?)`],
      [0.7, "asks about a bigger plan", `(une|la|ma|votre|vos) soumission(s)? (pour|de prix)|(offre|tarif|forfait|abonnement|remise) (${W} ){0,1}(pour les |pour )(entreprises|professionnels|equipes|groupes)|(nous sommes|on est) (\\d+|une vingtaine|une trentaine|une dizaine)( personnes| salaries| employes)?(,| et) (${W} ){0,3}(abonnement|forfait|offre|licences?|facturation)`],
      [0.8, "asks about price", "prix|tarif|tarifs|tarification|grille tarifaire|combien (coute|coutent|ca coute|cela coute|pour|couterait|faut-il payer|je paierais|on paierait)|devis|cotation", { negatable: true }],
      [0.8, "wants to buy", `(on aimerait|je voudrais|j'aimerais|je souhaite|je souhaiterais|nous souhaitons|nous voudrions|nous aimerions|on voudrait|je veux|nous voulons|je compte|nous comptons|prets? a|prete a) (${W} ){0,3}(acheter|commander|souscrire|m'abonner|nous abonner|upgrader|prendre (l'offre|le forfait|la licence|des licences|un abonnement)|acquerir|reserver|passer (a|au|sur) ((la version |l'offre |le forfait |le plan )?(pro|premium|business|entreprise|superieur\\p{L}*|annuel)|la fibre|la 5g|l'offre \\p{L}+|un forfait \\p{L}+))|(ou|comment) (puis-je|peut-on|je peux|on peut) (${W} ){0,2}(acheter|commander|souscrire|m'abonner)`, { negatable: true }],
      [0.7, "asks about plans or trials", `essai gratuit|periode d'essai|version d'essai|demo|demonstration|(offre|forfait|plan|abonnement|licence|formule) (pro|premium|business|entreprise|annuel\\p{L}*|equipe)|quel (forfait|plan|abonnement)|quelle (offre|formule|licence)|remise (sur )?(volume|quantite)|tarif degressif|licences supplementaires|(plus de|d'autres|des|de nouvelles) (licences|sieges)`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade\\p{L}*|mise a niveau|remise|reduction|code promo|coupon|interesse\\p{L}* par`, { negatable: true }],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `concurren\\p{L}*`],
    ],
  },
  named: [
    [0.7, "names the tool they used before", `(avant|auparavant) (on|nous|j|je) (etait|etions|utilisait|utilisions|avais|avait|avions|etais) (chez |sur |avec )?${NAME}|(venons|viens|vient|venions|venait) de (chez )?${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(bien |beaucoup |nettement )?(plus simple|plus facile|mieux|moins cher|plus rapide|plus intuitif|plus clair) que ${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(passe|passons|passer|passerons|passerai|passera|pars|partons|partir|partirons|vais|allons|va|change|changeons|changerons|migre|migrons|migrer|migrerons|bascule|basculons|basculerons)( ${W}){0,2} (chez|vers|a|sur) ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(chez|avec) ${NAME}( ${W}){0,6} (au moins|meme|jamais|gratuit\\p{L}*|moins cher|mieux|plus rapide|sans probleme|tout de suite)|comme (chez|avec) ${NAME}|(chez|avec) ${NAME}( ${W}){1,8},? (pourquoi|mais) (${W} ){0,2}(chez vous|ici)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(utilisons|utilise|on utilise|nous sommes) (actuellement|encore|aujourd hui|pour l instant)( encore)? (sur |chez )?${NAME}`, ["competitor_mention"]],
    [0.7, "is weighing a named alternative", `(nous )?(evaluons|testons|etudions) ${NAME}`, ["competitor_mention"]],
    [0.7, "compares with a named competitor", `${NAME} (me|nous) (propose|proposent|offre|offrent|fait|font)`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(comparons|comparer|compare|comparant) (${W} ){0,2}(avec|a) ${NAME}`, ["competitor_mention"]],
  ],
};
