import { type LanguageSource, NAME } from "./pack";

/** Spanish. Folded: lower case, accents removed (á→a, ñ→n), "¿" and "¡" are punctuation. */

const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not a negator. */
const G = "(?!(?:no|nunca|jamas|ni|nada)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const es: LanguageSource = {
  words: [
    [-0.5, "reclamacion queja"],
    [2, "puntual atento atenta atentos atentas majo maja majos"],
    [-1.5, "retraso retrasos retrasado retrasada cancelado cancelada cancelados anulado anulada"],
    [3, "encanta* excelente* perfecto perfecta perfectos perfectamente genial geniales fantastico* maravill* increible* estupend* buenisim* encanta encantan encantado encantada espectacular* impecable*"],
    [2.5, "convencid* contento contenta contentos satisfech* agradecid* util utiles eficiente* eficaz rapido rapida rapidos rapidamente amable* facil faciles facilmente resuelto resuelta solucionado solucionada arreglado arreglada brutal chevere"],
    [2, "mejora mejorado mejorada bien bueno buena buenos buenas mejor mejores gusta gustan correcto correcta fiable* practico* recomiendo"],
    [1.5, "gracias agradezco agradecemos agradecimiento*"],
    [0.7, "ok okay vale"],
    [-0.5, "espera esperar esperando caro cara"],
    [-0.7, "problema problemas lamentablemente desgraciadamente incidencia* inconveniente*"],
    [-1, "lento lenta lentos lentitud complicad* raro rara extrano extrana falta faltan"],
    [-1.5, "error errores fallo fallos falla fallan fallando fallido* bug bugs bloquead* rechazad* denegad* perdido perdida perdi incorrect* equivocad* imposible suspendid* preocupad*"],
    [-2, "rompe rompio rompen danad* caido caida caidos roto rota rotos averia* estropead* defectuos* colgado colgada congelad* molest* enfadad* enojad* disgustad* decepcion* decepcionante*"],
    [-2.5, "mal malo mala malos malas peor pesimo pesima inutil inutiles frustr* horrible* fatal lamentable* harto harta hartos"],
    [-2.4, "fraude fraudes"],
    [-3, "desastre* desastros* terrible* inaceptable* indignante* indignad* vergonzos* verguenza ridicul* estafa* timo ladrones robo furios* asco asqueroso* mierda puta joder cabreado* cabreada* incompetent* patetic*"],
  ],
  phrases: [
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `por error|sin prisa|no hay prisa|no corre prisa|(compre|puse|elegi|pedi|escribi) (${W} ){0,3}(equivocad[oa]|mal)|lo (mas )?(rapido|antes) posible|rapido,? por favor`],
    [0, "buenos dias|buenas tardes|buenas noches|buen dia|(muchas )?gracias (de antemano|por adelantado)|(un )?saludo|saludos|(muy )?atentamente|que tenga(s)? (un )?buen dia|buena pregunta|lo mas rapido posible|es posible|estimado equipo|estimados|por error|por equivocacion|sin querer|hola buenas"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "(error|culpa|fallo|equivocacion) mi[oa]|mi (error|culpa|fallo|equivocacion)|(perdon|perdona|perdone|disculpa|disculpe|disculpen|perdonen) (por )?(la|las) molestias?|siento (la|las) molestias?|(siento|perdon por|disculpa por|disculpe por) (molestar|la demora|el retraso|tardar)|me equivoque|me confundi"],
    // Support trouble: no emotion word, still bad news.
    [-2, `(demasiado|muy|carisim[oa]) (alta|alto|cara|caro)|el (doble|triple)|no (me |nos )?(han |ha )?(pagado|ingresado|devuelto|reembolsado|procesado|entregado|abonado)|se (traba|corta|congela)`],
    [-2.5, `alguien (${W} ){0,1}(ha )?(usado|utilizado|pagado con|cargado a) (${W} ){0,1}(mi|mis) (tarjeta|cuenta)|(cargo|cargos|compra|compras|pago|pagos) (${W} ){0,1}(que no (he|hice)|no reconocid[oa]s?|no autorizad[oa]s?)`],
    [-3, "nada funciona|no funciona nada|todo (esta )?caido|no anda nada"],
    [-2.5, `no (me |nos |le |les |lo |la )?(${W} ){0,1}(funciona|funcionan|funcionaba|anda|andan|carga|cargan|abre|abren|responde|arranca|deja|dejan|llega|llegan|llego|sirve|sincroniza|guarda|envia|va|procesa|aparece|aparecen|entra|acepta)|(me|nos|le) (${W} ){0,1}(cobraron|cobrasteis|cobraste|han cobrado|habeis cobrado|cobro|cobran|cargaron|han cargado|cargo|descontaron|facturaron) (${W} ){0,2}(dos veces|2 veces|2x|tres veces|doble|de mas|dos cobros)|(cobro|cargo|pago|cargos|cobros) (duplicado|doble|repetido)s?|doble (cobro|cargo)|(pague|pagamos|he pagado|hemos pagado) (${W} ){0,1}(dos veces|2 veces|2x|doble)|nadie (${W} ){0,1}puede (entrar|acceder|pagar|conectarse|comprar)|(sin|ninguna|ni una|no he recibido|no recibo|no tengo) (respuesta|contestacion|noticias|confirmacion)|(esta|estan|se ha|se han|se quedo|se queda) (${W} ){0,1}(caid[oa]s?|colgad[oa]s?|bloquead[oa]s?|congelad[oa]s?|rot[oa]s?)|se (cuelga|cae|cierra|bloquea|congela|traba|apaga|reinicia)( sol[oa])?|(sin|no (tengo|hay)) (internet|conexion|senal|cobertura|linea|luz|wifi)|no (me |nos )?(ha |han )?(llegado|llego|recibido|recibi)|no (se )?(enciende|prende)|llego (${W} ){0,1}(roto|rota|danad[oa]|estropead[oa])|rompe todo|se ha roto|(todavia|aun|sigue sin|siguen sin|sigo sin) (${W} ){0,1}(no |sin )?(funcionar|funciona|poder|respuesta|resolver|solucion)|fuera de servicio|sin servicio|sin conexion`],
    [-2, `no (me |nos )?(puedo|podemos|pude|puede|pueden|consigo|logro|conseguimos) (${W} ){0,2}(entrar|acceder|iniciar|pagar|descargar|abrir|guardar|enviar|cambiar|cancelar|conectar|ver|encontrar|usar|instalar|activar|exportar|importar|imprimir|comprar|registrar|loguear|logear)|otra vez|de nuevo|demasiado (caro|cara|lento|lenta|complicado)|muy (caro|cara|lento|lenta)|(llevo|llevamos) (${W} ){0,2}(esperando|dias|semanas|horas)`],
    [-1.5, "tengo un problema|tenemos un problema|algo (va|anda|esta) mal|no va bien"],
    [1.5, "no (hay|pasa nada|te preocupes)|sin problema|ningun problema"],
    [2.5, `(ya |ahora )(${G} ){0,1}(funciona|funcionan|anda|va bien)|(funciona|funcionan|anda) (${G} ){0,1}(perfecto|perfectamente|genial|de nuevo|otra vez|ya)|(muchas|mil|muchisimas) gracias|gracias (por (la|tu|su|vuestra) (ayuda|respuesta|rapidez|paciencia))|(problema|error|fallo) (${G} ){0,2}(resuelto|solucionado|arreglado)|me (ha |has )?(ayudado|servido)( mucho)?|(muy|super|re) (util|rapido|amable|claro)`],
    [-2.5, `inundad[oa]|inundacion|fuga de agua|(cae|cayendo|sale|saliendo) agua|sin poder (${W} ){0,1}(entrar|acceder|pagar|trabajar|conectar|usar)`],
    [-2, `(que )?ya (habia|he|hemos|habiamos) pagado|ya (estaba|esta) pagad[oa]`],
    [0, `se (ha )?puesto mal[oa]|se (ha )?puesto enferm[oa]`],
  ],
  courtesy: "gracias agradezco agradecemos",
  negators: "no nunca jamas ni nada tampoco sin ningun ninguna nadie",
  postNegators: "",
  intensifiers:
    "muy:1.3 super:1.3 realmente:1.2 demasiado:1.3 tan:1.2 totalmente:1.3 completamente:1.3 bastante:1.1 extremadamente:1.4 re:1.2 mega:1.4 sumamente:1.4 algo:0.7 poco:0.6 absolutamente:1.3 increiblemente:1.4",
  contrast: "pero sin embargo aunque",
  flagNegators: "no|nunca|jamas|ni|tampoco|de ninguna manera|para nada",
  conditionals: "si sino cuando",
  flags: {
    churn_risk: [
      [0.85, "asks to cancel", `(?<!(politica|condiciones|plazo|plazos|gastos) de )(cancelad|cancelen|cancela|cerrad|cierren|cierra|borrad|borren|eliminad|eliminen|cancelar|cancelo|cancele|cancelado|cancelacion|anular|anulo|anulacion|cerrar|cierro|cierre|eliminar|elimino|borrar|borro|dar por terminad[oa]|terminar|rescindir|rescindo|finalizar) (${W} ){0,3}(suscripcion|cuenta|contrato|plan|membresia|abono|servicio|licencia|renovacion)|(darme|darnos|dar|doy|damos|me doy|nos damos|me di|di|dado|dando|darse|me dare) de baja|(dar|tramitar|solicitar|pedir|quiero|quisiera) (${W} ){0,1}(la )?baja|desuscribir\\p{L}*|desuscrib\\p{L}*|desapuntar\\p{L}*|(quiero|quisiera|voy a|vamos a|me gustaria) (${W} ){0,1}cancelar(?! (el|mi|un|una|la|los|las) (pedido|compra|reserva|cita|envio|transferencia|orden|pago|reunion))|(cancelad|cancelen) todo`, { negatable: true }],
      [0.4, "asks about cancellation terms", "(politica|condiciones|plazo|plazos|gastos|penalizacion) (de|por) (cancelacion|baja|permanencia)|permanencia"],
      [0.85, "will not renew", `no (${W} ){0,2}(renovar|renovare|renovaremos|renovamos|vamos a renovar|voy a renovar)|sin renovar`],
      [0.85, "says they will never come back", `nunca (mas|volvere|volveremos) (${W} ){0,2}(con ustedes|con vosotros|a comprar|a usar|a contratar)|nos despedimos|(hemos|he) decidido (${W} ){0,2}(dejar|cancelar|cambiar|irnos|irme|no renovar|cerrar|darnos de baja|darme de baja|prescindir)`],
      [0.85, "says they are leaving", `(cambiarme|cambiarnos|cambiar|cambio|cambiamos|pasarme|pasarnos|pasar|paso|pasamos|irme|irnos|me voy|nos vamos|migrar|migramos|mudarnos|mudarme) (${W} ){0,2}(a|con|hacia) (la competencia|otro proveedor|otra empresa|otro servicio|otra compania|otra plataforma|otra herramienta|otra app)|cambi\\p{L}* de (proveedor|empresa|compania|servicio|plataforma|herramienta|banco)|(me voy|nos vamos|me largo|nos largamos)( de aqui| con otro| a otro)?|(o|si no|sino|de lo contrario) (me|nos) (cambio|cambiamos|voy|vamos|doy de baja|damos de baja)|(me|nos) (cambio|cambiamos) (a|con) `, { negatable: true }],
      [0.75, "plans to switch provider", `(me|nos) (voy a |vamos a )?(cambiar|cambio|cambiamos|pasar|paso|pasamos|mudar|mudo|mudamos) (${W} ){0,1}(a|con) (?!(?:el|la|un|una|plan|tarifa|pro|premium|business|anual|mensual)(?![\\p{L}]))`, { negatable: true }],
      [0.7, "looks for alternatives", `(buscando|buscar|busco|buscamos|mirando|mirar|evaluando|evaluar|probando|probar|comparando|considerando) (${W} ){0,2}(alternativas|otras opciones|otros proveedores|otras empresas|otras herramientas|la competencia)|alternativas? a (ustedes|vosotros|su|vuestro|este)`],
      [0.45, "asks for a refund", "refund\\p{L}*|reembols\\p{L}*|devolucion (del|de mi) dinero|(devol|devuelv)\\p{L}* (el|mi|nuestro) dinero|mi dinero de vuelta|contracargo", { negatable: true }],
      [0.55, "downgrades or pauses", `downgrade|bajar (${W} ){0,2}(plan|nivel|gratis|gratuito|basico)|(pas|volv|cambi|baj)\\p{L}* (${W} ){0,3}(gratis|gratuit[oa]|free|basic[oa]|esencial|starter|lite|light|mas barat[oa])|(pausar|congelar|suspender) (${W} ){0,1}(suscripcion|cuenta|plan|membresia)`, { negatable: true }],
      [0.5, "questions the value", `no vale (${W} ){0,1}(la pena|lo que cuesta|el precio|lo que pago)|demasiado caro|muy caro para|tirar (el )?dinero|(contrato|suscripcion|licencia) (${W} ){0,3}(vence|termina|expira|caduca|se acaba)`],
    ],
    frustrated_user: [
      [0.85, "has had enough", `(estoy|estamos|ya estoy) (${W} ){0,1}(hart[oa]s?|cansad[oa]s? de|furios[oa]s?|indignad[oa]s?|enfadad[oa]s?|enojad[oa]s?|cabread[oa]s?|frustrad[oa]s?|decepcionad[oa]s?|molest[oa]s?)|(es|esto es|que) (una )?(verguenza|vergonzoso|inaceptable|indignante|ridiculo|un desastre|un robo|una estafa|una broma|lamentable|de risa|increible que)|inaceptable|indignante|vergonzoso|una verguenza|una tomadura de pelo|(me estan|nos estan|me estais|me estas) tomando el pelo|(se|os|te) (estan|estais) riendo de|peor (servicio|experiencia|soporte|app|empresa|atencion)|mierda|joder|basta ya|ya basta|hasta las narices|hasta el (gorro|mono|moño)|me (tienen|teneis) (hart[oa]|frit[oa])|hasta el gorro|no (me )?lo puedo creer|no hay derecho|harto|harta|es el colmo|el colmo`],
      [0.45, "says it is still not fixed", `(todavia|aun|sigue|siguen|sigo) (${W} ){0,1}(no|sin)`],
      [0.6, "reports it still does not work", `otra vez|de nuevo|una vez mas|(otra|otro) (${W} ){0,2}(que )?(rompe|falla|se cae|borra)|(segunda|tercera|cuarta|quinta|enesima|\\d+a) vez|nunca (funciona|anda|va)|no funciona nunca|siempre (lo mismo|el mismo (problema|error)|falla|se cae|se cuelga)`],
      [0.6, "gets the same canned answer", `(la misma|otra vez la misma|siempre la misma) (${W} ){0,1}(respuesta|mensaje)|respuesta (automatica|enlatada|predefinida)|(leeis|lees|leen|lee) (${W} ){0,2}(lo que (escribo|pongo)|mis mensajes)`],
      [0.6, "has repeated themselves", `cuantas veces|(ya )?(lo )?(he|hemos) (${W} ){0,1}(dicho|explicado|escrito|preguntado|intentado|enviado|reportado|comentado) (${W} ){0,1}(ya|varias veces|mil veces|antes)|como ya (dije|he dicho|explique|te dije|les dije)|ya (lo )?(dije|explique|escribi|pregunte|intente|envie|reporte)`],
      [0.6, "wants a human", `(hablar|chatear|comunicarme|comunicarnos) (${W} ){0,1}con (un |una |alguien |algun )?(humano|persona|agente|operador|operadora|asesor|asesora|encargado|supervisor|responsable|real|de verdad)|(una )?persona (real|de verdad)|(un )?humano|(bot|robot|chatbot|maquina) (inutil|estupido|tonto)|(eres|sois|son) (un )?(inutil|inutiles|tonto)|no (me )?(sirves?|sirve|ayudas?|ayuda) (de|para) nada|no me (esta|estas) ayudando|no ayuda (en )?nada`],
      [0.45, "has been kept waiting", `(llevo|llevamos) (${W} ){0,2}(esperando|dias|semanas|horas)|(esperando|espere|esperado) (${W} ){0,2}(dias|semanas|horas|desde)|desde hace (dias|semanas|horas|meses)|(sin|ninguna|no he recibido|no recibo) (respuesta|contestacion|noticias)|nadie (me |nos )?(responde|contesta|ayuda|atiende)`],
      [0.4, "exasperated", "de chiste|es increible que|vaya tela|que tela|no hay derecho|en serio\\?|es en serio|no puede ser|como es posible|por que (siempre|otra vez|tarda tanto)|venga ya|vamos hombre|de verdad\\?"],
      [0.85, "has had enough", `(me estoy|estoy|estamos) (${W} ){0,1}hart(ando|o|a|os|as)|(alguien|nadie) (me|nos) va a (ayudar|contestar|responder|atender) o que`],
    ],
    urgent_request: [
      [0.9, "says it is urgent", "urgent\\p{L}*|urgencia|inmediatamente|de inmediato|ya mismo|ahora mismo|cuanto antes|lo antes posible|lo mas rapido posible|lo mas pronto posible|a la mayor brevedad|de inmediato|asap|sin demora|critico|critica|prioridad|prioritario", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(produccion|tienda|checkout|caja|pagos?|pasarela|servidor|servidores|plataforma|sistema|sitio|web|pagina|api|servicio) (${W} ){0,3}(esta |estan )?(caid[oa]s?|fuera de servicio|sin servicio|no funciona|no funcionan|no carga|no responde|no anda|bloquead[oa])|(clientes|usuarios|nadie|ningun cliente) (${W} ){0,2}(pueden|puede) (${W} ){0,2}(pagar|comprar|entrar|acceder|hacer pedidos)|(estamos|seguimos) (perdiendo) (${W} ){0,2}(dinero|ventas|clientes|pedidos)|todo (esta )?caido|nadie (${W} ){0,1}puede (entrar|acceder|pagar|conectarse|comprar)`],
      [0.75, "needs it now", `(necesito|necesitamos|me hace falta|nos hace falta|tengo que|tenemos que) (${W} ){0,4}(hoy|ahora|ya|antes de manana|esta noche|manana por la manana)|(arregl|solucion|resolv|resuelv|devolv|devuelv|desbloque|activ)\\p{L}* (${W} ){0,2}(ya|ahora|hoy|rapido|inmediatamente)`, { negatable: true }],
      [0.6, "has a deadline", `(antes de|antes del|para|para el|hasta|hasta el) (hoy|manana|esta noche|esta tarde|el mediodia|mediodia|el lunes|el martes|el miercoles|el jueves|el viernes|el sabado|el domingo|lunes|martes|miercoles|jueves|viernes|sabado|domingo|fin de (dia|semana|mes)|final del dia|las \\d{1,2}(:\\d{2})?)|manana (por la manana|a primera hora|temprano)|(hoy|manana) mismo|en (una|dos|tres|\\d+) (hora|horas|minutos)|(reunion|cita|presentacion|lanzamiento|demo|vuelo|evento|feria|auditoria) (${W} ){0,3}(hoy|manana|esta tarde|en \\d+)|fecha limite|plazo|deadline`],
      [0.6, "wants it now", "(ya|ahora|ahora mismo)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `esperando (${W} ){0,5}(persona|agente|operador|operadora|asesor|alguien|humano)|(una|dos|tres|\\d+) (hora|horas|minutos) (${W} ){0,2}esperando`],
      [0.6, "asks to escalate", `escal(ar|en|e|ad|alo|arlo)\\p{L}*|(hablar|pasar|comunicar) (${W} ){0,2}con (un |el |su |tu |vuestro )?(supervisor|superior|responsable|encargado|gerente|jefe|director)`],
      [0.6, "reports fraud in progress", `alguien (${W} ){0,1}(ha )?(usado|utilizado|pagado con|cargado a) (${W} ){0,1}(mi|mis) (tarjeta|cuenta)|(cargo|cargos|compra|compras|pago|pagos) (${W} ){0,1}(que no (he|hice)|no reconocid[oa]s?|no autorizad[oa]s?)`],
      [0.55, "reports something that cannot wait", `(cuenta|tarjeta) (${W} ){0,1}(hackead[oa]|robad[oa]|bloquead[oa]|pirateada)|hackea\\p{L}*|fraude\\p{L}*|fraudulent\\p{L}*|cargos? (${W} ){0,1}no reconocidos?|no puedo (${W} ){0,1}(entrar|acceder) a (mi|nuestra) cuenta`],
      [0.75, "reports an outage that cannot wait", `se (nos|me|le) ha caido (la |el )?(web|pagina|tienda|sistema|app|aplicacion|servidor|plataforma)|(esta|estan) caid[oa]s? (la |el )?(web|pagina|tienda|sistema|app|servidor)`],
      [0.6, "wants it now", `(lo |la )?(puede|pueden|podeis|puedes) (mirar|revisar|arreglar|solucionar) ya`],
      [0.6, "reports fraud in progress", `bloque(a|e|en|ad) (${W} ){0,1}(mi |la |mis |las )?(tarjeta|cuenta)s?|(robaron|han robado)`],
    ],
    confused_user: [
      [0.85, "says they are confused", `no (lo |la |le )?(entiendo|entiende|entendemos|comprendo|comprendemos|pillo|capto)( nada| bien)?|no (lo |le )?(entendi|comprendi)|(estoy|estamos) (${W} ){0,2}(confundid[oa]s?|confus[oa]s?|perdid[oa]s?|liad[oa]s?|desorientad[oa]s?)|(me|nos) (he |hemos )?(perdido|liado|confundido)|confuso|confusa|no (esta|queda|me queda) (nada |muy )?claro|que (quiere|quieres|quieren|querian) decir|que significa (eso|esto)|a que (se refiere|te refieres)|no (tiene|tengo) (ningun )?sentido|ni idea|no tengo (ni )?idea`],
      [0.6, "is unsure what to do", `no (estoy|estamos) (${W} ){0,1}segur[oa]s?|no se (muy bien |bien )?(como|que|donde|si|cual|cuales|por que|cuando)|no sabemos (como|que|donde|si|cual)|dudo (entre|si)|tengo dudas`],
      [0.6, "asks 'wait, so …'", `(espera|espere|a ver|un momento|un segundo),? ¿?(${W} ){0,2}(o sea|entonces|es decir|tengo que|hay que)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `(cual|cuales) (${W} ){0,3}(es|son) (la buena|el bueno|la correcta|el correcto|la valida|el valido)`],
      [0.6, "asks what something means", `que (significa|significan|quiere decir|quieren decir)|significa que\\s*\\?`],
      [0.55, "asks which one", `(cual|cuales)( entonces)?\\s*\\?`],
      [0.4, "hesitates", "emm+|ehh+|mmm+"],
    ],
    buying_signal: [
      [0.8, "asks about price", "precio|precios|tarifa|tarifas|cuanto (cuesta|cuestan|vale|valen|sale|costaria|cobran|seria|es)|presupuesto|cotizacion|cotizar", { negatable: true }],
      [0.8, "wants to buy", `(quiero|quisiera|queremos|quisieramos|me gustaria|nos gustaria|vamos a|voy a|estoy interesad[oa]|estamos interesad[oa]s|pensamos|pienso) (${W} ){0,3}(comprar|contratar|adquirir|suscribir\\p{L}*|pedir|encargar|reservar|ampliar|mejorar el plan|pasar(me|nos)? al plan|actualizar (a|al) (plan )?(pro|premium|business|anual))|(donde|como) (puedo|podemos|se puede) (${W} ){0,2}(comprar|contratar|suscribir\\p{L}*|adquirir)`, { negatable: true }],
      [0.7, "asks about plans or trials", `prueba gratis|prueba gratuita|periodo de prueba|version de prueba|demo|demostracion|plan (pro|premium|business|empresa|empresarial|anual|equipo)|(que|cual|cuales) (plan|planes|tarifa)|descuento por volumen|(mas|otras|nuevas) (licencias|plazas|usuarios)|licencias (para|adicionales)`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade|mejorar (mi|nuestro|el) plan|descuento|cupon|codigo promocional|oferta|interesad[oa]s? en`, { negatable: true }],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `competencia|competidor\\p{L}*`],
    ],
  },
  named: [
    [0.7, "names the tool they used before", `(antes|anteriormente) (usabamos|usaba|teniamos|tenia|estabamos|estaba) (con |en )?${NAME}|(venimos|vengo|veniamos|venia) de ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(mucho |bastante )?(mas facil|mas sencillo|mejor|mas barato|mas rapido|mas intuitivo|mas claro) que ${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(paso|pasamos|pasaremos|pasarme|pasarnos|cambio|cambiamos|cambiarme|cambiarnos|voy|vamos|irme|irnos|migramos|migrar|mudamos|mudarnos|llevo|llevamos)( ${W}){0,2} (a|con|hacia|para) ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(en|con|de) ${NAME}( ${W}){0,6} (al menos|por lo menos|nunca|gratis|mas barato|mejor|sin problemas|al instante|enseguida)|(como|que) (en|con) ${NAME}|(en|con) ${NAME}( ${W}){1,8},? (por que|pero) (${W} ){0,2}(aqui|con vosotros|con ustedes)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(usamos|uso|utilizamos|trabajamos con|tenemos) (ahora|actualmente|todavia|aun|de momento)( ${W})? ${NAME}`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(comparando|comparamos|comparar|comparo) (${W} ){0,2}con ${NAME}`, ["competitor_mention"]],
  ],
};
