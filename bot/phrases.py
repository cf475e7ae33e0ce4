"""What agents type, as data: the phrases of every command in English and Spanish, and the guards around them.

The parser (`bot.parser`) reads a message lower-cased, with accents removed ("llámame" is "llamame", "sí" is
"si"), emoji dropped (👍, 👌 and ✅ read as "ok"), so the patterns here are plain ASCII. `COMMANDS` is searched
clause by clause, most specific intent first: an outcome ("fell through") before a claim ("yes"), a pause
before a status ("pause my referrals"). Spanish phrases sit next to the English ones of the same intent, so an
English agent who writes in Spanish is understood too.
"""
from __future__ import annotations

# Carrier opt-out words. The unambiguous ones count anywhere as a whole word ("Stop texting me 🛑");
# ordinary words ("end", "cancel", "quit", Spanish "alto", "baja") only when they are the whole message.
STOP_WORDS = r"stop|stopall|unsubscribe|optout|opt[- ]out|revoke"
STOP_ONLY_WORDS = {
    "remove", "unsub", "basta", "cancel", "end", "quit", "parar", "para", "alto", "baja", "cancelar", "detener", "stop",
}
STOP_PHRASES = (
    r"\bremove (?:this|my) (?:number|phone|cell|address|email|e-mail) from\b|\bremove me\b"
    r"|\bremove [a-z]+ [a-z]+ from (?:your|the) (?:text|email|e-mail|mailing|contact)?(?: and (?:text|email|e-mail))?"
    r" ?lists?\b"  # "Please remove Frank Ellis from your text and email lists. He retired"
    r"|\bremove (?:his|her) (?:number|phone|cell|email|e-mail|name|info)(?: and (?:his |her )?(?:number|email|e-mail"
    r"|phone))? from (?:your|the)\b"  # "writing on behalf of my father, who passed away. Please remove his number"
    r"|\btak(?:e|ing) me off\b(?! (?:the )?(?:rotation|hold"
    r"|pause))"
    r"|\b(?:eliminen|borren|quiten|saquen) (?:mi numero|mi correo|mis datos|mi nombre|mi telefono)\b"
    r"|\belimin\w* mi (?:direccion de )?(?:correo|email|e-mail|numero)\b|\bno deseo recibir mas\b"
    r"|\bopt me out\b|\btake (?:this|my) (?:number|phone|cell) off\b"
    r"|\bcancel (?:all |the |these |my )?(?:texts|messages|sms|alerts|notifications)\b"
    r"|\b(?:stop|quit) sending (?:me )?(?:these |those |any |your |the )?(?:texts|messages|sms|emails)\b"
    r"|\bunsubscribe me\b"
    r"|\btake my (?:number|name|email) off\b"
    r"|\bremove my (?:number|name|email)\b|\belimin(?:enme|ame|arme|en mi nombre) de (?:su|tu|la|sus) (?:lista|base)"
    r"|\bremove \S+(?: [a-z]+)? from (?:all (?:of )?)?(?:your|the) (?:texts|emails|messages|lists?|mailing list"
    r"|distribution list|email list)\b|\b(?:do not|don'?t) wish to receive (?:any )?(?:further|more|these)\b"
    r"|\bno more (?:texts|messages|emails|referrals)\b(?! (?:until|till|thru|through|for|after)\b)"
    r"|\blose (?:my|this) number\b|\bleave me alone\b"
    r"|(?:^|[.!?,]\s*|\b(?:please|pls|plz|just|so|y'?all|you guys|can you|could you) )"
    r"(?:quit|stop) (?:texting|txting|messaging)(?= *(?:$|pls\b|please\b|plz\b|[.!,]|\+?1?[ (]*[0-9]{3}))"
    r"|\b(?:don'?t|do not|never|stop|quit) (?:text|txt|messag|contact|e-?mail|sms)(?!ed\b)\w*"
    r" (?:me|this number|my number|this phone)\b(?! back\b)"  # not "he never texted me back"
    r"|\b(?:quitenme|quitame|sacame|saquenme|borrenme|borrame|removerme|quitarme|sacarme|borrarme) de\b"
    r"|\b(?:bajenme|bajame|bajarme) de (?:la|su|sus|esta|tu|esa) lista\b"
    r"|\bparem de me (?:mandar|enviar)\b"
    r"|\bfavor de dar(?:me|lo|la) de baja\b"
    r"|\b(?:don'?t|do not) want (?:to (?:receive|get) )?(?:these|this|your|any)\b"
    r"(?:(?! until\b).)*\b(?:any ?more|texts|messages)\b"
    r"|\bden(?:me)? de baja\b|\bdarme de baja\b|\bdame de baja\b"
    r"|\b(?:me )?(?:pueden|podrian|puede|podria)(?: por favor)? (?:quitar|sacar|borrar|eliminar)(?:me)? de (?:la|su"
    r"|sus|esta)"
    r" lista\b"
    r"|\bya no me (?:escrib|mand|contact|envi)\w*|\bdej(?:en|a|ar|e|aran|ara) de (?:escrib|mand|envi|contact|texte"
    r"|textia)\w*"
    r"|\bno me (?:escrib|contact|mand|envi)\w* (?:mas|mensajes)\b|\bno me contacten\b"
    r"|\bno mas (?:mensajes|textos|sms|correos|emails)\b|\bbasta de (?:mensajes|textos|correos)\b"
    r"|\bno quiero (?:recibir |mas )(?:mas )?(?:de )?(?:estos |sus |tus |los |mas )?(?:mensajes|textos|correos|sms)\b"
)
START_WORDS = {
    "start", "strat", "unstop", "subscribe", "resubscribe", "opt in", "optin", "opt-in", "iniciar", "alta", "comenzar",
    "empezar", "reanudar mensajes",
}
# "Estoy harta de tantos textos. BAJA.", "ALTO. Ya no quiero recibir nada de ustedes"
# "P.S. Go ahead and charge the card on file", "PD: ya cerramos": a postscript line, read even below a signature
POSTSCRIPT = r"\s*(?:p\.? ?s|p\.? ?d)\b\.?\s*[:,-]?\s*\S"
STOP_ALONE_LAST = (r"(?:^|[.!?\n] ?)(?:baja|alto)(?:[.!]+|[.! ]*$)|^(?:cancel|quit|unsubscribe)[.!]+\s|^(?:baja"
                   r"|alto)(?: por favor| porfa| porfavor)?[,.!]"
                   r"|\bya no quiero recibir (?:nada|mensajes|textos|correos)\b")
START_PHRASES = (
    r"(?:^|[.!?\n] ?)start[.! ]*$|"  # "ok I rage-quit last week, my bad. START"
    r"\brestart (?:my |the )?(?:texts|messages|sms|alerts)\b"
    r"|\bvolver a recibir (?:los |sus |tus )?(?:mensajes|textos)\b"
    r"|^start (?:otra vez|de nuevo|again)\b"
    r"|^(?:please )?(?:start|resume) (?:texting|messaging) me\b|\bstart (?:receiving|getting) (?:texts|messages|sms)\b"
    r"|\bstart sending me (?:texts|messages|the texts)(?: again)?\b|\bactivarme (?:los |mis )?mensajes\b"
    r"|\b(?:receive|receiving) (?:texts|messages|sms) again\b|\bget (?:texts|messages|sms) again\b"
    r"|\bresubscribe\b|\bunstop\b|\bme vuelvan a (?:inscribir|suscribir|dar de alta)\b"
    r"|\bvuelvan a (?:agregar|anadir|incluir|inscribir|suscribir)(?:me|nos)\b"  # "nos dimos de baja por error ..."
    r"|\bopt (?:me )?back in\b|^opt in\b"
    r"|\breinstate my (?:subscription|number|texts|messages)\b|\breceive (?:your|the) messages (?:once )?again\b"
    r"|^(?:start|unstop) ?[.!,]"  # "START. Sorry about that, my teenager was playing with my phone"
)
HELP_WORDS = r"help|info|ayuda|commands?|menu|comandos"
# Text-speak read as the words it stands for, before any pattern: "went w a diff agent", "got ur email",
# "wat do i reply", "which refs", Spanish "x una semana", "q", "pa'tras".
ABBREVIATIONS = {
    "r": "are", "kiero": "quiero",
    "w": "with", "w/": "with", "awrd": "award", "frist": "first", "undr": "under", "acident": "accident",
    "accidently": "accidentally", "grax": "gracias",
    "ntp": "no te preocupes", "sts": "status",
    "diff": "different", "ur": "your", "u": "you", "wat": "what", "wut": "what",
    "refs": "referrals", "uc": "under contract", "ctc": "clear to close",
    "msg": "message", "msgs": "messages", "txt": "text", "txts": "texts", "thx": "thanks",
    "xq": "por que", "pq": "por que", "q": "que", "pa'tras": "para atras", "patras": "para atras",
    "pa'atras": "para atras", "sendin": "sending", "nothin": "nothing", "somethin": "something",
    "millon y medio": "1.5 millones", "un millon y medio": "1.5 millones",  # "SOLD 8810 en millón y medio"
    "givin": "giving", "ta": "esta", "tamo": "estamos",
    "pa la": "para la", "pa el": "para el", "pa' la": "para la", "pa' el": "para el",  # "NO pa la #3307"
    "esa e": "esa es", "ese e": "ese es", "eso e": "eso es",  # Caribbean: "Dale, esa e mía"
    "gettin": "getting", "lookin": "looking", "goin": "going", "showin": "showing", "talkin": "talking",
    "workin": "working", "buyin": "buying", "sellin": "selling", "closin": "closing", "takin": "taking",
    "tmrw": "tomorrow", "tmr": "tomorrow", "nite": "night", "hashtag": "#",
    "fri": "friday", "tues": "tuesday", "thurs": "thursday", "weds": "wednesday",
    "wrks": "works", "gotit": "got it", "callme": "call me", "cerramo": "cerramos", "lejo": "lejos",
    "gracia a dio": "gracias a dios", "pas": "pass", "stoptexting": "stop texting", "d la": "de la", "teh": "the",
    "offce": "office", "yse": "yes", "end of yr": "end of year", "not gonna lie": "honestly",
    "not going to lie": "honestly",
    "limted": "limited", "acess": "access", "assistnat": "assistant",
    "agre": "agree", "bak": "back", "deacuerdo": "de acuerdo", "whatdo": "what do", "agnt": "agent",
    "qeda": "queda", "ya mine": "yes mine", "nvr": "never", "asked 4": "asked for", "wen": "when",
    "graciass": "gracias", "thankss": "thanks", "k referidos": "que referidos", "creo k": "creo que",
    "mes k": "mes que",
    "lo k": "lo que", "por k": "por que", "pa k": "para que", "ya k": "ya que", "dasela": "daselo", "d mi": "de mi",
    "d su": "de su", "un subscribe": "unsubscribe",
    "resivido": "recibido", "recivido": "recibido", "resibido": "recibido", "e'": "es", "si e": "si es", "okis": "ok",
    "un palo": "un millon",  # Venezuelan and Caribbean: "esa e' mía", "en un palo"
    "medio palo": "500 mil", "palos": "millones",  # "1.3 palos", "por medio palo exacto"
    # dictation heard these: "Esta ves no gracias", "charge my cart", "con next me", "Llamen me por favor", "Soled"
    "esta ves": "esta vez", "charge my cart": "charge my card", "con next": "connect", "llamen me": "llamenme",
    "llama me": "llamame", "marquen me": "marquenme", "soled": "sold", "gracious": "gracias", "sld": "sold",
}
# "x" is "por" between Spanish words ("no me mandes nada x una semana", "me di de baja x error")
SPANISH_X = r"(?<=[a-z] )x(?= [a-z])"
# a place named after "leads de": "no me manden leads de Hialeah" says which leads, not that none are wanted
_A_PLACE_NAMED = r"(?!(?:nada|ningun|ninguna)\b)[a-z]+"
_FROM_ONE_PLACE = rf" (?:de|en|del) {_A_PLACE_NAMED}"
# A code or a yes means nothing in these: "el stop de la esquina", "dont ever stop sending these"
STOP_NOT_A_COMMAND = (
    r"\bdejen de (?:mandarle|enviarle|escribirle|textearle|llamarle)s?\b|"  # "... mandarle mensajes a mi clienta"
    r"\b(?:said|says|told|tells|telling|asked|asks|reminded|reminds) (?:me |us |you |him |her |them "
    r"|(?:the|my|our|his|her|their) [a-z]+ )?to (?:(?:reply|text|send|respond|answer|type|write) )?stop\b"
    r"|\bwhy (?:did|do|does|have|has|would) (?:my |the |your )?(?:referrals|leads|offers|texts|messages) (?:all of a"
    r" sudden |suddenly |just )?stop(?:ped)?\b|"  # "why did my referrals stop?? I never paused"
    r"\b(?:ya )?no me (?:manden|envien|mandes|mande|envies) (?:mas )?(?:leads|referidos|referencias) (?:de|en|del|para)"
    rf" {_A_PLACE_NAMED}|"  # "ya no me manden leads de Hialeah a las 6am": which ones, not all
    r"\b(?:el|bus|pit|truck) stop\b|\bstop (?:looking|searching|shopping|house hunting|working with|showing)\b"
    r"|\bstop sign\b|\b(?:don'?t|do not|never|won'?t) (?:ever |you )?stop\b"
    r"|\b(?:i'?m )?not (?:going to|gonna) stop\b"  # "I'm not going to STOP lol relax"
    r"|\bmeans? [^?.!\n]{0,40}\bno more (?:texts|messages|emails)\b"  # "does NO mean ... or no more texts at all??"
    # "is PAUSE the same as STOP?", "pause means stop?", "should I reply PAUSE or STOP?": asked about, not sent
    r"|\b(?:the same as|same thing as|means?|=|or|vs\.?|versus) stop ?\?"
    # "what does NO do, does it take me off everything??": asked, not asked for
    r"|\b(?:does|will|would) (?:it|that|this|no|pass|replying no) (?:take|remove|kick) me off\b"
    # "dejen de mandarme recordatorios cada dos días": how often, not whether
    r"|\b(?:dejen de (?:mandarme|enviarme)|stop sending me) (?:los |tantos |the |so many )?(?:recordatorios"
    r"|reminders) (?:cada|every)\b"
    r"|\bstop sending (?:me )?(?:the same|duplicates?|doubles?|repeats?|it twice)\b"
    # "you'll probably want to take me off the residential list. Nothing to change yet": one day, not now
    r"|\b(?:you'?ll|you will|you may|you might|you'?d|you would) (?:probably |likely |eventually |maybe |then )?(?:want"
    r"|need|have) to (?:take me off|remove me|unsubscribe me|drop me)\b"
    # "My broker says we're all supposed to opt out of these by Friday?? is that true": an order heard of, asked
    r"|\b(?:supposed|required|meant|expected) to (?:opt out|unsubscribe|reply stop|text stop|stop)\b[^.!?\n]*\?"
    r"|\b(?:what|how) (?:do|can|should|would) i (?:send|reply|text|say|type|do|answer) to stop\b"  # a question
    # "... what do I send to stop getting reminders on deals that already closed?"
    r"|\b(?:unsubscribe (?:me )?(?:from )?|stop )(?:the |all |your )?(?:emails?|texts?|calls?)\b(?=[^.!?\n]{0,20}\bbut"
    r" (?:keep|still)\b)"  # "unsubscribe me from the emails but keep the texts coming": one channel, kept for the
    # operator
    r"|\bstop sending (?:me )?(?:the )?(?:leads|referrals|ones|clients|stuff|things|houses|listings|buyers|sellers"
    r"|people|folks|contacts)"
    r" (?:with|that|who|where|outside|in|from|like|out in|out to|up in|down in|over in|out by)\b"
    r"|\bstop (?:sending|texting)[^.!?\n]{0,40}\b(?:after today|new (?:cell|number|phone|#))"
    r"|\bstop (?:texting|messaging|sending)(?: me)?(?: (?:messages|texts))? (?:at (?:midnight|night|noon)|so late"
    r"|this late"
    r"|in the middle of the night|late at night)\b"
    r"|\b(?:is there a way|how (?:do|can) i|can i|could i) (?:to )?(?:just |only )?stop (?:only|just)?\b"
    r"|\bdej(?:en|a|e) de (?:mandar|enviar|escribir)\w* (?:mensajes |textos )?(?:a las|tan (?:tarde|temprano)|de noche"
    r"|en la noche|los (?:fines|domingos|sabados))\b"
    r"|\bno (?:quiero|deseo|me quiero|quise) dar(?:me)? de baja\b|\bno me (?:den|des|de) de baja\b|\bno me (?:quiten"
    r"|saquen|borren)\b"
    r"|\bstop (?:calling|texting|emailing|contacting|bothering) (?:my|the|her|him|them|his|their)\b"
    r"|\bstop (?:sending )?(?:the |these |those )?(?:reminders?|notifications?|alerts?)(?: emails?| texts?)?"
    r" (?:on|for|about) (?:this|that|the) (?:one|referral|lead)\b"
    r"|\bstop (?:sending )?(?:me )?(?:the |these |those )?(?:agreement|fee|signing|payment|invoice) (?:reminders?"
    r"|notifications?|alerts?|emails?|texts?)\b"  # "AGREE. now pls stop sending the agreement reminder"
    # "I just meant stop sending me the Houston ones": some of them, a preference (not "any more ones")
    r"|\bstop sending (?:me )?(?:the )?(?!(?:new|more|any|all|these|those|your|further|future|other|referral|the|same"
    r"|damn|stupid)\b)[a-z0-9]+ ones\b"
    r"|\bstop sending (?:me )?(?:the )?(?:rentals?|commercial|land|condos?|luxury|investor|investment|cash|fha|va)"
    r"(?: ones| leads| referrals)?\b"
    r"|\bremove me from (?:it|this one|that one|this referral|the referral|this lead|referral)\b(?! list)"
    r"|\bstop sending (?:me )?(?:the )?reminders? (?:at|before|so early|this early|on weekends)\b"
    r"|\b(?:does|will|would|if i) (?:replying|reply|texting|text|sending|send) stop\b[^.!]*"
    r"|\bstop sending (?:me )?(?:more )?interested agents\b|\bbefore (?:i|we) (?:unsubscribe|opt out|stop|leave)\b"
    r"|\b(?:remove me from|take me off) (?:the )?(?:referral |lead |ref )?#? ?[0-9]{3,5}\b"
    r"|\bafter (?:that|then|the (?:new year|holidays|first))\W+(?:please |pls )?(?:take me off|remove me|unsubscribe)\b"
    r"|\bnot a stop\b|\bno es (?:un )?stop\b|\bstop right there\b"
    r"|\b(?:dice|dijo|says|said|told me) (?:que )?(?:le |les )?(?:conteste|responda|reply|text|send) stop\b"
    r"|\b(?:les |le )?(?:mande|envie|escribi|puse) (?:el )?stop porque\b"  # "les mandé STOP porque estaba enfermo"
    r"|\bi (?:sent|texted|replied|typed|hit) (?:you )?stop (?:a (?:few|couple)(?: of)? (?:days|weeks|months)"
    r"|(?:a|one|two|three|[0-9]+) (?:days?|weeks?|months?|years?)|last (?:week|month|year)|a while)(?: back| ago)?\b"
    r"|\bstop (?:sending )?(?:me )?(?:the )?new (?:ones|referrals|leads|offers)\b(?=[^.!?]*\bkeep\b)"
    r"|\bstop sending (?:me )?(?:the )?(?:referrals |leads |emails |messages |texts |them |these )?"
    r"to (?:my|this|that|the) (?:old|other|work|personal|previous|former|gmail|yahoo)\b"
    r"|\bso (?:that )?(?:i|we) (?:can )?stop (?:getting|receiving)\b"
    r"|\b(?:casi|almost|nearly) (?:les |you )?(?:mando|mande|sent|send|replied|texted|hit|typed|le di|escribo|escribi)"
    r" stop\b"
    r"|\b(?:que|como) (?:tengo que|debo|hay que) (?:contestar|responder|poner|escribir|mandar)\b[^.!?]*"
    r"|\bcomo (?:hago|puedo|le hago) (?:para )?(?:dejar de|parar|pausar|no recibir)\b[^.!?]*"  # how to, asked
    r"|\bstop sending (?:me )?(?:(?:your|those|these|all|the) )?(?:(?:zillow|redfin|trulia|realtor|tiktok|instagram|ig"
    r"|facebook|fb|youtube|yt) (?:links|videos|posts|listings)|memes|tiktoks|reels|gifs)\b"
    r"|\b(?:reply|text|send) stop to(?: opt out| unsubscribe"
    r"| stop)?\b"
    r"|\b(?:different|difference) (?:from|between|than)\b[^.!?]*\bstop\b|\bstop\b[^.!?]*\b(?:different|difference)\b"
    r"|\b(?:might|may|will|gonna|going to) (?:unsubscribe|opt out|stop)\b[^.!?]*\bif\b"
    r"|\b(?:might|may|maybe|probably|prob|thinking (?:about|of)|considering) (?:unsubscrib\w*|opt(?:ing)? out)\b"
    r"|\b(?:pensando en|considerando|a lo mejor me doy de baja|quizas me doy de baja)(?: darme de baja)?\b"
    r"|\bwhy\b[^.!?]*\bstop(?:ped)? (?:getting|receiving)\b"
    r"|\b(?:don'?t|do not|never|won'?t|not) (?:ever |you |want to |wanna |mean to |trying to |need to |to )?"
    r"(?:unsubscribe|opt (?:me )?out|remove me|take me off)\b"
    r"|\b(?:don'?t|do not|dont) (?:want to|wanna|mean to|need to) stop\b"  # "no I don't want to stop, I just ..."
    r"|\bstop (?:texting|messaging|calling|emailing) me about (?:the|your|that|this) (?!referrals?\b|leads?\b)"
    r"|\bnunca (?:paren|dejen)\b|\bno (?:dejen|dejes|deje) de\b"
    r"|\btake me off (?:the list |your list )?for [^.!?\n]{0,30}\bonly\b"  # "for 78704 only, I still want Round Rock"
    r"|\b(?:these|the|those|they|it|that|reminders?|messages?|texts?|emails?) (?:will |would |can )?stop\b"
    r"|\b(?:said|says|told (?:me|us)|yelled)(?: to)? stop (?:calling|texting|contacting|bothering)\b"
    r"|\bopt-?out (?:confirmation|message|text|notice)\b|\bstop the (?:presses|clock)\b"
    r"|\b(?:don'?t|do not) (?:e-?mail|text|txt|message) me\b(?=[^\n]{0,40}\b(?:just|instead|only) (?:call|text"
    r"|e-?mail|ring)\b)"
    r"|\bstop sending (?:me )?(?:this|that) (?:guy|lady|gal|lead|client|person|one|referral|couple)\b"
    r"|\bstop (?:texting|sending) me (?:the )?(?:game|sports|football|basketball|scores?|memes|jokes|pics|photos"
    r"|videos)\b|\bunsubscribe (?:footer|link|button|page)\b"
    r"|\b(?:have |i'?ve |i )?(?:replied|texted|sent|typed) stop to (?:half|a|all|many|several|these|those|other"
    r"|[0-9]+)\b"
    r"|\bif (?:you|u|y'?all|they)\b[^.!?\n]*\b(?:i'?m|i am|i'?ll|i will|i'?m gonna|i'?m going to)"
    r" (?:hit(?:ting)?|reply(?:ing)?|text(?:ing)?|send(?:ing)?|typ(?:e|ing)|press(?:ing)?) stop\b"  # a threat
    r"|\bstop (?:calling|phoning|ringing)\b(?=[^\n]*\b(?:text(?:s|ing)?|sms|e-?mails?|emailing) (?:is|are)"
    r" (?:fine|ok|okay|better|good|great)\b)"  # "Stop calling me please, texts are fine": calls, not texts
    r"|\b(?:does|will|would|did) (?:stop|unsubscrib\w*|opting out)\b[^.!?\n]*\?"  # "does STOP also stop ...?"
    r"|\b(?:if i|(?:don'?t|do not|never) (?:want|mean|wanna|need) to|so i (?:don'?t|never))"
    r" (?:accidentally |mistakenly |ever )?(?:reply|text|send|say|hit|type|press) stop\b"
    r"|\bdid ?n'?t (?:say|text|send|reply|type) stop\b"
    r"|\b(?:do|does|will|would|did|should) (?:i|we|you|it|they) (?:just |still |then |also )?stop\b"
    r"|\bstop (?!(?:sending|texting|messaging|emailing|e-mailing|contacting|bothering|calling|spamming|notifying"
    r"|alerting|getting|receiving|offering|pinging|harassing|including|adding)\b)[a-z]+ing\b"
    r"|\bstop (?:taking|accepting|doing) (?:new )?listings\b"
    r"|\bstop the (?:[0-9:]+ ?(?:am|pm)? |[a-z]+day'?s? |tomorrow'?s? |today'?s? )?(?:rate lock|lock|listing"
    r"|showings?|sale"
    r"|closing|process|paperwork|order|payment|check|wire|transfer"
    r"|appraisal|inspection|offer|search|open house|escrow)\b"
    r"|\bstop (?:sending (?:me )?)?(?:the |these |those )?reminders?(?: emails?| texts?)? (?:on|for"
    r"|about) #? ?[0-9]{3,8}\b"
    r"|\bwhat (?:exactly )?(?:does|do|would|will) (?:replying |texting |sending )?stop (?:actually |really |exactly )?"
    r"(?:do|mean)\b|\bwhat (?:exactly |actually |really )?happens (?:if|when) (?:i |we )?(?:reply|text|send|say|hit"
    r"|type|respond)(?: with)? stop\b"
    r"|\b(?:don'?t|do not) (?:email|text) me,? (?:just |only )?(?:call|text|email) me\b"
    r"|\bif [^.!?]*\b(?:going to|gonna|will|i'?ll|i'?m) (?:unsubscribe|opt out|stop|replying stop|texting stop"
    r"|reply stop|text stop)\b"
    r"|\bshould i (?:just )?(?:reply|text|send|say|type) stop\b"
    r"|\bstop asking\b(?! me to)|\bstop (?:reminding|bugging|pestering|nagging)\b"
    r"|\b(?:stop|quit) (?:texting|messaging|calling|emailing) (?:me |my (?:cell|phone|number|office) )?"
    r"(?:at [0-9]{1,2}(?:[: ]|am\b|pm\b|a\.m|p\.m|$)|before"
    r"|after"
    r"|so early|so late|this early"
    r"|on (?:weekends|sundays|saturdays))"
    r"|\b(?:not|never|i'?m not) (?:asking|saying|telling you|asking you|trying) (?:you )?to (?:stop|unsubscribe"
    r"|opt out|remove me)\b"
)
# "STOP sending me the austin ones and send more in round rock": a preference, told to the operator
STOP_AS_PREFERENCE = (r"\bsend (?:me )?more\b|\binstead\b|\bonly send\b|\bjust send\b|\bjust keep\b"
                      r"|\b(?:i|we) (?:only|just) (?:work|cover|serve|do)\b"
                      r"|\bat [0-9]{1,2}(?::[0-9]{2})? ?(?:in the morning|am|a\.m\.)|\bnot before [0-9]{1,2}\b"
                      r"|\bso early\b"
                      r"|\bin the middle of the night\b")  # "stop sending me Kendall leads, I only
# work Broward now"
# These undo an opt-out even beside its word: "unstop pls, I didnt mean to opt out", "unsubscribed by accident"
_UNDO = (r"(?:accidentally|(?:by|on) (?:accident|mistake)|did ?n'?t mean to|did not mean to|sin querer|por error"
         r"|por equivocacion|sin que yo (?:supiera|sepa|lo supiera)|sin (?:mi )?permiso"
         r"|(?:was|were) playing (?:on|with) (?:my|the) (?:phone|cell)|jugando con (?:mi|el) (?:cel|celular|telefono)"
         r"|grabbed my phone|as a joke|as a prank|fat-?fingered|(?:was|were) meant for (?:my|another|a different|the)"
         r"|thought (?:this|it|you) (?:was|were) (?:a |the |some )?(?:spam|scam|cable|another|someone else|a different)"
         r"|(?:kid|son|daughter|child|toddler|grandson|granddaughter|grandkid|nephew|niece"
         r"|[0-9]+ ?(?:yr|year)s?[ -]?old)\b.{0,40}\bmy phone)")
_OPTED_OUT = (r"(?:opt(?:ed)? out|unsubscrib\w*|cancel\w* (?:la|mi) suscripcion|(?:hit|sent|texted|pressed"
              r"|replied) stop|stop|(?:me )?di de baja"
              r"|me sali)")
START_OVER_STOP = (
    r"\bvuelvan(?:me|nos) a (?:agregar|anadir|incluir|inscribir|suscribir|activar)\b|"  # "puse STOP sin pensarlo. Fue
    # un error ... Por favor vuélvanme a agregar a los mensajes"
    r"\bvuelvan a (?:agregar|anadir|incluir|inscribir|suscribir)(?:me|nos)\b|"
    r"\b(?:texted|sent|replied|typed) stop to the wrong (?:number|person|thread|chat|contact)\b|"  # "I think I texted
    # STOP to the wrong number earlier ... pls keep sending me referrals"
    r"\b(?:accidentally|mistakenly) (?:shut|turned|switched|cut) off (?:your|the|my|these) (?:texts|messages)\b|"
    r"\bstart me (?:back )?up\b|"  # "Please START me back up, I definitely want the referrals"
    r"^(?:start|unstop) ?(?:[.!,:-]|$)|^(?:start|unstop) (?=(?:sorry|oops|my bad|perdon|accidentally|fat[- ]?finger"
    r"|i (?:hit|sent|typed|pressed) stop)\b)"  # "START sorry fat fingered stop earlier"
    r"|\bunstop\b|\bopt(?:ed)? (?:me )?back in\b|\bopt me in(?: again)?\b|\bre-?subscrib\w*|\brestart (?:my "
    r"|the )?(?:texts|messages|sms"
    r"|alerts)\b"
    r"|(?<!pueda )(?<!podre )(?<!quiera )\bvolver a recibir(?:los|las)?\b|\bsubscribe (?:me )?(?:back|again)\b"
    r"|\bvuelv\w* a suscribir\b|\bvolver a suscribir|\bvuelv\w* a inscribir"
    r"|\breactiv\w* (?:los |mis )?(?:textos|mensajes)\b|\b(?:vuelvan|volver) a activar (?:los |mis )?(?:mensajes"
    r"|textos)\b|\b(?:want|like|love) back on (?:the |your )?(?:list|texts)\b"
    r"|\bundo (?:the |my )?(?:opt[- ]?out|unsubscribe|stop)\b|\bi want (?:the |your )?texts again\b"
    r"|\bre-?enroll(?: me|ed)\b|\b(?:add|put|sign) me back (?:on|in|to|into)\b(?! (?:the )?(?:rotation|lineup|queue)\b)"
    r"|\b(?:please )?add me back\b|\bturn (?:my |the )?(?:messages|texts|text messages) back on\b"
    r"|(?<!asked to )(?<!asked you to )\bbe (?:re-?added|added back)\b|\bstart receiving (?:your |the )?(?:messages"
    r"|texts|referrals) again\b"
    r"|\bre-?add me\b|\b(?:volver|vuelvan|volvieran) a dar(?:me)? de alta\b|\bdenme de alta\b"
    r"|\bsuscrib\w* (?:nuevamente|de nuevo|otra vez)\b"
    r"|(?<!to )\b(?:please )?keep me on(?: the list| your list)?\b"
    r"|\bstop\b[\s\S]*[.!\n] ?start[.! ]*$"  # "STOP\\nomg sorry my kid had my phone!! ... START": the last word stands
    r"|\bactiv(?:enme|ame|en) (?:otra vez |de nuevo )?(?:los |mis )?(?:mensajes|textos)\b"
    r"|\bagr[eé]g(?:uenme|ame|enme|ueme) (?:otra vez|de nuevo)\b"
    r"|\b(?:baja|stop|de la lista)\b[\s\S]{0,80}\b(?:vuelvan|vuelve|volver) a (?:activarme|agregarme|suscribirme"
    r"|incluirme)\b"
    r"|\b(?:like|want|love) (?:to be |to get |to come )?back in (?:on )?(?:the )?(?:network )?(?:texts|messages|list)\b"
    r"|\bshould ?n'?t have (?:unsubscrib\w*|opted out|stopped|hit stop|texted stop)\b"
    rf"|\b{_UNDO}\b.{{0,30}}\b{_OPTED_OUT}\b|\b{_OPTED_OUT}\b.{{0,30}}\b{_UNDO}\b"
)
FILLER_WORDS = {
    "please", "pls", "plz", "now", "again", "me", "thanks", "thank", "you", "thx", "it", "all", "por", "favor",
    "porfa", "porfavor", "otra", "vez",
}
TYPO_TARGETS = ("claim", "invoice", "agreed", "status", "resume", "unsubscribe", "appraisal", "inspection", "invalid",
                "referrals", "referral", "which", "gracias", "agree", "recibido")
# Short keywords too near common words for any slip ("told" is not "sold", "pase" is not "pause"): only a swap
# of neighbours ("pasue", "sodl") or a doubled letter ("solld") reads as them.
SHORT_TYPO_TARGETS = ("pause", "sold", "stop", "help", "fail", "pass", "award", "first", "with", "closed", "closing",
                      "vendida", "sale", "unstop", "call", "back", "send", "contesta", "devuelvo")

# Who the sender picks, by place on the list: "go with the first one", "the second gentleman"
ON_THE_LIST = r"(?:one|agent|person|realtor|guy|gal|lady|woman|man|gentleman|fellow|fella|name|option|candidate|broker)"
YES = (r"yes|yessir|yes sir|yes ma'?am|yess+|yes+s|yse|ys|y(?= *(?:[.!,]|$|#? ?[0-9]|ok$))"  # "y el doctor ...": "and"
       r"|yeah?|yea+h?|yeh|yep|yup|yah|ya$|yas+|absolutely(?! not)|definitely(?! not)")  # not "definitely not her"
YES += r"|si|claro que si|of course|heck yes|hell yes|heck yeah|hell yeah|oh yes|oh yeah"
# not "accepted at 515", "accepted 295"
YES += r"|claim|claimed|claiming|accept|accepted(?! (?:at|for|@)\b| \$?[0-9])|acepto|affirmative"
# "Mine are all still early", "mine (2915) nothing yet": no claim
YES += r"|mine(?! (?:are|is|was|were|have|has|all|too|also|closed|sold|nothing|not|still|either)\b)"
NO = r"no|nope|nah|nop|nopes|n(?= *(?:[.!,]|$|#? ?[0-9]))"  # "N", like "Y"
# A bare yes: what may stand before a more specific clause ("yes, sold 450k"); "claiming" or "accept" may not
BARE_YES = r"yes|yeah?|yea+h?|yep|yup|si|y|ok|okay|sure|absolutely|definitely"
OK = r"ok|okay|okey|k|kk|sure|sure thing|alright|sounds good|sounds great|fine"  # "ok fine BUY"

# A bare acknowledgement: never an action, however an offer was worded. The handler may ask to confirm.
ACK_WORDS = (
    r"ok|okay|okey|k|kk|bet|sure|no prob|no probs|no problem|np|alright|alrighty|cool|great|perfect|awesome|noted"
    r"|understood|got it|roger|will do|dale|that helps|this helps|ten four|barbaro|chevere|well received|got both"
    r"|tato|ta to|que chevere|que bacano|ya entendi|orale|sale pues|message received|received the message"
    r"|fine|(?:now )?i get it(?: now)?|makes sense|(?:wait |oops |sorry )?wrong emoji"  # "ahh ok now i get it thx"
    r"|(?:nvm|never ?mind|nevermind|no importa|olvidalo|olvidenlo|olvidelo),? ?(?:i )?(?:found it|got it|figured it out"
    r"|ya lo vi|ya lo encontre)?|found it|figured it out"
    r"|(?:olvidense|olvida|forget|never ?mind) (?:de )?(?:mi|my) (?:pregunta|question)"
    r"|(?:i have|i've) noted (?:it|this|that|the details)(?: on my end)?"
    r"|cheque|got (?:em|them)(?: both| all)?"
    r"|received|(?:i )?(?:received|got) (?:your|the) (?:message|email|text|receipt|confirmation|list|names|info"
    r"|details|update)|whatever"
    r"|recibi (?:el|su|tu) (?:mensaje|correo|recibo|comprobante|confirmacion)"
    r"|(?:si,? si,? )?ya lo (?:recibi|vi)|lo recibi|acuso recibo(?: de su (?:mensaje|correo))?"
    r"|receipt received|got the receipt|recibo recibido"
    r"|on it|sounds (?:good|great|perfect)|sure thing|roger that|gotcha|got ya|gotchu|copy that|copy|10-4"
    r"|okey dokey|okie dokie|okie|oki|okok|okk+|k k|kay"
    r"|(?:i )?appreciate (?:it|ya|you|that)|(?:much|greatly|really|very much) appreciated"
    r"|vale|bueno|de acuerdo|no hay problema|sin problema|perfecto|sale|va|sale va|simon"
    r"|recibid[oa]s?(?: (?:las dos|los dos|ambas|ambos|todas|todos))?(?: (?:correos|mensajes|emails))?"
    r"|anotado|enterad[oa]|copacetic|ta bien|duly noted"
    r"|ya lo vi"
    r"|ya lo vimos|visto|no te preocupes"
    r"|esta bien|ta bueno"
    r"|entendido|no worries(?: at all)?"
    r"|no problem|all good"
    r"|entendido|va|claro|listo|muy bien|vaya pues|va pues|ya po|ya pues"
)
THANKS_WORDS = (r"thanks|thank you|thank ya(?: kindly)?|thx|ty|tks|gracias|muchas gracias|mil gracias|many thanks"
                r"|dios (?:les|te|lo|la) bendiga|bendiciones|god bless(?: you)?"
                r"|(?:thanks|thank you|thank) (?:y'?all|you all|all|everyone|everybody|guys)"
                r"|mesi|mesi anpil|salamat(?: po)?|cam on|shukran|dziekuje"
                r"|mahalo|kamsahamnida|gamsahamnida|xie xie|xiexie|spasibo|obrigad[oa]|merci|danke|grazie|arigato"
                r"|(?:thanks|thank you) for letting me know"
                r"|(?:thanks|thank you) for the (?:heads up|reminder|update|info|information|note|notice|list|names)"
                r"|(?:thanks|thank you) for checking in"
                r"|(?:thanks|thank you) for (?:explaining|the explanation|clarifying|the clarification)"
                r"|(?:thanks|thank you)(?: so much| very much)? for (?:sending|passing) (?:this|that|it|these"
                r"|them)(?: over| along| my way)?"
                r"|(?:muchas |mil )?gracias por (?:el aviso|avisar|la info|la informacion|el recordatorio|el referido"
                r"|la referencia)"
                r"|(?:thanks|thank you) for (?:the|your|all the) help|(?:thanks|thank you) for fixing (?:that|it"
                r"|this)|obrigad[oa]|muito obrigad[oa]")
_ACK_OR_THANKS = rf"(?:{ACK_WORDS}|{THANKS_WORDS})"
# "gracias pana", "gracias mi hermano"
_VOCATIVE = (r"pana|bro|man|dude|buddy|mi amor|mi vida|carino|mija|mijo|dear|hon|honey|sweetie"
             r"|(?:mi )?(?:hermano|hermana|amigo|amiga)|jefe|boss|compa|mano|primo|fam|y'?all|you all|guys"
             r"|chele|chamo|chama|parce|parcero|pana mia|manito")
ACK = (rf"(?:(?:ah|ahh|oh|ohh|ay|lol|haha|jaja|(?:yep|yup|yes|yeah)(?= got it)) )?{_ACK_OR_THANKS}"  # "Ah ok, ya
       # entendí", "lol k", "yep got it"
       rf"(?: (?:{_ACK_OR_THANKS}|so much|sm|very much|a lot|again|muchas|mil|beaucoup|no te preocupes|kindly"
       r"|i guess|ya"
       r"|yep|yup|si|bye|bye bye|adios|chao|eh|digo|i mean"  # "Okay got it, thank you, yep, got it, thanks so much,
       # okay, bye"; "Recibido. Digo, recibido, gracias"
       r"|(?:the )?(?:nd|rd|th|second|third|another) one (?:today|this week)"  # "k got it thx 👍 2nd one today" (its
       # digits fall away before the words are matched)
       rf"|{_VOCATIVE}))*"
       r"(?: (?:on|about|re))?")  # "Sounds good, thanks for the heads up on 4821": its code falls away

# The NO SALE keyword, in both languages: one list for the command table below and the parser's patterns that read it
NO_SALE_WORDS_ES = r"sin venta|no hubo venta|no hay venta"
NO_SALE_WORDS = rf"no sale|{NO_SALE_WORDS_ES}"

# (intent key, phrases searched in one clause), most specific first; the parser's BUILDERS make the intent.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("help", (  # asking how it works comes first: "How do I report that my client is still shopping?"
        # what a keyword does: "what does IN PROGRESS even do??", "does BUY charge my card right away ...?"
        r"\bwhat does (?:(?:the )?(?:in progress|no sale|sold|fail|invalid|pause|buy|pass|agree|award|claim|yes|no|stop"
        r"|start|status|connect)(?: \$?amount)?|that|this) (?:even |actually |exactly |really )?(?:do|mean)\b",
        r"\bque (?:significa|quiere decir) (?:in progress|no sale|sold|fail|invalid|pause|buy|pass|agree|award|claim"
        r"|yes|stop|start)\b",  # "¿Qué significa SOLD? ¿vendido?"
        # "Do I just reply YES or do I need to log in somewhere?"
        r"\bdo i (?:just )?(?:reply|answer|respond|text back)(?: with)? (?:yes|no|buy|sold|agree)\b[^?]{0,60}"
        r"\bor (?:do i|should i|is there)\b|\bdo i (?:need|have) to log ?in\b",
        r"\bdoes (?:in progress|no sale|fail|invalid|pause|buy|agree|award|claim|yes|stop) (?:charge|mean|do|stop|count"
        r"|cost|cancel|remove|affect|hurt|send|bill)\b",
        r"\b(?:want|wanted|need|needed|like) to (?:know|understand) how (?:it|this|the system|the bot|this thing)"
        r" works\b",
        r"\bque opciones tengo (?:para )?(?:responder|contestar)\b",
        # "How is the referral fee calculated? 25% of my side or of the sale price?"
        r"\bhow (?:is|are) (?:the )?(?:referral )?(?:fee|fees|commission|split)s? (?:calculated|computed|figured|worked"
        r" out)\b|\bhow the (?:referral )?fee is (?:calculated|computed|figured)\b"
        r"|\bcomo se calcula (?:la|el) (?:comision|fee|porcentaje)\b",
        r"\bwhat is the (?:correct|right|proper) way to (?:report|mark|reply|answer)\b",
        r"^how (?:this|it) works?\b|\bwhat (?:word|reply) (?:i|do i) (?:must|should|need to|have to) (?:reply|send"
        r"|write|answer)\b",  # "How this work? What word I must reply?"
        r"\bcomo (?:les|le) (?:aviso|informo|digo|notifico)\b",  # "¿Y cómo les aviso que ya hablé con él?"
        r"\bcomo (?:elijo|escojo|selecciono)\b|\bcontesto con el (?:numero|nombre)\b",
        r"\b(?:respondo|contesto|pongo|escribo|mando) algo en especial\b",  # "¿... o respondo algo en especial?"
        r"\bcuales son las (?:respuestas|opciones)\b|\brespuestas que (?:puedo|debo) (?:enviar|mandar|dar|usar)\b",
        r"\b(?:como|how do i|how can i) (?:actualizo|cambio|edito|update|change) (?:mi|mis|my) (?:brokerage|correo"
        r"|email"
        r"|telefono|phone|numero|number|datos|info|informacion|office|oficina)\b",
        r"\b(?:list|menu) of (?:the )?(?:reply |valid )?(?:commands|keywords|replies|options)\b",
        r"\b(?:commands|keywords|replies) (?:your|the) system (?:accepts|understands|takes)\b",
        r"\b(?:explain|tell me|walk me through) how (?:the )?(?:paid )?(?:referrals?|leads?|(?:the )?(?:system|network"
        r"|process|fees?)) works?\b",
        r"\bdo i (?:mark|reply|put|use|say|text) (?:it |this |that )?(?:as )?(?:no sale|sold|fail|invalid|in progress)"
        r"\b[^.!?]*\bor\b",
        r"\bwhat (?:words|replies|commands|keywords) (?:can|do|should|am|are) (?:i|he|she|we|they) (?:able to )?"
        r"(?:reply|text|use|send|say"
        r"|answer)\b",
        r"\bwhat (?:exactly )?am i supposed to (?:reply|say|text|answer|do)\b",
        r"\bwalk me through\b", r"\bhow (?:do|can) i (?:give|send|hand) (?:one|a referral|it|them|a lead) back\b",
        r"\bis (?:yes|no|buy|agree|award|pause|stop|sold|fail|invalid|start|resume) the same as\b",
        r"\bque opciones (?:puedo|tengo|hay)\b", r"\bque (?:se )?(?:puede|puedo|debo) (?:contestar|responder)\b",
        r"\bhow (?:are|do) (?:referrals|leads) (?:get )?(?:assigned|distributed|handed out"
        r"|sent out|decided)\b", r"\b(?:que|q) tengo que (?:contestar|responder|poner|escribir)\b",
        r"\bwhat(?:'s| is| does) (?:yes|no|buy|agree|award|pause|stop|sold|fail|invalid|start|resume)"
        r" (?:for|mean|do)\b",
        r"\bwhich (?:one|word|reply|keyword) (?:claims|buys|means|do i (?:use|send|reply))\b",
        r"\bexplic(?:ara|aran|que|quen) el procedimiento\b|\brespuestas validas\b",
        r"\bno entiendo (?:bien )?(?:la diferencia|que (?:significa|quiere decir))\b",
        r"\bhow is [a-z ]{2,20} different (?:from|than)\b",
        r"\bhow (?:do|can) i stop (?:getting|receiving)\b", r"\bhow do i tell you\b",
        r"\bwhat'?s the (?:word|keyword) (?:i|to) (?:reply|text|use|send)\b",
        r"\b(?:does|will|would) (?:replying|texting|sending) (?:stop|pause|no|yes|sold)\b", r"\b(?:what'?s|what is"
        r"|whats) the (?:difference|different|diff) between\b",
        r"\bhow (?:do|can|should) i (?:put|turn|get|switch|set) (?:my account|me|my referrals|it|them|myself)\b",
        r"\b(?:forgot|forget|remind me) (?:what|how) (?:i|to) (?:reply|text|say|type|answer"
        r"|send)\b", r"\bmagic words?\b",
        r"^(?:y )?(?:que|q) (?:le )?(?:pongo|contesto|respondo|escribo|mando)\b",
        r"\bwhat is (?:she|he) supposed to (?:reply|say|text|answer)\b",
        r"\bwhat format\b",
        r"\b(?:do|should) i (?:still )?(?:just )?(?:reply|text|send|write|type) (?:sold|no sale|in progress|fail"
        r"|invalid|pause|buy|agree)\b(?: and then| then| first| or| and the)",
        r"\bdo i (?:just )?(?:text|send|reply|type) the (?:price|amount|number|code)\b",
        r"\b(?:do|should|can) i (?:just |still )?(?:reply|text|send|write|type|answer|respond) the options\b",
        r"\b(?:cual es )?la diferencia (?:entre|con)\b",
        r"\bwhat'?s the (?:right )?(?:reply|response|keyword|command) (?:if|when|for)\b",
        r"\bcomo (?:le )?contesto\b",
        r"\bcomo compro\b",
        r"\bunderstand how (?:this|it|the system) works\b",
        r"\binstructions (?:on|for) how\b|\bwhich replies (?:it|the system|you) accepts?\b",
        r"\bhow (?:do|can|should) i (?:award|pick|choose|agree|accept the fee)\b",
        r"\bque significan?\b",
        r"\bexplicar(?:me)? (?:que|como|las opciones)\b",
        r"\bwhat (?:do|does) (?:the |these |those )?(?:options|replies|reply options) mean\b",
        r"\bque se supone que (?:conteste|responda|diga|escriba|haga|ponga)\b",
        r"\bexplain how (?:the process|this(?: system| network| service)?|it|the system|the network|everything)"
        r" works\b",
        r"\b(?:what|explain what) (?:each of |all )?the (?:different |reply |response )?(?:words|replies|keywords"
        r"|options) means?\b",  # "Could you please explain what each of the reply words means"
        r"\bwhich (?:word|reply|keyword) (?:i am|i'?m) (?:meant|supposed) to (?:reply|answer|respond|use)\b",
        r"\bwhat (?:do|does) (?:all )?(?:the |these |those )?(?:different )?(?:reply |response )?(?:words"
        r"|commands|keywords) mean\b",
        r"\bwhat are (?:all )?(?:the|my|his|her) (?:reply |response )?(?:words|commands|keywords|options)\b",
        r"\bdo i (?:get|lose) (?:penalized|dinged|my spot|points|kicked|dropped|removed)\b",
        r"\bdo i (?:need|have) to (?:text|reply|send|do|say) (?:something|anything)\b",
        r"\bwhat i'?m supposed to (?:reply|say|text|answer|do)\b", r"\bexplain the (?:options|commands|replies)\b",
        r"\bhow (?:exactly )?(?:do|can|should) i (?:actually |just |even |exactly )?(?:claim|reply|respond"
        r"|report|pause|use|buy"
        r"|get started|grab"
        r"|take|answer)\b", r"\bcomo (?:le )?hago (?:para|pa)\b", r"\bcomo (?:acepto|reclamo|tomo|respondo|contesto)\b",
        r"\bwhat (?:exactly |else )?(?:can|do|should) i (?:text|reply|send|say|type|answer|write|put)\b",
        r"\bwhat are (?:all )?(?:my|the) (?:reply |response |text )?(?:options|commands|replies|answers"
        r"|responses|keywords)\b",
        r"\b(?:what are|list) the commands\b",
        r"\b(?:don'?t|do not) (?:understand|know|get) how (?:to|this works|it works)\b",
        r"\bhow (?:does|do) (?:this|it|pausing|claiming|buying|reporting|awarding|picking|billing|payment|the \w+)"
        r" works?\b", r"\bdo i (?:just )?reply with (?:the|a) (?:price|amount|number|code)\b",
        r"\bhow (?:does|do) (?:this|the) (?:whole )?(?:thing|deal|system|service|program) work\b",
        r"\bwhat (?:are )?(?:the )?(?:words|commands|replies|answers) (?:(?:can|do|should) i|i (?:can|should|could))\b",
        r"\bcomo (?:funciona|se usa)\b",
        r"\bwhat am i supposed to (?:text|reply|say|send|type|answer|do)\b",
        r"\bhow am i supposed to (?:report|reply|claim|respond|answer|use)\b",
        r"\bque (?:puedo|debo|tengo que) (?:contestar|responder|escribir|mandar)\b", r"\bque opciones tengo\b",
        r"\bhow (?:does|do) (?:this|it) (?:thing )?work\b", r"\bhow (?:does|do) the (?:[a-z]+ ){1,3}work\b",
        r"\bno entiendo (?:como|los comandos)\b",
        r"\bcomo (?:es que|es q|se) (?:reclamo|acepto|tomo|respondo|reporto)\b", r"\blista de (?:opciones|comandos)\b",
        r"^what happens (?:if|when) i (?:don'?t|do not|miss|never|can'?t)\b",
        r"\blist of (?:the )?commands\b",
        r"\b(?:guide|cheat ?sheet|list|sheet)\b.{0,40}\b(?:reply options|commands|replies|keywords|words)\b",
        r"\bexplains? the (?:reply |response )?options\b",
        r"\bwhat (?:the )?(?:different )?(?:reply |response )?(?:options|commands|words|keywords) mean\b",
        r"\b(?:do|should) i (?:reply|text|send|write|put|type) (?:sold|yes|pause|fail|no sale|in progress|invalid)\b"
        r".* or\b",
        r"\bwhen i (?:reply|text|send|report|put|type) (?:sold|yes|pause|fail|no sale|in progress|invalid|agree)\b"
        r"[^.!]* (?:do|should|can) i\b",
        r"\b(?:do|should) i (?:put|include|use|enter|write|type|list|report) (?:the )?(?:contract|sale|sales|final"
        r"|list|listing|appraised|closing|purchase) (?:price|amount)\b",
        r"\bcomo (?:reporto|reclamo|pauso|acepto|compro|respondo|contesto|marco|aviso) (?:una|la|el|un|que)\b",
        r"\b(?:pongo|escribo|mando|contesto|respondo) (?:sold|yes|si|pause|no sale|in progress|fail|invalid)\b"
        r"[^.!]*\b(?:nada mas|nomas|solamente|solo)\b",
    )),
    ("fail", (
        # "gotta send 5808 back, its a 40 acre ranch" (the code taken out)
        r"\b(?:gotta|got to|have to|need to|going to|gonna|i'?ll|i will|i'?m going to) send"
        r" (?:it |this one |this |that one )?back\b(?! (?:to (?:the|my) (?:client|buyer|seller|lender)"
        r"|the (?:docs|contract|paperwork)))",
        r"\bprefiero devolver(?:lo|la)\b",  # "... nunca respondió. Prefiero devolverlo para que otro agente lo intente"
        # "release 8823 to another agent pls"
        r"\brelease (?:it |this one |the referral )?(?:to|back to) (?:another|someone|somebody|a different)\b",
        r"\b(?:have to|gotta|need to|going to|gonna) kick (?:it |this one |#? ?[0-9]{3,5} )?back\b",  # "kick 7745 back"
        r"\breassign(?:ing)?\b", r"\breasign(?:ar|en|e)(?:la|lo|mela|melo)?\b",
        # giving up on the referral: "calling it a day on 7010"
        r"\bcall(?:ing)? it (?:a day|quits) on(?: this one| that one| (?:this|that|the) (?:referral|lead|client))?$",
        r"\b(?:se |te |les? )?(?:lo|la) regreso\b",
        r"^falla\b", r"(?:^|[.!] )devuelt[oa][.!]*$",  # "... fuera de mi zona. Devuelto"
        r"\b(?:i'?m|we'?re|i am|we are) (?:sending|giving|handing) (?:this|it|this one|that one|the referral|the lead)"
        r" back\b",
        r"\b(?:toss|tossing|throw|throwing)(?: it| this one| this| #? ?[0-9]{3,8})? back\b",
        r"\b(?:les |le )?regreso (?:el|este|la|esta) (?:referral|referido|referencia|lead)\b",
        r"\bregresar (?:el|este|la|esta) (?:referral|referido|referencia|lead)\b",
        r"\b(?:need|have|want|going) to (?:send|give|hand)(?: it| this one| this| the referral| this referral)?"
        r" back\b",
        r"\b(?:have to|need to|going to|gonna|i'?ll|i will|want to|must) release (?:it|this|this one|that one"
        r"|(?:the|this) (?:referral|lead))\b",  # "I have to release this referral"
        r"^(?:please |pls |kindly |can you |could you |go ahead and )?release (?:it|this|this one|that one|the referral"
        r"|the lead|#? ?[0-9]{3,5})\b(?! (?:date|form|letter|funds|the funds|of liability)\b)",  # "Please release it"
        r"^(?:please |pls )?(?:pass|hand|send) (?:it|this|this one|that one) (?:along |on )?(?:to|over to)"
        r" (?:someone|somebody|another agent|a different agent)\b",  # "Please pass it along to someone better suited"
        r"^(?:please |pls )?(?:remove|take) me (?:off|from)(?: referral| lead)?$",  # "... from 4410"
        r"^returning\b(?! (?:home|from|to (?:work|the office)|your call|calls?)\b)",
        r"\b(?:i'?m|we'?re) returning the [a-z]+ (?:referral|lead)\b",
        r"\b(?:send|sending|give|giving|hand|handing) (?:the |this |that )?(?:referral|lead|one) back\b",
        r"\b(?:please )?take (?:it |this one |this |the referral )?back\b",
        r"\bles regreso (?:la|el)\b", r"\b(?:la|lo|se la|se lo|te la|te lo) (?:devuelvo|devolvemos)\b",
        r"\b(?:se lo|se la|te lo|te la) regreso\b",
        r"^(?:i'?m|we'?re) returning$",
        # "I'm returning #9056: it's a commercial warehouse" (the code taken out)
        r"^(?:i'?m|we'?re|i am|we are) returning(?= ?(?:[:;,-]| and\b| because\b| bc\b| since\b| as\b))",
        r"\bdevolvo o\b",
        r"^return(?:ing)?$",
        r"\b(?:les|le) devuelvo el referido\b",
        r"\breassign (?:referral |the referral |this |it |this one |the lead )?to (?:someone|somebody|another)",
        r"\b(?:going to|gonna|will|i'll|i'm) return(?:ing)? (?:it|this|this one|the referral|the lead) (?:to"
        r"|back to) (?:the network|you|the pool)\b",
        r"\b(?:we'?re|i'?m|we are|i am) returning (?:it|this|this one|the referral|the lead)\b",
        r"\b(?:have to|gonna have to|going to|need to|i'?ll) (?:send|give|hand) (?:it|this one|this) back\b",
        r"^(?:please )?reassign (?:referral|this|it|this one|the referral|the lead)\b",
        r"\b(?:need|have|want) to return (?:it|this|this one|referral|the referral|the lead)\b",
        r"\bse (?:lo|la) devolvemos\b",
        r"\b(?:tengo|tenemos) que devolver(?: (?:el|la|lo|esta|este|esa|ese)\b|lo\b|la\b|$)",
        r"^fallid[oa]s?\b",
        r"\bfallid[oa]$",
        r"\bcomo (?:fallid[oa]|fallo|fail)\b",
        r"\bnunca (?:contesta|responde)\w*",
        r"\b(?:marcalo|marcala|marcar|marca|ponlo|ponla) como fallid[oa]\b",
        r"\bnot (?:the |a )?right fit\b", r"\bno es (?:un |el )?buen fit\b",
        r"\b(?:giving|give|returning|handing|hand) (?:(?:it|this|this one|that one|referral|lead|him|her|them|(?:the"
        r"|this|my) (?:referral"
        r"|lead)) )?back\b",
        r"\breturning (?:this |the )?(?:one|referral|lead)\b",
        r"\breturning (?:it |this |this one )?(?:back )?to (?:you|the network)\b",
        r"^returning (?:this|it|that)\b", r"^returning$",
        r"\brelease (?:this one|it|this referral|this lead) to (?:someone|somebody) else\b",
        r"\breleasing (?:this one|this referral|this lead|it back|it)\b",
        r"\breleas(?:e|ing) (?:the |this |my )?(?:referral|lead|client|one) back\b",
        r"\b(?:please |pls )?(?:give|pass|send|hand) (?:it |this |this one |him |her |them )?to (?:another|a different"
        r"|other) (?:agent|realtor)\b",
        r"^(?:pls |please )?reassign(?: it| this(?: one)?)?$",
        r"^(?:pls |please )?take me off(?: (?:the )?(?:referral|lead))?(?: please| pls)?$",  # "Take me off 6120 please"
        r"\b(?:please |pls )?reassign (?:it|this|this one|the referral|the lead) to (?:someone|somebody|another)\b",
        r"\b(?:like to|want to|going to|gonna|i'?ll|i will|need to|have to|please|pls) return(?: (?:it|this|this one"
        r"|the (?:referral|lead)))?$", r"\breturn (?:it|this one|(?:the |this |my )?(?:referral|lead))\b",
        r"\b(?:devuelv(?:o|e|a)|devolver)(?:les|le)? (?:el |este |ese |la |esta )?(?:referido|lead|referencia)\b",
        r"\b(?:les |te |se lo |se la )?devuelvo (?:el|la|este|esta|ese|esa)\b",
        r"\b(?:les |te )?devolvemos (?:el|la|este|esta|ese|esa)\b",
        r"\b(?:les |te )?regres(?:o|amos) (?:el|la|este|esta) (?:referido|referencia|lead)\b",
        r"^(?:les |te )?regres(?:o|amos) (?:el|la)$",  # "Regreso la 8826, el cliente nunca contestó": its code typed
        r"\bse (?:la|lo|las|los) devuelvo\b",
        r"\bdevuelv(?:anlo|anla|alo|ala)\b",
        r"\breleas(?:e|ing) (?:[a-z#0-9]+ )?back\b", r"\breleasing$", r"\bsending (?:it |this one )?back\b",
        r"^fail(?:ed|s)?\b", r"^failing(?:$| (?:this|it|that|the (?:referral|lead))\b)", r"\bfail$",
        r"\bfail (?:it|this|that|them|the (?:referral|lead))\b",
        r"\bmark (?:it |this |that |the (?:referral |lead ))?(?:as )?fail",
        r"\bnot a (?:good )?fit\b", r"^(?:a )?bad fit\b",
        r"\b(?:un|non-?)responsive\b",
        r"\bghosted\b", r"\bnever respond", r"\bno response (?:after|in|for)\b",
        r"\b(?:haven'?t|have not|can'?t|cannot|unable to)(?: been able to)? reach\b",
        r"\bno (?:responde|contesta)\b", r"\bno es (?:un )?buen candidato\b",
    )),
    ("invalid", (
        # "wrong person. lady who answered said nobody by that name lives there"
        r"\b(?:nobody|no one|noone|nadie) (?:by|with|named|con) (?:that|this|ese|este) (?:name|nombre)\b",
        # "thats what happened with 3391 so INVALID"
        r"\b(?:so|then|entonces|asi que) (?:invalid|invalido)(?: on| for| en| para)?$",
        r"\b(?:this one|this|it|that one) (?:isn'?t|is not|wasn'?t|was not) legit\b",  # "So this one isn't legit."
        r"\bel (?:numero|telefono|cel|celular) (?:esta|estaba) mal\b",  # "el número está mal, contesta un señor"
        r"^wrong person (?:entirely|completely|altogether)$",  # "wrong person entirely, the lady at that number ..."
        r"^(?:the |this |el |este |la |esta )?(?:referral|lead|referido|referencia|ref) (?:is |es |esta )?(?:invalid"
        r"|invalido|invalida)\b",  # "Referido inválido.", "lead invalid"
        r"\b(?:appears|seems|looks) (?:to be )?(?:fabricated|made up|bogus)\b",  # "The contact information ..."
        r"^#? ?(?:disconnected|disco|desconectado)\b",  # "7710 # disconnected"
        r"\b(?:is a|it'?s a|es un) (?:dupe|duplicate|duplicado)\b|\bduplicate (?:lead|referral)\b",
        r"\bsmells like a bot\b|\b(?:is|looks like) a bot\b",
        r"\bthere'?s no [a-z]+ (?:there|at (?:that|this) (?:number|address))\b"
        r"|\b(?:she'?s|he'?s|they'?ve|she has|he has) had (?:that|this|the) (?:number|phone|email)\b",
        r"\b(?:her|his|their) name (?:isn'?t|is not|wasn'?t|was not) (?:even )?[a-z]+\b",  # the lead's name denied
        r"\bmarquen?l[oa] como (?:invalid[oa]?|falso|falsa)\b", r"\b(?:me|se) reboto\b|\bla direccion no existe\b",
        r"\b(?:este|el) contacto (?:es|esta) (?:falso|mal|equivocado)\b",
        r"\b(?:el )?numero (?:del cliente |de la clienta )?no existe\b|\b(?:sale|dice) que esta desconectado\b",
        r"\b(?:the )?(?:number|phone|cell|email)(?: on)? belongs to\b",
        r"\b(?:this|the) lead is(?: not|n'?t) real\b", r"\bthe lead for(?: referral)? is(?: not|n'?t) real\b",
        r"\b(?:e-?mail|phone|number)(?: is| was) (?:bounce[sd]?|disconnect)\b",  # "Phone is disconnect"
        r"\bnot (?:appear to be |seem to be |look like )?a genuine lead\b|\b(?:contact )?info(?:rmation)? is (?:simply "
        r"|just |all )?made up\b",  # "does not appear to be a genuine lead ... the contact information is made up"
        r"\b(?:guy|lady|woman|man|person) (?:who|that) answered (?:had )?never heard of\b",
        r"\bnot a real (?:person|lead|client)\b",
        r"\bnumbers? (?:is |'s |s )?fake\b",
        r"\bwrong person (?:on|for)\b",
        r"\b(?:report|mark|flag|treat|consider|list)(?: this| it| the| this one| that one| that)?(?: referral"
        r"| lead)? as (?:an? )?invalid\b",
        r"(?<!\bmy )\b(?:email|phone|number|info|contact|lead)s?\b.{0,20}\b(?:are|is|was|were) (?:both |all )?"
        r"(?:fake|bogus|invalid|wrong|incorrect|disconnected)\b",
        r"\b(?:numero|telefono|correo|email) (?:no valido|invalido|falso)\b",
        r"\b(?:contacto|referido|lead|numero|telefono|correo)(?: del?| de la)? no (?:es|parece|era) (?:valido"
        r"|real)\b",  # "ese contacto no es válido", "el contacto del 5120 no es válido"
        r"\b(?:number|phone|email)\b[^.!?]{0,40}\b(?:is|was) (?:disconnected|not in service|out of service)\b",
        r"\b(?:lead|contact info|contact)(?:'?s| is) no good\b",  # "lead's no good"
        r"\bnobody (?:named|by the name|called) [a-z]+ (?:there|at that number)\b",  # "it's a pizza place ... Nobody
        # named Kevin there"
        r"\b(?:put|gave|wrote|entered) (?:his|her|their|my|the) (?:number|name|info|email|phone) (?:down )?as a (?:joke"
        r"|prank|gag)\b",  # "his grandson put his number down as a joke"
        r"\breturned as undeliverable\b|\b(?:she|he|they)(?:'s| has| have)? never heard of (?:us|you|u guys"
        r"|you guys)\b",
        r"\b(?:number|phone|email|contact info|info)(?:'s| is| was) (?:straight up |totally |completely )?(?:wrong"
        r"|bad|fake"
        r"|invalid|incorrect"
        r"|disconnected)\b",
        r"\b(?:rings|goes) (?:to|through to) (?:a|an) (?:[a-z]+ )?(?:joint|place|shop|office|restaurant|store|business"
        r"|pizzeria|pizza|laundromat|salon|clinic|church|school)\b",
        r"\b(?:is|'s|seems|looks) (?:fake|bogus)\b",
        r"\b(?:e-?mail) (?:has |have )?bounce[sd]?\b",
        r"\bdon'?t (?:think|believe) (?:this|it|she|he|they) (?:is|was|are) (?:a )?real\b",
        r"\bemail bounce[sd]?\b", r"\b(?:mark|marking|marked) (?:it |this |this one |that one )?(?:as )?invalid\b",
        r"\bfax (?:machine|line|number)\b", r"\bgoes to a fax\b",
        r"\b(?:numero|telefono) (?:no existe|desconectado|no sirve)\b", r"\bcorreo rebot\w*",
        r"\b(?:ese|este|el) (?:lead|referido|cliente|contacto) no existe\b|\bcorreo\b[^.!?]{0,30}\brebota\b",
        r"\bduplicad[oa]\b",
        r"\bno es (?:un )?(?:cliente|comprador|vendedor) real\b",
        r"^invalid[oa]?\b", r"\b(?:not|isn'?t|wasn'?t) a real (?:client|person|buyer|seller|lead|inquiry)\b",
        r"\b(?:is|es|it'?s|its|was|looks|seems) invalid[oa]?\b",
        r"\b(?:are|were|son) (?:both |all |ambos |todos )?invalid",
        r"^both (?:are )?invalid\b", r"\bnunca (?:pidio|pidieron|solicito|lleno)\b",
        r"\b(?:lead|client|referral|contact|number|email|it|this one|that one)"
        r" (?:is|was|looks like|seems like|looks|seems)"
        r" (?:a |like )?spam\b", r"\bspam (?:lead|referral|contact|number|email)\b", r"^spam\b",
        r"\b(?:this|it)(?:'s| is) spam\b",
        r"\bfake (?:#|(?:client|person|lead|number|phone)\b)", r"\blead is fake\b",
        r"\b(?:numero|telefono|email|correo)\b.{0,20}\b(?:es|esta) fake\b", r"\bis mickey mouse\b|\basdf@asdf\b",
        r"\bemail\b[^.!?]{0,30}\bbounced\b|\bsays disconnected\b",
        r"\b(?:this person|she|he|they|the client) (?:doesn'?t|does not|don'?t) (?:really |even )?exist\b",
        r"\bhad no idea (?:she|he|they) (?:was|were) (?:signing up|asking|requesting)\b",
        r"^(?:la|el|este|esta|ese|esa)? ?es (?:falsa|falso)\b",
        r"\bduplicate\b(?! (?:messages?|texts?|emails?|notifications?|reminders?|alerts?|charges?|payments?|invoices?"
        r"|bills?))",
        r"\b(?:bad|wrong|fake|disconnected|non-?working) (?:phone )?(?:number|phone|email|lead|contact|info)\b"
        r"(?! (?:thread|chain|chat|conversation))",
        r"\bnumber (?:is )?(?:disconnected|doesn'?t work|does not work|not in service)\b",
        r"\b(?:is|was) (?:not|no longer) in service\b",
        r"\bemail bounced\b",
        r"(?<!i )(?<!we )\bnever (?:requested|asked for|asked to be contacted|signed up|filled|submitted|inquired)\b",
        # not the agent's own "I never signed up for a membership"
        r"^never asked(?: for (?:this|it|an agent|help|anything))?$",
        r"\b(?:did ?n'?t|did not) (?:request|fill|submit|sign up|inquire)\b", r"\bbogus\b", r"\bjunk lead\b",
        r"\bnumero (?:equivocado|falso|incorrecto)\b", r"\btelefono no existe\b",
        r"\b(?:rings|goes to)(?: at)? (?:a |an |some )?(?:pizza|restaurant|business|dentist|doctor|store|shop|school"
        r"|church|fax)\w*",
        r"\b(?:number|phone|cell|email)\b.{0,20}\b(?:is|'s|was) (?:a |an |for a |for an |some )(?:pizza|restaurant"
        r"|business|dentist|doctor|store|shop|school|church|fax|bank|salon|law firm|hospital|hotel|dealership)\w*",
        r"\b(?:numero|telefono|correo|email|celular)\b.{0,25}\b(?:es|esta|son|estan) (?:falso|invalido|desconectado"
        r"|equivocado|malo)s?\b",
        r"\b(?:numero|telefono|celular)\b.{0,30}\bno existe\b", r"\b(?:correo|email)\b.{0,30}\brebot\w*",
        r"\b(?:email|correo|numero|telefono|tel|cel|lead|referido|referencia)\b.{0,30}\bes (?:falso|falsa)\b",
        r"\bnadie (?:conoce|sabe quien es) (?:a )?(?:esa|esta|la) persona\b",
        r"\b(?:lead|referido|cliente|contacto) no es real\b",
        r"\b(?:has|have) never heard of (?:us|you guys|your network|the network|referral network)\b",
        r"\b(?:lead|referido|contacto|cliente) fals[oa]\b",
        r"\b(?:numero|telefono|celular|cel|correo)\b.{0,40}\b(?:es|era|pertenece) (?:de|a) (?:otra persona|otro senor"
        r"|otra senora|alguien mas|un senor|una senora)\b",
    )),
    ("sold", (
        r"\b(?:on )?the other side of (?:the )?closing\b",
        r"\bfinal (?:sales? |purchase |closing |contract )?price (?:on [a-z #0-9]*?\s*)?(?:was|came in at|of|is)\b",
        r"(?:^|: )(?:the )?sales? price (?:on [a-z #0-9]*?\s*)?(?:was|came in at|is) \$",
        r"\bsettled on (?:their|the|a|his|her) (?:new )?(?:home|house|place|condo|townhouse|property)\b",
        r"\bkeys (?:were |got |have been )?handed over\b"
        r"|(?<!once )(?<!when )(?<!until )(?<!after )\b(?:signed and )?funded\b"
        r"(?! (?:the|my|our|their|a)\b)",
        r"\brecorded with the county\b|\bya tiene(?:n)? las llaves\b|\bse firmo [^.!?]{0,20}\bpor \$?[0-9]",
    )),
    ("no_sale", (
        # "I'm sorry to report that 3307 isn't going to happen for us" (not a closing moved to another day)
        r"\b(?:(?:isn'?t|is not|ain'?t) (?:going to|gonna) happen|won'?t (?:be )?happen(?:ing)?)"
        r"(?: for (?:us|me|them))?[.!]*$",
        r"\b(?:decided|chose|opted|going) to (?:list|sell) (?:it )?(?:fsbo|themselves|on their own|by owner)\b",
        r"\bfell out of (?:escrow|contract)\b",  # "4821 fell out of escrow, buyer ... is renting"
        # "lamentablemente no se dio. La familia decidió mudarse a Texas"
        r"\bno se (?:dio|concreto|va a (?:dar|concretar|hacer))\b(?! cuenta)", r"\bya no piensa[n]? comprar\b",
        r"\bcancelaron (?:la|su) busqueda\b",
        r"\bya no (?:va a |van a )?compra(?:n|r)?\b",  # "Se mudó pa Texas con la familia, ya no compra aquí"
        r"\bdecided? (?:not|no) (?:to )?(?:sell|buy)\b(?! (?:yet|until|till)\b)",  # "the seller decide not sell"
        r"\b(?:already )?under contract (?:w|w/|with) (?:another|a different|other|some other)"
        r" (?:agent|realtor|broker)\b",
        r"\brefinanc\w*\b[^.!?]{0,40}\binstead\b|\bso no (?:purchase|sale|deal)\b|\b(?:asi que|ya) no se vende\b",
        r"^(?:they'?re |she'?s |he'?s )?(?:renting|rentando) (?:now|instead|ahora)\b",  # "renting now 🤷 8821"
        r"\bno (?:comprara|vendera|va a comprar|va a vender|van a comprar|van a vender) conmigo\b",
        r"\ba traves de su (?:cunad[oa]|prim[oa]|herman[oa]|ti[oa]|amig[oa]|hij[oa]|sobrin[oa])\b",
        r"^nosale\b", r"\bvender(?:la|lo)? ellos mismos\b|\bat another brokerage\b",
        r"\bse vendio (?:pero )?con otr[oa] agente\b|\bno con nosotros\b",
        r"^(?:went )?fsbo\b(?! (?:listing|lead|seller|sign|buyer|house|home)s?\b)",  # "FSBO smh"
        r"\b(?:cerrar|cierren|marcar|marquen|pongan)(?:lo|la)? como no venta\b",
        # "she closed on a condo last week with the listing agent", "they took Opendoor's cash offer"
        r"\b(?:closed|bought|went under contract|purchased)\b[^.!?]{0,40} (?:with|through|from) the listing agent\b",
        r"\b(?:took|accepted|went with|sold (?:it )?to) (?:an? |the )?(?:opendoor|offerpad|ibuyer|we buy houses)\b",
        # "una casa que el dueño vendía por su cuenta y ya la compraron", "se compró una casa con otro agente"
        r"\b(?:vendia|vende|vendio|vendiendo) por su cuenta\b[^.!?]{0,40}\bcompr",
        r"\bcompr\w* (?:una |la |otra )?(?:casa |propiedad )?con otr[oa] agente\b",
        r"\b(?:she'?s|he'?s|they'?re|she is|he is|they are) using (?:him|her|them)\b(?= *(?:[.!,;]|$))",
        r"\bworked it out (?:between|among) themselves\b",
        r"\brenov\w* (?:el )?(?:alquiler|contrato de (?:renta|alquiler))\b",
        r"\bcompr\w* con (?:el|la|su) (?:primo|prima|hermano|hermana|tio|tia|amigo|amiga|cunado|cunada)"
        r"\b[^.!?]{0,30}\bagente\b|\bcompr\w* con (?:otro|otra) agente\b",
        r"\bbought (?:straight |directly )?(?:from|off) (?:his|her|their|a) (?:buddy|friend|neighbor|cousin"
        r"|relative|family|brother|sister|uncle|aunt)\b",
        r"\bse qued\w* rentando\b|\bsiguen rentando\b|^(?:la|el) no va$",
        r"\bsold (?:it|their (?:place|house|home|condo)) (?:themselves|on their own|by themselves)\b",
        r"\bsold (?:it )?to (?:their|his|her|a) (?:neighbou?r|friend|cousin|relative|brother|sister|tenant)"
        r"(?: themselves| on their own| directly)\b",
        r"\bwith (?:her|his|their|a) (?:cousin|brother|sister|friend|uncle|aunt|son|daughter|nephew|niece|relative"
        r"|brother in law|sister in law)\b[^.!?]{0,40}\b(?:licensed|agent|realtor|broker)\b",
        r"\bcompr\w* con (?:el|la) (?:agente|realtor|corredor[a]?)\b",
        r"\b(?:la|lo) vendieron ellos mismos\b",
        r"\b(?:sign|signed|signing|renew|renewed|renewing) (?:another|a new|their) (?:[a-z0-9]+ ){0,2}lease\b",
        r"\bdecidi\w* (?:mejor |finalmente )?(?:rentar|alquilar|seguir rentando|seguir alquilando)\b",
        r"\bse quedan? (?:de alquiler|de renta|rentando|alquilando)\b",
        r"\b(?:dadla|denla|denlo|dadlo) por perdid[oa]\b",
        r"\b(?:elected|chosen|chose|decided) to (?:purchase|buy|sell|list) (?:through|with) (?:another|a different)\b",
        r"\b(?:pull|pulled|pulling) (?:the house|the home|it|the listing)\b.{0,20}\brent it out\b"
        r"|\brent it out instead\b",
        r"\b(?:terminaron|acabaron) (?:comprando|vendiendo) con (?:otro|otra|un|una)\b",
        r"\bse fueron por su cuenta\b",
        r"\b(?:not|isn'?t|is not|he'?s not|she'?s not|they'?re not) interested in (?:buying|selling) anymore\b",
        r"\bse fueron a rentar\b",
        r"\b(?:going to|gonna|will) (?:just )?(?:buy|sell) on (?:her|his|their) own\b",
        r"\b(?:mejor )?van a (?:rentar|alquilar|seguir rentando)\b|\bcancelaron todo\b",
        r"\b(?:closed|went under contract)\b[^.;!?]{0,20}\bwith (?:another|a different|some other) (?:agent"
        r"|realtor|broker|brokerage)\b",
        r"\bbought (?:a |the )?(?:new build |new construction |house |home |place )?(?:directly )?(?:thru|through|from"
        r"|with) (?:the )?builder\b|\bthe builder'?s (?:sales office|in-house agent|(?:onsite"
        r"|on-site) (?:sales )?(?:agent|rep))\b",
        r"\bwon'?t be closing (?:with|through) (?:me|us)\b",
        r"\b(?:no longer|not) (?:working|going) with (?:me|us)\b|\bnot working with (?:me|us) any ?more\b",
        r"\bthey (?:went|are|'re|got) under contract with (?:him|her|another agent|a different agent|(?:his|her|their)"
        r" (?:cousin|brother|sister|brother-in-law|sister-in-law|brother in law|sister in law|friend|relative|uncle"
        r"|aunt))\b",
        r"\b(?:go|going|went|gone) (?:fsbo|for sale by owner)\b",
        r"\bwon'?t be (?:selling|buying) (?:through|with) me\b",
        r"\b(?:won'?t|will not|are ?n'?t going to|are not going to) be (?:buying|selling)"
        r"(?: here| in [a-z]+| anything)?"
        r" (?:at all|any ?more)\b",
        r"\b(?:bought|buy|buying|purchase[ds]?|purchasing|went|go|going) (?:thru|through|with) (?:her|his|their)"
        r" (?:cousin|friend|sister|brother|relative|family|uncle|aunt|son|daughter)",  # "through her brother-in-law"
        # "her brother-in-law just got his license and they bought through him": the agent is another one
        r"\b(?:they|he|she|the (?:buyers?|clients?|couple)) (?:bought|purchased|closed) (?:thru|through) (?:him|her)\b",
        r"^(?:it'?s |its |this one'?s |this one is |that one'?s )?dead[.!]*$",
        r"^(?:(?:it'?s|its|this is|that'?s|so|and) (?:a )?)?dead deal\b(?! (?:if|unless|when)\b)",  # "dead deal on"
        r"\btalked (?:them|him|her) into (?:renting|keep renting|staying put|waiting)\b",
        r"\bdeal (?:on (?:this|it|that|[a-z]+) )?(?:on )?(?:died|is dead|collapsed|crashed|blew up)\b",
        r"\b(?:done|finished) looking\b",
        r"\b(?:vender|venderla|venderlo|vende|vendera|vendio|vendieron) por su cuenta\b",
        r"\bno (?:cerro|cerraron|compro|compraron|vendio|vendieron) conmigo\b",  # "no cerró conmigo"
        r"\bvender (?:el|ella|ellos) sol(?:o|ito|ita|a|itos|itas)\b",  # "decidió vender él solito (FSBO)"
        r"\b(?:ended up|wound up|went ahead and) (?:closing|buying|listing|signing|going) (?:with|through) (?:another"
        r"|a different|some other|other) (?:agent|realtor|broker|brokerage)\b",
        r"^renting for (?:now|the time being|another year|a while)\b",
        r"\bya tiene (?:agente|realtor|un agente|una agente|otro agente|otra agente|corredor)\b",
        r"\balready (?:has|have|had) (?:a|an|another|their own|her own|his own) (?:realtor|agent|broker)\b",
        r"\b(?:ya )?(?:trabaja|trabajan|esta trabajando|estan trabajando) con otr[oa] (?:agente|realtor|corredor)\b",
        r"\b(?:decidio|decidieron|prefiere|prefieren|mejor) (?:que )?(?:mejor )?(?:sigue|siguen|seguir) rentando\b",
        r"\bbought (?:a |the )?(?:house|home|place|condo) (?:with|through|thru) (?:her|his|their|a) (?:cousin|friend"
        r"|sister|brother|aunt|uncle|relative|nephew|niece|son|daughter|brother-in-law|sister-in-law)\b",
        r"\bsold (?:it |the house |the home )?(?:fsbo|by owner|on their own|themselves"
        r"|privately)\b", r"\bletrero de fsbo\b",
        r"\bdecided (?:to )?(?:just )?(?:rent|renting|stay|staying|wait|waiting|keep renting|build|building)\b",
        r"\b(?:is|are|she'?s|he'?s|they'?re) (?:buying|selling|listing) with (?:her|his|their|a) (?:cousin|sister"
        r"|brother"
        r"|friend|relative|uncle|aunt|family member)\b",
        r"\b(?:bought|purchased|went|listed|sold|buying|listing) .{0,30}\binstead\b",
        r"\b(?:gave|giving|give) up (?:on )?(?:buying|selling|the search|looking|moving)\b",
        r"\b(?:bought|purchased|buying|purchasing|went|closed|sold|listed) (?:with|through|thru)"
        r" (?:another|a different|other|their own|someone else)\b",
        r"\b(?:bought|purchased|buying|found)\b.{0,40}\b(?:in another (?:state|city|town|area)|out of state|elsewhere"
        r"|somewhere else|on their own|without (?:me|us))\b",
        r"^no venta\b", r"\bdecidi\w* quedarse\b",
        r"\b(?:bought|buying|purchased|went|going) .{0,40}?\b(?:directly )?(?:with|through|from) (?:the|a) builder\b",
        # "the Garcias signed with a builder rep out in 78660": the builder's own agent has them
        r"\b(?:signed|went|going|are going|are working|working) with (?:a|the) builder'?s? (?:rep|agent"
        r"|sales ?(?:rep|agent"
        r"|person|office)|salesperson|on-?site)\b",
        r"\b(?:going to|gonna|decided to|plan to|planning to) (?:keep )?rent(?:ing)?\b",
        r"\bya no (?:buscan|quieren|estan buscando)\b",
        r"\bwent fsbo\b",
        r"\b(?:decided|chose|want|wants|going|gonna) to (?:sell|list) (?:it |(?:their|the|his|her) (?:home|house|place"
        r"|condo|property) )?(?:themselves |on their own )?(?:as (?:a )?)?(?:fsbo|for sale by owner|by owner)\b",
        # "the Morales family has decided to sell their home FSBO"
        r"\b(?:bought|buying|sold|selling|went) (?:a |with a )?(?:fsbo|for sale by owner|by owner)\b",
        r"\bse (?:fue|fueron) con (?:otr[oa]s?|un[oa]? (?:otr[oa] )?(?:agente|corredor|realtor|amig[oa]))\b",
        r"\b(?:bought|purchased|went|buying|found .{0,30}?|(?:ended up )?(?:writing|wrote|signed|closed)(?: an offer)?)"
        r" (?:directly )?(?:with|through|thru) the listing agent\b",
        r"\b(?:bought|found|purchased|got) .{0,30}\bon (?:their|his|her) own\b",
        r"\bdecided to (?:build|move|hold|stay|rent|wait|keep)\b", r"\b(?:build|building|rent|renting) instead\b",
        r"\bse (?:echaron|echo|hicieron|hizo) (?:para|pa) atras\b",
        r"\bdecidi\w* (?:seguir )?(?:rentando|alquilando|rentar|alquilar)\b",
        r"\b(?:va|van) a seguir (?:rentando|alquilando)\b", r"\bse raj(?:o|aron)\b", r"\bse (?:me )?cayo (?:el|la)\b",
        r"\b(?:se quedaron|siguen|seguiran|van a seguir) (?:rentando|alquilando)\b", r"^no se hizo\b",
        r"(?:^|, )no se hizo (?:la venta|la compra|el trato|nada)?(?:$|,)", r"^(?:la|el) no se (?:hizo|dio)$",
        r"\bno (?:va a haber|hubo|habra) (?:compra|venta)\b",
        r"\b(?:ended up|end up) (?:buying|purchasing)\b.{0,40}\b(?:directly|no agent|without (?:an |any )?agent)\b",
        r"\bno agent involved\b",
        r"\b(?:renew|renewed|renewing|sign|signed|signing) (?:their |a |the )?(?:[0-9a-z-]+ ){0,2}(?:lease|rental)\b",
        r"\bmoving (?:out of state|away|to another state)\b", r"\bnot buying here\b",
        r"\bhold off on (?:buying|selling)\b", r"\b(?:won'?t|will not|isn'?t|is not|not) (?:be )?moving forward\b",
        r"\bfirm(?:o|aron) con otr[oa]\b",
        r"\b(?:compr(?:o|aron)|termin(?:o|aron) comprando) con (?:otr[oa]|(?:un[oa]?|su|sus) (?:primo|prima|amig[oa]"
        r"|familiar|tio|tia|herman[oa]|cunad[oa]|conocid[oa]|compadre|comadre|compa|vecin[oa]|suegr[oa]|sobrin[oa]"
        r"|realtor|agente|corredor[a]?)s?)\b",
        r"\b(?:yendose|se fueron|terminaron yendose) con otr[oa]\b",
        r"\b(?:ended up|decided on|went|are|bought|purchased|listed|sold) (?:(?:purchasing|buying) )?(?:using"
        r"|going with|working with"
        r"|hiring|listing with|with"
        r"|through)"
        r" (?:her|his|their|a|an) (?:own )?(?:cousin|friend|sister|brother|aunt|uncle|relative|family member"
        r"|neighbou?r|coworker|agent|realtor|other agent|friend's agent|nephew|niece|son|daughter|son-in-law"
        r"|daughter-in-law|brother-in-law|sister-in-law)\b",
        r"\b(?:keeping|keep|kept) the (?:house|home|place|property)\b", r"\btalked (?:him|her|them) out of\b",
        r"\bse retiraron\b",
        r"\b(?:decided to|chose to|going to|gonna) (?:list|go|work|buy|sell) (?:with|through|thru)"
        r" (?:a |an |their |her |his )?(?:family"
        r" friend|friend|cousin|relative|neighbou?r|another agent|different agent|other agent)\b",
        r"\b(?:selling|sold|sell|list|listed|listing) (?:it |the house |the home )?(?:themselves|herself|himself"
        r"|on their own"
        r"|by owner)\b",
        r"\bcompr\w* directo con (?:el|la) (?:builder|constructora|desarrolladora|dueno|duena)\b|\bsin agente\b",
        r"\b(?:directly|straight) (?:with|through) the builder\b|\bbuilder'?s (?:in-house |own )?(?:sales )?(?:agent"
        r"|rep|team)\b",
        r"\b(?:took|chose|went with|decided on) (?:a |an |the )?(?:rental|apartment|company housing|corporate housing"
        r"|military housing|base housing|on-base housing)\b",
        r"\bdesistieron\b",
        r"\bstay(?:ing|ed)? put\b", r"\bpulled (?:out|the listing|their listing|the house|it off)\b",
        r"\blost interest\b", r"\b(?:gave|given|giving) up on (?:buying|selling|the (?:search|move|idea))\b",
        r"\b(?:chose|picked|hired|used|using|signed with|listed with|listing with|bought with|buying with|sold with)"
        r" (?:another|a different|other|their own|someone else|somebody else"
        r"|an? (?:[a-z']+ ){0,4}?(?:agent|realtor|broker|friend|relative))"
        # not "my brokerage already stopped using another referral app": a tool, not an agent
        r"(?! (?:referral |lead |crm |texting )?(?:app|apps|service|platform|system|network|company|site|website"
        r"|tool|program|software|crm|vendor)\b)",
        r"\b(?:ended up|end up) (?:buying|selling|going|listing|working) (?:with|through|thru)\b(?! (?:me|us)\b)",
        r"\b(?:they'?re|they are|(?:client|buyer|seller)s? (?:is|are)|(?:he|she)(?:'s| is))"
        r" (?:now |just )?not (?:selling|buying|moving)"
        r"(?! (?:until|till|yet)\b)\b", r"\bnot (?:selling|buying|moving) (?:anymore|any more|after all)\b",
        r"\b(?:didn'?t|did not|couldn'?t|could not) (?:qualify|get (?:approved|financing|a loan))\b",
        r"\bloan (?:was )?denied\b",
        r"\brent(?:ing)? instead\b",
        r"\bdecidi\w* no (?:comprar|vender|mudarse)\b",
        r"\bno (?:va|van|quiere|quieren|quiso|quisieron) (?:a )?(?:comprar|vender)\b",
        r"\bya no (?:va|van|quiere|quieren) (?:a )?(?:comprar|vender|mudarse)\b",
        r"(?<!\bsi )(?<!\bque )(?<!\btodavia )(?<!\baun )\bno sale\b(?! (?:esa|ese|eso|esta|este|bien|nada|la|el)\b)",
        r"\bdid(?:n'?t| not) (?:end up )?(?:buy|sell)", r"\bdecided not to\b",
        r"(?<!almost )(?<!nearly )(?<!we almost )\blost (?:the |my |this |that )?(?:client|buyer|seller|deal|one"
        r"|them|it)\b"
        r"(?! of my\b)"
        r"(?! (?:they|we|she|he|i) (?:wanted|liked|loved|bid|offered|were))",
        r"\b(?:went|going|gone|go) (?:with|through|thru) (?:another|a different|other|a new|their own) "
        r"(?!(?:lender|loan|bank|mortgage|title|inspector|appraiser|contractor|photographer|stager|plan|option|route"
        r"|approach|offer|house|home|property|place|listing)s?\b)",
        r"\b(?:went|going|go|gone) with (?:a|an|their|his|her|some) (?:[a-z']+ ){0,3}?"
        r"(?:agent|realtor|broker|brokerage|firm|company|team|friend|cousin|relative|family|brother|sister)s?\b",
        r"\bhired (?:another|a different|their|a new) ",
        r"\bno longer (?:looking|buying|selling|interested|moving)\b",
        r"(?<!trip )(?<!plans )(?<!vacation )(?<!flight )(?<!cruise )(?<!visit )\bfell (?:through|apart)\b",
        r"\bwalked away (?:from (?:the|this|that|their) (?:deal|house|home|contract|offer|purchase|sale)|after)\b",
        r"\b(?:they|buyers?|sellers?|clients?) walked\b", r"\bbacked out\b",
        r"\bdecided to (?:stay|rent|wait|keep)\b", r"\b(?:with|through|thru) (?:someone|somebody|anyone) else\b",
        r"\b(?:deal|sale|contract)(?:'s| is) (?:dead|off)\b",
        # "we're not moving": the agent's own home
        r"(?<!we're )(?<!were )(?<!we are )(?<!i'm )(?<!im )(?<!i am )\bnot moving\b",
        r"\bchanged (?:their|his|her) minds?\b(?! about (?:the |their |his |her )?(?:school districts?|neighbou?rhoods?"
        r"|areas?|zip codes?|kitchen|paint|colou?r|layout|floor|counters?|cabinets?|tile|backsplash|closing date|date"
        r"|time|lender|inspector|showing))",
        r"\b(?:contract|deal|sale) (?:was |got )?cancell?ed\b",
        r"\boff the market\b",
        rf"\b(?:{NO_SALE_WORDS_ES})\b",
        r"\bvendi\w* (?:sol[oa]s?|por (?:el|ella) mism[oa])\b|\bsin agente\b(?! (?:todavia|aun)\b)",  # "vendió sola"
        r"\bno (?:se )?(?:vendio|compraron|compro)\b",
        r"(?<!no )\bse cayo\b",
        r"(?<!\bi )\bnever (?:bought|sold|purchased|closed)\b",
        r"\bse fueron con otro\b", r"\bse arrepint",
        # told indirectly: "won't be purchasing here", "house hunt is over", "went with Redfin", "decided to list with a
        # flat-fee brokerage", "staying in the rental", "don't need to buy anymore", "la compra aca ya no va"
        r"\b(?:won'?t|will not) be (?:purchasing|buying|selling) (?:here|anymore|after all|at all|with me)\b",
        r"\b(?:house hunt|search|home search) is (?:over|off|done)\b",
        r"\bwent with (?:redfin|opendoor|zillow|offerpad|a discount|a flat[- ]fee|one of those discount)\b",
        r"\b(?:list|listed|go|went|signed) with a (?:flat[- ]fee|discount|1%) (?:brokerage|broker|company|agent)\b",
        r"\bstaying in (?:the|their) (?:rental|apartment|lease)\b|\bsigned another (?:year|lease)\b",
        r"\b(?:they )?(?:don'?t|do not) need to buy anymore\b|\bno longer need to buy\b",
        r"\b(?:clients?|buyers?|they) (?:have )?stopped looking\b",
        r"\b(?:la compra|la venta|el trato)(?: [a-z]+)? ya no va\b"
        r"|\bse fueron con (?:una|un) (?:de esas )?(?:compania|empresa|agencia|corredor|broker)s?\b"
        r"|\b(?:ya )?perdio el interes\b|\bse queda donde esta\b",
    )),
    ("sold", (
        r"\bhanded (?:over )?(?:the|them the) keys\b|\bhanded the keys over\b",  # "handed the keys over Friday!!"
        r"\bcoe'?d\b",  # "COE'd yesterday on 4821": closed escrow
        r"^final (?:was|is|came in at|ended up at|number was) \$?[0-9]",  # "scratch that, final was 455,000"
        r"\b(?:el )?closing (?:fue|se hizo)\b|\bboth (?:of them )?(?:closed|sold)\b",
        r"\bdeed (?:was |got )?recorded\b|\b(?:lender|bank) (?:wired|funded)\b",  # "Deed recorded yesterday ..."
        r"\b(?:buyers?|sellers?|clients?|ones?) (?:you|y'?all) sent (?:me|over|my way) (?:both |all )?(?:closed"
        r"|sold)\b",
        r"\bse escritur(?:o|aron)\b|\bescrituramos\b|\bfirmamos (?:las )?escrituras\b",
        r"^cerrad[oa]\b(?! (?:para|por|hasta|los|el|la)\b)",
        r"\bsettlement (?:was|happened|is done)\b", r"\bwe settled\b",
        r"\bsettled (?:on (?:[0-9]|the [0-9]|mon|tue|wed|thu|fri|sat|sun)|at \$?[0-9]|for \$?[0-9]|yesterday|today"
        r"|last (?:week|night|friday|thursday)|this (?:morning|week|afternoon))",
        r"\bclosing (?:happened|went (?:through|well|smooth\w*|great)|is done|done|complete|completed|finished"
        r"|was (?:today|this|yesterday))\b",
        r"\bfinal (?:sales? )?price (?:was |of |is |came in at |at |: ?)?\$?[0-9]", r"\bclosed and funded\b",
        r"\b(?:the )?(?:sales?|sold|closing) price (?:on |for )?(?:it |this one |that one )?(?:was|came in at"
        r"|ended up at) \$?[0-9]",  # "Correction: the sale price on 2719 was 512k, not 521k"
        r"^(?:final (?:sales? |purchase |contract |closing )?price|sold price)$",  # "4. Final sales price: $452,500.00"
        r"\b(?:deal|it|we|they) (?:funded|recorded)\b",
        r"\b(?:referral|ref|lead|file)(?: #? ?[0-9]{3,5})? (?:has |finally |officially |just )?closed\b(?! out\b)",
        r"\bended up (?:selling|closing)(?: it| the (?:house|home|place|condo))? (?:at|for) \$?[0-9]",
        r"\b(?:they|buyers?|clients?|sellers?) (?:just |finally )?(?:purchased|bought)\b",
        r"\bgot (?:the|their) keys\b",
        r"(?<!you )(?<!u )\bsold\b(?! me\b| signs?\b)",  # not "the last lead you sold me", "in front of a new house
        # with a SOLD sign" (seen on Facebook, not reported)
        r"^closed\b",
        r"^recorded\b",
        r"\bkeys (?:handed over|delivered|in hand)\b",
        r"\b(?:buyers?|clients?) paid\b",
        r"\b(?:buyers?|sellers?|clients?|couple|family|the [a-z]+s) (?:just |finally |officially )?closed\b",
        r"\bclosed (?:this morning|last (?:week|night)|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday))\b", r"\bclosed (?:at|for|on|escrow|the deal|it|today|yesterday)\b",
        r"\bclosed (?:on )?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? [0-9]{1,2}(?:st|nd|rd"
        r"|th)?"
        r"|[0-9]{1,2}/[0-9]{1,2})\b",
        r"\bclosed(?: ok| lol| yay)*$", r"\b(?:ya )?closed (?:la|el)\b", r"\bclosed (?:the|this|that"
            r"|your) (?:referral|lead)\b(?! (?:out|file)\b)",
        r"\b(?:it'?s|its|it is|deal'?s|deal is) (?:officially |finally )?closed\b(?! (?:on|for|until|till)\b)",
        r"\bclosed (?:el |este )(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b",
        r"\b(?:actually|already|finally|officially) closed (?:back )?(?:on|in|at)\b",
        r"\b(?:we|i|they|it|deal|house|home|sale|escrow) (?:has |just )?closed\b",
        r"\bclosing was\b(?! (?:supposed|scheduled|set|going|pushed|delayed|moved|postponed|rescheduled)\b)",
        r"\bthey bought\b", r"\bpurchased (?:a|the|their) (?:home|house|condo|place)\b", r"\bfunded and recorded\b",
        r"\bvendid[oa]\b", r"\bvend(?:imos|i|io|ieron)\b", r"\bse vendio\b", r"\bcerr(?:amos|o|aron)\b",
        r"\bcompraron\b",
        r"\bcompr(?:o|aron) (?:una|la|su|el|un) (?:casa|propiedad|departamento|condominio|townhouse|piso|apartamento"
        r"|depa|condo|terreno|lote)\b",
        r"\bfirm(?:amos|aron|o) (?:la |las )?escrituras?\b",
        r"\bprecio final\b",
        r"\bbuyed\b",
    )),
    ("in_progress", (
        r"\b(?:ya )?firm(?:o|aron|amos) (?:el |un )?contrato\b",  # "El cliente del 2719 ya firmó contrato"
        # "Closing was supposed to be Friday but got pushed, new date TBD"
        r"(?<!house )(?<!own )(?<!our )(?<!my )\bclosing (?:was |got |has been |is |just )?(?:pushed|delayed|moved"
        r"|postponed|rescheduled)\b|\bnew (?:closing )?date (?:is )?tbd\b"
        r"|\bclosing was supposed to be\b[^.!?]{0,30}\b(?:but|and) (?:it )?got pushed\b",
        r"\bretomamos cuando (?:regrese|vuelva)\b|\besperando al banco\b",  # "la clienta está de viaje ..."
        r"^pending$",  # "pending! 299,900 list, accepted 295"
        r"\bshowing (?:him |her |them )?(?:[0-9]+|two|three|four|five|a few|some) (?:more )?(?:homes|houses|properties"
        r"|places|condos)\b",  # "showing 2 homes sat on 5120"
        r"\b(?:writing|write|wrote) (?:an offer |offers )?on (?:another|a new|a different) (?:one|house|home|place)\b",
        r"\bset up (?:a |some )?showings?\b|\boffer submitted\b|\bawaiting the seller'?s response\b",
        # "EMD in, insp tues"
        r"\b(?:emd|earnest money|escrow deposit) (?:is )?(?:in|deposited|received|cleared|wired)\b",
        # Puerto Rico: "Oferta sometida en Carolina, esperando contestación del vendedor"
        r"\boferta sometida\b|\bsometimos (?:la |una )?oferta\b"
        r"|\besperando (?:la )?(?:contestacion|respuesta) del? (?:vendedor|vendedora|comprador|banco)\b",
        r"\btodo (?:va|sigue|marcha) bien con\b",  # "La firma es el 15/12, todo va bien con el 5582"
        # "back on market ... relisting thursday"
        r"\bback on (?:the )?market\b(?=[^.!?]{0,80}\brelist)|(?<!not )(?<!no )\brelisting\b",
        r"^in ?progres?s?$|^inprogres", r"\bstill at it\b|\bhas us (?:out )?looking\b",
        r"\b(?:set|scheduled|slated|on track) to close\b|\bclosing (?:is )?(?:set|scheduled|slated) for\b",
        r"\bwaiting on (?:the )?(?:funding|bank|lender|underwriting|appraisal|final approval|clear to close|ctc)\b",
        r"\bfunding (?:should|will|is supposed to|is expected to) (?:hit|happen|come|land)\b",
        r"^signing (?:is )?(?:tmrw|tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday)\b",
        r"^loan (?:got |is |was )?approved\b",  # "Loan approved for #3348!!! closing Dec 4th"
        r"\b(?:el )?cierre\b[^.!?]{0,20}\bse (?:atraso|retraso|pospuso|movio)\b",  # "El cierre del 7012 se atrasó"
        r"^(?:we|they) close (?:tomorrow|tmrw|next week|this (?:week|friday|thursday|wednesday|tuesday|monday))\b",
        r"\b(?:la )?(?:venta|compra|cierre)\b[^.!?]{0,20}\b(?:esta|sigue) pendiente\b",  # "La venta ... está pendiente"
        r"\b(?:in|into) (?:the )?option period\b|\bclose date\b",
        r"\bre[- ]?sign(?:ing)? (?:tomorrow|tmrw|today|tonight|monday|tuesday|wednesday|thursday|friday)\b",
        r"\bel banco no ha fondeado\b|\besperando (?:el fondeo|que fondee|que el banco fondee)\b",
        r"\b(?:out|back out) looking again\b|\bwe'?re still closing\b|\bstill (?:on track|moving forward|a go)\b",
        r"\btargeting (?:a |an )?(?:[a-z]{3}\.? [0-9]{1,2} )?clos(?:e|ing)\b|\bswitch(?:ed)? lenders\b",
        r"\bseguimos adelante\b|\bse atraso el cierre\b|\bpero seguimos\b|\b(?:estamos )?renegociando\b"
        r"|\brenegotiating\b|\bcasa apartada\b",
        r"\bclosing (?:is |on |date is |set for |scheduled for )?(?:[0-9]{1,2}/[0-9]{1,2}\b"
        r"|(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? [0-9]{1,2}\b)",
        r"\b(?:ya )?(?:firmaron|firmamos) (?:el )?contrato\b", r"\bcontrato firmado\b",
        r"\boffer (?:going|goes) in\b", r"\bvamos a ver (?:casas|propiedades|departamentos)\b",
        r"\b(?:the )?lender (?:is|has been|went) (?:mia|awol|dark)\b", r"\boffer(?:'s| is)? in (?:at|on|for)\b",
        r"\boffer in (?:@ ?)?\$?[0-9]|\bwaiting on (?:the |a |their )?counter\b",
        r"\b(?:quieren|van a|vamos a) ver (?:mas |otras |unas |varias |[0-9]+ |dos |tres )?(?:casas|propiedades"
        r"|condos|apartamentos)\b",  # "quieren ver 3 casas el martes"
        r"\bwriting (?:another|a new|a second|a better) (?:one|offer)\b|\bcounter came back\b",
        r"\b(?:vemos|veremos|vamos a ver|van a ver) (?:[0-9]+|dos|tres|cuatro|otras) (?:mas|casas)\b",
        r"\b(?:we'?re|we are|they'?re|they are) going back (?:at|with) \$?[0-9]",
        r"\bnarrowed (?:it |things )?down to\b|\b(?:have|has) been out with me\b",
        r"\b(?:she'?s|he'?s|they'?re|she is|he is|they are) listing with me\b",
        r"\bdid (?:the|a) (?:walkthrough|walk-through|cma|listing appointment)\b",
        r"\besperando (?:que )?(?:el banco|la aprobacion|el prestamo|la tasacion|el avaluo|que (?:le|les) aprueben)\b",
        r"\b(?:new )?contract (?:was |got )?signed\b", r"\bbackup (?:offer|position)\b",
        r"\bse (?:pospuso|pospusieron|movio|movieron|aplazo|aplazaron|retraso|retrasaron)(?: el cierre)? (?:para|al"
        r"|hasta)\b|\b(?:closing|cierre|settlement|the close|closing date) (?:got |was |has been |is )?"
        r"(?:pushed|postponed"
        r"|delayed|moved) (?:(?:from|past) (?:the )?[a-z0-9]+ )?(?:to|until|back to)\b",  # "from the 20th to Dec 2"
        r"\b(?:lender|bank|underwriter|underwriting|title)(?: is)? still (?:waiting|working|reviewing)\b",
        r"\b(?:volvi|volvimos|volvio) a (?:poner|listar|publicar) (?:la casa |la propiedad )?en (?:venta|el mercado)"
        r"\b|(?<!not )(?<!no )(?<!never )\brelist(?:ed|ing)\b"  # a seller client's home listed again
        r"|\bback on the market\b",
        r"\b(?:closes|cierra|cerramos|closing is) (?:tomorrow|today|manana|hoy|this (?:week|friday|thursday|monday"
        r"|tuesday|wednesday)|next (?:week|friday|thursday|monday|tuesday|wednesday)|el (?:viernes|jueves|lunes|martes"
        r"|miercoles))\b", r"\bclosing (?:mid|early|late|end of)[ -](?:dec|december|jan"
        r"|january|feb|february|next month)\b",
        r"(?<!never )(?<!not )(?<!haven't )(?<!hasn't )(?<!didn't )\bsigned (?:the |a |their |our )?(?:purchase )?"
        r"(?:contract|purchase agreement|p ?& ?s)\b(?! (?:yet|for (?:their|my|our) (?:own )?(?:house|home)))",
        r"(?<!not )(?<!never )\baccepted (?:an |the |our |their |my )?offer\b",
        r"\b(?:deal|contract|sale|closing)\b[^.!?]{0,40}? (?:is|'s) back on\b(?! (?:the )?market\b)",
        r"\bwe'?re back on track\b",
        r"\bestamos esperando\b", r"\b(?:ya )?(?:tenemos|hay) fecha de cierre\b", r"\bpre-?aprobaci\w*",
        r"\bscheduled to close\b",
        r"\bpromesa de compraventa\b|\bcierre (?:programado|agendado)\b",
        r"\bvisit\w* (?:[0-9]+|dos|tres|cuatro|cinco|seis|siete|ocho|varias|algunas) (?:propiedades|casas|opciones)\b",
        r"\bunder (?:contact|contarct|contrat|contrct|conract|cotnract)\b",
        r"(?<!be )(?<!get )(?<!been )\b(?:finally )?connected (?:with|w) (?:the |my )?(?:buyer|seller|client)s?\b",
        r"\bshowing (?:is )?set for\b",
        r"^closing (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week|this week)\b",
        r"\bback (?:out )?(?:looking|touring|house hunting)\b",
        r"\b(?:vamos a ver|vamos a mirar|veremos) (?:[0-9]+ |unas |varias |dos |tres )?(?:casas|propiedades)\b",
        r"\b(?:ya )?(?:esta|estan) pre-?aprobad[oa]s?\b",
        r"\b(?:la referencia|el referido) va bien\b",
        r"\bfirmaron (?:el )?contrato\b|\bel cierre (?:esta |quedo )?(?:programado|agendado)\b",
        r"\bel cierre (?:de (?:la |el )?(?:on )?)?(?:esta |quedo |va a ser |sera |se fijo )?"
        r"(?:programado |agendado |fijado )?para el\b",  # "El cierre de 2915 quedó para el 10 de diciembre"
        r"\b(?:showing|closing|inspection|appraisal|walk ?through|listing appointment)s?(?: on)?"
        r"(?: (?:got|was|has been|is))? (?:moved|rescheduled|pushed|bumped|changed) (?:to|until|back to)\b",
        r"\b(?:le|les) estoy (?:ensenando|mostrando) (?:casas|propiedades)\b",
        r"\bestoy (?:ensenandole|mostrandole|ensenandoles|mostrandoles) casas\b",
        r"\bcontraoferta\b",
        r"\b(?:hicimos|hicieron|hizo|mandamos|enviamos|presentamos|metimos|sometimos) (?:una |la |un )?(?:oferta"
        r"|offer)\b",
        r"\besperando (?:su )?respuesta\b", r"\bwaiting (?:on|for) (?:la |su |una )?respuesta\b",
        r"\b(?:ya )?(?:estamos|esta|estan) en escrow\b", r"\boferta aceptada\b", r"\bnos aceptaron la oferta\b",
        r"\b(?:seguimos|sigue|siguen|todavia|aun|ya) en (?:escrow|underwriting|contrato|proceso de cierre)\b",
        r"\besperando (?:la )?aprobacion(?: del (?:banco|lender|prestamo))?\b",  # "El 7043 está esperando aprobación"
        r"\b(?:el )?closing (?:lo|se) (?:movieron|movio|cambio|cambiaron|paso|pasaron)\b",
        r"\b(?:vieron|vimos|visitamos|ensene|les ensene) (?:[0-9]+|dos|tres|cuatro|cinco|seis|varias) casas\b",
        r"\bvamos a (?:someter|presentar|hacer|mandar) (?:la|una) (?:oferta|offer)\b",
        r"\boffer(?:'s| is)? in (?:on|for)\b", r"\boffer'?s in\b(?! the)",
        r"\bwaiting to hear back\b(?! from (?:my|our) (?:broker|office|manager|team|boss))",
        r"\b(?:getting|working on) (?:their|the|his|her)"
        r" (?:financing|loan|mortgage|pre-?approval|paperwork|documents|docs)\b",
        r"\b(?:seguimos|estamos) en (?:eso|ello|proceso|contacto)\b",
        r"\b(?:le|les) (?:ensenamos|mostramos|ensene|mostre) (?:[0-9]+|unas|varias|dos|tres|cuatro) casas\b",
        r"\bshowed (?:them |him |her )?(?:some |a few |several |[0-9]+ )?"
        r"(?:homes|houses|properties|condos|places|listings)\b",
        r"\bstill going\b", r"\bliked (?:a|the|two|some|[0-9]+) (?:house|home|place|condo|listing)s?\b",
        r"\besperando (?:la|el) (?:aprobacion|avaluo|inspeccion|cierre|prestamo|banco)\b",
        r"\battorney review\b",
        r"\bin underwriting\b",
        r"\boption period\b",
        r"\bdue diligence\b",
        r"\bclear to close\b",
        r"\bfinal walk ?through\b",
        r"\b(?:loan|mortgage) (?:approval|application|processing)\b",
        r"\bwaiting (?:until|till|for) (?:after )?(?:the )?(?:holidays|new year|spring|summer|january|school)\b",
        r"\bmet (?:them|him|her|the (?:client|buyer|seller)s?)\b",
        r"\b(?:see|seeing|view|viewing) (?:some |more |a few |several |[0-9]+ )?"
        r"(?:homes|houses|properties|condos|listings)\b",
        r"\ben negociaci\w*", r"\bnegociando\b",
        r"\boffers? (?:submitted|sent|written|went in|made|pending|countered)\b",
        r"\bstill active\b", r"\bwaiting (?:on|for) the right (?:house|home|place|one|listing)\b", r"\btoured\b",
        r"\bnarrowing (?:it |things )?down\b", r"\b(?:seguimos|estamos|sigo|sigue) en contacto\b",
        r"(?<!enjoyed )(?<!enjoy )(?<!nice )(?<!great )(?<!loved )(?<!love )"
        r"\b(?:meeting|seeing|meet) (?:with )?(?:them|him|her|the (?:client|buyer|seller)s?)\b",
        r"\blook(?:ing)? at (?:listings|homes|houses|condos|properties|places)\b",
        r"\bshowed (?:them|him|her|the (?:client|buyer|couple|family)s?)\b", r"\bnegotiat\w*", r"\bcounter ?offer",
        r"\b(?:made|make|making|wrote|writing|write|submitted|submitting|put in|putting in|sent) (?:up )?"
        r"(?:an |a |two |three |the |another |our )?(?:offer|bid)s?\b",
        r"\bwaiting (?:on|for) (?:the |their )?(?:appraisal|inspection|lend[eo]r|underwrit\w*|financing|loan"
        r"|docs|approval"
        r"|underwriting"
        r"|closing|them"
        r"|the (?:client|buyer|seller)s?)\b", r"\binspection\b", r"\bappraisal\b", r"\bhouse hunting\b",
        r"\b(?:on|hit|hits|hitting|into) (?:the )?mls\b",
        r"(?<!'s )(?<!'s new )\blisting (?:appointment|agreement|goes|is live|went|photos|pictures|date|prep)\b",
        # not "Mike's new listing photos"
        r"(?<!before i'd )(?<!before i'd actually )(?<!before i )(?<!before i actually )(?<!before i had )"
        r"(?<!once i've )(?<!once ive )(?<!once i have )(?<!after i've )(?<!when i've )(?<!until i've )(?<!once i )"
        r"(?<!once i've actually )(?<!i've actually )"
        r"(?<!haven't )(?<!havent )(?<!have not )(?<!hasn't )(?<!hasnt )(?<!has not )(?<!not )(?<!never )"
        # not "talking with her buyer's agent about coverage": a colleague of the agent's
        r"\b(?:spoke|talked|spoken|talking|speaking) (?:to|with) (?:them|him|her|the (?:client|buyer|seller)s?)\b"
        r"(?!'s\b| (?:buyer'?s|seller'?s|listing) agent\b| (?:broker|team|partner|assistant|lender|coworker|colleague"
        r"|husband|wife)\b)",
        r"\bin (?:touch|contact) with (?:them|him|her|the)\b",
        r"\blooking at (?:homes|houses|condos|properties|places)\b",
        r"\b(?:todavia|aun|sig[a-z]*|segu[a-z]*|esta[a-z]*|andamos|ando|andan)(?: \w+)? (?:buscando|trabajando"
        r"|(?:viendo|mirando) (?:casas|propiedades|opciones|departamentos))\b",
        r"\ben negociacion\b", r"\bbajo contrato\b",
        r"\bin[- ]progress\b", r"(?<!forward to )\bworking with\b(?! (?:you|y'?all|everyone|the team|your team)\b)",
        # not the agent's own career: "I'm still working and still happy to take your referrals"
        r"\bstill working\b(?! and still (?:happy|glad|taking|available|open|selling)\b| full[- ]?time\b"
        r"| part[- ]?time\b| as an? (?:agent|realtor)\b| in real estate\b)",
        r"\bworking on it\b",
        r"(?<!in )(?<!at )(?<!between )(?<!back to back )(?<!during )(?<!clients to )(?<!buyers to )(?<!them to )"
        r"(?<!i do the )(?<!i do all the )(?<!we do the )"  # "I do the showings, the inspections, ...": the job
        r"(?<!driving to )(?<!drive to )"
        r"(?<!slammed with )(?<!swamped with )(?<!busy with )(?<!buried in )(?<!paperwork and )(?<!paperwork, )"
        r"(?<!doing the )"  # "she's doing the showings on 4471": a partner's part
        r"(?<!covers )(?<!cover )(?<!covering )(?<!handles )(?<!handle )"  # "my team covers showings" while away
        r"\b(?:(?<![0-9] )showings\b|showings\b(?! (?:today|tonight|this morning|this afternoon)[ .!,]*$))",  # not the
        # agent's own week, nor a count of the agent's day ("5 showings today")
        r"\bstill showing\b(?! as)",
        r"\b(?:ensenandoles|mostrandoles|les (?:estoy|estamos|estuve) (?:ensenando|mostrando)) (?:casas|propiedades)\b",
        r"\b(?:ensenando|mostrando) (?:casas|propiedades) (?:a|al|a la|a los|a las) ",
        r"\bya vimos\b",
        r"(?<!stop )\bshowing (?:them|him|her|more|the (?:client|buyer|couple|family)s?|my (?:client|buyer)s?)\b",
        r"\btouring\b", r"\bunder contract\b", r"\bin escrow\b",
        r"\b(?:ya )?(?:empezo|empezamos|comenzo|abrimos|abrio|abrieron|entramos|entro) (?:el |en |a )?escrow\b",
        r"(?<!listings go )(?<!homes go )(?<!houses go )(?<!things go )\bpending\b(?! (?:my|your|a|our|his|her|their"
        r"|the) )",
        r"\bstill (?:out )?(?:looking|searching|shopping)\b", r"\bkeeping at it\b",
        r"\bstill deciding\b(?! on (?:it|this|that|this one|that one|whether|if)\b| on ?[,.!?]| on$| (?:if|whether)\b"
        r"| between (?:the )?(?:other|remaining|last) (?:two|three|ones|agents))",  # not the offer, not the agents
        r"\bsaw (?:[0-9]+|two|three|four|five|six|seven|eight|a few|several|some) (?:more |other )?(?:houses|homes"
        r"|places"
        r"|properties|condos)\b",
        r"\bmade an offer\b", r"\boffer (?:accepted|out)\b",
        r"(?<!not )(?<!n't )(?<!never )(?<!is on the )(?<!are on the )(?<!is on their )\bpre[- ]?approv"
        r"(?!ed (?:for|up to|at) [^.!?]*\b(?:stay under|max|budget|tops|no more than)\b)",
        r"\bmet with\b(?! (?:both|all|each|the two|the three) of (?:them|the agents)\b)", r"\bwant to list\b",
        r"\boffer (?:got |was |has been )?accepted\b",
        r"\bshowing (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|sat|sun|tomorrow|today"
        r"|this weekend)\b", r"\bgot a ?hold of (?:her|him|them)\b",
        r"(?<!agent )(?<!agents )(?<!one )(?<!person )(?<!realtor )(?<!still )(?<!you )(?<!u )(?<!you guys )(?<!y'all )"
        r"\blisted\b(?! (?:price|at the listed))",  # not "the zip you listed": our offer's words
        r"\bon the market\b(?! ?:)", r"\b(?:go|goes|going"
        r"|went) live\b", r"\bhits? the market\b",
        r"\bclosing (?:on|is|in|date|next|set|scheduled)\b",
        r"\ben (?:progreso|proceso|contrato)\b", r"\bseguimos en la busqueda\b", r"\bpreaprobaci\w*",
        r"\bvemos (?:[a-z]+ ){0,2}casas\b", r"\bseguimos (?:trabajando|buscando)\b", r"\btodavia buscando\b",
        r"\bhicimos una oferta\b", r"\b(?:estamos|estan|esta) (?:haciendo|preparando|escribiendo) una oferta\b",
    )),
    ("capacity", (  # "MAX 2 A WEEK", "max off", "no more than 3 referrals a week", "MAXIMO 2 POR SEMANA"
        r"^max(?:imum|imo)?\b", r"^(?:no|sin) (?:max|maximo|limit|limite)\b",
        r"\b(?:only|no more than|at most) [0-9]{1,2} (?:referrals?|leads?) (?:a|per|each) week\b",
    )),
    ("resume", (
        # "nvm on the pause, trip got cancelled", "Cancelen la pausa que pedí el viernes"
        r"\b(?:nvm|never ?mind|cancel|forget|scratch|undo)(?: on| about)? (?:the|my) pause\b",
        r"\b(?:cancelen|cancela|cancele|olviden|quiten) (?:la|mi) pausa\b",
        r"\breactivate (?:my |the )?(?:referrals|leads|account)\b",
        r"\bturn on (?:my |the )?(?:referrals|leads)\b|\b(?:vacation|holiday|leave|trip) (?:is )?(?:finish|finished)\b",
        r"\breactivar mi cuenta\b|\bvolver a recibir referidos\b",
        # "pueden activar mis referidos de nuevo": on again (not "¿cómo activo mis referidos?", asked)
        r"\b(?:activar|activen|activa|active|prender|prendan)(?:me)? (?:mis|los|mi) (?:referidos|referencias|leads"
        r"|cuenta)(?: de nuevo| otra vez| again)\b",
        r"(?<!when )(?<!once )(?<!until )(?<!till )(?<!after )\b(?:i'?m|i am) back (?:at|to) work\b",
        r"\bse (?:acabo|termino) la pausa\b",
        r"\bstart sending (?:me )?(?:the )?(?:paid |new )?(?:ones|leads|referrals)(?: again)?\b",
        r"(?<!i'll )(?<!i will )\bturn (?:them|it|(?:my |the |her |his |their )?(?:paid |new )?(?:referrals|leads))"
        r" back on\b"
        r"(?! (?:when|once|after)\b)",  # not "I'll turn referrals back on when I'm home on the 4th"
        r"\bpueden mandarme (?:los )?(?:referidos|referrals|leads)(?: (?:again|otra vez|de nuevo))?\b",
        r"\b(?:don'?t|do not|no need to) (?:hold|pause) (?:my |the )?(?:referrals|leads) any ?(?:longer|more)\b",
        r"\bopen the (?:floodgates|flood gates|faucet|tap)\b",
        r"\bquit(?:ame|enme|en|ar|en) la pausa\b|\b(?:ya )?estoy activ[oa] (?:de nuevo|otra vez)\b",
        r"\bhit me (?:up )?(?:with|w) (?:leads|referrals|offers)\b|\b(?:vacation|trip|leave)'?s? over\b",
        r"\b(?:not|no longer) (?:out )?(?:on vacation|away|out of (?:town|the office)|on (?:(?:maternity|paternity"
        r"|medical|family|sick) )?leave)"
        r"(?: anymore| any more)?\b",
        r"\bprend(?:anlo|anlos|elo|an) (?:otra vez|de nuevo)\b",
        r"\bvolver a (?:enviar|mandar)(?:le|les|me|nos)? (?:los )?referidos\b",
        r"\bsend (?:me )?(?:the )?(?:referrals|leads) again\b",
        r"\b(?:start|begin|resume) sending (?:me |her |him |us |my )?(?:the )?(?:referrals|leads|offers)(?: again|"
        r" back)?\b",
        r"\b(?:i'?m|i am|we'?re|she'?s|he'?s) back (?:in the office|from (?:vacation|leave|my trip|the trip))\b",
        r"(?<!i'll )(?<!i will )\bturn(?:ing)? (?:it|them|everything|(?:my |the )?(?:referrals|leads|offers)) back on\b"
        r"(?! (?:when|once|after)\b)", r"\breactiv\w*",
        r"\bturn on (?:my |the )?(?:referrals|leads|offers)\b",
        r"\bya no estoy de vacaciones\b", r"\b(?:mandenme|envienme|mandame) referidos (?:otra vez|de nuevo)\b",
        r"\bturn (?:the |my )?(?:[a-z]+ ){0,2}?(?:faucet|tap|spigot|firehose|flow|pipeline|switch) back on\b",
        r"\b(?:done|finished) with (?:my )?(?:vacation|leave|the trip|my trip)\b", r"\bvacation is over\b",
        r"\bresumir\b", r"\bresume (?:sending|the (?:referrals|leads|offers)|my (?:referrals|leads|offers))\b",
        r"\b(?:cancel|end|remove|lift|undo) (?:my |the )?pause\b", r"\b(?:start|begin|resume) sending again\b",
        r"\bback from (?:vacation|my vacation|vacaciones|my trip|the trip|leave|maternity leave|paternity leave"
        r"|medical leave|holiday|the holidays)\b",
        r"\b(?:vuelvo a estar|ya estoy) disponible\b",
        r"\b(?:begin|start) receiving (?:referrals|leads|offers) again\b",
        r"\breturned from (?:my )?(?:leave|vacation|maternity leave|paternity leave|medical leave|the trip|my trip)\b",
        r"\bdisponible (?:otra vez|de nuevo)\b",
        r"\b(?:puedo|quiero) recibir (?:referidos|leads|ofertas)\b",
        r"\b(?:can|ready to) (?:take|receive|get) (?:referrals|leads|offers) again\b",
        r"\bestoy de (?:vuelta|regreso)\b",
        r"(?<!\bno )(?<! de )\b(?:pueden |puedes )?(?:mandarme|enviarme|mandarnos|enviarnos) (?:referidos|leads"
        r"|ofertas)\b",
        r"^(?:resume|unpause|un-pause)\b", r"\bunpause (?:me|my (?:account|referrals|leads))\b",
        r"\b(?:go ahead and|please|pls|ok|okay|now|so) (?:unpause|un-pause)\b", r"\boff (?:the )?pause\b",
        r"\bresume (?:my |sending |the )?(?:offers|referrals|texts|leads)\b",
        r"^(?:i'?m|i am|we'?re|we are) back\b",
        r"^back\b(?! to (?:the drawing board|square one|looking|the search|searching|touring|house hunting"
        r"|the market)| when\b| then\b| in the day\b| in (?:19|20)[0-9]{2}\b)",  # not "back when you shook hands"
        r"(?<!i'll )(?<!i will )\bturn (?:my )?(?:referrals|leads) back on\b(?! (?:when|once|after)\b)",
        r"\bstart sending (?:me )?(?:referrals|leads|offers)\b", r"\b(?:i'?m|i am) available again\b",
        r"(?<!when i'm )(?<!when im )(?<!until i'm )(?<!till i'm )\bready for (?:referrals|leads|more)\b",
        r"\breanud\w*", r"\b(?:start|resume) routing (?:referrals|leads|them)\b",
        r"\b(?:pueden|puede|podrian|podria)n? volver a (?:mandar|enviar)(?:me|nos|le|les)? (?:los )?(?:referidos|leads"
        r"|referencias|referrals)\b",
        r"\b(?:start|resume) sending (?:them|referrals|leads|me referrals|me leads)(?: again)?\b",
        r"\bactiv(?:enme|ame|en)(?: otra vez| de nuevo)? (?:los |mis )?referidos\b", r"\btake me off (?:hold"
        r"|pause)\b", r"^ya (?:volvi"
        r"|regrese|estoy de vuelta)\b",
        r"\bestoy de vuelta\b",
        r"\bactiv(?:enme|ame)(?: otra vez| de nuevo)\b|\bestoy list[ao] para volver\b",  # "Ya nació el bebé ..."
        r"\b(?:manden|envien)(?:me)? (?:mas )?referidos cuando (?:quieran|gusten)\b",  # "ya me recuperé ..."
        # "Ya regresó la licenciada Ríos de sus vacaciones, ya pueden volver a mandarle referidos"
        r"\b(?:regreso|regrese|regresamos|regresaron|volvio|volvi|volvimos|volvieron) (?:[a-z]+ ){0,3}de (?:sus |mis "
        r"|las |nuestras )?vacaciones\b",
        r"\bstart again (?:to )?send(?:ing)? (?:me )?(?:the )?(?:new )?(?:clients|referrals|leads)\b",
    )),
    ("pause", (
        r"\bhold (?:them|it all|everything|my referrals) (?:until|till|til) then\b",  # "I won't be needing any new
        # referrals through Saturday ... Please hold them until then."
        r"\bmake it (?:til|till|until|thru|through)\b",  # "I told you hold til Dec 15 but make it til the 6th"
        r"\bno (?:new |further |additional )?referrals be sent\b",  # "I respectfully request that no new referrals be
        # sent to me until December 7"
        r"\bextend (?:the |my )?(?:hold|pause)\b",  # "Please extend the hold through 12/14"
        r"\bput (?:me|[a-z]+) on hold (?:for|from|on) (?:new |any )?(?:leads|referrals|offers)\b",
        r"\bno (?:enviarme|mandarme) (?:mas )?referidos\b", r"\bbench me\b", r"\bput me on the bench\b",
        r"\bplease no send (?:me )?(?:any |more |new )?(?:referrals?|leads?)\b",  # "please no send referral until
        # 12/10"
        r"\bno (?:mas|me manden|me mandes|me envien) (?:mas )?(?:referidos|referencias|leads)\b(?= por (?:ahora|un"
        r" tiempo|el momento|unos dias|unas semanas)\b| hasta\b)",  # "no más referidos por ahora, me operan el jueves"
        r"\bhold (?:anything|everything|all) (?:new|incoming)\b",  # "slow the referrals down and hold anything new"
        r"\bparen (?:los envios|los referidos|de (?:enviar|mandar))\b",  # "Paren los envíos por dos semanas"
        r"\bhold off on (?:the |my |any )?(?:paid |new )?(?:leads|referrals|ones|offers)\b",
        r"\brefrain from sending (?:me )?(?:new |any |further )?(?:referrals|leads)\b",
        r"\bsuspend\w* (?:temporalmente )?(?:el envio de )?(?:nuevos |los |mis )?referidos\b",
        r"\b(?:frena|frene|frenen|frenale|pare|paren) (?:los|mis) referidos\b",
        r"\bstop (?:sending )?(?:me )?(?:the )?new (?:ones|referrals|leads|offers)\b(?=[^.!?]*\bkeep\b)",
        r"^(?:please |pls )?(?:hit|pump|put) the brakes?(?: on (?:my |the )?(?:referrals|leads))?"
        r"(?= (?:for|until|till|thru|through)\b)",
        r"\b(?:don'?t|do not) send (?:me )?(?:anything|any(?: more| new)? (?:referrals|leads|offers|ones))"
        r"(?= (?:for|until|till|thru|through|this|next|over)\b)",
        r"\bno me (?:envi|mand)\w* (?:mas )?referidos (?:por|hasta|durante)\b",
        r"^hold (?:hasta|until|till|thru)\b",
        r"\b(?:pausadme|paradme|suspendedme|pausadnos)\b", r"\bpause(?:is|n) (?:mis|los|mi)\b",
        r"\bni un (?:referido|lead|cliente) mas\b", r"\bgive me a (?:breather|break|breath)\b",
        r"\b(?:denme|dame|deme) un (?:respiro|descanso|break) (?:con|de) (?:los |mis )?(?:referidos|leads)\b",
        r"\bsnooze (?:me|my (?:referrals|leads|account)|referrals|leads)\b",
        r"\bhasta [^.!?]{1,30} no quiero (?:mas )?(?:referidos|referencias|leads)\b",
        r"\bhold (?:all |the |my )?(?:new |paid )?(?:referrals|leads|ones)\b",
        r"\bhold (?:all |the |my )?new (?:referral|lead)\b",  # "please hold the new referral for 2 weeks"
        r"\bno (?:new )?(?:leads|referrals|referidos) (?:pls|please|plz|por favor|porfa)\b",  # "... no leads pls"
        r"^paused? (?:pls|please|plz)\b",
        r"^pause (?:the |our |my )?(?:whole |entire )?(?:team|office|group|account)\b",
        r"\b(?:favor de |por favor )?no (?:me |nos )?(?:envien|enviarme|enviarnos|mandarme|mandarnos|manden|mandes"
        r"|envies) (?:mas )?(?:nuevos |nuevas )?(?:referidos|referencias|leads|referrals|referals|clientes)\b"
        rf"(?!{_FROM_ONE_PLACE})",  # not "no me manden leads de Hialeah": which ones
        r"\bno (?:me |nos )?(?:envien|manden|mandes|envies|mandeis|envieis) (?:nuevos|nuevas|mas|otros|otras|nada"
        r"|referrals|referals)"
        r" (?:hasta|por|x|durante|este|esta|en lo que)\b",  # "no me manden nuevos hasta el 15 de diciembre"
        r"^sin (?:referidos|referencias|leads|clientes nuevos) (?:por|hasta)\b",
        r"\bput a pin in (?:new )?(?:referrals|leads)\b",
        r"\bkeep (?:me|my (?:account|referrals|leads)) (?:paused|on hold|off)\b",
        r"\b(?:hit|pump|put) the brakes on (?:new |any )?(?:referrals|leads|offers)\b",
        r"\bcongel\w* (?:las|mis|los) (?:referencias|referidos)\b",
        r"\b(?:just )?pausing (?:for|until|till|thru|through|over)\b(?! (?:lunch|dinner|breakfast|coffee|a (?:sec"
        r"|second"
        r"|minute|moment|bit|quick)))",
        r"\bno new ones\b",
        r"\bhold (?:mis|my|los|the) (?:referidos|referrals|leads)\b",
        r"\b(?:stop|quit) sending\b[^.!?\n]*\b(?:for now|for a (?:bit|while|few)|temporarily|until|till|thru"
        r"|through)\b",
        r"\b(?:please )?(?:don'?t|do not) send (?:me|him|her|us) (?:any )?(?:new )?(?:referrals|leads)\b",
        r"^pausing\b(?! to (?:say|tell|thank|let|ask))(?! for (?:lunch|dinner|breakfast|coffee|a (?:sec|second|minute"
        r"|moment|bit|quick)))",
        r"\bneed a break (?:from (?:referrals|leads|offers)|for|until|till)\b",
        r"\b(?:i'?m|i am|i'?ll be|i will be) (?:off|out|gone|unavailable|offline)\b.*\b(?:until|till|thru|through)\b",
        r"\bhold (?:everything|it all) (?:for|until|till|thru|through)\b",
        r"\bhold all (?:my )?(?:referrals|leads|offers)\b",
        r"\bpause\b(?! (?:the|a|this|that|our|their|his|her) (?!referrals|leads|offers|texts|messages))",
        r"(?<!your )(?<!nice )(?<!good )(?<!great )(?<!from )(?<!after )(?<!with )"
        r"(?<!regreso de )(?<!volvio de )(?<!back from )\bvacation\b(?! was| is over| photos| pics|'?s over)",
        r"\bout of (?:the )?office\b", r"^ooo\b", r"\btak(?:e|ing) a break\b",
        r"\bput me on ice\b",
        r"(?<!don't )(?<!dont )(?<!do not )\b(?:take|put|pull) me (?:off|out of) (?:the )?"
        r"(?:rotation|lineup|queue|list)\b"
        r"(?! for [^.!?\n]{0,30}\bonly\b)",
        r"\bput (?:my account|my referrals|my leads|me) on hold\b", r"\bon hold (?:until|till|thru|through)\b",
        r"\bon leave\b", r"(?<!back from )(?<!back from my )(?<!returned from my )(?<!returning from my )"
        r"\b(?:maternity|paternity|medical|family) leave\b", r"\bput me on hold\b",
        r"\bhold (?:my |all |the |any |his |her |their )?(?:new )?(?:referrals|leads|offers)\b",
        r"\bhold(?:ing)? off (?:on )?(?:new |any )?(?:sending|the (?:referrals|leads)|referrals|leads|ones|any"
        r"|anything|until"
        r"|till|for)\b",
        r"\bstop sending (?:me )?(?:any )?(?:new |more )?(?:referrals|leads|offers)\b"
        r"(?=.*\b(?:for now|for a (?:bit|while|few)|temporarily|right now"
        r"|for (?:a|one|two|three|[0-9]+) (?:day|week|month)s?)\b)",
        r"\bno me (?:mandes|manden|envies|envien) (?:nada|na|referidos|referencias|leads)\b"
        rf"(?!{_FROM_ONE_PLACE})",
        r"\baguant(?:en|a|ar) (?:los |mis )?(?:leads|referidos)\b",
        r"\b(?:paren|pausen|detengan|suspendan|deten) (?:los |mis |sus )?(?:referidos|leads|referencias)\b",
        r"\bsuspend (?:all |my |our |the |new |any )*(?:referrals|leads|offers)\b",
        r"\bsuspend\w* (?:temporalmente )?el envio de (?:los |mis )?(?:referidos|referencias|leads)\b",
        r"\bno (?:more |new )?(?:referrals|leads|offers) (?:until|till|til|thru|through|for)\b",
        r"\b(?:no longer want|don'?t want) (?:any )?(?:more |new )?(?:leads|referrals|offers) (?:until|till|til"
        r"|thru|through)\b",
        r"\bstop sending\b.*\b(?:until|till|thru|through)\b",
        r"\bdon'?t send (?:me )?(?:any )?(?:more |new )?(?:referrals|leads|offers)\b",
        r"\bdon'?t send (?:me )?anything(?: new)?\b.*\b(?:until|till|til|thru|through)\b", r"\bhold everything\b",
        r"\b(?:out of town|travell?ing|away)\b.*\b(?:until|till|thru|through)\b", r"^away$",
        r"^(?:fuera|ausente|de viaje)\b.*\bhasta\b",
        r"(?<!esta en )(?<!estan en )(?<!queda en )(?<!quedo en )(?<!sigue en )\bpaus(?:a|ar|en|an|ame|enme|ale|enle)\b"
        r"(?! (?:la|su) (?:busqueda|compra|venta|mudanza))",  # not "Mi clienta quiere pausar la búsqueda"
        r"(?<!de sus )(?<!de mis )(?<!de las )(?<!regreso de )(?<!regrese de )(?<!volvio de )(?<!volvi de )"
        r"\bvacaciones\b", r"\bno me mandes (?:referidos|leads)\b",  # not "El cierre del 6675 está en pausa": the deal
        # "Pongan mi cuenta en hold por favor"
        r"(?<!no me )(?<!no )\b(?:pongan|ponga|ponme|pongame|ponganme|poner)(?: mi cuenta| mis referidos| mi perfil)?"
        r" en (?:on )?"
        r"(?:hold|pausa)\b",
    )),
    ("status", (
        # "did anyone get 7420 yet or am i still in line"
        r"\bam i still in line\b|\bdid (?:anyone|somebody|someone) (?:else )?(?:get|take|claim)"
        r" (?:it|that one|this one)? ?yet\b",
        # "Can you remind me what I've got open with y'all?", "am I still holding 3307 or did it get reassigned"
        r"\bremind me (?:what|which)(?: referrals?| leads?)? (?:i'?ve got|i have|i got|i'?m holding|is) (?:open|active"
        r"|still open|going)\b",
        r"^am i still (?:holding|assigned to|the agent (?:on|for))\b",
        # "¿Me pueden decir cómo aparece el referido 3307 en su sistema?"
        r"\bcomo (?:aparece|sale|esta|figura) (?:el|la|mi) (?:referido|referencia|lead)\b(?:[^?]{0,20}\ben (?:su|el)"
        r" sistema\b)?",
        # "did 5518 get marked closed? ... it still shows open on my end"
        r"\bdid (?:it |that one |my (?:sale|report|closing) )?get (?:marked|recorded|updated|logged)\b",
        r"\bwhich referrals? (?:i|do i) have (?:open|active|still open)\b",  # "Which referral I have open now?"
        r"\bhow many (?:of my )?referrals (?:are|do i have) (?:still )?(?:open|active)\b",
        r"^where is (?:the |my )?(?:referral|lead)(?: now)?$",  # "Where is referral 3390 now?"
        r"\bel estado (?:actual )?(?:del|de la|de mi) (?:referido|referencia)\b",
        r"\bhow many (?:referral|referrals|leads?) (?:i|do i) (?:have|got)\b",  # "How many referral I have open now?"
        r"\bresumen de (?:los|mis) referidos\b|\blos referidos que tengo (?:activos|abiertos|pendientes)\b",
        r"\bwhich (?:ones )?of mine (?:are|is) (?:still )?(?:open|active|pending)\b",
        # "which of my paid leads are still open?"
        r"\bwhich (?:ones )?of my (?:[a-z]+ )?(?:referrals|leads|referidos) (?:are|is) (?:still )?(?:open|active"
        r"|pending)\b",
        r"^what'?s going on with (?:my |the )?(?:referral|lead|referido)\b",  # "whats going on with my referral 2208"
        # "Where are we on this one? Not sure if it's mine" (not "where are we with the Nguyen loan?")
        r"^where are we (?:on|with) (?:this|that|it|the|my)\b(?! [a-z]+ (?:loan|appraisal|inspection|offer|counter"
        r"|closing|title|lender)\b)",
        r"^(?:bro |hey |yo |ok )where are we(?: at)? (?:on|with)$",  # "bro where are we on 4107?"
        r"\b(?:whether|if) (?:it |this |that |this one )?(?:shows|is showing|is marked|shows up) (?:as )?(?:closed|sold"
        r"|open|active|pending)\b",  # "can you tell me whether 2915 shows as closed on your end?"
        r"\bany (?:agents|takers|one|body) interested in\b",  # "any agents interested in 3391 yet?"
        r"^como (?:van|va) (?:el|la)(?: y (?:el|la))?$",  # "¿cómo van el 7204 y el 7211?", its codes set apart
        r"^(?:klk|qlq|que lo que|q lo q|que hubo|q hubo|que hay|que paso|que onda) con (?:la|el|mi)(?: referido"
        r"| referencia"
        r"| lead)?\b",  # "Klk con la 7012?", "klk con el referido 9021 que yo mandé?"
        r"^(?:what'?s|whats|what is) the (?:latest )?status (?:on|of|for)\b",  # "whats the status on 7150 did ..."
        r"^en que (?:esta|anda|va|quedo) (?:eso|esa|ese|la|el)$",  # "¿En qué está eso?"
        r"\bwhat (?:do )?(?:you|u|y'?all) (?:have|show|got) (?:for|on)(?: (?:referral|ref|lead))?$",  # "... for 6671?"
        r"^where(?:'s| is) (?:it |that one |this one )?at\b",
        r"\bhas (?:anything|something) happened (?:with|on)\b",
        r"\bconfirm (?:the )?(?:current )?status of\b",
        r"\b(?:was|did) i (?:get )?(?:awarded|assigned|picked|chosen|selected)\b",
        r"\bdid i get (?:it|the referral|that one)\b",
        r"\bhow many (?:referrals |leads )?(?:do i have|have i got|are|i have|do i still have) (?:still )?open\b",
        r"\bwhat'?s (?:its|it'?s|the) status\??$",  # "not sure if 2981 is still open on my end? what's its status"
        r"^que paso con (?:la|el)\b",
        r"\bdo you (?:show|have) (?:it |this |that |this one )?(?:as |marked as |down as )(?:closed|sold|open"
        r"|active)\b",
        r"\bstatus on both\b",
        r"\bwhere we are on\b", r"\bwhat (?:do|does) (?:i|we) (?:even |still |currently )?have open\b",
        r"\bcomo va (?:la|el)$",
        r"\bany of my (?:referrals|leads) (?:still )?(?:open|active|pending)\b",
        r"\b(?:current |latest )?status of (?:referral|the referral|lead|the lead)\b",
        r"\blist of (?:every|each) (?:referral|lead)\b",
        r"\bany movement on\b", r"\bwhich ones are (?:still )?open\b",
        r"\bany (?:word|news|updates?) (?:on|about)$",  # "any update on #3390?"
        r"\b(?:did|has)(?: it)? (?:already )?(?:go|gone) to (?:someone|somebody|another agent)\b",
        r"\bany (?:word|news|updates?) (?:on|about) (?:the |my |our )?(?:referral|lead)s?\b",
        r"\bdid (?:anyone|anybody|an agent) (?:pick (?:it|this|that) up|claim (?:it|this|that))\b",  # a sender asks
        r"\bwhat'?s on my plate\b",
        r"^como va (?:la|el)$", r"\bcomo (?:esta|anda) (?:la|el)(?: referencia| referido)?(?: en el sistema)?$",
        r"\b(?:que|cuales) (?:referrals|referidos|leads) tengo\b",
        r"^where'?s(?: it| this| that| referral)? at$",
        r"\bwhat(?:'s| is) (?:happening|going on) with (?:referral|the referral|my referral|lead)$",
        r"^what(?:'s| is) (?:happening|going on) with$",
        r"\ben (?:que|q) (?:va|esta|anda|quedo) (?:el|la|ese|esa|este|esta) (?:referido|referencia|referral|lead"
        r"|cliente)\b",
        r"^en (?:que|q) (?:va|esta|anda|quedo) (?:el|la) (?:que|y)\b",
        r"^en (?:que|q) (?:va|esta|anda|quedo) (?:el"
        r"|la)$",
        r"^where are we(?: at)? (?:on|with)(?: (?:this|that|it|the referral|the lead|referral))?$",
        r"\b(?:estatus|estado|status) del?$", r"\b(?:estatus|estado|status) de (?:mi|mis|la|el)\b",
        r"\bcuantos (?:referidos|leads|referencias) tengo\b", r"\b(?:give|send"
        r"|get) me (?:an |a quick )?(?:update|status) (?:on|for)\b",
        r"\bwhich (?:ones|referrals|leads) (?:have|did) i (?:bought|buy|purchased|purchase|claimed|claim)\b",
        r"\blist of (?:(?:[a-z]+ )?[a-z]+'s |my |his |her |our )?(?:all )?(?:the )?open (?:referrals|leads)\b",
        r"\bwhat does your (?:system|end|site|dashboard) (?:show|say)\b",
        r"\blist of (?:all )?(?:the )?(?:open )?my (?:open )?(?:referrals|leads)\b",  # "open referrals for Brian"
        r"\banything (?:for me|new for me)\b",
        r"\b(?:any|what) (?:referrals|leads|offers) (?:waiting|for me|pending|open)\b",
        r"^status\b(?! (?:update )?(?:on|of|for) (?:my|our) (?!referrals|leads|offers))",
        r"\bstatus (?:update )?(?:of|on|for)(?: (?:my (?:referrals|leads|offers)|referral|lead|(?:the|this"
        r"|that) (?:referral|lead"
        r"|buyer|seller|client|deal|one)s?|it|this|that|everything|all|#))?(?: for me| on your end| in your system)?$",
        r"\bcheck (?:on )?(?:the )?status\b",
        r"(?<!figuring out )(?<!figure out )(?<!working out )(?<!seeing )(?<!see )(?<!let you know )(?<!tell you )"
        r"(?<!go over )(?<!went over )(?<!going over )(?<!explain )(?<!explained )"  # "a sit-down to go over where
        r"\bwhere (?:do )?(?:things"
        r"|we) stand\b",
        r"\bwhere (?:does|do) (?:it |this |that |this one |that one |these |those |they |things |referral "
        r"|the referral "
        r"|the lead |lead )?"
        r"stand\b",
        r"\bwhere (?:and |both |they |these |those |all )?stand (?:on your end|in your system|now|today)\b",
        r"\bwhere (?:do |does )?(?:both|all) stand\b",  # the codes taken out: "where do 3512 and 3519 stand"
        r"\b(?:tell me|know) where (?:is|are|both are) at\b",
        r"(?<!can't tell you )(?<!cant tell you )(?<!cannot tell you )\bwhere (?:it |this |that "
        r"|(?:the |my |our |this |that )?(?:referral|lead|deal|file|one) )?"
        r"(?:currently "
        r"|now )?"
        r"stands\b",
        r"\ben (?:que|q) (?:estado|status|estatus) (?:esta|va|anda|se encuentra|aparece)\b",
        r"\bwhat(?:'?s| is) (?:still )?open\b", r"\b(?:que|cuales) (?:referidos|leads) tengo\b",
        r"\bmy (?:open |active |current |pending )?(?:referrals|leads|offers)$", r"\bmy status\b",
        r"\bmy (?:open|active|current|pending) (?:referrals|leads|offers)\b",
        r"\banything open\b", r"(?<!get )(?<!gets )(?<!got )\b(?:which|what) (?:leads|referrals|offers)\b",
        r"\b(?:leads|referrals) am i\b", r"\bwhat(?:'ve| have) i got (?:still )?open\b",
        r"\b(?:leads|referrals) (?:do )?(?:i|we) (?:have|got) (?:still )?open\b",
        r"\bwhat do i have right now\b", r"\bdo i have any (?:open )?(?:referrals|leads)\b",
        r"\blist my\b(?! own\b| (?:home|house|condo|place|property)\b)", r"^estado\b",
        r"\bhow many (?:referrals|leads|offers) (?:do )?i (?:have|got)\b",
        r"\bwhat do i (?:still )?have (?:going|open|active|pending)\b",
        r"\bcuales tengo\b", r"\b(?:que|cuales) (?:referencias|referidos|leads) tengo\b",
        r"\b(?:tell|give|send) me (?:the |a )?status\b",
        r"\b(?:which|what) (?:ones|referrals|leads) do i (?:still )?have(?: open| active| pending)?\b",
        r"\bcomo va (?:el|la|mi) (?:referido|referencia|lead)\b",  # "Cómo va mi referido 5573?"
        r"\bwhat status do (?:you|u|y'?all) have\b",
        r"\b(?:estatus|estado|status) (?:del?|de la) (?:referido|referencia|lead)\b",
        r"\ben (?:que|q) quedo (?:el|la|lo)\b",
        r"\blista de (?:mis|los|las) (?:referencias|referidos|leads|referrals)\b",
        r"\bmis (?:referencias|referidos|leads) (?:abiert[oa]s|activ[oa]s|pendientes)\b",
        r"\b(?:still )?have (?:a couple|some|any|a few) open\b", r"\bwhich (?:of )?my (?:referrals|leads)\b",
        r"\blist of (?:all )?(?:the |my |his |her )?(?:open |active |pending )?(?:referrals|leads|offers)\b",
        r"\b(?:referrals|leads|offers) (?:currently |still )?assigned to me\b",
        r"\bstill assigned to me\b",
        r"\b(?:open|active|showing|pending|assigned|outstanding)(?: [a-z]+){0,2} under my name\b",
        r"\bwhat'?s still (?:active|open)\b",
        r"\brundown of (?:which|my|the)\b",
        r"\b(?:referrals|leads|offers) (?:that )?i (?:currently |still )?(?:have|hold)\b(?! (?:received|gotten|got|been"
        r"|had|seen|taken|claimed|closed|sent|lost|worked|bought|paid)\b)",
        r"(?<!pausar )(?<!pausen )(?<!pausa )(?<!paren )(?<!detengan )(?<!suspendan )(?<!mandar )(?<!manden )"
        r"(?<!enviar )(?<!envien )\bmis referidos\b", r"\bque (?:referidos |leads )?(?:tengo|tiene) abiertos?\b",
    )),
    ("help", (
        r"\bexplain (?:the )?(?:available )?(?:reply|response) options\b",
        # "What's the process for returning a lead ...?", "I replied SOLD to the wrong referral, how do I fix that??"
        r"\bwhat'?s the process for\b",
        # "What's the reply to put referrals on hold? Is it PAUSE or HOLD?"
        r"\bwhat(?:'?s| is) the (?:right |correct |magic )?(?:reply|keyword|command|response) (?:to|for)\b",
        r"\bhow (?:do|can) i (?:fix|undo|change|correct) (?:that|this|it|my|a|the)\b",
        r"\bis there a (?:specific |particular )?(?:word|keyword|code) i should (?:reply|use|text|send)\b",
        # "What do the different replies mean?", "How exactly am I supposed to report a lead through this thing?"
        r"\bwhat do (?:the |these |all the )?(?:different |various )?(?:replies|responses|reply words|keywords"
        r"|words|options|codes|commands) (?:even )?mean\b",
        r"\bhow (?:exactly )?am i supposed to (?:report|reply|answer|respond|use)\b",
        r"\bdo i (?:reply|answer|respond) with (?:just )?the (?:word|keyword|code|number)\b",
        # "is there a way to stop getting referrals for a couple weeks ...?"
        r"\bis there (?:a|any) way to (?:pause|hold|stop getting|stop receiving|take a break|put (?:my |the )?"
        r"(?:referrals|leads|account) on hold)\b",
        r"\bdo (?:you|u) (?:guys |all )?have (?:a|an) (?:vacation|away|pause|out of office|ooo) (?:mode|setting|option"
        r"|button)\b",  # "Do you guys have a vacation mode? going on a cruise next month"
        r"\bque pasa si (?:contesto|respondo|pongo|mando)\b",
        r"\bwhen (?:do|should) i (?:reply|send|text|mark|report|answer)\b",  # "When do I reply SOLD - at contract or"
        r"\bhow (?:do|can) i (?:set|put in|schedule|make) a pause\b",  # "how do I set a pause with an end date?"
        r"\b(?:does|will|would) (?:replying |texting |sending )?(?:stop|unsubscribe) (?:also |just |only )?(?:stop|work"
        r"|cancel|remove|unsubscribe|apply|cover|include|turn off)\b",  # "does STOP also stop the emails?"
        r"\bhow (?:do|can) i (?:claim|reply|respond|report|pause|use|buy|get started|accept|agree|update|mark)\b"
        r"(?! (?:my|our) (?:profile|photo|picture|headshot|bio|website|listings?)\b)",  # our contact details: below
        r"\bhow (?:do|can) i pass on (?:one|a referral|a lead|it|them|these)\b",
        r"^how (?:do|can|would) i (?:do|set up) (?:that|this|it)$",  # "Thinking about pausing ..., how do I do that?"
        r"\bwhat (?:do|does) (?:i|he|she|we|they) (?:need|have) to (?:reply|text|send|say|type|answer)\b",
        r"\b(?:que|como) (?:tengo que|debo|hay que) (?:contestar|responder|poner|escribir|mandar)\b",
        r"\bhow (?:do|can) i (?:undo|change|cancel|take back|fix) (?:a|my|the|that) (?:reply|answer|response)\b",
        r"\bwhat (?:words|replies|commands|keywords|answers) (?:does|do|can|will) (?:your|the) (?:system|bot"
        r"|network)\b",
        r"\bwhich (?:responses|replies|words|commands|answers) (?:your|the) (?:system|bot) (?:accepts|understands"
        r"|takes)\b",
        r"\bwhat (?:exactly |actually |really )?happens (?:if|when) (?:i |we )?(?:reply|text|send|hit|type|respond)\b",
        r"\bwhat (?:we|i|he|she) (?:can|should) (?:reply|answer|respond|text)\b|\bwhat each (?:option|reply"
        r"|one) (?:does|means)\b",
        # not "whether they'd need help with an estate sale"
        r"(?<!they )(?<!they'd )(?<!he )(?<!she )(?<!he'd )(?<!she'd )(?<!would )(?<!will )(?<!clients )"
        r"\b(?:i )?need (?:some )?help\b(?! with (?:an? |the |their |his |her )?(?:estate|mov|pack|stag|clean|repair))",
        r"\bnecesito ayuda\b",
        r"\bwhat are (?:my|the) options\b", r"\bwhat (?:can|do|should) i (?:text|reply|send|say|type|answer)\b",
        r"\b(?:what are|list) the commands\b", r"\bhow (?:does|do) (?:this|it)(?: all| even)? work\b",
        r"\bhow (?:do|does) (?:these|the|your) (?:texts|messages|emails|replies|referral texts) work\b",
        r"\b(?:a |some |any )?(?:list|sheet|page) of (?:instructions|commands|replies|the words)\b"
        # "Is there some list of instructions you could send me?"
        r"(?= (?:you (?:could|can|might|would)|i (?:can|could)|to (?:follow|use))\b)",
        r"\bhow do i (?:use|do) (?:this|it)\b",
        r"\bwhat can i (?:text|reply|send|say|type|answer)\b", r"^ayuda\b", r"\bcomo funciona\b",
    )),
    ("agree", (
        r"\bacepto en nombre de (?:mi|la|el|nuestro|nuestra) (?:broker|corredor|oficina|empresa)\b",
        r"\b(?:i|we) (?:am|are) agree (?:with|to)\b",  # "I am agree with the fee for #7731"
        # "25% sounds fair to me, happy to agree" (not "glad to AGREE once I see the written agreement")
        r"\b(?:happy|glad) to agree(?: to (?:it|that|the (?:terms|fee|split)))?[.!]*(?: ok)*$",  # "... 👍"

        r"^agre$", r"\bshake on it\b", r"^deal on\b", r"^aceptamos\b",
        r"\b(?:good|fine|ok|okay|cool|all good) (?:with|w) (?:the )?[0-9]{2}(?: ?%| percent)?(?: on| for|$)",
        r"\b(?:we|i) (?:hereby )?agree to (?:the|your|these|those) terms\b",
        r"\b(?:we are|we'?re|i am|i'?m) (?:comfortable|fine|ok|okay|good) with the (?:terms|fee|split|agreement)\b",
        r"(?<!no )\b(?:estamos|estoy) de acuerdo con el [0-9]{1,2} ?%",  # not "No estoy de acuerdo con el 35%"
        r"\b[0-9]{1,2} ?% (?:me |nos )?(?:parece|queda|esta) (?:bien|perfecto|justo|ok)\b"
        r"|\b(?:me|nos) parece (?:bien|perfecto|justo) el [0-9]{1,2} ?%",
        r"\b(?:acepto|aceptamos) (?:el|la) [0-9]{1,2} ?(?:%|por ?ciento)",
        r"(?<!no )(?<!no estoy )(?<!no estamos )\bde acuerdo con el (?:[0-9]{1,2} ?(?:%|por ?ciento)"
        r"|[a-z]+ (?:por ?ciento|%))",  # dictated, unpunctuated: "disculpen los errores de acuerdo con el veinticinco"
        r"\bconsider this my (?:john hancock|signature)\b",
        r"\b(?:estoy|estamos) conformes? con (?:el|los|la)\b",
        r"\bmark me (?:down )?as agreed\b", r"\b(?:fine|good|ok|okay|works),? agreed\b", r"\bregistr\w* que acepto\b",
        r"\bconsider it (?:inked|signed|done)\b",
        r"\b(?:good|fine|ok|okay|cool) with the [0-9]+ ?%? (?:split|fee|percent)\b",
        r"\byes to (?:the |your )?(?:[0-9]+ ?% )?(?:referral )?(?:fee|split|terms|agreement)\b",
        r"\b(?:record|log|note)(?:ing)? my (?:agreement|acceptance)\b",
        r"\b(?:agrees|agreed) to (?:the |your )?(?:[0-9]+ ?% )?(?:referral )?(?:fee|split|terms|agreement)\b",
        r"\bput me down as signed\b",
        r"^(?:(?:yes|ok) )?(?:i |we )?agree[sd]?\b", r"\b(?:and|so) (?:i|we) agree[.!]*$",  # "got it and I agree"
        r"\bagreed$", r"(?<!no )\bestoy de acuerdo\b",
        r"^de acuerdo con\b", r"\bconsider it signed\b", r"\b(?:fee|split|terms|agreement) accepted\b",
        r"^signed\b(?! (?:the |a |an |our |their )?(?:contract|purchase|offer|lease|listing|p ?& ?s|psa|closing|docs"
        r"|disclosures|with|up|off)\b)",
        r"(?<!how the )(?<!how )\b[0-9]+ ?%(?: (?:por|on|for)(?: la| el)?)? (?:works|is fine|is ok|sounds (?:good|fine)"
        r"|it is"
        r"|es(?:ta)? bien)\b", r"\bgot a deal\b",
        r"\bacepto (?:el |la )?[0-9]+ ?(?:%|por ?ciento) ?(?:de )?(?:comision|fee|tarifa|honorario)",
        r"\b(?:fine|ok|okay|good) (?:by|with) me on the (?:[0-9]+ ?% )?(?:referral )?(?:fee|split|agreement|terms)\b",
        r"\baccept (?:the |your )?(?:[0-9]+ ?%? )?(?:referral )?(?:agreement|terms|fee|split)",
        r"\bacepto (?:la|el|los|las) (?:comision|fee|tarifa|honorario|terminos|condiciones|acuerdo)",
        r"\bacepto (?:el |la )?[a-z]+ (?:por ?ciento|%)",
        r"^(?:de acuerdo,? |ok,? |vale,? )?acepto (?:el|la) [1-5][0-9][.!]*$",  # "de acuerdo acepto el 25": the fee
        # "We have reviewed the terms and agree to the 30% referral fee on this one"
        r"\b(?:i|we|and) (?:hereby )?agree to (?:the|your|a) (?:[0-9]+ ?% )?(?:referral )?(?:fee|terms|split"
        r"|agreement)\b",
        r"\bthe [0-9]{1,2}(?: ?%)? (?:is|works|sounds) (?:fine|good|ok|okay)(?: (?:by|with|for) me)?\b",  # "the 25 is"
        r"\bcount me in on the (?:fee|split|terms|agreement)\b",
        r"\bsigning off on (?:it|that|the (?:fee|agreement|terms))\b",
        r"\bcuenten conmigo (?:con|en|para) (?:lo del |el )?(?:fee|porcentaje|acuerdo|comision)\b",
        r"\b(?:i|we)(?:'ll| will)? agree to (?:the |your |a )?[0-9]{1,2} ?%(?= on\b| for\b|[.!]*$)",  # "I'll agree to
        # the 35% on 8182"
        r"\b(?:referral )?fee (?:on )?(?:works|is fine|is ok|sounds good) (?:for|with|by) me\b",
        r"\b(?:consider|accept) this (?:email |message )?(?:as )?(?:my|our) (?:written |formal )?(?:agreement"
        r"|acceptance"
        r"|agree)\b",
        # "We are comfortable with the 25% referral fee on 7731 and I agree to it"
        r"\b(?:i|we) (?:fully )?agree to it\b(?! (?:if|when|once|as long)\b)",
        # "25% is steep not gonna lie but AGREE on 7731": grumbled, then the keyword
        r"\b(?:but|so|anyway|anyways|whatever),? agreed?\b(?: on\b)?(?! (?:to disagree|with (?:you|that|him|her))\b)",
        r"\b(?:we are|we'?re|i am|i'?m) (?:comfortable|fine|ok|okay|good) with the [0-9]{1,2} ?% (?:referral )?fee\b",
        # "the 25% referral fee is entirely acceptable to me"
        r"\b(?:fee|terms|split) (?:is|are) (?:entirely |perfectly |completely )?acceptable\b",
        r"\b(?:my |our )?acceptance of (?:the |your )?(?:[0-9]+ ?% )?(?:referral )?(?:fee )?"
        r"(?:agreement|terms|fee|split)\b",
        r"\b[0-9]+ ?% (?:is )?(?:fine|ok|okay|good|great) (?:with|by) (?:me|us)\b",
    )),
    ("award", (
        r"\b(?:i'?d like|i would like|i want|we'?d like|i should like|we should like|i wish) to award\b",  # "I'd like
        # to award referral 4109 to Rachel"
        r"\b(?:i|we)(?:'d| would| should) like the (?:first|second|third|last|1st|2nd|3rd) (?:[a-z]+ ){1,4}?to"
        r" (?:have|get|take) (?:it|the referral|our client|my client|this one|them|the lead)\b",  # "we would like the
        # first lady on the list to have our client"
        r"\b(?:i'?d like|i want|i would like) (?:it|this one|the referral) to go to (?:#|agent |number )?[0-9]\b",
        r"^give (?:it |this one |the referral )?to (?!(?:someone|somebody|another|a different|other|anyone|the next)\b)"
        r"[a-z]+ instead of [a-z]+\b",  # "changed my mind, give 3061 to Priya instead of Tom"
        r"^(?:oops,? |sorry,? )?(?:i )?meant (?:agent |#|number )?[1-9] not (?:agent |#|number )?[1-9]\b",
        r"\belij(?:o|imos) (?:a )?(?:la |el )?(?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b",
        r"\botorg(?:ar|a|ue|uen|o)\b", r"^(?:please |pls |kindly )award\b",
        rf"\baward\b.{{0,40}}\bto the (?:first|second|third|1st|2nd|3rd|last) {ON_THE_LIST}\b",
        r"^(?:please |pls |let'?s )?go with (?:him|her)[.!]*$",
        r"\b(?:let'?s )?have the (?:first|second|third|last|1st|2nd|3rd) (?:one|agent|lady|guy|person) (?:take|handle"
        r"|get|have) (?:it|this|this one|them)\b",  # "let's have the second one take it"
        r"\b(?:i'?m|we'?re|i am|we are) going with whoever\b",  # "I'm going with whoever speaks Spanish"
        r"^(?:you can |please |pls |ok )?send (?:it|this one|the referral) to (?!(?:someone|somebody|another|me|us|my"
        r"|the|a|an)\b)[a-z]+(?: (?:pls|please|porfa))?$",  # "you can send it to Maria"
        r"\bmand(?:a|e|en)selo a (?!(?:alguien|otr[oa]|mi|nadie|el|la)\b)[a-z]+",  # "Mándaselo a Carmen porfa"
        r"\b(?:we'?d|i'?d|we would|i would) like [a-z]+(?: [a-z]+)?(?: \(?the (?:first|second|third|last|1st|2nd|3rd)"
        r" (?:agent|one)\)?)? to (?:handle|take|have|get) (?:it|this|this one|them|the referral|our client"
        r"|my client)\b",
        r"\bnos quedamos con (?:la|el) (?:agente|numero|primer|segund|tercer)",  # "nos quedamos con la agente que"
        r"\bvamos con (?:el|la) (?:agente|numero|#) ?#?[0-9]\b",  # "vamos con el agente 2 para la 6012"
        r"(?:lady|guy|agent|one|realtor) (?:from|at|with|de) [a-z0-9]+(?: [a-z0-9]+)? it is[.!]*$",  # "the lady from
        # Compass it is"
        r"\bgo ahead (?:with|con) (?:the |la |el )?(?:first|second|third|last|primer[oa]?|segund[oa]|tercer[oa]?"
        r"|ultim[oa])\b",  # "Go ahead con la segunda agente"
        r"\b(?:i )?(?:choose|pick|select) (?:the )?(?:first|second|third|last|1st|2nd|3rd) (?:agent|one|person|realtor"
        r"|lady|guy)\b",  # "After I read all the profile I choose first agent in the list"
        r"^(?:the )?(?:first|second|third|last|1st|2nd|3rd) one (?:pls|please|plz|por favor|porfa)[.!]*$",
        r"\bgive (?:it |this one |the referral )?to the (?:[a-z0-9/&-]+ ){1,3}(?:agent|realtor|guy|lady|gal|person"
        r"|one)\b",  # "give it to the keller williams guy"
        r"\b(?:i'?d|i would|we'?d|we would) like to go with (?!(?:the|a|an|my|your|it|them|this|that|someone)\b)[a-z]+",
        r"^(?:please |pls |just )?give (?:it |this one )?to (?:him|her)[.!]*$",  # "the one who speaks mandarin, give
        # #5530 to her"
        r"^(?:(?:actually|ok|okay|wait|sorry|no)[,.]? )*(?:switch|change) (?:it |that |my pick |the pick )?to "
        r"(?:agent |number |option |#) ?#?[1-9]\b",  # "Actually wait switch it to #3"
        r"^(?:(?:actually|ok|okay|wait|sorry|no)[,.]? )*(?:switch|change) (?:it |that |my pick |the pick )?on to "
        r"(?:agent |number |option |#) ?#?[1-9]\b",  # "actually switch my pick on 5530 to agent 1"
        r"^(?:change|switch) (?:it|that|my pick) to [a-z]+,? \(?(?:option|agent|number|#) ?#?[0-9]\b",
        r"\bmejor cambia(?:lo|la)? al (?:numero|agente) ?#?[0-9]\b",
        r"^(?:let'?s |i'?ll |we'?ll )?go with [a-z]+(?: [a-z]+)?,? \(?(?:#|(?:agent|option|number) #?)[0-9]\b",
        r"\b(?:let'?s )?(?:roll|run) with (?:agent|option|number|#) ?#?[0-9]\b",
        r"\bgive (?:it |this one |the referral )?to [a-z]+(?: [a-z]+)?,? \(?#[0-9]\b",
        r"\basign\w* (?:a|al) (?:la |el )?(?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b",
        r"\basign(?:en|e|a|ar)(?:le|se)?(?:lo|la)? (?:la referencia |el referido |la |el )?a "
        r"(?!(?:alguien|otr[oa]s?|nadie|mi|su|sus|un|una|la|el|los|las|ustedes|usted)\b)[a-z]+(?: [a-z]+)?"
        r"(?: (?:porfa|por favor|pls|please))?$",
        r"^(?:let'?s |i'?ll |we'?ll )?go with (?!(?:the|a|an|my|your|it|them|him|her|this|that)\b)[a-z]+ [a-z]+"
        r"(?: for(?: (?:this|that|the) (?:one|referral|lead))?| on)?$",  # "Go with Dana Whitfield on 3389"
        r"^(?:let'?s |i'?ll |we'?ll )?go with (?!(?:the|a|an|my|your|it|them|him|her|this|that|god|you|us)\b)[a-z]+"
        r"(?: [a-z]+)? (?:from|at|with|of|la de|el de|de)\b",  # "Go with Jim Patel from Redfin", "la muchacha de"
        r"^(?:let'?s |i'?ll |we'?ll )?go with (?!(?:the|a|an|my|your|it|them|him|her|this|that|god|you|us)\b)[a-z]+"
        r"[.!]*$",  # "Go with Dana."
        r"^(?:please |pls |ok |okay )?(?:let'?s do|let'?s go with|go with) the (?:[a-z/&-]+ ){1,3}(?:agent|realtor|one"
        r"|lady|guy|gal)\b",
        r"\bchange my (?:pick|choice)\b", r"\bse (?:lo|la) doy a(?:l| la)? (?:agente |numero |#)?[0-9]\b",
        r"\bse (?:lo|la) (?:deis|den|des) a(?:l| la)? (?:agente |numero |#)?[0-9]\b",  # "os pido que se lo deis a"
        r"\bmejor (?:el|la|al|a la) (?:numero|agente|#) ?[0-9]\b",  # "cambié de opinión: mejor el número 3"
        r"^(?:al|a la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa]) (?:de la lista|agente)\b",
        r"\b(?:le )?asigno (?:el referido |la referencia |el |la )?(?:#? ?[0-9]{3,5} )?a [a-z]+\b",
        r"^(?:please |pls )?give (?:it |this one |the referral |the lead )?to "
        r"(?!(?:someone|somebody|another|a|an|the|my|your|agent|number|option|me|him|her|them|us)\b)"
        r"[a-z]+(?: [a-z]+)?(?: (?:pls|please|plz|thanks|thx|ty|instead))?$",
        r"^award (?:it |both )?(?:and )?to (?!(?:someone|somebody|another|a|an|the|agent|number|option)\b)[a-z]+",
        r"\b(?:i'?d like to|i want to|i'?ll|let'?s|please) award (?:this|that|this one|that one|it|the referral) to"
        r" (?!(?:someone|somebody|another|a|an|the|me)\b)[a-z]+",
        r"\ble doy (?:el |la )?(?:referido |referencia |lead )?a (?:la |el )?(?:agente |numero )+#? ?[0-9]\b",
        r"\bme quedo con (?:la |el )?(?:agente |numero )+#? ?[0-9]\b|\bme quedo con (?:la|el) (?:primer|segund|tercer)",
        r"\bvamos con (?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b",
        r"\bque sea (?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa]) de la lista\b",
        r"\bque se (?:lo|la) lleve (?:el|la) (?:primer|segund|tercer|ultim)\w*\b",
        r"\bque se (?:lo|la) quede (?:el|la) (?:primer|segund|tercer|ultim)\w*\b",
        r"\bque se (?:lo|la) den a\b(?! (?:otr[oa]s?|alguien|cualquier)\b)",
        r"\ble doy (?:el |la )?(?:referido |referencia |lead )?al? (?:primer|segund|tercer|ultim)\w*\b",
        r"\bse (?:lo|la) asign\w* a(?:l| la)? (?:agente|numero)\b",
        r"\b(?:le |se lo |se la )?den (?:el referido |la referencia |el lead )?(?:al|a la) (?:primer[oa]?|segund[oa]"
        r"|tercer[oa]?|ultim[oa]|agente)\b",
        r"\basign(?:en|e|a|aran|ara)(?:le|se)?(?:lo|la)? (?:la referencia |el referido |la |mi referido "
        r"|mi referencia )?"
        r"(?:al|a la) (?:agente|numero|primer|segund|tercer)",
        r"\b(?:prefiero|mejor) (?:al|a la|el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b",
        # "¿Le pueden dar el 8843 a la primera agente?", "Dele la 6012 a la agente 2"
        r"\b(?:awarded|given|assigned) to the (?:first|second|third|last|1st|2nd|3rd) (?:agent|one|person|realtor)\b",
        r"\b(?:dar(?:le|selo|sela)?|del[eo]|denle|dale) (?:el |la )?(?:referido |referencia )?(?:a|al"
        r"|a la) (?:#? ?[0-9]\b|primer[oa]?"
        r"|segund[oa]|tercer[oa]?|ultim[oa]|agente|numero)\b",
        r"\b(?:escoge|elige|escogi|elegi|escojan|elijan|escogemos|elegimos) (?:al|a la) (?:primer[oa]?|segund[oa]"
        r"|tercer[oa]?|ultim[oa])\b",
        r"\blike (?:referral |the referral |it |this one )?to go to (?!(?:someone|somebody|another)\b)[a-z]+ [a-z]+"
        r",? \(?(?:option|agent|#|number) ?#?[0-9]\b",
        r"\bdale con (?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b",
        r"^(?:the )?(?:first|second|third|last|1st|2nd|3rd) (?:guy|gal|lady|gentleman|agent|realtor|person)\b",
        r"\bgive (?:it|this one|the referral) to [a-z]+(?: [a-z]+)? \(?#? ?[0-9]\)?",
        rf"\b(?:let'?s )?do the (?:first|second|third|last|1st|2nd|3rd) {ON_THE_LIST}\b",
        r"\baward (?:referral )?to [a-z]+ [a-z]+,? #[0-9]\b",
        r"^adjudi(?:c|qu)\w*",
        r"^[a-z]+ [a-z]+ \(?#[0-9]\)?$",
        r"\b(?:let'?s )?go with [a-z]+,? (?:the )?(?:first|second|third|last|1st|2nd|3rd)(?: one)?\b",
        r"\bgo(?:ing)? with (?:agent |option )?(?:number |#) ?[0-9]{1,2}\b",
        r"\bse (?:lo|la) (?:den|des|de|doy|damos) (?:a|al) (?:la |el )?(?:agente |numero )?(?:primer|segund"
        r"|tercer|ultim|[0-9])",
        r"\b(?:i|we)(?:'ll| will)? (?:choose|pick|select|go with|award)"
        r" (?:agent|number|option|receiver|#) ?#?[0-9]{1,2}\b",
        r"^(?:award|pick|choose|select|elijo|escojo|elegimos)\b",
        r"\bgive (?:it |this one )?to (?:agent|number|#|[0-9])",
        rf"\b(?:let'?s )?go with the (?:first|second|third|1st|2nd|3rd|last) {ON_THE_LIST}\b",
        rf"^(?:(?:i'?m|we'?re|i am|we are) )?going with the (?:first|second|third|1st|2nd|3rd|last) {ON_THE_LIST}\b",
        r"\b(?:give|award|assign)\b.{0,40}\b(?:agent|option|number) #? ?[0-9]{1,2}\b",
        r"\b(?:que )?se (?:lo|la) lleve (?:el|la) (?:agente|numero|primer[oa]?|segund[oa]|tercer[oa]?)\b",
        rf"\b(?:i|we)(?:'ll| will)? (?:choose|pick|select) the (?:first|second|third|1st|2nd|3rd) {ON_THE_LIST}\b",
        r"\bgo(?:ing)? with (?:agent |number |option |#)[0-9]",
        r"\b(?:award|give) (?:it )?to (?:option|agent) [0-9]",
        r"\baward it to\b",
        # the whole message names a place on the list: "the last one on the list", "el segundo de la lista"
        rf"^(?:the )?(?:first|second|third|1st|2nd|3rd|last) {ON_THE_LIST} on (?:the|your|my) list"
        r"(?: please| pls)?$",
        r"^(?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])(?: agente)? de la lista(?: por favor)?$",
        r"\b(?:give|award|assign) (?:it |this one |the referral )?to the (?:first|second|third|1st|2nd|3rd|last)"
        rf" {ON_THE_LIST}\b",
        r"\bdaselo (?:al|a la|a el) (?:agente|numero)\b",
        r"^(?:daselo|dasela|denselo|densela|pasaselo|pasasela) a (?!(?:otr[oa]s?|alguien|nadie|mi|su|sus|un|una|la|el"
        r"|los|las|ustedes|usted|cualquier)\b)[a-z]+(?: [a-z]+)?\b",  # "Dáselo a Carlos Ruiz, referido 3318"
        # a receiver described, not named: "go w whoever answered first", "The one from Compass pls", "Asígnale el
        # 6012 a la agente que habla español", "Preferimos a la agente de Hialeah"
        r"(?<!says )(?<!said )\b(?:(?:go(?:ing)?|went) (?:with|w)|^let'?s do) (?:the one|the agent|the lady|the guy"
        r"|the woman"
        r"|the realtor|whoever"
        r"|the (?:most|least|closest|nearest) )",
        r"\b(?:give|award) (?:it |this one |the referral )?to (?:the one|the agent|the lady|the guy|the woman"
        r"|the realtor|whoever)\b",
        r"^the one (?:from|in|at|with|who)\b[^.!?]{0,40} (?:pls|please|por favor)$",
        r"\b(?:asign|dale|dase|den|pasa)\w* (?:el |la )?(?:referido |referencia )?a (?:la|el) (?:agente|senora|sra"
        r"|muchacha|chica|senor|sr) (?:que|de)\b",
        r"^(?:al|a la) primer[oa] que (?:contesto|respondio)\b|\bpreferimos a (?:la|el) (?:agente|senora|sra|senor)\b",
        r"\basign\w*(?: (?:el|la|referido|referencia))* (?:a|al) (?:la |el )?(?:agente|numero) #? ?[0-9]\b",
        rf"\b(?:give|award|assign)\b.{{0,60}}\bthe (?:first|second|third|1st|2nd|3rd|last) {ON_THE_LIST} on (?:the|your"
        r"|my) list\b",  # "give referral 3391 to the agent from Keller Williams (the third one on your list)"
        r"\b(?:award|give)\b.{0,20}\bto (?:agent|option|number|#) ?#?[0-9]",
        r"\b(?:se lo|se la) doy a(?:l| la)? (?:agente|numero)\b",
        r"\b(?:dale|daselo|dasela|denle|denselo|densela|asignale|asignaselo|asignasela|asignala|asignalo|asignenla"
        r"|asignenlo|pasale|pasaselo|pasasela)\b"
        r".{0,25}\b(?:al|a la|a el) (?:primer[oa]?|segund[oa]|tercer[oa]?|agente #? ?[0-9]|numero #? ?[0-9]"
        r"|#? ?[0-9](?![0-9%.,]))",  # "Dáselo a la #1 por favor"
        r"^(?:[-=]>|:)? ?(?:agent|agente|option|opcion|number|numero) #? ?[0-9]{1,2}\b", r"^(?:[-=]>"
        r"|:)? ?#[0-9](?![0-9])(?! ?(?:st|nd|rd|th|on|in)\b)",
        r"^give it to (?:them|him|her)$",
        r"\bme quedo con (?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?)\b",
        r"\b(?:escojo|elijo|elegimos|escogemos|escogo) (?:a |al )?(?:la |el )?(?:agente|numero|opcion)\b",
        r"\bgive (?:[a-z0-9# ]{0,25} )?to the (?:first|second|third|1st|2nd|3rd) (?:agent|one|person|realtor)\b",
        r"^(?:let'?s |i'?ll |we'?ll )?go with (?!(?:the|a|an|my|your|it|them|him|her|this|that)\b)[a-z]+ [a-z]+ for"
        r" (?:my|our|the|this) (?:buyers?|sellers?|clients?|referral|lead|family|couple)\b",
    )),
    ("invoice", (
        r"\brun (?:it|the card|my card|the charge) again\b",  # "Card got declined?? Run it again pls"
        r"\bbill (?:this|it|this one|that one) to (?:our|my|the) (?:office|brokerage|company|broker)\b",
        r"\bfacturar (?:la|el) (?:referencia|referido)\b",  # "Favor de facturar la referencia #3177 a nombre de ..."
        r"\bpurchase (?:it |this one |this )?for me\b",  # "Please purchase 1187 for me and charge it to my new Visa"
        r"\bproceed with (?:the )?purchase\b|\bcharge the \$?[0-9]+ (?:fee )?to (?:the|my|our) card\b",
        r"\bconfirmo la compra\b|\bpueden cargar\b[^.!?]{0,40}\btarjeta\b",  # "Confirmo la compra del referido"
        r"\b(?:favor de )?cargar(?:lo|la)? a mi tarjeta\b",  # "Favor de cargar a mi tarjeta la referencia 2207"
        r"\brun (?:the \$?50|my card|the card|the charge)\b",
        r"\bbill (?:our|my|the) (?:brokerage |company |office |business )?card\b",  # "bill our brokerage card on file"
        r"^(?:go ahead (?:and |n |& )?)?put (?:(?:it|this|this one|that one) )?on (?:the|my) card\b",  # code stripped
        r"\b(?:me )?(?:pueden|puede|podrian) cobrar\b", r"\bput it on (?:the|my) card\b",
        r"^byu\b",  # "BYU 5127": thumbs slipped on BUY
        r"^ring it up\b",
        r"\bcobr(?:enlo|enla|amelo|amela|alo|ala|enme|ame)\b.{0,20}\btarjeta\b",
        r"\b(?:cobr|carg)(?:a|e|en|ue|uen)(?:le|les|me|nos)?(?:lo|la)? (?:el importe |el cobro |el cargo "
        r"|el pago )?(?:a|en)"
        r" (?:mi|la) tarjeta\b",
        r"\b(?:i'?ll|i will|happy to|glad to) pay (?:the |your )?\$ ?[0-9]{2,3}\b",
        r"^(?:go ahead and )?charge (?:it|me|my card)\b",
        r"\bput (?:the \$?[0-9]+|it) on my card\b",
        r"\b(?:ok |si |dale )?(?:la|lo) compro\b",
        r"\bsend(?:ing)? (?:me )?(?:the|a|an|my) (?:bill|invoice)\b", r"\bsend over (?:the|an?|my) (?:bill|invoice)\b",
        r"(?<!paid )(?<!pay )(?<!received )(?<!got )(?<!saw )(?<!the )(?<!your )(?<!that )(?<!this )(?<!my )"
        r"(?<!last )(?<!previous )(?<!fee )(?<!fees )\binvoice\b"
        r"(?! (?:my|the|our) (?:brokerage|company|office|broker|llc) instead\b)"
        r"(?! (?:received|paid|came|arrived|is|was|has|looks|went))",
        r"\b(?:the|your|that|this) invoice,? (?:please|pls|por favor)\b",
        # not "Buy the big cupcake tray from HEB not the small one": something else bought
        r"^buy+\b(?! (?:the|a|an|some|more|two|three|extra) (?!(?:lead|referral|one|this one|paid)\b)(?![a-z]+ (?:one"
        r"|lead|referral)\b)[a-z]+)",  # not "BUY the Doral one"
        r"\bcop (?:it|this|that)\b",
        r"\bauthori[sz]ation to (?:purchase|buy)\b|\bauthori[sz]e (?:the )?(?:purchase|charge)\b",
        r"(?<!offered to )(?<!wants to )(?<!want to )(?<!going to )(?<!decided to )\bbuy (?:it|this|that"
        r"|the (?:lead|referral))\b"
        r"(?! (?:outright|from|directly|back)\b)",
        r"\bi(?:'?ll| will) (?:buy|purchase|pay for)\b", r"\b(?:i|we)(?:'?d| would) like to (?:buy|purchase)\b",
        r"\bi want to (?:buy|purchase)\b",
        r"\b(?:process|complete|finali[sz]e|run) (?:the |my )?(?:\$ ?[0-9]+ )?purchase\b",
        # "$50 is fine, take it from my card": the money taken, not the lead
        r"\btake (?:it|the (?:\$ ?[0-9]+|fee|money|payment|charge)|\$ ?[0-9]+) (?:from|off|out of) (?:my|the|our)"
        r" (?:card|account|visa|amex|mastercard|credit card|debit card)\b",
        r"^purchase\b(?! price)", r"\bbill (?:me|my card|my account)\b",
        r"\bcharge (?:my card|me)\b", r"\bcharge (?:the|my) (?:amex|visa|mastercard|discover"
        r"|credit card)\b", r"\bcharge (?:the |my )?card(?: on file)?\b",
        r"\bcharge (?:the |my )?\$?[0-9]+ (?:to|on) (?:the|my) card\b", r"\brun (?:my|the) card\b",
        r"\bfactura\b", r"\bfactur(?:ame|enme)\b", r"\bcompr(?:ala|alo|enla|enlo)\b",
        r"\bcarg(?:a|ue|uen)(?:me)?(?:la|lo)? a mi tarjeta\b", r"^compr(?:ar|arlo|o)\b", r"\blo compro\b",
        r"\bcomprarlo\b",
        r"\bcobr(?:ame|amelo|amela|enme|enmelo|enmela|eme)\b",
        r"\btake my money\b",
        r"\bi'?m buying (?:it|this|this one|that one)\b",
        r"\b(?:quiero|quisiera|me gustaria|voy a|deseo|queremos) compr\w*",
    )),
    ("connect", (  # the winner asks to be put through to the client now
        r"\barrange a (?:live )?(?:telephone |phone )?(?:connection|call) between (?:myself|me) and\b",
        r"\bhook me up (?:with|w) (?:the )?(?:lead|client|buyers?|sellers?) on a call\b",
        r"\bconference (?:in )?the (?:buyer|seller|client)\b|\bconference (?:him|her|them) in\b",
        # "Favor de comunicarme por teléfono con la clienta del referido 4039"
        r"\b(?:favor de|por favor|pueden|puede|podrian|podria|quisiera|necesito) (?:comunicarme|conectarme|ponerme en"
        r" contacto|contactarme) (?:por telefono |telefonicamente )?con (?:el|la) (?:cliente|clienta|comprador"
        r"|compradora|vendedor|vendedora)\b",
        r"\bpongan en contacto (?:telefonico )?con (?:el|la) (?:comprador|compradora|cliente|clienta|vendedor"
        r"|vendedora)\b",  # "Les ruego que me pongan en contacto telefónico con el comprador"
        r"\b3[- ]?way(?: call)? (?:w|w/|with) (?:the )?(?:buyer|seller|client)\b",  # "3way w buyer plz"
        r"\bbe connected (?:by (?:tele)?phone )?(?:with|to) the (?:buyer|seller|client)\b",  # "I should like to be"
        r"\bpasame con (?:el|la) (?:buyer|seller|client|cliente|clienta|comprador|compradora|vendedor|vendedora)\b",
        r"\bconnect (?:our|my) (?:agent|realtor)\b[^.!?]{0,30}\bwith the (?:buyer|seller|client)\b",
        r"\bme (?:conectaran|conecten|conectara|conecte) (?:en una llamada |por telefono )?con (?:el|la) (?:cliente"
        r"|clienta"
        r"|compradora?|vendedora?)\b",
        r"\bget me on the (?:horn|phone|line) with (?:the )?(?:client|buyer|seller|lead)s?\b",
        r"\bput me on a (?:live )?(?:phone )?call with\b", r"\benlaz(?:arme|enme|ame)\b",
        r"\b(?:set up|arrange|schedule) (?:a )?live call (?:between me and|with)\b",
        r"\b(?:me )?(?:comuniquen|pongan en contacto|conecten)(?:me)?(?: por telefono| en llamada)?(?: directamente)?"
        r" con (?:el|la) (?:cliente|clienta|comprador|compradora|vendedor|vendedora)\b",
        r"\bconference me in\b", r"\bpas(?:a|e|en)me en linea con (?:el|la)\b",
        r"\b(?:hazme|hagame|haganme|armame|armenme) (?:la|una) (?:conferencia|llamada"
        r"(?: de tres| a tres)?) con (?:el|la) (?:cliente|clienta|compradora?|vendedora?)\b",
        r"\b(?:like|want|wants|love) to be connected (?:live |by phone )?with\b",
        r"\b(?:set up|arrange|schedule) (?:a )?(?:quick |3-way |three-way |phone )?call between me and\b",
        r"\bget me on a (?:3|three)[ -]?way\b",
        r"\bget me on a (?:live |quick |phone )?call with (?:the |my )?(?:seller|buyer|client)s?\b",
        r"\b(?:3|three)[ -]?way me\b",
        r"\b(?:set up|arrange|schedule) (?:a )?(?:three[ -]way|3[ -]way|conference) call\b",
        r"\bpas(?:ame|enme|eme) (?:al?|a la|con el|con la) (?:comprador|compradora|cliente|clienta|vendedor"
        r"|vendedora)\b",
        r"\bpon(?:edme|ganme|game|me|eme) en (?:llamada|linea|una llamada) con\b",
        r"\bwarm (?:handoff|hand-off|hand off|introduction|intro)\b",
        r"\b(?:set up|arrange|schedule|do) (?:a |an )?(?:three[ -]way |3[ -]way |conference |joint )?call"
        r" (?:between me and|with me and|with) (?:the |my )?(?:[a-z]+ )?(?:client|buyer|seller|family|couple)s?\b",
        r"\bponer(?:me)? en (?:llamada|linea) con (?:el|la) (?:cliente|client[ae]|comprador|compradora|vendedor"
        r"|vendedora)\b",
        r"\bpatch me (?:in|through|thru)\b",
        r"\bput me (?:on|in) (?:a )?(?:call|the phone|the line) with (?:the |my )?(?:seller|buyer|client)s?\b",
        r"\benlac(?:enme|eme|ame)\b", r"\bpas(?:a|e|en)me en (?:una )?llamada con\b",
        r"\bme conecten(?: por telefono| en vivo)?,? con\b",
        r"\bpas(?:a|e|en)me con (?:el|la) (?:cliente|clienta|comprador|compradora|vendedor"
        r"|vendedora)\b", r"\bloop me in on a (?:call|phone call) with (?:the )?(?:client|buyer|seller)\b",
        r"\bbridge (?:us|me)\b", r"\bget (?:the )?(?:client|buyer|seller)s? on the (?:line|phone) with me\b",
        r"\bme comunic\w* (?:en llamada (?:directa )?|por telefono )?con (?:el|la) (?:cliente|clienta|comprador"
        r"|compradora|vendedor|vendedora)\b", r"\b(?:be|get) patched (?:in|through|thru)\b",
        r"\bpas(?:a|e|en)me la llamada\b", r"\bget me on the (?:phone|line) with\b",
        r"^connect\b",
        r"\b(?:be|get) connected (?:by phone )?(?:with|to) (?:the |my )?(?:seller|buyer|client|customer)s?\b",
        r"\b(?:me )?(?:pueden|puede|podrian|podria) (?:comunicar|conectar|pasar)(?: la llamada)?(?: por telefono)? con"
        r" (?:el|la)"
        r" (?:cliente|clienta|comprador|compradora|vendedor|vendedora)\b",
        r"\bllamada (?:de|a) (?:tres|3)\b|\b(?:three|3)[ -]way call\b",
        r"\b(?:ponganme|ponme|pongame|comuniquenme|conectenme|me (?:pueden|puede|podrian|podria) poner|que me pongan"
        r"|(?:pueden|puede|podrian|podria) ponerme) (?:en (?:una )?llamada |en (?:la )?linea |en contacto "
        r"|al telefono"
        r" |por telefono )?con (?:el|la)"
        r" (?:cliente|clienta|comprador|compradora|vendedor|vendedora)\b",
        # not "Can you connect me with a lender?": someone else than the client
        r"\bconn?ect me\b(?! (?:with|w|to) (?:a|an|your|a good|a local) (?:[a-z]+ )?(?:lender|loan officer|inspector"
        r"|contractor|attorney|lawyer|title (?:company|rep)|photographer|stager|appraiser|mortgage|insurance|handyman"
        r"|plumber|roofer)\b)",
        r"\bdial (?:the )?(?:client|buyer|seller)\b",
        r"\bpasame la llamada\b",
        r"\bput me through\b", r"\bconnect us\b", r"\bput me on the (?:line|phone) with\b",
        r"\bpatch (?:[a-z]+ ){0,3}?(?:thru|through) to (?:the |my |our )?(?:client|buyer|seller)s?\b",
        r"\bcomuniq\w* (?:por telefono )?con (?:ella|el|ellos|ellas)\b|\bllamada de (?:los|las) tres\b",
        r"\bconect(?:ame|arme|eme|enme)\b",
        r"(?<!intente )(?<!trate de )(?<!quise )"
        r"(?<!intentado )(?<!tratado de )(?<!podido )(?<!logrado )(?<!pude )"  # not "He intentado comunicarme con la
        # clienta durante dos semanas ... nunca responde": tried, and failed
        r"\bcomunicar(?:me)? con (?:el|la) (?:cliente|client[ae]|comprador|vendedor)\b",
        r"\bconectar(?:me)? (?:por telefono )?con (?:el|la) (?:cliente|client[ae]|comprador|compradora|vendedor"
        r"|vendedora)\b",
        r"\bme (?:pueden|puede|puedes) conectar\b",
        r"\b(?:me )?(?:pueden|puede|podrian|podria) (?:comunicar|conectar|pasar)(?: la llamada)?(?: por telefono)? con"
        r" (?:el|la) (?:senora|senor|senorita|familia|pareja|muchacha|muchacho|dama|caballero)\b",
    )),
    ("call", (  # "Yes I'll call them now" is a claim, not a request to be called
        r"\bregal(?:eme|ame|enme|e) una llamad(?:a|ita)\b",  # Colombia: "Regáleme una llamada hoy en la tarde"
        r"\bme (?:pueden|puede|podrian|podria) hablar por telefono\b|\bprefiero (?:verlo |hablarlo )?por (?:llamada"
        r"|telefono)\b",  # "me pueden hablar por telefono? Prefiero verlo por llamada"
        r"\bhit me up (?:on|by|over) (?:the )?(?:phone|cell|my cell)\b",  # "hit me up on the phone im driving"
        r"\bme (?:pueden|puede|podrian|podria|puedes) dar un (?:ring|timbrazo|call|llamadita|telefonazo)\b",
        r"\b(?:please )?me (?:llamaran|llamen|marcaran|marquen)\b",
        r"^(?:let'?s|can we|could we) (?:hop|jump|get) on a (?:quick )?(?:call|phone call)\b",  # "Let's hop on a call"
        r"\b(?:can|could) (?:someone|somebody|you) (?:llamarme|marcarme)\b",  # "Can someone llamarme today?"
        r"\b(?:would |i'?d )?appreciate a (?:phone )?call\b",
        r"\b(?:favor de )?comunicarse conmigo\b|\bcomuniquense conmigo\b",  # "Favor de comunicarse conmigo ..."
        r"\b(?:please |kindly )?telephone me\b",
        r"\b(?:have|get) (?:someone|somebody|a member of your team|one of your (?:team|staff|people)|your team)"
        r" (?:to )?call (?:me|us|our office|the office)\b",
        r"\bgimme a (?:buzz|call|ring|shout)\b", r"\b(?:someone|somebody|pls|please|can you) cal me\b",
        r"\bgive me a (?:ring|buzz|shout)\b", r"\breach me (?:by|on the|via|over the) (?:phone|cell|telephone)\b",
        r"\b(?:me )?(?:puede|pueden|podria|podrian) (?:marcar|llamar)\b(?= (?:cuando|hoy|manana|mas tarde|al\b)|$)",
        r"\b(?:alguien (?:del equipo )?)?me (?:llame|llamen|marque|marquen) (?:hoy|manana|al)\b",
        r"\b(?:echame|echenme|dame|denme|pegame|peguenme) un (?:grito|telefonazo|timbrazo)\b",
        r"\b(?:can|could|may) i (?:get|have|please get) a call ?back\b",
        r"\bque (?:alguien (?:de ustedes )?)?me llam(?:aran|en|ara|e)\b", r"\bmarcarme\b",
        r"\b(?:alguien|un representante|un asesor|una persona)(?: de [a-z ]{2,20}?)? (?:me )?llam(?:e|en)(?:me)?\b",
        r"\bneed (?:someone|somebody) to call me\b",
        r"\b(?:dar|das|den|de) un (?:call|llamadazo|telefonazo|timbrazo)\b",
        r"\bme (?:pueden|podria|podrian) llamar\b",
        r"\bme (?:pueden|puede|podrian|podria) marcar\b(?! (?:el |la )?[^.?!]{0,12}como\b)",
        r"\b(?:someone|somebody) (?:just )?(?:rings|calls|phones) me\b", r"\b(?:favor de|pueden|podrian|puede"
        r"|podria) llamarme\b",
        r"\bllamen?me\b", r"\b(?:mejor )?me marcan\b", r"\bmarquenme\b",
        r"^call\b(?! (?:them|him|her|his|their|my|our|your|a|an|the|client|buyer|seller|you|u|ya|back|later|tonight"
        r"|mom|dad|someone)\b)(?! me (?:crazy|old|(?:with|if you have|if there are) (?:any )?(?:questions"
        r"|concerns))\b)",
        # not "she swore he'd call me back": the client's promise
        r"(?<!he'd )(?<!she'd )(?<!they'd )(?<!he'll )(?<!she'll )(?<!they'll )(?<!he will )(?<!she will )"
        r"(?<!they will )(?<!he would )(?<!she would )(?<!they would )(?<!he never )(?<!she never )(?<!they never )"
        # "I told them to call me whenever they're ready": the clients asked to
        r"(?<!them to )(?<!him to )(?<!her to )(?<!they can )(?<!he can )(?<!she can )(?<!they could )"
        r"\bcall me\b(?! crazy| old| a | (?:with|if you have|if there are) (?:any )?(?:questions|concerns))",
        r"\bgive me a (?:holler|ring|buzz|shout|jingle) (?:on the phone|by phone|when)\b",
        r"\bplease call\b(?! (?:the|them|him|her|client|buyer|seller)\b)",
        r"\bgiv(?:e|ing) me a (?:call|ring|buzz)\b",
        r"\b(?:phone|ring) me\b",
        r"\b(?:ring|call) my (?:cell|phone|mobile)\b",
        r"\bllamame\b",
        r"\bme (?:puedes|puede|podrias) llamar\b", r"\b(?:marcame|marquenme|marqueme|hablame|hablenme)\b",
    )),
    ("decline", (
        r"^(?:either way|anyway|anyways|regardless|de todas formas),? (?:i'?ll |i will |i'?m gonna )?pass\b",
        r"\bi pass (?:this time|on this one|this one)\b",  # "Hindi po muna, I pass this time po"
        # "No on the Pflugerville buyer, please send it to someone else": an offer passed on, not a referral given back
        r"^no on (?:the|this|that) (?:[a-z]+ ){0,2}(?:buyer|seller|lead|referral|client)s?\b",
        r"\bno voy a comprar (?:este|ese|el|la|esta|esa) (?:referido|referencia|lead)\b",

        r"\bmark (?:me|it|this one|us|[a-z]+) (?:down )?as (?:a )?pass\b",  # a TC: "Please mark Dana as a pass on 3307"
        r"(?<!no )\b(?:la|lo) dejo pasar\b|\ben esta ocasion no (?:tomare|tomo|aceptare|acepto)\b",
        r"\bno tomare el referido\b",
        r"^none (?:for|on)$|\bno se (?:lo|la) doy a nadie\b",  # "NONE for 8841", "no se lo doy a nadie"
        r"^(?:la|el|lo) paso\b",  # "La 3307 paso, no es mi zona" (the code taken out)
        r"\b(?:esta|esa|este|ese) (?:la |lo )?paso\b",  # "No che, esta la paso, estoy a full"
        r"^(?:no|nope|nah) (?:to|for)$",  # "NO to 9120." (the code taken out)
        r"^no to (?:both|all|these|those|them)\b",  # "No to both of these, I'm slammed"
        r"^(?:you can |u can |just )?count me out(?: (?:on|of|for) (?:this|that|it)(?: one)?)?$",  # "count me out on"
        r"\bno (?:podre|puedo|voy a poder) (?:tomar|aceptar|atender) (?:el|la|este|esta|ese|esa) (?:referido"
        r"|referencia|cliente|clienta)\b",  # "en esta ocasión no podré tomar el referido"
        r"^(?:i'?m |i am |we'?re |we are )?passing(?: on)?(?: (?:this|that|it)(?: one)?)?$",  # "Passing on 5561"
        r"\bwhy (?:don'?t|not) (?:you )?(?:give|send|pass) (?:this one|it|this|that one) to (?:someone|somebody)\b",
        r"^(?:ok |okay |yeah )?(?:i|we)(?:'?ll| will) pass(?: on)?(?: (?:this|that|it)(?: one)?)?$",
        r"\b(?:no,? )?past on (?:this|that|it)(?: one)?\b",  # voice-to-text "pass"
        r"\b(?:change|switch) (?:that|it|my answer) to (?:a )?no\b", r"(?:^|, )we pass\b",
        r"\bmejor (?:la |lo )?paso\b", r"^no (?:al|a la|para el|para la) (?:del|de la|de el)\b",  # "NO al del condo"
        r"\b(?:have to|gonna|going to|need to|will|i'?ll|i'?m going to) let (?:this|that|it) (?:one |fish "
        r"|lead )?(?:go|slide"
        r"|swim)\b",
        r"\b(?:pasar|pasen|pasenla|pasenlo|pasarla|pasarlo) (?:la |lo )?(?:a|con) otr[oa] (?:agente|realtor"
        r"|corredor)\b",
        r"\boffer(?:ing)? (?:(?:this|it|this one|that one) )?to (?:another|someone else|somebody else|a different)\b",
        r"\b(?:voy a|vamos a|tengo que|debo|prefiero) pasar\b(?! por\b| a (?:ver|buscar|dejar)\b| la casa\b)",
        r"^esta no\b", r"^(?:la|el) no$", r"^no,? (?:por|x) (?:ahora|el momento|hoy)\b",
        r"\bpas(?:en|e|a)(?:la|lo|mela|melo)? a otr[oa]\b",
        r"^(?:esta semana|ahorita|ahora|hoy) no (?:puedo|la tomo)\b",
        r"\bno (?:voy a poder|puedo) con (?:esta|este)\b",
        r"(?<!lo que )\bpaso con (?:la|el|esta|este|esa|ese)(?: (?:referencia|referido|oferta|lead))?$",
        r"\b(?:this|that) one'?s a no\b|\b(?:this|that) one is a no\b",
        r"^no on(?: (?:this|that|it|this one|that one|referral|the referral))?(?: thanks| thank you)?$",
        r"\bno (?:voy a|puedo|podre|podria) tomar (?:este|esta|el|la|lo|la) ?(?:cliente|referido|referencia|lead)?\b",
        r"^no on (?:this|that|it|this one|that one|referral|the referral)$",
        r"\bdecir que no al? (?:referido|referencia|lead)\b",
        r"\b(?:tell|told) you no on\b",
        r"\b(?:i'?ll|i will|gonna|going to|have to|i) skip (?:this|that|it)\b", r"^skip\b",
        r"\bnot taking (?:any )?(?:new |more )?(?:clients|referrals|leads|buyers|sellers)\b",
        r"\b(?:gracias|thanks|thank you),? (?:pero|but) no\b",
        r"\bsit(?:ting)? (?:this|that) one out\b", r"\bsit (?:it |this |this one |that one )?out\b",
        r"\bno can do\b", r"^(?:sorry,? )?can'?t do (?:it|this one|that one)\b",
        r"\b(?:asked|wanted) me to (?:let you know|tell you|say|pass along) (?:that )?(?:he|she)(?:'ll| will|'s going"
        r" to| is going to| wants to| has to| needs to) pass\b",
        r"\bmaybe next time\b",
        r"(?<!not )(?<!isn't )(?<!never )\b(?:at capacity|plate is full|too (?:busy|swamped|slammed|far|far away)"
        r"|(?:i'?m|im|i am) (?:maxed|tapped) out)\b",
        r"\b(?:don'?t|do not|no longer) (?:work|cover|serve|service) (?:that|this|the|in|there|those|[0-9]{5})\b",
        r"\bno (?:lo |la )?puedo (?:tomar|aceptar|atender)\b",
        r"\b(?:i'?ll|i will|i'?m going to|going to|gonna|have to|must|need to|i) decline\b",
        r"\bi'?d (?:love|like) to,? but\b",
        r"^i'?d (?:love|like) to$",
        r"\bi wish i could$", r"\bi wish i could,? but\b", r"\bi wish i could (?:take|help|do) (?:it|this|that|them)\b",
        r"^(?:not|no) (?:this|that) (?:one|time)\b",
        r"\b(?:esta vez|por ahora|ahora|ahorita|hoy) no\b(?! hay\b| se\b)",  # not "Ahorita no sé": unsure
        r"\b(?:won'?t be able to|not able to|couldn'?t|could not) (?:take|handle|do)\b",
        rf"^(?:{NO})(?: thanks?| thank you| thx| ty| sorry| pass| i'?ll pass| gracias)?$",
        r"^(?:pass|declined?|declining)\b", r"^(?:sorry )?(?:can'?t|cannot)(?: do it| sorry)?$",
        r"\bno thanks?\b",
        r"\b(?:ofrec|ofrezc)\w* a otr[oa]\b", r"\bno me sirve\b",
        r"(?<!even a )(?<!even a \")(?<!not )\bnot interested\b(?! in (?:talking|chatting|hearing|a call))",  # not even
        r"\b(?:can'?t|cannot|can not|unable to) take\b",
        r"\bi'?ll pass\b(?! (?:it|this|that|them|the [a-z]+) (?:along|on)\b)",
        r"\b(?:going to|gonna) pass\b", r"\bpass on (?:this|it|that)\b", r"\bnot for me\b", r"\bnot my area\b",
        r"\boutside (?:of )?my (?:[a-z]+ )?(?:area|market|territory|zone)\b",
        r"\blet (?:someone|somebody) else (?:grab|take|have|get) (?:it|this|this one)\b",
        r"\b(?:give|pass|send|hand|reassign) (?:it |this |this one )?to (?:somebody|someone) else\b",
        r"\blet (?:it |this |this one |that one )?go to (?:somebody|someone|another agent) else\b",
        r"\bout of my (?:area|market|territory|zone)\b",
        r"\b(?:have to|gotta|got to|going to|gonna|must) say no\b",
        r"^(?:no|nope|nah) on$", rf"^(?:{NO})[,.!]? pass\b",
        r"\brespectfully decline\b",
        r"\bdecline (?:this|the|that) (?:referral|lead|one|offer)\b",
        r"^(?:nope|nah|negatory|negative)\b",
        r"\bpas(?:alo|ala|enlo|enla|aselo|asela|enselo|ensela) a otr[oa] (?:agente|persona|realtor)\b",
        r"\besta vez (?:voy a |vamos a )?pas(?:o|ar|amos)\b",
        r"^no (?:al|a la|para el|para la)$", r"\bplease pass on\b",
        r"\b(?:have|going|got|need) to pass\b", r"\bgonna (?:have to )?pass\b", r"\b(?:gotta|hafta) pass\b",
        r"\b(?:i|we) (?:must|(?:must |will )?(?:respectfully|regretfully|sadly|unfortunately)) pass\b"
        r"(?! (?:it|this|that) (?:along|on) to\b)",
        r"^no,? gracias\b",
        r"\bno me interesa\b", r"^no puedo\b", r"^paso\b",
        r"\b(?:esta vez|por ahora|ahorita|hoy|en esta) paso\b", r"^esta no(?: la)? puedo\b",
        r"\bpaso en esta ocasion\b|\ben esta ocasion paso\b",  # "Les comunico que paso en esta ocasión"
        r"\b(?:must|have to|need to|i) (?:to )?(?:refuse|reject)\b",  # "I am sorry but I must to refuse 3307"
        r"(?<!ofertas )(?<!oferta )(?<!ofertas fueron )\brechaz\w*\b(?! (?:la|mi) tarjeta| el (?:pago|cobro))",
        r"\bno estoy interesad[oa]\b", r"\bno (?:puedo|podre|podria) (?:tomar|aceptar)", r"\bdeclin(?:o"
        r"|amos)\b", r"\b(?:debo|tengo que|voy a|prefiero) declinar\b",
        r"\b(?:def|definitely|defo) (?:a )?pass\b", r"\bhard pass\b",
    )),
    ("claim", (
        r"\bputting my name on (?:this|that|it)\b",  # "Putting my name on this one, calling her in 5 min"
        r"\bme hago cargo (?:del|de la|de este|de esta) (?:referido|referencia|lead|cliente)\b",
        r"^dibs\b|\bdibs on\b", r"^(?:i'?d|i would) love (?:this|that|this one|that one|it)\b",
        r"^mia\b|\byo la trabajo\b",  # "Mía! 🙋 dale que yo la trabajo"
        r"\b(?:i'?ll|we'?ll|i will|we will) take (?:the )?(?:referral|lead)\b",
        r"\bput (?:it |this |this one |that one )?(?:in|under) my name\b", r"\blet me take (?:this|that|it)(?: one)?\b",
        r"\bme quedo con (?:el|la|este|esta) (?:referido|referencia|lead|cliente)\b",
        r"^(?:yo )?(?:tomo|agarro) (?:el|la|este|esta) (?:referido|referencia|lead)\b",
        r"\b(?:i would|i'?d) like to accept (?:this|the|it)\b|\baccept (?:this|the) referral\b",
        r"\b(?:me )?(?:la|lo) (?:pueden|puede|podrian) asignar\b",
        r"\bi take (?:um|em|'em)\b", r"^tomamos (?:el|la|este|esta|ese|esa)\b",
        r"\b(?:i'?ll|i will|we will|we'?ll) (?:gladly |happily |gratefully )?accept (?:this|the|your) (?:referral|lead"
        r"|one|offer)\b",
        r"\bi'?m all over\b", r"\b(?:i'?ll|i will|we'?ll) take both\b", r"^take both\b",
        r"\b(?:please )?assign (?:it |this |this one |the referral |referral )?to (?:us|me)\b",
        r"\bwe(?:'?ll| will) take (?:it|this one|this|that one|this referral)\b",
        r"^(?:i'?m )?taking (?:it|this one|that one)(?! easy| slow| personally| back| off| down| over| out)\b",
        r"\bquero (?:esse|este|o)\b",
        r"\b(?:la|lo) cojo\b",
        r"\b(?:yo )?me quedo con (?:el|la|ese|esa|este|esta)(?: (?:manito|mano|pana|bro|loco|porfa|por favor))?"
        r"(?: ok)?$",  # "Órale, va! Yo me quedo con la 60214 👍"
        r"\b(?:le|ya le) di claim\b",
        r"\bi'?ll take (?:both|all|them all|all of them)(?: of them)?(?: and)?$",
        r"\bi'?ll take (?:referral|the referral|lead|the lead)$",
        r"^take(?: it| this| that| this one| that one)?$",
        r"\b(?:i'?d|i would) be (?:happy|glad|pleased|delighted) to (?:take|handle|work|accept)\b",
        r"^i'?ll take(?: it| this one)?,? (?:thanks|thank you|ty|please|pls)$",
        r"\bassign(?:ing)? (?:it|this|that|this one|the (?:lead|referral)) to me\b", r"\basign(?:a|e|en)?melo\b",
        r"^(?:si,? )?me apunto\b",
        r"\b(?:yo )?lo atiendo\b", r"\b(?:yo )?me encargo\b",
        r"^(?:si,? )?(?:yo )?quiero (?:este|ese|esta|esa|el referido|este referido|ese referido)\b",
        r"\bi(?:'?ll| will) (?:work|take) (?:this|that) (?:one|lead|referral|buyer|seller|client)\b",
        r"\bi(?:'?ll| will) handle (?:it|this|that)\b",
        r"\b(?:lo|la) (?:tomo|quiero|acepto|tomamos|queremos|aceptamos)\b(?! [a-z]+(?:ar|er|ir)\b)",
        r"(?<!will )(?<!'ll )(?<!to )\bsend (?:it|this one|that one|the (?:lead|referral)) (?:over|my way|to me"
        r"|along)\b",
        r"(?<!n't )(?<!not )(?<!never )\b(?:def|definitely|really|totally) want (?:it|this|that)\b",
        r"^want (?:it|this one|that one)\b", r"\bput me down for\b", r"^put me in$",
        r"\b(?:we|i) would (?:like|love) to take (?:it|this one|this referral)\b",
        r"\b(?:count|change|switch) (?:this|that|it|my answer) (?:as|to) (?:a )?yes\b",
        r"\bi(?:'?ll| will) (?:grab|snag|jump on) (?:it|this|that|them|the)\b",
        r"\bi can (?:grab|handle) (?:it|this|that|them|the)\b",
        r"(?<!been )\b(?:happy|glad) to (?:take|help|work with) (?:it|this|that|them|him|her|the)\b",
        r"\bi can (?:help|work with)"
        r" (?:them|this (?:buyer|seller|client|one|family|couple)|the (?:buyer|seller|client)s?)\b",
        rf"^(?:{YES})(?![\w'])(?!(?<=si) (?:esto|eso|hay|se|quieren|quiere|puedo|puede|necesitan|necesita|todo sale"
        r"|el cliente|la clienta|los clientes|ellos|ella)\b)", r"^take it\b",  # not "si esto se alarga hasta enero"
        # "At a showing til 3 but YES on 4821"
        r"(?<!not sure )(?<!maybe )(?<!probably )(?<!idk )\bbut (?:yes|yep|yeah|si)(?: on| for)?$",
        r"\bi(?:'?ll| will) (?:claim|take (?:it|this|that|them|the))\b", r"\bi(?:'?ll| will) take$",
        r"\bi want (?:it|this one)\b", r"\bi(?:'?d| would) (?:love|like) to (?:take|claim)\b",
        r"^me(?:[ ,!]+me)+[!.]*$",  # "🙋‍♀️ me me me! #4821"
        r"\bi(?:'?d| would) like (?:this|it|the)\b", r"\bi can take (?:it|this|that|them|the)\b",
        r"\bi'?m in$", r"\bi'?m in (?:for|on) (?:it|this|that|this one)\b", r"\bcount me in\b",
        r"\bput my name (?:on|down for)\b(?! (?:these|the|my|your) (?:texts|messages|emails|replies)\b)",
        r"\b(?:would like|wants|asked me|like) to claim\b",
        r"^(?:very |super |definitely )?interested\b(?!,? but\b)",
        r"\bi(?:'?m| am) interested\b(?!,? but\b)",
        r"\bsign me up\b", r"(?<!still )(?<!keep )\bsend (?:it|them|this one) my way\b(?! (?:though|anyway|still)\b)",
        r"\bi(?:'?ll| will) work with (?:this|the|them)\b",
        r"\bi accept\b",
        r"\blo (?:tomo|quiero)\b(?! [a-z]+(?:ar|er|ir)\b)",
        r"\bme (?:lo|la) quedo\b",
        r"\b(?:yo )?(?:lo|la) agarro\b",
        r"\bme (?:lo|la) llevo\b",
        r"\bes mi[oa]\b", r"\b(?:that|this) one'?s mine\b", r"\bit'?s mine\b", r"(?:^|[,.!] ?)is mine\b",
        r"\bno way i'?m passing (?:this|it|that)(?: one)? up\b",
        r"\bacepto (?:la|el|este|esta) (?:referencia|referido|lead)\b", r"^anyways?,? (?:yes|yeah|yep)\b(?! to\b)",
        r"\bno (?:la|lo) dejo pasar\b",
        r"\b(?:pleased|happy|glad|delighted) to accept\b",
        r"\baccept (?:the )?referral\b",
        r"^reclam",
        r"\bme interesa\b(?!,? pero\b)",
        r"\bestoy interesad[oa]\b(?!,? pero\b)",
        r"\byo lo atiendo\b",
    )),
)

REACTION = (
    r"\s*(?:liked|loved|disliked|laughed at|emphasi[sz]ed|questioned|reacted .{1,20}? to|removed an? .{1,30}? from"
    r"|le gusto|le encanto|me gusta|me encanta|me gusto|me encanto|le dio risa|enfatizo|destaco|cuestiono|no le gusto"
    r"|no me gusto|se rio de|reacciono .{1,20}? a|a aime|a adore|a ri de|curtiu|amou|riu de|deu enfase a"
    r"|[^\w\s]{1,4} to)"  # Android's "👍 to “New paid referral #6604 ...”"
    r"\s+(?:[\"'“”„«»]|an? (?:image|photo|video|attachment|message|link)\b|una? (?:imagen|foto|video|mensaje)\b)"
)
AUTO_REPLY = (
    r"\bauto[- ]?(?:reply|replies|response|responder|message)\b(?! (?:folder|settings?|filter|rule)s?\b)"
    r"|\bautomatic (?:reply|response)\b"
    r"|\b(?:this message|this reply|this email) (?:was|is) sent automatically\b"
    r"|\bwill (?:respond|reply|get back) to (?:your|you) (?:email|message)s? as soon as (?:possible|i can)\b"
    r"|\bour (?:office|business) hours are\b"  # "Our office hours are Mon-Fri 9-5. Please call 305-555-0188 ..."
    r"|\bautomated (?:reply|response|message|text)\b|\bdo not disturb\b"
    r"|(?<!accident )(?<!accidentally )(?<!mistake )\bwhile driving\b(?! to\b)"
    r"|\bi(?:'?ll| will) see your message\b|\bi(?:'?m| am| will be|'?ll be)(?: currently)? out of the office\b"
    r"|\bthank you for contacting\b.{0,200}?\b(?:is|are) (?:currently )?out of the office\b"
    r"|\bfor urgent matters,? please contact\b"
    r"|^out of office:|\blimited access to (?:my )?(?:e-?mail|phone|messages)\b|\blimited (?:e-?mail|phone) access\b"
    r"|\bse ha leido el\b|\bwas read on\b|^read: "
    r"|\b(?:mailbox|inbox|number) (?:is|does) (?:not|no longer) (?:monitored|accept)"
    r"|\bthanks? (?:you )?for (?:your|the) (?:message|email|text)\b.{0,200}?\b(?:get back to you|respond|reply)\b"
    r"|\bcan'?t talk right now\b|\bi(?:'?m| am) in a meeting\b|\b(?:text|call) you back\b"
    r"|\brespuesta automatica\b|\bmensaje automatico\b"
    r"|\bsin acceso a (?:mi |su )?(?:correo|email|telefono)\b|\bacceso limitado\b"
    r"|\bgracias por su (?:mensaje|correo)\b.{0,200}?\b(?:regreso|respondere|vacaciones|fuera)\b"
    r"|\bestoy en una reunion\b"
    r"|(?<!estuve )(?<!estaba )\bfuera de la oficina\b"
    r"|\bvoicemail from\b|\bmensaje de voz de\b|\btranscri(?:ption|pcion) (?:by|de|por)\b"  # a voicemail, transcribed
    r"|^your message\b.{0,300}\bwas read on\b"  # a read receipt
)
# Spoken in the negative, an action word is not a command: "don't claim yet", "no lo compres todavía".
NEGATORS = (
    r"don'?t|do not|(?<!did )(?<!does )not|can'?t|cannot|can not|won'?t|will not|shouldn'?t|should not|never"
    r"|no(?! problem| worries| doubt)|haven'?t|have not|hasn'?t|has not|isn'?t|is not|wasn'?t|was not"
    r"|nothing(?= (?:has |have |had )?(?:sold|closed)\b)"
)
# "didn't buy" is left out on purpose: it reports that the client did not buy (no sale).
ACTION_VERBS = (
    r"fail|claim|buy|purchase|invoice|bill|charge|accept|award|agree|agreed|call|pause|resume|sold|sell|close|reassign"
    r"|closed|connect|patch|invalid"
    r"|put(?! (?:the |a |any )?(?:price|number|numbers|amount|figures?|details)\b"
    r"| it in (?:writing|an? email|a text)\b)"
    r"|mark|give(?= (?:it|this|this one|that one|the referral|the lead) to (?:the )?(?:first|second|third|1st|2nd"
    r"|3rd|last|agent|number|option|#|[0-9]))"  # "don't give it to the first one", not "... to anyone else"
)
SPANISH_NEGATION = (
    r"\bnada (?:vendido|cerrado|firmado)\b|\bno (?:me |nos )?(?:pongan|ponga|pongas|pon) en (?:pausa|hold)\b|"
    r"\bno (?:\w+ ){0,2}?(?:reclam|compr|factur|cobr|paus|comunic|conect|rechaz)\w*|\bno (?:lo |la )?(?:quiero|voy a"
    r"|puedo) marcar\b"
    r"|\bno (?:esta|estan|fue|ha sido) (?:vendid|cerrad)\w*"
    r"|\bno (?!(?:existe|sirve|funciona|contesta|responde)\b)(?:\w+ ){0,3}?llam(?:a|e|en"
    r"|ar|ame|arme|enme|ara|aran|aras|aron"
    r"|es)\b|\b(?:todavia|aun) no\b|\bno todavia\b|\bnadie (?:esta|estan|anda) buscando\b"
    r"|\b(?:no|nunca) (?:he|hemos|han|ha) (?:vendido|cerrado|comprado)\b|\bno se (?:ha|han) (?:vendido|cerrado)\b"
    r"|\bno (?:es|era|fue) (?:un |una )?(?:invalid|falso|falsa|fake|fraude)\w*"  # "No, no es inválido, es mi cliente"
)
# Someone else's sale or purchase, mentioned in passing: "my sister just sold her house", "the neighbor's".
NOT_OURS = (
    r"\bmy (?:personal|own) (?:condo|house|home|place|townhouse|property|residence)\b|"  # "that was my personal condo"
    # "Client's son sold his condo last wk for 310k so they're putting that toward the down pmt"
    r"\b(?:the )?(?:client|buyer|seller)s?'s? (?:son|daughter|mom|mother|dad|father|parents|brother|sister|kids?"
    r"|in-laws|ex|cousin|uncle|aunt|grandma|grandpa) (?:just |finally |already )?(?:sold|bought|closed|listed"
    r"|is selling|is buying)\b|"

    r"\bnot related to (?:any|your|the|a|one of your) (?:of your )?(?:referrals?|leads?)\b|"
    r"\b[a-z]+'s own (?:house|home|place|condo|townhouse|listing|property)\b|"  # "Greg's own house on Maple Ridge"
    r"\ba (?:friend|neighbou?r|cousin|coworker|co-worker|colleague|buddy) of (?:mine|ours)\b|"  # "A friend of mine"
    r"\b(?:she|he|they|(?:the )?(?:buyers?|clients?))(?:'s|'ve| has| have)? (?:already |finally |just )?sold"
    r" (?:her|his|their) (?:place|house|home|condo|townhouse) (?:back |up |down |out )?in\b|"

    r"\b(?:my|our|mi|mis) (?:sister|sis|bro|brother|cousin|friend|mom|dad|mother|father|parents?|neighbou?rs?|aunt"
    r"|uncle|son"
    r"|tia|tio|abuela|abuelo|prima|primo|suegra|suegro|cunada|cunado|comadre|compadre|mama|papa|colega|companero"
    r"|esposo|esposa|marido|novio|novia|hijo|hija"
    r"|companera|socio|socia"
    r"|daughter|boss|coworker|colleague|in-?laws?|wife|husband|teammate|team member|nephew|niece|grandson|officemate"
    r"|granddaughter|relative)\b(?! (?:[a-z]+ )?(?:says|said) (?:to tell you|to say|hi|hello|thanks|thank you)\b)"
    r"|\b(?:la casa )?de al lado\b"  # not "My husband Bill says to tell you the buyers are good people": greetings
    r"|\b(?:their|his|her) (?:old|previous|former) (?:place|house|home|condo|townhouse)\b(?=[^.!?]{0,40}\bsold\b)"
    r"|\b(?:another|other) agent'?s (?:listing|deal|buyer|client|house|sale)\b"
    r"|\bmy other (?:buyers?|sellers?|clients?|deals?)\b|\bneighbou?r (?:across the street|next door|down the street)\b"
    r"|\bcolleague of mine\b"
    r"|\b(?:doors?|houses?) down from\b|\bgood comp\b|\b(?:a|another|the) listing (?:down the street|nearby|next door"
    r"|around the corner|across the street)\b"
    r"|\b(?:with|had) (?:a|another) (?:buyer|client|seller) who (?:wasn'?t|was not|never|didn'?t)\b"
    r"|\b(?:the )?sale of (?:his|her|their) (?:lake|beach|vacation|rental|other|old|previous|current) ?(?:house|home"
    r"|place|property|condo|cabin)?\b|\b(?:his|her|their) other (?:agent|realtor)\b"
    r"|\b(?:client|buyer|seller)'?s (?:sister|brother|cousin|friend|neighbou?r|aunt|uncle)\b"
    r"|\b(?:someone|somebody|an agent|another agent|one of the agents) (?:in|from|at) (?:our|my) (?:office|brokerage)\b"
    r"|\b[a-z]+ (?:in|from|at) (?:our|my) (?:office|brokerage) (?:just |already )?(?:sold|closed|listed|bought)\b"
    r"|(?<!from a )(?<!from the )(?<!from their )(?<!from his )(?<!from her )(?<!to a )(?<!to the )(?<!to their )"
    r"(?<!buying their )(?<!bought their )(?<!buy their )(?<!buying a )(?<!bought a )\bneighbou?r'?s?\b"
    r"|\b(?:sold|sell|bought|buy|purchased|buying|selling) (?:a|an|the|my|our|their|his|her)(?: old)?"
    r" (?:car|truck|boat|bike|couch|dog|puppy"
    r"|lunch|dinner|ticket|tickets|phone|stuff|old)\b|\bsold out\b"
    r"|\bvend\w* (?:mi|nuestro|nuestra|el|la) (?:carro|coche|auto|camioneta|moto|bici)\b"
    r"|\bvend\w* (?:como |unos |unas |[0-9]+ )*(?:pasteles|tamales|galletas|boletos|rifas|cosas|ropa|comida|dulces"
    r"|empanadas)\b|\b(?:bake|yard|garage|estate|rummage) sale\b|\bventa de (?:garage|garaje|la iglesia|pasteles)\b"
    r"|\bsold (?:like |about |over |around )?[0-9]+ (?:cookies|tickets|cupcakes|pies|boxes|shirts|things|raffle)"
    r"|\bcerr\w* (?:la|nuestra|mi) (?:oficina|tienda|escuela)\b"
    r"|\b(?:office|school|store|shop|bank|business|road|restaurant|gym|daycare|airport|mall|court|library)s?"
    r"(?: is| are| was| were|'s)? closed\b|\bwe'?re closed (?:on|today|for the|until|till|this|tomorrow|now)\b"
    r"|\bclosed on (?:sundays|saturdays|mondays|weekends|holidays)\b"
    r"|\b(?:my|our) (?:old |former |previous |new )?(?:teammate|team mate|partner|broker|buddy|roommate|assistant"
    r"|colleague|coworker|co-worker"
    r"|associate)"
    r"(?:'s\b(?! (?:note|notes|email|message|text|summary|recap|update)\b)| (?:[a-z]+ ){0,2}?(?:sold|closed"
    r"|bought|listed|got|has|had|is|was|did|just|will|can|could|would|handles?|handled|takes?|took)\b)"
    r"|\bfor (?:my|our) (?:teammate|team mate|partner|broker|buddy|roommate|assistant)\b"
    r"|\bsold (?:my|our) (?:own )?(?:house|home|place|condo)\b|\b(?:my|our) own (?:house|home|place|condo)\b"
    r"|\b(?:compramos|compre|vendimos|vendi) (?:nuestra|mi) (?:propia )?(?:casa|casita|depa|depto|departamento"
    r"|apartamento|apto|condo)\b"
    r"|\b(?:closed on|bought|moved into|moving into|closing on) (?:our|my) (?:new |first |dream )?(?:house|home|place"
    r"|condo)\b|\bsold (?:my|his|her|their|your) soul\b"
    r"|\bheard\b(?! back\b| from\b)|\bi hear\b"
    r"|\bnot one of (?:ours|yours|mine|(?:our|your|my) (?:leads|referrals|clients))\b"
    r"|\b(?:su|sus|mi|mis) propi[oa]s? (?:casa|casita|depa|departamento|apartamento|condo|hogar)\b"
    r"|\b(?:mi|nuestra) casa (?:ya )?se (?:vendio|cerro)\b|\b(?:mi|nuestra) casa propia\b"
    r"|\b(?:his|her|their) (?:own|first) (?:home"
    r"|house|place|condo)\b(?! (?:with|through) (?:me|us)\b)|\bcongrat\w* to\b|\bfelicidades a\b"
    r"|(?<!not )\bmy own (?:listing|listings|deal|sale|house|home|place|condo)\b"
    r"|\b(?:our|my) (?:house|home|place|condo)(?: in [a-z]+(?: [a-z]+){0,2})? (?:finally |just |has |have )?"
    r"(?:sold|closed)\b"
    r"|\bthe listing (?:at|on) [0-9]+ [a-z]+"
    r"|\b(?:minha|nossa) casa\b"
    r"|\b(?!(?:client|buyer|seller|customer)s?'s)[a-z]+'s (?:brother|sister|mom|dad|mother|father|son|daughter|cousin"
    r"|uncle|aunt|wife|husband|friend|neighbou?r)(?:-in-law)? (?:just |finally )?(?:sold|bought|closed|purchased)\b"
    r"|\b(?:vend\w*|compr\w*) (?:mi|nuestra) (?:propia )?(?:casa|casita|depa|depto|departamento|apartamento|apto"
    r"|condo)\b"
    r"|\bmi (?:herman|prim(?!er)|amig|vecin|mama|papa|madre|padre|ti[oa]\b|jef|companer|cunad|suegr|soci[oa]\b|compadre"
    r"|comadre)"
    r"|\b(?:i|we) (?:already |just |once )?sold (?:a|an|another|one|two|three|several|many|lots of|plenty of"
    r"|[0-9]+)"
    r" (?:house|home|condo|place|propert|listing)"
)
# The agent's own track record, not this referral's news: "I've sold a dozen homes in that neighborhood"
TRACK_RECORD = (
    # "two of my clients just closed and my calendar finally has breathing room": other clients, the agent's week
    r"\b(?:two|three|four|five|several|a few|a couple|some|[0-9]+) of my (?:other )?(?:clients|buyers|sellers|deals"
    r"|listings) (?:just |finally |already )?(?:closed|sold)\b|"
    r"\b(?:i|we|i'?ve|we'?ve) (?:already |just |once )?sold (?:a|an|another|one|two|three|several|many|lots of"
    r"|plenty of"
    r"|[0-9]+|a dozen|dozens of|a lot of|a bunch of"
    r"|(?:about|around|over|nearly|almost|close to|more than|like|maybe) (?:[0-9]+|(?:twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|a hundred)(?:-[a-z]+)?))(?: [a-z]+)? (?:house|home|condo|place|propert|listing)"
    r"|\b(?:i|we|i'?ve|we'?ve) (?:already |just )?(?:sold|closed) (?:[0-9]+|two|three|four|five|several|a few) (?:on"
    r"|in)"
    r" (?:that"
    r"|the"
    r"|this) (?:same )?(?:street|block|neighborhood|subdivision|building|area|zip)\b"  # "I sold 3 on that same street"
    r"|\b(?:i|we|i'?ve|we'?ve) (?:already |just )?closed (?:two|three|four|five|six|seven|eight|nine|ten|several|many"
    r"|[0-9]+|a dozen|dozens of) (?:deals|transactions|sales|homes|houses)\b"
    # "Just closed on two buyers in Overland Park this month": the agent's own count of deals
    r"|\b(?:i |we )?(?:just )?closed (?:on|with) (?:two|three|four|five|six|several|[0-9]+) (?:buyers|sellers|clients"
    r"|families|listings)\b"
    r"|\b(?:cerr|vend)\w* (?:(?:como|unas|unos|casi|mas de|cerca de) )?(?:dos|tres|cuatro|cinco|varias|muchas"
    r"|[0-9]+|veinte|treinta|cuarenta|cincuenta|sesenta|cien) (?:ventas|casas|operaciones|propiedades)\b"
    r"|\b(?:i'?ve|we'?ve|i have|we have) (?:already )?(?:sold|closed)\b[^.!?]{0,40}\b(?:twice|[a-z0-9]+ times)\b"
    r"|\b(?:my|the) (?:last|previous) (?:one|referral|lead|deal) (?:from|through|with) (?:you|y'?all|your)\b"
    r"|\b(?:i|we)(?: have|'ve) (?:sold|closed|listed) (?:residential )?(?:houses|homes|real estate|property) for"
    r" (?:[0-9]+|over [0-9]+|(?:twenty|thirty|forty|fifty)[- ][a-z]+"
    r"|thirty|forty|twenty) years\b"  # "I have sold houses for 34 years"
    r"|\b(?:i|we)(?: have|'ve)? (?:only )?ever (?:sold|listed|closed)\b"  # "I have only ever sold family homes"
    r"|\b(?:sold|closed)\b[^.!?]{0,40}\bin (?:my|our) (?:[0-9]+|twenty|thirty|forty|fifty) years\b"
)
# A command in a conditional or speculative sentence is no command: "yes but only if it's in 78704", "I might
# need to pause next month", "if they close I'll let you know". The parser answers these with a question at most.
HYPOTHETICAL = (
    r"\bif\b|\bunless\b|\bmight\b|\bojala (?:pudiera|tuviera|pudiese|fuera)\b|\bsi es asi\b|\bpuede que\b"
    r"|\b(?:starting|beginning) to (?:think|suspect|wonder)\b"  # "I'm starting to think the number is fake"
    r"|^si (?:me |nos |le |les |te )?(?:devuelven|reembolsan|garantizan|regresan|bajan|rebajan|aceptan|es|esta|queda"
    r"|el cliente|la clienta|el precio)\b[^,.!?]{0,80}, (?:la|lo|las|los) (?:compro|tomo|quiero|acepto)\b"
    # "Si me devuelven el dinero cuando el cliente no contesta, la compro": an if, not a yes
    r"|(?<!saying )(?<!said )\bi'?d (?:pause|claim|buy)\b"  # "I'd pause until the 1st if ...": would, not will
    r"|\b(?:lo|la) (?:compro|tomo|quiero|acepto) si\b(?! (?:todavia|aun|sigue) (?:esta )?disponible)"  # "Lo compro
    # si el cliente está preaprobado"
    r"|\b(?:idk|i don'?t know|not sure|no se)\b[ ,.]*(?:i'?ll|i will|let me) (?:let you know|get back|think|decide)"
    r"|\bbefore (?:they|she|he|we) (?:can |could )?decide\b"
    r"|(?<!still )\b(?:can'?t|cant|cannot|can not) decide\b(?! between\b)"  # not "my buyer Phil still can't decide"
    r"|\bno me decido\b|\bno se (?:todavia|aun)\b(?! nada)|\b(?:todavia|aun) no se\b(?! nada)"
    r"|\btorn between\b|\bcapaz que\b"
    r"|\bsi (?:me|nos) (?:la|lo|las|los) (?:dan|das|da|regalan|regalas|mandan|pasan|dejan|bajan)\b"
    r"|\b(?:primero|antes) (?:necesito|quiero|tengo que) saber\b|\bin principle\b|\ben principio\b"
    r"|\bpero (?:primero|antes) (?:dime|digame|diganme|confirmame|confirmenme|avisame)\b"
    r"|\bplanning to\b|\bmaybe\b(?! next time)"
    r"|\bprobably\b|\bpossibly\b|\bperhaps\b"
    r"|(?<!no )\b(?:prob|prolly|probs)\b|\b(?:going|go|went) back and forth between\b"
    r"|\bprobablemente\b|\bposiblemente\b|\bsi dios quiere\b|\bestoy pensando\b|\bsi necesit\w*"
    r"|\bsi si\b|, si no\b|\bsi (?:es|esta|son|estan|queda) (?:en|por|de|del|al|cerca|dentro|fuera)\b"
    r"|(?<!llamame )(?<!llamenme )(?<!marcame )\bantes de (?:aceptar|tomar|comprar|decidir|confirmar|comprometerme)\b"
    r"|\blet me (?:double[- ]?check|verify|confirm)\b"  # "think it sold for like 375 but let me double check"
    r"|(?<!so that it )(?<!so it )\bmay (?:need|have|want|be)\b|\bwhether\b"
    r"|\bprovided (?:that )?(?:the|it|it'?s|they|she|he|we|i)\b"
    r"|\bproviding (?:that )?the\b|\bon (?:the )?condition (?:that )?\b|\bso long as\b"
    r"|\bonce (?:it|it'?s|they|they'?re|the|we|we'?re|he|she)\b|\bas soon as\b|\bjk\b|\bjust kidding\b"
    r"|(?<!not )(?<!no )\bkidding\b(?! me\b)"
    r"|\bwhen (?:it|it'?s|they|they'?re|we|we'?re) (?:close|sell|buy|get|is|are)\b"
    r"|\bwould(?:'?ve| have)\b|(?<!for )\b(?:thinking|thought) (?:about|of)\b(?! (?:me|us)\b)"
    r"|\bthinking (?:i|we)(?:'?ll| will| might| may| should)\b"
    r"|\bas long as\b|\bsiempre y cuando\b|\bsolo si\b|\bcon tal (?:de )?que\b|\bwish i could\b"
    r"|\bi wish\b(?! (?:them|him|her|you|y'?all|everyone|the (?:family|couple|buyers?|sellers?))\b)|\b(?:te"
    r"|le|les) (?:digo|aviso|confirmo) si\b"
    r"|\bconsidering\b|\bplanning (?:to|on)\b|\bhoping to\b|\bhope to\b|\bfingers crossed\b|\bsometime\b"
    r"|\b(?:les|te|le) confirmo (?:si|manana|luego|mas tarde)\b|\b(?:manana|luego|mas tarde) (?:les|te|le) confirmo\b"
    r"|\bmore (?:details|info|information) first\b|\bbefore i (?:commit|decide|say yes|take (?:it|this"
    r"|this one)|claim (?:anything|it|this|one))\b|\bno estoy segur[oa]\b|\blet me (?:think|check|see)\b"
    r"|\bstill thinking\b|\bthinking it over\b"
    r"|\bhaven'?t (?:confirmed|been able to confirm)\b|\bnot (?:yet )?confirmed\b|\bunconfirmed\b"  # "pretty sure
    # they're going FSBO but haven't confirmed"
    r"|\bdejame (?:pensarlo|pensar|ver|checar|revisar|consultarlo|consultar|preguntar|hablar)\b"
    r"|\bprimero (?:tengo que|debo|necesito|dejame|quiero) (?:consultar|hablar|preguntar|checar|revisar|ver|confirmar)"
    r"|\blo pienso\b"
    r"|\bsi [a-z]+(?:iera|ara|ase|iese)(?:s|mos|n)?\b"  # "si vendiera tan rápido ...": if only
    r"|\bbefore i (?:report|mark|give up on|fail|return|buy|purchase|pay|accept|agree|claim)\b|\b(?:will"
    r"|i'?ll) confirm\b"
    r"|\bin case\b|\bnot sure\b|\bunsure\b|\bnot certain\b|\bdon'?t know if\b|\bno se si\b|\bquizas?\b|\btal vez\b"
    r"|\ba lo mejor\b|\bsi (?:es que|fuera|llegan?)\b"
    r"|(?:^|, )si (?:el|los|las|ellos|ellas|ella|mi|tu|su|sus|todo|usted|hay|todavia|aun|sigue|siguen|ya no|nadie"
    r"|ningun|ninguno|ninguna|otro|otra)\b"
    # "si la tomo": a yes, unless its own sentence asks ("si la tomo?": if I take it?)
    r"|(?:^|, )si (?:la|lo)\b(?! (?:tomo|quiero|acepto|agarro|atiendo|compro|pago|tomamos|queremos|compramos|cojo"
    r"|cogemos|llevo)\b"
    r"(?![^?.!]*\?))"
    r"|(?:^|(?<=[.!?\n] ))si (?:quieres|quiere|quieren|puedo|puedes|puede|pueden|tienes|tiene|tienen|hay|necesitas"
    r"|necesita)\b|^si no\b"  # "Mi cuñado compró en Kendall ... Si tienen más compradores por esa zona me avisan"
    r"|^si (?:digo|pongo|contesto|respondo|mando|doy|paso|cobro|reclamo)\b"
    r"|(?:^|, )si (?!la\b|lo\b)[a-z]+ [^?]*\b(?:te|les|le) (?:aviso|digo|escribo|llamo|confirmo|mando|cuento)\b"
)
# Said with "if" but no condition on the action: politeness ("reassign it if you want") or a promise of news ("I'll
# report back once it funds"). Taken out before the hypothetical guard reads the message.
BENIGN_CONDITION = (
    r"\b(?:diganme|digame|dime|avisenme|me avisan|let me know) si (?:necesitan|necesitas|necesita|hace falta"
    r"|requieren)\b[^.!?\n]*|"
    r"(?<!only )\bif (?:you|u) (?:want|like|wish|prefer|need|can|don'?t mind)\b[^.,;!?\n]*"
    # "not interested right now but maybe later on. pass on 3307", "AWARD 6012 2. sorry, prob should've done this
    # friday", "Not sure if you need the settlement statement but I can send it over": none of them hedges the answer
    r"|\bmaybe (?:later(?: on)?|next time|another time|in the future|down the road)\b"
    r"|\b(?:prob|probably|prolly) should(?:'?ve| have)\b"
    r"|\bnot sure if (?:you|u|y'?all) (?:need|want) (?:the|a|an|my|any|a copy of the)\b[^.!?\n]*"
    r"|\bonce (?:the kids (?:are|go) (?:in bed|to bed|asleep|down)|i'?m (?:home|back home|off work))\b"  # "I'll pay it
    # tonight once the kids are in bed"
    r"|\bif (?:that'?s|that is|it'?s|it is) (?:easier|simpler|faster|quicker|better for you)\b"  # "Card on file is
    # fine too if that's easier"
    r"|\bif (?:they|he|she|the client|the buyers?|the sellers?) (?:ever )?(?:call|calls|text|texts|write|writes|answer"
    r"|answers|reach out|reaches out) (?:me |us )?back\b,? (?:i'?ll|i will) let (?:you|u) know\b"  # "if they ever call
    # back I'll let u know but giving 5521 back"
    # "25% is fine as long as it's in the signed agreement. AGREE on 7731": the agreement is that paper
    r"|\b(?:as long as|so long as|provided|if) (?:it'?s|its|it is|everything'?s|everything is|that'?s) (?:all )?(?:in"
    r"|on) (?:the )?(?:signed |written )?(?:agreement|writing|paper|contract|paperwork)\b"
    r"|\bif (?:possible|needed|that works)\b|\bsi (?:lo )?(?:prefieren|prefiere|prefieres|gustan|desean)\b[^.;!?\n]*"
    r"|\b(?:let me know|lmk|avisame|avisenme) (?:once|when|as soon as)\b[^.;!?\n]*"
    # "will let you know when to start sending again": the ask is for later
    r"|\b(?:(?:i'?ll|i will|will) )?(?:let (?:you|u|y'?all) know|tell (?:you|u)|text (?:you|u)|holler|reach out)"
    r" (?:when|once) (?:to|(?:i'?m|i am) ready to)\b[^.;!?\n]*"
    r"|\bif (?:anything|something) (?:urgent|comes up|important)\b|\bif (?:it'?s )?urgent\b"
    r"|\bonce (?:it|that|the (?:charge|payment|card)) (?:goes|went|has gone) through\b"
    r"|\bif [^.;!?\n]*\b(?:i'?ll|i will) (?:loop you in|let you know|keep you posted|reach out|update you"
    r"|forward (?:it|them|that)|pass (?:it|that) (?:on|along))\b[^.;!?\n]*"
    r"|\bmaybe (?:he|she|they|someone else|somebody else|another agent)(?:'ll| will| can| could)\b[^.;!?\n]*"
    r"|\bsi (?:necesitan|ocupan|requieren) (?:firma|algo|mi firma)\b[^.;!?\n]*"
    r"|\bsi hay (?:algo|algun (?:documento|papel|formulario)|que) (?:que )?firmar\b[^.;!?\n]*"  # "... me lo mandan"
    r"|\b(?:says?|said|told (?:me|us)) to reply [a-z ]{2,15} if [^,.;:!?\n]*"
    r"|\bfingers crossed\b|\bcross(?:ing)? (?:my |our )?fingers\b|\bdedos cruzados\b"
    r"|\bnot sure (?:how long|when|for how long|what else)\b[^.;!?\n]*"
    r"|\bif (?:anything|something|that|things|plans) changes?\b[^.;!?\n]*"
    r"|\bsi (?:necesitan|necesitas|necesita|ocupan) algo(?: urgente)?\b[^.;!?\n]*"
    r"|\bif [^.;!?\n]*\bi (?:may|might|will|'ll) (?:ask for|need) (?:more time|an extension"
    r"|a few more days)\b[^.;!?\n]*"
    r"|\b(?:someone|somebody|an agent|another agent) (?:who|that) (?:may|might|could|can) (?:have|do)\b[^.;!?\n]*"
    r"|\bsi (?:llega|sale|hay|tienen|tienes|aparece) algo\b[^.;!?\n]*\b(?:aqui|aca) estoy\b"
    r"|\bif (?:anything|something) (?:comes up|opens up|else comes)\b[^.;!?\n]*\b(?:i'?m (?:here|around|available)"
    r"|let me know|send it my way)\b"
    r"|\bsi (?:necesito|necesitan|necesita|hace falta)\b[^.;!?\n]*\b(?:les|te|le|me) (?:aviso|avisan|avisa|digo"
    r"|dicen)\b"
    r"[^.;!?\n]*"
    r"|\bif (?:it|this|that|he|she|they) (?:were|was) [^.;!?\n]*\b(?:i'?d|i would)\b[^.;!?\n]*"
    r"|\b(?:maybe|quizas?|tal vez)\b[^.;!?\n]*\b(?:vuelv\w*|come back|look again|buscar de nuevo)\b[^.;!?\n]*"
    r"|\bif you (?:send|have|need|get|see)\b[^.;!?\n]*"
    r"|\b(?:i'?ll|i will) (?:call|contact|reach out to|text|email|ring) [^.;!?\n]*\bas soon as\b[^.;!?\n]*"
    r"|\b(?:someone|somebody) (?:else )?(?:might|may|could) (?:be able to )?[^.;!?\n]*"
    r"|\bjust in case\b|\b(?:you )?(?:might|may) want to\b[^.;!?\n]*"
    r"|\b(?:fee|commission|check|payment|split|cut|%)[^.;!?\n]{0,40}\b(?:as soon as|once|when)\b[^.,;!?\n]*"
    r"|\bin case (?:that|things|anything|something) changes?\b[^.;!?\n]*"
    r"|\b(?:i'?ll|will) (?:stay|keep) in touch\b[^.;!?\n]*"
    r"|\bif (?:one is |it is |it'?s |that'?s )?(?:needed|necessary|required)\b"
    r"|\bif (?:they|he|she) (?:ever )?changes? (?:their|his|her) minds?\b[^.;!?\n]*"
    r"|\bno se si (?:respondo|contesto|lo hago|estoy respondiendo|escribo) bien\b[^.;!?\n]*"
    r"|\bnot sure (?:if|whether) [^.;!?\n]*\b(?:doing (?:this|it) right|right way|caps|correct(?:ly)?"
    r"|supposed to (?:reply|type|text|answer))\b[^.;!?\n]*"
    r"|\b(?:hop(?:e|ing)|expect(?:ing)?) (?:the|my) (?:check|commission|payment|fee|funds)\b[^.;!?\n]*"
    r"|\bnot sure (?:of|about) the (?:final |exact )?(?:number|price|amount|numbers)\b[^.;!?\n]*"
    r"|\b(?:let me know|lmk|tell me) if\b[^.,;!?\n]*"
    r"|\bif (?:that'?s|that is|it'?s|it is) (?:possible|ok|okay|alright|fine|easier)\b"
    r"|\b(?:call|text|ping|email) me if\b[^.,;!?\n]*"
    r"|\bif (?:they|he|she) ever\b[^.;!?\n]*|\bif (?:i'?m|i am|we'?re|we are) back\b[^.;!?\n]*"
    r"|\bif (?:they|he|she) (?:resurface|surface|reach out|respond|reply|get back|call|come back)\b[^.;!?\n]*"
    r"|\bif (?:it|the (?:amex|visa|mastercard|card|charge|payment)|that card|my card|the card on file)"
    r" (?:bounces|declines|is declined|fails|doesn'?t go through)\b[^.;!?\n]*"
    r"|\b(?:easier|better|faster|quicker|simpler) if\b"
    r"|\b(?:that|which) (?:might|may) (?:fit|work|suit|interest)\b[^.;!?\n]*"
    r"|\bmaybe (?:ask|try|give it to|send it to|check with)\b[^.;!?\n]*"
    r"|\bi'?ll (?:call|text|email|ping|let) you(?: know)? if\b[^.;!?\n]*"
    r"|\b(?:sorry |apologies )?if i'?m not (?:replying|responding|doing (?:this|it)|answering|texting|writing)"
    r"[^.,;!?\n]*"
    r"|\b(?:wasn'?t|was not|not|am not|i'?m not) (?:really |totally |100% )?sure (?:if|whether|which|what|how) "
    r"[^.,;!?\n]*\b(?:type|reply|word|words|respond|answer|format|supposed to|use|say|text)\b[^.,;:!?\n]*"
    r"|\b(?:i'?ll|i will|will) (?:report back|update you|let you know|keep you posted"
    r"|send (?:you )?(?:an?|the|a full|a real|more|an? (?:full|real|proper|better)) update)\b[^.;!?\n]*"
    r"|\b(?:i'?ll|i will|will) (?:send|pay|wire|forward|mail) (?:you )?(?:the |your |my )?(?:referral )?"
    r"(?:fee|check|payment|paperwork|commission|split|settlement statement)\b[^.;!?\n]*"
    r"|\b(?:i'?ll|i will|will) pay (?:by|with|via|when|once|as soon as|after|upon)\b[^.;!?\n]*"
    r"|\b(?:i'?ll|i will|will) send (?:it |them |those |the numbers |the details |the final numbers )?(?:later"
    r"|soon|once"
    r"|when|after|tomorrow|next week)\b[^.;!?\n]*"
)
# "I'm meeting with them Tuesday and will send a full update after that": the update is still to come
PLANNED_PROGRESS = (r"\b(?:meeting|seeing|meet) (?:with )?(?:them|him|her|the (?:client|buyer|seller)s?)\b"
                    r"|\bstill deciding\b")
DEFERRED_UPDATE = (
    r"\b(?:will|'ll) (?:circle back|follow up|get back to you|check back|touch base|keep you posted)\b"
    r"|\bno (?:news|updates?) yet\b|"
    r"\b(?:will|'ll) (?:send|give|get) (?:you )?(?:an?|the|a full|more|an? (?:full|real|proper)) update\b"
    r"|\b(?:will|'ll) (?:update you|report back|let you know) (?:after|once|when|then|next week|soon|later)\b"
    r"|\b(?:might|may|will|'ll) have (?:something|news|an update|more) (?:to report )?(?:on [#0-9 ]+)?(?:after|next|by"
    r"|soon)\b"
)
# A year before this one after "in", "en", "since": "Esa casa la vendí en 2019" is long ago, and 2019 no code
PAST_YEAR = r"\b(?:in|en|since|desde|back in|around) ((?:19|20)[0-9]{2})\b"
# Short tags that do not make a clause a question: "Esta vez paso, vale?"
TAG_QUESTIONS = frozenset({"vale", "ok", "okay", "k", "right", "ya", "sabes", "verdad", "cierto", "si", "yeah", "no"})
# A relative clause, not a question: "..., which is well outside my market"
RELATIVE_CLAUSE = (r"^which (?!(?:one|ones|referrals?|leads?|of|agent|code|zip|area|buyer|seller|client|house|home)\b)"
                   r"|^who(?:'s| is| was| are| were| has) (?:at|in|on|out|away|traveling|travelling|currently|still|now"
                   r"|busy|handling|covering|also|licensed|[a-z]+ing)\b"  # "who is also an agent", ", who is showing
                   # property all day today"; "got Tony's Pizza, who were very patient with me"
                   r"|^who(?:'s| is| was| are| were)? (?:very |so |really |super |quite |pretty |extremely )?(?:patient"
                   r"|nice|kind|friendly|helpful|polite|rude|confused|surprised|lovely|sweet|gracious|understanding)\b"
                   r"|^who (?:never|had)\b"
                   r"|^quien(?:es)? (?:se encuentra|se encuentran|esta|estan|trabaja|trabajan)\b")
# A sale, a loss or a purchase long ago is not this referral's news: "I sold a house there last year".
LONG_AGO = (r"\blast year\b|\byears? ago\b|\ba while (?:back|ago)\b|\bback in (?:19|20)[0-9]{2}\b|\bel ano pasado\b"
            r"|(?<!sent me )(?<!sent )(?<!referred me )(?<!gave me )\bback in (?:january|february|march|april|may|june"
            r"|july|august|september|october)\b")
# An action put in the future is no command now: "it will be sold by Friday", "I'll pause next month" (a pause
# that starts later cannot start today), "I will invoice later". An end date ("until ...") is not a start.
FUTURE_ACTION = (
    r"\b(?:will|'ll|going to|gonna|should|about to|expect(?:s|ing)? to|plan(?:s|ning)? to|hop(?:e|ing) to)(?: be)?"
    r" (?:sell|sold|close|closed|pause|paused|invoice|invoiced|bill)\b"
    r"|\b(?:will|'ll|going to|gonna) (?:send|text|reply|type|write|put|mark)(?: (?:you|u|it|y'?all))?(?: as)?"
    r" (?:sold|pause|buy|invoice|no sale)\b"  # "I'll send SOLD then", "will text SOLD when it closes"
    r"|\b(?:so )?(?:you|u) can (?:pause|charge|invoice|bill) (?:me|it)(?: [a-z]+)? then\b|\bpayday is\b"
    # "I'll buy it Monday when my card resets": a purchase on a later day
    r"|\b(?:will|'ll|going to|gonna) (?:buy|purchase|pay for) (?:it|this|this one|that one) (?:on )?(?:monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|tomorrow|next)\b|\bwhen my (?:card|account|paycheck|limit)"
    r" (?:resets|clears|renews|comes in)\b"
)
FUTURE_TIME = (
    r"\bnext (?:week|month|year|spring|summer|fall|winter|weekend|monday|tuesday|wednesday|thursday|friday)\b"
    r"|\b(?:pause|hold) (?:me|my referrals|them) then\b"
    r"|(?<!weeks )(?<!days )(?<!months )(?<!years )(?<!week )(?<!day )(?<!month )\blater\b"
    r"|(?<!talk )(?<!speak )(?<!chat )(?<!see you )(?<!hablamos )\bsoon\b"  # not "talk soon", a sign-off
    # "Voy a pausar la cuenta cuando me vaya en diciembre": when the agent leaves
    r"|\bcuando (?:me vaya|nos vayamos|salga de viaje|me toque)\b"
    r"|\beventually\b|\bsomeday\b|\bafter the [0-9]{1,2}(?:st|nd|rd|th)?\b|\bcloser to (?:then|the date|that time|it)\b"
    r"|\bwhen i (?:start|get back|return|go on|get paid)\b|\bcuando me paguen\b"
    r"|\bafter (?:christmas|thanksgiving|the holidays|new year)"
    r"|\bbefore i (?:go|leave|head out|fly out|take off)\b"
    r"|\bdespues de (?:las fiestas|navidad|ano nuevo|accion de gracias|thanksgiving|los feriados)\b"
    r"|(?<!sent me )(?<!sent )(?<!referred me )(?<!met them )(?<!met )(?<!started )(?<!back )"
    r"\bin (?:january|february|march|april|june|july|august|september|october|november|december|the spring)\b"
    r"|\b(?:el (?:mes|ano)|la semana) que (?:viene|entra)\b"
    r"|\b(?:el (?:otro|proximo) (?:mes|ano)|la (?:otra|proxima) semana)\b"
    r"|\bla (?:semana|proxima semana) que viene\b|\bmas tarde\b"
    r"|\ben (?:enero|febrero)\b"
)
# "back at it after the holidays": the day the agent returns
UNTIL_WORDS = (r"\b(?:until|till|til|thru|through|hasta|back (?:on|the)(?! (?:my|his|her|our|their) feet\b)"
               r"|back (?:at it |to work )?after|regreso el|vuelvo el|return(?:ing)? on)\b")  # not "back on my feet"
# A five-digit number after these words is a zip code, not a referral code: "I'll take the buyer in 78745".
ZIP_CONTEXT = (
    r"\b(?:in|in the|en|en el|zip(?: code)?|area|zona|codigo postal|near|cover|covers|work|works|farm|serve|serves"
    r"|around|part of|closer to|close to|closest to|nearest to|far from|right by|el de|la de|los de|las de|zona es"
    r"|how far|how far is|how far away is"  # "I'm not sure how far 85383 is from where I usually work"
    r"|zip is|area is"
    r"|zip says|zip shows"
    r"|conozco(?: bien| muy bien)?(?: el| la)?|trabajo (?:por|en|el)(?: el| la)?"
    r"|know|knows|been to|moving to|move to|moved to|relocating to|thought it said|it said|it says|mercado del?"
    r"|zona del?"
    r"|(?:hrs?|hours?|mins?|minutes|miles?|blocks?) (?:away )?from|agente del?"
    r"|(?<!first )(?<!second )(?<!third )(?<!last )(?<!1st )(?<!2nd )(?<!3rd )agent (?:for|in|of)|set on"
    r"|\b[0-9]{5} (?:is (?:[0-9]+|an?|like|about|over) (?:hrs?|hours?|mins?|minutes|miles?)|me queda|queda|me pilla"
    r"|es (?:el|la))\b"
    r"|side of|north of|south of"
    r"|east of|west of|past|beyond|only|open to|outside(?: of)?|inside|within|spot (?:for|in)|(?:don'?t|dont|only) do)"
    r" [#(]?[0-9]{5}(?: ?(?:,|or|and|y|o|/|&) ?[0-9]{5})*\b"
    r"|\b[0-9]{5} (?:covers|is (?:kind of |kinda |sort of |quite |such |a bit of |a little )?(?:a )?"
    r"(?:big|huge|large|tight|brutal|pricey|expensive|competitive|haul|drive|hike"
    r"|trek))\b"
    r"|\b[0-9]{5} (?:isn'?t|is not|ain'?t|not) (?:in )?(?:my|our)\b|\b[0-9]{5} (?:is )?the zip\b"
    r"|\b[0-9]{5} (?:is|has been|stays|seems|esta|sigue)(?: still| so| really| super| pretty| crazy| muy| tan)?"
    r" (?:hot|cold|crazy|busy|slow|dead|on fire|wild|insane|nuts|bonkers|bananas|caliente|loco|lento"
    r"|muerto)\b"  # market talk
    r"|\b(?:neighbou?rs?|vecin[oa]s?) (?:at|on|en|de la|del) [0-9]{3,5}\b"
    r"|\b[0-9]{5} (?:me )?queda (?:muy )?(?:lejos|lejisimos?|cerca|retirado)\b"  # "el 78704 me queda lejísimo"
    # "Closed the 78745 townhome"
    r"|\bthe [0-9]{5} (?:townhome|townhouse|condo|house|home|duplex|property|ranch|lot)\b"
    r"|\b0[0-9]{4}\b"  # New England's, New Jersey's and Puerto Rico's zips: no code starts with 0
    r"|\b(?:offers?|leads?|referrals?) (?:for|in) [0-9]{5}(?: ?(?:,|or|and|y|o|/|&) ?[0-9]{5})*\b"
    r"|\b(?:last|the) (?:two|three|four|few|couple|[0-9]+)(?: (?:leads|referrals|ones))? (?:from|in) [0-9]{5}\b"
    r"|\b(?:solo |only )?(?:dice|says) [0-9]{5}\b"
    r"|\b(?:el|la) [0-9]{5} y (?:el|la) [0-9]{5}\b"  # "Sigo en el 33125 y el 33135"
    r"|\b(?:el|la|lo|los|las) del [0-9]{5}\b"  # "mía la del 77036": the one from that zip
    # "78745 is not even close to me"
    r"|\b[0-9]{5} (?:is|isn'?t|is not|ain'?t)(?: not)?(?: even| nowhere)? (?:close|near|nearby|far|way out|out of)\b"
    r"|\b[0-9]{5} (?:is where|(?:even |really |actually )?in my (?:area|market|territory))\b"
    r"|\bis [0-9]{5} (?:in )?(?:your|my|our) (?:side|part|area|neck|turf|territory|zone)\b"  # "is 78745 your side"
    r"|\b(?:what|which) (?:part of town|area|neighborhood|side of town|part of the city) is [0-9]{5}\b"
    r"|\b(?:come|came|comes|coming) in (?:for|in) [0-9]{5}\b"
    r"|\b[0-9]{5}(?= (?:lo|la) (?:trabajo|conozco|cubro)\b)"  # "El 33165 lo trabajo full"
    r"|\b[0-9]{5} at \$?[0-9][0-9.,]* ?k?\?"  # "78704 at 450k??": a zip and its price, asked about
    r"|\b(?:it'?s|is) [0-9]{5},? (?:way |well |much |far )?outside\b"
    r"|\boff (?:the |your )?list for [0-9]{5}\b|\b(?:lead|referral|one) you sent (?:me )?(?:for|in) [0-9]{5}\b"
    r"|\b[0-9]{5} is (?:right |squarely |totally )?in my (?:wheelhouse|wheel house|sweet spot|lane|alley)\b"
    r"|\bis [0-9]{5} (?:north|south|east|west|inside|outside|near|close to|by|in|on)\b"  # "is 78704 south of the
    # river?"
    r"|\b[0-9]{3,6}(?: [a-z]+){1,2} is the (?:address|house|property|place)\b|\bthe address is [0-9]{3,6}\b"
    r"|\b[0-9]{5} is (?:right |just |literally )?(?:around the corner|down the street|down the road|next door|close to"
    r"|near|minutes from)\b"
    r"|\b[0-9]{5} (?:me|les|nos)? ?queda (?:lejos|lejisimos|muy lejos|a [0-9]+)"
    r"|\b(?:comprador|compradora|vendedor|vendedora|cliente|clienta|buyer|seller) (?:del?|in|from) [0-9]{5}\b"
    r"|\((?:[a-z.]+ ){1,3}(?:buyer|seller|listing|lead|client|family|couple),? [0-9]{5}\)"  # "(Tampa buyer, 33629)"
    r"|\b[0-9]{5}(?: ?(?:/|,|&|and|or|y|o) ?[0-9]{5})* (?:buyer|seller|client|area|zip|market|listing|family|couple"
    r"|lead"
    r"|referral|one)s?\b"
    r"|\b(?:was|it'?s|is in) [0-9]{5},? (?:is |it'?s |that'?s )?(?:way |much |a bit |kinda |just )?too far\b"
    r"|\b[0-9]{5} is (?:outside|out of|not in|nowhere near|way too far"
    r"|(?:much |a bit |kinda |just |a little )?too far (?:out|away))\b|\b[0-9]{5} es mi (?:zona|area)\b"
    r"|\b[0-9]{5} is (?:basically |literally |right |practically )?(?:in )?my (?:backyard|area|turf|home turf|farm"
    r"|market"
    r"|stomping grounds?|neck of the woods"
    r"|neighborhood|territory|zip)\b"
    r"|\b[0-9]{3,6} (?!(?:is|was|are|were|goes|went|belongs|rings|has|had|my|your|our|his|her|every|any|each|no"
    r"|their)\b)(?:[a-z]+ ){1,3}(?:st|street|ct|court|ave"
    r"|avenue|rd|road|dr|drive|ln|lane|blvd|(?<!thats )(?<!that's )(?<!its )(?<!it's )(?<!too )(?<!no )way|cir"
    r"|circle|pl"  # not "pass on 3307 ngl thats way out my area"
    r"|place|trl|trail|pkwy|hwy)\b(?:\.?,? (?:(?:ste|suite|apt|unit)\.? ?#? ?|#\s?)[0-9]{1,5}[a-z]?\b)?"  # "Blvd #302"
    r"(?:\.?,? (?:(?:ste|suite|apt|unit) #? ?[0-9a-z]+,? )?(?:[a-z]+ ){0,2}[0-9]{5}\b)?"
    r"|\b[0-9]{3,6} (?:nw|ne|sw|se|n|s|e|w) [0-9]+(?:st|nd|rd|th) (?:st|street|ave|avenue|ct|ter|pl|way|rd|dr)\b"
    # "4401 Bay Shore Dr, Tampa 33611", "1420 Calle Ocho, 33135"
    r"|\b(?:la |el |del )?[0-9]{2,6} (?:de la )?(?:calle|avenida|ave|camino|carretera)\b"
    r"(?:(?: [a-z]+){1,3},? [0-9]{5}\b)?"
    # "90210 is 2 hrs from me", "30310 is a good 45 minutes from where I usually work"
    r"|\b[0-9]{5} is (?:(?:a good|a solid|like|about|over|at least|almost|nearly|easily|probably|a) )?(?:[0-9]+|an?)"
    r" (?:hrs?|hours?|mins?|minutes|miles?)\b"
    r"|\b(?:1[89]|20)[0-9]0'?s\b"  # a decade: "a 1960s ranch"
    r"|\b(?:az|tx|fl|ca|ga|nj|ny|nc|sc|tn|ut|nv|nm|ct|ky|ks|ia|mo|mn|ms|mt|nd|sd|nh|ri|vt|wv|wi|wy|ak|ar|md|il)"
    r",? [0-9]{5}\b"  # "Tempe AZ 85281"
    r"|\b(?:al|pa|wa|co|ne|ma|dc|mi|va|hi|id),? [0-9]{5}\b"
    r"|(?m:^[a-z][a-z .'-]*, [a-z]{2},? [0-9]{5}(?:-[0-9]{4})?$)"  # a signature's "Lafayette, LA 70503"
    r"|\b(?:a|the|doing a|do a) 1031\b|\b1031 (?:exchange|exchanges|buyer|investor|money|funds|deadline)s?\b"
)
GREETING = (
    r"(?:(?:hi|hey|hello|hiya|dear|good (?:morning|afternoon|evening)|hola|buenos dias|buenas tardes|epa|epale)"
    r"(?: there| all| team| [a-z]+)?"
    r"|thanks|thank you|thx|ty|great|awesome|perfect|cool|wow|sorry|no problem|no worries|(?:great|good) news"
    r"|gracias|lo siento|perdon|ok|okay|quick question)"
)
# A clause that opens like a question asks, with or without its question mark: "did it close", "what zip is it".
QUESTION_OPENING = (
    r"^(?:what(?! an? )|whats|what's|when(?! (?:you|u|ya) (?:get|have|can)\b)|where|who|whos|who's|why|how|which|cual"
    r"|cuando"
    r"|donde|quien|por que)\b"
    r"|^(?:did|does|do|is|are|was|were|has|have|can|could|should|will|would|any) (?:i|you|u|they|he|she|it|we|the|this"
    r"|that|my|our|their|anyone|someone|somebody|anybody|there)\b|^(?:is|are|was|did|has) [0-9#]"
    r"|^(?:(?:tambien|also|and|y) )?(?:(?:me gustaria|quisiera|quiero) saber si|pregunta (?:mi|el|la|su) [a-z]+ si"
    r"|(?:mi|el|la) [a-z]+ (?:pregunta|quiere saber) si|i'?d like to know (?:if|whether)"
    r"|i want to know (?:if|whether)"
    r"|do you know (?:if|whether|what)|i need (?:some )?advice|(?:a |one )?quick question|una pregunta)\b"
)
REQUEST = (
    r"^(?:would you |do you )?mind (?:sending|emailing|texting|charging|billing|pausing|calling)\b|"
    r"^why (?:don'?t|not) (?:you|u)\b|"
    r"^(?:(?:please|pls) )?call me\b|^(?:seria|es) posible\b|"
    r"^(?:would|will) it be possible (?:to|for (?:you|someone|your team|your office|you guys|y'?all) to)\b|"
    r"^is it possible (?:to|for (?:you|someone) to)\b|"
    r"^any chance (?:you|u|y'?all|someone) (?:could|can)\b|^is there (?:a|any) way (?:you|u|to|for you to)\b|"
    r"^(?:hey |hi )?is there (?:a|any) way (?:a |an )?(?:real )?(?:human|person|someone|somebody|anyone)\b|"
    r"^alguien (?:me )?(?:puede|podria)\b|"
    r"^(?:me )?(?:marcan|llaman|pueden marcar|pueden llamar)\b(?! (?:el |la )?[^.?!]{0,12}como\b)|"
    r"^(?:can|could|would) (?:one of (?:you|your [a-z]+)|someone|somebody|anyone|you guys|y'?all|your (?:system|bot"
    r"|team|office)"
    r"|the (?:system|bot|team|office))\b|"
    r"^(?:can|could|may) i (?:get|have|please get)\b|"
    r"^(?:please |pls )?(?:can|could|would|will) (?:you|u|ya)\b"
    r"|^(?!se pueden?\b)(?:ya |todavia |aun )?(?:me |nos |le |les |se )?(?:la |lo |las |los )?(?:puedes|podrias|puede"
    r"|pueden|podria|podrian)\b"
    r"|^(?:me )?(?:haces|hace|hacen|harias|haria) (?:el|un) favor de\b|^hazme (?:el|un) favor de\b"
)
