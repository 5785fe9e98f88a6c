import { type LanguageSource, NAME } from "./pack";

/**
 * Portuguese (Brazilian and European). Folded: lower case, accents removed (ã→a, ç→c), so "não"
 * and the common unaccented "nao" are the same word.
 */

const W = "[\\p{L}\\p{N}]+";
/** A gap word that is not a negator. */
const G = "(?!(?:nao|nunca|jamais|nem|nada)(?![\\p{L}]))[\\p{L}\\p{N}]+";

export const pt: LanguageSource = {
  words: [
    [-1, "arranhado arranhada multa"],
    [-2, "estragado estragada estragou sumiu sumiram cancelaram abusiv*"],
    [-2.5, "descaso"],
    [-1, "demora demorou demorando reclamacao extraviado extraviada extraviou"],
    [2.5, "parabens prestativo prestativa prestativos pontual resolveram"],
    [-1.5, "atraso atrasos atrasado atrasada atrasou cancelado cancelada cancelaram faltando faltou"],
    [3, "adora* excelente* perfeito perfeita perfeitos perfeitamente otimo otima otimos maravilh* fantastic* incrivel incriveis adorei adoro amei amo espetacular* sensacional* impecavel"],
    [2.5, "convencid* contente* satisfeit* agradecid* util uteis eficiente* rapido rapida rapidos rapidamente gentil gentis atencios* facil resolvido resolvida resolveu solucionado solucionada consertado consertada top show"],
    [2, "melhoria melhorou bom boa bons boas bem melhor melhores gosto gostei legal bacana correto correta claro clara confiavel recomendo"],
    [1.5, "obrigado obrigada obrigad* agradeco agradecemos valeu"],
    [0.7, "ok okay beleza certo"],
    [-0.5, "espera esperar esperando caro cara"],
    [-0.7, "problema problemas infelizmente duvida"],
    [-1, "lento lenta lentos lentidao complicad* estranho estranha"],
    [-1.5, "bloquearam bloqueou erro erros falha falhas falhou falhando bug bugs bloquead* recusad* negad* perdido perdida perdi incorret* errado errada impossivel suspens* preocupad*"],
    [-2, "quebra danificad* travado travada travando trava travou caiu caido caida quebrado quebrada quebrou pifou defeito defeituos* congelad* chatead* irritad* decepcion* desapontad*"],
    [-2.5, "mal ruim ruins pessimo pessima pior inutil inuteis frustr* horrivel horriveis lamentavel"],
    [-2.4, "fraude fraudes golpe"],
    [-3, "farto farta fartos desastre* terrivel terriveis inaceitavel inadmissivel absurdo absurda ridicul* vergonha vergonhoso* golpe roubo ladroes palhacada furios* revoltad* indignad* merda porra droga lixo incompetent* pessimamente"],
  ],
  phrases: [
    [0, `pedi (${W} ){0,3}(errad[oa]s?)`],
    [-2, `cortaram(-| )?(me|nos)? ?(a luz|o gas|a agua|a internet|a linha)`],
    // First, so it wins over shorter set phrases: the user's own slip ("per ongeluk de verkeerde …"), no rush.
    [0, `por engano|sem pressa|nao (tem|ha) pressa|(comprei|coloquei|escolhi|pedi|digitei|botei) (${W} ){0,3}errad[oa]|o mais rapido possivel|rapido,? por favor`],
    [0, "bom dia|boa tarde|boa noite|(muito )?obrigad[oa] (desde ja|antecipadamente|de antemao)|desde ja (obrigad[oa]|agradeco)|(um )?abraco|abracos|atenciosamente|att|cordialmente|boa pergunta|o mais rapido possivel|e possivel|prezad[oa]s?|por engano|sem querer|ola,? tudo bem|tudo bem\\?"],
    // The user's own slip or a courtesy apology is no complaint about the service.
    [0, "(erro|culpa|falha) (minha|meu)|(minha|meu) (culpa|erro)|(desculpa|desculpe|desculpem|perdao) (pelo |pela |o |a )?(incomodo|transtorno|demora)|(desculpa|desculpe) (por )?incomodar|eu (errei|me enganei|me confundi)|foi mal"],
    // Support trouble: no emotion word, still bad news.
    [-2, `muito (alta|alto|cara|caro)|(o dobro|o triplo)|(nao|ainda nao) (foi |foram )?(pago|paga|depositado|reembolsado|processado|entregue|caiu)`],
    [-2.5, `alguem (${W} ){0,1}(usou|utilizou|comprou com|pagou com) (${W} ){0,1}(meu|minha) (cartao|conta)|(compra|compras|cobranca|cobrancas|pagamento)s? (${W} ){0,1}(que nao (fiz|reconheco)|nao reconhecid[oa]s?|nao autorizad[oa]s?)`],
    [-3, "nada funciona|nao funciona nada|tudo (esta |ta )?(fora do ar|caido|parado)|nao (esta |ta )?funcionando nada"],
    [-2.5, `(nao|nunca) (me |nos |lhe )?(${W} ){0,1}(funciona|funcionam|funcionou|funcionando|carrega|carregam|abre|abrem|responde|inicia|deixa|chega|chegou|chegaram|serve|sincroniza|salva|envia|vai|processa|aparece|aparecem|entra|aceita|passa|completa|conclui)|(fui|foi|fomos|me|nos|ele|voces) (${W} ){0,1}(cobrado|cobrada|cobrados|cobraram|debitado|debitaram|descontaram|faturado|faturaram|cobrou) (${W} ){0,2}(duas vezes|2 vezes|2x|tres vezes|em dobro|a mais|duplicado|duplicada|de novo)|(paguei|pagamos|pago) (${W} ){0,1}(duas vezes|2 vezes|2x|em dobro)|ninguem (${W} ){0,1}consegue (entrar|acessar|logar|pagar|comprar)|(cobranca|debito|pagamento|cobrancas) (duplicad[oa]s?|em dobro|repetid[oa]s?|indevid[oa]s?)|(cobranca|cobrado|cobraram) (${W} ){0,1}duas vezes|(sem|nenhuma|nao tive|nao recebi|nao tenho|nunca recebi) (${W} ){0,1}(resposta|retorno|noticias|confirmacao)|(sem|nao tenho|nao tem|fiquei sem|estou sem|to sem) (internet|sinal|conexao|rede|luz|wifi|linha)|(nao|nunca) (${W} ){0,1}(recebi|recebemos|chegou|chegaram)|(internet|conexao|sinal|wifi|rede|ligacao|chamada)s? (${W} ){0,1}(cai|caiu|caem|cair)|nao (liga|acende)|chegou (${W} ){0,1}(quebrad[oa]|danificad[oa]|errad[oa])|quebra tudo|fora do ar|(esta|estao|ta|tao|ficou|fica) (${W} ){0,1}(travad[oa]s?|caid[oa]s?|bloquead[oa]s?|congelad[oa]s?|quebrad[oa]s?|parad[oa]s?|fora do ar)|(trava|travou|cai|caiu|fecha|fechou|congela|congelou) (${W} ){0,2}(toda hora|sempre|o tempo todo|toda vez|sozinh[oa]|toda noite|todo dia|todos os dias|do nada|direto|sem parar) (funcionar|funciona|conseguir|consigo|resposta|solucao)|sem (sistema|servico|acesso|conexao)`],
    [-2, `(nao|nunca) (me |nos )?(consigo|conseguimos|consegui|pude|posso|podemos|da para|da pra) (${W} ){0,2}(entrar|acessar|logar|fazer login|pagar|baixar|abrir|salvar|enviar|mudar|alterar|cancelar|conectar|ver|encontrar|achar|usar|instalar|ativar|exportar|importar|imprimir|comprar|cadastrar|finalizar|emitir|agendar|marcar|remarcar|sacar|resgatar|transferir)|de novo|outra vez|novamente|mais uma vez|caro demais|muito (caro|cara|lento|lenta|demorado)|demora (muito|demais)|(estou|to|estamos) (${W} ){0,1}(esperando|aguardando) (${W} ){0,2}(dias|semanas|horas|ha)`],
    [-1.5, "(tenho|temos|estou com|estamos com|to com) (um )?(problema|erro)|(algo|alguma coisa) (esta |ta )?(errad[oa]|estranh[oa])"],
    [1.5, "sem problema|nenhum problema|nao tem problema|tudo certo|tudo bem"],
    [2.5, `(ja |agora )(${G} ){0,1}(funciona|funcionou|deu certo|esta funcionando|ta funcionando)|(funciona|funcionou|funcionando) (${G} ){0,1}(perfeitamente|perfeito|de novo|novamente|bem)|deu (tudo )?certo|(muito|muitissimo) obrigad[oa]|obrigad[oa] (pela|por) (ajuda|resposta|rapidez|paciencia|atencao)|(problema|erro|falha) (${G} ){0,2}(resolvido|solucionado|corrigido)|(me )?ajudou (muito|demais)|(muito|super) (util|rapido|gentil|claro|atencioso)`],
    [-2, `(fecha|fechou|desliga|desligou|reinicia|reiniciou) sozinh[oa]`],
    [-2, `(chegou|veio|esta|estava|vieram|chegaram) (${W} ){0,3}(amolgad[oa]s?|partid[oa]s?|quebrad[oa]s?|danificad[oa]s?|rasgad[oa]s?|trincad[oa]s?|rachad[oa]s?|fri[oa]s?|gelad[oa]s?|estragad[oa]s?|derramad[oa]s?|vencid[oa]s?)|(que )?ja (tinha sido|foi|havia sido|tinha) pag[oa]`],
  ],
  courtesy: "obrigado obrigada obrigadao agradeco agradecemos valeu",
  negators: "nao nunca jamais nem nada nenhum nenhuma ninguem sem tampouco",
  postNegators: "",
  intensifiers:
    "muito:1.3 super:1.3 realmente:1.2 demais:1.3 tao:1.2 totalmente:1.3 completamente:1.3 bastante:1.1 extremamente:1.4 mega:1.4 bem:1.1 pouco:0.6 meio:0.7 absolutamente:1.3 incrivelmente:1.4",
  contrast: "mas porem contudo entretanto todavia",
  flagNegators: "nao|nunca|jamais|nem|de jeito nenhum|de forma alguma",
  conditionals: "se senao caso quando",
  flags: {
    churn_risk: [
      [0.8, "plans to switch provider", `portar (o )?(meu |nosso )?(numero|linha)`],
      [0.75, "says this is the end", `(vou|vamos) (${W} ){0,1}(apagar|deletar|desinstalar|excluir) (esse|este|o|seu|vosso) (app|aplicativo)|(e|sera|este e|esse e) (o )?(meu|nosso) ultimo (mes|pagamento)|ultim[oa] (mes|mensalidade|parcela|pagamento) que (eu |nos )?(pago|pagamos|vou pagar)|me convenc(a|am|e|em) a ficar|(me )?(deem|de|da|dem) (um|uma) (bom |boa |unico |unica )?(motivo|razao) (para|pra) (eu )?ficar|(apaguei|apago|desinstalei|desinstalo|excluo|exclui) o (app|aplicativo)|nunca mais (compro|peco|uso|volto)`],
      [0.85, "asks to cancel", `(?<!(politica|condicoes|prazo|multa|taxa) de )(cancela|cancelem|encerrem|encerra|fechem|cancelar|cancelo|cancele|cancelamento|cancelei|encerrar|encerro|encerramento|fechar|fecho|excluir|exclusao|deletar|apagar|rescindir|rescisao|finalizar|terminar) (${W} ){0,3}(assinatura|conta|contrato|plano|servico|licenca|renovacao|inscricao|cadastro)|(quero|queria|gostaria de|vou|vamos|preciso) (${W} ){0,1}cancelar(?! (o|a|um|uma|meu|minha) (pedido|encomenda|compra|reserva|agendamento|transferencia|pix|reuniao|aula|consulta|visita|sessao|marcacao|entrega|voo|viagem))|descadastr\\p{L}*|desinscrever`, { negatable: true }],
      [0.4, "asks about cancellation terms", "(politica|condicoes|prazo|multa|taxa) de (cancelamento|rescisao)|fidelidade|multa rescisoria"],
      [0.85, "will not renew", `(nao|nunca) (${W} ){0,2}(renovar|renovaremos|renovamos|vou renovar|vamos renovar|renovarei)|sem renovar`],
      [0.85, "says they will never come back", `nunca mais (${W} ){0,2}(com voces|compro|usamos|uso|contrato)|nos despedimos|decidimos (${W} ){0,2}(seguir outro caminho|sair|cancelar|encerrar|mudar|trocar|nao renovar|parar)|(cancelem|cancela|encerrem|encerra) tudo`],
      [0.75, "will not need what they pay for", `(nao|não) (vamos|vou|iremos|irei) (mais )?precisar (${W} ){0,1}(d[aeo]s?) (${W} ){0,2}(licenca|licença|licencas|licenças|plano|assinatura|pacote|conta|servico|serviço|lugares|assentos|utilizadores|usuarios|usuários)`],
      [0.85, "says they are leaving", `(mudar|mudo|mudamos|mudando|trocar|troco|trocamos|trocando|ir|vou|vai|vamos|migrar|migramos|passar|passo|passamos) (${W} ){0,2}(para|pra|pro) (a concorrencia|concorrencia|o concorrente|um concorrente|outro fornecedor|outra empresa|outro servico|outra plataforma|outra ferramenta|outro app|outro banco)|(troc|mud)\\p{L}* de (fornecedor|empresa|servico|plataforma|ferramenta|banco|operadora)|(vou|vamos) (embora|sair)|(estou|estamos) saindo|(ou|senao|se nao) (eu |nos )?(cancelo|cancelamos|troco|trocamos|mudo|mudamos|saio|saimos)|(vou|vamos) (trocar|mudar) de`, { negatable: true }],
      [0.75, "plans to switch provider", `(vou |vamos )?(mudar|trocar|migrar|passar) (${W} ){0,1}(para|pra|pro) (?!(?:o|a|um|uma|plano|pro|premium|business|anual|mensal)(?![\\p{L}]))`, { negatable: true }],
      [0.7, "looks for alternatives", `(procurando|procurar|procuro|buscando|buscar|avaliando|avaliar|testando|testar|comparando|considerando|olhando) (${W} ){0,2}(alternativas|outras opcoes|outros fornecedores|outras empresas|outras ferramentas|a concorrencia|concorrentes)|alternativas? (a|ao|para) (voces|seu|sua|este|esse)`],
      [0.45, "asks for a refund", "refund\\p{L}*|reembols\\p{L}*|estorn\\p{L}*|devolu(cao|cao) do (meu )?dinheiro|(devolvam|devolver) (o|meu) dinheiro|meu dinheiro de volta|chargeback", { negatable: true }],
      [0.55, "downgrades or pauses", `downgrade|(rebaixar|diminuir|reduzir) (${W} ){0,2}plano|(volt|pass|mud|desc)\\p{L}* (${W} ){0,7}(?<!(?:do|da|de) (?:${W} ){0,2})(gratis|gratuito|free|basico|essencial|starter|lite|light|mais barato)(?![\\p{L}])|(reduzir|diminuir|baixar) (${W} ){0,3}(utilizadores|usuarios|licencas|linhas|lugares|plano|tarifario)|(pausar|congelar|suspender) (${W} ){0,1}(assinatura|conta|plano)`, { negatable: true }],
      [0.5, "questions the value", `nao vale (${W} ){0,1}(a pena|o preco|o que custa|o que pago)|caro demais|dinheiro jogado fora|(contrato|assinatura|licenca) (${W} ){0,3}(vence|termina|expira|acaba)`],
    ],
    frustrated_user: [
      [0.75, "thanks them for nothing or cannot take more", `obrigad[oa] por nada|nao da mais(?![\\p{L}])`],
      [0.85, "has had enough", `(estou|estamos|to|ja estou) (${W} ){0,1}(fart[oa]s?|cansad[oa]s? (de|disso|dessa|desse)|furios[oa]s?|indignad[oa]s?|irritad[oa]s?|revoltad[oa]s?|chatead[oa]s?|frustrad[oa]s?|decepcionad[oa]s?|p da vida|puto|puta)|(e|isso e|que) (uma )?(vergonha|absurdo|palhacada|inaceitavel|ridiculo|um desastre|um roubo|um golpe|uma piada|lamentavel|brincadeira)|inaceitavel|inadmissivel|um absurdo|palhacada|(voces|vcs) (estao )?(de brincadeira|de sacanagem|zoando)|pior (servico|experiencia|suporte|app|empresa|atendimento)|merda|porra|que droga|nao aguento mais|(de )?saco cheio|encher o saco|cansei|chega!|chega disso|basta|ja deu(?!\\x20+(tudo\\x20+)?certo)|(e|ta) de brincadeira`],
      [0.45, "says it is still not fixed", `(ainda|continua|continuam|segue|sigo) (${W} ){0,1}(nao|sem)`],
      [0.6, "reports it still does not work", `de novo|outra vez|novamente|mais uma vez|(mais uma|outra|outro) (${W} ){0,2}(que )?(quebra|trava|derruba|apaga)|(segunda|terceira|quarta|quinta|enesima|\\d+a) vez|nunca (funciona|da certo)|sempre (a mesma coisa|o mesmo (problema|erro)|trava|cai)`],
      [0.6, "gets the same canned answer", `(a mesma|de novo a mesma|sempre a mesma) (${W} ){0,1}(resposta|mensagem)|resposta (pronta|automatica|padrao)|(voces )?(leem|le|leram) (${W} ){0,2}(o que eu escrevo|minhas mensagens)`],
      [0.6, "has repeated themselves", `quantas vezes|(ja )?(eu )?(te |lhe |lhes )?(disse|falei|expliquei|escrevi|perguntei|tentei|enviei|mandei|reportei|informei) (${W} ){0,1}(isso |isto )?(varias vezes|mil vezes|antes|ja)|como (ja )?(eu )?(disse|falei|expliquei)|ja (te )?(disse|falei|expliquei|mandei|enviei)`],
      [0.6, "wants a human", `(falar|conversar|chat) (${W} ){0,1}com (um |uma |alguem |algum )?(humano|pessoa|atendente|agente|operador|consultor|supervisor|responsavel|gerente|real|de verdade)|(uma )?pessoa (real|de verdade)|(um )?humano|(bot|robo|chatbot|maquina) (inutil|burro|idiota)|(voce e|vc e|voces sao) (inutil|inuteis|burro)|nao (esta |ta )?(me )?(ajuda|ajudando|serve) (em )?(nada|para nada|pra nada)|nao ajuda (em )?nada`],
      [0.45, "has been kept waiting", `(estou|to|estamos) (${W} ){0,1}(esperando|aguardando) (${W} ){0,2}(dias|semanas|horas|ha)|ha (dias|semanas|horas|meses) (${W} ){0,2}(esperando|aguardando|sem)|(sem|nenhuma|nao recebi|nunca recebi) (${W} ){0,1}(resposta|retorno)|ninguem (me |nos )?(responde|ajuda|atende|retorna)`],
      [0.4, "exasperated", "inacreditavel|nao da pra acreditar|surreal|serio\\?|e serio|nao e possivel|como (e que )?pode|por que (sempre|de novo|demora tanto)|fala serio|ah,? qual e"],
      [0.85, "has had enough", `ja chega|chega!`],
      [0.6, "has been kept waiting", `(ja )?(sao|faz|fazem|ha) (\\d+|dois|duas|tres|quatro|cinco|seis|sete|oito|dez) (dias|semanas|meses) (esperando|a espera|aguardando|sem resposta)`],
    ],
    urgent_request: [
      [0.65, "complains about waiting for a human", `ninguem (me )?(responde|atende|retorna)`],
      [0.75, "has a hard deadline", `(meu|nosso) (voo|trem|show|concerto|horario) (${W} ){0,1}(sai |e |comeca )?(em (\\d+|uma|duas|tres) (horas?|minutos)|hoje a noite|hoje|as \\d)|(embarco|viajo|saio) (em (\\d+|uma|duas) horas?|as \\d|hoje)`],
      [0.9, "says it is urgent", "urgent\\p{L}*|urgencia|imediatamente|de imediato|o (mais )?rapido possivel|o quanto antes|quanto antes|o mais breve possivel|com urgencia|asap|agora mesmo|ja!|critico|critica|prioridade|prioritario", { negatable: true }],
      [0.75, "reports an outage that cannot wait", `(producao|loja|checkout|caixa|pagamentos?|gateway|servidor|servidores|plataforma|sistema|site|api|servico) (${W} ){0,3}(esta |estao |ta |caiu|esta fora|ficou )?(fora do ar|caid[oa]s?|parad[oa]s?|nao funciona|nao carrega|nao responde|travad[oa]|offline|fora)|(clientes|usuarios|ninguem|nenhum cliente) (${W} ){0,2}(conseguem|consegue|podem|pode) (${W} ){0,2}(pagar|comprar|entrar|acessar|finalizar)|(estamos|continuamos) perdendo (${W} ){0,2}(dinheiro|vendas|clientes|pedidos)|tudo (esta |ta )?(fora do ar|parado|caido)|ninguem (${W} ){0,1}consegue (entrar|acessar|logar|pagar|comprar)`],
      [0.75, "needs it now", `(preciso|precisamos|tenho que|temos que) (${W} ){0,4}(hoje|agora|ja|antes de amanha|esta noite|amanha cedo|amanha de manha)|(resolvam|arrumem|corrijam|consertem|devolvam|desbloqueiem|liberem) (${W} ){0,2}(ja|agora|hoje|logo|rapido|imediatamente)`, { negatable: true }],
      [0.6, "has a deadline", `(ate|antes de|antes do|antes da|para|pra) (hoje|amanha|hoje a noite|esta noite|esta tarde|meio-dia|o meio-dia|segunda|terca|quarta|quinta|sexta|sabado|domingo|o fim do dia|o final do dia|o fim da semana|as \\d{1,2}(h|:\\d{2})?)|amanha (cedo|de manha|logo cedo)|hoje ainda|ainda hoje|(?<!(entrega|entregam|chega|chegam|leva|levam|demora|demoram|faz|fazem|resolve|resolvem) )em (uma|duas|tres|\\d+) (hora|horas|minutos)|(reuniao|apresentacao|lancamento|demo|voo|evento|feira|auditoria) (${W} ){0,3}(hoje|amanha|em \\d+)|prazo|deadline|data limite`],
      [0.6, "wants it now", "(agora|ja)\\s*!", { negatable: true }],
      [0.6, "complains about waiting for a human", `(esperando|aguardando) (${W} ){0,5}(atendente|pessoa|humano|agente|alguem|operador)|(uma|duas|\\d+) (hora|horas|minutos) (${W} ){0,2}(esperando|aguardando)`],
      [0.6, "asks to escalate", `escal(ar|e|em|onar)\\p{L}*|(falar|passar|transferir) (${W} ){0,2}(com|para) (o |um |seu |o seu )?(supervisor|superior|responsavel|gerente|chefe|diretor)`],
      [0.6, "reports fraud in progress", `alguem (${W} ){0,1}(usou|utilizou|comprou com|pagou com) (${W} ){0,1}(meu|minha) (cartao|conta)|(compra|compras|cobranca|cobrancas|pagamento)s? (${W} ){0,1}(que nao (fiz|reconheco)|nao reconhecid[oa]s?|nao autorizad[oa]s?)`],
      [0.55, "reports something that cannot wait", `bloquearam (${W} ){0,1}(cartao|conta)|(conta|cartao) (${W} ){0,1}(bloquead[oa]|hackead[oa]|invadid[oa]|roubad[oa]|clonad[oa])|hacke\\p{L}*|invadi\\p{L}*|fraude\\p{L}*|fraudulent\\p{L}*|(nao )?reconhec\\p{L}* (essa|esta|a) (compra|cobranca)`],
      [0.6, "complains about waiting for a human", `(a espera|esperando|aguardando) (de |por )?(um |uma )?(operador|operadora|atendente|humano|pessoa|assistente)`],
      [0.6, "reports fraud in progress", `bloque(iem|ie|em|a) (${W} ){0,1}(o |meu |o meu |a minha |minha )?(cartao|conta)|roubaram|clonaram`],
    ],
    confused_user: [
      [0.85, "says they are confused", `(nao|nunca) (${W} ){0,1}(percebi|percebo|percebemos|entendo|entendi|entende|entendemos|compreendo|compreendi|saquei|to entendendo|estou entendendo)|(estou|estamos|to|fiquei|ficamos) (${W} ){0,2}(confus[oa]s?|perdid[oa]s?|sem entender|boiando)|confuso|confusa|nao (esta |ta |ficou )?(muito |nada )?claro|o que (voce|vc|voces) quer(em)? dizer|o que (significa|quer dizer) (isso|isto)|nao faz (nenhum )?sentido|sem sentido|nao tenho (a menor )?ideia|nao faco ideia|sei la`],
      [0.6, "is unsure what to do", `nao (tenho|estou|to) (${W} ){0,1}(certeza|segur[oa])|nao sei (bem |muito bem )?(como|o que|onde|se|qual|quais|por que|porque|quando)|nao sabemos (como|o que|onde|se|qual)|tenho (uma )?duvida (se|entre|sobre qual)|fiquei na duvida`],
      [0.6, "asks 'wait, so …'", `(espera|perai|pera ai|peraí|um momento|um segundo),? (${W} ){0,2}(entao|ou seja|quer dizer|tenho que|preciso)[^.!?\\n]{0,80}\\?`],
      [0.6, "asks which one is right", `qual (${W} ){0,3}(e|sao) (o certo|a certa|o correto|a correta|o valido|a valida)`],
      [0.6, "asks what something means", `o que (significa|significam|quer dizer|querem dizer)`],
      [0.55, "asks which one", `(qual|quais)( entao)?\\s*\\?`],
      [0.4, "hesitates", "hmm+|humm+|ahn+|hein\\?"],
    ],
    buying_signal: [
      [0.75, "asks about adding seats", `(adicionar|acrescentar|incluir|colocar|adiciono|acrescento) (mais )?(\\d+|duas|dois|tres|outr[oa]s|mais) (${W} ){0,1}(linhas?|usuarios?|licencas?|assentos|lugares|membros|contas|numeros|chips|vagas)`],
      [0.7, "asks about a bigger plan", `(plano|planos|tarifa|oferta|preco|precos|desconto) (${W} ){0,1}para (empresas|equipes|grupos|negocios)|(somos|seremos) (\\d+) (pessoas|funcionarios|usuarios|colaboradores)`],
      [0.8, "asks about price", "preco|precos|valor (do|da|dos|das|mensal|anual)|quanto (custa|custam|sai|fica|e|seria|cobram)|orcamento|cotacao|tabela de precos", { negatable: true }],
      [0.8, "wants to buy", `(quero|queria|queremos|gostaria de|gostariamos de|vou|vamos|estou interessad[oa]|estamos interessad[oa]s|pretendo|pretendemos) (${W} ){0,3}(comprar|contratar|adquirir|assinar|fechar|encomendar|reservar|ampliar|fazer upgrade|mudar para o plano(?! (basico|gratis|gratuito|free|essencial|starter|lite|light|mais barato))|passar para o plano(?! (basico|gratis|gratuito|free|essencial|starter|lite|light|mais barato)))|(onde|como) (posso|podemos|faco para|eu faco pra) (${W} ){0,2}(comprar|contratar|assinar|adquirir)`, { negatable: true }],
      [0.7, "asks about plans or trials", `teste gratis|teste gratuito|periodo de teste|versao de teste|trial|demo|demonstracao|plano (pro|premium|business|empresa|empresarial|anual|equipe)|(qual|quais) (plano|planos)|desconto por volume|(mais|outras|novas) (licencas|usuarios)|licencas (para|adicionais)`, { negatable: true }],
      [0.55, "mentions an upgrade or discount", `upgrade|desconto|cupom|codigo promocional|promocao|interessad[oa]s? (em|no|na)`, { negatable: true }],
    ],
    competitor_mention: [
      [0.75, "mentions the competition", `concorrencia|concorrente\\p{L}*`],
    ],
  },
  named: [
    [0.7, "names the tool they used before", `(antes|anteriormente) (usavamos|usava|tinhamos|tinha|estavamos|estava) (com |no |na )?${NAME}|(viemos|venho|vinhamos|vinha) (do|da|de) ${NAME}`, ["competitor_mention"]],
    [0.7, "compares us favourably with a named competitor", `(muito |bem )?(mais facil|mais simples|melhor|mais barato|mais rapido|mais intuitivo|mais claro) (que|do que) (o |a )?${NAME}`, ["competitor_mention"]],
    [0.85, "switches to a named competitor", `(mudar|mudo|mudamos|vou|vamos|vai|passar|passo|passamos|trocar|troco|trocamos|migrar|migramos|levar|levo|levamos)( ${W}){0,2} (para|pra|pro) ${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "compares with a named competitor", `(no|na|com|do|da|em) ${NAME}( ${W}){0,8} (pelo menos|ao menos|nunca|de graca|gratis|mais barato|melhor|no mesmo dia|na hora|sem problema)|(como|que) (no|na) ${NAME}|(no|na|com) ${NAME}( ${W}){1,8},? (por que|mas) (${W} ){0,2}(aqui|com voces)`, ["competitor_mention"]],
    [0.7, "names the tool they use now", `(usamos|uso|utilizamos|trabalhamos com|temos) (hoje|atualmente|ainda|por enquanto)( ${W})? ${NAME}|(hoje|atualmente|agora) (usamos|uso|utilizamos|trabalhamos com|trabalho com|estamos com|estou com) (o |a )?${NAME}`, ["competitor_mention"]],
    [0.7, "is weighing a named alternative", `(estamos |estou )?(avaliando|testando|analisando) (o |a )?${NAME}`, ["competitor_mention"]],
    [0.8, "ports the number to a named provider", `(portabilidade|portar|levar) (${W} ){0,3}(pra|para|pro) (a |o )?${NAME}`, ["churn_risk", "competitor_mention"], { negatable: true }],
    [0.7, "names the provider they left", `(troquei|trocamos|deixei|deixamos|sai da|sai do|saimos da|saimos do) (a |o )?${NAME}`, ["competitor_mention"]],
    [0.7, "is comparing us with a named competitor", `(comparando|comparamos|comparar|comparo) (${W} ){0,2}com ${NAME}`, ["competitor_mention"]],
  ],
};
