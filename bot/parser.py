"""Turn what an agent typed (an SMS, an email reply, a spoken answer, a keypress) into one intent.

The parser never guesses an action: anything that is not clearly a command becomes `Unknown(reason)`.
Checks run in a fixed order (`CHECKS`): nothing to read, phone reactions (`Liked "…"`), auto-replies, the
STOP family (always honoured, carriers require it), HELP, START, negations ("don't claim yet"), bare
acknowledgements ("k", "sounds good", 👍: `Unknown("ack")`, which a handler may turn into "Claim #4821? Reply
YES"), then the command, read from the first clause that names one ("Hi! Yes I'll take it", "Going to
Hawaii, back Dec 14. Pause my leads"), and finally questions. A yes that is likely but not certainly a claim
("yes, this is still my email") is `Unknown("likely")`, asked about the same way. A bare "yes" or "no" defers
to a more specific command in the next clause ("No, still working with them" is a progress report). A question
is no command unless it asks for status or help, or is a polite request ("can you bill me for this one"). The
phrases are data (`bot.phrases`), in English and Spanish, so SMS, email and voice reach the same intents.

`read_text` also says why (`Reading`: the rule that decided, a score, the other intents the message
mentioned); `referral-bot parse --explain` prints it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from functools import lru_cache

from bot import amounts, dates, gates, phrases, spoken
from bot.intents import (
    Agree,
    Award,
    CallRequest,
    Capacity,
    Claim,
    ConnectRequest,
    Decline,
    Help,
    Intent,
    InvoiceRequest,
    Outcome,
    Pause,
    Report,
    Resume,
    Start,
    Status,
    Stop,
    Unknown,
    intent_name,
)
from bot.messages import Channel

DIGITS: dict[str, Callable[[], Intent]] = {"1": Claim, "2": Decline}

BARE_ANSWER = re.compile(rf"(?:{phrases.BARE_YES}|{phrases.NO}|{phrases.OK})")  # not "claiming", "accept"
LEADING_OK = re.compile(rf"^(?:(?:{phrases.OK}) )+(?=\S)")
GREETING = re.compile(phrases.GREETING)
REACTION = re.compile(phrases.REACTION, re.IGNORECASE | re.DOTALL)
AUTO_REPLY = gates.GatedPattern(phrases.AUTO_REPLY)
STOP = gates.GatedPattern(
    rf"(?<!don't )(?<!dont )(?<!do not )(?<!can't )(?<!cant )(?<!cannot )(?<!won't )(?<!never )"
    rf"(?<![\w-])(?:{phrases.STOP_WORDS})(?![\w-])(?! (?:by|over|at (?!once)|in at|for (?:milk|gas|coffee|lunch)))"
    rf"(?! (?:my |the )?pause\b)"
    rf"(?! sending\b[^\n.!?]*\b(?:until|till|thru|through|for now|for a (?:bit|while|few)|temporarily)\b)"  # a pause
    rf"|{phrases.STOP_PHRASES}|{phrases.STOP_ALONE_LAST}"
)
START = gates.GatedPattern(phrases.START_PHRASES)
START_OVER_STOP = gates.GatedPattern(phrases.START_OVER_STOP)
STOP_NOT_A_COMMAND = re.compile(phrases.STOP_NOT_A_COMMAND)
STOP_AS_PREFERENCE = re.compile(phrases.STOP_AS_PREFERENCE)
ABBREVIATION = re.compile(r"(?<![\w'/])(?:" + "|".join(
    re.escape(word) for word in sorted(phrases.ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w'/])")
SPANISH_X = re.compile(phrases.SPANISH_X)
NEGATION = re.compile(
    rf"\b(?:{phrases.NEGATORS})(?! (?:understand|know|get|remember) how\b)(?! mind\b)"  # not "never mind the pause"
    rf"(?: (?!lol\b|lmao\b|haha|jaja|heard\b|answered\b|responded\b|replied\b|answers?\b|picks?\b|returned\b"
    rf"|(?:text|talk)(?: and)? (?:while )?(?:driving|rn|right now|now)\b)[a-z']+){{0,3}}?"  # not across a laugh
    # or the client's silence: "no more waiting lol SOLD 449,9", "never heard a peep fail 6118"
    rf" (?:{phrases.ACTION_VERBS})\b"
    rf"|\b(?:did ?n'?t|did not) (?:even )?(?:call|ring|phone|text) me\b"
    rf"|\bnot yet\b|\bnot (?:looking|planning|going|trying|wanting) to (?:take a break|pause|stop|leave)\b"
    rf"|\bnot (?:taking|going on|doing|planning|having) (?:a |any )?(?:break|vacation|time off|days off)\b"
    # "I'm not saying I'll take it, just asking", "not saying it's fake but ..."
    rf"|\bnot saying (?:i'?ll|i will|i'?m|yes|(?:it|this|that|he|she)(?:'?s| is) (?:fake|invalid|bogus|a scam))\b"
    rf"|{phrases.SPANISH_NEGATION}"
)
ACK = re.compile(phrases.ACK)
REQUEST = re.compile(phrases.REQUEST)
QUESTION_OPENING = re.compile(phrases.QUESTION_OPENING)
HELP = re.compile(rf"(?:\? ?)+|(?:{phrases.HELP_WORDS})(?: \?)*|help\b(?! (?:me |us )?celebrate| wanted\b).*")
YES_AND_NO = re.compile(r"^(?:yes|y|yeah|si) ?(?: or | and | y | o |/)? ?(?:no|nope)\b")
NOT_OURS = gates.GatedPattern(phrases.NOT_OURS)  # long: searched behind its gates
LONG_AGO = re.compile(phrases.LONG_AGO)
HYPOTHETICAL = gates.GatedPattern(phrases.HYPOTHETICAL)
FUTURE_ACTION = re.compile(phrases.FUTURE_ACTION)
FUTURE_TIME = gates.GatedPattern(phrases.FUTURE_TIME)
UNTIL_WORDS = re.compile(phrases.UNTIL_WORDS)
FUTURE_GUARDED = frozenset({"sold", "pause", "invoice"})  # "closing next month" stays a progress report
GUARDED_ACTIONS = frozenset(
    ["claim", "decline", "invoice", "sold", "no_sale", "in_progress", "invalid", "fail", "pause", "agree", "award",
     "call", "capacity"]
)  # the intents that change state; a hypothetical or someone else's news never reaches them
THIRD_PARTY_GUARDED = frozenset({"sold", "in_progress", "invoice", "claim", "no_sale"})
# "my colleague Dana said her last referral from you guys was a fake number": someone else's lead
THEIR_LEAD = re.compile(
    r"\b(?:el |la )?(?:prestamista|banco|contratista|inspector|tasador|abogado"
    r"|notario)\b[^.]{0,30}\bno (?:contesta|responde)\b|"
    r"\b(?:my|our) (?:colleague|coworker|partner|friend|broker|teammate)\b[^.?!]*\b(?:said|says|told)\b"
    r"|\b(?:my|our) (?:colleague|coworker|partner|friend|broker|teammate|buddy)\b[^.?!]{0,40}\b(?:his|her|their)"
    r" (?:lead|referral)\b"
    r"|\b(?:my|mi) (?:buddy|friend|cunada|cunado|hermana|hermano|prima|primo|amiga|amigo|tia|tio|suegra|suegro|mama"
    r"|papa|mom|dad|sister|brother|cousin|neighbou?r|vecin[oa])(?:'s)? (?:lead|referral|referido|le dio|gave)\b"
    r"|\b(?:contractor|plumber|roofer|electrician|handyman|painter|builder|landscaper|mechanic|inspector|appraiser"
    r"|lender|loan officer|title company|attorney|lawyer|tenant|landlord)s? (?:has |have )?(?:totally "
    r"|completely )?(?:gone silent|ghosted"
    r"|went dark|stopped (?:responding|answering|replying)|never (?:showed|called|answered|responded))\b")
ZIP_CONTEXT = gates.GatedPattern(phrases.ZIP_CONTEXT)
AWARD_CHOICE = re.compile(
    r"(?:award(?: it)?(?: to)?|pick|choose|select|give(?: it| this one)? to|go with|roll with|run with|elijo|escojo"
    r"|escogo|elegimos|escogemos|daselo|adjudiquen|adjudique|adjudica|se lo doy|se la doy|dale|denle|dele)"
    r"(?: al| a)?(?: la| el)?"
    r"(?: (?:agent|agente|receiver|option|number|numero))?(?: ?#| no\.?| number)? ?([0-9]{1,2})\b"
)
INVALID_REST = re.compile(r"^\W*inv[aá]lid[oa]?\b[\s:,.;-]*(?:#?\s?[0-9]{3,8}\b)?[\s:,.;-]*(?P<rest>.*)$", re.I | re.S)
SHORT_ABSENCE = re.compile(
    r"\bback (?:to you|at you|atcha|in (?:a|an|5|10|15|20|30) (?:min|minute|sec|hour|bit)|in [0-9]{1,2}$"
    r"|from (?:lunch|dinner|breakfast|a meeting|my meeting|the meeting|a call|a showing|the showing|my showing"
    r"|an appointment|the gym|errands|school|a break|my break|the closing(?: table)?|a closing)"
    r"|to (?:work|it|the grind|business)$)"  # "ok back to work": the day goes on
)
# A yes that answers something else: "Yes I got the email", "Yes, thanks for checking in", "Yes!! Congrats".
LEAD_WORD = re.compile(r"^(?:anyway|anyways|so|oh|ok|okay|and|but)[ ,]+")
YES_TO_SOMETHING_ELSE = re.compile(
    r"^(?:(?:hi|hey|hello|hola|buenas)(?: there| all| team)?[ ,.!-]+)?"
    r"(?:yes|yeah|yea|yep|yup|y|si|ya|yah)\b(?:[ ,.!\u2013\u2014\n-]*(?:(?:sorry|oops|perdon)[ ,.!]*)?(?:yes|yeah|yep"
    r"|yup|si)\b)?"
    r"[ ,.!\u2013\u2014-]*"
    r"(?:(?:i|we) (?:got|received|saw|did get"
    r"|read)|got"
    r"|saw|received|recibid[oa]s?|me llego|ya me llego|ya (?:lo )?recibi"
    r"|(?:[0-9() .-]{10,16} )?(?:es mi|is my|that'?s my) (?:cel|celular|numero|telefono|correo|cell|number|phone"
    r"|email)\b"  # "sí, 305-555-0148 es mi cel"
    r"|i'?m still|i am still|thanks? for"
    r"|(?:i'?m|i am) (?:at|in) (?:the|a) (?:showing|house|property|closing|office|car|store|airport)"
    r"|thank you for|congrat\w*|the (?:client|buyer|seller|email|text|call|invoice)|they|he|she"
    r"|(?:her|his|their) (?:husband|wife|partner|name|budget|lender|kids?|son|daughter)\b"
    r"|the [a-z]+(?:'s| is| are| was| has| works| speaks| wants| needs)|ya vi|vi (?:el|tu|su)|ya lo vi"
    r"|i(?:'ll| will) (?:take a look|look|check|review|think|get back|read)"
    r"|that'?s (?:right|correct)"
    r"|to the [a-z]+(?: [a-z]+)? (?:one|referral|lead)\b[^.!?\n]*\bnot (?:this|that|the)\b"  # "Yes to the seller one
    # from Tuesday, not this condo": another offer
    r"|correct|i did|i'?m here|i am here|i can talk|i'?m the|i am the|recibi|ya hable|ya llame|gracias por|el cliente"
    r"|ellos|ella|(?:la|el) [a-z]+ (?:es|tiene|esta|son|estan)|es de|tiene [0-9]|it has|it'?s (?:a|an) [0-9]"
    r"|go (?!ahead\b|for it\b)[a-z]+!*$|ya (?:le |les )?(?:mande|envie|di|dije)\b"
    r"|soy yo|soy (?:la|el)|it'?s me|this is (?:me|she|he|her|him)"
    r"|(?:this|that) is (?:still )?(?:my|the) (?:correct|right"
    r"|current)|(?:this|that)'?s (?:still )?(?:the )?(?:my|correct|right)|still my"
    r"|the [a-z]+ (?:accepted|signed|agreed|said|called|came|countered|approved)"
    r"|(?:[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm)?|that|it|tomorrow|today|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday) works|i'?ll meet you|see you (?:there|then|at|tomorrow)|please proceed"
    r"|babe|baby|honey|hon|sweetie|sweetheart|love|mom|dad|mami|papi|amor|mi amor|mija|mijo|(?:the )?lockbox"
    r"|(?:manana |hoy )?(?:le|les) (?:llamo|escribo|hablo) al? (?:prestamista|banco|tasador|inspector|abogado|notario)"
    r"|(?:manana |hoy |luego |ahorita )?te (?:llamo|marco|escribo|veo|aviso)"
    r"|(?:call|text|email|tell|ask) (?:the )?(?:lender|title(?: company)?|inspector|appraiser|escrow|attorney|lawyer"
    r"|contractor|stager|photographer)"
    r"|(?:i can |i'?ll |we can )?(?:cover|host|hold|sit|staff|do) (?:the |your |an |that |this )?(?:open house|floor"
    r"|desk|shift|duty))\b"
)
YES_FIRST = re.compile(r"^(?:yes|yeah|yea|yep|yup|y|si|ya|yah)\b")
# "yes, they're pre-approved up to 400": a yes about the client answers someone's question (not "ya hicimos")
YES_ABOUT_THE_CLIENT = re.compile(r"(?:^(?:yes|yeah|yea|yep|yup)\b|^si[,.!])[ ,.!-]*(?:they|they'?re"
                                  r"|the (?:buyers?|sellers?|clients?|couple|family)|he|she|he'?s|she'?s|ellos"
                                  r"|(?:her|his|their) (?:husband|wife|partner|name|budget|lender|kids?|son|daughter)"
                                  r"|el cliente|la clienta)\b")
YES_WITH_WORDS = 4
# what a yes to an offer talks about, if it says more: taking it, the client, the area, the code, the next step
OFFER_WORDS = re.compile(
    r"\b(?:take|taking|grab|grabbing|claim|claiming|interested|mine|send (?:it|me|over|them)|info|details?|contact|help"
    r"|call|reach|assign|put me|love|like|want|this one|that one|referral|lead|buyers?|sellers?|client|clients|them|her"
    r"|him"
    r"|cliente|clienta|comprador|compradora|vendedor|neighborhood|area|zip|market|tomo|quedo|quiero|interesa|acepto"
    r"|count me|i'?m in|on it|go ahead|asap|[0-9]{3,}|preapproved|pre-?approved|preaprobacion"
    r"|budget|range|price|condo|familia|family|couple|pareja|zona|cover|covers|know|conozco|real one|fake|legit|busy"
    r"|llamo|llamar|contacto|mandar|manden|envien|tomar|tomo|tomamos|referido|referencia|gustaria|agarro"
    r"|yes please|si por favor|ready to work|ready for (?:it|one|more|this)|bring it on|perfect timing)\b")
# "My clients are on vacation until the 10th", "They want to pause the search": their absence, not the agent's.
THEIR_ABSENCE = re.compile(
    r"\bcovering for [a-z]+\b|\bcovering (?:his|her|their) (?:files|clients|deals|listings|leads|referrals)\b"
    r"|\b(?:while )?(?:he|she)(?:'s| is) (?:on|out on) (?:[a-z]+ )?leave\b|"
    r"\bmy (?:buyer'?s agent|assistant|tc|transaction coordinator|partner|teammate|colleague|showing agent)"
    r" (?:just )?(?:went|is|was|'s) (?:on|out on) (?:[a-z]+ )?leave\b|"
    r"^(?:the |my |our )?(?:clients?|buyers?|sellers?|customers?|family|couple|they|they're|he|she|he's|she's)\b"
    r"|^(?:mi|nuestr[oa]) (?:soci[oa]|asistente|companer[oa]|espos[oa]|broker|jef[ae]|cliente)\b"
    r"|^(?:(?:fyi|heads up|btw|just so you know|just a heads up)[,:.!]* )?(?:my|our) (?:partner|assistant|teammate"
    r"|coworker|colleague|broker|wife|husband|business partner)\b"
    r"|\b(?:two|three|one|some|all|both) of my (?:assistants|agents|team|staff|partners|teammates)\b"
    r"|\bmy (?:assistants?|staff|team|partner|coworker)s? (?:is |are |was |were |being )?(?:out|away|on leave"
    r"|on vacation)\b"
)
OWN_PAUSE_ASKED = re.compile(r"\b(?:i'?d like to|i would like to|i want to|i need to|please) (?:pause|hold)"
                             r" (?:my |new |all |the )*(?:referrals|leads|offers)\b")
# "Yes but only for buyers", "yes, but not until Monday": a claim with a condition asks first.
QUALIFIED_YES = re.compile(
    r"\bme interesa,? pero\b|\b(?:i'?m )?interested,? but\b|"
    r"^(?:yes|yeah|yep|yup|ya|y|si|sure|ok|okay|claim|interested)\b(?:[^?.!\n]|\.\.+)*?\b(?:but|though|although|except"
    r"|as long as"
    r"|provided|pero|aunque|siempre que|solo si)\b"
    r"(?! (?:en cuanto|as soon as|i'?ll (?:call|reach out|text)|le hablo|lo llamo|la llamo|los llamo"
    r"|si (?:me interesa|la quiero|lo quiero)|(?:los|las|the) (?:ultim[oa]s|last) [a-z0-9 ]{0,20}\b(?:fueron|were)"
    r"|my (?:partner|assistant|teammate|colleague|team|tc)(?: [a-z]+)? (?:will|'ll|is going to) (?:call|reach out"
    r"|text|contact|email|show|cover)"
    r"|my (?:partner|assistant|teammate|colleague|team|tc)(?: [a-z]+)? can (?:show|cover|call|meet)))"
    # not "... pero si me interesa mucho" (an emphatic yes), nor a but that says who calls the client or grumbles
)
# "I'll take the next one in 78745 for sure": a later offer, not this one
NEXT_ONE = re.compile(r"\b(?:the )?next (?:one|referral|lead)\b|\b(?:la|el) (?:proxim[oa]|siguiente)\b")
PURCHASE_WORD = re.compile(r"\b(?:bought|purchased|compraron|compro)\b")
OTHER_PARTY = re.compile(
    r"\b(?:another|different|other|someone|somebody|elsewhere|instead|own|builder|redfin|zillow|opendoor|fsbo|owner"
    r"|agent|realtor|broker|brokerage|otro|otra)\b"
)
EXPLICIT_FAIL = re.compile(r"\bfail|\bfallid|\bfallo\b")
# "I need to send referral 7719 back ... well outside my area": a referral returned, not an offer passed on
SENT_BACK = re.compile(r"\b(?:send|sending|give|giving|hand|handing|take) (?:the |this |that )?"
                       r"(?:(?:referral|lead|one|it) )?"
                       r"(?:#? ?[0-9]{3,8} )?back\b|\breturning\b|\bdevuelv|\b(?:se |te |les? )?(?:lo|la) regreso\b")
# "please pass it to someone who works rural property": the referral given back, a fail asked for in words
GIVEN_BACK = re.compile(
    r"\b(?:pass|give|hand|send|reassign) (?:it|this|this one) (?:along )?(?:to|over to) (?:someone|somebody)\b"
    r"|\breassign|\breasign"
    r"|\b(?:pass|give|hand|send) (?:it |this |this one |him |her |them )?to (?:another|a different|other) (?:agent"
    r"|realtor)"
    r"|\breturning\b|\bgiving (?:it |this one )?back\b|\breleasing\b|\bsending (?:it |this one )?back\b|\bdevuelv"
    r"|\bdevolv|\breturn (?:it|this|this one|the referral|the lead|referral)\b")
RELEASED = re.compile(r"\breleas(?:e|ing) (?:it|this|this one|the referral|the lead|#? ?[0-9]{3,5})\b")  # a won one
# "Mine? No, I think you mean my partner Lisa": the text reached the wrong person
WRONG_RECIPIENT = gates.GatedPattern(
    r"(?<!what do )\byou (?:must |probably )?mean\b(?! (?:how|what|by)\b)"  # not "what do you mean how is it going?"
    r"|\byou (?:must |probably )?want (?:my|the other|him|her|[a-z]+ from)\b"
    r"|\bwrong (?:person|agent|guy|gal)\b"
    r"|\bme dieron este numero\b|\b(?:i )?got (?:this|your) number from\b|\bpara hablar con (?:la|el) agente\b"  # a
    # client who was given the number: "me dieron este número para hablar con la agente Yesenia ... ¿Me puede llamar?"
    r"|^(?:babe|baby|honey|hun|hon|sweetie|sweetheart|mi amor|amor|mi vida|mom|mama|dad|papa|mija|mijo)\b"  # family
    r"|\byes,? (?:babe|baby|honey|hun|hon|sweetie|mi amor|amor)\b"
    r"|\b(?:sorry|thanks|thank you),? (?:mr|mrs|ms|miss)\.? [a-z]+\b"  # "... sorry Mr. Lee. I'll call you after 5"
    r"|\btell (?:your|ur) (?:buyers?|sellers?|clients?)\b|^(?:team|everyone|all|y'?all|guys|gang)[:!]"  # a team
    r"|\binvoice for the (?:[a-z]+ )?(?:photos|photography|video|drone shots|staging|cleaning|signs?|flyers"
    r"|repairs?)\b"
    r"|\b(?:will|'ll) meet (?:you|u) (?:there|at the (?:house|property|listing))\b"  # "lockbox code is 4471. Buyers
    # will meet you there": the showing handed to a colleague
    r"|\bya te (?:mande|envie|pase) la (?:carta|pre-?aprobacion|pre-?approval)\b"  # "yes, mi cliente sí tiene
    # pre-approval, ya te mandé la carta": for whoever asked for the letter
    r"|\b(?:put|added) it (?:on|to) (?:your|ur) calendar\b"  # "Hi Sarah, the inspection got moved ... I put it on
    # your calendar": a note to a colleague
    r"|^(?:hi|hey|hello|dear) (?:aunt|auntie|uncle|grandma|grandpa|cousin|tia|tio|abuela|abuelo)\b"  # "Hi Aunt Carol!!"
    r"|\bwhen can (?:we|i) start (?:looking|touring|seeing|house hunting)\b"  # a client's email to their agent
    r"|\bwe'?re engaged\b|\b(?:he|she) proposed\b"  # "WE'RE ENGAGED!!! ... call me when ur up!!!": for a friend
    r"|\bwhen (?:you|u) land\b"  # "Hi Karen, can you call me when you land?": a text for a colleague
    r"|\bwhen (?:you'?re|ur|your|you are|u r) (?:out of|done with|finished with|back from) (?:the|your) (?:closing"
    r"|showing"
    r"|meeting|appointment|inspection)\b"
    r"|\bdile a tu (?:papa|mama|esposo|esposa|hermano|hermana|jefe|abuel[oa]|ti[oa])\b"
    r"|\b(?:let|tell) (?:underwriting|the underwriter|processing|the processor|the lender|escrow|title) know\b"
    r"|^(?:please |pls )?tell (?!(?:me|us|them|him|her|you|the|my|everyone|whoever)\b)[a-z]+ (?:to|that)\b"
    r"|\b(?:can|could) you (?:stop|swing|come|drop) by\b"
    r"|\btell the (?:landlord|tenants?|listing agent|seller'?s agent|buyer'?s agent|lender|inspector|contractor"
    r"|photographer|stager|hoa|title company|escrow officer) (?:we|that|to|i)\b"  # "I'll take it! tell the landlord
    # we can do the 3pm walkthrough"
    # "yes I got the appraisal report, will forward to the buyer": an answer to whoever sent it
    r"|^(?:yes|yep|yeah|yup|ok|okay)[,.!]* (?:i )?(?:got|received) the [a-z ]{0,25}(?:report|letter|docs?|documents"
    r"|file|disclosures?)\b"
    r"|\bproceed with the (?:rate lock|lock|loan)\b|\b(?:both|the) borrowers\b"  # a text for a lender
    r"|\bwhen can (?:we|i) (?:see|tour|view|visit) (?:it|the (?:house|home|place|property))\b"  # a client's text
    r"|\bi'?ll (?:meet|see) (?:you|u|y'?all|you guys) (?:at|there|in front|outside)\b"  # a text for a client
    r"|\blove (?:u|you|ya)\b(?! (?:guys|all|y'?all|for|too much))|\b(?:grab|pick up|get) the kids\b"  # for family
    r"|^(?:hi|hey|hello|hola) (?!(?:team|all|there|everyone|guys|y'?all|so|again|folks)\b)[a-z]+[!,. ]+"
    r"(?:great|good|bad|big) news\b"
    r"|^(?:hi|hey|hello|hola),? (?!(?:team|all|there|everyone|folks|guys|y'?all|again|network|bot|dear|friends"
    r"|you)\b)[a-z]+[,!.]*"
    r" (?:it'?s|this is|soy) [a-z]+ (?:(?:with|w|from|de|con)\b|(?!(?:again|here|back|too|speaking)\b)[a-z]+[.!,])"
    # a client greeted, the agent introduced; or an agent greeted by a client who gives a full name: "Hi Karen it's
    # Dave Whitfield. We drove by"
    r"|\b(?:excited|happy|glad|can'?t wait) to help (?:you|y'?all|you guys) (?:find|buy|sell)\b"
    r"|\bsend (?:over |me )?(?:an? )?(?:updated |new |fresh )?pre-?approval(?: letter)?\b"  # an email for a lender
    r"|\b(?:great|good|nice|awesome|amazing) (?:job|work),? (?:everyone|everybody|y'?all|guys)\b"  # a team's
    r"|\bcongrat\w*,? you got (?:the|your) (?:house|home|place|condo|keys)\b"  # a client's
    r"|^(?:(?:hi|hello|hey|dear|hola|buenos dias|buenas tardes|buenas) )?(?:mr|mrs|ms|miss|dr|don|dona|sr|sra|srta)\.? "
    r"[a-z]+\b(?! (?:[a-z]+ )?(?:prefers|wants|would|asked|asks|says|said|is|has|had|was|needs|called|finally|just"
    r"|closed|signed|bought|sold|funded|got|and|decided|went|chose|changed|never|listed|passed|died)\b)")
    # "Hi Mrs. Patel! Yes, Thursday at 4 works for the final walkthrough": a text for a client (not "Ms. Alvarez
    # prefers to discuss this by phone", "Mr. Chatty ... signed", "Mr. Tate decided to sell the place himself")
# "sorry, ignore that", "wrong thread, meant that for my wife", "I was talking to Siri": taken back, never acted on
# "Sorry wrong thread!! That was for my lender. But to answer you, 2915 is under contract": the answer follows
ANSWERED_AFTER_ALL = re.compile(r"\bbut to answer (?:you|your (?:question|text|email|message))\b|\bas for (?:your|the) "
                                r"(?:question|text|email|message)\b")
# "AGREE 👍 ignore my last msg, wrong chat": the message before is taken back, not this one
LAST_ONE_RETRACTED = re.compile(r"\b(?:ignore|disregard) (?:my|the) (?:last|previous|earlier|other) (?:msg|message|text"
                                r"|email|one|reply|answer|response)\b[^.!?\n]*")
# "Pass, not my area. (and ignore that grocery list I just sent, that was for my husband)", "sorry that last pic was
# meant for my wife. BUY": an earlier message disowned, which says nothing of this one
EARLIER_ONE_DISOWNED = gates.GatedPattern(
    r"(?:\b(?:and |but |oh and )?(?:sorry,? |oops,? )?(?:pls |please )?(?:ignore|disregard) (?:that|the|my)"
    r" (?:[a-z]+ )?"
    r"(?:list|pic|photo|picture|text|message|msg|email|screenshot|link|video|address|note|voicemail)s? (?:i|we)"
    r" (?:just )?sent\b"
    r"|\b(?:sorry,? |oops,? )?(?:that|the|my) (?:last|previous|earlier) (?:msg|message|text|pic|photo|picture|email)"
    r" (?:was )?(?:meant |intended |supposed to go )?(?:for|to) (?:my )?[a-z]+\b)[^.!?\n]*[.!]?")
RETRACTED = gates.GatedPattern(
    r"\byou (?:have|got|sent this to) the wrong (?:email|number|person|address|guy|gal|agent)\b|"
    r"(?<!do i )(?<!do i just )(?<!should i )(?<!should i just )(?<!can i )(?<!can i just )"  # "do i just ignore it?"
    r"\bignore (?:that|this|it|my last|the last)\b(?! [a-z ]{0,20}\bi (?:almost|nearly) sent\b)|\bdisregard\b"
    r"|\bwrong (?:thread|chat|conversation)\b(?! earlier)"
    r"|\bmeant (?:that|this) for\b|\btalking to siri\b|\bnot meant for you\b"
    r"|\b(?:era|fue) mi (?:hijo|hija|nieto|nieta)\b|\bbutt ?dial|\bpocket (?:text|dial)"
    r"|\bmy (?:kid|son|daughter|toddler|grandson|granddaughter|teenager|teen) (?:was )?(?:playing|typed|texted"
    r"|grabbed)\b|\bme equivoque de (?:chat|numero|persona|conversacion|grupo)\b|\bno era para (?:ti|usted|ustedes)\b"
    r"|(?<!anterior )(?<!otro mensaje )(?<!ultimo mensaje )(?<!primer mensaje )\b(?:era|iba|fue) (?:para|pa) mi"
    r" (?:cliente"
    r"|clienta|esposa|esposo|asistente|socio|socia|hij[oa]|mama|cunad[oa]|suegr[oa]|herman[oa]|prim[oa]|novi[oa]"
    r"|papa|equipo)\b"
    r"|\bno para (?:ti|usted|ustedes)\b")
# A text for family or friends: "Tell your mom thanks for the couch", "Sí, yo me la llevo mi amor", "not doing
# Thanksgiving at your sister's", "congrats Mike, drinks are on you", "anyone have a ladder I can borrow?", a chore
# for a teammate ("inspection is 9:30 tmrw at 418 Palm, bring the 28ft ladder", "let me know when the photographer
# can come out")
FAMILY_OR_FRIENDS = gates.GatedPattern(
    r"\blet me know when the (?:photographer|stager|cleaners?|painter|handyman|contractor|sign guy) (?:can|will|is)\b|"
    r"(?:^|[,.!;:] ?)(?:pls |please |and )?(?:bring|grab|pick up|don'?t forget) (?:the|your|ur|a|an|some|my|extra)"
    r" (?!(?:clients?|buyers?|sellers?|offers?|contracts?|paperwork|docs|lead|referral)\b)[a-z0-9]+"
    r"|\btell (?:your|ur) (?:mom|mother|dad|father|sister|brother|wife|husband|parents|family|grandma|aunt|uncle)\b"
    r"|(?<!gracias )(?<!no )(?<!si )(?<!ok )(?<!dale )\b(?:mi amor|mi vida|sweetie|sweetheart)\b"  # not "No gracias mi
    # amor, Ocala ta muy lejo pa mí. Pass", said to us
    r"|\b(?:at|to) (?:your|ur) (?:sister|brother|mom|mother|dad|father"
    r"|parents|aunt|uncle|cousin|grandma)'?s\b"
    r"|\bcongrat(?:s|ulations),? (?!(?:to|on|us|me|my|our|the|everyone|everybody|all|y'?all|team|guys)\b)[a-z]+\b"
    r"|\bdrinks (?:are )?on (?:you|u|me|her|him|them)\b"
    r"|\b(?:anyone|anybody) (?:have|got|has) an? [a-z]+ (?:i|we) (?:can|could) borrow\b"
    r"|\b(?:anyone|anybody) (?:near|around|close to)\b"
    # "Hey team, YES I'll cover the Saturday open house on Elm 👍": a teammate's shift
    r"|\b(?:cover|host|sit|staff|run|work) (?:the |your |ur |an? |that |his |her )?(?:[a-z]+ )?open house\b")
WRONG_RECIPIENT_GUARDED = frozenset({"claim", "decline", "call", "invoice", "connect", "agree", "award", "in_progress",
                                      "sold", "no_sale"})
# "no, I'm not pausing, why did my leads dry up?": a no that answers a question of ours, not an offer
NO_TO_A_QUESTION = re.compile(
    r"^(?:no|nope|nah),? (?:the |that |this )?(?:[0-9]{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|tomorrow|today|time|date|day|morning|afternoon) (?:doesn'?t|does not|won'?t|will not) work\b|"
    r"^(?:no|nope|nah),? i'?m not (?:pausing|stopping|leaving|quitting|going anywhere|on vacation|away|mad|upset)\b"
    r"|^(?:no|nope|nah),? (?:[a-z]+day|tomorrow|today|(?:the )?morning|(?:the )?afternoon|[0-9]{1,2}(?::[0-9]{2})?"
    r" ?(?:am|pm)?) (?:works|is|would be) better\b"
    r"|^(?:no|nope|nah),? (?:i |we )?(?:moved|relocated|retired|switched (?:brokerages|offices))\b"
    r"|^(?:no|nope|nah),? (?:i )?(?:never|didn'?t|did not|haven'?t|have not) (?:get|got|receive|received|see|saw)\b"
    r"|^(?:no|nope|nah),? (?:that|this|it) (?:was|is) (?:my|his|her|their)\b"
    r"|^(?:no|nope|nah),? (?:no me (?:den|des|de) de baja|(?:don'?t|do not) (?:unsubscribe|remove) me)\b"
    r"|^(?:no|nope|nah),? (?:i|we|he|she|they|the (?:client|buyer|seller)s?|el cliente|la clienta|ellos)? ?"
    r"(?:haven'?t|have not|hasn'?t|has not|no (?:ha|han|he|hemos)|(?:don'?t|do not) have (?!time|room|capacity"
    r"|bandwidth))\b")
# A report can be asked for only as "can you mark it ...": "Can you tell me whether ... pre-approved?" asks
REPORT_REQUEST = re.compile(
    r"^(?:please )?(?:can|could|would|will) (?:you|u|someone|somebody) (?:please )?(?:mind )?"
    r"(?:mark|fail|record|set|put|close out|report|update|note|log|flag|reassign|give|take"
    r"|marking|failing|recording|setting|putting|closing out|reporting|updating|noting|logging|flagging|reassigning"
    r"|giving|taking|(?:send|pass|offer|hand|sending|passing|offering|handing)(?: it| this| this one| that one)?"
    r" (?:to|along|back|over))\b"
    r"|^is there a way (?:to|for you to|you can|i can) (?:mark|close out|record|report|set)\b"  # "... as no sale?"
    r"|^(?:serian|seria|serias) tan amables? de (?:marcar|poner|anotar|registrar|actualizar)\b"
    r"|^(?:me )?(?:la |lo )?(?:pueden|podrian|puede|podria)(?: por favor)? (?:anotar|registrar|marcar|poner|actualizar"
    r"|quitar|reasignar)(?:la|lo)?\b")
REPORTS = frozenset({"sold", "no_sale", "in_progress", "invalid", "fail"})
MARK_ASKED = gates.GatedPattern(
    r"(?:\b(?:please|pls|go ahead and|you can|can you) |(?:^|[.!?] )|(?<=[a-z] ))mark (?:it|this|this one|that one"
    r"|#? ?[0-9]{3,8}) (?:as )?"
    r"(?:a )?(?:no sale|sold|invalid|fail|failed|dead|closed)\b|\bmarquen?l[oa] como\b"
    r"|\b(?:please|pls|go ahead and|you can) close (?:it|this|this one|that one|the referral) out\b"
    r"|\b(?:pueden|puede) cerrarl[ao]\b|\bcierrenl[ao]\b")
FELL_APART = re.compile(r"\b(?:fell|falls|fallen) (?:through|apart)\b|\bse (?:me )?(?:cayo|cancelo)\b")
BACK_LOOKING = re.compile(
    r"\b(?:back out|back to|still|keep|kept|are|we'?re) (?:looking|touring|searching|showing|house hunting)\b"
    r"|\bback on the (?:hunt|market)\b|\bseguimos buscando\b")
LOST_DEAL = re.compile(FELL_APART.pattern + r"|\b(?:buyers?|sellers?) walked\b|\bbacked out\b|\b(?:deal"
                                            r"|contract) died\b"
                       r"|\b(?:was|were) going with\b"  # "told me he was going with a friend's agent, then ..."
                       r"|\b(?:loan|financing|mortgage) (?:was |got )?(?:denied|declined)\b"
                       r"|\b(?:was|were) (?:ready|about) to (?:quit|give up|walk|rent|renew|stay)\b"  # and did not
                       r"|\b(?:almost|nearly) (?:quit|gave up|walked|renewed|signed)\b")
BACK_AGAIN = re.compile(r"\bback (?:under contract|on track|in contract|on the table)\b|\bcame back\b|\bcalled back\b"
                        r"|\b(?:aceptaron|firmaron) otra\b|\bbackup (?:offer |buyer )?(?:stepped up|came through)\b")
COUNTERFACTUAL = re.compile(r"\b(?:supposed to|was going to|were going to|would have|should have|iba a|ibamos a)\b")
SOLD_TO_ANOTHER = re.compile(
    r"\bsold\b[^.;!?]{0,30}\bto (?:another|a different|some other|other) (?:buyer|offer)"
    r"|\b(?:we|they) (?:got|were) outbid\b|\bwent to (?:another|a different) (?:buyer|offer)\b"
    r"|\bsold\b[^.;!?]{0,20}\bbut not to (?:my|our|the) (?:client|buyer)s?\b")  # "The house sold but not to my client"
SHOWN_AS_SOLD = re.compile(r"\b(?:shows?|showing|shown|marked|listed|says) (?:as |it'?s |it was )?(?:sold|closed)\b"
                           r"|\bi (?:already )?reported (?:it|this|this one|that) (?:as )?(?:sold|closed)\b")
NAMED_REF = re.compile(r"\b(?:referral|ref|lead|file|referencia|referido|code|de la)(?: no\.? ?| number | ?#? ?|-)"
                       r"([0-9]{3,8})\b")  # "lead no. 902"
# "we finally closed Thursday": a weekday after a past "closed" is the one gone by, not the next
CLOSED_ON_A_WEEKDAY = re.compile(
    r"\b(?:closed|sold|recorded|funded)(?: (?:at|for) \$?[0-9][0-9,.]*(?: ?(?:k|m|mil)\b)?)?(?: on)?"
    r" (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"  # "closed at 505 on Friday"
    r"|\b(?:cerramos|cerro|cerraron|vendimos|se vendio) (?:(?:en|por) \$?[0-9][0-9,.]*(?: ?(?:k|mil)\b)? el"
    r" (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b|el (?:lunes|martes|miercoles|jueves|viernes|sabado"
    r"|domingo) (?:en|por) \$?[0-9])")  # "Cerramos el jueves en 275
# mil": a sale told with its price (not "Clear to close!! cerramos el viernes")
# A sale said in the past tense: done, whatever else the message plans ("next spring", "next week").
DONE_SALE = re.compile(r"\b(?:closed|sold|recorded|funded|cerramos|cerro|cerraron|cerre|vendi|vendimos|vendieron"
                       r"|se vendio|se vendieron|escrituro|escrituraron)\b")
PERCENT = re.compile(r"\b[0-9]{1,2} ?%")
TRACK_RECORD = re.compile(phrases.TRACK_RECORD)
FEE_REPEATED = re.compile(r"\b[0-9]{1,2} ?%|\bpercent\b|\bpor ?ciento\b")  # "Twenty-five percent? I can live with that"
GRUDGING_KEYWORD = re.compile(  # "... whatever. BUY", "Anyway AGREE on 7731", "No gracias, paso"
    r"(?:(?:whatever|fine|ugh|ok|okay|sigh|anyway|anyways|but|nvm|never mind|just|ok just|ok yeah|okay yeah|also"
    r"|and also|plus|y tambien|tambien)[ ,]+)?"
    r"(?P<keyword>buy|agreed|agree|claim|pass|paso|no gracias|no thanks|hard pass|i meant no|i'?ll pass)(?: on)?"
    r"(?: (?:lol|lmao|haha|jaja))*"
    r"(?: (?:thanks|thank you|gracias|please))?")
GRUDGING_INTENTS = {"buy": "invoice", "agree": "agree", "agreed": "agree", "claim": "claim", "pass": "decline",
                     "i'll pass": "decline", "ill pass": "decline",
                    "paso": "decline",
                    "hard pass": "decline",
                    "no gracias": "decline", "no thanks": "decline",
                    "i meant no": "decline"}  # "wait i think i hit yes on 6618 by mistake?? i meant NO"
# "is this where I send updates? We toured 6 homes yesterday ...": a question about the channel, then the news
# "Hola, cómo andan?", "Hi all, how are you?": a greeting that asks nothing of the bot
HOW_ARE_YOU = re.compile(r"(?:(?:hi|hey|hello|hola|buenas|buenos dias|buenas tardes|epa|epale|oye|saludos)[, ]+"
                         r"(?:[a-z]+[, ]+)?)?"
                         r"(?:como (?:andan|estan|esta|estas|anda|andas|les va|te va|va todo)|que tal|how are (?:you"
                         r"|y'?all|you guys|things)|how'?s it going|how have you been|hope (?:you'?re|all is)"
                         r" (?:well|good|doing well)|how was (?:your|the) (?:weekend|week|holiday|thanksgiving))"
                         r"(?: (?:all|guys|today|y'?all|team|por alla|todos|el fin de semana|la semana|el finde))?")
ABOUT_THIS_CHANNEL = re.compile(r"^(?:is this|is here|am i in) (?:where|the right (?:place|number|spot|way|thread))\b")
# "Received, thank you - Amy (asst to Steve Cole)": a name signed after a dash
SIGNED_BY = re.compile(r"\s[-\u2013\u2014~]+ ?(?!(?:sold|pass|claim|buy|agree|yes|no|stop|start|pause|fail|invalid"
                       r"|award|status|help)\b)[a-z]+[^.!?\n0-9-]*$")  # "- Amy (asst)", not "copy that - SOLD 450"
# "hey there 👋 got it", "Recibido 👍 saludos": a hello before an acknowledgement, or a sign-off after it
LATE_SEEN = re.compile(r"\b(?:(?:i'?m|i am|i was) )?just (?:now )?(?:seeing|saw|getting to|reading|read) (?:this|it"
                       r"|these|that|your (?:message|text|email|msg))(?: now)?\b")
ACK_SLIP = re.compile(r"\b(?:i mean|i meant|perdon|sorry|oops|quise decir)\b ?")  # "Ok\nI mean ok got it, thanks"
ACK_GREETING = re.compile(r"^(?:hi|hey|hello|hola|buenas|good (?:morning|afternoon|evening)|dear (?:sirs?|madam|team"
                          r"|all|friends))(?: there| team| all| guys| y'?all)? ")
# "Thank you very much. Received. Kind regards, Ethel Brannigan": a letter's closing and the name under it
ACK_SIGNED = re.compile(r" (?:(?:kind|best|warm|warmest|with kind) )?(?:regards|saludos(?: cordiales)?|sincerely"
                        r"|respectfully|atentamente|cordialmente)(?: (?:sra|sr|srta|mr|mrs|ms|dr))?(?: [a-z]+){0,3}$")
WELL_WISHES = re.compile(r"\b(?:(?:y )?que (?:tengan|tenga|tengas) (?:un |una )?(?:excelente|buen|buena|lindo|linda"
                         r"|bonito|feliz|gran) [a-z]+(?: de semana)?|(?:y )?saludos a todo el equipo|have a (?:great"
                         r"|good|nice|wonderful|blessed) (?:day|weekend|sunday|one|evening|night|week|thanksgiving)"
                         r"|(?<=gracias) por la informacion|(?<=thanks) for the (?:info|information|update|heads up)"
                         r"|(?<=thank you) for the (?:info|information|update|heads up)"
                         r"|(?<=thank you kindly) for the (?:notification|info|information|update))\b")
ACK_SIGN_OFF = re.compile(r" (?:saludos|regards|best|cheers|un saludo|bendiciones|have a good one|mija|mijo"
                          r"|(?:mi )?amiga"
                          r"|atte\.?(?: [a-z. ]+)?"
                          r"|(?:mi )?(?:amigo|hermano|hermana|pana)|bro|jefe|boss|man|dude|buddy|girl|hun|hon|fam|mano"
                          r"|compa|primo"
                          r"|(?:sincerely|respectfully|(?:que )?dios (?:los|les|te|le) bendiga)(?: [a-z]+)?"
                          r"|se lo (?:paso|pasare|reenvio|hago llegar) a (?:la |el |mi )?[a-z]+|(?:le"
                          r"|les) aviso a [a-z]+"
                          r"|i'?ll (?:pass|forward) (?:it|this) (?:on |along )?to [a-z]+"
                          r"|sorry (?:for|about) (?:the|my) (?:late (?:reply|response)|delay|double (?:text|message"
                          r"|email)|spam|typos?|(?:multiple|many|extra) (?:texts|messages))"
                          r"|perdon (?:por|la) (?:la )?(?:demora|tardanza))$")
SIGNATURE_BLOCK = re.compile(r"\n\s*[-\u2013\u2014~]+ ?[a-z].*\Z", re.S)
PASSED_ON = re.compile(r" (?:le|les) aviso a (?:(?:la|el|mi) )?[a-z]+(?= )| se lo (?:paso|reenvio) a (?:(?:la|el|mi) )?"
                       r"[a-z]+(?= |$)"  # and an assistant's "I'll make sure Rob sees it tonight"
                       r"| i'?ll (?:make sure|see that) [a-z]+ (?:sees|gets|reads) (?:it|this)(?: tonight| today)?"
                       r"| i'?ll (?:pass it (?:along|on)|forward it) to [a-z]+| i'?ll let (?:him|her) know")
ACK_LONGEST = 160  # characters: "Thank you so much, received, have a blessed weekend - Amy (asst to Steve Cole)"
KEYWORDS_ALONE = phrases.STOP_ONLY_WORDS | phrases.START_WORDS | {"help", "info", "ayuda"}
# "Ok. Received. Frank": a first name signed after the last sentence
SIGNED_NAME = re.compile(r"(?<=[.!,])\s+[A-Z][a-z]+\.?\s*$")
PAUSE_BEFORE = re.compile(r"\b(?:asked|told) (?:you|you guys|y'?all|the network) (?:to )?(?:pause|hold"
                          r"|put (?:my|me|the) (?:account|referrals|leads|profile)? ?on hold)\b"
                          r"|\bi said to (?:pause|hold)\b|\b(?:les|le) (?:habia |he )?pedi(?:do)? (?:que )?paus"
                          r"|\bi (?:paused|had paused)\b|\b(?:was|were|got|have been|had been) paused\b"
                          r"|\bla pausa que (?:pedi|solicite|puse|les pedi)\b"
                          r"|\bthe pause i (?:asked for|set|requested)\b"
                          r"|\b(?:my|the) pause was (?:supposed|meant|set|scheduled|going) to\b"
                          r"|\b(?:despues de|after|since) (?:la|mi|the|my) (?:pausa|pause)\b"
                          r"|\b(?:leave|vacation|pause|surgery|recovery) (?:ended|is over|has ended|wrapped up)\b")
# a request made of us: "can you pause my referrals?" (not "is there any way to"); opening a clause, or after the time
# it is for ("Before I go on leave could you send me a list ...")
_ASKED = r"(?:can|could|would|will) (?:you|u|y'?all|someone|somebody)\b|(?:please|pls|kindly)\b"
ASKED_OF_US = re.compile(rf"(?:(?:hey|hi|so|ok|okay),? )?(?:{_ASKED})")
ASKED_AFTER_THE_TIME = re.compile(rf"\b(?:{_ASKED})")
TIME_CLAUSE = re.compile(r"^(?:before|when|after|once|while) (?:i|we)\b")
PAUSED_ELSEWHERE = re.compile(r"\bpaus(?:e|ed|ing) (?:my|the|our) (?!referrals|leads|account|texts|messages|offers"
                              r"|notifications|alerts|emails|whole|entire|team|office|group|brokerage)[a-z]+")
PAUSE_OURS = re.compile(r"\b(?:referrals|leads|offers|referidos|referencias)\b")
# "I told you hold til Dec 15 but make it til the 6th instead": the pause asked before, changed now
PAUSE_CHANGED = re.compile(r"\bmake it (?:til|till|until|thru|through)\b")
PAUSE_SENT_BEFORE = re.compile(r"\bi (?:texted|sent|replied|typed|hit|wrote) (?:pause|paus[ae])\b")
PAST_ABSENCE = re.compile(r"\b(?:just )?(?:got|came) back from (?:a |my |the |our )?(?:week|trip|vacation|cruise"
                          r"|honeymoon)\b"
                          r"|\b(?:ya )?(?:regrese|volvi|he regresado|he vuelto) de (?:las |mis )?(?:vacaciones|viaje)\b"
                          r"|\b(?:was|were|been|estuve|estaba) (?:on vacation|on leave|away|out of town"
                          r"|out of the office"
                          r"|traveling|travelling|sick|out sick|de vacaciones|fuera)\b")
# "please pause them until Jan 6" asks for a pause; "on vacation this week so I can't take it" and "I'm out till
# Monday" only explain
PAUSE_REQUEST = re.compile(r"\b(?:pause|paus[ae]\w*|pausing|hold|stop sending|don'?t send"
                           r"|no (?:more|new) (?:leads|referrals)"
                           r"|put me on|put my account|take me off|detengan|aguanten"
                           r"|no (?:me|le|nos) (?:manden|mandes|envien|envies|mande|envie))\b")
EXPLICIT_BESIDE_AN_ABSENCE = ("award", "agree", "invoice", "decline", "sold", "no_sale", "invalid", "fail")
PLANNED = re.compile(r"\b(?:want|wants|plan|plans|planning|going|hope|hoping) to\b"
                     r"|\b(?:they|he|she|we)(?:'ll| will) (?:write|make|put in|submit|start|go)\b")
# "I agreed to this yesterday, why am I getting the agreement again": a complaint, not a command
AGAIN = re.compile(r"\bagain\b|\botra vez\b|\bde nuevo\b")  # "Fake lead again. Pause my referrals for 2 weeks"
COMPLAINT = gates.GatedPattern(
    r"\bnot asking for anything\b|\b(?:two|three|four|several|[0-9]) of them (?:were|was) (?:bad|fake|junk|duds)\b|"
    r"\bwhy (?:am i|do i keep|did i|do i) (?:getting|get|receiving|receive)\b"
    r"|\b(?:another|second|third|fourth|yet another) (?:lead|referral|one)\b.{0,30}"
    r"\b(?:outside|out of (?:my|our|the))\b"
    r"|\b(?:the )?last (?:few|couple|[0-9]+|two|three|four|five|six) (?:leads|referrals)\b|\btire kickers\b"
    r"|\b(?:los|las) ultim[oa]s (?:[0-9]+|dos|tres|cuatro|cinco) (?:referidos|referencias|leads)\b"
    r"|\bestoy perdiendo (?:mi|el) tiempo\b|\b(?:los )?referidos de (?:este mes|esta semana) han sido\b"
    r"|\bno es por quejarme\b|\b(?:los|las) ultim[oa]s(?: (?:referidos|referencias|leads))? (?:han sido|fueron|son"
    r"|salieron|vinieron)\b|\bthe last (?:ones|few|couple) (?:have been|were|all)\b"
    r"|\bwant (?:a|my) refund\b"
    r"|\bis (?:anyone|anybody|someone) (?:actually |even |really )?(?:screening|vetting|checking)\b"
    r"|\bwho (?:checks|vets|screens|verifies|reviews) (?:these|this|them|your leads)\b"
    r"|\b(?:disappointed|unhappy|frustrated) (?:in|with|by) the (?:quality|leads|referrals)\b"
    r"|\bthe quality of (?:the |your |these )?(?:leads|referrals)\b"
    r"|\bquien (?:revisa|checa|filtra|verifica) (?:estos|estas|los|las) (?:referidos|referencias|leads)\b"
    r"|\b(?:second|third|fourth|fifth|another) (?:referral|lead|one) in a row\b"
    r"|\b(?:2nd|3rd|4th|5th|second|third|fourth|fifth|another|yet another) (?:[a-z]+ ){0,2}(?:referral|lead|number|one"
    r"|reminder)s?"
    r"\b.{0,40}\b(?:this (?:week|month|year)|in a row|lately|so far)\b"
    r"|\bwho(?:'s| is) (?:even |actually )?(?:vetting|screening|checking) (?:these|them|the leads|the referrals)\b"
    r"|(?<!contacte )(?<!llame )(?<!escribi )(?<!hable )(?<!marque )(?<!intente )(?<!busque )"
    r"\b(?:segunda|tercera|cuarta|otra) (?:referencia|referido|vez|lead)\b.{0,40}\b(?:este mes|esta semana|seguida)\b"
    r"|\btodos son [a-z]+ hasta que\b|\b(?:they'?re all|everyone'?s|everybody'?s) [a-z]+ (?:until|till) (?:you|u)\b"
    r"|\bestoy pagando por\b|\bgetting old\b|\b(?:[0-9]+|two|three|four|five) (?:of them )?in a row\b"
    r"|\b(?:mistake|error|wrong amount|typo) (?:on|in) (?:the|my|your|this) (?:invoice|bill|charge|fee|receipt)\b"
    r"|\bfix it and resend\b|\bcharged (?:me )?twice\b|\bdouble[- ]charged\b|\brefund (?:the|my|me)\b"
    r"|\b(?:put|get|have) (?:this|it) on (?:the )?record\b|\bwanted (?:it|this) written down\b"
    r"|\bi want to (?:share|give) (?:some )?feedback\b|\b(?:referrals|leads) (?:i'?m|i am|i'?ve been) getting\b"
    # "I'm frankly tired of being asked about #2915 ... when your own portal still shows the wrong phone number"
    r"|\b(?:tired|sick) of being asked\b|\bnobody (?:has )?(?:ever )?fixed (?:it|this|that)\b"
    r"|\byour (?:own )?(?:portal|system|app|site|website|dashboard|database) (?:still )?(?:shows|has|lists|says)"
    r" (?:the |an? )?(?:wrong|old|outdated|incorrect)\b"
    # "Your invoice ... charged me 30%. I agreed to 25%"
    r"|\bdispute the (?:charge|invoice)\b|\bcharged me [0-9]{1,2} ?%"
    r"|\b(?:records?|system|portal) (?:on your (?:end|side) )?still show(?:s|ing)? (?:both |them |it )?as open\b")
NO_TO_A_CODE = re.compile(r"^no #? ?[0-9]{3,8}\b")  # "NO 6120. 1.5% on the listing side isn't worth it"
CALL_ME_WHEN = re.compile(r"\b(?:llamenme|llamame|call me|text me|avisenme|let me know) (?:cuando|when|if)"
                          r" (?:tengan|tengas|haya|you (?:have|get)|there'?s|something|anything)\b")
NO_SALE_YET = re.compile(r"\bno sale yet\b|\bnot (?:a )?(?:sale|sold) yet\b|\bno (?:hay )?venta todavia\b"
                         r"|\b(?:todavia|aun) no se (?:ha )?(?:vendido|vendio|cerro|cerrado)\b"
                         r"|\bno se (?:ha )?vendido todavia\b")
STILL_TRYING = re.compile(r"\b(?:i'?ll|i will|gonna|going to) keep (?:trying|calling|reaching out|at it)\b"
                          r"|\b(?:seguire|voy a seguir) (?:intentando|llamando|insistiendo)\b")
YES_STILL = re.compile(r"(?:yes|yeah|yep|yup|si)[,!.]* (?:still|we'?re still|i'?m still|seguimos|sigo)\b")
CLAIMED_BEFORE = re.compile(r"\b(?:i )?(?:already )?claimed\b.{0,40}\b(?:last (?:week|month|night)|yesterday|ago"
                            r"|already|earlier|this morning|monday|tuesday|wednesday|thursday|friday|saturday"
                            r"|sunday)\b")  # "Claimed 3307 Friday but turns out it's 40 acres of raw land"
# "BUY. and if ...", "FAIL. 9 calls ...": a command keyword that is a sentence of its own, the rest commentary
# "Hi Jessica, this is Mike at Guild Mortgage - the Hendersons are clear to close": a lender's text to the agent's TC
# the agent's own listings and showings, asked of a colleague by name
TEAM_BUSINESS = re.compile(r"\block ?box\b|\bshowing (?:instructions|time|feedback)\b"
                           r"|\bre:? (?:the )?[a-z]+ (?:listing|file|transaction|escrow|showing|closing)\b")
SOMEONE_INTRODUCED = re.compile(r"\bthis is [a-z]+ (?:at|from|with) (?!(?:the )?referral network\b)[a-z]+")
HOUSE_AT = re.compile(r"\b(?:house|home|place|listing|property|condo|townhouse) (?:at|on) [0-9]{2,6} [a-z]+")
PERSON_PRAISED = re.compile(r"\b(?:super |really |very |such a |so )?(?:nice|sweet|lovely|great|cool|friendly|fun)"
                            r" (?:guy|lady|man|woman|couple|family|people|folks|gal)\b")
CONTACT_ONLY = re.compile(r"^(?:i )?(?:spoke|talked) (?:w|w/|with|to) (?:him|her|them)\b")
AREA_PREFERENCE = re.compile(r"\b(?:only|just) send (?:me )?(?:leads|referrals|ones|offers)\b"
                             r"|\bthe [a-z]+ ones (?:are|were) (?:just |always |all )?(?:too|way)\b")
CLIENTS_SUBJECT = re.compile(r"(?:(?:unfortunately|sadly|so|well|ok|welp|anyway|update),? )?(?:my |the |our )?"
                             r"(?:buyers?|sellers?|clients?)\b")  # "Buyers are under contract", "Sadly the sellers"
MARKETING = re.compile(r"\bthinking of (?:selling|buying)\b|\bfree (?:home )?(?:valuation|market analysis|cma)\b"
                       r"|\bcall me (?:today )?for (?:a|your) free\b|\bwhat'?s your home worth\b")
NOT_ABOUT_THE_REFERRAL = re.compile(r"\bno es (?:mi|nuestro|su|el) referid[oa]\b|\bnot (?:my|our|your|the) referral\b"
                                    r"|\bno (?:al|el|a la|la) (?:referido|referencia)\b|\bno es de ustedes\b"
                                    r"|\bno (?:la|el) del cliente\b|\bnot the client'?s\b"
                                    r"|\b(?:nada mas|solo|nomas) (?:desahogandome|me desahogo)\b"
                                    r"|\b[a-z]+'s (?:client|buyer|seller)s?\b[^.!?]{0,60}\bnot mine\b"
                                    r"|\bnot one of yours\b|\bnothing to do with (?:the|your|this|my) referral\b"
                                    r"|\bjust venting\b")
# "La respuesta automática que recibieron ya no aplica": an auto-reply disowned by the person who set it
AUTO_REPLY_DISOWNED = re.compile(
    # "the out-of-office auto-responder I set up apparently replied to your bot a dozen times": told about
    r"\bauto[- ]?(?:reply|responder|response) (?:i set up|apparently|replied|kept replying|went off)\b|"
    r"\b(?:respuesta automatica|auto-?reply|automatic reply|out of office|out-of-office)\b[^.!?]{0,40}"
    r"\b(?:ya no aplica|no longer applies|no longer applicable|can be ignored|please ignore)\b"
    r"|\b(?:ignore|disregard|ignoren) (?:my|the|mi|la|el) (?:respuesta automatica|auto-?reply|automatic reply"
    r"|out[ -]of[ -]office)"
    # "Él ... estará fuera de la oficina. Les pido por favor no enviarle referidos nuevos": a person asking for a pause
    r"|\bles pido (?:por favor )?(?:que )?no (?:le |me )?(?:envi|mand)\w*|\bplease (?:pause|hold) (?:my|his|her|new"
    r"|all|any)\b"
    # "Apologies to anyone who got my auto-reply while I was gone"
    r"|\b(?:got|received|saw|get|gotten) my (?:auto-?reply|automatic reply|out[ -]of[ -]office)")
SET_APART = re.compile(r"\b(?:eso es aparte|pero eso es otra cosa"
                       r"|(?:but )?that'?s (?:separate|unrelated|a separate thing)"
                       r"|unrelated,? but|on an unrelated note)\b")
REFUND_ASKED = re.compile(r"\b(?:i would like|i'?d like|i want|i expect|please issue|i need) (?:a|my) refund\b")
COMPLAINT_OPENED = re.compile(r"\b(?:writing|write) to complain\b|\bto whom it may concern\b|\bformal complaint\b")
REFUND_FOLLOW_UP = re.compile(r"\b(?:was|were|got) (?:told|promised)\b[^.!?]{0,80}\brefund"
                              r"|\brefund\w*[^.!?]{0,40}\bstill (?:hasn'?t|has not|haven'?t|not)\b"
                              r"|\bstill (?:hasn'?t|has not|haven'?t|not) (?:been )?(?:refunded|credited|hit my (?:card"
                              r"|account)|posted|shown up|come through)\b")
NO_SALE_WORDS = phrases.NO_SALE_WORDS
NO_SALE_FIRST = re.compile(rf"^(?:(?:unfortunately|sadly|so|ok|okay|update)[,:]? )?(?:{NO_SALE_WORDS}|no-sale)\b")
KEYWORD_FIRST = re.compile(r"^(?:buy|agree|agreed|claim|pass|fail|invalid|sold|no sale|in progress|resume|pause)"
                           r"(?: #? ?[0-9]{3,8}| on (?:this|that) one| on it| on #? ?[0-9]{3,8})?(?:,? sorry)?"
                           # "AGREE 7731 - maybe we can talk 20% on the next one": the keyword, then a dash
                           r"(?:[.!\n]| [-\u2013\u2014]+ (?!(?:if|unless|only if|si|solo si|pero|but)\b))")
NAMED_GREETING = re.compile(r"\s*(?:hi|hey|hello|dear|hola),? (?!(?:team|all|there|everyone|folks|guys|again|y'all|this"
                            r"|it'?s|sirs?|madams?|sir or madam|friends?|colleagues?)\b)"
                            r"[A-Z][a-z]+\b", re.I)
ADDRESSED = re.compile(  # "Jen can you call me back ...", "Mike — tell the Garcias we're taking it"
    r"^([A-Z][a-z]+)(?:,? (?:can|could|would|will) you\b|\s*[,:\u2014\u2013-]+\s*(?:tell|ask|let|please tell)\b"
    r"|\s*[\u2014\u2013-]+\s+(?=[^\n]*\b(?:your|ur) (?:buyers?|sellers?|clients?)\b))")  # "Mike - appraisal on your
# buyers came in at 512k so we're good. tell them congrats!!"
NOT_A_NAME = frozenset({"someone", "somebody", "another", "agent", "number", "option", "the", "him", "her", "them",
                        "hey", "hi", "hello", "ok", "okay", "yes", "no", "please", "thanks", "team", "guys", "sorry",
                        "so", "also", "and", "but", "then", "now", "hola", "oye", "sir", "maam", "folks", "y'all"})
NAME_ALONE = re.compile(r"([A-Z][a-z]+)(?:[,:]| -)")
BILLED_TO_ME = re.compile(r"\b(?:send|email|text|forward) me (?:the|an|a|that) (?:invoice|bill)\b|\b(?:bill|charge"
                          r"|invoice) me\b|\bmy card\b|\b(?:mandenme|enviame|envienme|mandame) (?:la factura"
                          r"|el invoice)\b")
# "they're leaning toward waiting until after the holidays": no plan to report yet
PLAN_IN_DOUBT = re.compile(r"\bleaning (?:toward|towards) waiting\b"
                           r"|\b(?:they'?ll|they will) (?:probably|prob|likely) start looking\b"
                           r"|\b(?:still deciding|not sure|don'?t know|no saben|no sabe|todavia no deciden)"
                           r" (?:if|whether|si) (?:the move|they'?re (?:even )?moving"
                           r"|they (?:will|want to|even want to) (?:move|buy|sell)"
                           r"|(?:it'?s|the move is) (?:even )?happening"
                           r"|se (?:van a )?mudan?|van a (?:comprar|vender|mudarse))"
                           r"|\b(?:me avisa|me dice|me dira|let me know|will tell me) (?:si|if|whether)"
                           r" (?:quieren|quiere|they want to|she wants to|he wants to) (?:seguir|keep|continue)\b")
CALL_SOMEONE_ELSE = re.compile(
    r"\b(?:call|ring|phone|llamen a|llama a|llame a) (?:my|our|mi|nuestra|nuestro) (?:assistant|asistente|wife|husband"
    r"|esposa|esposo|partner|lender|broker|tc|transaction coordinator|coordinator|office manager|secretary|secretaria"
    r"|admin|son|daughter|hij[oa]|team lead|attorney|abogad[oa])\b")
# "Mike, the buyers on Oak said NO to the counter. Call me.": a colleague called by name, with the deal's news
NONE_CHOSEN = re.compile(r"\b(?:ninguno|ninguna) (?:me )?(?:convence|sirve|gusta|me gusta)\b"
                         r"|\bnone of (?:them|these|those|the (?:agents|candidates))\b(?! (?:is|are) (?:bad|wrong)\b)")
NOT_AN_AGENT = re.compile(r"\bno soy (?:agente|realtor|corredor|vendedor)\b"
                          r"|\b(?:i'?m|i am) not (?:an? )?(?:real estate )?"
                          r"(?:agent|realtor)\b(?! any ?more)")
UNRELATED_FIRST = re.compile(r"^(?:totally |completely |slightly |kinda )?(?:unrelated|off[- ]topic|random question"
                             r"|side note|fun fact)\b")
STATE_FORECAST = re.compile(r"(?:[a-z']+ )?(?:should|will|'ll|hope to|hoping to|expect to|might|may) be (?:pending"
                            r"|under contract|in escrow)\b[^.!?]*")
UNDECIDED = re.compile(r"\b(?:haven'?t|have not|not yet) decided (?:who|which|on)\b|\bstill deciding (?:who|which"
                       r"|between)\b")
CANDIDATE_TURNED_DOWN = re.compile(r"^(?:no+|nope|nah)[,.!]? not (?:agent |number |option |#)?(?:[0-9]\b|the (?:first"
                                   r"|second|third|last|1st|2nd|3rd)\b|him\b|her\b)")
# a lender's or a title company's signature: "Senior Loan Officer | Summit Home Lending", "Melissa Grant | Escrow
# Officer"
LENDER_SIGNED = re.compile(r"^\s*(?:senior |sr\.? )?(?:loan officer|mortgage (?:loan )?(?:advisor|banker|consultant"
                           r"|originator)|loan originator)\b"
                           r"|^(?:[^\n|]{0,40}\|\s*)?(?:senior |sr\.? )?(?:escrow|title|closing) (?:officer|coordinator"
                           r"|assistant)\s*$", re.IGNORECASE | re.MULTILINE)
ASSISTANT_COVERING = re.compile(r"\bmy (?:assistant|tc|partner|teammate|colleague) [^.!?]{0,25}\b(?:is|will be)"
                                r" (?:keeping an eye on|checking|watching|covering|handling) (?:my )?(?:inbox|email"
                                r"|emails|phone|things)\b")
ANSWER_WHEN_BACK = re.compile(r"\b(?:le|te|les) (?:contesto|respondo)\b[^.!?\n]{0,40}\bcuando (?:regrese"
                              r"|vuelva|este de vuelta)\b"
                              # "Ando de vacaciones ... pero el lunes te contesto lo del #6120"
                              r"|\b(?:el )?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana)"
                              r" (?:le|te|les) (?:contesto|respondo|escribo|aviso)\b"
                              r"|\bi'?ll (?:get back to you|reply|respond|answer|write back|look at|look into|get to"
                              r"|check on|follow up on)\b"
                              r"[^.!?\n]{0,40}\bwhen i(?:'?m back| get back| return| am back)\b"
                              r"|\b(?:happy|glad) to (?:follow up|get back to you|reply|respond|answer)\b"
                              r"[^.!?\n]{0,40}\bwhen i(?:'?m back| get back| return| am back)\b")
FRIENDS_PLANS = re.compile(r"\bcount me out for (?:poker|golf|bowling|the game|game night|dinner|drinks|book club"
                           r"|the party|trivia)\b")
MIA_HAILED = re.compile(r"^\s*Mia\s*[-\u2013\u2014:,]\s")  # a name, not "mía" (mine), when a dash or comma follows
CALLED_BY_NAME = re.compile(r"^(?:(?i:hey|hi|hello|yo) )?([A-Z][a-z]+),\s+(?=(?i:(?:the|my|your|our) )?"
                            r"(?i:buyers?|sellers?|clients?)\b)")  # "Hey Mike, sellers countered at 389 ... Call me"
HAILED_BY_NAME = re.compile(r"^([A-Z][a-z]+),\s+(?=please\b)")
SCHEDULE_WORKS = re.compile(r"\b(?:[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm)?|noon|morning|afternoon|today|tomorrow|monday"
                            r"|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:at )?[0-9]{1,2}(?::[0-9]{2})? ?"
                            r"(?:am|pm)?)? works (?:for|with) (?:the |me|us)")
HELLO_BY_NAME = re.compile(r"^(?:hi|hey|hello|hola|buenos dias|buenas|dear)[, ]+(?!(?:team|all|there|everyone|folks"
                           r"|guys|equipo|todos)\b)[a-z]+[,.!]? ")
# a clause that opens with the command itself: "Pause me until Jan 6. How do I turn it back on after?"
PLAIN_COMMAND = re.compile(r"^(?:please |pls |kindly )?(?:pause|hold|stop|claim|buy|sold|pass|agree|award|call|connect"
                           r"|resume|start|mark|put|send|take|give|charge|bill|invalid|fail|no sale|in progress)\b")
RECEIVED = re.compile(r"\b(?:recibi|received|got) (?:el|la|the|your) (?:referido|referencia|referral|lead)\b")
CHANGED_MIND = re.compile(r"\b(?:actually|wait|hold on|scratch that|never ?mind|nvm|on second thought|sorry,? no"
                          r"|no,? espera|espera|esperen|pensandolo (?:bien|mejor)|ay no|me equivoque|perdon,? no)\b")
KEYWORD_THEN_THOUGHT = re.compile(r"^(?:buy|agree|claim|pass|sold|pause|resume)(?= (?:no,? |oh |uh )?(?:wait|hold on"
                                  r"|actually)\b)")  # "SOLD— no wait, that was a different deal"
DECLINE_FIRST = re.compile(r"^(?:no|nope|nah|pass|paso|no thanks|no gracias)\b")
# "Hi Maria!! Sellers accepted your offer 🎉 ... call me when you're off work": written to the client
TO_THE_CLIENT = re.compile(r"\bcongrat\w* on (?:the |your )?new (?:home|house|place|condo)\b|\bwelcome home\b"
                           r"|\byour (?:offer|loan|closing|inspection|appraisal|new (?:home|house|place)|lender"
                           r"|pre-?approval|walk-?through|keys|buyers?|sellers?|clients?)\b"
                           # "Hola Carmen, te reenvío este referido ...", "te mando los comps ... dile al cliente"
                           r"|\bte (?:reenvio|mando|paso|envio) (?:este|esta|los|las|el|la)\b|\bdile al? (?:cliente"
                           r"|clienta"
                           r"|comprador|compradora|vendedor|vendedora)\b")
PLEASE_DO = re.compile(r"^(?:please|pls|can you please) [a-z]+|^let me know if the (?:sellers?|buyers?|clients?) need"
                       r"|^let me know (?:what you think|your thoughts)\b")
# "Hi John and Maria,": an email to two people by name is for the clients
TO_CLIENTS = re.compile(r"\s*(?i:hi|hello|hey|dear|hola),? (?:(?!(?:Sirs?|Madams?|Sir or Madam|All)\b)"
                        r"[A-Z][a-z]+ (?:and|&|y) [A-Z][a-z]+\b"  # not "Dear Sirs and Madams"
                        r"|(?i:aunt|auntie|uncle|grandma|grandpa|cousin|t[ií]a|t[ií]o|abuela|abuelo) [A-Z])")  # "Hi
# Aunt Carol!!": family
JOKING = re.compile(r"\bjk\b|\bj/k\b|(?<!who am i )(?<!not )(?<!no )\b(?:just )?kidding\b|\bbromeando\b"
                    r"|\bes broma\b|\b(?:well|ok|okay)\W+not yet\b")
AGREE_OPINION = re.compile(r"\bi (?:totally |completely |fully )?agree,? (?:that|the|with|it'?s|you|100)\b"
                           r"|^agree(?:d)? (?:w|w/|with) (?:you|u|ya|that)\b"
                           r"|^agree(?:d)? 100 ?%|\b100 ?% agree"
                           r"|^agreed?[,!.]* (?:she|he|they|it|that) (?:does|do|is|are|'s|sounds?|seems?|looks?)\b"
                           r"|\b(?:estoy|estamos) de acuerdo (?:en |con )?que\b")  # "... que el mercado está lento"
COUNTER_OFFER = re.compile(r"\btoo (?:much|high|steep|rich)\b|\bonly (?:at|for|with) [0-9]{1,2} ?%"
                           r"|\b[0-9]{1,2} ?%(?: on #? ?[0-9]{3,5})?,? not (?:the )?[0-9]{1,2}\b"  # "20% on 5528, not"
                           r"|\b[0-9]{1,2} ?%? and (?:we have|we'?ve got|it'?s) a deal\b"
                           r"|\b(?:how about|what about|can we do|would you do|i'?d do|i would do) [0-9]{1,2} ?%"
                           r"|\bif (?:you|u|y'?all) (?:can|could) do [0-9]{1,2}\b"
                           r"|\b[0-9]{1,2} ?%? instead of [0-9]{1,2}\b"
                           r"|\bcounter(?:offer)?\b|\bpero al [0-9]{1,2} ?%|\bes (?:mucho|demasiado)\b"
                           r"|\bsi me (?:bajan|dejan|hacen|ponen)\b[^.!?]{0,30}\b[0-9]{1,2} ?%|\bno me sale\b")
THEY_AGREED = re.compile(r"\b(?:buyers?|sellers?|clients?|they|he|she|the other side|both sides|owners?)(?: [a-z#0-9]+)"
                         r"{0,3} (?:just |finally |all |have |has )?(?:agreed|accepted|signed)\b")
AGREE_ITSELF = re.compile(r"\bi (?:agree|accept)\b|\b(?:fee|split|referral agreement)\b|\b[0-9]{1,2} ?%")
OTHER_TERMS = re.compile(r"\bpay (?:at|after|upon) (?:closing|close)\b|\binstead of (?:the )?\$?[0-9]+"
                         r"|\binstead of paying\b"
                         r"|\bpay (?:it )?later\b|\b(?:a |any )?discount\b")
FEE_WORD = re.compile(r"\b(?:fee|split|referral agreement|comision|honorarios)\b")
LAST_KEYWORD = re.compile(r"[.!?\n\u2014\u2013-] *(?P<keyword>buy|agree|pass|claim|invalid|fail|no sale|sold"
                          r"|in progress|yes)"
                          r"(?: (?:on )?#? ?[0-9]{3,8})?[ .!]*$")
SAID_LAST = {"buy": "invoice", "agree": "agree", "pass": "decline", "claim": "claim", "invalid": "invalid",
             "fail": "fail", "no sale": "no_sale", "sold": "sold", "in progress": "in_progress", "yes": "claim"}
FEE_FINE = re.compile(r"\b(?:fee|split|comision|honorarios)(?:'s| is| are)? (?:fine|ok|okay|good|works|acceptable)\b"
                      r"|\bfine with the (?:fee|split)\b")
# "No puedo aceptar el 25%": the fee refused, not the offer passed ("35% is too much, I'll pass" passes)
PASS_WORD = re.compile(r"\b(?:pass|paso|decline|no thanks|not interested|no gracias|skip|no la compro|no lo compro"
                       r"|no voy a comprar)\b")
# "why did my leads get paused?": a why-question is never a status request
WHY = re.compile(r"^why\b|\bpor ?que\b")
# Someone else's deal: "my neighbor's buyers walked away from their deal"
# The agent's own business, not a referral of ours (read with its asides: "(my own listing)")
OWN_BUSINESS = gates.GatedPattern(
    r"(?<!not )\bmy own (?:listing|deal|client|buyer|seller|sale|closing|residence|home|house|condo|place|showings)\b"
    r"|\bas for my own (?:stuff|business|deals|clients|work|pipeline)\b"  # "As for my own stuff, I'm mostly working
    # with renters right now"
    r"|\b(?:buyer|client|couple|lady|guy|family) i met at (?:the |my |an |our )?open house\b"
    r"|\bmy (?:personal |primary )?residence\b"
    r"|\b(?:we|i) (?:just |finally )?sold (?:the|our) (?:lake|beach|vacation|weekend|summer|family|old) (?:house|home"
    r"|place|cabin|condo)\b|\bour (?:lake|beach|vacation|weekend|summer) (?:house|home|place|cabin|condo)\b"
    r"|\bnot (?:one of )?(?:yours|your referrals?|a referral|from (?:you|your network|the network))\b"
    r"|\b(?:never|didn'?t|did not) (?:came|come) (?:through|thru|from) (?:you|your network|the network|y'?all)\b"
    r"|\bfrom my (?:sphere|database|farm|soi)\b"
    r"|\b(?:my|our) (?:[a-z0-9]+ ){0,3}listing\b(?! agreement| appointment| presentation| with\b)"
    r"|^(?:new |my )?listing (?:at|on) [0-9]{2,6} [a-z]+"  # "Listing at 2207 Sandpiper Ln just went under contract"
    r"|\bour (?:own )?(?:new )?(?:house|home|place)\b"
    r"|\bsold (?:[0-9]+|two|three|four|five|six|a few|several) (?:listings|homes|houses|deals)\b"
    r"|\b(?:a|my) listing appointment\b(?! with (?:the|my|our) (?:seller|client))|\b(?:all )?my showings\b"
    r"|\bfor the office\b|\bin the mls\b"
    r"|\b(?:hubby|husband|wife|partner|spouse|fiance|fiancee) and i (?:closed|bought|sold)\b"
    r"|\b(?:i|we) (?:just )?listed (?:[0-9]+|two|three|four|five|a few|several|another"
    r"|a couple of) (?:new )?(?:properties"
    r"|homes|houses|listings|condos)\b|\bmi casa (?:por fin |ya )?se vendio\b|\bvend\w* mi (?:propia )?casa\b"
    r"|\bwe (?:just )?bought (?:a|our|the) (?:new )?(?:house|home|condo|place)\b")
# said of the news just told, not news of its own: "sold ... for $725,000. ... they never came through your network"
DISCLAIMED = re.compile(r"not |never |didn'?t |did not ")
SENT_BY_US = re.compile(r"\b(?:the |that |this )?(?:buyers?|sellers?|clients?|couple|family|lead|referral|one|guy|lady"
                        r"|woman|man) (?:you|u|y'?all|you guys) (?:sent|gave|referred)(?: me| us| over)?\b"
                        r"|\bthanks? (?:you )?for sending (?:them|him|her) (?:to me|my way|over)\b")
REFERRAL_NAMED = re.compile(r"\((?:our|your|the|a) (?:network )?referral\)|\b(?:our|your) referral\b"
                            r"|\babout (?:that|the|this|my|your) referral\b")  # "let you know about that referral"
# "Um hi so quick update on 2230, ... the Kaplans are under contract ...": the message opens on our referral
UPDATE_ON_A_CODE = re.compile(r"^(?:[a-z]+ ){0,4}(?:update|news|update on|re|about|regarding) (?:on )?#? ?[0-9]{4,5}\b")
THEIR_DEAL = re.compile(
    r"(?<!doing )(?<!did )(?<!ran )(?<!run )(?<!pulled )(?<!pull )(?<!running )(?<!pulling )\b(?:the )?comps\b"
    r"|\bcomparables?\b|"  # "Attached are the comps ... The one on Maple sold for $452k"
    r"\b(?:my|our) (?:neighbou?r|sister|brother|cousin|friend|mom|dad|parents|coworker|colleague|broker|teammate"
    r"|partner|boss)'?s (?:buyers?|sellers?|clients?|deal|listing|house|home)\b"
    r"|\bneighbou?r'?s (?:buyers?|sellers?|clients?|deal|listing)\b")
# A sale whose only price is small is no home sale ("sold it to a guy from church for 6k") unless it names one
ASKS_WHETHER = re.compile(r"^(?:can|could|should|may|shall) (?:i|we)\b|^(?:puedo|debo|podemos)\b")
SMALLEST_PRICE = 10_000
# someone else's move, which a claim beside it may be about ("my sister is buying there, yes I'll take it")
THEIR_MOVE = re.compile(r"\b(?:buy|buying|bought|sell|selling|sold|mov\w+|looking|house|home|condo|place|listing|casa"
                        r"|compra\w*|vend\w*|busca\w*|mudar\w*)\b")
HOME_WORDS = re.compile(
    r"\b(?:house|home|condo|townhome|townhouse|place|property|listing|buyers?|sellers?|clients?|closing|escrow|keys"
    r"|casa|propiedad|piso|compradores?|vendedores?|cliente)\b|#")
BENIGN_CONDITION = gates.GatedPattern(phrases.BENIGN_CONDITION)  # long, and taken out of whole emails
PLANNED_PROGRESS = re.compile(phrases.PLANNED_PROGRESS)
DEFERRED_UPDATE = re.compile(phrases.DEFERRED_UPDATE)
PAST_YEAR = re.compile(phrases.PAST_YEAR)
# A year is no referral code: "la vendí en 2019", "just browsing for 2028"
YEAR = re.compile(r"\b(?:in|en|en el|since|desde|desde el|back in|around|until|till|til|hasta|through|thru|before"
                  r"|after|antes de|it'?s|para|from|de|del|built|circa|like it'?s|like it was|est\.?|established"
                  r"|founded|closing out|close out|wrapping up|wrap up|finishing out"
                  r"|(?:(?:feels|felt|looks|just|not|nothing) )?like"
                  r"|(?:books|goals|plans|taxes|budget|numbers) for"
                  r"|(?:end|rest|spring|summer|fall|winter|start|beginning|middle) of) (?:19[0-9]|20[0-4])[0-9]\b"
                  r"|\b(?:my|a|the|your|his|her|our|their) 1099s?\b(?: for (?:19|20)[0-9]{2}\b)?"  # and the tax form
                  r"|\bmade (?:my|our) (?:19|20)[0-9]{2}\b"
                  r"|\b1099s\b|\b1099(?= forms?\b)"  # "do you guys send 1099s?"
                  r"|\b(?:a|an|the) (?:19|20)[0-9]{2}(?= (?:townhome|townhouse|house|home|condo|build|model|remodel|tax"
                  r"|construction|two-story|ranch|car|truck|suv|budget|season|calendar|goals|dues|assessment)\b)"
                  r"|\b(?:19|20)[0-9]{2}(?= (?:build|built|construction|remodel|vintage)\b)"  # "1954 build"
                  r"|\b(?:19|20)[0-9]{2}(?= (?:has been|was|is) (?:my|our|a|the) (?:best|worst|busiest|slowest"
                  r"|year)\b)")
RELATIVE_CLAUSE = re.compile(phrases.RELATIVE_CLAUSE)
IMPERATIVE_HAVE = re.compile(r"^(?:have|let) (?:the|someone|somebody|a)\b")  # "have the bot call me"
# "(they sold in Edison and bought in Metuchen with me)", "(I handled their first purchase through you in 2023)"
PICK_IN_BRACKETS = re.compile(r"\(((?:the )?(?:first|second|third|1st|2nd|3rd|last) (?:one|agent|person|realtor|name"
                              r"|option) on (?:the|your|my) list)\)")
ASIDE = re.compile(r"\((?:(?:[^()\s0-9#]+|(?:19|20)[0-9]{2})\s+){3,}"
                   r"(?:[^()0-9#]|(?<![0-9])(?:19|20)[0-9]{2}(?![0-9]))*\)")
# a subject, not a paragraph: "Re: How is #2290 going?", "Subject: RE: How is referral #1187 going?"
SUBJECT_LINE = re.compile(r"^\s*(?:subject:\s*)?(?:re|fw|fwd|aw|rv)\s*:(?!(?:\s+\S+){12})"
                          r"|^\s*(?:ticket|priority|case)\s*[:#]", re.IGNORECASE)  # a ticket's header lines
# "wrong number" alone is the agent telling us we texted the wrong person, not a report on the client's number
WRONG_NUMBER = re.compile(r"\bwrong (?:number|#)\b")
LEAD_CONTEXT = re.compile(  # "wrong number, the lady has no idea what I'm talking about": the client's number
    r"\b(?:client|lead|buyer|seller|their|his|her|the number on|referral|customer|invalid|the (?:guy|lady|woman|man"
    r"|person)|she|he|they|whoever|someone|somebody|never heard of|no idea)\b")
WRONG_PERSON = re.compile(r"(?:sorry )?(?:you have (?:the )?|u have (?:the )?)?wrong (?:number|person|#)(?: sorry)?")
NUMBERED_CHOICE = re.compile(r"(?:\b(?:number|numero|agent|agente|option|opcion)|#) ?#? ?([0-9]{1,2})\b")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "primer": 1, "primero": 1,
            "1ra": 1, "1ro": 1, "2da": 2, "2do": 2, "3ra": 3, "3ro": 3,
            "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3, "tercera": 3,
            "last": Award.LAST, "ultimo": Award.LAST, "ultima": Award.LAST,
            "primerito": 1, "primerita": 1, "segundito": 2, "segundita": 2, "tercerito": 3, "tercerita": 3}
ORDINAL_CHOICE = re.compile(r"(?:\bthe |^|(?<=choose )|(?<=pick )|(?<=select ))(" + "|".join(ORDINALS)
                            + rf") (?:{phrases.ON_THE_LIST}|1)\b"  # "go w the 1st 1"
                            r"|\b(?:al|a la|el|la) (" + "|".join(ORDINALS) + r")\b")
SECOND_WORD = re.compile(r"\s*[a-z']+\s+(?:on\s+|for\s+)?")  # "claim 123", "FAIL on 912"
HASH_REF = re.compile(r"#\s?([0-9]{3,8})(?![0-9])")
LEADING_REF = re.compile(r"^(?:re:? )?(?:(?:ref(?:erral)?|code|lead) )?#? ?[0-9]{3,8}\b")
CODE_PAIR = re.compile(r"#? ?\b[0-9]{4,5} (?:and|&|y) #? ?[0-9]{4,5}\b(?! ?(?:k|mil)\b)")  # "4410 and 4412"
ANY_REF = re.compile(r"(?<![$.,])#? ?\b[0-9]{3,8}\b(?![.,][0-9]| ?(?:k|m|mil|million|millones)\b| ?%)")  # not "489.9k"
CLAUSE_BREAK = gates.GatedPattern(
    r"(?<=[!?;\n])|(?<=[a-z]:)(?=\s)|(?<=[0-9]:)(?= (?:is|are|does|do|did|can|what|where|how)\b)|(?<=[.,])(?![0-9])"
    r"|\s+[-–—]+\s+|\s+(?:lol|lmao|haha+|jaja+)\s+(?=(?:still|but|we|we're|they|they're|pero|seguimos|sigue|siguen)\b)"
    # "not sold yet lol still pending": the laugh ends a clause
    r"|\s+(?:but|pero)\s+(?=#?[0-9]{4,5}\b)"  # "my other buyer closed at 500 but #3391 is still looking"
    r"|\s+(?:but|pero)\s+(?=(?:we|they|i|we've|they've|i've|we're|they're|he|she|the|my|our|ya|ellos|estamos|si"
    r"|esta vez|this time)\b)"
    r"|\s+so\s+(?=(?:i|i'm|i've|we|we're|yes|si|pass|buy|agree)\s)|\s+(?=before i\b)"
    r"|\s+and\s+(?=(?:yes|yeah),? i\b)"  # "Yes I'm still with Compass and YES I'll take 4821"
    r"|\s+but\s+(?=(?:ok|okay|fine)\b)"  # "25% is a lot but ok AGREE"
    r"|(?<!you)(?<! u)(?<!please)(?<!pls)(?<! to)(?<!just)(?<! and)(?<! so)"
    r"\s+(?=award #?[0-9]{4,5} (?:to )?(?:agent |number |option |#)?[0-9]\b)"  # "thx for the list award 6012 2"
    r"|(?:(?<=landed)|(?<=arrived))\s+(?=(?:buy|claim|award) #?[0-9]{4,5}\b)"  # "Just landed ✈️ BUY 7142"
    r"|(?<= ok)\s+(?=(?:do|does|did|can|could|will|would|should) (?:you|u|y'?all)\b)"  # "sold 450 on
    # 2290 🙌 do u need the HUD?": the emoji ends the news
    r"|(?<=before i say yes)\s+(?=(?:can|could|would) (?:you|u|someone)\b)")
# the thread's header in the writer's mail client's language: "Le jeu. 19 nov. 2026 à 08:00, ... a écrit :", "Em
# ... escreveu:", "Am ... schrieb ...:", "Il ... ha scritto:", "Op ... schreef ...:"
THREAD_OPENS = (r"on .+ wrote:?\s*$|el .+ escribi[oó]:?\s*$|le .+ a [ée]crit\s*:?\s*$|em .+ escreveu:?\s*$"
                r"|am .+ schrieb.*:\s*$|il .+ ha scritto:?\s*$|op .+ schreef.*:\s*$"
                r"|-{2,}\s*(?:original message|mensaje original"
                r"|forwarded message|mensaje reenviado)|from:\s|de:\s|_{5,}|begin forwarded message")
QUOTED_ON_TOP = re.compile(rf"\s*(?:>|{THREAD_OPENS})", re.I)  # also where an answer announced below starts
THREAD_HEADER = re.compile(rf"\s*(?:(?:sent|enviado|to|para|cc|subject|asunto|date|fecha)\s*:|{THREAD_OPENS})", re.I)
SENT_FROM = re.compile(r"\s*(?:sent from\b|enviado desde\b|get outlook for|obtener outlook para|--\s*$)", re.I)
EMAIL_QUOTE = re.compile(
    r"\s*(?:>|on .+ wrote:?\s*$|el .+ escribi[oó]:?\s*$|le .+ a [ée]crit\s*:?\s*$|em .+ escreveu:?\s*$"
    r"|am .+ schrieb.*:\s*$|il .+ ha scritto:?\s*$|op .+ schreef.*:\s*$"
    r"|-{2,}\s*(?:original message|mensaje original|forwarded message"
    r"|mensaje reenviado)|from:\s|de:\s"
    r"|sent from\b|enviado desde\b|--\s*$|_{5,}|get outlook for|obtener outlook para)",
    re.I,
)
SIGN_OFF = re.compile(
    r"[-\s]*(?:thanks|thank you|thx|many thanks|best|all the best|best regards|kind regards|warm regards|warmly|regards"
    r"|cheers|sincerely|respectfully|talk soon|saludos|un saludo|atentamente|atte|cordialmente|abrazos|muchas gracias"
    r"|gracias|merci|merci beaucoup|take care|blessings|best wishes|yours truly)"
    r"[\s,.!-]*(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?[\s,.!]*",
    re.I,
)
CONTACT_MARK = re.compile(r"\S+@\S+\.\w+|\bwww\.|https?://|\s[|•·]\s|^\|")  # "• Closed Friday" is a list item
CITY_LINE = re.compile(r"[A-Z][A-Za-z .'-]*, [A-Z]{2},? [0-9]{5}(?:-[0-9]{4})?")  # "Lafayette, LA 70503"
SIGNATURE_LINE_WORDS = 8  # "Marking #7290 invalid: the phone rings a dentist's office ..." is no signature line
CONTACT = re.compile(
    r"\b(?:realtors?|broker(?:age)?|associate broker|realty|real estate"
    r"|properties|sotheby'?s|keller williams|compass|re/?max|coldwell banker|century 21|berkshire hathaway|exp realty"
    r"|licen[cs]ed?|lic\.? ?#|dre ?#|nmls|cell|mobile|direct|office|fax)\b",
    re.I,
)
LICENCE = re.compile(r"\b(?:dre|lic(?:ense)?|licence|bre|trec|nmls|cal ?dre)\.? ?(?:no\.? ?|number |num )?#?"
                     r"(?: (?:to|is))? ?[0-9]+"
                     r"|\b(?:bk|sl|bc|sa|c-)\s?[0-9]{5,8}\b")  # Florida's BK3198765, SL3412908; Puerto Rico's C-17218
CARD_DIGITS = re.compile(r"\b(?:ending(?: in)?|ends (?:in|with)|last (?:four|4)(?: digits)?(?: (?:are|is|of))?"
                         r"|terminad[ao] en"
                         r"|que termina en) #? ?[0-9]{4}\b")  # "put it on the amex ending 4417"
OTHER_CODES = re.compile(r"\b(?:lockbox|lock box|gate|door|alarm|garage)(?: code)? is (?:still )?#? ?[0-9]{3,8}\b"
                         r"|\b(?:at|on|in|en) [0-9]{3,6} (?!(?:k|mil|million|thousand|grand|dollars|bucks"
                         r"|but|and|or|so|then|pero|y|on|at|in|for|to|with|re|about|en|de|del|para|con)\b)[a-z]+"
                         r"(?: [a-z]+)? #[0-9]{1,5}[a-z]?\b"  # "1550 Brickell #2104"
                         r"|\b(?:lockbox|lock box|gate|combo)\b[^.!?\n]{0,30}\bis (?:still )?#? ?[0-9]{3,8}\b"
                         r"(?:,? not #? ?[0-9]{3,8}\b)?"  # "the lockbox on Pine is 2468 not 2486"
                         r"|\b(?:ste|suite|unit|apt)\.? #? ?[0-9]{1,5}[a-z]?\b|\bbooth #? ?[0-9]{1,5}\b"
                         # "Ste 210", "booth 1140"
                         r"|\bplate(?: #| number)? [a-z0-9]{1,8}(?: [a-z0-9]{1,8})?\b"  # "(plate 7KLM 1234)"
                         r"|\b(?:calle|carrera|cra|cll|av|avenida|diagonal|transversal)\.? [0-9]{1,3}[a-z]? ?#"
                         r" ?[0-9]{2,5}\b(?:-[0-9]{1,3})?"  # "Calle 8 #2450", "Cra 15 #93-47"
                         r"|\b(?:office|brokerage) is (?:at|on) [0-9]{2,6}\b"  # "office is at 1100 S Lamar"
                         r"|\bthe (?:one|house|place|home|condo) on [0-9]{3,5}\b"
                         r"|\bmeet (?:you|me|them|us) at [0-9]{3,5}\b"
                         r"|"r"\b(?:lockbox|lock box|gate|door|alarm|garage|wifi|access|supra|combo)\b[^.!?\n]{0,30}"
                         r"\bcode(?: is)? #? ?[0-9]{3,8}\b|\bmls ?(?:#|no\.?|number)? ?[0-9]{5,10}\b"
                         r"|\b(?:loan|file|escrow|order|policy|case|ticket|confirmation|tracking)"
                         r" ?(?:#|no\.?|number|num)(?: is)? ?[0-9]{3,12}\b"  # "loan #0092217", "escrow no. 41877"
                         r"|\b(?:ofrecimos|ofrecieron|offered|offer(?:'s| is| went)? in at|offering|bid|countered at"
                         r"|oferta de|ofertamos) \$?[0-9]{3}\b(?![0-9,.])"  # "ofrecimos 340 en Yonkers": a price
                         r"|\b[0-9]{1,2} ?% ?(?:=|is|comes to|would be|es|son) ?\$?[0-9][0-9,.]*"  # "your 25% = 3750"
                         r"|\b(?:vuelo|flight)(?: #| no\.?| number)? ?[0-9]{1,5}\b"  # "Vuelo 1847 sale el martes"
                         r"|\b(?:of|ofic)\. ?[0-9]{1,5}\b|\boficina #? ?[0-9]{1,5}\b"  # "Of. 1203, Surco, Lima"
                         r"|\b(?:verification|security|confirmation|login|access) code(?: is)?:? ?[0-9]{4,8}\b")
PHONE = re.compile(r"\+?1?[ .-]?\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}\b")
NAME_LINE = re.compile(r"[-~ ]*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}")
GREETING_LONGEST = 60  # characters: "Buenos días, estimado equipo de Referral Network:"
REACTION_OPENING = 80
GREETING_LINE = re.compile(  # read without accents: "Buenos días," "¡Hola!"
    r"[\s\u00a1]*(?:(?:hi|hey|hello|howdy|greetings|dear|(?:good )?(?:morning|afternoon|evening)|hola|buenos dias"
    r"|buenas tardes|buenas noches|buenas|buen dia|estimad[oa]s?)"
    r"(?:,? \u00bf?(?:que tal|como (?:estan|estas|andan|andas|les va|te va)|how are (?:you|y'all)(?: all| guys| doing)?"
    r"|how'?s it going)\??"
    r"|,? (?:there|all|team|everyone|folks|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?))?"
    r"|team|all|folks|everyone|to whom it may concern|a quien corresponda)[\s,.!:-]*",
    re.I,
)
# "Apologies for the delay in getting back to you. I was at a CE class all day ...": the sentence that says why
# the reply is late is taken out of its line; the line says what is asked
# "it says reply SOLD, NO SALE, IN PROGRESS, INVALID or FAIL": our options quoted back, none of them chosen
OPTION_WORD = (r"(?:no sale|in progress|sold|invalid|fail|yes|si|no|buy|agree|pass|claim|stop|start|help|pause|resume"
               r"|award|status|decline)")
OPTION_BREAK = r"(?: \$?amount)?(?: ?[,/] ?(?:(?:or|and|y|o) )?| (?:or|and|y|o) )"  # "reply SOLD $amount, NO SALE, ..."
OPTIONS_LISTED = re.compile(rf"\b{OPTION_WORD}(?:{OPTION_BREAK}{OPTION_WORD}\b){{2,}}")
# "Me llegó un mensaje que dice que conteste SOLD o NO SALE": the options, however few, quoted back
QUOTED_INSTRUCTION = gates.GatedPattern(
    r"[\"\u201c\u201d']\s*(?:reply|text|send|responda|responde|conteste|contesta|escriba)"
    r"\s+(?:[a-z ]{1,15})[\"\u201c\u201d']"
    r"|\b(?:you|u|it|the (?:text|email|message)) (?:said|says) (?:to )?"
    r"(?:reply|text|answer) (?:agree|yes|buy|sold|pass|no)\b"
    r"(?: to (?:accept|claim|buy|purchase|pass)"
    r"(?: (?:the|a|an|this|that|[0-9]+ ?%)[^.!?0-9,]{0,30})?)?")
# "You said reply AGREE to accept the 25% fee on 7731. My broker caps ...": our words, quoted
OPTIONS_TO_ANSWER = re.compile(rf"\b(?P<verb>que conteste|contestar|responder|que responda|reply|replying|text|answer)"
                               rf"(?: with)? {OPTION_WORD}(?:{OPTION_BREAK}{OPTION_WORD}\b)+")
def _codes_kept(apology: re.Match[str]) -> str:
    """An apology for the delay, taken out, with the code it named kept ("Sorry for the slow reply on 5129, ...")."""
    return "".join(f"{code} " for code in HASH_OR_PLAIN_CODE.findall(apology.group()))


HASH_OR_PLAIN_CODE = re.compile(r"#? ?\b[0-9]{4,5}\b")
APOLOGY_FOR_DELAY = re.compile(
    r"^\s*(?:(?:mil |many |my )?(?:apologies|disculp\w*)|(?:so )?sorry|i apologi[sz]e|perd[oó]n),?(?: for| por)?"
    r" (?:the |la |el )?"
    r"(?:delay|late|slow|tardanza|demora|not (?:responding|replying|getting back)|pause in repl|radio silence|silence"
    r"|no hab[ií]a visto (?:el|su|tu) mensaje"
    r"|no (?:contestar|responder|haber contestado|haber respondido))"
    r"[^.!?\n\u2014\u2013;:,]*[.!?\u2014\u2013;:,]*\s*",
    re.I)
OWN_DELAY = re.compile(r"\b(?:apolog\w*|disculp\w*|sorry|perdon)\b[^.!?\n]{0,12}\b(?:for|por) (?:no|not) (?:contestar"
                       r"|responder|answering|replying|getting back|responding)\b")
PHONE_SYMBOL_ASKED = re.compile("(?:\N{TELEPHONE RECEIVER}|\N{BLACK TELEPHONE}\ufe0f?) ?(?=me\\b)")
OK_SYMBOLS = re.compile(
    "(?:\N{THUMBS UP SIGN}|\N{OK HAND SIGN}|\N{WHITE HEAVY CHECK MARK}|\N{PERSON RAISING BOTH HANDS IN CELEBRATION})"
    "[\U0001F3FB-\U0001F3FF]?|(?<![0-9])10-4(?![0-9])"
)
# "tengo cirugía el martes", "my wedding is on the 5th": the day of an event, not the day the pause ends
EVENT_DAY = re.compile(
    r"\b(?:surgery|cirugia|wedding|boda|operation|operacion|procedure|appointment|cita|funeral|graduation|me operan"
    r"|leave starts|leave begins)"  # "Pls pause me a few weeks, maternity leave starts tmrw": the day it starts
    r"(?: (?:de )?(?:la|el|del|my|mi)? ?(?:rodilla|cadera|espalda|hombro|knee|hip|back|shoulder|vesicula))?"
    r" (?:is |es |sera )?(?:on |el |this |next |este |on the )?(?:monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo|tomorrow|manana|the [0-9]{1,2}(?:st|nd"
    r"|rd|th)?)\b")
# Someone writing for the agent: an assistant, a coordinator, a team lead, an office manager
ON_BEHALF = gates.GatedPattern(
    r"\b(?:assistant|coordinator|office manager|operations manager) (?:to|for|of)\b|\b[a-z]+'s assistant\b"
    r"|\b(?:his|her) assistant\b|\basistente (?:de|del|de la)\b|\b(?:on behalf of|en nombre de)\b"
    r"|\basked me to (?:let you know|tell you|update you|reach out|request|answer|reply to|respond to)\b"
    r"|\bteam assistant\b|\basst\.? (?:to|for)\b|\(asst\)|\bfront desk\b"
    r"|\b(?:secretaria|secretario) (?:de|del)\b|\btc (?:for|to)\b|\bshowing assistant\b|^assistant for\b"
    r"|\boffice (?:mgr|manager)\b|\bde parte del?\b|\badmin (?:to|for)\b|\ben nombre de\b|\b[a-z]+'s isa\b"
    r"|\b(?:his|her) (?:isa|admin|tc|asst)\b|\b[a-z]+'s (?:asst|admin|isa)\b|\bmanage (?:the )?inbox for\b"
    r"|\bi (?:handle|answer|manage|run) [a-z]+(?: [a-z]+)?'s (?:texts|messages|emails|phone)\b"
    r"|^(?:(?:[a-z]+'s )?(?:wife|husband|spouse|assistant|son|daughter)) here\b"
    r"|\b(?:soy|habla) (?:el|la) (?:isa|asistente|coordinador|coordinadora|esposa|esposo|hija|hijo) de\b"
    r"|\bsoy su (?:asistente|secretari[oa]|isa|coordinador|coordinadora|esposa|esposo)\b"
    r"|\b[a-z]+'s (?:wife|husband|son|daughter|team|tc)\b|\b(?:asked|told) me to (?:reply|answer|text|say|respond)\b"
    r"|\bescribo (?:por|de parte de|en nombre de) (?:el|la) (?:sr|sra|srta|senor|senora|lic)\b"
    r"|\b(?:esposa|esposo|hija|hijo|asistente) de [a-z]+ aqui\b|\b(?:teammate|partner) of [a-z]+ here\b"
    r"|\bfrom [a-z]+'s (?:office|team)\b|\bmy (?:husband|wife|partner) (?:says|said)\b(?! (?:that )?i\b)"
    r"|\bi (?:handle|answer|manage|do|run) (?:the |his |her )?(?:texts|messages|emails|email|phone) for\b"
    r"|\b(?:office manager|operations manager|managing broker|team lead|transaction coordinator|asistente|assistant)"
    r"(?= *[|,\n]| *$)")  # a title alone on a signature line
_NAME = (r"(?!(?:the|them|him|her|me|us|you|our|my|your|their|his|client|buyer|seller|back|a|an|two|three|four"
         r"|from|with|at|on|in|for|by|to|and|or"
         r"|a few|several|now|today|number|numbers|line|cell|phone|office|desk|it|them"
         r"|next|this|that|[0-9]+)\b)[a-z]+(?: (?!(?:at|around|on|today|tomorrow|this|after|before|when|asap|from"
         r"|with|to|live)\b)[a-z]+)?")
AS_THE_AGENT = tuple((re.compile(pattern), said) for pattern, said in (
    (r"\b[a-z]+ asked me to (?:let you know|tell you|update you)(?: that)?(?: on)? ?", ""),
    (r"^(?:[a-z]+,? )*soy [a-z]+,? (?:la|el) (?:asistente|secretaria|secretario|coordinadora?) de [a-z]+(?: [a-z]+)?"
     r"[ .,-]*", ""),
    (r"\bme dice que\b ?", ""), (r"\b(?:he|she) (?:has )?asked me to (?=(?:pass|claim|take|buy|pause|hold|agree|decline"
     r"|return|give)\b)", ""),
    (r"\b(?:he|she|[a-z]+) asked that you\b", "please"), (r"\baccepts (?=the|your|this|[0-9])", "accept "),
    (r"\b(?:his|her) (agreement|acceptance)\b", r"my \1"),
    (r"\b(?:his|her) ((?:new |incoming |future )?(?:referrals|leads|offers))\b", r"my \1"),
    (r"\b(?:denlo|denla) de baja\b", "denme de baja"),
    (r"\b(?:el|ella) (?:pide|quiere) que (?:ya )?no le manden\b", "ya no me manden"),
    (r"\bconnect (?:her|him) (?:by phone |live )?(?:with|to)\b", "connect me with"),
    (r"\bconnect (?:her|him) (?:by phone|live)\b", "connect me by phone"),  # "Please connect him by phone."
    (r"\b[a-z]+ would like someone(?: from (?:the network|your (?:office|team)))? to (?:call|ring|phone) (?:her|him)\b",
     "please call me"),
    (r"^(?:hi,? |hello,? )?this is [a-z]+,? (?:[a-z]+'s assistant|(?:the )?assistant (?:to|for) [a-z]+(?: [a-z]+)?)"
     r"[ .,-]*", ""),
    (r"^soy (?:la|el) (?:asistente|isa|coordinador|coordinadora) de [a-z]+(?: [a-z]+)?[ .,-]*", ""),
    (r"^(?:hi,? |hello,? )?this is [a-z]+,? [a-z]+(?: [a-z]+)?'s (?:isa|assistant|admin|tc)[ .,-]*", ""),
    (r"\b(?:my )?[a-z]+ (?:says|said) (?=(?:yes|no|pass|agree|buy|si)\b)", ". "),
    (r"\b[a-z]+ (?:asked|told) me to (?:reply|answer|text|say|respond) ", ". "),
    (r"\b(?:please )?(?:have|get) someone(?: from [a-z ]+?)? (?:to )?(?:call|ring|phone) (?:her|him)\b",
     "please call me"),
    (r"\bassign it to (?:him|her)\b", "assign it to me"),
    (r"\b[a-z]+ is passing on\b", "i'm passing on"),  # "I manage the inbox for Dana Whitfield. Dana is passing on 3307"
    (r"\b[a-z]+ would like a call\b", "i would like a call"),  # "Mark would like a call ... Please ring him directly"
    (r"\b(?:ring|call|phone) (?:him|her) directly\b", "call me directly"),
    # "Could someone from the network please call him today at (404) 555-0112?"
    (r"\b((?:can|could|would|will) (?:someone|somebody|you|anyone)(?: from [a-z ]+?)? (?:please )?)(?:call|ring|phone)"
     r" (?:her|him)\b", r"\1call me"),
    (r"\b(?:me pidio|me pide|me encargo) que (?:les?|te) (?:confirmara|confirme|avisara|avise|dijera|diga) que ?", ""),
    (r"\b(?:he|she)(?:'d| would) (?:love|like) to take\b", "i'd love to take"),
    (r"\b(si )?toma (la|el|lo|los|las)\b", r"\1tomo \2"),
    (r"^(?:[a-z]+ )?[a-z]+ is returning\b", "i'm returning"),
    (r"\b(?:hold|pause) (?:his|her) referrals\b", "hold my referrals"),
    (r"\bconect(?:e|a|en)l[oa]\b", "conectenme"), (r"(?<!\bsi )\b(?:que )?(?:la|lo) toma\b", "la tomo"),
    (r"\bno le (manden|envien|mande|envie|mandes|envies)\b", r"no me \1"),
    (r"\bno (?:enviarle|mandarle)\b", "no me envien"),
    (r"\b(?:he|she)(?:'d| would) like someone(?: from [a-z ]+?)? to (?:call|ring|phone) (?:her|him)\b",
     "please call me"),
    (r"\bpatch (?:him|her) (?:through|thru|in)\b", "patch me through"),
    (rf"\bpatch {_NAME} (?:through|thru|in)\b", "patch me through"),
    (r"\bme pidio que (?:les )?(?:contestara|respondiera|dijera|avisara) (?:que )?", ""),
    (r"\b(?:[a-z]+ )?me pidio (?:confirmarles|decirles|avisarles|informarles|confirmar) que ", ""),
    (r"\band (?:has )?asked me to (?=(?:pass|claim|take|buy|pause|hold|agree|decline|return|give)\b)", ". "),
    (r"^(?:hi,? |hello,? )?this is [a-z]+'s (?:wife|husband|son|daughter|partner)[ .,-]*", ""),
    (r"\bllamenle a [a-z]+\b", "llamenme"), (r"\b(?:llamenlo|llamenla|llamelo|llamela)\b", "llamenme"),
    (r"\b(?:add|put|sign) (?:him|her) back\b", "add me back"), (r"\bdar(?:lo|la) de baja\b", "darme de baja"),
    (r"\bwhat does (?:he|she) (?:need|have) to\b", "what do i need to"),
    (r"\b(?:he|she) (?:says|said) (?=(?:go ahead|yes|buy|pass)\b)", ""),
    (r"\b(?:call|ring|phone) (?:him|her)\b(?= (?:at|on)\b)", "call me"),
    (r"\bturn (?:his|her) (referrals|leads|texts) back on\b", r"turn my \1 back on"),
    (r"^de parte del? (?:(?:sr|sra|srta|lic|la agente|el agente|agente)\.? )?[a-z]+(?: [a-z]+)?[:,]? ?", ""),
    (r"\b(?:le|les) (?:informo|comunico|aviso) que ", ""), (r"\bacepta (?=el|la|los|[0-9])", "acepto "),
    (r"^[a-z]+(?:'ll| will) (take|pass|grab|buy)\b", r"i'll \1"),
    (r"\b(?:mr|ms|mrs|miss|dr)\.? [a-z]+(?: [a-z]+)?(?:'ll| will) (take|pass|grab|buy|accept|decline)\b", r"i'll \1"),
    (r"\b(?:mr|ms|mrs|miss|dr)\.? [a-z]+(?: [a-z]+)?(?:'d| would) like to be connected\b", "i'd like to be connected"),
    (r"\b(?:he|she)(?:'ll| will) (take|pass|grab|buy|call)\b", r"i'll \1"),
    (r"\b(?:ella|el) (?:pide|quiere) que (?:la|lo) llamen\b", "llamenme"),
    (r"\b(?:he|she) (?:says|said) ", ""), (r"\bdice que ", ""),
    (r"\b(?:but |and )?said to reply (?=(?:yes|no|agree|buy|pass)\b)", ". "),
    (r"\b(?:but |and )?says (?=(?:agree|yes|buy|pass|no)\b)", ". "),
    (r"\ble vuelvan a (mandar|enviar)\b", r"me vuelvan a \1"),
    (r"\b(?:el|ella) pide que (?:lo|la) conecten\b", "conectenme"),
    (r"\basked that (?:someone|somebody)(?: from your (?:team|office))? (?:give (?:her|him) a call|call (?:her|him))\b",
     "please call me"),
    (r"\b(?:he|she)(?:'d| would) like to\b", "i'd like to"), (r"\b(?:he|she) wants to\b", "i want to"),
    (rf"\bgive {_NAME} a (?:call|ring)\b", "give me a call"),
    (rf"\b(?:please |pls )?(?:(?:have|can|could) someone(?: from (?:the network|your (?:office|team)))? )?"
     rf"(?:call|ring|phone) {_NAME}"
     rf"(?= (?:at|around|on|today|tomorrow|this|after|before|when|asap|about)\b|,|\?|$)", "please call me"),
    (rf"\bconnect {_NAME} (?:live )?(?:by phone )?(?:live )?(?:with|to)\b", "connect me with"),
    (r"\bconecten (?:al?|a la) (?:(?:sr|sra|srta|lic)\.? )?[a-z]+ ", "conectenme "),
    (rf"\bput {_NAME}'s account on hold\b", "put my account on hold"),
    (rf"\bremove {_NAME}(?: [^ ]+@[^ ]+)? from\b", "remove me from"),
    (rf"\b(?:referrals|leads) for {_NAME}\b", "my referrals"),
    (r"\btreat this (?:email|message) as (?:his|her|their) agree\b", "i agree"),
))
BARE_LINE_WORDS = 3  # "BUY", "Yes please", "SOLD 450k": a line that is only the command
EMOJI_FROM = 0x1F000  # the emoji planes; "®" and "©" are symbols too, but sit inside names
DROPPED_CATEGORIES = {"So", "Sk", "Sm", "Sc", "Cf", "Co", "Cs", "Cn", "Mn", "Me"}
EMAIL_LINES_READ = 3
# a story told first is read to its sixth paragraph for the answer ("... We closed on it Thursday at 1.2M." in the
# fourth), but never past a sign-off after the third ("AGREE / Atte. / Rocío / Av. Javier Prado 4200"): a
# signature the cut did not know
EMAIL_PARAGRAPHS_READ = 6
STORY_REASONS = ("future", "hypothetical", "third_party", "negation")
DECISIVE = frozenset({"decline", "fail", "no_sale", "sold", "invalid", "claim", "invoice", "agree", "award", "pause",
                      "connect", "call", "status", "help"})
DECISIVE_SCORE = 0.8
# a sentence that opens with the ask: "Please hold new referrals until Dec 7", "Márquenlo como inválido"
PLEASE_SAID = re.compile(r"\b(?:please|pls|plz|por favor|porfa|porfis)\b")
PLEASE_ASKED = re.compile(r"(?:(?:but|so|and|pero|asi que) )?(?:please|pls|kindly|por favor|favor de)\b")
PLAIN_ASK = re.compile(r"(?:^|[.!?:] )(?:please|pls|kindly|go ahead and|por favor|favor de"
                       r"|(?:so )?i'?m going to (?:pass|return)|(?:so )?i'?ll (?:pass|return)"
                       r"|i need to (?:pass|return|send)|i have to (?:pass|return|send)"
                       r"|so i'?m (?:passing|returning)"
                       r"|sold|pass|buy|fail|invalid|no sale|agree|award|claim|[a-z]+(?:enme|ame|enlo|enla)\b"
                       r"|it'?s (?:sold|closed)\b|it (?:sold|closed)\b)")  # "It's sold. She closed and moved in"
KEEP_READING = ("empty", "unrecognised", "ack", "third_party")  # an email line that says nothing: read the next one
UNREFERENCED = ("reaction", "auto_reply", "empty")  # an Unknown of these never carries a code
QUOTE_UNREFERENCED = ("reaction", "auto_reply", "empty")  # nor takes one from a pasted subject line
CODES_LISTED = re.compile(r"(?:\b(?:both|all|todos|ambos|las dos|los dos) |(?<![0-9$.,])#? ?)\b[0-9]{4,5}"
                          r" (?:and|&|y|,) #? ?"
                          r"[0-9]{4,5}\b(?! ?(?:k|mil)\b)")
LONG_EXAMPLE_PRICE = re.compile(r"\bsold \$?[0-9][0-9,.]{4,}")
EXAMPLE_PRICE = re.compile(r"\bsold \$?[0-9][0-9,.]*")
ASIDE_CODE_DIGITS = 5  # codes are 4 digits until 9,000 are taken, then 5 (store.referrals.new_code)
QUOTED_CODE = re.compile(r"#\s?([0-9]{3,6})(?![0-9])")
# "not sold yet, still looking" is a report, not a negation; so is a fail or invalid reason ("never answered")
NEGATION_PROOF = {"no_sale", "in_progress", "fail", "invalid"}
CONTRAST = re.compile(r"\b(?:but|pero|however|sin embargo)\b")


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # lower case, letters, digits and $#'/.,: only
    asks: bool  # it had a question mark


@dataclass(frozen=True, slots=True)
class Message:
    raw: str
    text: str  # normalised: lower case, no accents, no emoji (👍 reads as "ok"), typos of keywords fixed
    clauses: tuple[Clause, ...]
    today: date


@dataclass(frozen=True, slots=True)
class Reading:
    """An intent and why: the rule that decided, how directly it matched (1.0 a keyword, lower for a phrase
    found further in, 0 for nothing), and the other intents the message also mentioned."""

    intent: Intent
    rule: str
    score: float
    alternatives: tuple[str, ...] = field(default=())


def parse_text(text: str, channel: Channel | str = Channel.SMS, now: datetime | None = None) -> Intent:
    """The intent of one message; email is read from its visible reply (the lines above any quote)."""
    return read_text(text, channel, now).intent


def read_text(text: str, channel: Channel | str = Channel.SMS, now: datetime | None = None) -> Reading:
    """The intent of one message with the reasons for it (see `Reading`)."""
    today = (now or datetime.now(UTC)).date()
    if channel == Channel.EMAIL:
        return _read_email(text, today)
    return _read_message(text, today)


def clear_caches() -> None:
    """Forget every memoised reading (benchmarks time a message read for the first time)."""
    _read_message.cache_clear()
    _message.cache_clear()
    _normalise.cache_clear()
    _not_codes_blanked.cache_clear()
    _early_reading.cache_clear()
    _command_key_of.cache_clear()
    _fix_typo.cache_clear()
    _without_benign_conditions.cache_clear()
    _strip_ref.cache_clear()
    PHRASE_BOOK.forget()


def parse_digits(digits: str) -> Intent:
    """The intent of a keypad answer on a claim call: 1 claims, 2 declines."""
    make = DIGITS.get(digits.strip().strip("#*"))
    return make() if make else Unknown("unrecognised")


def visible_lines(body: str) -> list[str]:
    """The non-empty lines of an email reply above the quoted original, the signature or a forwarded header;
    or below a "> " quote when the reply was written under it (bottom-posting), with the answers written between
    its quoted lines (inline); also when the lines on top only announce that ("See my answer below. Thanks, Lauren"
    and a signature)."""
    initialled = [answer["answer"] for line in body.splitlines() if (answer := INITIALLED_ANSWER.match(line))]
    if initialled:  # "[RD] SOLD 449,9 - recorded 11/20" written into the quoted original: the answers
        return initialled
    raw = body.splitlines()
    raw = raw[_signature_on_top(raw):]
    lines: list[str] = []
    for index, line in enumerate(raw):
        if not lines and QUOTED_ON_TOP.match(line):  # the quote (or a forwarded one) first, the reply under it
            return _answers_below(raw[index:], last_only=False)
        if lines and QUOTED_ON_TOP.match(line) and ANSWERS_BELOW.search(" ".join(lines)):
            # "Reply is at the bottom, my email app does that." over the quoted thread
            return _answers_below(raw[index:], last_only=bool(AT_THE_BOTTOM.search(" ".join(lines)))) or lines
        if EMAIL_QUOTE.match(line):
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def _signature_on_top(lines: list[str]) -> int:
    """Where the reply starts when the writer's signature came first ("--" / "Jennifer Sato | Keller Williams" /
    a phone, then "YES I'll take it" above the quote): after that first paragraph, when another one follows it
    before any quote; 0 otherwise."""
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    end = next((index for index in range(start, len(lines)) if not lines[index].strip()), len(lines))
    first = [line.strip() for line in lines[start:end]]
    following = next((line for line in lines[end:] if line.strip()), None)
    if not first or following is None or QUOTED_ON_TOP.match(following) or EMAIL_QUOTE.match(following):
        return 0
    if len(first) < 2 or any(len(line.split()) > SIGNATURE_LINE_WORDS for line in first):
        return 0
    named = first[1:] if SIGN_OFF.fullmatch(first[0]) else first  # "Thanks,\nBrenda Kowalski\nBroker Associate"
    signed = first[0] == "--" or (_name_line(named[0]) and len(" ".join(named).split()) <= 2 * SIGNATURE_LINE_WORDS)
    says_nothing = all(line == "--" or SIGN_OFF.fullmatch(line) or _contact_line(line) or _says_nothing(line)
                       for line in first)
    return end if signed and says_nothing else 0


def _says_nothing(line: str) -> bool:
    """A line read as nothing at all: no command, no question, not even an acknowledgement."""
    intent = _read_message(line, date.min).intent
    return isinstance(intent, Unknown) and intent.reason in ("unrecognised", "empty")


def _answers_below(lines: list[str], last_only: bool) -> list[str]:
    """The lines written under or between the quoted ones: not quoted, not a header of the thread ("From: ...",
    "On ... wrote:", "-----Original Message-----") and not our own message pasted back; down to "Sent from my
    iPhone". `last_only`: the last paragraph that is not a signature, and the signature under it ("Quick question
    at the bottom" over a thread whose last message, the agent's own old "YES", was pasted unquoted)."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if SENT_FROM.match(line):
            break
        if not line.strip():
            paragraphs.append([])
        elif not (line.lstrip().startswith(">") or THREAD_HEADER.match(line) or OUR_OWN_WORDS.search(line)):
            paragraphs[-1].append(line.strip())
    written = [paragraph for paragraph in paragraphs if paragraph]
    if last_only:
        answer = next((index for index in reversed(range(len(written))) if not _signature_opens(written[index])), 0)
        written = written[answer:]
    return [line for paragraph in written for line in paragraph]


def _signature_opens(paragraph: list[str]) -> bool:
    first = paragraph[0]
    return bool(SIGN_OFF.fullmatch(first) or _contact_line(first)) or (
        _name_line(first) and (len(paragraph) == 1 or _contact_line(paragraph[1])))


INITIALLED_ANSWER = re.compile(r"\s*\[(?!EXT|FWD|RE|SPAM|CAUTION)[A-Z]{2,4}\]:?\s*(?P<answer>\S.*)")
ANSWERS_BELOW = gates.GatedPattern(
    r"\b(?:see (?:my |[a-z]+'s |his |her |their )?(?:answers?|responses?|reply|replies|comments?|notes?)"
    r" (?:below|inline|in red|in blue)"
    r"|(?:answers?|responses?|replies) (?:below|inline)|(?:replied|answered|responding|replying) (?:below|inline)"
    r"|(?:contesto|respondo|le respondo|te respondo) (?:abajo|entre l[ií]neas)"
    r"|(?:mi|mis) respuestas? (?:abajo|entre l[ií]neas)|ver (?:mi )?respuesta abajo"
    r"|(?:answers?|reply|response|question|comments?) (?:is |are )?(?:at the (?:very )?bottom|down below)"
    r"|read (?:through )?(?:everything|all of it|it all|the (?:whole )?thread) below"
    r"|le[ií] todo (?:lo de )?abajo|(?:respuesta|pregunta) (?:est[aá] )?(?:abajo|al final|hasta abajo))\b",
    re.IGNORECASE)
AT_THE_BOTTOM = re.compile(r"\b(?:at the (?:very )?bottom|al final|hasta abajo)\b", re.IGNORECASE)


def reply_lines(body: str) -> list[str]:
    """`visible_lines` less the signature: from a sign-off line ("Best,", "Thanks, Tom") or a contact block (a
    phone, an address, a link, "name | brokerage" columns, a title such as REALTOR, or a bare name right above
    one of those) down. Only lines below the first are ever cut: a command comes first, and "Call me anytime:
    512-555-0100" under a name is a signature, not a request."""
    lines = visible_lines(body)
    first = next((i for i, line in enumerate(lines)
                  if not (_greeting(line) or SUBJECT_LINE.match(line))), 0)
    for index in range(first + 1, len(lines)):
        line = lines[index]
        if SIGN_OFF.fullmatch(line) or _contact_line(line):
            return lines[:index] + _postscripts(lines[index:])
        if _name_line(line) and index + 1 < len(lines) and _contact_line(lines[index + 1]):
            return lines[:index] + _postscripts(lines[index:])
    return lines


def _postscripts(signature: list[str]) -> list[str]:
    """The P.S. lines under a signature: part of the reply ("P.S. Go ahead and charge the card on file for 8830")."""
    return [line for line in signature if POSTSCRIPT.match(line)]


POSTSCRIPT = re.compile(phrases.POSTSCRIPT, re.IGNORECASE)


def _contact_line(line: str) -> bool:
    if LIST_ITEM.match(line):  # "• Clients toured six properties on Saturday": a point of the reply, not a brokerage
        return False
    words = len(line.split())
    if (CONTACT_MARK.search(line) and words <= 2 * SIGNATURE_LINE_WORDS) or (
            CONTACT.search(line) and words <= SIGNATURE_LINE_WORDS) or CITY_LINE.fullmatch(line.strip()):
        return True
    phone = PHONE.search(line)
    return bool(phone) and len(re.findall(r"[A-Za-z]+", PHONE.sub(" ", line))) <= 3


def _name_line(line: str) -> bool:
    """A short capitalised line that says nothing by itself: "Jen", "Mark Delgado", "- Tom"."""
    return bool(NAME_LINE.fullmatch(line)) and _unknown(_read_message(line, date.min).intent, "unrecognised")


def _unknown(intent: Intent, reason: str) -> bool:
    return isinstance(intent, Unknown) and intent.reason == reason


def _read_email(body: str, today: date) -> Reading:
    """The first of the top few lines that says something; greetings, thanks and sign-offs are skipped."""
    lines = _relayed_unquoted(_lists_joined(_unwrapped(reply_lines(body))))
    whole = " ".join(map(_normalise, lines))  # each line normalised once, and kept
    if _auto_reply(whole):
        return Reading(Unknown("auto_reply"), "auto_reply", 1.0)
    if MARKETING.search(whole):  # "Subject: JUST SOLD – 1142 Lakeview Dr ... Call me for a free home valuation!"
        return Reading(Unknown("third_party"), "the agent's own marketing", 0.3)
    lender = LENDER_SIGNED.search(body)  # "Quick update on the Ramirez file: ... clear to close ... Senior Loan
    # Officer | Summit Home Lending, NMLS #1184422": a lender's update to the deal's parties, not an agent's report
    if lender and not any(map(_may_stop, lines)):
        return Reading(Unknown("third_party"), "a lender's or title company's update", 0.3)
    readings: list[Reading] = []
    subjects = [line for line in lines if SUBJECT_LINE.match(line)]  # "Re: How is #2290 going?" pasted on top
    replied = [line for line in lines if line not in subjects]
    unexcused = (TOPIC_HEADING.sub("", APOLOGY_FOR_DELAY.sub(_codes_kept, line)).strip() for line in replied)
    kept = [line for line in unexcused if line and not _greeting(line)]
    reach = _paragraphs_read(kept)
    read = _second_thoughts_joined(kept[:reach] + [line for line in kept[reach:] if POSTSCRIPT.match(line)])
    marked = next((line for line in kept if ANSWER_MARKED.match(_normalise(line))), None)
    if marked is not None:  # "So, to answer your question: your #7740 closed Friday at 1.2M", after three paragraphs
        # of story: the paragraph the writer marks as the answer is read first
        read = [marked] + [line for line in read if line != marked]
    # "Assistant to Carl Jensen" in the signature under the reply (the quoted original below it is not read)
    for_the_agent = bool(ON_BEHALF.search(_plain("\n".join(visible_lines(body)))))
    to_a_person = bool(lines) and (NAMED_GREETING.fullmatch(lines[0].rstrip(",.!: ")) is not None  # "Hi Mike,"
                                   or _named_alone(lines[0]))  # "Rob,"
    first = LAST_ONE_RETRACTED.sub(" ", _earlier_answers_named(_normalise(lines[0]))) if lines else ""
    if to_a_person and ATTACHMENT_SENT.search(whole) and not _typed_codes(whole):
        # "Hi Jenna, Attached is the inspection summary for the Oak Hollow house ... Let me know what the buyers
        # think": papers sent to a colleague, no referral of ours named
        return Reading(Unknown("unrecognised"), "meant for someone else", 0.3)
    if lines and (TO_CLIENTS.match(lines[0]) or RETRACTED.search(first)):
        # "Hi John and Maria, Great news, the sellers accepted!"; "Disregard — this went to the wrong thread"
        return Reading(Unknown("unrecognised"), "meant for someone else", 0.3)
    opting = _opting_in_or_out(kept, today, for_the_agent)
    if opting is not None:  # "Please take me off your list. ... Referral 7702 should go to someone else."
        return _with_the_only_code(opting, replied)
    if lender:  # "... I've moved over to mortgage lending at First Horizon": a lender's own opt-out was read above
        return Reading(Unknown("third_party"), "a lender's or title company's update", 0.3)
    for index, line in enumerate(read):
        reading = _read_message(line, today, for_the_agent)
        if to_a_person and intent_name(reading.intent) in WRONG_RECIPIENT_GUARDED and (_asks_for_something_else(
                _clauses(_normalise(line)), imperative=True) or TO_THE_CLIENT.search(whole)):  # "Hola Marta, ...
            # Dile al cliente que ...": a note to a colleague, whichever paragraph says so
            return _with_the_only_code(Reading(Unknown("unrecognised"), "meant for someone else", 0.3, (
                intent_name(reading.intent),)), replied)
        if isinstance(reading.intent, Report) and reading.intent.outcome == Outcome.IN_PROGRESS and any(
                NO_NEWS_OF_OURS.search(_normalise(earlier)) for earlier in read[:index]):
            # "No real update to report yet on 9120, ..." then the story of how the sellers keep changing their minds
            reading = Reading(Unknown("unrecognised"), "no news of the referral, then its story", 0.3, ("in_progress",))
        if _same_story_goes_on(reading, readings):
            # "we finally sold our own house! ..." then "Closed at 525k on Friday": the same story goes on
            reading = Reading(Unknown("third_party"), "the story of someone else's sale goes on", 0.3)
        if not (isinstance(reading.intent, Unknown) and reading.intent.reason in KEEP_READING):
            story = _only_the_story(reading) or _silence_told(reading, line)
            asked = _unknown(reading.intent, "question")  # the questions first, the answer in a later paragraph
            call = _call_asked_below(read[index + 1:], today, for_the_agent) if isinstance(
                reading.intent, Help) or _silence_told(reading, line) else None
            if call is not None:  # "sigo sin entender bien cómo funciona ...\n\nPor favor llámenme al 787-555-0168"
                index, line, reading = call[0] + index + 1, call[1], call[2]
            elif story or asked or _vague_report(reading):
                # the story first, the ask in a later paragraph ("So I'm going to pass"; "she doesn't answer ...
                # Please connect me with her by phone"; "the first house fell apart ... Closed Friday: SOLD at ...")
                later = _decisive_below(read[index + 1:], today, for_the_agent, plainly=not story)
                if later is not None:
                    index, line, reading = later[0] + index + 1, later[1], later[2]
            keyword = _keyword_paragraph_below(reading, read[index + 1:], today, for_the_agent) or _recovered_below(
                reading, line, read[index + 1:], today, for_the_agent)
            if keyword is not None:  # "Not how either of us expected. ... He's not buying a condo ..." then "FAIL. ..."
                index, line, reading = keyword[0] + index + 1, keyword[1], keyword[2]
            ended = _story_ends_below(reading, _lines_after(kept, line), today, for_the_agent)
            if ended is not None:  # "We found a rambler ... The appraisal came in $5k over" then "We closed on the 19th
                line, reading = ended  # - sold at 449,9": the story told up to its end
            below = _lines_after(kept, line) if ended is not None else read[index + 1:]
            reading = _pause_asked_below(reading, below, today, for_the_agent) or reading
            reading = _with_fail_reason(_with_ref_below(_with_amount_below(reading, below), line, below), read)
            if isinstance(reading.intent, InvoiceRequest) and RECEIPT_QUOTED.search(body):
                # "¿Me pueden enviar la factura con los datos fiscales de mi empresa?" over "> Recibo: Referido #3920
                # - $50.00 USD - Pagado": the invoice of a purchase made, not another purchase
                reading = Reading(Unknown("unrecognised"), "an invoice asked for a purchase already paid", 0.3,
                                  ("invoice",))
            if isinstance(reading.intent, Claim) and PAID_OFFER_QUOTED.search(body):
                # "> Paid referral #8154: ..." quoted under "Scottsdale seller ..., yes please": a purchase
                reading = replace(reading, intent=InvoiceRequest(ref=reading.intent.ref))
            if isinstance(reading.intent, Claim) and REMINDER_QUOTED.search(body) and not OFFER_QUOTED.search(
                    body) and BARE_ANSWER.fullmatch(_words(_normalise(line))):
                # "Yes" over "> How is referral #2915 going? Reply SOLD $amount, ...": no referral is offered
                reading = Reading(Unknown("unrecognised"), "a yes to a reminder", 0.3, ("claim",))
            if isinstance(reading.intent, Report) and _passed_on(reading.intent, body, replied):
                # "Could you please send this one to another agent?" under "> New referral #5528: ... Reply YES to
                # claim": an offer passed on; a referral never claimed cannot be failed
                reading = replace(reading, intent=Decline(ref=reading.intent.ref))
            return _with_subject_ref(_with_the_only_code(_unless_another_named(reading, replied), replied), subjects)
        readings.append(reading)
    acks = [reading for reading in readings if _unknown(reading.intent, "ack")]
    told = any(_unknown(reading.intent, "unrecognised") for reading in readings) and all(
        _unknown(reading.intent, "unrecognised") or _unknown(reading.intent, "ack") for reading in readings)
    later = _decisive_below(kept[EMAIL_LINES_READ:], today, for_the_agent, plainly=True) if told else None
    if later is not None:  # three paragraphs of story, then "So I'm going to pass on this one."
        return _with_subject_ref(_with_the_only_code(_with_fail_reason(later[2], kept), replied), subjects)
    answer = next((found["answer"] for line in subjects if (found := SUBJECT_ANSWER.match(line))), None)
    if answer is not None and not readings:  # "Subject: Re: New referral #6120 - YES, mine" over an empty body
        return _with_subject_ref(_read_message(answer, today, for_the_agent), subjects)
    said = (acks or readings or [Reading(Unknown("empty"), "empty", 1.0)])[-1]
    return _with_subject_ref(_with_the_only_code(said, replied), subjects)


ATTACHMENT_SENT = re.compile(r"\b(?:attached (?:is|are)|i'?ve attached|please find attached|see attached"
                             r"|adjunto (?:el|la|los|las))\b")
ANSWER_MARKED = re.compile(
    r"^(?:so,? |anyway,? |anyways,? |ok,? |okay,? |but )?(?:to answer your (?:question|reminder|email|text)"
    r"|to close the loop|(?:the )?bottom line|long story short|(?:so )?the (?:short|quick) (?:answer|version)"
    r"|as for (?:your|the) (?:question|reminder)|in answer to your (?:question|reminder|email)"
    r"|para (?:responder|contestar) (?:a )?(?:su|tu) (?:pregunta|recordatorio)|en resumen|resumiendo)\b")


# An answer typed into the subject line after our own words: "Re: How is referral #6602 going? INVALID - ..."
SUBJECT_ANSWER = re.compile(r"^\s*(?:subject:\s*)?(?:re|fw|fwd)\s*:\s*(?:new (?:paid )?referral|how is referral)\b"
                            r"[^?\n]*?(?:\?|\s[-–—]{1,2}\s)\s*(?P<answer>\S.*)$", re.IGNORECASE)


def _lines_after(lines: list[str], line: str) -> list[str]:
    return lines[lines.index(line) + 1:] if line in lines else []


def _story_ends_below(reading: Reading, lines: list[str], today: date,
                      for_the_agent: bool) -> tuple[str, Reading] | None:
    """The end of a story told in paragraphs: progress in one ("we got to inspection ..."), then the sale or the
    loss in a later one ("Cerramos el jueves en 275 mil", "last week he signed a 14-month lease")."""
    intent = reading.intent
    if not (isinstance(intent, Report) and intent.outcome == Outcome.IN_PROGRESS):
        return None
    for later_line in lines:
        later = _read_message(later_line, today, for_the_agent)
        if isinstance(later.intent, Report) and later.intent.outcome in (Outcome.SOLD, Outcome.NO_SALE) and (
                later.score >= DECISIVE_SCORE):
            return later_line, later
    return None


def _recovered_below(reading: Reading, line: str, lines: list[str], today: date,
                     for_the_agent: bool) -> tuple[int, str, Reading] | None:
    """A deal lost in one paragraph and the sale or progress told in a later one ("the seller backed out two days
    before closing ..." then "But we closed on Thursday ... Final price was $412,250.00")."""
    intent = reading.intent
    if not (isinstance(intent, Report) and intent.outcome == Outcome.NO_SALE and LOST_DEAL.search(_normalise(line))):
        return None
    for index, later_line in enumerate(lines):
        later = _read_message(later_line, today, for_the_agent)
        if isinstance(later.intent, Report) and later.intent.outcome == Outcome.NO_SALE:
            return None
        if isinstance(later.intent, Report) and later.intent.outcome in (Outcome.SOLD, Outcome.IN_PROGRESS):
            return index, later_line, later
    return None


def _passed_on(report: Report, body: str, replied: list[str]) -> bool:
    """A fail written under a quoted offer, with no word that the referral was had and is given back."""
    return report.outcome == Outcome.FAIL and bool(OFFER_QUOTED.search(body)) and not (
        REMINDER_QUOTED.search(body) or RETURNED.search(" ".join(map(_normalise, replied))))


def _pause_asked_below(reading: Reading, lines: list[str], today: date, for_the_agent: bool) -> Reading | None:
    """A pause asked for in a later paragraph, below a paragraph that only says the agent is away or can take no one
    new ("... I can't take on anyone new right now." then "Please hold new referrals until Monday, December 14th"):
    the ask, with its end."""
    intent = reading.intent
    if isinstance(intent, Pause) and intent.until is not None:  # "through December 11." then "Correction - ... hold
        # them through the 14th instead."
        day = next((said for line in lines if AMENDED_PARAGRAPH.match(_normalise(line)) and (
            said := dates.parse_until(_normalise(line), today))), None)
        return replace(reading, intent=replace(intent, until=day)) if day and day != intent.until else None
    passed = isinstance(intent, Decline) and intent.ref is None
    if not (passed or (isinstance(intent, Pause) and intent.until is None)):
        return None
    for line in lines:
        later = _read_message(line, today, for_the_agent)
        if isinstance(later.intent, Pause) and (later.intent.until or PAUSE_REQUEST.search(_normalise(line))):
            return later
    return None


AMENDED_PARAGRAPH = re.compile(r"(?:correction|actually|sorry|oops|update|edit)\b")
OFFER_QUOTED = re.compile(r"^\s*>?.*\bnew referral #?[0-9]+.*\breply yes to claim\b", re.IGNORECASE | re.MULTILINE)
RETURNED = re.compile(r"\bback\b|\breturn|\bdevuel|\bregres|\bclaimed\b|\breassign|\breasign|\bgiving\b")
REMINDER_QUOTED = re.compile(r"\bhow is referral #?[0-9]+|\breply sold\b", re.IGNORECASE)


def _keyword_paragraph_below(reading: Reading, lines: list[str], today: date,
                             for_the_agent: bool) -> tuple[int, str, Reading] | None:
    """A later paragraph that opens with an outcome keyword of its own ("FAIL. I only do residential resale"), below
    a paragraph read as another outcome: the keyword is the answer."""
    if not isinstance(reading.intent, Report):
        return None
    for index, line in enumerate(lines):
        said = _normalise(line)
        named = OUTCOME_NAMED.search(said)
        if KEYWORD_FIRST.match(said) or named:
            # "... they bought a townhouse with her cousin ... So unfortunately this one is a no sale for me": the
            # sentence that names the outcome is read
            later = _read_message(_sentence_around(said, named.start()) if named and not KEYWORD_FIRST.match(said)
                                  else line, today, for_the_agent)
            if isinstance(later.intent, Report) and later.intent.outcome != reading.intent.outcome:
                return index, line, later
    return None


OUTCOME_NAMED = re.compile(r"\b(?:this|it|that)(?: one)? (?:is|was|will be|'s) (?:a |an )?(?:no sale|fail|invalid)\b")
RECEIPT_QUOTED = re.compile(r"^\s*>.*\b(?:receipt|recibo)\b", re.IGNORECASE | re.MULTILINE)
PAID_OFFER_QUOTED = re.compile(r"^\s*>.*\b(?:paid referral|reply buy to purchase)\b", re.IGNORECASE | re.MULTILINE)


def _unwrapped(lines: list[str]) -> list[str]:
    """Short lines a phone broke in the middle of a sentence joined again ("Please pause my" / "referrals until" /
    "Dec 7, having knee surgery Tues"): the next one goes on in lower case, or this one ends on a word no sentence
    ends on."""
    joined: list[str] = []
    for line in lines:
        last = joined[-1] if joined else ""
        if last and max(len(last.split()), len(line.split())) <= WRAPPED_LINE_WORDS and (
                last[-1].isalnum() or last[-1] == ",") and (WRAPPED_ON.match(line) or HANGING_WORD.search(last)) and (
                not SUBJECT_LINE.match(last)):  # not "Subject: Re: Referral fee agreement" / "25% works for me"
            joined[-1] = f"{last} {line}"
        else:
            joined.append(line)
    return joined


def _lists_joined(lines: list[str]) -> list[str]:
    """A line that introduces a list read with its items ("please see closing details below for Referral #4821:" /
    "1. Buyer: Hendricks" / ... / "4. Final sales price: $452,500.00"): the list says what the line announces."""
    joined: list[str] = []
    listing = False
    for line in lines:
        if listing and LIST_ITEM.match(line):
            joined[-1] = f"{joined[-1]} {line}"
            continue
        joined.append(line)
        listing = line.endswith(":")
    return joined


def _relayed_unquoted(lines: list[str]) -> list[str]:
    """The agent's words relayed in quotes by whoever types for them ("... typing this for her. She says:" /
    '"Dear Sir, the young couple are still looking ... IN PROGRESS."'): their answer, not someone else's words."""
    return [quoted["words"] if index and RELAYED.search(lines[index - 1]) and (
        quoted := WHOLLY_QUOTED.fullmatch(line)) else line for index, line in enumerate(lines)]


RELAYED = re.compile(r"\b(?:she|he|they|grandma|grandpa|my (?:grand)?(?:mother|father|mom|dad|ma|pa)|ella|el)"
                     r" (?:says|said|dice|dijo|wants me to (?:say|tell you|write)|asked me to (?:say|write))\s*:\s*$",
                     re.IGNORECASE)
WHOLLY_QUOTED = re.compile(r"\s*[\"\u201c](?P<words>[^\"\u201c\u201d]+)[\"\u201d]\s*")
LIST_ITEM = re.compile(r"\s*(?:[0-9]{1,2}[.)]|[-•*])\s+\S")
WRAPPED_LINE_WORDS = 6
WRAPPED_ON = re.compile(r"[a-z0-9áéíóúñ]")
HANGING_WORD = re.compile(r"\b(?:until|till|thru|through|to|the|my|our|on|for|a|an|of|and|or|de|del|la|el|en|y|les|por"
                          r"|hasta|con|para|mis|los|las)$", re.IGNORECASE)


def _second_thoughts_joined(lines: list[str]) -> list[str]:
    """Each paragraph that opens with a second thought read with the one above it: "Yes" then "Actually, hold on.
    Please have someone call me first"; "STOP" then "sorry wrong thread, that was meant for the HOA group chat"."""
    joined: list[str] = []
    for line in lines:
        plain = _normalise(line).lstrip(" .-")
        if joined and (SECOND_THOUGHT.match(plain) or RETRACTED.match(plain) or SORRY_RETRACTED.match(plain)
                       or PARAGRAPH_RETHOUGHT.match(plain)):
            joined[-1] = f"{joined[-1]}\n{line}"
        else:
            joined.append(line)
    return joined


# a paragraph that takes the one above back: "Actually, please hold off on that.", "No wait, ignore that."
PARAGRAPH_RETHOUGHT = re.compile(r"(?:actually|no|nope)[,.!]* (?:wait[,.!]* )?(?:please |pls )?(?:hold off"
                                 r"|ignore (?:that"
                                 r"|this|it)|disregard|scratch that|never ?mind|cancel that)\b")
SORRY_RETRACTED = re.compile(r"(?:sorry|oops|perdon)[,!.]* (?=wrong (?:thread|chat|person|number))"
                             # "Apologies, please disregard the above, it was meant for my lender. To answer ..."
                             r"|(?:my )?(?:apologies|sorry|oops),? (?:please )?(?=disregard|ignore)")


def _plain(text: str) -> str:
    """Lower case, accents and curly apostrophes gone, runs of spaces made one: enough to search the whole visible
    email (signature included) for "Assistant to Carl Jensen" without the full `_normalise` of every line, which was
    a tenth of the time of a long email."""
    return re.sub(r"[^\S\n]+", " ", _unaccented(text.replace("\u2019", "'").replace("\u2018", "'")).lower())


def _unaccented(text: str) -> str:
    """`text` with its accents taken off ("Secretaría" -> "Secretaria"); plain ASCII has none."""
    if text.isascii():
        return text
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


# a paragraph's heading, none of it news: "On the market: north Dallas suburbs are seeing a lot of downsizers"
TOPIC_HEADING = re.compile(r"^\s*(?:on the market|market (?:update|thoughts|notes|commentary|report|watch)"
                           r"|on the home front|in other news|fun fact|side note)\s*:\s*", re.I)


def _paragraphs_read(kept: list[str]) -> int:
    """How many paragraphs of a reply are read for its answer: six, or three when a sign-off comes before."""
    signed_off = next((index for index, line in enumerate(kept) if SIGN_OFF.fullmatch(line)), len(kept))
    return max(EMAIL_LINES_READ, min(signed_off, EMAIL_PARAGRAPHS_READ))


def _greeting(line: str) -> bool:
    if len(line) > GREETING_LONGEST:  # a paragraph, never a greeting: spare it the accents
        return False
    plain = _unaccented(line)
    return GREETING_LINE.fullmatch(plain) is not None


def _opting_in_or_out(lines: list[str], today: date, for_the_agent: bool) -> Reading | None:
    """A STOP in any paragraph of the reply is honoured, as in a text, whatever the paragraphs before it say
    ("... I want to explain why I'm leaving. ... Please remove me from your list entirely."); a START asked
    for in the same reply wins over the STOP it tells about ("my grandson replied STOP ... Please opt me back in")."""
    if not any(map(_may_stop, lines)):  # most replies: no paragraph can opt out, so none is read for it
        return None
    found = [reading for reading in (_early_reading(line, today, for_the_agent) for line in lines)
             if reading is not None and isinstance(reading.intent, Stop | Start)]
    starts = [reading for reading in found if isinstance(reading.intent, Start)]
    if len(starts) == len(found):  # no STOP: "hace unos meses les mandé STOP sin querer y me reactivé" is a story
        return None
    return (starts or found)[0]


def _may_stop(line: str) -> bool:
    """Whether a paragraph holds a word that every STOP reading needs: one the STOP pattern's alternatives are
    gated by, or a word that is a STOP when it is all the message says."""
    text = _normalise(line)
    return any(word in text for word in STOP.words) or not STOP_ALONE.isdisjoint(WORD.findall(text))


STOP_ALONE = frozenset(phrases.STOP_ONLY_WORDS)
WORD = re.compile(r"[a-z]+")


def _silence_told(reading: Reading, line: str) -> bool:
    """A client's silence told, with no word of giving the referral back: often why the agent asks for a call."""
    text = _normalise(line)
    return isinstance(reading.intent, Report) and reading.intent.outcome == Outcome.FAIL and not (
        EXPLICIT_FAIL.search(text) or GIVEN_BACK.search(text) or SENT_BACK.search(text))


def _only_the_story(reading: Reading) -> bool:
    """A paragraph read as progress news, or as a plan or a maybe: often the story before the ask."""
    intent = reading.intent
    return (isinstance(intent, Report) and intent.outcome == Outcome.IN_PROGRESS) or (
        isinstance(intent, Unknown) and intent.reason in STORY_REASONS)


def _decisive_below(lines: list[str], today: date, for_the_agent: bool,
                    plainly: bool = False) -> tuple[int, str, Reading] | None:
    """The first later paragraph that asks for something plainly ("I'm returning this referral, it's not a good
    fit", "Please close this one out as no sale"); with `plainly`, only one that names a code or opens with the ask
    ("I'm going to pass on 3307", "Closed Friday: SOLD at $412,250.00")."""
    for index, line in enumerate(lines):
        reading = _read_message(line, today, for_the_agent)
        if intent_name(reading.intent) in DECISIVE and reading.score >= DECISIVE_SCORE and (
                not plainly or _typed_codes(_normalise(line)) or PLAIN_ASK.search(_normalise(line))):
            return index, line, reading
    return None


def _call_asked_below(lines: list[str], today: date, for_the_agent: bool) -> tuple[int, str, Reading] | None:
    """A later paragraph that plainly asks for a call, below one that says how lost the agent is: they would
    rather hear it by phone."""
    for index, line in enumerate(lines):
        reading = _read_message(line, today, for_the_agent)
        if isinstance(reading.intent, CallRequest | ConnectRequest) and reading.score >= DECISIVE_SCORE:
            return index, line, reading
    return None


def _same_story_goes_on(reading: Reading, before: list[Reading]) -> bool:
    """A sale naming no code after a paragraph read as someone else's sale: "we finally sold our own house!" and
    then "Closed at 525k on Friday"."""
    intent = reading.intent
    return isinstance(intent, Report) and intent.outcome == Outcome.SOLD and intent.ref is None and any(
        _unknown(earlier.intent, "third_party") and "sold" in earlier.alternatives for earlier in before)


def _vague_report(reading: Reading) -> bool:
    """A report that names no code (and a sale no price): perhaps only part of the story before the answer."""
    intent = reading.intent
    return isinstance(intent, Report) and intent.ref is None and (
        intent.outcome != Outcome.SOLD or intent.amount is None)


SUBJECT_CODE = re.compile(r"^\s*(?:subject:\s*)?(?:re|fw|fwd)\s*:\s*(?:referral\s+)?([0-9]{4,5})\s*$",  # "Re: 5520"
                          re.IGNORECASE)


def _with_subject_ref(reading: Reading, subjects: list[str]) -> Reading:
    """A reply that names no code takes the one in the subject line pasted on top of it ("Re: How is #2290
    going?", "Re: referral 6093"), when there is just one; not from our own subject kept word for word ("Re: How
    is referral #1187 going?", "Re: New referral #6120"), which names what we asked about, not what the agent
    typed. The quoted original below the reply is not read: `ref` is what the agent typed or pasted above it."""
    intent = reading.intent
    codes = {code for line in subjects if not OUR_OWN_WORDS.search(line)
             for code in QUOTED_CODE.findall(line) or SUBJECT_CODE.findall(line)
             or NAMED_REF.findall(_normalise(line))}  # "Ticket: REF-3307 | Status update"
    if len(codes) != 1 or not hasattr(intent, "ref") or intent.ref or (
            isinstance(intent, Unknown) and intent.reason in QUOTE_UNREFERENCED):
        return reading
    return replace(reading, intent=replace(intent, ref=codes.pop()))


def _with_ref_below(reading: Reading, line: str, below: list[str]) -> Reading:
    """A bare keyword on the first line ("BUY") takes the one code the agent typed under it ("Please charge the
    $50 to my card on file for 9217")."""
    intent = reading.intent
    if isinstance(intent, Unknown) or not below or len(line.split()) > BARE_LINE_WORDS:
        return reading
    codes = set(_typed_codes(_normalise(" ".join(below))))
    if len(codes) != 1 or getattr(intent, "ref", "none to set") is not None:
        return reading
    with_code: Intent = replace(intent, ref=codes.pop())  # type: ignore[arg-type]  # only intents with a ref
    return replace(reading, intent=with_code)


def _with_fail_reason(reading: Reading, lines: list[str]) -> Reading:
    """A referral given back in one paragraph takes its reason from the others ("I've called him nine times ...
    Nothing since October 14th." above "I'm giving 7002 back.")."""
    intent = reading.intent
    if not (isinstance(intent, Report) and intent.outcome == Outcome.FAIL and intent.reason is None):
        return reading
    reason = _fail_reason(_normalise(" ".join(lines)))
    return replace(reading, intent=replace(intent, reason=reason)) if reason else reading


def _unless_another_named(reading: Reading, lines: list[str]) -> Reading:
    """A command without its code when another paragraph names another referral ("SOLD on 4821 ..." then
    "Separate question on 4830: did the buyer ever confirm her email?", "The other one, 3380, already closed"):
    which one it is about is not ours to guess, as in a text."""
    ref = getattr(reading.intent, "ref", None)
    named = {code for line in lines if not OUR_OWN_WORDS.search(line)
             for code in set(_typed_codes(_normalise(line))) - _house_numbers(line)}
    if ref is None or not any(code != ref and len(code) == len(ref) and not _a_year_beside(code, ref)
                              for code in named):
        return reading
    return replace(reading, intent=replace(reading.intent, ref=None))  # type: ignore[arg-type]  # intents with a ref




def _with_the_only_code(reading: Reading, lines: list[str]) -> Reading:
    """A command read from one paragraph takes the one code the reply types in another ("Long story short on
    #4821: ..." under a paragraph of showings); none when the reply types several."""
    intent = reading.intent
    if isinstance(intent, Help) or (isinstance(intent, Unknown) and intent.reason in UNREFERENCED) or getattr(
            intent, "ref", "none to set") is not None:
        return reading
    amount = str(getattr(intent, "amount", None))
    typed = [line for line in lines if not OUR_OWN_WORDS.search(line)]  # not a screenshot of our offer
    codes = {code for code in _typed_codes(_normalise(" ".join(typed)), every=True)  # "#3150 ... La 3144": two
             if len(code) <= ASIDE_CODE_DIGITS and code != amount} - _house_numbers(" ".join(typed))  # "SOLD 339900"
    codes = _years_dropped(codes, _normalise(" ".join(typed)))  # "great ideas for 2027": a year in another paragraph
    if len(codes) != 1:
        return reading
    with_code: Intent = replace(intent, ref=codes.pop())  # type: ignore[arg-type]  # only intents with a ref
    return replace(reading, intent=with_code)


def _with_amount_below(reading: Reading, below: list[str]) -> Reading:
    """A sale read from one email line takes its price from the lines under it ("Closed on Friday." over
    "Final sale: $870,000")."""
    intent = reading.intent
    if not (isinstance(intent, Report) and intent.outcome == Outcome.SOLD and below):
        return reading
    said = _normalise(" ".join(below))
    named = FINAL_PRICE.search(said)  # "almost sent $80k to a scammer ... we finally funded." then "Final sales
    # price on referral 7040 was $412,250.00": the price named as the final one
    if intent.amount is not None and named is not None and (price := _price(named["price"])) is not None:
        return replace(reading, intent=replace(intent, amount=price.dollars))
    if intent.amount is not None:
        return reading
    final = named or _sale_price_said(said)  # "Final sales price was 487.5k" below the story
    amount = _price(final["price"]) if final else amounts.find_amount(dates.remove_dates(said))
    if amount is None or not amount.money:
        return reading
    return replace(reading, intent=replace(intent, amount=amount.dollars))


# "No, I mean yes", "NO\nsorry fat thumbs, I meant YES. I'll take 4821!": the correction is the answer
CORRECTED_NO = re.compile(r"^(?:no|nope)[,.!]*\s+(?:[a-z' ,!]{0,30}?[,.!]*\s+)?"
                          r"(?:i mean|i meant|meant|sorry|wait|oops|err)[,.!]* (?=(?:yes|yeah|si)\b)")


@lru_cache(maxsize=4096)
def _read_message(raw: str, today: date, for_the_agent: bool = False) -> Reading:
    """Pure in (text, day) and its readings are frozen, so it is memoised: agents send "YES" and "STATUS"
    over and over, and parsing was the largest piece of our own code on the webhook path."""
    rest = _after_a_misdirected_text(raw, today, for_the_agent)
    if rest is not raw:
        return _read_message(rest, today, for_the_agent)
    message = _message(raw, today, for_the_agent)
    early = _early_reading(raw, today, for_the_agent)
    if early is not None:
        return _with_typed_ref(early, message)
    for check in LATER_CHECKS:
        reading = check(message)
        if reading is not None:
            return _with_typed_ref(reading, message)
    return _with_typed_ref(
        Reading(Unknown("unrecognised"), "nothing recognised", 0.0, _alternatives(message, None)), message)


@lru_cache(maxsize=4096)
def _message(raw: str, today: date, for_the_agent: bool) -> Message:
    text = _starred_fix(CORRECTED_NO.sub("", _normalise(APOLOGY_FOR_DELAY.sub(_codes_kept, raw).strip() or raw)))
    text = STAR_AFTER_WORD.sub("", text)  # "Yes* I mean yes I got the email": the star marks the fix that follows
    text = ABOUT_TO_REPLY.sub(lambda said: f" {_codes_kept(said)}", text)  # "I was about to reply NO SALE to your
    # last reminder. Then ...": not sent; "I was about to mark #7390 as FAIL ...": the code kept
    text = ARROW_PICK.sub(r"award \1 to ", text)  # "5129 -> Marisol Ortega. she answered fastest"
    text = EARLIER_ONE_DISOWNED.sub(" ", text)
    text = WANTED_BUT.sub(" ", text)  # "Ugh I want it but I'm at capacity. Gonna say no on 3307": a wish, then why not
    text = MESSAGE_TOPIC.sub(_topic_left_out, text)  # "Yes I got the email about the holiday pause, all good"
    text = UPDATE_GIVEN.sub("", text)  # "Status update: in escrow on 7745": the news is what is said
    text = NEWS_ANNOUNCED.sub("", text)  # "Happy to report that #4410 closed this Friday at $412,250.00"
    text = TAG_QUESTION.sub(".", text)  # "Paren los envíos por dos semanas, vale?": a tag, not a question
    text = SOLD_PENDING.sub("pending", text)  # "sold pending 385k, closes on the 8th": a sale still to close
    if PAY_FAILED.search(text):  # "payment page keeps erroring out when I try to buy 5120, can someone call me?": the
        text = TRIED_TO_PAY.sub("when i tried to open", text)  # purchase is what failed, the call is asked
    text = DONE_LIKE_OTHERS.sub(" ", text)  # "decided to sell it themselves (FSBO) after their neighbor did it that
    # way": whom they copied, not whose news
    text = WHOSE_CLAUSE.sub(r"\1", text)  # "relisting a house whose buyer walked": which house, not our news
    text = THE_ONE_CLOSED.sub(" is another one", text)  # "scratch that, 2915 is the one I just closed. It's 2951 that
    # went sideways": which referral was meant, not the news
    text = NOT_THAT.sub(" ", text)  # "no es que se echaron para atrás, estamos esperando al banco": what it is not
    text = REPORTED_SPEECH.sub(" ", text)  # "Mi compañero me dijo: 'el referido de Kendall ya lo cerraron, ¿no?'"
    text = NEAR_MISS.sub(" ", text)  # "thought she ghosted me but she was just traveling", "almost went with another
    # agent but signed w me yesterday", "Casi se nos cae el 2761 por la tasación pero ...": what did not happen
    text = _meant_after_a_slip(text)  # "my earlier reply said YES by mistake. I meant to pass on 3307"
    text = NO_NOT_SAID.sub("i'll take", NO_AGREEING.sub("", text))  # "not gonna say no to this one lol. YES 4821",
    # "Nope not taking a break this year": the no agrees with what follows
    text = POSTSCRIPT_MARK.sub("", text)  # "PS award 6012 2"
    text = INVOICE_DESCRIBED.sub("the statement ", text)  # "Invoice INV-20931 says $75 but the text said $50"
    text = IDIOM.sub(" ", text)  # "Call it a day, y'all", "Pass the gravy": no call, no pass
    text = OWN_SILENCE.sub(" ", text)  # "lol I'm the one who's been unresponsive, sorry!! calling her now"
    text = NOT_FAILED.sub(" ", text)  # "didn't fail, just slow 😅 will update on 2915 next week": no outcome
    text = NO_PROBLEM_WITH.sub("estoy de acuerdo con", text)  # "No tengo problema con el 25%, de acuerdo"
    text = _doubt_left_out(text)  # "idk what to answer lol. still looking", "not sure if thats INVALID or FAIL"
    text = _earlier_answers_named(text)  # "Please disregard my IN PROGRESS reply on #8802": no command
    text = PAST_ANSWER.sub(r"\g<verb> that", text)  # "I wrote NO SALE for 3968 by mistake": an answer quoted
    text = PAST_SAID.sub(r"\g<verb> that", text)  # "I said NO SALE on #5092 but I had the wrong file open"
    text = PAUSE_ASKED_BEFORE.sub("i paused", text)  # "I said pause til January but ... send me leads again"
    if PAUSE_MENTIONED.search(text):  # "Earlier I asked you to pause me, changed my mind. Keep sending them"
        text = KEEP_SENDING.sub("resume sending", text)
    text = OPTIONS_TO_ANSWER.sub(r"\g<verb> the options", OPTIONS_LISTED.sub(_options_named, text))
    text = QUOTED_INSTRUCTION.sub(" the options ", text)  # 'Jajaja "responda VENDIDO" ojalá fuera tan fácil'
    text = PICK_IN_BRACKETS.sub(r", \1,", text)  # "to the agent from Keller Williams (the third one on your list)"
    text = BRACKETED_QUESTION.sub(r". \1", text)  # "go with agent 2 (Maria I think?)": the doubt is an aside
    text = SI_SAID_TWICE.sub("si", text)  # "sí sí la tomo"
    text = EMPHATIC_SI.sub("", INTERJECTION_FIRST.sub("", text))  # "omg yesss mine 🙌🔥 #5530", "sí era él"
    text = YES_BEFORE_NEWS.sub("", text)  # "so yes good news on 2915, ... we closed Friday": a cheer, the news follows
    text = POLITE_FRAME.sub("please", FORMAL_ADVERB.sub("", text))  # "I hereby agree to the 25% referral fee", "I
    # would be grateful if you could award referral 6012 to the second agent"
    text = CALL_WISHED.sub("please call me", text)  # "honestly it would be faster if someone called me"
    text = PAPERWORK_COMING.sub("we will", text)  # "It's sold. ... my broker's office will send the closing docs and
    # the fee to you": the agent's own paperwork, not someone else's news
    text = CALL_ABOUT.sub(lambda asked: f"{asked[1]} {_codes_kept(asked)}", text)  # "Call me when u can about pausing
    # for my surgery": the call is asked, the rest is what it is about
    # 'see below from client: "Please stop calling me, we already bought with my cousin"': someone else's words,
    # pasted; "Esta vez no, gracias. — Rosa Méndez, Realtor ¿Quieres COMPRAR? ¡Llámame!": a signature's tagline
    text = QUOTED_WORDS.sub(_quote_left_out, TAGLINE.sub(" ", text))

    if for_the_agent or ON_BEHALF.search(text):  # an email says so in its signature ("Assistant to Carl Jensen")
        text = _as_the_agent(text)
    return Message(raw=raw, text=text, clauses=_clauses(text), today=today)


PAPERWORK_COMING = gates.GatedPattern(
    r"\b(?:my|our) (?:broker'?s?(?: office)?|office|tc|transaction coordinator|title company"
    r"|escrow officer|closing attorney|accounting|bookkeeper|admin) (?:will|is going to|'?ll)"
    r"(?= (?:send|forward|email|mail|wire|cut|get you)\b)")
CALL_ABOUT = re.compile(r"^((?:please |pls |can you |could you |can someone |could someone |someone )?call me"
                        r"(?: (?:when|whenever|as soon as) (?:you|u) (?:can|get a (?:sec|chance|minute)))?"
                        r"(?: (?:pls|please))?) about\b[^.!?\n,;0-9]*(?=[.!?\n,;]|$)")  # not "about 4455 at 713-..."
WANTED_BUT = gates.GatedPattern(r"(?:\bi(?:'d| would)? |^)(?:really |so |totally )?(?:want|wanted|love|like) (?:it"
                        r"|this one|this|that one|to take (?:it|this one))[ ,.!]*but\b|\b(?:la|lo) quiero[ ,.!]*pero\b"
                        r"|\bme encantaria[ ,.!]*pero\b")
ARROW_PICK = re.compile(r"^(#? ?[0-9]{3,5}) ?[-=]+> ?(?=[a-z])")
THE_ONE_CLOSED = gates.GatedPattern(
    r" (?:is|was) the one (?:that |which )?(?:i|we) (?:just |already )?(?:closed|sold)\b")
WHOSE_CLAUSE = re.compile(r"\b(house|home|listing|property|condo|place)s? whose [^,.;:!?\n]*")
TAG_QUESTION = gates.GatedPattern(r",? (?:vale|porfa|please|pls)\?")
SOLD_PENDING = gates.GatedPattern(r"\bsold[ -]pending\b")
REPORTED_SPEECH = gates.GatedPattern(r"\b(?:me dijo|me pregunto|dijo|said|asked(?: me)?|told me|texted me|wrote)[:,]? "
                             r"'[^'\n]{10,200}'")
NEAR_MISS = gates.GatedPattern(r"(?:\b(?:i )?thought (?:she|he|they|the (?:client|buyers?|sellers?))\b"
                       r"|\b(?:almost|nearly|casi)\b)[^.!?\n]{0,80}?\b(?:but|pero)\b(?!,? no\b)")
NOT_THAT = gates.GatedPattern(r"(?:^|(?<=[.!?:\n] ))(?:no es que|it'?s not that|not that)\b[^,.;:!?\n]*[,;]")
OWN_SILENCE = gates.GatedPattern(r"\bi'?m the one (?:who'?s|who has|that'?s) been (?:unresponsive|ghosting|mia|slow"
                                 r"|quiet)\b")
NOT_FAILED = gates.GatedPattern(r"\b(?:didn'?t|did not|hasn'?t|has not|haven'?t) fail(?:ed)?\b")
NO_PROBLEM_WITH = gates.GatedPattern(r"\bno (?:tengo|hay) (?:ningun )?problema con\b")
NO_NOT_SAID = gates.GatedPattern(r"\b(?:(?:not|never) (?:gonna|going to|about to)|can'?t|cannot|couldn'?t) (?:say no to"
                                 r"|turn down|pass (?:on|up))(?= (?:this|that|it)\b)")
NO_AGREEING = re.compile(r"^(?:no|nope|nah)[,.!]* (?=not (?:taking|going on|doing|planning|having) (?:a |any )?"
                         r"(?:break|vacation|time off|pause|days off)\b)")
PAUSE_MENTIONED = re.compile(r"\bi paused\b|\b(?:my|the) pause\b|\bpaused me\b|\bthe pause request\b"
                             r"|\basked you to pause\b")
# "sorry typo — I meant YES 4812 not 4821", "my earlier reply said YES by mistake. I meant to pass on 3307"
MEANT_AFTER_A_SLIP = gates.GatedPattern(r"(?:^|(?<=[.!?\n] )|(?<=[-\u2013\u2014] ))i meant "
                                r"(?=(?:yes|claim|pass|decline|buy|agree) #? ?[0-9]{3,5}\b)"
                                r"|(?:^|(?<=[.!?\n] ))i meant to (?:say |reply |type |text |answer )?(?=(?:pass|decline"
                                r"|no|claim|yes|buy|agree)\b)")
SLIP_TOLD = re.compile(r"\bby (?:mistake|accident)\b|\b(?:earlier|last|previous) (?:reply|text|answer)\b|\btypo\b"
                       r"|\b(?:oops|whoops|my bad)\b")


def _meant_after_a_slip(text: str) -> str:
    """"I meant to pass" after a reply sent by mistake is the answer meant now; without the slip told, it may be an
    intention that was never sent."""
    meant = MEANT_AFTER_A_SLIP.search(text)
    return text[:meant.start()] + text[meant.end():] if meant and SLIP_TOLD.search(text, 0, meant.start()) else text


# an emoji inside the quote became a line break: "texted me “can your agent just call me, I'm terrible at texting 😅”"
QUOTED_WORDS = re.compile(r"(?:^|(?<=[\s:(]))[\"\u201c](?P<words>[^\"\u201c\u201d\n]{15,}(?:\n[^\"\u201c\u201d\n]*)?)"
                          r"[\"\u201d](?=[\s.,!?;:)]|$)")
def _quote_left_out(quote: re.Match[str]) -> str:
    """Someone else's words left out, and the codes in them kept, unless the words are our own offer pasted
    back ('Got your text "How is referral #3148 going?" but I never had that one')."""
    words = quote["words"]
    return " " if OUR_OWN_WORDS.search(words) and "how is referral" not in words else " ".join(
        ["", *HASH_REF.findall(words), ""])


TAGLINE = re.compile(r"\b(?:quieres|quiere|piensas|ready to|thinking (?:of|about)|looking to|want to) (?:comprar|vender"
                     r"|sell|buy|selling|buying|list)\w*\? *(?:call|text|llam|escrib)\w*(?: me)?[!.]*")
CALL_WISHED = gates.GatedPattern(
    r"\bit(?:'d| would) be (?:faster|easier|better|quicker|simpler) if (?:someone|somebody|you)"
    r" (?:called|could call|would call|can call|gave) me(?: a call)?\b")
POLITE_FRAME = gates.GatedPattern(
    r"\b(?:i think )?it(?:'s| is) (?:best|better) (?:for (?:everybody|everyone|all(?: of us)?"
    r"|both of us) )?if i(?= (?:give|send|return|hand|pass|pause|release)\b)"
    r"|\bi (?:would|should) be (?:most |very |so )?grateful if (?:you|someone"
    r"(?: from your team)?) (?:could"
    r"|would)"
    r"|\bi(?: would|'d) appreciate it if (?:you|someone(?: from your (?:team|office))?)"
    r" (?:could|would)|\b(?:le|les) agradecer(?:ia|e)"
    r" (?:mucho )?que\b")
FORMAL_ADVERB = gates.GatedPattern(
    r"\b(?:hereby|formally|officially|gladly|happily|respectfully) (?=(?:agree|accept|claim"
    r"|decline|request|authori[sz]e|confirm)\b)")
# "sí sí la tomo", "si si I'll take it": one yes, said twice
SI_SAID_TWICE = re.compile(r"\bsi,? si\b(?=,? (?:la|lo|el|me|yo|mia|mio|i'?ll|i|mine)\b)")
EMPHATIC_SI = re.compile(r"\bsi (?=era\b|fue\b|es (?:el|ella)\b)")
INTERJECTION_FIRST = re.compile(r"^(?:omg|omfg|wow|yay|woohoo|woo+|ooh+|oo+h|ugh+|argh+|sigh|meh)[!,. ]+"
                                r"(?=ye|ya|si\b|mine\b|fine\b|ok\b|okay\b)")  # a yes; "ugh fine YES on 5127"
YES_BEFORE_NEWS = gates.GatedPattern(
    r"\b(?:yes|yay|si)[!,.]* (?=(?:good|great|big|exciting|happy|buenas) (?:news|noticias)\b)")
BRACKETED_QUESTION = re.compile(r" ?\(((?:[a-z]+ ){0,3}(?:i think|i believe|right|correct|creo)\?|[a-z]+ ?\?)\)")
# "Please disregard my AGREE on 7731 from this morning": an answer taken back by its keyword
_TAKEN_BACK = r"\b(?:disregard|ignore|scratch|cancel|undo|forget) "  # an earlier answer taken back
EARLIER_KEYWORD = re.compile(_TAKEN_BACK + r"my (?:earlier |last |previous |first )?"
                             r"(?:agree|yes|no|pass|buy|sold|no sale|in progress|invalid|fail)\b")
EARLIER_REPLY = re.compile(
    _TAKEN_BACK + r"(?:my|the) (?:earlier |last |previous |first |other )?(?P<said>[a-z# ]{1,25}? )?"
    r"(?P<what>reply|email|text|message|answer|response)\b(?P<on> (?:on|for|to) #? ?[0-9]{3,8}\b)?"
    r"(?P<marking> (?:marking|saying|that said|with|passing|claiming|declining|buying|awarding|giving)\b"
    r"[^.!?\n-]{0,40}| ?\([a-z# ]{1,25}\))?")  # "disregard my last reply (NO SALE)"


# An answer sent before, quoted by its keyword: "I wrote NO SALE for 3968 by mistake", "I originally marked it as
# unresponsive", "me equivoqué al responder VENDIDO", "Ayer les contesté NO a la 4410"
PAST_ANSWER = gates.GatedPattern(
    r"(?<!be )(?<!been )\b(?P<verb>(?:i |i'd )?(?:originally |accidentally |mistakenly |already )?(?:wrote|replied"
    r"|answered|texted"
    r"|responded|hit|pressed|reported"
    r"|marked(?: it| this| that)?(?: as)?)(?: with)?|al (?:responder|contestar|poner)"
    r"|(?:(?:les|le|ya|ayer|yo) )+(?:conteste|respondi|puse|marque(?: como)?))"
    r" (?:no sale|sold|in progress|under contract|invalid|fail|unresponsive|yes|no|pass|buy|start|vendido|no venta"
    r"|en progreso|paso"
    r"|si)\b"
    r"(?! (?:one|ones|clients?|buyers?|sellers?|house|home|listing)\b)")


def _earlier_answers_named(text: str) -> str:
    """`text` with the answers sent before and taken back now ("disregard my IN PROGRESS reply on #8802", "disregard
    my AGREE on 7731") named without their words."""
    return EARLIER_KEYWORD.sub("about my earlier reply", EARLIER_REPLY.sub(_earlier_reply_named, text))


def _earlier_reply_named(earlier: re.Match[str]) -> str:
    """An earlier reply taken back, named by what it said ("disregard my IN PROGRESS reply", "my email marking 5190
    as NO SALE"): what it said is no command now, and the taking back is about that reply, not this one. Only its
    code is kept."""
    said = (earlier["said"] or "") + (earlier["on"] or "") + (earlier["marking"] or "")  # "... reply on #5512"
    codes = re.findall(r"#? ?[0-9]{3,8}\b", said)
    if not codes and _command_key_of(said.strip()) is None:
        return earlier.group()  # "ignore my last msg, wrong chat": which reply is not said, the words stand
    return "about my earlier " + earlier["what"] + "".join(f" on {code.strip()}" for code in codes)


def _starred_fix(text: str) -> str:
    """A short line typed again, fixed, under a star ("Gor it\n*got it", "Recivido\n*Recibido, gracias"): the fixed
    line is the message. Not a price fixed under a sale ("SOLD 2915 $415k\n*451k"): only a line that starts like the
    one above."""
    fixed = STARRED_FIX.fullmatch(text)
    if fixed is None:
        return text
    said_again = fixed["again"] or fixed["again_first"]  # "Gor it\n*got it", "oj\nok*"
    typed, again = fixed["typed"].split(), said_again.split()
    alike = bool(typed and again) and SequenceMatcher(None, typed[0], again[0]).ratio() >= STARRED_ALIKE
    return said_again if alike else text


STARRED_FIX = re.compile(r"(?P<typed>[^\n*]{1,30})\n\s*(?:\*\s?(?P<again>[a-z][^\n*]*)"
                         r"|(?P<again_first>[a-z][^\n*]*?)\s?\*)")
STAR_AFTER_WORD = re.compile(r"(?<=[a-z])\*(?= )")
STARRED_ALIKE = 0.5  # "gor" and "got", "oj" and "ok", "recivido" and "recibido"; not "sold" and "451k"


IDIOM = gates.GatedPattern(
    r"\bif [^.!?\n]{0,40}\bi'?ll eat my (?:hat|shoe)\b"  # "If this is a real person I'll eat my hat"
    r"|\bbuy (?:you|ya|u) (?:a |an )?(?:coffee|drink|beer|lunch|dinner|round)\b"
    r"|\b(?:insurance |roof |the )?claims? (?:adjuster|adjustor|check|number|form)\b|\binsurance claim\b"
    r"|\bpass me (?:the|your|a)\b|\bcall it (?:a day|a night|quits|a wrap)\b"
    # "count me in for the holiday mixer on December 10th"
    r"|\bcount me in for (?:the |your )?(?:holiday |christmas |year[- ]end )?(?:mixer|party|dinner|lunch|happy hour"
    r"|potluck|golf|game|meetup|event|gala|breakfast|social)\b"
    # "No lo pienso dos veces, sí la tomo", "Don't hesitate to charge the card"
    r"|\bno lo (?:pienso|pense) dos veces\b|\bdon'?t (?:hesitate|think twice) (?:to|about)\b"
    # "both times it told me the code was invalid": our reply about a code, not a bad lead
    r"|\b(?:the |my |that )?code (?:was|is|came back|showed|shows)(?: as)? (?:invalid|not valid|unrecognized"
    r"|not recognized)\b"
    r"|\bg[ai]ve? (?:me|you|us|him|her) (?:a (?:little |bit of |moment'?s )?|some )?pause\b"
    r"|\bpass the (?:gravy|salt|pepper|butter|potatoes|turkey"
    r"|stuffing|rolls|ketchup|sauce|torch|baton|buck|time|popcorn|remote)\b")
# Doubt about how to answer, not about the answer: "No sé si lo hago bien, pero se la doy a la primera", "not sure if
# thats INVALID or FAIL but it's not a real number so INVALID"
def _after_a_misdirected_text(raw: str, today: date, for_the_agent: bool) -> str:
    """"Babe can u grab the kids at 4\nOops wrong thread 🤦 YES on 4821", "did my NO SALE go through? resending just in
    case: NO SALE, they bought with another agent": what follows the words that say the first part went to the wrong
    place, or that the answer is sent again, when it says something of ours; otherwise `raw` itself."""
    marker = (MISDIRECTED.search(raw) if MISDIRECTED_HINT.search(raw) else None) or RESENT.search(raw)
    if marker is None or not raw[:marker.start()].strip(" .,!\n"):
        return raw
    rest = LEADING_BUT.sub("", raw[marker.end():].strip())  # "... Oops that was for my husband 😂 but yes, #4417 SOLD"
    if _typed_codes(_normalise(raw[:marker.start()])) and not _typed_codes(_normalise(rest)):
        return raw  # "FAIL 4410 - resending. client ghosted me 3 wks": the answer came first, with its code
    said = _message(rest, today, for_the_agent).clauses if rest else ()
    return rest if any(_command_key(clause) for clause in said) else raw


def _doubt_left_out(text: str) -> str:
    """The message without the agent's doubt about how to answer; a message that is only that doubt ("idk what to
    answer", "not sure if my last reply went through") reads as "?", a request for help, which is answered with the
    options rather than ignored as empty."""
    rest = PROCESS_DOUBT.sub(" ", text)
    if rest != text and not any(char.isalnum() or char == "?" for char in rest):
        return "?"
    return rest


# what a message the agent got was about is no ask of theirs: "I got the email about the holiday pause, all good"
MESSAGE_TOPIC = re.compile(r"\b(?:(?P<got>got|received|saw|read|recibi|vi|lei) )?(?:the|your|an?|el|la|tu|su|sus"
                           r"|tus|los|las) (?:email|e-mail|text|message|notice|memo|announcement|note|letter"
                           r"|newsletter|correo|mensaje|aviso)s? (?:about|regarding|re|concerning|sobre"
                           r"|acerca de)"
                           r"(?: (?!(?:and|but|so|i|y|pero)\b)[a-z'-]+){1,5}(?=[.,;:!?\n]| and\b| but\b| so\b| y\b"
                           r"| pero\b|$)")
def _topic_left_out(said: re.Match[str]) -> str:
    return f"{said['got']} it" if said["got"] else "the message"


TRIED_TO_PAY = re.compile(r"\b(?:when|while|every time|each time|whenever) i (?:try|tried|go|went) to (?:buy|pay for"
                          r"|purchase|pay|check ?out)\b")
PAY_FAILED = re.compile(r"\b(?:error\w*|fails?|failed|failing|declined|crash\w*|freez\w*|broken|stuck|won'?t (?:go|load"
                        r"|let)|doesn'?t (?:go|load|work)|didn'?t (?:go|work))\b")
DONE_LIKE_OTHERS = re.compile(r"\b(?:after|because|since|like|just like|the way) (?:their|his|her) (?:[a-z]+ )?"
                              r"(?:neighbou?r|friend|cousin|sister|brother|parent|co-?worker)s?"
                              r" (?:did|had done|does|do) (?:it|that|the same|so)(?: that way| too| last year)?\b")
RESENT = re.compile(r"\b(?:(?:so )?i'?m )?(?:resending|re-sending|sending (?:it|this|that) again|here it is again"
                    r"|lo (?:mando|envio|reenvio) (?:otra vez|de nuevo)|lo reenvio|to be clear)"
                    r"(?: (?:just )?in case(?: it (?:didn'?t|did not) (?:go|get) (?:through|thru))?)?[:,.!\u2014\s-]*",
                    re.I)
LEADING_BUT = re.compile(r"^(?:but|and|so|pero|y)\b[ ,]*", re.I)
MISDIRECTED_HINT = re.compile(r"\b(?:wrong|meant|for|para)\b", re.I)
# the words that say a text went to the wrong place: "oops wrong thread", "lol sorry not for you bot", "ugh meant that
# for my lender", "Perdón, eso era para mi esposo jaja"
MISDIRECTED = re.compile(
    r"(?:^|(?<=[\s.,!?]))(?:(?:oops|sorry|lol|ugh|perd[oó]n|jaja|haha|apologies|my bad|whoops|ay)[,.!]* )*"
    r"(?:wrong (?:thread|chat|text|convo|conversation|group|window)|(?:sorry|oops|lol|my bad),? wrong (?:number|person)"
    r"|(?:i )?meant (?:that|this) for (?:my|the|a) [a-z]+"
    r"|(?:that|this|eso|esto) (?:was|era|fue) (?:meant )?(?:for|para)"
    r" (?:my|the|mi|el|la) [a-z]+|not (?:meant )?for (?:you|u)(?: bot| guys| all)?"
    r"|(?:please )?disregard the above,? it was meant for (?:my|the) [a-z]+"
    r"|(?:el|mi) (?:mensaje|texto|correo) anterior,? (?:era|fue) para mi [a-z]+)\b"
    r"(?:[ ,]+(?:jaja|lol|haha|lmao)\b)*[^\w\n]*\n?", re.I)
PROCESS_DOUBT = gates.GatedPattern(
    r"\b(?:idk|i don'?t know|not sure|no se) (?:what to|que) (?:answer|reply|say|put|contestar"
    r"|responder|poner)\b|\bno se si lo (?:hago|estoy haciendo) bien\b"
    r"|\bnot sure (?:if )?i'?m doing this right\b"
    # "No sé si contesté bien la vez pasada. Vendido!! 275 mil": a doubt about the last answer, not this one
    r"|\b(?:no se|not sure|idk|i don'?t know) (?:si|if|whether) (?:i )?(?:conteste|respondi|lo hice|replied|answered"
    r"|responded|did (?:it|that|this)) (?:bien|right|correctly)"
    r"(?: (?:la vez pasada|la ultima vez|antes|last time|before|earlier|the last time))?\b"
    # "No sé si les llegó mi mensaje anterior", "not sure if my last reply went through": the last one's fate
    r"|\b(?:not sure|idk|i don'?t know|dunno) (?:if |whether )?(?:it|this|that) (?:went|got) (?:through|thru)\b"
    r"|\b(?:no se|not sure|idk|i don'?t know|dunno) (?:si|if|whether) (?:(?:les|le|te) llego|(?:you|u|y'?all)"
    r" (?:ever )?(?:got|received|saw|get)|(?:my|mi) (?:last |earlier |previous |other )?(?:message|reply|text|answer"
    r"|email|mensaje|respuesta|correo)(?: anterior)? (?:went through|came through|arrived|llego|got there|was sent"
    r"|got through))"
    r"[^.,;!?\n]*"
    r"|\b(?:no se|not sure|idk|i don'?t know) (?:si|if) (?:aqui|aca|this|here) (?:es|is) (?:donde|where"
    r"|the right (?:place|number|spot))"
    r"(?: (?:respondo|contesto|i (?:reply|answer|respond)|to (?:reply|answer|respond)))?\b"
    r"|\bnot sure if (?:that'?s|thats|it'?s|its) [a-z ]{2,15} or [a-z ]{2,15}?"
    r"(?= but\b|[.,!?]|$)")
POSTSCRIPT_MARK = re.compile(r"(?:^|(?<=\n))\s*p\.? ?[sd]\.?[:,-]? (?=[a-z])")
NEWS_ANNOUNCED = gates.GatedPattern(
    r"(?:^|(?<=[.!\n] ))(?:i'?m |we'?re |i am |we are )?(?:so |very )?(?:happy|glad|pleased"
    r"|excited|thrilled) to (?:report|say|share|announce|tell you|let you know)(?: that)? "
    r"|(?:^|(?<=[.!\n] ))(?:me alegra|con gusto|nos alegra)"
    r" (?:informarles|informar|decirles|contarles) (?:que )?")
UPDATE_GIVEN = gates.GatedPattern(r"^(?:quick )?(?:status )?update ?[:-] (?=[a-z])")
PAST_SAID = re.compile(r"\b(?P<verb>i said) (?:no sale|sold|in progress|invalid|fail|yes|no|pass|buy)"
                       r" (?=(?:on|for) #?[0-9]{3,5}\b[^.!?\n]*\bbut\b"
                       r"|(?:earlier|this morning|yesterday|by mistake)\b)")
PAUSE_ASKED_BEFORE = gates.GatedPattern(r"\bi (?:said|asked (?:you )?(?:to|for)|told you(?: to)?|had (?:asked|said)"
                                r"(?: to)?) (?:a )?(?:pause|put me on hold)\b|\bpedi (?:una )?pausa\b"
                                r"|\b(?:ignore|disregard|forget|scratch) (?:my|the) (?:earlier |last "
                                r"|previous )?pause\b")  # "Ignore my pause from this morning"
ABOUT_TO_REPLY = gates.GatedPattern(r"\b(?:i )?(?:was|were) (?:about|going|gonna|ready|this close) to"
                            r" (?:reply|send|mark|say|text"
                            r"|type|put)(?: (?:it as|you|it|#?[0-9]{3,5} as))?"
                            r" (?:fail|no sale|invalid|pass|sold|stop|no)\b"
                            r"|\biba a (?:contestar|responder|poner|mandar|marcar)(?: (?:lo|la|le))? (?:no|no sale|fail"
                            r"|paso|vendido)\b"
                            r"|\b(?:i )?almost (?:replied|put|said|marked|sent|wrote|texted|typed)"
                            r"(?: (?:it as|you|it))? (?:fail|no sale|invalid|pass|sold|stop|no)\b"
                            r"|\bcasi (?:le |les )?(?:pongo|puse|respondo|respondi|contesto|conteste|marco|marque|mando"
                            r"|mande|escribo|escribi) (?:no sale|fail|invalid|sold|vendido|no venta|paso|no)\b")
# "Casi le pongo NO SALE pero hoy me llamaron": the answer not given


def _options_named(listed: re.Match[str]) -> str:
    """Three or more different reply words in a row are our options quoted back; the same one said again is not
    ("yes, yes, YES")."""
    return "the options" if len(set(re.findall(OPTION_WORD, listed.group()))) >= 3 else listed.group()


@lru_cache(maxsize=4096)
def _early_reading(raw: str, today: date, for_the_agent: bool) -> Reading | None:
    """The reading of the checks up to START (empty, reaction, auto-reply, a text sent to many, STOP, help, START),
    or None. Every paragraph of an email is asked whether it opts out or in; this spares them the rest of the
    reading."""
    message = _message(raw, today, for_the_agent)
    return next((reading for reading in (check(message) for check in EARLY_CHECKS) if reading is not None), None)


def _with_typed_ref(reading: Reading, message: Message) -> Reading:
    """A message that is no command, a help request, a pause, a resume or a START still keeps the one referral
    code it typed ("is the buyer on 4410 pre-approved?", "HELP - what can I reply for 8840?"), so the log and the
    operator's review item point at it. Not the code in a quoted offer (a tapback, an auto-reply), nor one of
    several: a command that types two codes names neither, and the bot asks which."""
    intent = reading.intent
    ref = getattr(intent, "ref", None)
    if ref and CODES_LISTED.search(_not_codes_blanked(message.text)):
        # "Marcus will take both 4822 and 4823": not one of them
        return replace(reading, intent=replace(intent, ref=None))  # type: ignore[arg-type]  # intents with a ref
    if ref and _another_code(message, ref, getattr(intent, "amount", None)):
        # "2240 under contract, closing 12/15. 1475 still looking": news of two referrals; the bot asks which
        return replace(reading, intent=replace(intent, ref=None))  # type: ignore[arg-type]  # intents with a ref
    if ref and any(code != ref for clause in message.clauses if clause.asks for code in _typed_codes(clause.text)):
        # "closed on 8123 for 385 btw is 4410 still open?": news of one referral and a question about another;
        # which one the command is about is not ours to guess
        return replace(reading, intent=replace(intent, ref=None))  # type: ignore[arg-type]  # intents with a ref
    if not isinstance(intent, Unknown | Help | Pause | Resume | Start | Stop) or intent.ref or (
            isinstance(intent, Unknown) and intent.reason in UNREFERENCED):
        return reading
    if isinstance(intent, Unknown):  # "what format do you need? SOLD 450000": a price, not a code
        codes = set(_typed_codes(LONG_EXAMPLE_PRICE.sub(" ", message.text))) - _house_numbers(message.raw)
    else:  # beside a help question, "SOLD 95000" or a six-digit number is an example price, not a code
        codes = {code for code in _typed_codes(EXAMPLE_PRICE.sub(" ", message.text)) if len(code) <= ASIDE_CODE_DIGITS}
        codes -= _house_numbers(message.raw)  # "the new office is set up at 1420 W 5th St ... You can resume"
    if isinstance(intent, Stop):  # "STOP. Retired in 2024. These reminders about 2021 deals need to end"
        codes = {code for code in codes if not RECENT_YEAR.fullmatch(code)}
    if isinstance(intent, Unknown):
        codes = _years_dropped(codes, message.text)
    return replace(reading, intent=replace(intent, ref=codes.pop())) if len(codes) == 1 else reading


RECENT_YEAR = re.compile(r"(?:199|20[0-3])[0-9]")


def _years_dropped(codes: set[str], text: str) -> set[str]:
    """The codes of a message that is no command, without a year ("Sellers who priced for 2022 are learning the hard
    way"), unless the year is named as a code ("#2022", "referral 2022")."""
    return {code for code in codes if not RECENT_YEAR.fullmatch(code) or re.search(
        rf"(?:#|\b(?:referral|referido|referencia|lead|ref|code|codigo) #?) ?{code}\b", text)}


# "yes for 2207 not 3391", "ur cut is 3675": numbers beside a code that are no second one
NOT_THIS_CODE = re.compile(
    r"\bnot #? ?[0-9]{3,8}\b|\b(?:cut|fee|commission|comm|split|check|share|parte) (?:is|was|of|=|:) ?\$?[0-9][0-9,.]*")


def _another_code(message: Message, ref: str, amount: int | None) -> bool:
    """Whether the message types a second code beside `ref` (not its price, nor a long number)."""
    text = NOT_THIS_CODE.sub(" ", message.text)
    codes = set(_typed_codes(text, every=True))  # "Okafor (#3364) under contract. Brennan on 3390 ..."
    addresses = _house_numbers(message.raw)  # "offer in at $615k on 2208 Elm"
    return any(code != ref and len(code) == len(ref) and code != str(amount) and code not in addresses
               and not _a_year_beside(code, ref) for code in codes)


def _a_year_beside(number: str, ref: str) -> bool:
    """A year told beside a code that is none ("referral 4410 ... a title issue from a 2009 HELOC", "Looking forward
    to 2027"): the other number is the year, not a second referral."""
    return bool(RECENT_YEAR.fullmatch(number)) and not RECENT_YEAR.fullmatch(ref)


# A house number as typed, before its capitalised street name ("on 2208 Elm", "at 1412 Oak Hollow"), read in the
# raw text since the case is the clue
def _house_numbers(raw: str) -> set[str]:
    """The numbers typed as part of an address: "on 2208 Elm", "did the appraisal on 1422 Oak come back?", "en Ponce
    de León 2301". The capitals are the clue, so the text is read as typed. Each has three digits at least."""
    if not THREE_DIGITS.search(raw):
        return set()
    found = (pattern.findall(raw) for pattern in (ADDRESS_AS_TYPED, SPANISH_ADDRESS, DIRECTED_STREET, ZIP_NAMED,
                                                  ZIP_BEFORE_CITY, COMMON_STREET))
    return set().union(*found)


# a number before one of the commonest street names, wherever it stands: "the 1120 Elm seller", "2208 Oak"
COMMON_STREET = re.compile(r"(?<![#$])\b([0-9]{3,5}) (?:Elm|Oak|Maple|Pine|Cedar|Main|Walnut|Willow|Birch|Spruce"
                           r"|Magnolia|Cherry|Chestnut|Hickory|Sycamore|Poplar|Aspen|Cypress|Laurel|Dogwood|Mesquite"
                           r"|Sunset|Highland|Hillcrest|Lakeview|Church|Meadow)\b")


# A zip told as the place it is: "95762 is El Dorado Hills, and I'm based in Stockton"
ZIP_NAMED = re.compile(r"(?<![Ll]ead )(?<![Rr]eferral )(?<!#)\b([0-9]{5}) is (?!(?:Closed|Sold|Done|Dead|Fake|Mine"
                       r"|Still|Under|Pending|Active|Not|No|A|An|The|My|Our|In|On|Off|Yours|Open|Ok|OK)\b)"
                       r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}\b")


# a postcode before its city, as Europe writes it: "Av. de la Constitución 7, 41004 Sevilla"
ZIP_BEFORE_CITY = re.compile(r"(?<=, )([0-9]{5}) (?=[A-Z\u00c1\u00c9\u00cd\u00d3\u00da]"
                             r"[a-z\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1]+)")
DIRECTED_STREET = re.compile(r"\b([0-9]{3,5}) [NSEW]\.? (?:[0-9]{1,3}(?:st|nd|rd|th)|[A-Z][a-z]+)\b")  # "5901 S 1st"

SPANISH_ADDRESS = re.compile(r"\b(?:[Cc]alle|[Aa]ve|[Aa]venida|[Aa]v|[Cc]arr|[Cc]arretera"
                             r"|en)\.? (?:[A-ZÁÉÍÓÚ][a-záéíóúñ]+ "
                             r"(?:de |del |la |las |los )?){1,4}([0-9]{3,5})\b")
ADDRESS_AS_TYPED = re.compile(
    r"(?:\b(?:on|at|near|off|from|to|for|of|sold|bought|listed|showing|show|showed|touring|tour|toured|seeing) |\()"
    r"([0-9]{3,5}) (?:[NSEW]{1,2}\.? )?"
    r"(?:[0-9]{1,3}(?:st|nd|rd|th) [A-Z][a-z]*\b"
    r"|(?!(?:Thanks|Thank|Please|Pls|Plz|Sold|Yes"
    r"|No|Call"
    r"|Claim|Pass|Buy|Agree|Fail|Invalid|Pause|Stop|Status|Help|The|I|I'm|Im|We|She|He|They|Closed|Still|Just|Ok"
    r"|OK|Got|Lol|Offer|Client|Buyer|Seller|Update|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue"
    r"|Wed|Thu|Fri|Sat|Sun|Today|Tomorrow|Tonight|Next|This|Asap|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Will|Can|Should|And|But"
    r"|So|Is|Was|Has|Had|Hasn't|Isn't|Any|Did|Do|Does|Here|There|Maybe|Not)\b)[A-Z][a-z]+\b)")


@lru_cache(maxsize=8192)
def _not_codes_blanked(text: str) -> str:
    """`text` with the numbers that are never a code blanked: zips, years, phones, licences, a card's last four.
    A text without three digits in a row holds no code to blank around (most clauses), so it is left as it is."""
    if not THREE_DIGITS.search(text):
        return text
    text = _zips_blanked(text)
    for never_a_code in (YEAR, PHONE, LICENCE, CARD_DIGITS, OTHER_CODES):
        text = dates.blanked(never_a_code, text)
    return text


THREE_DIGITS = re.compile(r"[0-9]{3}")
ZIP_REACH = (100, 150)  # characters a zip's context reaches before and after its number ("I only cover ... 78745")


def _zips_blanked(text: str) -> str:
    """`text` with the zips in context (ZIP_CONTEXT) blanked. The pattern is long, and a long email has few
    numbers: it is searched only within ZIP_REACH of them, which reaches as far as any of its alternatives does, so
    it blanks what a search of the whole text blanks (tests/unit/test_gates.py compares both over the corpus)."""
    windows: list[list[int]] = []
    for number in THREE_DIGITS.finditer(text):
        start, end = max(0, number.start() - ZIP_REACH[0]), min(len(text), number.end() + ZIP_REACH[1])
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    spans = [match.span() for start, end in windows for match in ZIP_CONTEXT.finditer(text, start, end)]
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _typed_codes(text: str, *, every: bool = False) -> list[str]:
    """The codes typed: the #-marked ones when there are any (unless `every`), else the plain numbers that can be
    codes."""
    if not THREE_DIGITS.search(text):  # a code has four digits at least
        return []
    text = _not_codes_blanked(text)  # "MLS# 73215" is no code, # or not
    hashed = HASH_REF.findall(text)
    if hashed and not every:
        return hashed
    return hashed + [number.digits for number in amounts.scan_numbers(dates.remove_dates(text))
                     if not number.money and 4 <= len(number.digits) <= 8]


# Normalising and splitting


def _as_the_agent(text: str) -> str:
    """An assistant writing for the agent ("Sarah asked me to let you know she'd like to take #4937", "he says YES
    to 5519", "please give Andrea a call"): the agent's words, as if the agent wrote them."""
    for pattern, said in AS_THE_AGENT:
        text = pattern.sub(said, text)
    return text


@lru_cache(maxsize=16384)
def _normalise(raw: str) -> str:
    text = OK_SYMBOLS.sub(" ok ", NAME_INITIAL.sub(r"\1", QUOTED_OFFER.sub(" ", raw)))
    text = CAPS_WORD.sub(_caps_slip_fixed, text) if CAPS_WORD.search(text) else text  # "YED 4821", "PAUSW until"
    text = PHONE_SYMBOL_ASKED.sub(" call ", text)  # "pls 📞 me rn"
    text = unicodedata.normalize("NFKD", text).lower()  # NFKD, so the accents fall away below: "sí" -> "si"
    text = INVERTED_MARK_INSIDE.sub("\n", text)  # "Se vendió la #2915 en 275 mil 🙌 ¿a dónde mando el pago?": the
    # mark opens a question of its own
    text = text.replace("’", "'").replace("‘", "'").replace("\r", "\n").replace("¿", " ").replace("¡", " ")
    text = NOT_PLAIN.sub(lambda found: _keep(found.group()), text)  # plain ASCII, most of a message, stays as is
    text = re.sub(r"([a-z])(?=[0-9#])", r"\1 ", text)  # CLAIM4821, claim#4821
    # "Hi um so yes good news on 2915", dictated: the sounds between the words
    text = FILLER_SOUND.sub("", text) if FILLER_HEARD.search(text) else text
    text = re.sub(r"[^\S\n]+", " ", text)
    text = ILL.sub("i'll ", text)
    text = DICTATED_MARK.sub(lambda mark: DICTATED[mark.group(1)], text)
    text = HEARD_SOLD.sub("sold", HEARD_CLOSED.sub(r"\1 closed", text))
    text = HEARD_CALL_ME.sub(r"\1call me", text)
    text = spoken.codes_in_digits(HEARD_WORDS.sub(lambda heard: HEARD_AS[heard.group()], text))
    text = SPOKEN_CHOICE.sub(lambda said: f"{said[1]} {SPOKEN_NUMBERS[said[2]]}", text)  # "number three"
    text = SPANISH_X.sub("por", ABBREVIATION.sub(lambda word: phrases.ABBREVIATIONS[word.group()], text))
    text = NUMBER_ABBREVIATED.sub("number ", NUMBER_IN_WORDS_AND_DIGITS.sub(r"\g<digits>", text))  # "agent no. 2",
    # "for the next two (2) weeks", "twenty-five percent (25%)"
    text = STRETCHED.sub(r"\1\2\3", text) if TRIPLED.search(text) else text
    text = SELF_ANSWERED.sub("", SPLIT_NO_SALE.sub("no sale", text))
    return _typos_fixed(text).strip()


NUMBER_ABBREVIATED = re.compile(r"\bno\. ?(?=[0-9])")
NUMBER_WORD = "|".join(sorted((word for word in amounts.SMALL if word != "a"), key=len, reverse=True))
NUMBER_IN_WORDS_AND_DIGITS = re.compile(
    rf"\b(?:{NUMBER_WORD})(?:[- ](?:{NUMBER_WORD}))?(?: percent)? \((?P<digits>[0-9]{{1,3}} ?%?)\)")
FILLER_HEARD = re.compile(r"um|uh|rm")  # what each filler sound holds: most texts have none, and are spared the scan
FILLER_SOUND = re.compile(r"(?<!take )(?<!call )(?<!text )(?<!tell )(?<!send )(?<!show )(?<!get )(?<!ask )"
                          r"\b(?:u+m+|u+h+|e+r+m+)\b[,.]?[^\S\n]*")  # not "I take um" (them)
INVERTED_MARK_INSIDE = re.compile(r"(?<=[^\s¿¡,])\s+¿(?!\s*(?:pero|y|o|but|and)\b)")
# "AGREEEE", "STOPPPP", "Recibidooo": a letter held down reads once (not "noooo" or "sooo", which mean as they say)
TRIPLED = re.compile(r"([a-z])\1\1")  # what every stretched word holds
STRETCHED = re.compile(r"\b(?!no+\b|nah+\b|so+\b)([a-z]*?)([a-z])\2{2,}([a-z]*)\b")
SPLIT_NO_SALE = re.compile(r"^no\s*\n\s*sale\b")  # "No\nsale. They bought w another agent"
SELF_ANSWERED = re.compile(r"^(?:sold|closed|vendid[oa]|cerrad[oa])\?+\s*(?:no|nope|nah|not yet|todavia no)\b[,.!]*\s*")
# 'The text said "Reply AGREE to accept the 25% referral fee on #7731." Is that 25% of the gross?': our words quoted
QUOTED_OFFER = re.compile(r"[\"“][^\"”\n]{0,200}\breply (?:yes|no|agree|buy|sold|award|stop)\b[^\"”\n]{0,200}[\"”]",
                          re.IGNORECASE)
NAME_INITIAL = re.compile(r"\b([A-Z][a-z]+ [A-Z])\.(?=[\s),])")  # "the first one (Tom R.) is the best": no full stop


CAPS_WORD = re.compile(r"\b[A-Z]{2,7}\b")
# A keyword typed in capitals with one key hit beside the right one ("YED 4821", "PAUSW until Dec 7", "SOLF 450"):
# the capitals say a keyword was meant. Not the capitalised words one key from a keyword ("BUT", "GUY", "YRS",
# "AWARE", Spanish "NI")
CAPS_SLIP_TARGETS = ("yes", "no", "pause", "sold", "stop", "pass", "claim", "agree", "fail", "invalid", "start",
                     "award")
CAPS_NOT_A_SLIP = frozenset({"sole", "pasa", "aware", "yrs", "atop", "np", "mo", "ho", "jo", "bo", "but", "guy", "ni"})
QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
QWERTY_NEIGHBOURS = {
    key: {row[col + step] for step in (-1, 1) if 0 <= col + step < len(row)} | {
        other[spot] for other_row, other in enumerate(QWERTY_ROWS) if abs(other_row - row_index) == 1
        for spot in (col - 1, col, col + 1) if 0 <= spot < len(other)}
    for row_index, row in enumerate(QWERTY_ROWS) for col, key in enumerate(row)}


def _caps_slip_fixed(typed: re.Match[str]) -> str:
    word = typed.group().lower()
    if word in CAPS_NOT_A_SLIP or word in CAPS_SLIP_TARGETS:
        return typed.group()
    for target in CAPS_SLIP_TARGETS:
        if len(target) == len(word):
            differ = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
            if len(differ) == 1 and word[differ[0]] in QWERTY_NEIGHBOURS[target[differ[0]]]:
                return target.upper()
    return typed.group()


def _typos_fixed(text: str) -> str:
    """`text` with each word one slip away from a keyword written as that keyword; most texts have none, so the
    distinct words are asked first and the text is rewritten only when one of them changes."""
    fixed = {word: typo for word in set(LONG_WORD.findall(text)) if (typo := _fix_typo(word)) != word}
    return LONG_WORD.sub(lambda word: fixed.get(word.group(), word.group()), text) if fixed else text


LONG_WORD = re.compile(r"\b[a-z]{4,}\b")


def _keep(char: str) -> str:
    """Emoji, accents and other symbols go (except $); control characters other than newlines become spaces."""
    category = unicodedata.category(char)
    if char in "$\n":
        return char
    if category == "Cc":
        return " "
    if category == "So" and ord(char) >= EMOJI_FROM:
        return "\n"  # an emoji between words ends a sentence: "moving this week 😅 pls pause referrals"
    return "" if category in DROPPED_CATEGORIES else char


@lru_cache(maxsize=16384)
def _fix_typo(word: str) -> str:
    """A word one slip away from a keyword ("cliam", "clam", "invoce") reads as that keyword. Only keywords
    within one letter of the word's length can be one slip away, so only those are tried."""
    letters = frozenset(word)  # one slip changes at most two letters of the set: a cheap test before the exact one
    near = (target for target in TYPO_TARGETS_BY_LENGTH.get(len(word), ()) if len(letters ^ LETTERS[target]) <= 2)
    found = next((target for target in near if _one_edit_apart(word, target) and not _inflected(word, target)), None)
    short = (target for target in SHORT_TYPO_TARGETS_BY_LENGTH.get(len(word), ())
             if len(letters ^ LETTERS[target]) <= 2)
    return found or next((target for target in short if _slipped(word, target)), word)


LETTERS = {target: frozenset(target) for target in (*phrases.TYPO_TARGETS, *phrases.SHORT_TYPO_TARGETS)}
# a swap keeps the length, a doubled letter adds one: only those short keywords can be a word's slip
SHORT_TYPO_TARGETS_BY_LENGTH = {
    length: tuple(target for target in phrases.SHORT_TYPO_TARGETS if length - len(target) in (0, 1))
    for length in range(1, max(map(len, phrases.SHORT_TYPO_TARGETS)) + 2)}
TYPO_TARGETS_BY_LENGTH = {
    length: tuple(target for target in phrases.TYPO_TARGETS if abs(len(target) - length) <= 1)
    for length in range(1, max(map(len, phrases.TYPO_TARGETS)) + 2)}
# Voice dictation writes punctuation out ("sold period four fifty", "de acuerdo punto acepto")
DICTATED = {"period": ".", "full stop": ".", "comma": ",", "question mark": "?", "exclamation point": "!",
            "exclamation mark": "!", "punto": ".", "coma": ",", "signo de interrogacion": "?"}
DICTATED_MARK = gates.GatedPattern(
    r"(?<!option)(?<!grace)(?<!waiting)(?<!trial)(?<!review)"  # "we're in the option period": no full stop
    r" (period|full stop|comma|question mark|exclamation point|exclamation mark|punto|coma|signo de interrogacion)"
    r"\b(?! of\b| (?:de|com|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|[0-9])\b)")
# "Ill take 5518": "I'll" without its apostrophe (never "I'm ill, pause me")
ILL = re.compile(r"(?:^|(?<=[.!,] ))ill (?=(?:take|grab|do|pass|buy|call|send|be|have|get|look|check|work|handle)\b)")
# Homophones of dictation: "sole, four fifty five", "we clothes Friday"
HEARD_SOLD = re.compile(r"\bsole(?=[.,!]? (?:\$?[0-9]|one|two|three|four|five|six|seven|eight|nine)\b)")
HEARD_CLOSED = re.compile(r"\b(we|they|i|just|finally) clothes\b")
HEARD_CALL_ME = re.compile(r"^((?:please |pls |can you |could you )?)(?:cole|col|caul|kol|cal|kall) me\b")  # "Cole me"
# "award 8315 to agent number to": "two", heard as "to"
# a pick said as a word ("number three", "agente dos"; "agent to" is dictation's "agent two"): the first five
SPOKEN_NUMBERS = {word: number for word, number in (spoken.ONES | spoken.UNOS).items() if 1 <= number <= 5} | {
    "to": 2, "too": 2}
SPOKEN_CHOICE = re.compile(rf"\b(agent|number|option|agente|numero) ({'|'.join(SPOKEN_NUMBERS)})\b")
HEARD_WORDS = gates.GatedPattern(r"^past on\b|^a w[oa]rd(?= #? ?(?:[0-9]{3,8}\b|(?:zero|oh|one|two|three|four|five|six"
                         r"|seven|eight|nine|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))"
                         r"|(?<=award [0-9]{4} )too\b|^un stop(?=[.!]*$)"
                         r"|^un pause\b|^by(?= #? ?[0-9]{3,8}\b)"
                         r"|^on stop(?=[.!]*$)|^a gree\b"
                         r"|\b(?<=the )in voice\b|(?:^|(?<=please )|(?<=pls )|(?<=can you )|(?<=to ))paws\b"
                         r"|\bin valid$|\bse serro\b|\bfizz ?bo\b|^thumbs up(?: emoji)?$"
                         r"|\bclothing(?= (?:on|dec|nov|jan|date|is|next|this|[0-9]))")
HEARD_AS = {"past on": "pass on", "a word": "award", "a ward": "award", "too": "to", "a gree": "agree",
            "un stop": "unstop", "on stop": "unstop", "in voice": "invoice", "un pause": "unpause", "by": "buy",
            "paws": "pause", "in valid": "invalid", "se serro": "se cerro", "fizz bo": "fsbo", "fizzbo": "fsbo",
            "thumbs up": "ok", "thumbs up emoji": "ok", "clothing": "closing"}
NOT_PLAIN = re.compile(r"[^\x20-\x7e\n]")  # what `_keep` has to look at: controls, accents, emoji, symbols


def _inflected(word: str, target: str) -> bool:
    """A letter more or less at the end is another form of the word, not a slip: "agree" is not "agreed"."""
    return word.startswith(target) or target.startswith(word)


def _slipped(word: str, target: str) -> bool:
    """A swap of neighbours ("pasue") or a doubled letter ("solld") away from `target`, nothing looser."""
    if len(word) == len(target):
        return word != target and sorted(word) == sorted(target) and _one_edit_apart(word, target)
    return len(word) == len(target) + 1 and re.sub(r"(.)\1", r"\1", word) == target


def _one_edit_apart(word: str, target: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns `word` into `target`."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return word == target
    i = next((i for i, (a, b) in enumerate(zip(word, target)) if a != b), min(len(word), len(target)))
    if len(word) == len(target):
        swapped = word[i + 1:i + 2] + word[i:i + 1] == target[i:i + 2] and word[i + 2:] == target[i + 2:]
        return word[i + 1:] == target[i + 1:] or swapped
    longer, shorter = (word, target) if len(word) > len(target) else (target, word)
    return longer[i + 1:] == shorter[i:]


HAILED = re.compile(r"^(?:hey|hi|hello|hola|yo|oye)(?: [a-z]+)?,? (?=(?:can|could|would|will|do|did|is|are) )")
# "The city planning office is closed until Monday, of course.": a shrug at the end of a sentence, no yes
TRAILING_OF_COURSE = re.compile(r"(?<=[a-z0-9]),\s*(?:of course|obviously|naturally)(?=\s*[.!?\n]|\s*$)")


def _clauses(text: str) -> tuple[Clause, ...]:
    parts = (part.strip() for part in CLAUSE_BREAK.split(ASIDE.sub(" ", TRAILING_OF_COURSE.sub("", text))))
    return tuple(Clause(text=_clause_text(part), asks=_asks(part)) for part in parts if part)


def _asks(part: str) -> bool:
    """A clause asks when it has a question mark or opens like a question ("did it close", "what zip"); a tag
    ("..., vale?") or a relative clause (", which is outside my market") does not."""
    text = SPOKEN_FILLER_FIRST.sub("", HAILED.sub("", _clause_text(part)))  # "hey mike can u send the pre-approval
    # letter"; "like are they pre approved or nah", dictated
    if text in phrases.TAG_QUESTIONS:
        return False
    return "?" in part or bool(ASKED_TO_TELL.match(text)) or bool(QUESTION_DICTATED.search(text)) or (
        bool(QUESTION_OPENING.match(text)) and not RELATIVE_CLAUSE.match(text) and not IMPERATIVE_HAVE.match(text)
        and not WHEN_IT_HAPPENED.match(text))


SPOKEN_FILLER_FIRST = re.compile(r"^(?:(?:like|so|um+|uh+|and|ok so|okay so),? )+")
# "When I finally got through, the gentleman told me he never requested a realtor": a time, not a question
WHEN_IT_HAPPENED = re.compile(r"when (?:i|we|he|she|they) (?:finally |first |last )?(?:[a-z]+ed|got|spoke|met|saw"
                              r"|heard|went|came|reached|found|knew|told)\b")


# a question dictated without its mark, after the words that announce it: "quick question I'm walking so voice text
# sorry is the buyer on 4821 pre approved"
QUESTION_DICTATED = re.compile(r"\b(?:question|sorry|btw|also|real quick)\b,? (?:is|are|was|were|did|does|has|have)"
                               r" (?:the|my|our|this|that) (?:buyer|seller|client|lead|referral|house|home|deal"
                               r"|loan)s?\b"
                               # "quick question on that buyer in 78704 like are they pre approved or nah lmk"
                               r"|\bquestion (?:on|about|re) [^.!?]{0,60}\b(?:are|is|do|does|did|has|have)"
                               r" (?:they|he|she"
                               r"|the (?:buyer|seller|client)s?)\b")
ASKED_TO_TELL = re.compile(r"(?:dime|digame|diganme|dinos|tell me|let me know|lmk) (?:si|if|whether)\b")  # "Dime si el
# cliente de la 4410 ya tiene preaprobación": a question put as a request


def _clause_text(part: str) -> str:
    part = ASIDE.sub(" ", part)
    text = re.sub(r"[^a-z0-9$#'/.,:% ]+", " ", part)
    return re.sub(r"\s+", " ", text).strip(" .,:'")


def _words(text: str) -> str:
    """The message without filler words ("please", "now", "thanks"), for keyword-only messages."""
    words = re.findall(r"[a-z0-9']+|\?", text)
    return " ".join(word for word in words if word not in phrases.FILLER_WORDS)


# Checks, in order


def _check_empty(message: Message) -> Reading | None:
    if any(char.isalnum() or char == "?" for char in message.text):
        return None
    return Reading(Unknown("empty"), "empty", 1.0)


def _check_reaction(message: Message) -> Reading | None:
    """iPhone and Android tapbacks quote the message they react to, often our own "Reply YES" offer."""
    opening = message.raw[:REACTION_OPENING]  # "Me gustó “...": the reaction is named before the quote
    plain = _unaccented(opening)
    return Reading(Unknown("reaction"), "reaction", 1.0) if REACTION.match(plain) else None


def _auto_reply(text: str) -> re.Match[str] | None:
    """An auto-reply's words, unless the person who set it disowns them ("La respuesta automática ... ya no aplica")."""
    return None if AUTO_REPLY_DISOWNED.search(text) else AUTO_REPLY.search(text)


def _check_auto_reply(message: Message) -> Reading | None:
    match = _auto_reply(message.text)
    if match and SOMEONE_ELSES_AUTO_REPLY.search(message.text):  # "first one's auto reply says she's out on leave"
        return None
    return Reading(Unknown("auto_reply"), f"auto_reply {match.group()!r}", 1.0) if match else None


SOMEONE_ELSES_AUTO_REPLY = re.compile(r"\b(?:her|his|their|[a-z]+'s|the agent'?s)"
                                      r" (?:auto[- ]?reply|out[- ]of[- ]office)(?: message)? (?:says|said)\b")


def _check_blast(message: Message) -> Reading | None:
    """A text sent to many ("Claim now before it expires: bit.ly/... Reply STOP to opt out", "wiring instructions
    for your closing have changed"): its keywords are the sender's instructions to everyone, none of them ours."""
    blast = BLAST.search(message.text)
    return Reading(Unknown("unrecognised"), f"a text sent to many {blast.group()!r}", 0.3) if blast else None


BLAST = re.compile(r"\b(?:reply|txt|text) stop to (?:opt ?out|quit|end|unsubscribe|cancel)\b|\bstop to (?:quit|end)\b"
                   r"|\bto (?:opt ?out|unsubscribe),? (?:reply|txt|text) stop\b|\bfraud alert\b"  # "To opt out reply
                   # STOP."
                   r"|\byou'?ve been selected\b|\bgift card\b[^.!?]{0,60}\bclaim now\b|\bbit\.ly/"
                   r"|\bmsg (?:&|and) data rates\b|\bwiring instructions\b[^.!?]{0,40}\bchanged\b")


def _check_stop(message: Message) -> Reading | None:
    """The STOP family always wins, in any wording: carriers require it. Not a "stop" that is no command ("don't
    ever stop sending these", "el stop de la esquina", "stop sending me the austin ones, send more in round
    rock"), and not beside words that undo an opt-out ("unstop, I didn't mean to opt out"): that is START."""
    undo = START_OVER_STOP.search(message.text)
    if undo and SLIP_FEARED.search(message.text[max(0, undo.start() - SLIP_FEARED_REACH):undo.start()]):
        undo = None  # "I don't want to accidentally reply STOP and get removed": a slip feared, none made
    if undo and STOP_SAID_LAST.search(message.text) and not START_WORD.search(message.text[undo.start():]):
        undo = None  # "I replied START by accident. I want OUT. STOP": the last word stands
    if undo and message.text.startswith("stop") and WRONG_CHAT.search(message.text) and "start" not in message.text:
        # "STOP — oops wrong chat, that was meant for my brother 😂 ignore": nothing to undo, nothing asked
        return Reading(Unknown("unrecognised"), "an opt-out sent to the wrong chat", 0.3, ("stop",))
    if undo and (ABSENCE_OVER.search(message.text) or PAUSE_MENTIONED.search(message.text)) and not (
            OPT_OUT_SAID.search(message.text)):
        undo = None  # "Ya me recuperé de la cirugía ... Pueden reactivar mi cuenta para volver a recibir referidos", "I
        # paused my referrals last month ... I'm ready to start receiving referrals again": a pause is over
    if undo and ASKED_WHETHER.match(_sentence_around(message.text, undo.start())) and not START_WORD.search(
            message.text, undo.end()):
        # "Did I accidentally unsubscribe? havent gotten a lead in weeks": asked, not undone
        return Reading(Unknown("question"), f"asked whether an opt-out was made {undo.group()!r}", 0.6)
    if undo:
        return Reading(Start(), f"start: an opt-out undone {undo.group()!r}", 1.0)
    laughed = LAUGHED_OFF.match(message.raw)  # "Stop 😂😂 you're gonna make me cry": a laugh, no opt-out
    # "omg STOP 😂😂 $50?? you're killing me. fine. BUY 2961": a laugh, then the answer
    joked = STOP_LAUGHED.search(message.raw) and any(
        _command_key(clause) in OFFER_ANSWERS | {"decline"} for clause in message.clauses)
    match = next((match for match in STOP.finditer(message.text) if _stop_meant(message.text, match)
                  and not (laughed and match.start() == 0) and not joked), None)
    taken_back = _stop_taken_back(message, match) if match else None
    if taken_back == "start":  # "STOP\nwait no, START. hit the wrong one"
        return Reading(Start(), "start: a stop taken back", 1.0)
    if taken_back:  # "STOP\nsorry wrong thread, that was meant for the HOA group chat ... pass on 6120": read on
        return None
    if match and REMINDERS_STOPPED.match(message.text, match.start()) and any(
            _command_key(clause) in REPORTS for clause in message.clauses):
        return None  # "u can stop the reminders, 4821 closed friday at 452,5": the outcome is the news
    if match and _stopped_for_now(message, match):
        # "Please unsubscribe me from new referrals for the time being, I'm starting maternity leave tomorrow"
        return Reading(Pause(), f"a stop for now {match.group()!r}", 0.95)
    until = _stopped_until(message, match) if match else None
    if until and until > message.today:
        # "Please stop sending me leads for 10 days ... Don't remove me though!": a while, not for good
        return Reading(Pause(until=until), f"a stop for a while {match.group()!r}", 0.95)  # type: ignore[union-attr]
    if match:
        return Reading(Stop(), f"stop {match.group()!r}", 1.0)
    if _words(message.text) in phrases.STOP_ONLY_WORDS:
        return Reading(Stop(), "stop word alone", 1.0)
    return None


ASKED_WHETHER = re.compile(r"\s*(?:did|have|has|was|am|is) i\b[^?]*\?")
ABSENCE_OVER = re.compile(r"\b(?:recupere|recuperado|recuperada|cirugia|operacion|vacaciones|recovered|surgery"
                          r"|vacation|maternity|paternity|leave)\b")
OPT_OUT_SAID = re.compile(r"\b(?:stop|unsubscrib\w*|opt(?:ed)? out|baja|suscri\w*|desuscri\w*)\b")
REMINDERS_STOPPED = re.compile(r"stop (?:the |these |those |your )?reminders?\b")


def _stop_taken_back(message: Message, match: re.Match[str]) -> str | None:
    """"start" or "taken back" when a later sentence takes the STOP back ("wrong thread, that was meant for the HOA
    group chat", "wait no, START", "I meant YES on 4821") and says no stop again; None otherwise. A second thought
    that only asks ("Stop. Wait, will I still get paid on my open ones?") takes nothing back."""
    rest = message.text[match.end():]
    marker = RETRACTED.search(rest) or SECOND_THOUGHT.search(rest) or MEANT_ELSEWHERE.search(rest)
    after = rest[marker.end():] if marker else ""
    if marker is None or any(_stop_meant(after, again) and not NOT_JUST_BEFORE.search(after, 0, again.start())
                             for again in STOP.finditer(after)):  # not "actually no not stop, just pause me"
        return None
    if START_WORD.search(after) or KEEP_SENDING.search(after):  # "... meant for the pizza place lol. please keep
        return "start"  # sending me referrals"
    said_otherwise = RETRACTED.search(rest) or MIND_CHANGED_WORDS.search(marker.group() + after) or any(
        _command_key(clause) and not clause.asks for clause in _clauses(after))
    return "taken back" if said_otherwise else None


MEANT_ELSEWHERE = re.compile(r"\b(?:that|this|it) (?:was|wasn'?t) meant for\b"  # "Stop\nugh that was meant for ..."
                             r"|\b(?:that|this) was for (?:my|the|a) [a-z]+\b"  # "sorry that was for my landlord"
                             r"|^for (?:my|the|our|a) (?:[a-z]+ )?(?:chat|thread|group|group chat|team)\b"
                             r"|\b(?:era|fue|iba) (?:para|pa) (?:otro|otra) (?:numero|persona|chat|contacto|grupo)\b")
STOP_SAID_LAST = re.compile(r"[.!?\n] ?(?:stop|unsubscribe)[.! ]*$")
START_WORD = re.compile(r"\b(?:start|unstop)\b")
MIND_CHANGED_WORDS = re.compile(r"\b(?:meant|no|mistake|wrong|sorry|perdon|equivoque|jk|j/k|kidding)\b")
NOT_JUST_BEFORE = re.compile(r"\b(?:not|no|don'?t)\W*$")
WRONG_CHAT = re.compile(r"\bwrong (?:chat|thread|text|convo|conversation|group)\b|\bignore (?:that|this|it)?\W*$")
STOP_LAUGHED = re.compile(r"\bstop(?: it)?\W{0,3}(?:\U0001F602|\U0001F923|\U0001F606|\U0001F605|\U0001F62D)", re.I)
LAUGHED_OFF = re.compile(r"^\W*stop it\b[^\n]{0,80}(?:\U0001F602|\U0001F923|lol\b|lmao\b|haha|jaja)"
                         r"|^\W*stop(?: it)?[\s!.,]*(?:\U0001F602|\U0001F923|\U0001F606|\U0001F605|\U0001F62D"
                         r"|\U0001F480"
                         r"|lol\b|lmao\b|haha|jaja)", re.IGNORECASE)
# "stop sending me leads for 10 days": a sentence about sending, which may say for how long; a bare STOP never does
STOP_SENDING = re.compile(r" (?:sending|texting|messaging|emailing|(?:the |new |any |all )(?:texts|leads|referrals"
                          r"|messages)"
                          r"|(?:me )?from (?:new |the |any )?(?:referrals|leads|offers)"
                          r"|(?:los |mis )?(?:referidos|referencias"
                          r"|leads))\b")  # "dejen de mandarme referidos hasta el lunes"
FOR_A_WHILE = re.compile(r"\b(?:for the time being|for now|temporarily|for a while|for a bit|por ahora|por el momento"
                         r"|por un tiempo|for some time|por unos dias|por unas semanas"
                         r"|temporalmente)\b")


def _stopped_until(message: Message, match: re.Match[str]) -> date | None:
    """The end of a stop said for a while in its own sentence ("stop sending me leads for 10 days"), if any."""
    sentence = _stop_of_sending(message, match, for_a_while=True)
    return dates.parse_until(sentence, message.today) if sentence and "retir" not in message.text else None


def _stopped_for_now(message: Message, match: re.Match[str]) -> bool:
    """A stop of the referrals said for the time being, with no end date (a start date may follow)."""
    sentence = _stop_of_sending(message, match)
    return sentence is not None and FOR_A_WHILE.search(sentence) is not None and not UNTIL_WORDS.search(sentence)


# "Stop for now, out of town till 12/1": a stop said to be for a while, right after its word
STOP_FOR_A_WHILE = re.compile(r"[ ,]*(?:for now|for a (?:bit|while|few (?:days|weeks))|for the time being)\b")


def _stop_of_sending(message: Message, match: re.Match[str], for_a_while: bool = False) -> str | None:
    """The sentence from the stop on, when the stop is of the sending ("stop sending me leads ...", "unsubscribe
    me from new referrals ..."), which may say for how long; None for a stop of everything."""
    if not (STOP_SENDING.match(message.text, match.end()) or (
            for_a_while and STOP_FOR_A_WHILE.match(message.text, match.end()))):  # with its end: "Stop for now,
        return None  # out of town till 12/1"; a bare "stop for now" stays an opt-out
    return re.split(r"[.!?\n]", message.text[match.start():], maxsplit=1)[0]


def _stop_meant(text: str, match: re.Match[str]) -> bool:
    if any(other.start() <= match.start() < other.end() for other in STOP_NOT_A_COMMAND.finditer(text)):
        return False
    if STOP_ASKED_ABOUT.match(_sentence_around(text, match.start())):
        return False  # "Does PAUSE also stop the reminders on the ones I already have?": what a keyword does, asked
    preference = text[match.end():].startswith((" sending", " getting", " receiving"))  # "stop getting Miami ones"
    return not (preference and STOP_AS_PREFERENCE.search(text))


# a question about what happens, not a request ("can you stop texting me?" is one)
STOP_ASKED_ABOUT = re.compile(r"\s*(?:does|do i|if i|will (?:it|that|this|pause)|would (?:it|that|this|pause)"
                              r"|is (?:it|there))\b[^?]*\?"
                              # "¿Puedo darme de baja solo de los correos y seguir recibiendo los textos?"
                              r"|\s*(?:puedo|can i|could i|is it possible to)\b[^?]{0,50}\b(?:solo|only|just)"
                              r" (?:de )?(?:los |the |my )?(?:correos|emails?|textos|texts|mensajes)\b[^?]*\?")


def _check_help(message: Message) -> Reading | None:
    if not HELP.fullmatch(_words(message.text)):
        return None
    thought = SECOND_THOUGHT.search(message.text)
    if thought and any(_command_key(clause) for clause in _clauses(message.text[thought.end():])):
        return None  # "help\nactually just call me, easier": the second word
    if HELP_EXCLAIMED.match(message.text) and any(_command_key(clause) in REPORTS | OFFER_ANSWERS
                                                  for clause in message.clauses[1:]):
        return None  # "Help!! buyer just called, she's going with her cousin": a cry, then the news
    if HELP_EXCLAIMED.match(message.text) and FAMILY_OR_FRIENDS.search(message.text):
        return Reading(Unknown("unrecognised"), "a cry for help to friends", 0.3, ("help",))  # "... borrow a ladder?"
    return Reading(Help(), "help keyword", 1.0)


HELP_EXCLAIMED = re.compile(r"(?:help|ayuda|socorro)(?: me)?(?:[!,]+\s+| *\n\s*)\S")  # "HELP 😩 ...": an emoji


def _check_start(message: Message) -> Reading | None:
    if _words(LEADING_OK.sub("", SLIP_BEFORE_START.sub("", message.text))) in phrases.START_WORDS or START.search(
            message.text):  # "ok START", "oops 👍 START"
        return Reading(Start(), "start keyword", 1.0)
    if START_TYPED.search(message.raw) and any(clause.text in phrases.START_WORDS for clause in message.clauses):
        # "Good evening. ... Please add me back to your list. START. My apologies for the confusion.": the keyword
        # typed as a sentence of its own, among courtesies
        return Reading(Start(), "start keyword as a sentence", 1.0)
    return None


SLIP_BEFORE_START = re.compile(r"^(?:(?:oops|whoops|sorry|my bad|lol)\W+)+(?=(?:ok\W+)?(?:start|unstop)\W*$)")
START_TYPED = re.compile(r"\b(?:START|UNSTOP)\b")


# "don't award it yet, still talking to the seller": the news explains why not, it is no report
CALL_WORD = re.compile(r"\b(?:call|ring|phone|llam|marc|telefon)")
NEGATED_PICK = re.compile(r"\b(?:award|agree|claim|paus\w*|mark)\b")  # "No pausen mi cuenta, sigo trabajando"


AWAY_WORD = re.compile(r"paus|\bleave\b|\bvacation\b|\bhold\b")  # "No longer on maternity leave! Turn my ..."
REASON_AFTER_KEYWORD = re.compile(r"(?:fail|failed|invalid)(?: #? ?[0-9]{3,8})?\b(?![?])")


def _check_negation(message: Message) -> Reading | None:
    """An action word in the negative is no command, unless another part of the message reports progress
    or no sale ("Not sold yet, still looking", "they decided not to sell")."""
    match = NEGATION.search(message.text)
    if not match or REASON_AFTER_KEYWORD.match(message.text):  # "FAIL 8830 never answered a single call": why
        return None
    thought = SECOND_THOUGHT.search(message.text, match.end())
    if thought and any(_command_key(clause) and not clause.asks for clause in _affirmed(_clauses(
            message.text[thought.end():]))):  # "I don't agree to 30%... oh wait it says 25. ok AGREE on 7731"
        return None
    keys = {_command_key(clause) for clause in _affirmed(message.clauses)}
    after = _clauses(message.text[match.end():])
    if any(_a_pick(clause, "award") and _command_key(clause) == "award" for clause in after):
        return None  # "don't award it to agent 1, she never returns calls. give it to 3"
    if any(KEYWORD_FIRST.match(clause.text + ".") for clause in after):
        return None  # "dont charge the old visa, use the amex on file instead. BUY 6120": the keyword said after
    if any(PLEASE_ASKED.match(clause.text) and _command_key(clause) and not NEGATION.search(clause.text)
           for clause in message.clauses):
        return None  # "no quiero comprometerme con clientes nuevos ... Por favor pausen mis referidos hasta el 15"
    if keys & NEGATION_PROOF and not NEGATED_PICK.search(match.group()):
        return None
    if _sale_told_before(message.text[:match.start()]):
        return None  # "el referido 5521 ya se vendió en 275 mil. ... Del otro todavía no sé nada": the other one
    contrast = CONTRAST.search(message.text, match.end())
    if contrast and any(_command_key(clause) == "sold" and DONE_SALE.search(clause.text) for clause in _affirmed(
            _clauses(message.text[contrast.end():]))):
        return None  # "Lakewood one isn't sold yet but the Arvada buyers closed yesterday!! 1.05M": other news after
    if "decline" in keys and PASS_WORD.search(message.text):  # "No, pass. And please don't call me about it"
        return None
    if any(_command_key(clause) == "decline" and not NEGATION.search(clause.text) and not BARE_NO.fullmatch(
            _strip_ref(clause.text)) for clause in _affirmed(_clauses(message.text[:match.start()]))):
        return None  # "Esta vez no, gracias. La licenciada no está tomando compradores nuevos": the pass, then why
    if "resume" in keys and AWAY_WORD.search(match.group()) and not all(
            dates.parse_until(clause.text, message.today) for clause in _affirmed(message.clauses)
            if _command_key(clause) == "resume"):
        # "I'm back, resume sending referrals. No more pausing for me" (not "No need to pause me, I'm back Tuesday
        # anyway": a return to come)
        return None
    if "pause" in keys and "resum" in match.group():  # "don't resume me yet, keep me paused until I'm back on the 3rd"
        return None
    if CALL_WORD.search(match.group()) and keys & (OFFER_ANSWERS | {"decline"}):
        return None  # "No need to call me, just charge the card on file for #4410"
    if "connect" in keys:  # "Don't call me, connect me straight to the client"
        return None
    if "call" in keys and not CALL_WORD.search(match.group()):
        return None  # "llámenme por favor ... porque todavía no entiendo bien cómo funcionan los mensajes"
    first = message.clauses[0]
    accepted = _command_key(first) == "claim" and PERCENT.search(first.text)  # "Acepto el 25% ... todavía no ..."
    if (_command_key(first) in ("award", "agree", "invoice") or accepted) and not NEGATION.search(
            first.text):  # "award 6012 2. #1 hasn't sold anything in Gwinnett"
        return None
    if {_command_key(clause) for clause in message.clauses} & {"status", "help"}:
        return None  # "which of my referrals haven't been closed out yet?" asks all the same
    if any(_command_key(clause) == "sold" and dates.calendar_date_ahead(clause.text, message.today)
           for clause in _affirmed(message.clauses)):
        return None  # "Todavía no se ha vendido, pero ya firmaron contrato y cerramos el 18 de dic": a closing to come
    return Reading(Unknown("negation"), f"negation {match.group()!r}", 1.0, _alternatives(message, None))


def _sale_told_before(before: str) -> bool:
    """A sale of a referral named by its code, told in full sentences before a negation."""
    ended = before.rfind(".") if "." in before else before.rfind("\n")
    return ended > 0 and any(not clause.asks and _command_key(clause) == "sold" and DONE_SALE.search(clause.text)
                             and _typed_codes(clause.text) for clause in _clauses(before[:ended + 1]))


def _check_ack(message: Message) -> Reading | None:
    """"k", "sounds good", 👍: agreement with nothing said. Never an action; the handler may ask to confirm."""
    if len(message.text) > ACK_LONGEST:
        return None
    unsigned = _without_signed_name(message.raw)  # "Ok. Received. Frank"
    text = SIGNED_BY.sub("", message.text if unsigned is message.raw else _normalise(unsigned))  # "- Amy (asst)"
    text = SIGNATURE_BLOCK.sub("", text)  # "Recibido, gracias\n\n— Ana Lucía Paredes\nParedes Realty | Houston"
    words = ACK_SIGN_OFF.sub("", ACK_SIGNED.sub("", ACK_GREETING.sub("", " ".join(re.findall(r"[a-z']+", text)))))
    words = ACK_SLIP.sub("", PASSED_ON.sub("", LATE_SEEN.sub("", words)))  # "Recibido, le aviso a Laura. Gracias",
    # "ok got it, sorry just seeing this"
    words = " ".join(WELL_WISHES.sub(" ", words).split())  # "... Que tengan un excelente domingo"
    if words and ACK.fullmatch(words) and "?" not in message.text:
        return Reading(Unknown("ack"), "bare acknowledgement", 0.5, ("claim", "invoice"))
    return None


def _pause_asked_again(message: Message, told: Clause) -> Clause | None:
    """A clause after the one that tells of an earlier pause that asks for one now, with how long."""
    later = message.clauses[message.clauses.index(told) + 1:] if told in message.clauses else ()
    return next((clause for clause in later if _command_key(clause) == "pause" and not clause.asks and not (
        PAUSE_BEFORE.search(clause.text) or PAUSE_SENT_BEFORE.search(clause.text)) and (
        UNTIL_WORDS.search(clause.text) or PAUSE_LENGTH.search(clause.text))), None)


def _acknowledged_after_a_thought(text: str) -> bool:
    """"Recibido... ah no, espera. Sí, sí, recibido, gracias": with the second thought and the yeses left out, only
    an acknowledgement is said."""
    if SECOND_THOUGHT.search(text) is None:
        return False
    words = re.findall(r"[a-z']+", SECOND_THOUGHT.sub(" ", text))
    said = list(dict.fromkeys(word for word in words if not YES_FIRST.fullmatch(word)))
    return bool(said) and ACK.fullmatch(" ".join(said)) is not None


def _yes_said_more(rest: str) -> bool:
    """Whether the words after a yes claim by themselves ("yes, I'll take it"); not a yes said twice ("yes yes, got
    it, thanks"), which is the same yes."""
    while (again := YES_FIRST.match(rest)) is not None:
        rest = rest[again.end():].strip(" ,.!")
    return bool(rest) and _command_key_of(rest) == "claim"


def _yes_about_something_else(text: str) -> bool:
    """A yes followed by a sentence of its own that says nothing of the offer ("yes, this is still my correct
    email"). A claim needs no more than "yes", but a yes with more words and none of the offer's is likely an
    answer to something else: asked about, never acted on."""
    after_yes = YES_FIRST.sub("", text, count=1)
    if BY_THE_WAY.match(after_yes.lstrip(" .!,")):
        return False  # "YES. And by the way, is the holiday office party still on Friday?": an aside after the yes
    rest = re.findall(r"[a-z']+|[0-9]{3,}", after_yes)
    return len(rest) >= YES_WITH_WORDS and not OFFER_WORDS.search(" ".join(rest))


BY_THE_WAY = re.compile(r"(?:and |also )?(?:by the way|btw|unrelated|side note|on another note|por cierto|otra cosa)\b")


def _without_signed_name(raw: str) -> str:
    """"Ok. Received. Frank" without "Frank"; never a word that says something ("Ok. Pass", "Thanks. Yes")."""
    name = SIGNED_NAME.search(raw)
    if name is None:
        return raw
    word = _normalise(name.group())
    if _command_key_of(word) or BARE_ANSWER.fullmatch(word) or ACK.fullmatch(word) or word in KEYWORDS_ALONE:
        return raw
    return raw[:name.start()]


def _check_command(message: Message) -> Reading | None:
    """The command of the first clause (greetings skipped) that names one; None when none does."""
    clauses = [clause for clause in _affirmed(message.clauses) if _strip_ref(clause.text)]
    while clauses and (GREETING.fullmatch(clauses[0].text) or ABOUT_THIS_CHANNEL.match(clauses[0].text)
                       or HOW_ARE_YOU.fullmatch(clauses[0].text)):
        clauses.pop(0)
    found = _command_clause(clauses)
    if found is None:
        return None
    index, clause, key = found
    index, clause, key = _coded_answer_later(clauses, index, key) or found
    alternatives = _alternatives(message, key)
    if key in ("invalid", "fail") and "pause" in alternatives and PAUSE_REQUEST.search(message.text) and (
            COMPLAINT.search(message.text) or AGAIN.search(message.text)) and not _typed_codes(message.text):
        # "Fake number AGAIN. 3rd one this month. pause my referrals until Dec 15 pls": the venting is why, the pause
        # is the ask
        key, clause, alternatives = _read_as(message, "pause", clause)
    if key == "invalid" and INVALID_TAKEN_BACK.search(message.text) and not INVALID_VERDICT.search(message.text):
        # "Wrong number update on 2915: it was actually the right number ... Showing them 3 houses Tues"
        if "in_progress" not in alternatives:
            return Reading(Unknown("unrecognised"), "a bad lead taken back", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "award" and AGENT_LET_DOWN.search(clause.text) and not any(
            _command_key(other) == "award" for other in message.clauses if other is not clause):
        # "The 2nd agent never called my client back, can you give it to someone else?": a complaint, no pick
        return Reading(Unknown("unrecognised"), "a complaint about an agent, not a pick", 0.3, (key,))
    if key == "in_progress" and COMPLAINT.search(message.text) and not _typed_codes(message.text):
        # "no es por quejarme pero los últimos tres referidos ... fueron un desastre ... esta semana hice 4 showings"
        return Reading(Unknown("unrecognised"), "a complaint, with the agent's own week", 0.3, (key,))
    if key == "sold" and any(_command_key(later) == "no_sale" and NO_SALE_CONCLUDED.match(later.text)
                             for later in message.clauses[message.clauses.index(clause) + 1:]):
        # "the sellers sold to a friend of their nephew's, so no sale there": sold, but not through the agent
        key, clause, alternatives = _read_as(message, "no_sale", clause)
    if key in REPORTS and COUNT_AS_ASKED.search(message.text) and any(c.asks for c in message.clauses):
        # "Quick question before I reply. The buyer did close ... Does that count as SOLD for me or NO SALE?"
        return Reading(Unknown("question"), "asks which outcome it counts as", 0.6, (key, *alternatives))
    if key == "decline" and "resume" in alternatives and DECLINE_FIRST.match(message.text) and not _typed_codes(
            message.text):  # "No, I don't want to stay paused anymore. Turn my referrals back on": the no says why
        key, clause, alternatives = _read_as(message, "resume", clause)
    if key == "decline" and AREA_PREFERENCE.search(message.text) and not (
            DECLINE_FIRST.match(message.text) or _typed_codes(message.text)):
        # "Could you only send me leads in 33156 and 33143 going forward? The Homestead ones are just too far": which
        # leads to send, not this offer passed on
        return Reading(Unknown("unrecognised"), "which leads to send, not an offer passed on", 0.3, (key,))
    if key == "in_progress" and PERSON_PRAISED.search(message.text) and CONTACT_ONLY.search(clause.text) and not any(
            _command_key(other) for other in message.clauses if other is not clause):
        # "spoke w him on the phone yesterday, super nice guy": small talk about the client, no news of the deal
        return Reading(Unknown("unrecognised"), "a chat with the client, no news", 0.3, (key,))
    if key == "status" and HOUSE_AT.search(message.text):
        # "Whats the status on the house at 4821 Maple? still active?": a listing's status, not a referral's
        return Reading(Unknown("question"), "a house's status asked, not a referral's", 0.3, (key,))
    if key in ("call", "connect") and MAYBE_LATER.match(clause.text):
        # "might need you to connect me w the client next week, will let u know": not yet asked
        return Reading(Unknown("hypothetical"), f"a {key} that may be needed", 0.3, (key,))
    if key == "resume" and "claim" in alternatives and _typed_codes(message.text):
        # "Ya volví de vacaciones, la tomo! #3390": back, and taking this one
        key, clause, alternatives = _read_as(message, "claim", clause)
    if key == "resume" and RESUME_LATER.search(message.text):
        # "Back from maternity leave in January, will turn things back on then": a resume to come
        return Reading(Unknown("future"), "a resume to come", 0.3, (key,))
    if key == "in_progress" and (LENDER_WANTED.search(message.text) or CALL_ASKED_OF_THE_AGENT.search(message.text)):
        # "Can you connect me with a lender? buyer on 4821 needs preapproval", "my buyer on 2915 asked me to call her
        # tomorrow about the inspection": a favour asked, or the agent's own call to make, no news of the deal
        return Reading(Unknown("unrecognised"), "a lender wanted or a call to make", 0.3, (key,))
    if key == "in_progress" and PLAN_IN_DOUBT.search(message.text):
        # "not under contract yet on 3019, they're still deciding if the move is even happening": no plan to report
        return Reading(Unknown("hypothetical"), "the move itself in doubt", 0.3, (key,))
    if key == "in_progress" and any(later.asks and _names(later, "status") for later in clauses[index + 1:]):
        # "I've been working with them on and off but my CRM got wiped. Where does referral 3921 stand on your
        # end?": the story is why the agent asks
        key, clause, alternatives = _read_as(message, "status", clause)
    if key in REPORTS and SENT_EARLIER.match(clause.text) and any(other.asks for other in message.clauses):
        # "Sent the disconnected number info yesterday, did u get it?": what was sent, asked about
        return Reading(Unknown("question"), "something sent earlier, asked about", 0.3, (key,))
    if key == "in_progress" and "invalid" in alternatives and INVALID_VERDICT.search(message.text):
        # "after speaking with the 'client' it turns out he is a loan officer ... This is not a real client": how it
        # was found, then the verdict
        key, clause, alternatives = _read_as(message, "invalid", clause)
    decided = _answer_after_confusion(message, clause) if key == "help" else None
    if decided:  # "La verdad no sé bien cómo funciona esto pero esta vez paso. NO": unsure how, sure what
        key, clause, alternatives = _read_as(message, decided, clause)
    signed = _keyword_said_last(message)
    if key in REPORTS and signed in REPORTS and signed != key and not REPORT_KEYWORD.fullmatch(_strip_ref(clause.text)):
        # "They're not buying a home, they want 40 acres of ag land ... Returning this one, FAIL.": the story
        # reads as one outcome, the keyword the agent signs it with is the one they chose
        key, clause, alternatives = _read_as(message, signed, message.clauses[-1])
    if key == "fail" and "decline" in alternatives and not (EXPLICIT_FAIL.search(message.text)
                                                             or GIVEN_BACK.search(message.text)):
        # "Not a fit for my business, pass": an offer passed on, not a referral failed
        key, alternatives = "decline", tuple(alt for alt in alternatives if alt != "decline") + ("fail",)
        clause = next(clause for clause in message.clauses if _command_key(clause) == "decline")
    news_after_no = key == "in_progress" and clause is not message.clauses[0]  # "no I haven't sold it yet but we're
    # under contract, closing Dec 15": the no answers the reminder, the news follows
    if key == "decline" and "in_progress" in alternatives and NO_TO_A_QUESTION.match(message.text) and not (
            news_after_no):  # "No, Tuesday works better for the showing. Re 2915 - still in progress, ..."
        key, clause, alternatives = _read_as(message, "in_progress", clause)
        news_after_no = True
    if NO_TO_A_QUESTION.match(message.text) and "anymore" not in message.text and "any more" not in message.text and (
            not news_after_no):
        return Reading(Unknown("unrecognised"), "a no that answers a question of ours", 0.3, (key,))
    if key == "decline" and not THEIR_LEAD.search(message.text) and not _long_ago(message) and (
            _fail_reason(message.text) == "unresponsive" or (
            "fail" in alternatives and (EXPLICIT_FAIL.search(message.text) or SENT_BACK.search(message.text)
                                        or RELEASED.search(message.text)))):
        # "Called 6 times, nothing in three weeks. Give #8124 to somebody else": a won referral given back
        # "well outside my market ... not the right fit, so I'm giving it back. FAIL": the referral is failed
        key, clause, alternatives = _read_as(message, "fail", clause)
    if key == "in_progress" and NO_MOVEMENT.search(message.text) and HYPOTHETICAL.search(message.text):
        # "Not much movement yet. They're waiting until after the holidays ... I'll probably close something in the
        # spring": no news, and a guess
        return Reading(Unknown("hypothetical"), "no movement, only a guess", 0.3, (key, *alternatives))
    if key in REPORTS and NOT_SURE_WHICH.search(message.text) and any(
            c.asks and _names(c, "help") for c in message.clauses):
        # "I was about to reply NO SALE but I'm not sure that's the right one — the client is still looking ... Can
        # you tell me all the options I can reply with?": the question is what is asked
        return Reading(Help(), "help: asked beside news", 0.6, (key, *alternatives))
    picked = next((c for c in message.clauses if _command_key(c) == "award" and _a_pick(c, "award")), None) if (
        key in REPORTS and "award" in alternatives) else None
    if picked is not None:
        # "No, not that one. The first guy never returned my call. Go with the second agent on the list please."
        key, clause, alternatives = "award", picked, _alternatives(message, "award")
    if key in REPORTS and "claim" in alternatives and ROOM_NOW.search(message.text):
        # "My Round Rock buyer just fell through so I have room after all. YES, I'll take it": the news is why
        key, clause, alternatives = _read_as(message, "claim", clause)
    if key == "decline" and "no_sale" in alternatives and not PASS_WORD.search(message.text):
        # "Nope, not happening on 5048. Buyers went with a different agent": a no about a referral held
        key, clause, alternatives = _read_as(message, "no_sale", clause)
    if key == "no_sale" and "fail" in alternatives and LOSS_BEFORE_SILENCE.search(clause.text) and (
            GIVEN_BACK.search(message.text) or EXPLICIT_FAIL.search(message.text)):
        # "Client never answered after the inspection fell through. ... Giving it back": the silence is the news
        key, clause, alternatives = _read_as(message, "fail", clause)
    if key == "fail" and MEANT_NO.search(message.text):
        # "sorry I hit YES on 5190 by mistake, meant NO!! pls pass it to someone else": the offer passed on
        key, clause, alternatives = _read_as(message, "decline", clause)
    if key == "in_progress" and "decline" in alternatives and GIVEN_BACK.search(message.text):
        # "Talked to him on the phone, he wants a horse property ... please give it to someone else": given back
        key, clause, alternatives = _read_as(message, "fail", clause)
    if key == "claim" and "decline" in alternatives and YES_FIRST.match(message.text) and CHANGED_MIND.search(
            message.text):  # "Yes!! — actually hold on, just saw it's in Round Rock ... Pass, sorry": the second word
        key, clause, alternatives = _read_as(message, "decline", clause)
    if key == "decline" and "claim" in alternatives and DECLINE_FIRST.match(message.text) and CHANGED_MIND.search(
            message.text):  # "Paso\nNo espera, sí la quiero! La #4821 es mía": the second word
        key, clause, alternatives = _read_as(message, "claim", clause)
    coded = _coded_command(message, clause) if key in ("fail", "no_sale", "invalid") else None
    if coded in OFFER_ANSWERS and PREVIOUS_LEAD.search(clause.text) and not _typed_codes(clause.text):
        # "the last one I bought the buyer ghosted me ... so fine go ahead and charge my card for 7214"
        key, clause, alternatives = _read_as(message, coded, clause)
    heard_back = next((alt for alt in ("sold", "in_progress") if alt in alternatives), None) if (
        key == "fail" and HEARD_BACK.search(message.text)) else None
    if heard_back:
        # "she ghosted me for 3 wks ... BUT as I'm typing this she literally just texted back ... still working it",
        # "This client ghosted me from June through August ... She resurfaced in September ... we closed on Friday"
        key, clause, alternatives = _read_as(message, heard_back, clause)
    bought = next((alt for alt in ("invoice", "claim") if alt in alternatives), None)
    if key == "decline" and bought and PASS_GIVEN_UP.search(message.text):
        # "ugh I was going to pass but I'll take it", "No, no la paso 😂 la compro": the pass is the one not taken
        key, clause, alternatives = _read_as(message, bought, clause)
    changed = _mind_changed(message, key, clause)
    if changed in SECOND_THOUGHT_READINGS:
        reason, rule = SECOND_THOUGHT_READINGS[changed]
        return Reading(Unknown(reason), rule, 0.3, (key, *alternatives))
    if changed is not None:  # "PAUSE\nwait no I meant unpause": the second word
        key, clause, alternatives = _read_as(message, changed, clause)
    if key == "sold" and dates.calendar_date_ahead(clause.text, message.today):
        # "ya firmaron contrato y cerramos el 18 de diciembre": a month and day still to come, so progress
        if "in_progress" not in alternatives:
            blocked = _guard(message, key)
            return blocked or Reading(BUILDERS["in_progress"](message, clause), "in_progress: a closing to come", 0.8,
                                      (key, *alternatives))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
        changed = key
    if key == "sold" and "in_progress" in alternatives and _closing_ahead(message, clause):
        # "Sold! well... accepted offer lol. closing 12/10 on 7205": a closing still to come
        key, clause, alternatives = _read_as(message, "in_progress", clause)
        changed = key
    if key == "sold" and (SALE_DENIED.search(message.text) or SOLD_ISH.search(message.text)):
        # "SOLD!! well... accepted offer, not closed yet lol", "Más o menos vendida jaja 😅 ya firmamos contrato"
        if "in_progress" not in alternatives:
            return Reading(Unknown("unrecognised"), "a sale said and then denied", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
        changed = key  # the sale said first is no final outcome
    if key in REPORTS and TWO_ANNOUNCED.search(message.text) and len(_coded_reports(message)) > 1:
        # "Quick update on two of mine: #6120 closed Friday at $389,500. #6127 is still looking": different news of
        # two referrals, announced as such, which one reading cannot carry
        return Reading(Unknown("unrecognised"), "news of two referrals", 0.3, (key,))
    if key in REPORTS and CODES_LISTED.search(message.text) and any(
            clause.asks and _command_key(clause) == "help" for clause in message.clauses):
        # "I have two referrals with you (#2305 and #2311) — one closed and the other fell through. How do I report
        # each one?": the question is what is asked
        return Reading(Help(), "help asked about the referrals told", 0.8, (key,))
    if key in ("claim", "decline") and _answers_two_offers(message):
        return Reading(Unknown("unrecognised"), "a yes and a no on two codes", 0.3, ("claim", "decline"))
    retraction_answered = _command_after_retraction(message)
    if retraction_answered is not None and retraction_answered != key:
        # "Sí\nPerdón, me equivoqué de chat. Paso en la 3307, no es mi zona": the answer after the slip
        key, clause, alternatives = _read_as(message, retraction_answered, clause)
    if key == "no_sale" and "fail" in alternatives and SENT_BACK.search(message.text):
        # "After their contract fell through, my clients want acreage ... I'm giving this referral back": the story
        # first, the referral given back
        key, clause, alternatives = _read_as(message, "fail", clause)
    if key == "claim" and "connect" in alternatives and RECEIVED.search(message.text):
        # "Recibí el referido 60214 y me interesa mucho ... Por favor conéctenme por teléfono con ella": already theirs
        key, clause, alternatives = _read_as(message, "connect", clause)
    marked = MARK_ASKED.search(message.text) if key in REPORTS else None
    asked = _command_key_of(_strip_ref(marked.group())) if marked else None
    if asked in ("no_sale", "invalid", "fail") and asked != key:  # "mark it closed" may close the file: no sale
        # "... They went under contract with him and closed Thursday ... you can mark it as no sale": the ask
        key, clause, alternatives = _read_as(message, asked, clause)
    if key == "claim" and "invoice" in alternatives:  # "Count me in, please bill me for it": a purchase
        key, clause, alternatives = _read_as(message, "invoice", clause)
    if key == "decline" and PERCENT.search(message.text) and not (PASS_WORD.search(message.text)
                                                                  or NO_TO_A_CODE.match(message.text)):
        return Reading(Unknown("unrecognised"), "the fee refused, not the offer", 0.3, ("decline", "agree"))
    if key == "agree" and AGREE_OPINION.search(message.text) and not (PERCENT.search(message.text)
                                                                      or FEE_WORD.search(message.text)):
        return Reading(Unknown("unrecognised"), "an opinion agreed with, not the fee", 0.3, (key, *alternatives))
    if key == "agree" and _they_agreed(message):
        # "Buyer on 5511 just agreed to terms, we're under contract!": the client's deal, not our fee
        if "in_progress" not in alternatives:
            return Reading(Unknown("unrecognised"), "someone else agreed", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "invoice" and OTHER_TERMS.search(message.text):
        # "Would it be possible to buy this one and pay at closing instead of the $50 up front?": other terms asked
        return Reading(Unknown("unrecognised"), "a purchase on other terms", 0.3, (key, *alternatives))
    if key == "agree" and COUNTER_OFFER.search(message.text) and not _counter_taken_back(message):
        # "I agree it's a good lead but 30% is too much. 20 and we have a deal": a counter-offer, for the operator
        return Reading(Unknown("unrecognised"), "a counter-offer, not the fee agreed", 0.3, (key, *alternatives))
    stated = ASKED_SENTENCE.sub(" ", message.text)  # "Sí, la tomo. Oye y la comisión es 25 o 30%?": the fee asked
    # "YES! I'll take #4822, 25% fee is fine": the claim with its code, the fee remarked on after it
    claimed_first = bool(_typed_codes(clause.text)) and not any(
        PERCENT.search(each.text) for each in clauses[:index + 1])
    if key == "claim" and (PERCENT.search(stated) or FEE_FINE.search(message.text) or "agree" in alternatives
                           ) and not YES_TO_SOMETHING_ELSE.search(message.text) and not claimed_first:
        # "ok fine, 35% it is. I'm in", "fee's fine, count me in": the fee agreed
        if COUNTER_OFFER.search(message.text):  # "acepto pero al 20%, el 25 es mucho": a counter-offer
            return Reading(Unknown("unrecognised"), "a counter-offer, not the fee agreed", 0.3, ("agree", key))
        key, alternatives = "agree", _alternatives(message, "agree")
    if key == "pause" and PAUSED_ELSEWHERE.search(message.text) and (
            not PAUSE_OURS.search(message.text) or KEEP_SENDING.search(message.text)):
        # "Had to pause my Zillow ads till January": another pause; "... BUT 3390 closed yesterday!!": the news
        instead = next((alt for alt in alternatives if alt in GUARDED_ACTIONS), None)
        if instead is None:
            return Reading(Unknown("unrecognised"), "a pause of something else", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, instead, clause)
    if key == "pause" and TIME_CLAUSE.match(clause.text):
        # "Before I go on leave, could you tell me which referrals I still have open?": when, not what
        instead = next((alt for alt in alternatives if alt != "pause"), None)
        ask_said = ASKED_AFTER_THE_TIME.search(clause.text) if instead is None else None
        main = replace(clause, text=clause.text[ask_said.start():]) if ask_said else None
        if main is not None and _command_key(main) in ("status", "help", "call", "connect", "pause"):
            # "Before I go on leave could you send me a list of the referrals I still have open?": one clause
            key, clause, alternatives = _command_key(main) or key, main, _alternatives(message, _command_key(main))
        elif instead is None:
            return Reading(Unknown("unrecognised"), "an absence that only sets the time", 0.3, (key, *alternatives))
        else:
            key, clause, alternatives = _read_as(message, instead, clause)
    if key == "pause" and KEEP_SENDING.search(message.text) and not PAUSE_REQUEST.search(message.text):
        # "estoy de vacaciones pero sigan mandando 😎": away, and still wants them
        return Reading(Unknown("unrecognised"), "an absence with offers still wanted", 0.3, (key, *alternatives))
    if key == "pause" and (PAUSE_SENT_BEFORE.search(message.text) or (
            PAUSE_BEFORE.search(clause.text) and "resume" not in alternatives
            and not PAUSE_CHANGED.search(clause.text))):
        # "I texted PAUSE on Friday but I'm still getting new leads. Did it go through?": a question about it; "A few
        # weeks ago I asked you to hold my referrals while ...": a story (the ask may follow in another paragraph)
        asked_again = _pause_asked_again(message, clause)
        if asked_again is None:
            return Reading(Unknown("unrecognised"), "a pause asked before", 0.3, (key, *alternatives))
        clause = asked_again  # "I texted PAUSE but still getting leads 🙄 pause me for 2 weeks pls": asked again
    if key == "pause" and (PAST_ABSENCE.search(clause.text) or (
            PAST_ABSENCE.search(message.text) and not PAUSE_REQUEST.search(message.text))):
        # "Was on vacation last week, sorry for the slow reply on 4821. Showing them 3 houses Tuesday": over
        instead = next((alt for alt in alternatives if alt in GUARDED_ACTIONS | {"resume"}), None)
        if instead is None:
            return Reading(Unknown("unrecognised"), "an absence that is over", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, instead, clause)
    if key == "pause" and not PAUSE_REQUEST.search(message.text):
        # "Heading out on vacation tomorrow so award 6012 to agent 2 pls": the absence explains the command
        explicit = next((alt for alt in EXPLICIT_BESIDE_AN_ABSENCE if alt in alternatives or _names(clause, alt)), None)
        if explicit is not None:
            key, clause, alternatives = _read_as(message, explicit, clause)
    if key == "in_progress" and "agree" in alternatives and not _they_agreed(message):
        # "the client is already pre-approved ... Consider this my formal acceptance": the news is the reason
        key, clause, alternatives = _read_as(message, "agree", clause)
    if key == "in_progress" and YES_FIRST.match(message.text) and SCHEDULE_WORKS.search(message.text):
        # "Yes, Tuesday 10am works for the inspection": a yes to a time, for whoever asked it
        return Reading(Unknown("unrecognised"), "a yes to a time", 0.3, (key, *alternatives))
    if key == "in_progress" and YES_ABOUT_THE_CLIENT.match(message.text):
        # "yes, the buyers are still looking in Frisco": a yes to a question we never asked ("I'm working with them"
        # is the agent's own news)
        return Reading(Unknown("unrecognised"), "a yes that answers another question", 0.3, (key, *alternatives))
    if key == "fail" and STILL_TRYING.search(message.text) and not (EXPLICIT_FAIL.search(message.text)
                                                                  or GIVEN_BACK.search(message.text)):
        # "I haven't been able to reach the buyer since Tuesday but I'll keep trying this week": no giving up
        return Reading(Unknown("unrecognised"), "silence, still being worked", 0.3, (key, *alternatives))
    if key == "fail" and "connect" in alternatives and not (EXPLICIT_FAIL.search(message.text)
                                                            or GIVEN_BACK.search(message.text)):
        # "El cliente no contesta números que no conoce ... Conéctenme por teléfono con él": the way to reach them
        key, clause, alternatives = _read_as(message, "connect", clause)
    if key == "no_sale" and NO_SALE_YET.search(clause.text):
        # "No sale yet, waiting on the appraisal, closing is set for Dec 11": not yet is no outcome
        if "in_progress" not in alternatives:
            return Reading(Unknown("negation"), "no sale yet", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "claim" and "in_progress" in alternatives and YES_STILL.match(clause.text):
        # "yes still on it, under contract, closing Dec 18": a yes to "how is it going?"
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    ours = _ours_after_theirs(message, clause) if key in REPORTS else None
    if ours:  # "my other buyer closed at 500 but #3391 is still looking": someone else's news, then ours
        key, clause, alternatives = _read_as(message, ours, clause)
    if key == "pause" and _claims_a_code(message):
        # "I'm on vacation next week but I'll take #6120, my team can show while I'm out": the claim
        key, clause, alternatives = _read_as(message, "claim", clause)
    if key == "pause" and STILL_SEND.search(message.text):
        # "Estoy de vacaciones hasta el 30 pero igual me pueden mandar referidos, tengo el cel": no pause asked
        return Reading(Unknown("unrecognised"), "away, but still taking referrals", 0.3, (key, *alternatives))
    if key == "claim" and "decline" in alternatives and DECLINE_FIRST.match(message.text) and YES_I_KNOW.search(
            message.text):  # "NO. Yes I know, I never say no, but rentals aren't my thing"
        key, clause, alternatives = _read_as(message, "decline", clause)
    if key == "claim" and "decline" in alternatives and YES_TO_SOMETHING_ELSE.match(message.text):
        # "Yes I saw it but I'm gonna pass, slammed w/ closings": the yes is to having seen it
        key, clause, alternatives = _read_as(message, "decline", clause)
    if key == "claim" and CLAIMED_BEFORE.search(clause.text):
        # "Claimed 4410 last week and never got the contact info. Someone call me": a claim told, not made
        instead = next((alt for alt in alternatives if alt != "claim"), None)
        if instead is None:
            return Reading(Unknown("unrecognised"), "a claim made before", 0.3, (key, *alternatives))
        key, clause, alternatives = _read_as(message, instead, clause)
    uncoded_news = key == "in_progress" and not (clause.asks or ANY_REF.search(clause.text))
    coded = _coded_command(message, clause) if uncoded_news else None
    if coded is not None:
        # "una inspección que salió fatal ... así que paso con la 4410": the story, then the answer about the code
        key, clause, alternatives = _read_as(message, coded, clause)
    asked_call = _asked_call(message, clause) if uncoded_news or (key == "help" and not clause.asks) else None
    if asked_call is not None:
        # "She's in the middle of a divorce and the ex is on the pre-approval ... Please have someone from your
        # office call me": the story, then what they ask for
        key, clause, alternatives = _read_as(message, asked_call, clause)
    if key in REPORTS and QUESTION_ABOUT.match(message.text) and any(other.asks for other in message.clauses):
        # "Hey, question about 8127. ... the buyer wants to start touring this week. Can I pass on it ...?"
        return Reading(Unknown("question"), f"a question about {key} news", 0.6, (key, *alternatives))
    if key in REPORTS and not ANY_REF.search(clause.text) and _claims_a_code(message) and not CLAIMED_BEFORE.search(
            message.text):  # not "Claimed 3307 Friday but turns out it's raw land ... giving it back"
        # "a buyer of mine just fell through so my Saturday is wide open. Yes, I'll take 4821": the claim
        key, clause, alternatives = _read_as(message, "claim", clause)
    last = LAST_KEYWORD.search(message.text) if key in REPORTS else None
    if last and SAID_LAST[last["keyword"]] != key:
        # "Had a great experience with the last paid one, closed in 40 days. BUY", "... she's not moving anywhere.
        # INVALID.": the keyword said on its own at the end is the answer
        key, clause, alternatives = _read_as(message, SAID_LAST[last["keyword"]], clause)
    if key == "decline" and "call" in _affirmed_keys(message) and not CALL_ME_WHEN.search(message.text):
        # "no puedo contestar por texto, llámame" (not "llámenme cuando tengan algo en Hialeah")
        key, clause, alternatives = _read_as(message, "call", clause)
    if key == "pause" and "decline" in _affirmed_keys(message) and not PAUSE_REQUEST.search(message.text):
        # "On vacation this week so I can't take it": the absence explains a no to this offer
        key, clause, alternatives = _read_as(message, "decline", clause)
    if key == "decline" and "pause" in alternatives and PAUSE_REQUEST.search(message.text):
        # "won't be able to take new referrals, please pause them until Jan 6": a pause says more
        key, clause, alternatives = _read_as(message, "pause", clause)
    if key == "sold" and SHOWN_AS_SOLD.search(clause.text):
        # "2718 shows as sold on your site but it's not, we're still waiting on the loan": our record, not a sale
        if clause.asks and _names(clause, "status"):  # "can you tell me whether 2915 shows as closed on your end?"
            return Reading(BUILDERS["status"](message, clause), "status: our record asked about", 0.6, ("sold",))
        if "in_progress" not in alternatives:
            return Reading(Unknown("unrecognised"), "a sale in our records, not reported", 0.3, ("sold",))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "in_progress" and not clause.asks and key not in (retraction_answered, changed, heard_back):
        # news, then the outcome: "appraisal came in low ... cancelled" (not an outcome sent before "wrong thread")
        outcome = _final_outcome(message)
        if outcome:
            key, clause, alternatives = _read_as(message, outcome, clause)
    recovered = _recovered(message, clause) if key == "no_sale" and LOST_DEAL.search(clause.text) else None
    if recovered is not None:
        # "first buyer walked but the backup stepped up, closing set for Dec 18", "#4417 fell apart in Oct ... but
        # the buyers came back w a new lender and we closed Friday at 389,500": one deal lost, then the news
        key, clause, alternatives = _read_as(message, recovered, clause)
    if key == "no_sale" and FELL_APART.search(clause.text) and BACK_LOOKING.search(message.text):
        # "the 389k deal fell apart on inspection but we're back out touring Sat": one house lost, not the client
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    pause_said = _clause_with(message, "pause") if key == "in_progress" and "pause" in alternatives else ""
    if PAUSE_REQUEST.search(pause_said) and not HYPOTHETICAL.search(pause_said):
        # "Nothing to report yet, still looking. Separately, please hold new referrals for 2 weeks": the ask
        key, clause, alternatives = _read_as(message, "pause", clause)
    if key in REPORTS and key != "in_progress" and JOKING.search(message.text) and "in_progress" in alternatives:
        # "SOLD!! ...jk not yet. inspection is Tuesday": the joke taken back, the news left
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "status" and clause.text.strip(" :") == "status" and index + 1 < len(clauses) and (
            _command_key(clauses[index + 1]) in REPORTS):
        # "Status: under contract, closing 12/18 #2915": the word labels the news that follows
        index, clause = index + 1, clauses[index + 1]
        key, alternatives = _command_key(clause) or key, _alternatives(message, _command_key(clause))
    told_back = next((alt for alt in alternatives if alt in REPORTS | {"connect", "call", "invoice", "award"}),
                     None) if key == "resume" and not RESUME_ASKED.search(message.text) else None
    if told_back:  # "Back in the office today and went through my leads. On #7204 the email bounced ..."
        key, clause, alternatives = _read_as(message, told_back, clause)
    if key == "no_sale" and "in_progress" in alternatives and RELISTING.search(message.text):
        # "back on market, buyers financing fell apart. relisting thursday at 529": the sale fell, the listing goes on
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "resume" and _claims_a_code(message):
        # "YES! Just got back from vacation, I'll take 7740": the return explains the claim
        key, clause, alternatives = _read_as(message, "claim", clause)
    ask = next((alt for alt in ("pause", "resume") if alt in alternatives), None) if key == "sold" else None
    if ask and _unspecific_sale(message, clause, ask):
        # "Closed my last one, taking December off. Pause referrals until Jan 4 please": the ask, with its reason
        key, clause, alternatives = _read_as(message, ask, clause)
    if key == "sold" and SOLD_TO_ANOTHER.search(clause.text):
        # "the house they wanted sold for 480k to another buyer, we got outbid. still out looking": not theirs
        if "in_progress" not in alternatives:
            return Reading(Unknown("unrecognised"), "a home sold to someone else", 0.3, ("sold",))
        key, clause, alternatives = _read_as(message, "in_progress", clause)
    if key == "pause" and "resume" in alternatives and PAUSE_BEFORE.search(_clause_with(message, "pause")):
        # "I asked you to pause my referrals last week but ... Please turn them back on": the ask is the return
        key, clause, alternatives = _read_as(message, "resume", clause)
    if key == "resume" and "pause" in alternatives and dates.parse_until(message.text, message.today) and not (
            PAUSE_BEFORE.search(message.text)) and changed != "resume":  # not "Pausa hasta enero.. no, olvídenlo"
        # "Back on Dec 14. Pause my leads": a pause with its end date, not a return
        key, alternatives = "pause", tuple(alt for alt in alternatives if alt != "pause") + ("resume",)
    if clause.asks and key not in ("status", "help") and not (
            key in ("pause", "resume") and ASKED_OF_US.match(clause.text)):
        # "Can u check what's still active under my name": a question that also asks what the agent has (not "can you
        # pause my referrals?", which names them to pause them)
        asked_for = next((wanted for wanted in ("status", "help") if _names(clause, wanted)), None)
        if asked_for:
            key, alternatives = asked_for, _alternatives(message, asked_for)
    later = _later_keyword(clauses, index) if clause.asks else None
    informative = ("status", "help")  # "how is PAUSE different from STOP? I don't want to lose my open referrals"
    if later is not None and key in ("call", "connect") and later[2] in informative and not later[1].asks:
        later = None  # "Can someone give me a ring? I have questions about a couple of my open referrals": why
    if later is not None and key in informative and EXAMPLES_LISTED.search(message.text):
        later = None  # "Could you send over a list of the reply commands your system accepts (claim, pass, etc.)?"
    if later is not None and not (key in informative and later[2] in informative):
        # "is the fee paid at closing or after funding? Anyway AGREE on 7731"
        index, clause, key = later
        alternatives = _alternatives(message, key)
    if clause.asks and (key not in ("status", "help") or WHY.search(clause.text)) and not _requested(clause.text, key):
        return Reading(Unknown("question"), f"question naming {key}", 0.6, (key, *alternatives))
    told = key in ("pause", "resume") and not (PLAIN_COMMAND.match(clause.text) or HYPOTHETICAL.search(clause.text))
    if told and any(later.asks and _names(later, "help") for later in clauses[index + 1:]):
        # "I'm going on maternity leave in January. How do I put my account on hold ...?": news, then how to
        return Reading(Help(), f"help: asks how to {key}", 0.6, (key, *alternatives))
    status_after = next((later for later in clauses[index + 1:] if later.asks and _names(later, "status")), None)
    if told and status_after is not None:
        # "I just returned from medical leave. Could you tell me which referrals I still have open?": the question
        return Reading(BUILDERS["status"](message, status_after), f"status: asked after {key} news", 0.6,
                       (key, *alternatives))
    if key in GUARDED_ACTIONS and _asked_about_after(clauses[index + 1:], key):
        # "going on vacation 12/20-1/2, can I pause then?": the news, then a question whether to do it
        return Reading(Unknown("question"), f"asks whether to {key}", 0.6, (key, *alternatives))
    guarded = _guard(message, key)
    if guarded is not None and guarded.intent == Unknown("third_party"):
        # "Just closed on my own house ... pls pause referrals until Nov 30": the agent's news, then the ask
        for other in alternatives:
            if _guard(message, other) is None and (other in GUARDED_ACTIONS or (
                    other == "resume" and RESUME_ASKED.search(message.text))):
                key, clause, alternatives = _read_as(message, other, clause)
                guarded = None
                break
    blocked_news = guarded is not None and guarded.intent == Unknown("third_party")
    question = next(((c, asked_key) for c in message.clauses for asked_key in ("status", "help")
                     if c.asks and _names(c, asked_key) and (asked_key == "status" or blocked_news)),
                    None) if guarded else None
    if question is not None:  # "... a relocation that I think already closed ... Can you send me a list of which
        # referrals I still have open?", "Yo vendí mi condo ... ¿Cómo funciona lo de los referidos pagados?": the
        # blocked news leaves the question
        (clause, key), guarded = question, None
        alternatives = _alternatives(message, key)
    if guarded is not None:
        return guarded
    claims = [c for c in _affirmed(message.clauses) if _command_key(c) == "claim" and (
        not YES_FIRST.match(LEAD_WORD.sub("", c.text))
        or _yes_said_more(YES_FIRST.sub("", LEAD_WORD.sub("", c.text)).strip(" ,.!")))]
    unhailed = HELLO_BY_NAME.sub("", message.text)  # "Hola Ana, sí, mañana te llamo": the yes is Ana's
    answered_else = YES_TO_SOMETHING_ELSE.search(unhailed) or YES_TO_SOMETHING_ELSE.search(message.text) or (
        YES_TO_SOMETHING_ELSE.match(LEAD_WORD.sub("", clause.text)))  # "... Anyway yes I got the email with the fee
    # agreement, haven't had a chance to read it": after a story
    call = (_asked_call(message, clause) or _passed_after(message, clause)) if (
        key == "claim" and not claims and answered_else) else None
    if call is not None:  # "yes I got the email about the new fee structure. can someone call me today?"
        key, clause, alternatives = _read_as(message, call, clause)
        return _guard(message, key) or Reading(BUILDERS[key](message, clause),
                                               f"{key}: asked after a yes to something else", 0.8, alternatives)
    if key == "claim" and not claims and answered_else:  # "Hi, yes I got the 1099"
        # "Yes, I got the email. I'll look at it tonight": no clause but the yes itself claims
        return Reading(Unknown("likely"), "a yes that answers something else", 0.3, ("claim",))
    if key == "claim" and not claims and any(clause.asks and _command_key(clause) == "help"
                                             for clause in message.clauses[1:]):
        # "YES\nsorry, what does that even do? what am I supposed to reply to these msgs"
        return Reading(Help(), "help asked after a yes", 0.6, ("claim",))
    news = next((c for c in _affirmed(message.clauses[1:]) if _command_key(c) in ("no_sale", "invalid")), None) if (
        key == "claim" and not claims) else None
    if news is not None and (answered_else or _yes_about_something_else(unhailed)):
        # "Yes I followed up. They decided to keep renting another year": the yes answers whether, the news follows
        key, clause, alternatives = _read_as(message, _command_key(news) or key, news)
        return _guard(message, key) or Reading(BUILDERS[key](message, clause),
                                               f"{key}: told after a yes to something else", 0.8, alternatives)
    if key == "claim" and not claims and _acknowledged_after_a_thought(message.text):
        return Reading(Unknown("ack"), "an acknowledgement, said again after a second thought", 0.3, ("claim",))
    if key == "claim" and not claims and _yes_about_something_else(unhailed):
        # "sí, la casa es de 3 cuartos y 2 baños": a yes, then a sentence that never mentions the offer
        return Reading(Unknown("likely"), "a yes beside words about something else", 0.3, ("claim",))
    if key in ("claim", "decline") and YES_AND_NO.search(_strip_ref(clause.text)):
        return Reading(Unknown("unrecognised"), "yes and no together", 0.0, ("claim", "decline"))
    if key == "resume" and (_future(clause.text) or not any(_command_key(each) == key for each in _clauses(
            _without_benign_conditions(message.text)))):
        # "back in the saddle after the holidays, will let you know when to start sending again": a return promised
        return Reading(Unknown("future"), "a return only promised", 0.3, (key,))
    score = 0.95 if index == 0 else 0.8
    return Reading(BUILDERS[key](message, clause), f"{key}: {_matched_phrase(clause, key)}", score, alternatives)


CLIENT_DESCRIBED = re.compile(r"\b(?:s?he'?s|s?he is|they'?re|they are|shes|hes) (?:pre-?approved|approved)"
                              r" (?:for|up to) [^.!?]{0,20}\b(?:and|but) (?:wants?|needs?|likes?|is looking for"
                              r"|only wants)\b")
NO_NEWS_OF_OURS = re.compile(
    r"\b(?:no (?:real |new )?(?:update|news)|nothing (?:new |much )?to report|nada nuevo)(?: to report)?(?: yet)?"
    r" (?:on|about|with|sobre|de|con) (?:#?[0-9]{4,5}\b|(?:the |your |this |la |el |los )?(?:referrals?|referidos?"
    r"|one you sent)\b)")


def _guard(message: Message, key: str) -> Reading | None:
    """The action guard: a state-changing command said as a hypothetical ("yes but only if ...", "I might need
    to pause") or about someone else ("heard the Smiths sold") is no command. Zero unasked actions matters
    more than reading every real one: a missed command costs the agent one more text."""
    if key not in GUARDED_ACTIONS:
        return None
    retracted = RETRACTED.search(LAST_ONE_RETRACTED.sub(" ", message.text)) and not _corrected_price(
        message.text) and not (ANSWERED_AFTER_ALL.search(message.text)
                                                        or _command_after_retraction(message) == key)
    complaint = COMPLAINT.search(message.text) and not (key == "decline" and _said_by_keyword(message, key)) and not (
        key in REPORTS and REPORT_KEYWORD.fullmatch(_strip_ref(message.clauses[0].text))) and not (
        _first_command_coded(message, key)) and not (  # "INVALID. number
        # is disconnected ... do you guys verify ANYTHING?? 2nd one this month"
        key == "fail" and (EXPLICIT_FAIL.search(message.text) or SENT_BACK.search(message.text))) and not (
        key == "pause" and PAUSE_REQUEST.search(message.text))  # "¿quién revisa
    # estos referidos? ... Devuelvo el 8123, no es para mí": the referral is given back all the same
    if retracted or complaint or (SARCASM.search(message.raw) and key != "decline"):  # "oh great another one in the
        # middle of nowhere 🙄 pass on 4821": the sarcasm says why
        return Reading(Unknown("unrecognised"), "taken back", 0.3, (key,))
    if key == "invalid" and NOT_AN_AGENT.search(message.text):
        # "Número equivocado, no soy agente de bienes raíces": our text reached a stranger, no lead was bad
        return Reading(Unknown("unrecognised"), "a stranger our text reached", 0.3, (key,))
    if key in REPORTS and UNRELATED_FIRST.match(message.text) and not _typed_codes(message.text):
        # "Totally unrelated but my neighbor just bought with a Redfin agent": said to be about something else
        return Reading(Unknown("third_party"), "said to be unrelated", 0.3, (key,))
    if key == "award" and UNDECIDED.search(message.text):
        # "Agent 2 texted me directly saying she'd take it, but I haven't decided who to award it to yet"
        return Reading(Unknown("unrecognised"), "no pick made yet", 0.3, (key,))
    if key == "in_progress" and STATE_FORECAST.fullmatch(_strip_ref(_clause_with(message, key))) and sum(
            _command_key(clause) == key for clause in message.clauses) == 1:
        # "should be pending by next week fingers crossed": a state hoped for, no progress told
        return Reading(Unknown("future"), "a state forecast", 0.3, (key,))
    if key == "in_progress" and NO_NEWS_OF_OURS.search(message.text):
        # "I have two buyers under contract ... Nothing new to report on the referrals you sent me yet": the agent's
        # own deals; of ours, no news
        return Reading(Unknown("unrecognised"), "no news of the referral", 0.3, (key,))
    if key == "in_progress" and CLIENT_DESCRIBED.search(_clause_with(message, key)):
        # "shes preapproved for 500 and wants a pool": who the client is, no news of the deal
        return Reading(Unknown("unrecognised"), "the client described", 0.3, (key,))
    if key == "decline" and CANDIDATE_TURNED_DOWN.match(message.text):
        # "nope not agent 2, he's my brother in law lol": one of the candidates turned down, no pick and no pass
        return Reading(Unknown("unrecognised"), "a candidate turned down", 0.3, (key,))
    if key in ("claim", "award") and NONE_CHOSEN.search(message.text):
        # "Ninguno me convence, gracias. Me la quedo yo": the candidates turned down, the referral kept; the operator
        # decides
        return Reading(Unknown("unrecognised"), "none of the candidates chosen", 0.3, (key,))
    if key == "claim" and MIA_HAILED.match(message.raw) and any(clause.asks for clause in message.clauses[1:]):
        # "Mia - is 78745 your side of town? tell me before I answer": a colleague called by name, not "mía"
        return Reading(Unknown("unrecognised"), "a colleague named Mia asked", 0.3, (key,))
    called = CALLED_BY_NAME.match(message.raw) if key in ("call", "connect") else None
    if called and called.group(1).lower() not in NOT_A_NAME and not _command_key_of(called.group(1).lower()):
        return Reading(Unknown("unrecognised"), "a call asked of someone by name", 0.3, (key,))  # "Mike, ... Call me."
    if key == "pause" and FRIENDS_PLANS.search(message.text):
        # "Guys I'm out of town till Dec 1 so count me out for poker this week": an absence told to friends
        return Reading(Unknown("unrecognised"), "an absence told to friends", 0.3, (key,))
    if key == "pause" and ANSWER_WHEN_BACK.search(message.text) and not PAUSE_REQUEST.search(message.text):
        # "Estoy de vacaciones hasta el lunes, le contesto sobre el 7710 cuando regrese": an absence told with a
        # promise to answer, the way an out-of-office is; no hold asked
        return Reading(Unknown("unrecognised"), "an absence told with an answer to come", 0.3, (key,))
    if key == "pause" and ASSISTANT_COVERING.search(message.text):
        # "I'm out on vacation this week, so my assistant Brenda (cc'd) is keeping an eye on my inbox": an absence
        # covered, told like an out-of-office; no hold asked
        return Reading(Unknown("unrecognised"), "an absence someone covers", 0.3, (key,))
    if key == "call" and CALL_SOMEONE_ELSE.search(message.text):
        # "Please call my assistant Jenna at 305-555-0192 for scheduling": a number for someone else's calls
        return Reading(Unknown("unrecognised"), "a call asked for someone else", 0.3, (key,))
    if key == "call" and NAMED_GREETING.match(message.raw) and TEAM_BUSINESS.search(message.text):
        # "Hi Deb, can you call me when you get a chance re: the Hendricks listing? I need the lockbox code too":
        # a colleague asked about the agent's own business
        return Reading(Unknown("unrecognised"), "a call asked of a colleague", 0.3, (key,))
    if key in WRONG_RECIPIENT_GUARDED and (WRONG_RECIPIENT.search(message.text) or _asks_a_named_person(
            message)) and not (TEAM_COPIED.search(message.text) and _typed_codes(message.text)):
        # not "SOLD 1.2M on #8802 🎉🎉 cc'ing the team - great work everyone": written to us, the team copied
        return Reading(Unknown("unrecognised"), "meant for someone else", 0.3, (key,))
    if key in WRONG_RECIPIENT_GUARDED and FAMILY_OR_FRIENDS.search(message.text) and not _typed_codes(message.text):
        # "Yes I'll take it! Tell your mom thanks for the couch", "Help!! anyone have a ladder I can borrow?"
        return Reading(Unknown("unrecognised"), "meant for family or friends", 0.3, (key,))
    if key == "invalid" and REFUND_ASKED.search(message.text) and COMPLAINT_OPENED.search(message.text):
        # "I'm writing to complain that I was charged $50 for #7025 and the lead was a duplicate ... I would like a
        # refund": a complaint for the operator, who decides the refund
        return Reading(Unknown("unrecognised"), "a refund asked in a complaint", 0.3, (key,))
    if key == "invalid" and REFUND_FOLLOW_UP.search(message.text):
        # "I was told the $50 for 2218 would be refunded since it was a duplicate. It still hasn't hit my card."
        return Reading(Unknown("unrecognised"), "a refund asked after", 0.3, (key,))
    if key in ("invalid", "fail") and THEIR_LEAD.search(message.text):
        return Reading(Unknown("third_party"), "someone else's lead", 0.3, (key,))
    if key in REPORTS and MARKETING.search(message.text):
        # "JUST SOLD! 1142 Lakeview Dr ... Thinking of selling? Call me for a free home valuation!": a blast
        return Reading(Unknown("third_party"), "the agent's own marketing", 0.3, (key,))
    if key in REPORTS and NOT_ABOUT_THE_REFERRAL.search(message.text) and not _ours_said_first(
            message, key, NOT_ABOUT_THE_REFERRAL, code_beside=True):  # not "... not the referral 😂 5874 is looking"
        # "Mi colega vendió una casa ... no es mi referido", "... fell apart. Nothing to do with the referral"
        return Reading(Unknown("third_party"), "news said to be about something else", 0.3, (key,))
    own = OWN_BUSINESS.search(message.text) if key in REPORTS else None
    named = bool(REFERRAL_NAMED.search(message.text))  # "the Nguyens (our referral) closed Thursday"
    if own and (DISCLAIMED.match(own.group()) or not _own_business_after(message, key, own)) and not any(
            _names(clause, key) and (named or _typed_codes(clause.text)) and not OWN_BUSINESS.search(clause.text)
            for clause in message.clauses):  # "Sold 3390 for 389k and my own listing on Pine sold too"
        # "Just SOLD my Maple St listing for 615k!!", "my closing on the Brickell condo (my own listing)"
        return Reading(Unknown("third_party"), f"the agent's own business {own.group()!r}", 0.3, (key,))
    if key in REPORTS and THEIR_DEAL.search(message.text) and not _ours_said_first(
            message, key, THEIR_DEAL, code_beside=True) and not _no_sale_signed(message, key):
        return Reading(Unknown("third_party"), "someone else's deal", 0.3, (key,))
    # "Under contract on 7012! Closing Dec 18 if the appraisal comes in": news now
    said = _without_benign_conditions(_clause_with(message, key) if key == "in_progress" else message.text)
    if said != message.text and not any(_command_key(clause) == key for clause in _clauses(said)):
        # "I'll let you know once it's sold": the command is only in the promise
        return Reading(Unknown("future"), f"{key} only in a promise of news", 0.3, (key,))
    if key in ("call", "connect"):  # "give me a call? I have questions about the fee if a deal ends up dual"
        said = _without_benign_conditions(_clause_with(message, key))
    marked = MARK_ASKED.search(message.text) if key in REPORTS else None
    if marked:  # "they'd rather stay put and maybe refinance ... please mark it as no sale": the ask is plain
        said = _without_benign_conditions(next((c.text for c in message.clauses if MARK_ASKED.search(c.text)), said))
    if message.clauses and message.clauses[0].asks and HOW_IT_WORKS.match(message.clauses[0].text):
        # "Si contesto NO me sacan de la lista o solo paso esta? Bueno, NO a la 3307": the if is in how it works,
        # asked; the answer said after it is plain
        said = " ".join(clause.text for clause in _clauses(said) if not clause.asks) or said
    thought = SECOND_THOUGHT.search(said)
    if thought and any(_command_key(clause) == key for clause in _clauses(said[thought.end():])):
        said = said[thought.end():]  # "YES lol jk, Pflugerville is too far. pass": a doubt before the mind changed
    last = LAST_KEYWORD.search(said)
    if last and SAID_LAST[last["keyword"]] == key and GIVEN_IN.search(said[:last.start() + 1]):
        said = last.group()  # "Not sure about 25% tbh... eh ok fine. AGREE": the doubt given up, the keyword said last
    if key == "award" and PICK_OR_PICK.search(_strip_ref(message.text)):
        return Reading(Unknown("hypothetical"), "two picks, neither chosen", 0.3, (key,))  # "agent 2... or 3?"
    alone = KEYWORD_FIRST.match(message.text)
    if alone and CONDITION_NEXT.match(message.text, alone.end()):  # "pass... unless it's a condo?": a condition
        alone = None
    hypothetical = _hedge(alone.group() if alone and not JOKING.search(said) else said, key)
    if hypothetical and any(clause.asks and _command_key(clause) == "help" and HOW_TO_ASKED.search(clause.text)
                            for clause in message.clauses):
        # "thinking of taking a break over Christmas — what do I reply to pause?": how to, asked
        return Reading(Help(), f"help: asked beside a plan {hypothetical.group()!r}", 0.6, (key,))
    if hypothetical:
        return Reading(Unknown("hypothetical"), f"hypothetical {hypothetical.group()!r} naming {key}", 0.3, (key,))
    qualified = (QUALIFIED_YES.search(message.text) or NEXT_ONE.search(message.text)) if key == "claim" else None
    if qualified:
        return Reading(Unknown("hypothetical"), f"a yes with a condition {qualified.group()!r}", 0.3, (key,))
    own_clause = _clause_with(message, key) if key == "invoice" else said
    tense_said = _sale_said(message, said) if key == "sold" else own_clause
    future = _future(tense_said) if key in FUTURE_GUARDED else None  # "... the last one closed at 301k in September"
    if future and key == "pause" and not FUTURE_TIME.search(said):
        future = None  # "Going to pause my referrals for two weeks": from now, not later
    ask = _clause_with(message, key) if future and key == "pause" else ""
    if ask and PLAIN_COMMAND.match(ask) and not FUTURE_TIME.search(ask) and dates.parse_until(ask, message.today):
        future = None  # "Pause for 6 weeks — baby #2 due next week": the ask has its own end; the rest is why
    if future:
        return Reading(Unknown("future"), f"in the future {future!r} naming {key}", 0.3, (key,))
    if key == "pause" and THEIR_ABSENCE.search(_clause_with(message, key)) and not OWN_PAUSE_ASKED.search(message.text):
        # not "My wife is due any day now so I'd like to pause new referrals until 12/14": the agent asks
        return Reading(Unknown("third_party"), "someone else's absence", 0.3, (key,))
    third_party = NOT_OURS.search(ASIDE.sub(" ", message.text)) if key in THIRD_PARTY_GUARDED else None
    third_party = None if third_party and _ours_beside_theirs(message, key) else third_party
    third_party = None if third_party and key == "invoice" and BILLED_TO_ME.search(
        _clause_with(message, key)) and not NOT_OURS.search(_clause_with(message, key)) else third_party  # "I was at
    # my daughter's recital so I only saw it this morning ... so please send me the invoice for the seller lead"
    third_party = None if third_party and key in REPORTS and _ours_said_first(message, key) else third_party
    if third_party and key in REPORTS and _own_business_after(message, key, third_party):
        third_party = None  # "Closed on Thursday at $1.15M. ... My own listing on Harbor Dr is still sitting though"
    if third_party and key == "no_sale" and CLIENTS_SUBJECT.match(_clause_with(message, key) + " "):
        third_party = None  # "The sellers decided to go FSBO after their neighbor sold his place on his own"
    if third_party and key == "no_sale" and (NO_SALE_FIRST.match(message.text) or _no_sale_signed(message, key)
                                             or BOUGHT_FROM_SOMEONE.search(message.text)):
        third_party = None  # "no sale they bought fsbo off a neighbor": who they bought from is part of the news
    if third_party and key == "claim" and not any(_their_claim(clause) for clause in message.clauses):
        third_party = None  # "YES I'll take it! right after my daughter's recital", "Sí, la tomo 🙌 mi hija vive ..."
    if third_party and key == "claim" and IN_MY_NAME.search(message.text):
        third_party = None  # "YES! my teammate Jess will do the first showing but put it under my name"
    if third_party and key in OFFER_ANSWERS and CONSULTED.search(message.text):
        third_party = None  # "lo hablé con mi socia y sí la queremos": the partner asked, the answer is ours
    if third_party and SET_APART.search(message.text):
        third_party = None  # "Sí, la tomo. Mi cuñada también está vendiendo su casa ... pero eso es aparte"
    if third_party and key == "invoice" and KEYWORD_FIRST.match(message.text):
        third_party = None  # "BUY\none more thing, can u send the invoice to my broker's email instead of mine?"
    third_party = third_party or (TRACK_RECORD.search(message.text) if key == "sold" else None)
    # "my teammate ... her client on 5512 went with a different brokerage. She'll reply herself on Monday"
    third_party = third_party or (THEY_WILL_ANSWER.search(message.text) if key in REPORTS else None)
    third_party = third_party or (COLLEAGUES_LEAD.search(message.text) if key == "invalid" else None)
    if third_party and key == "sold" and (freed := CONTINGENCY_GONE.search(message.text)):
        # "Their old house sold so the contingency on #5530 is gone": the clients' own sale frees their purchase
        clause = next((each for each in message.clauses if freed.group() in each.text), message.clauses[0])
        return Reading(BUILDERS["in_progress"](message, clause), "in_progress: a contingency gone", 0.8, (key,))
    if third_party:
        return Reading(Unknown("third_party"), f"someone else's news {third_party.group()!r}", 0.3, (key,))
    long_ago = _long_ago(message) if key in THIRD_PARTY_GUARDED - {"claim", "invoice"} | {"no_sale"} else None
    if long_ago and not _news_of_now_beside(message, key, long_ago) and not _typed_codes(
            _clause_with(message, key)) and _keyword_said_last(message) != key and not (
            long_ago.startswith("back in ") and (_referral_named(message) or _typed_codes(message.text) or (
                key == "no_sale" and DECLINE_FIRST.match(message.text)))):
        # not "Sold 2915 back in March for $389,500": the referral named beside its sale; nor "They bought with
        # another agent back in October, sorry. no sale": the outcome signed with its keyword; nor "referral #60214
        # is done. The Whitfields offered $615,000 back in October, ... recorded on November 18 at $606,000"
        return Reading(Unknown("third_party"), f"long ago {long_ago!r}", 0.3, (key,))
    if key == "in_progress" and SALE_DENIED.search(message.text) and STILL_SHOPPING.search(
            _clause_with(message, key)) and NEWS_LATER.search(message.text):
        return Reading(Unknown("unrecognised"), "not yet, nothing to tell", 0.3, (key,))
    if key == "in_progress" and LOSS_FORESEEN.search(message.text):
        # "5520 is probably gonna fall thru, theyre talking to her cousin who's an agent": a loss guessed at
        return Reading(Unknown("hypothetical"), "a loss guessed at", 0.3, (key,))
    if key == "in_progress" and PROBABLE_CLOSING.search(message.text):
        # "I'll probably close on 3120 next month, fingers crossed on the appraisal": a guess about what comes
        return Reading(Unknown("hypothetical"), "a closing guessed at", 0.3, (key,))
    if key == "in_progress" and CONSIDERING_THE_OFFER.search(message.text):
        return Reading(Unknown("unrecognised"), "the offer still being looked at", 0.3, (key,))
    if key == "in_progress" and OPENS_UNSURE.match(message.text):
        return Reading(Unknown("hypothetical"), "unsure where it is heading", 0.3, (key,))
    if key == "in_progress" and _own_hesitation(message):
        return Reading(Unknown("hypothetical"), "the agent still deciding", 0.3, (key,))
    planned = _clause_with(message, key) if key == "in_progress" else ""
    if (PLANNED_PROGRESS.search(planned) or PLANNED.search(planned)) and DEFERRED_UPDATE.search(message.text):
        return Reading(Unknown("future"), f"a plan, the update still to come {planned!r}", 0.3, (key,))
    return None


@lru_cache(maxsize=4096)
def _without_benign_conditions(text: str) -> str:
    """Memoised: the guard asks it of the same text for each command a message names, and the pattern is long."""
    return BENIGN_CONDITION.sub(" ", text)


# "my colleague Jen got a fake lead from you guys too": someone else's bad lead, told in passing
COLLEAGUES_LEAD = re.compile(r"\b(?:my|our) (?:colleague|coworker|co-worker|buddy|friend|teammate|partner)(?: [a-z]+)?"
                             r" (?:got|had|received|gets) (?:a|one|two|some|the same)(?: [a-z]+)? (?:fake|bad|bogus"
                             r"|dead|junk)\b")
LOSS_FORESEEN = re.compile(r"\b(?:probably|prob|prolly|likely|might|may) (?:gonna |going to |will )?(?:walk|walk away"
                           r"|back out|pull out|end up"
                           r" (?:renting|staying|walking|buying (?:with|elsewhere)|going with)\b|fall (?:thru"
                           r"|through|apart)|die|not (?:happen|close|go through))\b")
PAID_WHEN_IT_COMES = re.compile(r"as soon as (?:it|the invoice|the bill|that) (?:hits|arrives|comes|lands|gets)\b")
BACK_SOONER = re.compile(r"[^.!?\n]{0,40}\b(?:reach out|be back|come back|check in|text you|get back|start again"
                         r"|resume|return) (?:sooner|earlier)\b")
FALLBACK = re.compile(r"if (?:that|it|the card|this|that card) (?:doesn'?t|does not|won'?t|will not|can'?t|fails"
                      r"|didn'?t)(?: work| go through)?\b|si (?:no (?:funciona|pasa|sale)|eso no funciona)\b")
OUT_OF_REACH = re.compile(r"(?:prolly|probably|prob|maybe|might|may|i doubt i'?ll) (?:not |won'?t |wont |will not )?"
                          r"(?:be able to )?(?:check|see|look at|answer|have|be (?:reachable|around|online|on))\b")


def _hedge_set_aside(said: str, hedge: re.Match[str], key: str) -> bool:
    """Whether a hedge word is about something else than whether the command is meant."""
    at = hedge.start()
    return any((
        _conceded(said, hedge, key),
        key == "no_sale" and _client_someday(said, hedge),
        # "Before I say yes can you patch me through to the client?": the call is what comes before the decision
        key in ("call", "connect") and bool(BEFORE_DECIDING.match(hedge.group())),
        # "hold new referrals for 2 wks, on vacay w/ the fam and prolly won't check my phone": why, not whether
        key == "pause" and bool(OUT_OF_REACH.match(said, at)),
        # "Please pause my referrals for 2 weeks. If recovery goes well I might reach out sooner": the end, not whether
        key == "pause" and bool(BACK_SOONER.match(said, at)),
        bool(FALLBACK.match(said, at)),  # "charge the card on file, or if that doesn't work ..."
        # "hold my leads for 2 weeks before I claim something in my sleep lol": when, not whether
        key == "pause" and hedge.group().startswith("before "),
        key == "decline" and hedge.group() == "i wish",  # "Man I wish I could, honestly. ... pass"
        said.startswith(" for the best", hedge.end()),  # "... there won't be a sale. Probably for the best"
        key == "no_sale" and bool(SOMEDAY_PLAN.match(said, hedge.end())),  # "NO SALE 6641 - ... maybe buy in 2028"
        # "Decidieron rentar otro año, no van a comprar. Tal vez en 2027 pero por ahora nada": a someday of its own
        key == "no_sale" and bool(SOMEDAY.match(said, hedge.end())) and said.endswith((". ", "! "), 0, hedge.start()),
        said.endswith("even ", 0, at),  # "25% works for me, agreed. Even if it lands at 1.1M that's fair"
        key == "invoice" and bool(PAID_WHEN_IT_COMES.match(said, at)),  # "I'll pay it as soon as it hits my inbox"
        said.endswith("after ", 0, at),  # "After thinking it over I'd like to purchase referral 90412": done
    ))


KEYWORD_SENTENCE = re.compile(r"(?:^|[.!] )(?:buy|agree|agreed|claim|yes|pass)[.!]")  # "Take my $50. BUY. If ..."


def _hedge(said: str, key: str) -> re.Match[str] | None:
    """The first hedge or condition that can govern the command: one in a sentence of the command's own, one
    that opens its sentence ("Yes. Only if it's in Kendall"), or one in a short sentence. A hedge in the middle of
    another sentence of its own is about something else ("he's not the one who hears about it if it goes
    sideways. ok decided: award 6012 to agent 3", "I tried without the area code in case it was a typo"), when
    the command is said outright (a code or more than a bare yes), and so is one in a question asked after it."""
    hedges = [hedge for hedge in HYPOTHETICAL.finditer(said) if not _hedge_set_aside(said, hedge, key)]
    sentences = [(match.start(), match.end()) for match in SENTENCE.finditer(said)]
    if not hedges or len(sentences) < 2:
        return hedges[0] if hedges else None
    outright = next((end for start, end in sentences if _said_outright(said[start:end], key)), None)
    if outright is None:
        return hedges[0]
    for hedge in hedges:
        start, end = next(span for span in sentences if span[0] <= hedge.start() < span[1])
        if start >= outright and IF_OPENING.match(hedge.group()) and said[start:end].rstrip().endswith(
                "?") and _command_key_of(said[start:end]) != key:
            continue  # "award 6012 to #2, she answered first. if she flakes can I switch later?": a what-if asked
        arranged = SIDE_ARRANGEMENT.search(said[start:end]) and not OTHERWISE.search(said[start:end])
        # "charge the card on file for #6120. If this one turns out like the last paid lead I'm framing the invoice",
        # "Take my $50. BUY. If this one's another tire kicker ...": a joke about what may come, beside a command
        # said with its code or as a keyword of its own
        coded = bool(_typed_codes(said[:outright]) or KEYWORD_SENTENCE.search(said[:outright]))
        if start >= outright and OTHER_OFFER.fullmatch(said[start:hedge.start()].strip(" ,.!")) and not any(
                _command_key(clause) == key for clause in _clauses(said[start:end])):
            continue  # "La 9104 no va, compraron por su cuenta sin agente. La otra todavía no sé": the other one
        if start >= outright and IF_OPENING.match(hedge.group()) and coded and key == "invoice" and (
                CARD_FALLBACK.search(said[start:end])):
            continue  # "charge the card on file for 6620 ... If the card on file has expired, send the invoice to
            # billing@": how to pay if the card fails, the purchase stands
        if start >= outright and IF_OPENING.match(hedge.group()) and (arranged or coded) and not any(
                _command_key(clause) for clause in _clauses(said[start:end])):
            continue  # "charge the card on file for 7240. If it's still the old Amex, let me know": an arrangement
        conceded = CONCESSION.search(said, hedge.end(), end) and _typed_codes(said[end:outright])
        if start < outright and (RESOLVED.match(said, end) or conceded) and not any(
                _command_key(clause) == key for clause in _clauses(said[start:end])):
            continue  # "torn between 1 and 2 honestly... ok go with agent 2. AWARD 6012 2", "Not sure yet whether paid
            # leads are worth it, but this one's in my farm area. Go ahead and charge my card for 6630": settled first
        outcome = OWN_CONSEQUENCE.search(said, hedge.end(), end)
        consequence = said[outcome.start():end] if outcome else ""
        if start < outright and HEDGE_OPENING.match(said[start:hedge.start()]) and IF_OPENING.match(hedge.group()) and (
                outcome) and not any(_command_key(clause) for clause in _clauses(consequence)) and (
                _command_key_of(said[outcome.end():end].strip(" .,!")) is None) and not STOP.search(consequence):
            continue  # "If I don't take a break I'm going to lose it. Please hold new referrals for 2 weeks", "Si no
            # fuera tan buena la zona ni lo pensaba jaja. Cóbrame la 4410": an if with its own outcome, then the ask
        opening = HEDGE_OPENING.match(said[start:hedge.start()]) is not None and not AGENTS_OWN_PLAN.match(
            hedge.group())
        short = len(said[start:end].split()) <= HEDGED_SENTENCE_WORDS and not (
            key in REPORTS and AGENTS_OWN_PLAN.match(hedge.group()))  # "2915 closed ... might take December off"
        if any(_command_key(clause) == key for clause in _clauses(said[start:end])):
            return hedge
        if (opening or short) and not _doubt_about_something_else(said[hedge.end():end], hedge, key):
            return hedge
    return None


def _client_someday(said: str, hedge: re.Match[str]) -> bool:
    """A maybe the client said about years to come, after they gave up: "they decided to rent another year, they
    said maybe in 2028", "me dijo que tal vez en 2028". The no-sale itself is not in doubt."""
    return bool(SAID_BEFORE.search(said, 0, hedge.start())) and bool(SOMEDAY.match(said, hedge.end()))


SAID_BEFORE = re.compile(r"\b(?:said|says|told (?:me|us)|mentioned|(?:me |nos )?dijo(?: que)?"
                         r"|(?:me |nos )?dijeron(?: que)?|comento(?: que)?)(?: that)? $")
SOMEDAY = re.compile(r" (?:in |en (?:el )?)?(?:20\d\d|next year|a (?:year|couple (?:of )?years)|a few years"
                     r"|the (?:spring|summer|fall)|el (?:ano|año) que viene|el proximo ano|unos anos|un par de anos)\b")


SOMEDAY_PLAN = re.compile(r" (?:buy|sell|move|look|try)(?: again| later)?" + SOMEDAY.pattern)


def _conceded(said: str, hedge: re.Match[str], key: str) -> bool:
    """A doubt given up later in its sentence: "not sure how I'll fit it in this week but YES, I'll take 4821",
    "No sé si me va a dar tiempo pero sí, la tomo" (not "yes but only if ...": that hedge comes after the but)."""
    rest = SENTENCE.match(said, hedge.end())
    conceded = CONCESSION.search(rest.group()) if rest else None
    if rest is None or conceded is None:
        return False
    after = rest.group()[conceded.end():]
    return not HYPOTHETICAL.search(after) and any(_command_key(clause) == key for clause in _clauses(after))


def _doubt_about_something_else(rest: str, hedge: re.Match[str], key: str) -> bool:
    """A sentence of its own opened by a doubt about someone or something else, beside a command said outright:
    "AWARD 6012 2. not sure either is perfect", "Devuelvo el 9123 ... Quizás alguien más lo pueda atender"; a
    decline is never made conditional by a doubt ("Esta vez no, gracias. Tal vez en enero tenga más tiempo")."""
    if OTHER_OFFER.match(rest.strip()):
        return True  # "No on 5512, I don't do condos. Still thinking about the other one"
    if not UNSURE.fullmatch(hedge.group()):
        return False
    return key == "decline" or bool(SOMEONE_ELSE.match(rest.strip()))


OTHER_OFFER = re.compile(r"(?:about |on |over |de |sobre )?(?:the |la |el )?(?:other|otr[ao])(?: one| referral| lead"
                         r"| offer"
                         r"| referido| referencia)?\b")


def _said_outright(sentence: str, key: str) -> bool:
    """Whether a sentence asks for `key` with a code or in more than a bare yes."""
    clauses = [clause for clause in _clauses(sentence) if _command_key(clause) == key]
    return bool(clauses) and (bool(_typed_codes(sentence)) or any(
        not BARE_ANSWER.fullmatch(_strip_ref(clause.text)) for clause in clauses))


SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")  # "... if it goes sideways. ok decided: award 6012 to agent 3"
SLIP_FEARED = re.compile(r"\b(?:(?:don'?t|do not|never) want to|so (?:that )?i (?:don'?t|do not|never)|to avoid"
                         r"|worried|afraid(?! i (?:replied|hit|sent|texted|typed|pressed|accidentally)\b| i ?$)"
                         r"|scared|if i"
                         r"|in case i|no quiero|para no|por si)\b"
                         r"[^.!?\n]*$")  # not "I'm afraid I replied STOP ... by mistake": a slip owned, made
SLIP_FEARED_REACH = 40
# What an if-sentence after a command arranges besides it: "If the card bounces, let me know and I'll send another"
SIDE_ARRANGEMENT = re.compile(r"\b(?:let me know|lmk|tell me|text me|email me"
                              r"|i'?ll (?:send|update|give|get you|text|email"
                              r"|write|be writing|swap|switch)|(?:avisame|avisenme|me avisan|le mando|les mando))\b")
CARD_FALLBACK = re.compile(r"\b(?:card|tarjeta)\b[^.!?]{0,30}\b(?:expired|declined|bounces?|bounced|fails?|failed"
                           r"|doesn'?t work|vencid[ao]|rechaz\w*)\b")
OTHERWISE = re.compile(r"\b(?:otherwise|or else|if not|else|pass|forget it|no deal|count me out|si no|de lo contrario"
                       r"|paso|cancel|don'?t charge|no me cobren)\b")
IF_OPENING = re.compile(r"(?:what )?if\b|si\b|in case\b")
OWN_CONSEQUENCE = re.compile(r"\b(?:i'?m (?:going to|gonna)|i'?d|i would|i wouldn'?t|i won'?t|ni|no lo)\b")
RESOLVED = re.compile(r"\W*(?:ok|okay|alright|fine|decided|ok decided|final answer|after thinking)\b")
HEDGE_OPENING = re.compile(r"^\W*(?:(?:but|and|only|just|y|pero|solo|ok|okay|well)\W+){0,3}$")
# "SOLD 4821 $452,500!! ... might take a few days off after thanksgiving": the agent's own plan, said without "I"
AGENTS_OWN_PLAN = re.compile(r"might|may|would|thinking|thought|hop|plan|consider")
EXAMPLES_LISTED = re.compile(r"\([a-z ]+(?:, ?[a-z ]+)+(?:,? etc\.?)?\)|\b(?:like|such as"
                             r"|e\.?g\.?) [a-z]+(?:, ?[a-z]+)+")
HOW_TO_ASKED = re.compile(r"\b(?:what (?:do|should|would) i (?:reply|text|send|type|say|write|answer)"
                          r"|what am i supposed to (?:reply|text|send|type|say|write|answer)|what are the options"
                          r"|how (?:do|can"
                          r"|would|should) i\b|que (?:respondo|contesto|mando|escribo|pongo)\b|como (?:le )?hago\b)")
BEFORE_DECIDING = re.compile(r"before i (?:commit|decide|say yes|take|claim|accept|agree)")
CONDITION_NEXT = re.compile(r"[.!\s]*(?:unless|only if|but only if|solo si|a menos que)\b")
HEDGED_SENTENCE_WORDS = 6  # "If she's pre-approved.", "Maybe next week though."
CONCESSION = re.compile(r"\b(?:but|pero|though|anyway|anyways|de todas formas|igual)\b")
GIVEN_IN = re.compile(r"\b(?:ok|okay|alright|eh|meh),? fine[.!]* *$|\bwhatever[.!]* *$|\bfine,? (?:whatever"
                      r"|then)[.!]* *$"
                      r"|\b(?:ok|okay|ya|listo|bueno),? (?:si|yes|yep|yeah)\b[^.!?]{0,30}[.!]* *$")  # "ok sí, cerca."
UNSURE = re.compile(r"not sure|unsure|not certain|maybe|perhaps|probably|possibly|prob|prolly|probs|tal vez|quizas?"
                    r"|a lo mejor|no se si|no estoy segur[oa]|don'?t know if")
SOMEONE_ELSE = re.compile(r"(?:yet |really |honestly |tbh )?(?:whether |if |that )?(?:how|why|where|the|these|those"
                          r"|either"
                          r"|neither"
                          r"|both|she|he|they|her|his|their|someone|somebody|anyone|alguien|el|la|los|las|ella|ellos"
                          r"|nadie)\b")


# "Oh great, another flood zone lead. Yeah I'll get RIGHT on 4417 🙄": said to be taken the other way
SARCASM = re.compile(r"\boh great,? another\b|\byeah,? right\b|\bright after (?:i|pigs|hell)\b|\bwhen pigs fly\b"
                     r"|\bwin the (?:powerball|lottery)\b|\b(?-i:I'?d LOVE|I would LOVE) to\b", re.IGNORECASE)
# "Still looking at 4821, will get back to you tonight": the agent weighing the offer, not the client's search
CONSIDERING_THE_OFFER = re.compile(
    r"\b(?:still )?look(?:ing)? (?:at|over|into) (?:#? ?[0-9]{3,8}|this one|that one|the (?:referral|lead|offer))\b"
    r"[^.!?]*\b(?:get back to you|let you know|circle back)\b")
OUR_CLIENT = re.compile(r"#? ?\b[0-9]{4,5}\b(?! ?(?:k|m|mil|%))|\b(?:my|our) (?:client|buyer|seller)s?\b"
                        r"|\bthe (?:client|buyer|seller)s? (?:on|for|from) (?:#|referral|ref)")
FAMILY_CLOSED = re.compile(r"(?:(?:i am|i'?m) (?:pleased|happy|glad|thrilled) to (?:report|say|share) that )?the (?!(?:"
                           r"neighbou?r|parent|kid|in-law|cousin|friend|grandparent|folk|twin|sister|brother|daughter"
                           r"|son|other)s\b)[a-z]{3,}s (?:finally |just |officially )?(?:closed|sold|settled)\b")
OPENS_UNSURE = re.compile(
    r"^(?:honestly,? |tbh,? |to be honest,? )?(?:not sure|no idea|idk|no se) (?:where|what|if|whether|how)\b")
OWN_HEDGE = re.compile(r"^(?:hi all |hi team |hey )?i (?:might|may|could|am thinking|'m thinking|think i)\b")


def _own_hesitation(message: Message) -> bool:
    """"I might take December off this year, still deciding": a fragment with no subject of its own after the
    agent's own hedge is the agent's, not the client's."""
    index = next((n for n, clause in enumerate(message.clauses) if _command_key(clause) == "in_progress"), 0)
    fragment = message.clauses[index].text
    return index > 0 and fragment.startswith("still ") and bool(OWN_HEDGE.match(message.clauses[index - 1].text))


FOR_SOMEONE = re.compile(r"\b(?:for|para|to|a) $")


def _counter_taken_back(message: Message) -> bool:
    """A counter-offer the agent says they made before, and AGREE said last: "I replied yesterday that 25% was too
    steep, but I ran it by my broker and we're fine with it. ... AGREE"."""
    countered = COUNTER_OFFER.search(message.text)
    last = LAST_KEYWORD.search(message.text)
    return bool(countered and last and SAID_LAST[last["keyword"]] == "agree" and EARLIER_SAID.search(
        _sentence_around(message.text, countered.start())))


EARLIER_SAID = re.compile(r"\bi (?:replied|said|wrote|told you|answered|texted)(?: you)?(?: yesterday| earlier| before"
                          r"| last week)?(?: that)?\b")


def _their_claim(clause: Clause) -> bool:
    """Whether someone else in the clause takes, moves, buys or sells ("my sister wants to take it"), from where
    they are named on: "la tomo 🙌 mi hija vive a dos cuadras" is the agent's claim."""
    theirs = NOT_OURS.search(clause.text)
    if theirs is None:
        return False
    if FOR_SOMEONE.search(clause.text, 0, theirs.start()):  # "Claim it for my colleague Sarah"
        return True
    said = clause.text[theirs.start():]
    return PHRASE_BOOK.names(LEADING_OK.sub("", _strip_ref(said)), "claim") or THEIR_MOVE.search(said) is not None


def _ours_said_first(message: Message, key: str, theirs: re.Pattern[str] | gates.GatedPattern = NOT_OURS, *,
                     code_beside: bool = False) -> bool:
    """Whether the first clause that says `key` has nobody else in it (`theirs`) and the message names our code:
    anywhere ("Hola, les cuento de la 6604. ... Mi hermano sí vendió su casa"), or with `code_beside` in that clause
    itself ("2915 closed!! sold 449,9 on Friday ... also my neighbor's house down the street sold for 520") or in the
    update the message opens with ("quick update on 2230, ... the Kaplans are under contract ... the comps ...")."""
    first = next((clause for clause in message.clauses if _names(clause, key)), None)
    if first is None or theirs.search(first.text) or SHE_OR_HE_OPENS.match(first.text):
        return False
    return bool(_typed_codes(first.text if code_beside else message.text)) or bool(UPDATE_ON_A_CODE.match(
        message.text)) or (not code_beside and SENT_BY_US.search(message.text) is not None)  # "The buyer you sent
    # me in August ..."


IN_MY_NAME = re.compile(r"\b(?:put|keep|leave) (?:it|this|this one|the referral) (?:under|in) my name\b"
                        r"|\ba mi nombre\b")
CONSULTED = re.compile(r"\b(?:lo|la) (?:hable|platique|consulte|comente|converse) con mi\b"
                       r"|\b(?:talked|checked|discussed|ran) (?:it|this) (?:over |by )?with my\b")


NO_MOVEMENT = re.compile(r"\b(?:not much|no real|nothing much of a|no) (?:movement|progress|news)\b"
                         r"|\bnothing (?:concrete |new |much )?to report\b")
NOT_SURE_WHICH = re.compile(r"\bnot sure (?:that'?s|if that'?s|which|what)\b[^.?!]{0,30}\b(?:right|reply|answer|one"
                            r"|option)\b")
MEANT_NO = re.compile(r"\b(?:meant|i mean|quise decir) no\b")
ROOM_NOW = re.compile(r"\bso i (?:have|got|now have) (?:room|space|time|capacity|bandwidth)\b|\bfreed (?:me )?up\b")
KEEP_SENDING = re.compile(r"\b(?:sigan|siga|sigue|seguir) (?:mandando|enviando|mandandome|enviandome)\b"
                          r"|\bkeep (?:sending|them coming|(?:'?em|em) coming|(?:the |my )?(?:referrals|leads|offers)"
                          r" coming)\b|\b(?:i'?m|i am) still taking (?:new )?referrals\b"
                          r"|\bkeep getting (?:leads|referrals)\b"
                          r"|\bstill send (?:me )?(?:referrals"
                          r"|leads|them)\b")


def _own_business_after(message: Message, key: str, own: re.Match[str]) -> bool:
    """The agent's own business, or someone else's, told in a later sentence that says nothing of `key` ("Closed on
    Thursday at $1.15M. ... My own listing on Harbor Dr is still sitting though, ugh")."""
    first = next((clause for clause in message.clauses if _names(clause, key)), None)
    if first is None or (_price(first.text) is None and not _typed_codes(first.text) and not (
            key == "in_progress" and CLIENTS_SUBJECT.match(first.text))):
        return False  # "Sold! ...my own condo, finally": a bare "sold" may be of the house named next
    said_at = message.text.find(first.text)
    sentence = _sentence_around(message.text, own.start())
    return said_at >= 0 and said_at + len(first.text) <= own.start() and not OWN_BUSINESS.search(first.text) and (
        not any(_names(clause, key) for clause in _clauses(sentence)))


def _ours_beside_theirs(message: Message, key: str) -> bool:
    """"my sister finally sold her condo in Naples, but the real news: the buyer on 3020 closed yesterday": someone
    else's news in one clause, and in another the same news about a referral, named by its code or its client."""
    named = bool(REFERRAL_NAMED.search(message.text) or SENT_BY_US.search(message.text) or HASH_REF.search(
        message.text) or NAMED_REF.search(message.text) or _typed_codes(message.text))  # "the Nguyens (our
    # referral) closed", "... la mudanza de mi hija ... ya se vendió la casa de la señora Méndez ... la 3862", "The
    # buyer you sent me in August ... Closed Thursday, $415k. My husband says ...", "my mom moved in ... the
    # Hendersons closed on Friday! Referral 2915"
    return any(_names(clause, key) and (named or OUR_CLIENT.search(clause.text) or _family_named_alone(message, clause))
               and not NOT_OURS.search(clause.text)
               and not SHE_OR_HE_OPENS.match(clause.text)  # "my sister just sold ... She used a discount brokerage"
               for clause in message.clauses)


def _family_named_alone(message: Message, clause: Clause) -> bool:
    """"My wife has been after me to answer this. The Jacksons closed on Thursday": a family named the way clients
    are, in a sentence with nobody else's in it (not "my brother's neighbors, the Smiths closed")."""
    theirs_told = any(_names(other, "sold") and NOT_OURS.search(other.text) for other in message.clauses)
    return bool(FAMILY_CLOSED.match(clause.text)) and not theirs_told and not NOT_OURS.search(
        _sentence_around(message.text, max(0, _clause_start(message.text, clause.text))))


SHE_OR_HE_OPENS = re.compile(r"(?:she|he)(?:'s| has| had| was)? ")


def _asks_a_named_person(message: Message) -> bool:
    """"Hi Mike, The Johnsons are clear to close Thursday!! Can you get the gift basket ordered?": a greeting by
    first name and a request that is none of ours are a message for a teammate, not for the network."""
    addressed = ADDRESSED.match(message.raw)
    if addressed and addressed.group(1).lower() not in NOT_A_NAME and not _command_key_of(addressed.group(1).lower()):
        return True
    hailed = HAILED_BY_NAME.match(message.raw)  # "Dan, please stop the rate lock until we hear back on the appraisal"
    if hailed and hailed.group(1).lower() not in NOT_A_NAME and not _command_key_of(hailed.group(1).lower()):
        return _asks_for_something_else(_clauses(message.text.split(" ", 1)[-1]), imperative=True)
    return bool(NAMED_GREETING.match(message.raw)) and (_asks_for_something_else(message.clauses)
                                                        or TO_THE_CLIENT.search(message.text) is not None
                                                        or SOMEONE_INTRODUCED.search(message.text) is not None)


def _asks_for_something_else(clauses: tuple[Clause, ...], imperative: bool = False) -> bool:
    """A request that is none of ours ("can you get the gift basket ordered?"; in an email to a person by name,
    also "Please cancel the appraisal")."""
    asked = (clause for clause in clauses if clause.asks and REQUEST.match(clause.text) and not _command_key(clause))
    told = (clause for clause in clauses if imperative and PLEASE_DO.match(clause.text)
            and _command_key(clause) in (None, "in_progress"))  # a chore: "please cancel the appraisal"
    return next(asked, None) is not None or next(told, None) is not None


def _named_alone(line: str) -> bool:
    """An email that opens with a first name alone ("Rob,") is written to that person."""
    name = NAME_ALONE.fullmatch(line.strip())
    return name is not None and name.group(1).lower() not in NOT_A_NAME and not _command_key_of(name.group(1).lower())


def _long_ago(message: Message) -> str | None:
    """"last year", "years ago", or a year before this one ("la vendí en 2019"), outside an aside ("(I handled
    their first purchase through you in 2023)")."""
    text = ASIDE.sub(" ", message.text)
    found = LONG_AGO.search(text)
    if found:
        return found.group()
    year = next((y for y in PAST_YEAR.finditer(text) if int(y.group(1)) < message.today.year), None)
    return year.group() if year else None


def _mind_changed(message: Message, key: str, clause: Clause) -> str | None:
    """The command said after a second thought ("PAUSE\nwait no I meant unpause", "Yes\nActually, hold on. Please
    have someone call me first", "Sold\n\nSorry, that was a mistake ... which of my referrals are still open?");
    ACKNOWLEDGED when what follows only acknowledges ("Sí\nperdón, quise decir recibido, gracias"); WITHDRAWN when
    the command is taken back and nothing follows ("Call me pls\nactually nvm, texting is fine"); TAKEN_BACK when an
    answer to an offer is followed by a doubt ("mine!\n...oh wait it's a rental?"); None when the mind did not
    change."""
    start = _clause_start(message.text, clause.text)
    said_yes = YES_FIRST.match(clause.text) or KEYWORD_THEN_THOUGHT.match(clause.text)  # "YES- wait, before I take
    # another one", "BUY— hold on, I already have 2 buyers in that zip": the thought in the keyword's clause
    # "sorry I typed NO SALE but meant NO": in the same clause
    inside = MEANT_INSIDE.search(clause.text) or (
        SECOND_THOUGHT.search(clause.text, said_yes.end()) if said_yes else None)
    thought = SECOND_THOUGHT.search(message.text, start + (inside.start() if inside else len(clause.text))) if (
        start >= 0) else None
    if thought is None:
        return None
    if PAUSE_CALLED_OFF.match(message.text, thought.start()):  # "back from vacation early, never mind the pause"
        return None if key == "resume" else "resume"
    after = MEANT.sub("", message.text[thought.end():].lstrip(" ,.!:-\n"))
    if key == "award" and CHOICE_SAID_AGAIN.match(after):
        return None  # "award 4410 al 3... no espera, al 1. El 3 nunca contesta": another pick, read by `_award`
    later = next((found for each in _affirmed(_clauses(after)) if (found := _command_key(each)) and (
        not each.asks or found in ("status", "help") or _requested(SECOND_THOUGHT_FIRST.sub("", each.text), found))
        and not WRONG_ONE.fullmatch(each.text)), None)  # "call me\nactually can you just connect me to the buyer?"
    if key == "sold" and PRICE_CORRECTED.search(after):
        return None  # "Perdón, me equivoqué de cifra: fueron 257 mil, no 275": the price put right, the sale stands
    if later == "pause" and WITHDRAWAL.match(after) and STILL_AWAY.search(after):
        return WITHDRAWN  # "RESUME\n\nNo wait, ignore that. I'm still on medical leave until January": the slip
        # taken back, the pause it would have ended goes on
    if DOUBT_AFTER.match(after) and later not in ("help", "status"):
        return WITHDRAWN  # "in progress\nwait actually not sure yet. might close next month, might not" (not "YES\nwait
        # not sure, what am I supposed to reply?": help asked)
    if later is not None and later == key and key == "claim" and YES_TO_SOMETHING_ELSE.search(after):
        return TAKEN_BACK  # "Yes\n\nSorry, to be clear: yes I got the email, not yes to the referral"
    if later is not None:
        return later if later != key else None
    if not after.strip(" .!?\n") and HELD_ON.fullmatch(thought.group()) and not message.text[
            start + len(clause.text):thought.start()].strip(" .,!?\n-"):
        return TAKEN_BACK if key in OFFER_ANSWERS else WITHDRAWN  # "Yes\nwait": held, nothing said yet
    if DOUBT_CONCEDED.search(after):
        return None  # "BUY. wait does that send an invoice or charge me right away? either way is fine"
    if ACK.fullmatch(" ".join(re.findall(r"[a-z']+", after))) and not re.search(r"[0-9]", after):  # not "445k"
        return ACKNOWLEDGED
    if NOT_ABOUT_THE_REFERRAL.search(after) or WRONG_FILE.search(after) or MEANT_ELSEWHERE.match(after):
        return WITHDRAWN  # "SOLD at 475! ... ...wait. I'm looking at the wrong file, ... not your referral"
    if WITHDRAWAL.search(thought.group()) or HELD_OFF.match(after):  # "... on second thought, hold off."
        return WITHDRAWN
    doubted = "?" in after or NEGATION.search(after) is not None or FIRST_I_WANT.search(after) is not None or (
        "let me think" in thought.group() or "pensarlo" in thought.group())  # "Pass on 5530\nhmm actually let me
    # think about it, give me till tonight"
    if doubted and (key == "decline" or key in REPORTS):
        return WITHDRAWN  # "PASS on 4821\nactually hold on, lemme check w my team first", "NO SALE\nwait ... idk yet"
    return TAKEN_BACK if key in OFFER_ANSWERS and doubted else None


# "they went FSBO w a neighbor, no sale on this one": who the clients dealt with, not someone else's news
BOUGHT_FROM_SOMEONE = re.compile(r"\b(?:fsbo|by owner|bought|buying|purchased|sold|selling|went)\b[^.!?]{0,20}"
                                 r"\b(?:w|with|off|from|through|thru|to) (?:a|an|their|his|her) (?:neighbou?r|friend"
                                 r"|cousin|relative|coworker|co-worker|brother|sister|uncle|aunt)\b")
LENDER_WANTED = re.compile(r"\b(?:connect me with|recommend|know of|know|refer me to|send me) (?:a|an|any)"
                           r" (?:good |local |reliable )?(?:lender|loan officer|mortgage (?:broker|lender|person))\b")
CALL_ASKED_OF_THE_AGENT = re.compile(r"\basked me to (?:call|text|email) (?:her|him|them)\b")
PRICE_CORRECTED = re.compile(r"[0-9](?: ?(?:k|mil|m))?,? (?:not|no|y no|and not) \$?[0-9]{3}")
STILL_AWAY = re.compile(r"\b(?:i'?m|i am) still (?:on|out|away)\b|\bsigo (?:de|en|fuera)\b")
PAUSE_CALLED_OFF = re.compile(r"(?:nvm|never ?mind|scratch|forget)(?: on| about)? (?:the|my|that) pause\b")
CHOICE_SAID_AGAIN = re.compile(r"(?:(?:no,? )?(?:mejor |better |make it |i mean )?(?:al|a la|to|el|la|the|#|number"
                               r"|agent|agente|numero)? ?#? ?(?P<number>[0-9]{1,2})\b(?! ?(?:k|mil|am|pm|%))"
                               r"|(?:al|a la|el|la|the) (?:"
                               + "|".join(ORDINALS) + r")\b)")


def _clause_start(text: str, clause_text: str) -> int:
    """Where a clause starts in the message, though its clause lost a mark ("yes- wait" is the clause "yes wait");
    -1 when it is not there."""
    start = text.find(clause_text)
    if start >= 0 or not clause_text.split():
        return start
    found = re.search(r"\W+".join(map(re.escape, clause_text.split())), text)
    return found.start() if found else -1


CLOSING_AHEAD = re.compile(r"\bclos(?:ing|e|es)\b[^.!?]{0,25}")
SALE_DENIED = re.compile(r"\bnot (?:closed|sold|final|finalized)(?: yet)?\b|\b(?:hasn'?t|has not|haven'?t|have not)"
                         r" (?:closed|sold) yet\b"
                         r"|\b(?:todavia|aun) no (?:cerramos|cierra|se vende|se vendio|se ha vendido)\b")
# "Aún no se ha vendido, los clientes siguen viendo casas con calma. Les aviso cuando haya algo.": nothing to tell yet
STILL_SHOPPING = re.compile(r"\bstill (?:looking|searching|shopping)\b|\bsiguen? (?:viendo|buscando)\b")
NEWS_LATER = re.compile(r"\b(?:i'?ll|will) (?:let you know|keep you posted|update you) (?:when|once|if)\b"
                        r"|\b(?:les|te) (?:aviso|escribo) cuando\b")
WRONG_ONE = re.compile(r"(?:sorry,? |oops,? )?wrong (?:lead|one|referral|client|person|thread|chat|number)")  # the slip
HEARD_BACK = re.compile(r"\b(?:just |finally )?(?:texted|called|emailed|wrote|got) (?:me )?back\b|\bresurfaced\b"
                        r"|\bfinally (?:answered|responded|picked up)\b|\bvolvio a (?:escribir|llamar)\b"
                        r"|\bpor fin me contesto\b")
PREVIOUS_LEAD = re.compile(r"\b(?:the )?(?:last|previous|other) (?:one|lead|referral|buyer|seller|client)s?\b"
                           r"|\blast time\b")
PASS_GIVEN_UP = re.compile(r"\b(?:was going to|was gonna|almost|nearly|thought about|meant to|iba a|casi)"
                           r" (?:pass|decline"
                           r"|say no|paso|pasar)\b|\bno (?:la|lo) paso\b|\b(?:i'?m )?not passing\b"
                           r"|\b(?:i )?(?:wouldn'?t|would not|won'?t|will not) pass\b|\bno voy a pasar\b")
MEANT_INSIDE = re.compile(r"\b(?:but|and|sorry,?) (?:i )?meant\b|^(?:yes|si|no) i mean\b|\b(?:lol |haha )?(?:jk|j/k"
                          r"|just kidding)\b")
PICK_OR_PICK = re.compile(r"\b(?:agent |agente |#|number |numero |el |la |al )?[1-9]\b[.\u2026!\s]*(?:or|o)"
                          r" (?:maybe |tal vez |quizas? )?(?:agent |agente |#|number |numero |el |la |al )?[1-9]\b"
                          r"(?! ?(?:k|%|mil|am|pm)\b)")
WRONG_FILE = re.compile(r"\b(?:wrong|other|different) (?:file|client|deal|listing|referral)\b")
FIRST_I_WANT = re.compile(r"\b(?:primero|first|before i|antes de)\b")  # "esperen, primero quiero leer el contrato"
TAKEN_BACK, WITHDRAWN, ACKNOWLEDGED = "taken back", "withdrawn", "acknowledged"
OFFER_ANSWERS = frozenset({"claim", "invoice", "agree", "award"})
SECOND_THOUGHT_READINGS = {TAKEN_BACK: ("likely", "an answer taken back"), WITHDRAWN: ("unrecognised", "taken back"),
                           ACKNOWLEDGED: ("ack", "an acknowledgement after a slip")}
_WITHDRAWAL = (r"scratch that|never ?mind|nvm|disregard|cancel that"
               r"|(?<!do i )(?<!just )(?<!should i )ignore (?:that|this|it|my last)"  # not "do i just ignore it?"
               r"(?! (?:[a-z]+ ){1,3}(?:i|we) (?:just )?sent\b)"  # nor "ignore that grocery list I just sent"
               r"|(?:hit|pressed|sent) (?:send |that |this |it )?too (?:soon|early|fast|quick(?:ly)?)"
               r"|did ?n'?t mean to (?:send|reply|hit"
               r"|text|type|press)|(?:that|this) was a mistake"
               r"|(?<!assistant )(?<!he )(?<!she )sent (?:that|this|it) by (?:mistake|accident)"  # not "my assistant
               # sent it by mistake", said of an earlier reply
               r"|olvidalo|olvidenlo|olvida eso|olviden eso|ignora (?:eso|lo anterior)"
               r"|(?:olviden|ignoren|olvide|olvida) (?:lo anterior|mi (?:mensaje|respuesta) anterior)")
WITHDRAWAL = re.compile(_WITHDRAWAL)
HELD_OFF = re.compile(r"(?:let'?s |please )?(?:hold off|hold that|don'?t (?:send|charge|bill|process) (?:it|that|the)"
                      r"|no (?:lo|la) (?:manden|cobren|envien)|mejor (?:no|esperen|espera))\b")
# A second thought after a command. Not "actually" alone: "yes actually, I know that street well" changes nothing;
# not "wait until Monday".
SECOND_THOUGHT = re.compile(
    r"(?:^|(?<=[\s.,!?]))"
    r"(?:(?:oh|ay|ah|hmm|uh|um|sorry|oops|perdon|perdona|actually)[,:!.]*(?: [-\u2013\u2014]+)? )*(?:"
    r"(?:wait|hold on)\b(?! (?:until|till|for|to|and see|on|a (?:bit|sec|min|minute|day|week))\b)"
    r"|on second thought|actually,? (?:no|yes|hold on|wait|nvm|never ?mind|idk|i don'?t know|not sure"
    r"|(?:you|u) know what)"
    r"|espera(?:n|me)?|esperen|pensandolo (?:bien|mejor)"
    r"|i meant|i mean(?! it\b| that\b| business\b)|what i meant|but meant|quise decir|meant to (?:say|type|ask)"
    r"|(?:ay|ah|perdon|sorry),? no\b"
    r"|me equivoque|i was wrong|my mistake|my bad|misread|misunderstood|read it wrong|lei mal|entendi mal"
    r"|(?:hit|pressed|typed|tapped|picked) the wrong (?:one|button|word|key|thing)|to be clear|edit:|update:"
    r"|i should (?:clarify|have said|explain)|let me clarify|to clarify"
    r"|correction[:,]|(?:lol |haha )?(?:no,? )?who am i kidding|fat[- ]?fingered (?:that|it)"
    r"|(?<=sorry )fat (?:thumbs|fingers)|let me rephrase|(?:pero |me )?corrijo[:,]"
    r"|(?<!said )(?<!says )(?<!told me )(?<!told us )(?:eh |ah |meh |oh |ok )?forget (?:it|that)"
    r"|(?:actually,? )?more like|actually,? let me (?:check|think|ask|confirm|talk|run it|double)"
    r"|(?:lol |haha )?(?:jk|j/k|just kidding|(?<![a-z] )kidding)|me referia|no,? perdon|actually,? just"
    r"|no(?=,? mejor\b)|bueno,? no"
    r"|(?<=sorry )meant|(?<=sorry, )meant|(?<=oops )meant|(?<=oops, )meant|wrong one(?= *[!.,\n]| *$)"
    r"|autocorrect[.!,]* (?:i )?meant|perdon(?=,? mejor\b)"  # "NO SALE\nugh autocorrect. meant IN PROGRESS"
    r"|(?:i )?(?:jumped|jump) the gun(?: on (?:that|this)(?: one)?)?|i spoke too soon|i got ahead of myself"
    r"|(?<=\n)(?:hmm+ |hm |ok |oh )?actually"  # "FAIL\nactually INVALID. number is disconnected": a line opened by it
    r"|(?:ok,? |okay,? )?second thought"  # "nah not paying for leads\n...ok second thought ... BUY 2281"
    r"|(?:mmm+ |hmm+ )?d[eé]jame pensarlo(?: mejor)?"
    r"|me confundi|no,? sorry|"
    + _WITHDRAWAL + r")(?![a-z])")
SECOND_THOUGHT_FIRST = re.compile(r"^(?:actually|wait|oh|hmm|sorry)[,.!]* ")
HELD_ON = re.compile(r"(?:(?:oh|ah|hmm|um|sorry|oops)[,:!.]* )*(?:wait|hold on)")
DOUBT_CONCEDED = re.compile(r"\b(?:either way|whichever|whatever) (?:(?:is |it'?s )?(?:fine|ok|okay|good)|works)\b"
                            r"|\b(?:no importa|da igual|me da igual)\b[.!]*$")
DOUBT_AFTER = re.compile(r"(?:actually,? |honestly,? )?(?:not sure|idk|i don'?t know|no se|todavia no se)(?: yet)?\b")
MEANT = re.compile(r"^(?:(?:no(?! (?:on|for|to|a|al|para) )|nope|sorry|perdon|oops)[,.!]* )*(?:i meant|i mean"
                   r"|quise decir|meant to say)?[,:]? ?")


NOT_THAT_LONG = re.compile(r",? not (?:for )?(?:[0-9]+|a|an|one|two|three|four|five|six) (?:day|week|month)s?\b")


def _pause_until(message: Message) -> date | None:
    """The end of a pause; one amended on second thought wins ("Pause me til Dec 7\nactually make it the 14th",
    "PAUSE for 2 weeks ... actually make it 3")."""
    text = NOT_THAT_LONG.sub(" ", EVENT_DAY.sub(" ", message.text))  # "for 2 weeks, not 2 months!"
    amended = AMENDED_END.search(text)
    if amended is not None:
        rest = amended["rest"]
        before = dates.DURATION.search(text[:amended.start()])
        count = BARE_COUNT.match(rest)
        if before is not None and count is not None:  # "make it 3": three of the unit said before
            rest = f"{count.group(1)} {before['unit']}s"
        day = dates.parse_until(f"until {rest}", message.today)
        if day is not None:
            return day
    amended_line = AMENDED_DAY_LINE.search(text)  # "pause til Dec 7\nsorry Dec 14, forgot about the conference"
    day = dates.parse_until(f"until {amended_line['rest']}", message.today) if amended_line else None
    if day is not None:
        return day
    open_ended = OPEN_ENDED.sub(" ", text)  # "until further notice" is no end said
    if open_ended != text and not (UNTIL_WORDS.search(open_ended) or dates.DURATION.search(text)):
        return None  # "I honestly don't know how long I'll be there ... on hold for now": no day it ends
    if DEPARTURE.search(text) and not (UNTIL_WORDS.search(text) or dates.DURATION.search(text) or BACK.search(text)):
        return None  # "mañana me voy de vacaciones", "heading out on vacation Monday": the day it starts
    thought = SECOND_THOUGHT.search(text)
    if thought is not None:
        again = text[thought.end():]
        said_again = dates.parse_until(again, message.today)
        if said_again is not None or any(_command_key(clause) == "pause" for clause in _clauses(again)):
            # a day said after a second thought ("hasta el lunes porfa\nperdón, no este lunes, el lunes 30"), or the
            # pause said again with none ("for 3 days ... Edit: actually, just pause me with no end date")
            return said_again
    return dates.parse_until(text, message.today)


DEPARTURE = re.compile(r"\b(?:leaving|heading out|head out|flying out|fly out|taking off|me voy|nos vamos|salgo"
                       r"|salimos|i leave|we leave)\b")
BACK = re.compile(r"\b(?:back|return|returning|regreso|vuelvo|volvemos|regresamos)\b")
OPEN_ENDED = re.compile(r"\bfor now\b|\bfor the time being\b|\buntil further notice\b|\bindefinitely\b"
                        # "until my NC license is active": an event, no day
                        r"|\buntil (?:my|the) (?:[a-z]+ ){0,2}licen[sc]e\b"
                        r"|\buntil i'?m (?:settled|ready|healed|recovered)\b"
                        r"|\b(?:don'?t|do not) know (?:how long|when)\b|\bno end date\b|\bpor ahora\b"
                        r"|\bpor el momento\b"
                        r"|\bno se (?:cuanto tiempo|hasta cuando)\b")
AMENDED_END = re.compile(r"\b(?:actually|wait|sorry|no|correction|oops|but)[,:!.]* "
                         r"(?:(?:can you|could you|please|pls) )?"
                         r"(?:make (?:it|that)|change (?:it|that) to|extend (?:it|that)(?: to| until| thru"
                         r"| through)?|mejor)"
                         r" (?P<rest>[^.!?\n]+)")
AMENDED_DAY_LINE = re.compile(r"\n\s*(?:sorry|actually|oops|correction|i mean|i meant|perdon|digo|quise decir"
                              r"|typo)[,:!.]* "
                              r"(?P<rest>(?:the |el )?(?:[0-9]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene"
                              r"|abr|ago"
                              r"|dic)[^.!?,\n]*)")
BARE_COUNT = re.compile(r"([0-9]{1,2}|two|three|four|five|six)\b(?! ?(?:st|nd|rd|th)\b)"
                        r"(?! (?:day|week|month|dia|semana))")


def _coded_reports(message: Message) -> set[str]:
    """The outcomes told in clauses that type a code: "#6120 closed Friday ... #6127 is still looking" tells two."""
    return {key for clause in _affirmed(message.clauses)
            if _typed_codes(clause.text) and (key := _command_key(clause)) in REPORTS}


RELISTING = re.compile(r"\bback on (?:the )?market\b[^.!?]{0,40}|\brelist(?:ing|ed)?\b")
# a question from its sentence's start (only there: a scan from every place in a long sentence was the cost)
ASKED_SENTENCE = re.compile(r"(?<![^.!?\n])[^.!?\n]*\?"
                            r"|\b(?:please |can you |could you )?confirm (?:that )?(?:the )?(?:referral )?fee\b"
                            r"[^.!?\n]*")  # "I'll take #5527. Please confirm the referral fee is the standard 25%"
TWO_ANNOUNCED = re.compile(r"\b(?:updates?|news) on (?:two|both|a couple|2) (?:of )?(?:mine|my (?:referrals|leads))\b"
                           r"|\b(?:two|both|2) of mine\b")


def _answers_two_offers(message: Message) -> bool:
    """"Yes on 4821. Pass on 4822": an answer for each of two offers, which one reading cannot carry."""
    said: dict[str, set[str]] = {}
    for clause in _affirmed(message.clauses):
        key = _command_key(clause)
        codes = set(_typed_codes(clause.text))
        if key in ("claim", "decline") and len(codes) == 1:
            said.setdefault(key, set()).update(codes)
    return len(said) == 2 and said["claim"] != said["decline"]


INVALID_VERDICT = re.compile(r"\b(?:this|that|it|he|she) (?:is|was|'s) not a (?:real|legit|genuine)"
                             r" (?:client|lead|buyer|seller|person|referral)\b"
                             r"|\bno es (?:un |una )?(?:cliente|clienta) real\b")
INVALID_TAKEN_BACK = re.compile(
    r"\bbut (?:i|we) (?:found|reached|tracked down|located|got ahold of|got a hold of) (?:her|him|them|the client)\b"
    r"|\b(?:was|is) actually (?:the )?(?:right|correct|real|good)\b|\bturns out\b|\bturned out (?:to be )?(?:fine|real"
    r"|legit|right)\b|\bsi era (?:el|ella|su numero)\b|\b(?:i )?almost (?:reported|marked) (?:it"
    r"|this)(?: as)? invalid\b"
    r"|\b(?:pense|crei) que el numero (?:estaba|era) (?:malo|falso|equivocado)\b|\bthought the number was (?:wrong|bad"
    r"|fake)\b"
    # "Pretty sure 3921 is a fake lead but let me try one more time tomorrow"
    r"|\blet me (?:try|call|text) (?:her |him |them )?(?:one more time|again|once more)\b")
AGENT_LET_DOWN = re.compile(r"\bthe (?:first|second|third|last|1st|2nd|3rd) (?:agent|one|guy|gal|lady|person|realtor)"
                            r" (?:still )?(?:never|didn'?t|did not|hasn'?t|has not|won'?t) (?:even )?(?:called|call"
                            r"|answered|answer|returned|return|responded|respond|reached|reach|showed|show|got back"
                            r"|gotten back|followed up|follow up|contacted|contact)\b")
SOLD_ISH = re.compile(r"\bmas o menos (?:vendid|cerrad)\w*|\b(?:sort of|kind of|kinda) (?:sold|closed)\b"
                      r"|\b(?:sold|closed)-?ish\b")  # "Más o menos vendida jaja 😅 ya firmamos contrato"
CONDITION_OPENS = re.compile(r"(?:si|if|once|as long as|siempre que|cuando|when) ")
REPORT_KEYWORD = re.compile(r"(?:fail|invalid|no sale|sold|in progress|fallido|invalido|vendido|en proceso)[.!]*")


def _keyword_said_last(message: Message) -> str | None:
    """The outcome of a last clause that is nothing but its keyword ("..., FAIL.")."""
    last = message.clauses[-1] if message.clauses else None
    return _command_key(last) if last and REPORT_KEYWORD.fullmatch(MARKING.sub("", _strip_ref(last.text))) else None


# "... bought with another agent from their church. Nothing left to do here, marking it no sale."
MARKING = re.compile(r"^(?:so )?(?:i'?m |i'?ll |i will )?(?:marking|mark|putting|calling) (?:it|this|this one|that one)"
                     r" (?:as )?(?:a )?")


def _read_as(message: Message, key: str, clause: Clause) -> tuple[str, Clause, tuple[str, ...]]:
    """The message read as `key` after all: the clause that names it (else `clause`) and the other intents."""
    named = next((c for c in message.clauses if _command_key(c) == key and not c.asks), None) or next(
        (c for c in message.clauses if _command_key(c) == key), clause)  # not "¿vendido?" before "se vendió en 275 mil"
    return key, named, _alternatives(message, key)


def _affirmed_keys(message: Message) -> set[str]:
    return {key for clause in _affirmed(message.clauses) if (key := _command_key(clause))}


def _final_outcome(message: Message) -> str | None:
    """An outcome a clause not in the negative reports beside progress news: it wins (a fail only when asked
    for by name: "met with them twice ... returning this one, fail it")."""
    first_code = next(iter(_typed_codes(message.text)), None)
    for clause in _affirmed(message.clauses):
        key = _command_key(clause)
        position = message.clauses.index(clause)
        sentence = _sentence_around(message.text, max(0, _clause_start(message.text, clause.text)))
        said_with = _typed_codes(sentence)
        if NOT_OURS.search(clause.text) or (key == "sold" and (TRACK_RECORD.search(clause.text) or THEIR_DEAL.search(
                sentence))):
            continue  # "neighbor across the street sold FSBO for 275k smh. anyway the referral buyers went under ...";
            # the agent's track record ("I've sold homes for 33 years"); comps ("the comps ... one sold for way under")
        if first_code and said_with and first_code not in said_with:
            continue  # "Ya hicimos oferta en la #3150 ... La 3144 se cayó, el cliente compró con otro agente"
        scheduled = key == "sold" and (_sale_ahead(message, clause) or (position > 0 and CONDITION_OPENS.match(
            message.clauses[position - 1].text) is not None))  # "Si todo sale bien, cerramos antes de Navidad"
        promised = key is not None and (_future(clause.text) or BENIGN_CONDITION.search(clause.text)
                                        or (key == "sold" and HYPOTHETICAL.search(clause.text)))
        # a sale if all goes well is progress: "... esperando al lender. Si todo sale bien cerramos antes de Navidad"
        if scheduled or promised or (key == "sold" and SHOWN_AS_SOLD.search(clause.text)) or (
                key == "no_sale" and NO_SALE_YET.search(clause.text)) or (
                key == "invalid" and INVALID_TAKEN_BACK.search(message.text)):
            continue  # "cerramos el 10 de diciembre": a closing to come; "shows as sold on your site": our record
        if key in REPORTS and _mind_changed(message, key, clause) is not None:
            continue  # "NO SALE on 5080. wait wrong one!! 5080 is the Garcias, they're under contract": taken back
        if key in ("sold", "no_sale", "invalid") or (key == "fail" and (
                EXPLICIT_FAIL.search(message.text) or GIVEN_BACK.search(message.text) or SENT_BACK.search(
                    message.text))):
            return key
    return None


def _closing_ahead(message: Message, sold: Clause) -> bool:
    """A closing named for a month and day still to come beside a sale that names no price of its own."""
    closing = CLOSING_AHEAD.search(message.text)
    return _price(sold.text) is None and closing is not None and (
        dates.calendar_date_ahead(closing.group(), message.today)
        or CLOSING_ON_A_DAY.match(closing.group()) is not None)


CONTINGENCY_GONE = re.compile(r"\bcontingency\b[^.!?]{0,20}?\b(?:is |was |has been |got )?(?:gone|removed|lifted"
                              r"|cleared"
                              r"|satisfied|released|waived)\b")
TEAM_COPIED = re.compile(r"\b(?:cc'?ing|cc'?d|cc) (?:the |my |our )?(?:team|office|broker|assistant|tc)\b")
# "we close on the 12th": a day of the month after the present tense is one still to come
CLOSING_ON_A_DAY = re.compile(r"clos(?:ing|e) (?:is |set |scheduled )?(?:for |on )?(?:the )?"
                              r"[0-9]{1,2}(?:st|nd|rd|th)\b")


def _sale_ahead(message: Message, clause: Clause) -> bool:
    """A closing named for a day still to come ("cerramos el 18 de diciembre"): progress, not a sale; not "closed
    Friday", which is the Friday past."""
    return not CLOSED_ON_A_WEEKDAY.search(clause.text) and (
        dates.parse_until(clause.text, message.today) or date.min) > message.today


def _unspecific_sale(message: Message, clause: Clause, ask: str) -> bool:
    """A sale that names neither a code nor a price, beside a plain request to pause until a date or to resume
    ("closed out my last deal of the year so I'm ready for leads again, resume me")."""
    said = _clause_with(message, ask)
    if ANY_REF.search(clause.text) or _price(clause.text) is not None or not said:
        return False
    return ask == "resume" or (bool(PAUSE_REQUEST.search(said)) and dates.parse_until(said, message.today) is not None)


def _coded_command(message: Message, after: Clause) -> str | None:
    """A later clause, not a question, whose command names a referral code and says more than progress; not
    another referral's news after progress on the first ("Ya hicimos oferta en la #3150 ... La 3144 se cayó")."""
    start = message.clauses.index(after) + 1 if after in message.clauses else len(message.clauses)
    first = next(iter(_typed_codes(message.text, every=True)), None)
    for clause in message.clauses[start:]:
        key = _command_key(clause)
        codes = _typed_codes(clause.text, every=True)
        if key and key in DECISIVE and key != "in_progress" and not clause.asks and codes and first in codes:
            return key
    return None


def _passed_after(message: Message, after: Clause) -> str | None:
    """"decline" when a later clause passes, not asking ("yes that's the right email. pass on this one tho")."""
    start = message.clauses.index(after) + 1 if after in message.clauses else len(message.clauses)
    return "decline" if any(_command_key(clause) == "decline" and not clause.asks
                            for clause in message.clauses[start:]) else None


def _asked_call(message: Message, after: Clause) -> str | None:
    """A later clause that plainly asks for a call or a live connect ("please have someone call me", "Mejor
    llámenme al 305-555-0123")."""
    start = message.clauses.index(after) + 1 if after in message.clauses else len(message.clauses)
    for clause in message.clauses[start:]:
        key = _command_key(clause)
        if key in ("call", "connect") and (PLEASE_DO.match(clause.text) or IMPERATIVE_HAVE.match(clause.text)
                                           or CALL_ME_PLAINLY.match(clause.text) or _requested(clause.text, key)) and (
                not CALL_ME_WHEN.search(clause.text)):
            return key
    return None


def _recovered(message: Message, lost: Clause) -> str | None:
    """The sale or progress told after a lost deal, or beside a deal said to be back, when no outcome said after it
    takes the loss up again ("we were under contract but it fell through. No sale" stays no sale)."""
    index = message.clauses.index(lost) if lost in message.clauses else len(message.clauses)
    found = None
    for position, clause in enumerate(message.clauses):
        key = _command_key(clause)
        if position > index and key == "no_sale":
            return None
        said = position > index or BACK_AGAIN.search(clause.text)
        if found is None and said and key in ("sold", "in_progress") and not (
                NEGATION.search(clause.text) or COUNTERFACTUAL.search(clause.text)) and (
                key == "in_progress" or DONE_SALE.search(clause.text)):
            found = key
    return found


# "No\nactually ignore that, yes I'll take it": after "ignore that" the yes in the same sentence stands; after
# "sorry wrong chat, meant that for my lender: yes go ahead" it is the one meant for someone else
RETRACTION_CLAUSE = re.compile(r"[^.!?\n,]*[.!?,]*")
PREVIOUS_IGNORED = re.compile(r"ignore|disregard")


def _command_after_retraction(message: Message) -> str | None:
    """The command said outright in a sentence after one that takes a message back ("Perdón, me equivoqué de
    chat. Paso en la 3307, no es mi zona")."""
    retracted = RETRACTED.search(message.text)
    if retracted is None:
        return None
    rest = (RETRACTION_CLAUSE if PREVIOUS_IGNORED.match(retracted.group()) else SENTENCE).match(message.text,
                                                                                                 retracted.end())
    after = message.text[rest.end() if rest else retracted.end():]
    for clause in _affirmed(_clauses(after)):
        key = _command_key(clause)
        if key is not None:
            return key if _said_outright(after, key) and not HYPOTHETICAL.search(after) else None
    return None


def _referral_named(message: Message) -> bool:
    """Whether the message names a referral by its code ("referral #60214", "#4410")."""
    text = _not_codes_blanked(message.text)
    return HASH_REF.search(text) is not None or NAMED_REF.search(text) is not None


def _news_of_now_beside(message: Message, key: str, long_ago: str) -> bool:
    """News of today in a sentence of its own beside a deal of long ago ("the Garzas bought their first house with
    me back in 2019. They're back and we're writing an offer tonight")."""
    said = _clause_with(message, key)
    sentence = next((match.group() for match in SENTENCE.finditer(message.text) if said and said in _clause_text(
        match.group())), "")
    return bool(sentence) and long_ago not in sentence and NEWS_OF_NOW.search(sentence) is not None


NEWS_OF_NOW = re.compile(r"\b(?:tonight|today|right now|this (?:morning|afternoon|week|weekend)|tomorrow|hoy"
                         r"|esta (?:noche"
                         r"|semana|tarde)|manana)\b")


def _they_agreed(message: Message) -> bool:
    """The clients or the other side agreed ("Buyer on 5511 just agreed to terms"), with no word of our fee."""
    return bool(THEY_AGREED.search(_clause_with(message, "agree"))) and not AGREE_ITSELF.search(message.text)


CALL_ME_PLAINLY = re.compile(r"^(?:mejor |better |just )?(?:call me|llamenme|llamame|marquenme|give me a call)\b")
QUESTION_ABOUT = re.compile(r"^(?:(?:hey|hi|hello|hola),? )?(?:a |one )?(?:quick )?question (?:about|on|re|for)\b"
                            r"|^(?:(?:hola),? )?(?:tengo )?una pregunta (?:sobre|de|acerca)\b")


def _claims_a_code(message: Message) -> bool:
    """Whether a clause other than a bare yes claims and names its code ("Yes, I'll take 4821")."""
    return any(_command_key(clause) == "claim" and ANY_REF.search(clause.text) and not BARE_ANSWER.fullmatch(
        _strip_ref(clause.text)) and not PRICE_ACCEPTED.fullmatch(clause.text) for clause in _affirmed(message.clauses))


PRICE_ACCEPTED = re.compile(r"(?:offer |they )?accepted (?:at )?\$?[0-9]{3}k?")  # "pending! 299,900 list, accepted 295"


def _asked_about_after(later: list[Clause], key: str) -> bool:
    """Whether a later clause asks a question ("can I pause then?", "should I mark it sold?") naming `key`."""
    return any(clause.asks and ASKS_WHETHER.match(clause.text) and _names(clause, key)
               and not _requested(clause.text, key) for clause in later)


LEADING_CONJUNCTION = re.compile(r"^(?:but|and|so|pero|y|actually|actually,|oh|ok|okay) ")
WHEN_FREE = re.compile(r"^(?:when(?:ever)? you (?:get|have) a (?:minute|chance|sec|second)|whenever you can"
                       r"|no rush,?(?: but)?"
                       r"|if you have a (?:minute|sec|second)"
                       r"|before i (?:unsubscribe|opt out|decide|commit|answer|reply|say yes|say no)),? ")  # "Before I
# unsubscribe can somebody just call me?"


def _requested(text: str, key: str) -> bool:
    """A question-shaped request ("can you send the invoice?"); a report only as "can you mark it sold?"."""
    text = WHEN_FREE.sub("", HAILED.sub("", LEADING_CONJUNCTION.sub("", text)))  # "hey Sarah can you pause my
    # referrals", "when you get a minute", "..., but would you please send #3307 to someone else?"
    return bool(REPORT_REQUEST.search(text)) if key in REPORTS else bool(REQUEST.search(text))


def _clause_with(message: Message, key: str) -> str:
    """The text of the first clause that names `key`."""
    return next((clause.text for clause in message.clauses if _command_key(clause) == key), "")


def _sale_said(message: Message, said: str) -> str:
    """Where a sale's tense is read: its own clause when that says it is done ("Closed on the 18th at $612,500.
    ... they asked me to help with her parents' place next spring"), else the whole message ("we'll close next
    month, sold at 450")."""
    own = _clause_with(message, "sold")
    return own if own and DONE_SALE.search(own) and not _future(own) else said


def _future(text: str) -> str | None:
    """The words that put an action later than now, if any (an end date after "until" does not count)."""
    action = FUTURE_ACTION.search(text)
    if action:
        return action.group()
    when = next((when for when in FUTURE_TIME.finditer(text) if not PAST_VERB_BEFORE.search(text, 0, when.start())
                 and not UPDATE_PROMISED_BEFORE.search(text, 0, when.start())),
                None)  # not "she resurfaced in September and we closed on Friday": a month gone by
    return when.group() if when and not UNTIL_WORDS.search(text) else None


# "los de Kendall te aviso la semana que viene": the time of the next update, not of the action
UPDATE_PROMISED_BEFORE = re.compile(r"\b(?:update you|let you know|keep you posted|circle back|report back|follow up"
                                    r"|(?:te|les|le) (?:aviso|cuento|digo|confirmo|actualizo))(?: (?:on|about)"
                                    r" (?:it|that|them|those|the rest))? $")
PAST_VERB_BEFORE = re.compile(r"\b(?!(?:scheduled|rescheduled|planned|booked|expected|slated|delayed|postponed|pushed"
                              r"|moved)\b)[a-z]{3,}ed $")  # not "closing got pushed in January"


def _check_question(message: Message) -> Reading | None:
    return Reading(Unknown("question"), "question", 0.6) if "?" in message.text else None


def _affirmed(clauses: tuple[Clause, ...]) -> list[Clause]:
    """The clauses not spoken in the negative; a no-sale clause ("decided not to buy") counts as affirmed."""
    return [clause for clause in clauses
            if not NEGATION.search(clause.text) or _command_key(clause) in ("no_sale", "status", "help")
            or REASON_AFTER_KEYWORD.match(clause.text)]  # "FAIL 8830 never answered a single call"


def _command_clause(clauses: list[Clause]) -> tuple[int, Clause, str] | None:
    """The first clause with a command, unless it is a bare yes/no and the next clause is more specific.

    A question with no command before it ("Is 4821 still open? If so yes") stops the search: it is a question. A
    polite request that names nothing of ours does not ("Could u put 4821 in my name? I'll take it!"), unless it
    holds an if; a bare yes after it still answers something else ("can you send me the address? yes").
    """
    polite = False
    for index, clause in enumerate(clauses):
        key = _command_key(clause)
        if key is None:
            if clause.asks and REQUEST.match(clause.text) and not (HYPOTHETICAL.search(clause.text)
                                                                   or COUNTER_OFFER.search(clause.text)):
                polite = True  # "Could u put 4821 in my name? I'll take it!": the ask, then the command
                continue
            if clause.asks:
                return _later_keyword(clauses, index)
            continue
        if polite and BARE_ANSWER.fullmatch(_strip_ref(clause.text)):
            return None  # "can you send me the address? yes": the yes answers something else
        follow = clauses[index + 1] if index + 1 < len(clauses) else None
        instead = clauses[index + 2] if index + 2 < len(clauses) else None
        if follow and instead and BARE_NO.fullmatch(_strip_ref(clause.text)) and NOT_WANTED.match(follow.text) and (
                _command_key(instead) in ("connect", "call")) and not instead.asks:
            return index + 2, instead, _command_key(instead) or key  # "No, I don't want their email, patch me
            # through to the buyer": the no refuses the other way to reach the client
        if follow and BARE_ANSWER.fullmatch(_strip_ref(clause.text)):
            follow_key = _command_key(follow)
            about_the_agent = follow_key in ("resume", "pause") and (ANY_REF.search(clause.text) or not (
                PLAIN_COMMAND.match(follow.text) or PAUSE_REQUEST.search(follow.text)))  # "YES! just got back ..."
            why_not = follow_key == "invalid" and BARE_NO.fullmatch(_strip_ref(clause.text)) is not None  # "NO. that's
            # a fake number, this same guy comes thru every month": the offer passed on, and why
            about_another = follow_key in REPORTS and EARLIER_REFERRAL.search(follow.text) is not None  # "YES 4190.
            # Last one from you fell apart at the closing table": an earlier referral's story, the yes is the answer
            # "YES 4821! just got back from vacation"
            if follow_key and not follow.asks and not (about_the_agent or about_another or why_not):
                return index + 1, follow, follow_key
        return index, clause, key
    return None


NOT_WANTED = re.compile(r"(?:i )?(?:don'?t|do not) (?:want|need) (?:their|his|her|the (?:client'?s|buyer'?s"
                        r"|seller'?s)) (?:email|number|phone|info|contact)")
ACCEPTED = re.compile(r"(?:acepto|i accept|accepted|aceptado)[.!]*")
EARLIER_REFERRAL = re.compile(r"\b(?:the |my |your )?(?:last|previous|other|first) (?:one|referral|lead|deal)s?"
                              r" (?:from you|you sent|you (?:guys|all) sent|de ustedes|que me mandaron)\b")


def _coded_answer_later(clauses: list[Clause], index: int, key: str) -> tuple[int, Clause, str] | None:
    """An answer to an offer with its code, said after a story that reads as news ("... a relocation family flying
    in Tuesday to see 9 houses ... Gotta pass on 3307, sorry!!"): the answer is what the text is for."""
    if key not in REPORTS or _typed_codes(clauses[index].text):
        return None
    for later in range(index + 1, len(clauses)):
        clause = clauses[later]
        answer = _command_key(clause)
        if answer in ("claim", "decline", "invoice") and not clause.asks and _typed_codes(clause.text) and not (
                HYPOTHETICAL.search(clause.text)):
            return later, clause, answer
    return None


def _later_keyword(clauses: list[Clause], index: int) -> tuple[int, Clause, str] | None:
    """A bare command keyword after a question ("... whatever. BUY", "Anyway AGREE on 7731", "No gracias, paso"):
    the question was an aside; or another command said past the question (`_said_past_the_question`)."""
    for later in range(index + 1, len(clauses)):
        clause = clauses[later]
        asked_key = _command_key(clauses[index])
        if asked_key in REPORTS and THAT_HAPPENED.fullmatch(clause.text) and not _typed_codes(clauses[index].text):
            # "is there an option for 'they bought w someone else'? bc thats what happened": the option is the news
            return later, replace(clauses[index], asks=False), asked_key
        if later == len(clauses) - 1 and BARE_NO.fullmatch(clause.text) and not clauses[later - 1].asks:
            return later, clause, "decline"  # "Are you KIDDING me?? ... I don't work north of 183. NO."
        keyword = GRUDGING_KEYWORD.fullmatch(_strip_ref(clause.text))
        key = GRUDGING_INTENTS[keyword["keyword"]] if keyword else _command_key(clause)
        if key == "claim" and FEE_REPEATED.search(clauses[index].text) and ACCEPTED.fullmatch(clause.text):
            key = "agree"  # "¿El 25% es sobre mi comisión? Ok, de acuerdo, acepto.": the fee accepted
        if key is not None and (keyword or key in ("status", "help")  # or a second question, about what the
                                or _said_past_the_question(clauses, index, later, key)):  # agent has or can say
            return later, clause, key
    return None


def _code_of_its_own(clauses: list[Clause], index: int, later: int) -> bool:
    """Whether what is said after the question at `index` types a code the question does not."""
    asked = set(_typed_codes(clauses[index].text))
    return any(set(_typed_codes(clause.text)) - asked for clause in clauses[later:])


def _said_past_the_question(clauses: list[Clause], index: int, later: int, key: str) -> bool:
    """Whether the command of a clause after a question is meant all the same."""
    asked, clause = clauses[index], clauses[later]
    coded = bool(_typed_codes(clause.text))
    conceded = ANYWAY.match(LEADING_CONJUNCTION.sub("", clause.text)) or ANYWAY.fullmatch(clauses[later - 1].text) or (
        ANYWAY.match(LEADING_CONJUNCTION.sub("", clauses[later - 1].text)))  # "..., pero de todas formas sí, la tomo"
    return any((
        # "25%?? deal. shake on it": the fee repeated in surprise, then accepted (not "do 20 and I'm in")
        key == "agree" and FEE_REPEATED.search(asked.text) is not None and not (
            COUNTER_OFFER.search(clause.text) or HYPOTHETICAL.search(clause.text)),
        # "ok so I have to pay for this one? thats fine, I'll pay the $50 for 3318": a purchase asked about, then made
        key == "invoice" and coded and PAYING_ASKED.search(asked.text) is not None and not HYPOTHETICAL.search(
            clause.text),
        # "Buy for $50? nah, I'll pass", "¿son 50 dólares? Bueno, va, cóbrenme la 2287": the price said back
        key in ("invoice", "decline") and PRICE_SAID_BACK.fullmatch(asked.text) is not None and not (
            HYPOTHETICAL.search(clause.text)),
        _a_pick(clause, key),  # "which one speaks Spanish? I'll go with the second agent on the list for 6012"
        # "is the fee still 25% if we close at 380? under contract on 4410, closing set for 12/12": news of a code
        key == "in_progress" and coded and not clause.asks and bool(
            PERCENT.search(asked.text) or FEE_WORD.search(asked.text)),
        key in REPORTS and ANYWAY.match(clause.text) is not None and coded,  # "quick q do u guys need the
        # settlement stmt? anyway 4826 closed fri"
        # "do i call the client myself or do you guys connect us? connect me with the buyer on 4862 please", "which
        # one is it if they bought with somebody else? NO SALE on 5017": how it works asked, then the answer
        (coded or _code_of_its_own(clauses, index, later)) and not clause.asks and HOW_IT_WORKS.match(
            asked.text) is not None and not HYPOTHETICAL.search(clause.text),
        # "... pre-approved yet? Either way, count me in — I'll take this one."
        key in OFFER_ANSWERS | {"decline"} and conceded is not None and not HYPOTHETICAL.search(clause.text),
        # "... said yes in the app? ... Please connect me live with the client by phone"
        key == "connect" and PLEASE_ASKED.match(clause.text) is not None,
        # "¿Cómo hablo con el cliente? Conéctenme por teléfono con él por favor": asked how, then asked for, politely
        key in ("call", "connect") and not clause.asks and PLEASE_SAID.search(clause.text) is not None and not (
            HYPOTHETICAL.search(clause.text)) and _command_key(asked) in (None, "status", "in_progress"),
        # "¿Quedó algo pendiente mientras estuve fuera? Ya regresé de vacaciones, pueden volver a mandarme referidos"
        key == "resume" and _command_key(asked) is None and not any(each.asks for each in clauses[later:]) and not (
            HYPOTHETICAL.search(clause.text)),
        # "who is the client on 5147? can u just connect me with them on the phone now": asked for all the same (not
        # "who is the client??? call me back", which may be someone our text reached)
        key == "connect" and _requested(clause.text, key) and not HYPOTHETICAL.search(clause.text),
        # "¿Cuál es el 2915? Ah ya, el de Kissimmee. Oferta aceptada": the question answered by the agent
        key in REPORTS and not clause.asks and later > index + 1 and QUESTION_ANSWERED_ITSELF.match(
            clauses[index + 1].text) is not None,
        key == "fail" and COMPLAINT.search(asked.text) is not None and coded,  # "¿quién revisa estos referidos?
        # ... Devuelvo el 8123"
        key == "claim" and (OK_YES.match(clause.text) or HOW_IT_WORKS.match(asked.text)) is not None and (coded or (
            later + 1 < len(clauses) and _command_key(clauses[later + 1]) == "claim")),  # "so i just reply yes?? ok
        # YES for 4821", "... ok yes, I want it"
        # "you want an update on 5502? we're under contract", "did you know the number on 3318 is disconnected?"
        key in REPORTS and RHETORICAL.match(asked.text) is not None,
        # "Soooo remember the couple who wanted a farmhouse under 450 and I said good luck? ... WE CLOSED. 449,9": a
        # story opened by a recall, told on
        key in REPORTS and not clause.asks and any(
            RECALLED.match(each.text) for each in clauses[max(0, index - 1):index + 1]),
        # "No sale? nope!! SOLD lol", "Fail? no way, we're writing an offer" (not "sold?? lol no. not even listed yet")
        ECHOED_KEYWORD.fullmatch(asked.text) is not None and not BARE_ANSWER.fullmatch(clause.text) and not (
            NEGATIVE_WORD.search(clause.text)),
        # "quick question about how the fee gets paid, can someone call me?": the question is for the call
        key in ("call", "connect") and bool(QUESTION_ANNOUNCED.match(asked.text)) and _requested(clause.text, key),
        # "how do i pause? having knee surgery, hold my referrals till Dec 7 pls"
        key == "pause" and bool(PAUSE_REQUEST.search(clause.text)) and bool(
            UNTIL_WORDS.search(clause.text) or PAUSE_LENGTH.search(clause.text)),  # "... no me manden nada por 2
        # semanas"
        # "¿Con quién estoy hablando? El número del cliente no existe", "is this a real person? they decided to rent":
        # who reads it asked, then the news told all the same (not a bare yes or no, which may answer the question)
        WHO_ANSWERS.search(asked.text) is not None and (not clause.asks or _requested(clause.text, key)) and not (
            BARE_ANSWER.fullmatch(_strip_ref(clause.text)) or HYPOTHETICAL.search(clause.text)),
        # "Who am I supposed to be contacting on 7120? The phone number is disconnected ... I think this lead is
        # fake": a bad lead told twice after the question
        key == "invalid" and not clause.asks and any(
            _command_key(each) == "invalid" and not each.asks for each in clauses[later + 1:]),
        # "¿Cómo pauso esto? Me voy de viaje 2 semanas, pónganme en pausa por favor", "How do I reach the client on
        # 4821? Connect me with them by phone please": how asked, then the thing asked for politely
        HOW_ASKED.match(asked.text) is not None and PLEASE_ASKED.search(clause.text) is not None and not (
            clause.asks or HYPOTHETICAL.search(clause.text)),
        # "I answered this already on Friday?? NO SALE, they bought with her cousin": said again, meant all the same
        key in REPORTS | OFFER_ANSWERS | {"decline"} and ALREADY_ANSWERED.search(asked.text) is not None,
        # "Card got declined?? Run it again pls, should go thru now": the purchase tried again
        key == "invoice" and CARD_TROUBLE.search(asked.text) is not None and not clause.asks,
        # "is it still off? I'm back, turn them back on": the state asked about, then changed
        key == "resume" and any(RESUME_ASKED.match(each.text) for each in clauses[later:]),
        # "the one who disappeared? SOLD 389 lol", not "what format do you need? SOLD 450000, or ...?"
        key == "sold" and SOLD_AT_A_PRICE.match(clause.text) is not None and not any(
            each.asks for each in clauses[later:]),
        # "When do I get paid on 2917? Closed Friday at $412,250.00", "did anyone verify 4410? number's disconnected":
        # a question that names no outcome, then the outcome told, with nothing asked after it
        key in REPORTS and _command_key(asked) is None and ASKED_HOW_WE_WORK.search(asked.text) is not None and not (
            any(each.asks for each in clauses[later:]) or HYPOTHETICAL.search(clause.text)
            or BARE_ANSWER.fullmatch(_strip_ref(clause.text)) or NOT_OURS.search(asked.text)),  # not "Did my
        # colleague Rick ever report 5120? pretty sure he sold it"
        # "where do u guys get these leads?? number on 2207 is disconnected. fake", "¿Es en Hialeah? No trabajo esa
        # zona, paso con la 3307": a question that names nothing of ours, then the answer with a code of its own
        key in REPORTS | {"decline", "connect", "call"} and _command_key(asked) is None and _code_of_its_own(
            clauses, index, later) and not (any(each.asks for each in clauses[later:]) or HYPOTHETICAL.search(
                clause.text) or NOT_OURS.search(asked.text)),
        # "Cuánto cuesta el 7012? Ah ya vi, $50. Cárguenlo a mi tarjeta": the question answered by the agent
        key in OFFER_ANSWERS and not clause.asks and QUESTION_ANSWERED_ITSELF.match(
            clauses[index + 1].text) is not None,
    ))


def _answer_after_confusion(message: Message, clause: Clause) -> str | None:
    """An answer said after the agent says they are unsure how it all works (not asked), or after asking how to
    give it and then giving it with its code ("how do i report a fake lead?? number on 5127 is disconnected")."""
    if clause not in message.clauses:
        return None
    later = [each for each in message.clauses[message.clauses.index(clause) + 1:] if not each.asks]
    if not clause.asks and CONFUSED.search(clause.text):
        confused = next((key for key in map(_command_key, later) if key in ANSWERS_WHEN_CONFUSED), None)
        if confused:
            return confused
    asked_how = clause.asks and HOW_TO_ASKED.search(clause.text)
    plainly = next((key for each in later if (key := _command_key(each)) in SAID_PLAINLY_AFTER_HOW and _names(
        clause, key) and PLAIN_COMMAND.match(each.text)), None) if asked_how else None
    if plainly:
        return plainly
    named = next((key for each in later if (key := _command_key(each)) in REPORTS and (KEYWORD_SAID.fullmatch(
        _strip_ref(each.text)) or (_names(clause, key) and _asks_nothing_after(message, each))) and not (
        HYPOTHETICAL.search(each.text))), None) if clause.asks or _command_key(clause) == "help" else None
    if named:  # "¿Cómo les aviso que no se dio? El cliente decidió seguir rentando", "what does FAIL mean, giving it
        return named  # back? then FAIL. client hasnt answered ...": the outcome asked about, then told
    if any(each.asks and each.text and not KEYWORD_ECHOED.fullmatch(each.text)
           for each in message.clauses[message.clauses.index(clause) + 1:]):
        return None  # "what format do you need? SOLD 450000, SOLD $450k, or should I include the cents?": examples
    return next((key for each in later if (key := _command_key(each)) in REPORTS | {"award", "pause"}
                 and _told_outright(message, each, key) and not HYPOTHETICAL.search(each.text)), None)


def _asks_nothing_after(message: Message, clause: Clause) -> bool:
    return not any(each.asks for each in message.clauses[message.clauses.index(clause) + 1:])


def _told_outright(message: Message, clause: Clause, key: str) -> bool:
    """An answer that stands on its own after a how-to question: with its code, a sale with its price ("how do I
    report a closing? We closed on the 19th, final sale price $412,250.00"), a referral given back ("¿Qué contesto
    si es comercial? ... se la devuelvo"), a pause asked with its end."""
    if _typed_codes(clause.text):
        return True
    rest = message.text[max(message.text.find(clause.text), 0):]
    if key == "sold":
        price = _price(dates.remove_dates(rest))
        return DONE_SALE.search(clause.text) is not None and price is not None and price.money
    if key == "fail":
        return GIVEN_BACK.search(rest) is not None
    return key == "pause" and PAUSE_REQUEST.search(rest) is not None and dates.parse_until(
        rest, message.today) is not None


KEYWORD_ECHOED = re.compile(r"(?:vendido|vendida|sold|fallido|invalido|en proceso|no sale|fail|invalid)")  # "¿vendido?"


KEYWORD_SAID = re.compile(r"(?:so|then|entonces|asi que) (?:fail|invalid|no sale|sold|in progress)"
                          r"(?: on| for| en| para)?[.!]*")
SAID_PLAINLY_AFTER_HOW = frozenset({"pause", "resume", "claim", "invoice", "agree", "decline"})
ANSWERS_WHEN_CONFUSED = OFFER_ANSWERS | {"decline", "connect"}  # "No entiendo cómo contacto al cliente. Conécteme"


CONFUSED = re.compile(r"\b(?:no se|no entiendo|i don'?t know|i don'?t understand|idk|not sure)(?: bien| really"
                      r"| exactly)? (?:como|how)\b")
THEY_WILL_ANSWER = re.compile(r"\b(?:she|he)(?:'ll| will) (?:reply|respond|answer|report|update you|confirm|follow up)"
                              r"(?: it)? (?:herself|himself|directly|on (?:her|his) own|from (?:her|his) own)\b")
LOSS_BEFORE_SILENCE = re.compile(r"\bafter (?:the|their|his|her|our) (?:inspection|appraisal|deal|offer|financing|loan"
                                 r"|contract|first (?:house|home|deal|offer)) (?:fell through|fell apart|died"
                                 r"|collapsed|blew up)\b")
INVOICE_DESCRIBED = gates.GatedPattern(
    r"\b(?:the |your |my |this )?invoice(?: (?:#|no\.?|number) ?| )(?:inv-?)?[0-9-]*\s*"
    r"(?=(?:says|shows|lists|has|is for|was for|amount|total)\b)"
    r"|\b(?:recibi|me llego) (?:la|su|tu) factura\b")  # "Recibí la factura pero dice $75"


def _ours_after_theirs(message: Message, clause: Clause) -> str | None:
    """The report a later clause gives, free of anyone else, after a clause with someone else's news."""
    if clause not in message.clauses or not NOT_OURS.search(clause.text):
        return None
    later = (_command_key(each) for each in message.clauses[message.clauses.index(clause) + 1:]
             if not each.asks and not NOT_OURS.search(each.text))
    return next((key for key in later if key in REPORTS), None)


PROBABLE_CLOSING = re.compile(r"\b(?:i|we|they)(?:'ll| will)? (?:probably|prob|prolly|likely|hopefully|maybe)"
                              r" (?:close|be closing|sell)\b")
STILL_SEND = re.compile(r"\b(?:igual|aun asi|de todas formas) (?:me )?(?:pueden|puedes) (?:mandar|enviar)\b"
                        r"|\b(?:you can |feel free to )?(?:still|keep) send(?:ing)? (?:me )?(?:referrals|leads)\b")
YES_I_KNOW = re.compile(r"\byes,? i know\b|\bya se\b|\bsi,? ya se\b")
SENT_EARLIER = re.compile(r"(?:i )?(?:already )?(?:sent|emailed|texted|forwarded|mailed) (?:you |u |y'?all )?"
                          r"(?:the|my|a|an|that|those) ")
NEGATIVE_WORD = re.compile(r"\b(?:not|no|never|nada|nunca)\b|n'?t\b")
ALREADY_ANSWERED = re.compile(r"\bi (?:already )?(?:answered|replied|responded|told you)(?: to)? (?:this|that|you)"
                              r"(?: already)?\b|\bya (?:les |te )?(?:conteste|respondi)\b")
CARD_TROUBLE = re.compile(r"\b(?:card|tarjeta|payment|pago)\b.{0,20}\b(?:declined|rechaz\w*|didn'?t go through"
                          r"|failed)\b")
HOW_IT_WORKS = re.compile(r"(?:(?:hi|hey|hello|hola|so|ok|wait),? )*(?:do i|does|should i|if i|which one|what happens"
                          r"|how do i|how does|is this (?:how|where|the way|the right way)|am i doing this right"
                          r"|si (?:contesto|pongo|respondo|le doy)|pongo|tengo que|como (?:se|funciona|le hago)"
                          r"|que pasa)\b")
QUESTION_ANNOUNCED = re.compile(r"(?:a |one )?quick question\b|(?:i have|i've got|got) a (?:quick )?question\b")
PAYING_ASKED = re.compile(r"\b(?:pay|paid|charge|charged|cost|costs|fee)\b")
PRICE_SAID_BACK = re.compile(r"(?:(?:buy|pay|charge|bill)(?: it| me)? for |son |es |is it |it'?s |cuesta )?"
                             r"(?:\$ ?[0-9]{2,3}(?:\.00)?|[0-9]{2,3} (?:dollars|dolares|bucks))")
ECHOED_KEYWORD = re.compile(r"(?:no sale|fail|failed|pause|paused|sold|invalid|stop|pass|in progress)")
RECALLED = re.compile(r"(?:s+o+|ok|hey|well|hi|and)?,? ?(?:do you |you |u )?(?:remember|recuerdan?|se acuerdan?"
                      r"|te acuerdas)\b")
RHETORICAL = re.compile(r"(?:(?:do )?(?:you|u|y'?all) want (?:an? )?(?:update|news)|did (?:you|u) know"
                        r"|what do (?:you|u) mean"
                        r"|(?:quieren|quiere|quieres) saber)\b")
SOLD_AT_A_PRICE = re.compile(r"sold (?:at |for )?\$?[0-9]")
WHO_ANSWERS = re.compile(r"\b(?:is this|am i (?:talking|texting|speaking|chatting) (?:to|with)|are (?:you|u)|es usted"
                         r"|eres|estoy hablando con|hablo con) (?:a |an |una? )?(?:real |actual )?(?:person|human|bot"
                         r"|robot|machine|persona|humano|maquina|computer|automated)\b"
                         r"|\b(?:hay (?:una persona|alguien) leyendo"
                         r"|who'?s (?:actually |really )?reading (?:these|this)"
                         r"|is (?:anyone|anybody|someone|a person|a human) (?:actually |really )?reading)\b"
                         r"|\b(?:who|con quien) (?:am i|estoy|hablo)(?: (?:talking|texting|speaking|chatting|hablando"
                         r"|escribiendo)(?: to| with| con)?)?$")
PAUSE_LENGTH = re.compile(r"\b(?:for|por|durante) (?:[0-9]+|a|an|one|two|three|four|six|un|una|dos|tres|cuatro|seis)"
                          r" (?:days?|weeks?|months?|dias|semanas|meses)\b")
THAT_HAPPENED = re.compile(r"(?:(?:bc|because|cause|cuz|cos|since|as|and|well|coz) )?(?:that'?s|thats|that is"
                           r"|this is|which is|eso es lo que|eso fue lo que) (?:exactly |literally )?what"
                           r"(?: (?:just|actually|really))? (?:happened|paso|sucedio)(?: here| to me| to us"
                           r"| with (?:them|him|her|this one))?(?: (?:lol|haha|lmao|smh|ugh|jaja))*")
# a question about how the network pays, takes reports or checks its leads, asked before the news it is about
ASKED_HOW_WE_WORK = re.compile(r"\b(?:get paid|paid out|payout|payment|pago|mi cheque|my check|commission check"
                               r"|report(?:ing)?|reportar|reporto|deadline|a copy of|paperwork|documents|docs"
                               r"|settlement statement|closing disclosure|keep trying|verif(?:y|ied)|vet(?:ted)?"
                               r"|formulario|form|in the system|en el sistema)\b")
QUESTION_ANSWERED_ITSELF = re.compile(r"(?:ah|oh|ahh|ohh) (?:ya|ok|okay|right|yes|si)\b"
                                      r"|(?:nvm|never ?mind),? (?:found|got) it\b")
HOW_ASKED = re.compile(r"(?:so |ok |sorry )?(?:how (?:do|can|would|should) i|can i (?:do|reply|answer|respond)"
                       r"|como (?:le |les )?(?:hago|pauso|pongo"
                       r"|aviso|reporto|contesto|respondo|marco|devuelvo))\b")
OK_YES = re.compile(r"(?:ok|okay|alright|fine)[, ]+(?:yes|si)\b")
ANYWAY = re.compile(r"(?:anyway|anyways|anyhow|en fin|bueno|either way|regardless|de todas formas|igual"
                    r"|in any case|at any rate|en todo caso|de todos modos"
                    # "what price range is 4821? eh doesnt matter, YES", "...? ok whatever, BUY"
                    r"|(?:eh |meh |ok |okay )?(?:whatever|(?:it )?(?:doesn'?t|does not|don'?t) matter|no importa))\b")
BARE_NO = re.compile(r"(?:no|nope|nah)[.!]*")


def _first_command_coded(message: Message, key: str) -> bool:
    """Whether the first clause with a command is `key` with its code, free of any grumble ("Fine, I'll take 7093.
    Your last three leads were ghosts ...", "Returning 3744. ... maybe look at a map next time")."""
    first = next((clause for clause in message.clauses if _command_key(clause)), None)
    return first is not None and _command_key(first) == key and len(_typed_codes(first.text)) == 1 and len(
        first.text.split()) <= SHORT_ANSWER_WORDS and not COMPLAINT.search(first.text)  # not "I closed 3390 back in
    # September and 4127 in early October ...", the story the complaint is about


SHORT_ANSWER_WORDS = 8


def _said_by_keyword(message: Message, key: str) -> bool:
    """Whether a clause is nothing but the command's keyword ("Pass on 6128.", "NO.")."""
    for clause in message.clauses:
        said = _strip_ref(clause.text)
        keyword = GRUDGING_KEYWORD.fullmatch(said)
        if (keyword and GRUDGING_INTENTS[keyword["keyword"]] == key) or (key == "decline" and BARE_NO.fullmatch(said)):
            return True
    return False


def _a_pick(clause: Clause, key: str) -> bool:
    """An award that names its agent ("I'll go with the second agent on the list for 6012")."""
    text = _strip_ref(clause.text)
    named = AWARD_CHOICE.search(text) or ORDINAL_CHOICE.search(text)
    return key == "award" and bool(named) and not NEGATION.search(text)


def _command_key(clause: Clause) -> str | None:
    return _command_key_of(clause.text)


@lru_cache(maxsize=8192)
def _command_key_of(clause_text: str) -> str | None:
    """Memoised: each clause is asked about several times (affirmed? which command? what else is named?). A
    concession before the keyword ("either way BUY", "por si acaso: ...") is not part of it."""
    text = LEADING_OK.sub("", CONCEDED_FIRST.sub("", _strip_ref(clause_text)))
    return PHRASE_BOOK.first(text)


CONCEDED_FIRST = re.compile(r"^(?:either way|anyway|anyways|anyhow|regardless|in any case|just in case|por si acaso"
                            r"|de todas formas|de todos modos|en todo caso)[,:]? (?=\S)")


def _names(clause: Clause, key: str) -> bool:
    """Whether a phrase of `key` is in the clause, whichever command it is read as first."""
    text = LEADING_OK.sub("", _strip_ref(clause.text))
    return PHRASE_BOOK.names(text, key)


def _matched_phrase(clause: Clause, key: str) -> str:
    text = LEADING_OK.sub("", _strip_ref(clause.text))
    match = next((found for name, pattern in COMMAND_PATTERNS if name == key and (found := pattern.search(text))), None)
    return repr(match.group()) if match else "?"


def _alternatives(message: Message, chosen: str | None) -> tuple[str, ...]:
    """Every other intent some clause of the message names, in order."""
    keys = (_command_key(clause) for clause in message.clauses)
    return tuple(dict.fromkeys(key for key in keys if key and key != chosen))


@lru_cache(maxsize=8192)
def _strip_ref(text: str) -> str:
    """The clause without referral codes ("4821 yes", "claim #4821"), which no keyword pattern needs; two codes
    named together read as "both" ("I'll take 4410 and 4412"). A clause is asked about by many checks, and most
    have no three digits in a row, so no code to take out."""
    if not THREE_DIGITS.search(text):
        return SPACES.sub(" ", BOTH_TWICE.sub("both", text)).strip(" .,:")
    paired = TAKEN_CODE.sub(r"\1 it", BOTH_TWICE.sub("both", CODE_PAIR.sub(" both ", text)))
    return SPACES.sub(" ", ANY_REF.sub(" ", LEADING_REF.sub("", paired))).strip(" .,:")


SPACES = re.compile(r"\s+")


BOTH_TWICE = re.compile(r"\bboth(?:\s+both)+\b")  # "yes 4821 and 4822 both"
TAKEN_CODE = re.compile(r"\b(take|grab|claim|give) #? ?[0-9]{3,5}\b(?! ?(?:k|mil)\b)")  # "I'll take 4417 in Houma": it


CHECKS: tuple[Callable[[Message], Reading | None], ...] = (
    _check_empty, _check_reaction, _check_auto_reply, _check_blast, _check_stop, _check_help, _check_start,
    _check_negation,
    _check_ack, _check_command, _check_question,
)
EARLY_CHECKS = CHECKS[:CHECKS.index(_check_start) + 1]  # the ones that can opt out or in
LATER_CHECKS = CHECKS[len(EARLY_CHECKS):]


# Building intents


def _find_ref(text: str, taken: amounts.Number | None = None) -> str | None:
    """The referral code: a #NNN if there is one, else the first plain number of 4-8 digits that is not a price,
    or of 3 digits right after the first word ("claim 123"): a three-digit number further in is rarely a code
    ("pre-approved up to 450")."""
    text = _not_codes_blanked(text)  # "TREC #0612774" is a licence, # or not
    hashed = HASH_REF.search(text) or NAMED_REF.search(text)
    if hashed:
        return hashed.group(1)
    for number in amounts.scan_numbers(dates.remove_dates(text)):
        shortest = 3 if SECOND_WORD.fullmatch(text[:number.start]) else 4
        is_price = taken is not None and number.digits == taken.digits  # the price, wherever it was found
        if not number.money and shortest <= len(number.digits) <= 8 and not is_price:
            return number.digits
    return None


def _ref(message: Message) -> str | None:
    """The code, not a house number typed before its street ("offer in on a 3/2 at 1418 Maple")."""
    ref = _find_ref(message.text)
    return None if ref is not None and ref in _house_numbers(message.raw) and not HASH_REF.search(
        message.text) else ref


def _only_code(message: Message) -> str | None:
    """The one code a message types, or None when it types several ("I'm mixing up 4417 and 4471": a list of
    all of them answers better than one of them)."""
    codes = set(_typed_codes(message.text))
    return _ref(message) if len(codes) <= 1 else None


def _corrected_price(text: str) -> amounts.Number | None:
    """A price typed again to correct the one before: "SOLD 2915 $415k\n*451k, fat fingers"."""
    corrected = CORRECTED_PRICE.search(text) or PRICE_NOT_THAT.search(text)  # "ugh autocorrect!! 410k not 401k"
    return _price(corrected["price"]) if corrected else None


PRICE_NOT_THAT = re.compile(r"(?P<price>\$[0-9][0-9,.]*(?: ?(?:k|m)\b)?|\b[0-9][0-9,.]* ?(?:k|m)\b),? not \$?[0-9]")


CORRECTED_PRICE = re.compile(r"(?:\n\s*\*\s?|\b(?:i meant|meant to (?:say|type)|correction:?) (?=\$)"
                             r"|\bcorrection[,:]?(?: sorry[,:]?)? [^$.!?\n]{0,60}?(?=\$)"
                             r"|\b(?:corrijo|correccion|correction|i mean|quise decir|digo|sorry|perdon"
                             r"|no wait|(?:wait,? )?(?:no,? )?typo)[,:]? (?:(?:fueron|fue|era|eran|son|es|was|it was"
                             r"|its|it's) )?(?=\$?[0-9][0-9,.]*"
                             r"(?: ?(?:k|mil)\b))"
                             r"|\b(?:wait,? no|no wait|i mean|sorry|perdon|digo)[,:]? (?=[0-9]{3}\b(?![,.][0-9]))"
                             r"|\b(?:scratch that|actually|correction)[,:]? (?:the )?final (?:price )?"
                             r"(?:was|is|came in at)[,:]? (?=\$?[0-9])"  # "SOLD $450k\nscratch that, final was 455,000"
                             r"|\n\s*(?:perdon|perdona|sorry|oops|correction|correccion|digo|i mean|typo)[,:!.]* "
                             r"(?:(?:fueron|fue|era|eran|son|was|it was|its|it's|is|make it|more like) )?)"
                             r"(?P<price>\$?[0-9][0-9,.]*(?: ?(?:k|m)\b)?)")


def _sold(message: Message, clause: Clause) -> Intent:
    """The price and the code of a sale report. A bare number of five digits or more is the price ("SOLD
    450000"); a bare three-digit one is thousands ("sold 450" is $450k: no home sells for $450, and our codes
    are longer); four digits stay a code ("Sold 4821")."""
    text = dates.remove_dates(message.text)
    if NOT_OURS.search(clause.text):  # "Mi vecino vendió su casa en 520 mil y la referencia 6107 también cerró"
        clause = next((other for other in message.clauses if not NOT_OURS.search(other.text)
                       and DONE_SALE.search(other.text) and _typed_codes(other.text)), clause)
    theirs = NOT_OURS.search(text)
    if theirs and not _ours_beside_theirs(message, "sold") and not _own_business_after(message, "sold", theirs):
        return Unknown("unrecognised")
    if PURCHASE_WORD.search(clause.text) and OTHER_PARTY.search(text):
        # "bought a house in another state", "purchased through Redfin": a purchase, maybe not through the agent
        return Unknown("unrecognised")
    following = dates.remove_dates(_next_clause(message, clause))
    # money only: "Austin TX 78704" is a zip; not a list price ("List price was $489,000; final sale price $472,500")
    beside = None if PRICE_NOT_SOLD_AT.search(following) else _price(following)
    own = dates.remove_dates(clause.text)
    own_price = _price(LISTED_AT.sub(" ", own)) or _price(own)  # "Listed 529 sold 515": the price it sold at
    amount = own_price or (beside if beside and beside.money else None) or _price(text)
    final = (FINAL_PRICE.search(text) or _sale_price_said(text)) if own_price is None else None
    # "the appraisal came in low at $505k ... so we closed at $498,000", "quería algo por 350 mil ... Vendida en 318
    # mil": the price the sale is said at
    amount = (_price(final["price"]) or amount) if final else amount  # "listed at $419,900, ... a $11k quote,
    # ... the final sale price came in at $412,250.00": the price named as the final one
    said_first = amount
    amount = _corrected_price(message.text) or amount
    slip = CORRECTION_SAID.search(text)
    # "... se vendió en 275 mil, pero me equivoqué al escribir. El precio final fue 257 mil": the price said again
    # after the slip
    restated = (FINAL_PRICE.search(text, slip.end()) or PRICE_RESTATED.search(text, slip.end())) if slip else None
    amount = (_price(restated["price"]) or amount) if restated else amount
    precise = EXACT_PRICE.search(text)  # "a hair under 500... 497,5 to be exact"
    amount = (_price(precise["price"]) or amount) if precise else amount
    if amount is None and _small_money_only(text) and not (HOME_WORDS.search(text) or _find_ref(text)):
        return Unknown("unrecognised")  # "sold it to a guy from church for 6k": no home, no referral
    ref = _find_ref(text, taken=amount)
    if said_first and ref == said_first.digits:  # "SOLD 450... perdón, 445k": the slip is no code; "SOLD 450 on
        ref = _find_ref(text, taken=said_first)  # 3642... sorry 455k": the code is the other number
    return Report(Outcome.SOLD, ref=ref, amount=amount.dollars if amount else None)


OUR_OWN_WORDS = gates.GatedPattern(
    r"(?:new|paid|nueva|nuevo) (?:referral|referencia|referido) #|how is referral #"
    r"|reply (?:yes to claim|buy to purchase|agree to accept|award|sold \$)"
    r"|you've claimed #|^\s*[0-9]+ agents want|your fee agreement for #", re.I)
FINAL_PRICE = re.compile(r"\b(?:final (?:sale |sales |purchase |contract )?price|(?:final )?sale price|precio final"
                         r"|precio de (?:venta|cierre)(?: final)?"
                         r"|final(?: number| figure)?(?: on the (?:settlement|closing) (?:statement|disclosure)"
                         r"| on the cd)?(?= (?:was|came in at|came to|is)\b))\b"
                         r"(?: (?:on|for|de) (?:referral |ref |lead |la "
                         r"|el )?#?[0-9]{3,8}\b)?"
                         r"(?:(?!\b(?:ref|referral|referido|referencia|lead|code)\b)[^$0-9.!?]){0,25}"
                         r"(?P<price>\$?[0-9][0-9,.]*[0-9](?: ?(?:k|m"
                         r"|million)\b)?)")


def _sale_price_said(text: str) -> re.Match[str] | None:
    """The price a sale is said at ("so we closed at $498,000"), not in a sentence about someone else's."""
    return next((said for said in SALE_PRICE_SAID.finditer(text)
                 if not NOT_OURS.search(_sentence_around(text, said.start()))), None)


def _sentence_around(text: str, at: int) -> str:
    """The sentence of `text` that holds position `at` ("" when none does)."""
    return next((match.group() for match in SENTENCE.finditer(text) if match.start() <= at < match.end()), "")


# "Perdón, me equivoqué de cifra: fueron 257 mil, no 275": the price said again after the slip
PRICE_RESTATED = re.compile(r"\b(?:fueron|fue|eran|era|it was|it'?s|was|really)\s+(?P<price>\$?[0-9][0-9,.]*[0-9]"
                            r"(?: ?(?:k|m|mil|million)\b)?)")
CORRECTION_SAID = re.compile(r"\b(?:correccion|correction|me equivoque|i was wrong|typo|transposed)\b"
                             r"|\bi (?:said|wrote|texted|told you)\b[^.!?]{0,40}\bbut\b")  # "I said it closed at
# $612,000, but the final number on the settlement statement is $598,500"
SALE_PRICE_SAID = re.compile(r"\b(?:(?:closed|sold|cerramos|cerro|cerraron|vendida|vendido|se vendio)(?: it)? (?:at|for"
                             r"|en|por)|(?:we|they) took)"
                             r" (?P<price>\$?[0-9][0-9,.]*[0-9](?: ?(?:k|m|mil|million)\b)?)")
EXACT_PRICE = re.compile(r"(?P<price>\$?[0-9][0-9.,]*(?: ?(?:k|m))?)\s*(?:to be exact|exactly|on the nose)\b")


def _next_clause(message: Message, clause: Clause) -> str:
    """The clause after `clause`: "#8832 ya se vendió: cerramos el martes en medio millón" says the price there."""
    index = next((n for n, each in enumerate(message.clauses) if each == clause), len(message.clauses))
    return message.clauses[index + 1].text if index + 1 < len(message.clauses) else ""


def _price(text: str) -> amounts.Number | None:
    """The sale price: the first money-looking number big enough for a home (a "5k credit" is not), else a long
    plain number, else a bare three-digit one read as thousands ("closed at 515"). A number named as the
    referral ("referral 60214 has closed") is none."""
    text = dates.blanked(PRICE_ZIP, dates.blanked(NAMED_REF, text))  # "the condo in 33157"
    text = dates.blanked(CODE_THAT_CLOSED, text)  # "60214 finally closed!! 389k"
    text = dates.blanked(STREET_NUMBER, text)  # "closed Friday on 118 Oak Hollow Dr. Final price $389,500.00"
    text = dates.blanked(CREDITED, text)  # "vendida en 450, el comprador recibió 6 mil de crédito por el techo"
    text = dates.blanked(ROUGH_PRICE, text)  # "landed in the low 400s, will send exact # once I get the CD"
    unlisted = dates.blanked(PRICE_NOT_SOLD_AT, text)  # "Listed at $535,000 and we got it for $518,500": the second
    found = amounts.find_amount(unlisted) or amounts.find_amount(text)
    if found is not None and not found.money:  # "Vendida la 60377 en cuatrocientos cincuenta mil": the words
        found = amounts.in_words(unlisted) or found
    if found is not None and found.money and found.dollars < SMALLEST_PRICE:
        bigger = [n for n in amounts.scan_numbers(text) if n.money and n.dollars >= SMALLEST_PRICE]
        found = bigger[0] if bigger else None
    return found or amounts.find_thousands(unlisted) or amounts.find_thousands(text)


CODE_THAT_CLOSED = re.compile(r"(?<![$0-9,.])\b[0-9]{4,6}(?= (?:(?:finally|just|officially|has|is|already) )*(?:closed"
                              r"|sold|cerro|se vendio|funded|recorded)\b)|(?<=closed on )[0-9]{4,6}\b(?![,.][0-9])"
                              r"(?! (?:one|two|three|four|five|six|seven|eight|nine)\b)")
STREET_NUMBER = re.compile(r"\b[0-9]{2,6}(?= (?!on\b|at\b|for\b|in\b|k\b)[a-z]+ (?:[a-z]+ )?(?:st|street|dr|drive|ave"
                           r"|avenue|rd|road|ln|lane|ct|court|blvd|way|pl|place|cir|circle|ter|pkwy|hwy)\b)")
ROUGH_PRICE = re.compile(r"\b(?:low|mid|high|upper|lower)[- ]?\$?[0-9]{1,3}(?:k|,000)?'?s\b"
                         r"|(?<!\$ )(?<!\$)\b[0-9]{3}k? ?[-\u2013 ] ?\$?[0-9]{3}k?\b"  # "at 410-415... final was"
                         r"|\b(?:just|a hair|a bit|slightly|right) (?:under|over|below|above|around) \$?[0-9]{3}k?\b"
                         r"(?![,.][0-9])")  # "Sold for just under 400 😅": no price said
CREDITED = re.compile(r"\b(?:commission|comm|check|your (?:[0-9]{1,2}% ?|cut|share|fee)) (?:check )?(?:to [a-z ]+ )?"
                      r"(?:was|is|of|comes to|came to|=) \$?[0-9][0-9,.]*"  # "Commission check ... was $11,340"
                      r"|\$?[0-9][0-9,.]*(?: ?(?:k|mil|m)\b)?(?= (?:de |en |in |of |dollars? (?:in |of )?)?(?:credito"
                      r"|credit|concessions?|concesion|closing costs|seller credit|repair credit)\b)")
PRICE_ZIP = re.compile(r"\b(?:in|en|del|zip(?: code)?|near|area) #?[0-9]{5}\b"
                       # "Closed the 78704 buyer friday, 515k": the area names the client
                       r"|(?<![$0-9,.])\b[0-9]{5}(?= (?:buyers?|sellers?|clients?|leads?|listing|family|couple)\b)"
                       r"|\b(?:in|en) (?!(?:cash|escrow|total|all|full|the|a|an|at|for|de|por|el|la)\b)"
                       r"[a-z]+(?: [a-z]+)?,?"
                       r" (?:[a-z]{2},? )?[0-9]{5}\b(?![,.][0-9]| ?(?:k|mil)\b)")  # "a 4-bed in Plano 75024"
LISTED_AT = re.compile(r"\b(?:listed|list(?:ing)? price|list|asking(?: price)?)(?: was| at| for| of| is)?"
                       r" \$?[0-9][0-9,.]*"
                       r"(?: ?(?:k|m|mil)\b)?")
PRICE_NOT_SOLD_AT = re.compile(r"\b(?:listed (?:at|for)|list(?:ing)? price(?: was| of| at)?|list (?:was|is|at)"
                               r"|asking(?: price)?(?: was| of)?"
                               r"|originally (?:listed|asking)(?: at| for)?|pedian|pedia|precio de lista(?: era| de)?"
                               r"|apprais(?:ed|al)(?: (?:came|come) (?:in|back))?(?: (?:low|high|short))?"
                               r"(?: (?:at|for|of|was))?|tasaron(?: la casa| la propiedad)? en|tasad[ao] en"
                               r"|(?:la )?tasacion (?:salio |llego |fue )?(?:en|de)"
                               r"|avaluo (?:salio |llego |fue )?(?:en|de)|avaluad[ao] en)"
                               r" ?\$?[0-9][0-9,.]*(?: ?(?:k|m|million|mil)\b)?")


def _small_money_only(text: str) -> bool:
    money = [n for n in amounts.scan_numbers(text) if n.money]
    return bool(money) and all(n.dollars < SMALLEST_PRICE for n in money)


def _invalid(message: Message, clause: Clause) -> Intent:
    """The reason is the agent's own words: what follows "invalid" (and the code), or the whole message."""
    if WRONG_PERSON.fullmatch(" ".join(re.findall(r"[a-z0-9#]+", message.text))) or (
            WRONG_NUMBER.search(message.text) and not LEAD_CONTEXT.search(message.text) and not _ref(message)):
        return Unknown("unrecognised")  # "Wrong number, I'm not a realtor": we texted the wrong person
    reason = " ".join(message.raw.split())
    match = INVALID_REST.match(reason)
    if match:
        reason = match["rest"]
    reason = reason.strip(" \t-:,.;!")
    return Report(Outcome.INVALID, ref=_ref(message), reason=reason or None)


def _fail(message: Message, clause: Clause) -> Intent:
    """Only two reasons may fail a referral; anything else leaves the reason empty for the handler to ask."""
    return Report(Outcome.FAIL, ref=_ref(message), reason=_fail_reason(message.text))


def _fail_reason(text: str) -> str | None:
    """"not a good fit" or "unresponsive" when the message gives one of them, else None (the agent's own slowness,
    "Mil disculpas por no contestar antes", is neither)."""
    text = OWN_DELAY.sub(" ", text)
    if NOT_A_FIT.search(text):
        return "not a good fit"
    return "unresponsive" if UNRESPONSIVE.search(text) else None


NOT_A_FIT = gates.GatedPattern(
    r"\bme dedico (?:exclusivamente |solamente |solo |unicamente )?a\b|"  # "me dedico exclusivamente a vivienda"
    r"\bnot residential\b|\bcommercial land\b|\blocal comercial\b|\b(?:trabajo )?unicamente (?:en )?(?:propiedades )?"
    r"residencial|"
    r"\bse limita (?:exclusivamente |solamente |solo |unicamente )?a\b|"
    r"\b(?:did ?n'?t|did not|don'?t|do not) (?:really )?click\b|"  # "we just didnt click"
    r"\b(?:good |bad |a |right )fit\b|\bbuen (?:candidato|fit)\b|\bwheelhouse\b"
    r"|\b(?:isn'?t|is not|not) (?:something|what) i (?:handle|do|work)\b"
    r"|\bnot my (?:niche|specialty|thing|lane)\b"
    # "It's a 40-unit apartment building. I sell single family homes. FAIL."
    r"|\bi (?:sell|list|do|handle) (?:single[- ]family|residential|condos|townhomes)\b"
    r"|\b(?:it'?s|its|this is) (?:a |an )?(?:[0-9]+[- ]unit |huge |small )?(?:apartment (?:building|complex)"
    r"|commercial (?:building|property|lot)|warehouse|strip (?:mall|center)|office (?:building|space)"
    r"|multi-?family (?:building|property))\b"
    r"|\b(?:i )?moved to [a-z]+\b[^.!?]{0,40}\bcan'?t (?:work|cover|serve|help)\b|\bcan'?t (?:work|cover|serve) [a-z]+"
    r" any ?more\b|\blicen[sc]e (?:went |is |was |has )?(?:inactive|expired|lapsed|suspended)\b|\bcan'?t represent\b"
    r"|\b(?:have )?never done (?:ag|farm|commercial|industrial|rural|ranch)\w*"
    r"|\b(?:i'?m|i am) a (?:condo|residential|luxury|commercial) specialist\b"
    r"|\b(?:commercial|land|industrial|rentals?|leasing|farms?|ranches|retail)(?: stuff| deals)? (?:isn'?t|is not"
    r"|aren'?t|are not|isnt) (?:really )?my (?:thing|niche|specialty|lane|area|wheelhouse)\b"  # "Commercial isnt my"
    r"|\bstrictly (?:residential|resale|commercial)\b|\bno commercial\b|\bcommercial only\b|\bonly commercial\b"
    r"|\bi don'?t (?:do|handle|work) (?:multi-?family|commercial|land|rentals?|leases|farms?|ranch\w*|industrial|retail"
    r"|mobile homes|apartments?)\b|\boutside (?:both )?my (?:service area|expertise)\b"
    r"|\bi only (?:do|work|handle|sell|cover)\b|\bi don'?t do (?:that|those|this kind)\b"
    r"|\bi (?:don'?t|do not) (?:handle|work|sell|take|list) (?:those|these|that kind|those kinds|them)\b"
    r"|\bwrong (?:property )?type\b"
    r"|\boutside (?:of )?my (?:practice|scope|niche|specialty|wheelhouse)\b|\((?:residential|commercial) only\)"
    r"|\bsolo (?:trabajo|hago"
    r"|manejo|vendo)\b|\btrabajo solamente\b"
    r"|\bno es para mi\b"
    r"|\b(?:trabajo|cubro|atiendo) (?:el |la |en )?[a-z ]{1,25}? nada mas\b"
    r"|\b(?:ya )?no (?:esta|queda|vive) en mi (?:area|zona)\b"
    r"|\bnot a (?:good )?match\b|\bout of my (?:area|market)\b|\boutside (?:of )?my (?:area|market)\b"
    r"|\b(?:i|we) (?:don'?t|do not) (?:do|offer|handle|work with|work) (?:leasing|rentals?|property management"
    r"|commercial"
    r"|land|wholesalers?|investors?|flips?|new construction|luxury|short sales?)\b"
    r"|\bnot the right (?:agent|person|realtor|fit) for (?:this|it|them|him|her)\b"
    r"|\b(?:isn'?t|is not|not) (?:really )?(?:my|in my|our|in our) (?:market|area|expertise|territory|line of work"
    r"|field"
    r"|specialty)\b"
    r"|\boutside (?:of )?what i (?:do|handle|work|sell)\b|\bi do only\b"
    r"|\bnot (?:my|in my) (?:line of work|line|field|specialty)\b|\b(?:hours?|miles) (?:away )?from (?:my"
    r"|our) (?:office|area|market|home base)\b|\bsomeone (?:local|closer)\b|\b(?:way )?too far (?:for|from) me\b"
    r"|\b(?:[0-9]+|two|three|four) (?:hours?|hrs?) (?:away )?from me\b|\b(?:trabajo|laburo) (?:puro|solo)\b"
    r"|\bno (?:lo|la) puedo atender como corresponde\b"
    r"|\bme queda (?:a [0-9]+ horas?|(?:muy )?lejos)\b|\b(?:queda|esta) a (?:[0-9]+|dos|tres|cuatro|cinco) (?:horas?"
    r"|millas) de (?:nosotros|mi|aqui)\b|\ba (?:[0-9]+|dos|tres|cuatro) (?:horas?|millas) de (?:mi|mis"
    r"|nuestra) (?:zona|area|oficina)\b|\b(?:fuera|lejos) de mi (?:zona|area|mercado)\b"
    r"|\bsolo trabajamos\b|\btrabajo solo (?:en"
    r"|residencial|comercial)\b|\bno (?:les|le) puedo dar buen servicio\b"
    r"|\bno (?:trabajo|hago|manejo|vendo|trabaja|hace|maneja|vende) (?:propiedades )?(?:comercial(?:es)?|rentas"
    r"|terrenos"
    r"|lotes|fuera de|esa zona|esa area|eso|esto)\b"
    r"|\bterreno comercial\b|\bno me sirve\b|\by yo trabajo en\b"  # "está en Puerto Rico y yo trabajo en Orlando"
    r"|\bcan'?t communicate\b|\blanguage barrier\b|\bout(?:ta| of) my lane\b|\bno trabajo alquileres\b"
    r"|\b(?:i'?m|we'?re|i am|we are) (?:residential|commercial) only\b|\bthat'?s commercial\b"
    r"|\bmuy lejos (?:de|para)\b|\bno conozco ese mercado\b"
    r"|\b(?:i|we) (?:don'?t|do not) (?:do|handle|work) (?:rural|ag|farm|acreage|ranch)\w*"
    r"|\bit'?s a commercial\b|\bwarehouse\b|\bcan'?t help (?:on|with) this\b|\bsolamente trabajo\b|\bno trabajo en\b"
    r"|\bno es (?:mi|nuestra|nuestro) (?:zona|area|mercado|territorio)\b|\bsolo tengo licencia\b|\bno es lo mio\b"
    r"|\bonly licensed in\b"
    r"|\btrabajo exclusivamente\b|\b(?:nobody|no one)(?: on (?:our|my) team)? (?:handles|does|works)\b"
    r"|\b(?:handle|do|work|sell) (?:residential|commercial)(?: properties| homes| sales)?"
    r" (?:exclusively|only)\b|\b(?:i|we) (?:only )?(?:sell|do|work) (?:condos|residential|homes|houses|luxury)\b"
    r"|\bi don'?t do (?:investment|investments|commercial|land|rentals|flips)\b"
    r"|\b(?:don'?t|do not|doesn'?t|does not) do commercial\b"
    r"|\bnone of (?:the agents|us) (?:on our team )?do\b"
    r"|\bfish out of water\b|\bneeds? a property manager\b|\bi don'?t work (?:down|up|over|out) there\b|\b(?:above"
    r"|beyond) my pay grade\b|\bout of my (?:depth|league)\b|\bsolo trabaja\w*\b"
    r"|\b(?:only|just) (?:does|do|handles?|works?"
    r"|sells?) (?:[a-z]+ )?(?:residential|commercial"
    r"|homes"
    r"|houses|condos|land|luxury|rentals)\b"
    r"|\bdon'?t (?:handle|do|work) (?:land|commercial|rentals|leases|ag|farms?|ranches)\b"
    r"|\boutside (?:of )?where i (?:work|sell|practice)\b|\bnot something i (?:have experience with|do|handle)\b"
    r"|\bi (?:don'?t|do not|dont) do (?:pm|property management|rentals|mobile homes)\b"
    r"|\b(?:my brokerage|we) (?:won'?t|don'?t|can'?t) (?:touch|do|handle)\b")
UNRESPONSIVE = re.compile(
    r"\b(?:neither|none of the) (?:clients?|buyers?|sellers?|leads?)\b[^.!?]{0,20}\b(?:has|have) (?:answered|responded"
    r"|replied|called back|picked up)\b|"  # "giving back 5240 and 5245, neither client has answered in 3 wks"
    r"\b(?:called|texted|emailed|tried|call|calling)\b[^.!?]{0,40}\b(?:[0-9]+|several|many|multiple|two|three|four"
    r"|five|six|seven|eight|nine|ten|a dozen) times\b|"
    r"\bmailbox (?:is |was )?(?:now )?full\b|\b(?:ni|no) me contesta\b|\bhung up on me\b|\bblocked (?:me|my number)\b"
    r"|\bnot (?:one|a single) (?:reply|response|call back|callback)\b|"
    r"\bdej(?:aron|o) de (?:contestar|responder)\b|\bno (?:ha|han|me ha|me han) (?:contestado|respondido)\b|"
    r"\b(?:hasn'?t|has not|haven'?t|have not) (?:answered|returned|responded to) (?:a single|one|any|my)\b|"
    r"\ben visto\b|\bcero respuestas?\b|\bnot a single (?:response|reply|answer|call ?back|word)\b"
    r"|\bno (?:coge|agarra|contesta|levanta) el (?:telefono|cel|celular)\b"
    r"|\b(?:nobody|no one|noone) (?:picks up|answers|ever answers)\b|\bghost(?:ed|ing)\b|\bme (?:hizo|hicieron) ghost"
    r"|\b(?:voicemails|textos|mensajes|llamadas)\b[^.!?]{0,60}\by nada\b"  # "voicemails, textos y emails ... y nada"
    r"|\bninguna respuesta\b|\bsin (?:obtener |recibir )?respuesta\b|\ben repetidas ocasiones\b|\bmensajes de voz\b|"
    r"\bnunca me (?:ha|han) (?:contestado|respondido)\b|\ben (?:[0-9]+|dos|tres|cuatro|cinco|seis|varias) ocasiones\b|"
    r"\bsilence\b|\b[0-9]+ (?:calls|texts|voicemails|vms)\b|\b(?:called|texted|emailed)\b[^.!?]{0,60}\bnothing\b"
    r"|\bcrickets\b|\bnada de nada\b|\bzero response\b|"
    r"\bunanswered\b|\bvoicemail (?:box )?(?:is )?full\b|\bcalled\b[^.!?]{0,30}\b(?:[0-9]+|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|a dozen|several|many|multiple|countless) times\b|"
    r"\b(?:un|non-?|not )responsive\b|\bnot responding\b|\bno response\b|\bghosted\b|\bghoste[oa]\b|\bnever respond"
    r"|\breach\b|\bno (?:responde|contesta)\b|\b(?:se )?desaparecio\b"
    r"|\b(?:llamado|escrito|marcado|llame|escribi|marque|textie|textee)\b[^.!?]{0,60}(?:\by|,) nada\b(?! mas)"
    r"|\bni el visto\b|\bnunca (?:me )?contesto\b|\bnothing,? not even an? (?:reply|response|text|call|no)\b"
    r"|\bnothing,? not even a\b"
    r"|\btried for (?:[0-9]+|two|three|four|several) (?:weeks|days|months)\b[^.!?]{0,20}[.!]? *(?:nada|nothing)\b"
    r"|\b(?:la|lo|les) (?:llame|marque|textee|escribi) [0-9]+ veces\b|\bningun[oa]? (?:de (?:los|las) (?:dos|tres)"
    r" |de ellos )?(?:contesta|responde)\b"
    r"|\bnunca (?:me )?(?:ha|han) (?:contestado|respondido)\b"
    r"|\b(?:has ?n'?t|has not|have ?n'?t|have not|not) (?:answered|responded|replied)"
    r"|\bnever (?:call|text|answer|pick|return|got back|get back|hear)|\bno (?:answer|reply|replies)\b"
    r"|\btried (?:calling|texting|emailing|reaching|to reach|contacting|everything)\b|\bno contact\b"
    r"|\b(?:won'?t|doesn'?t|does not|will not|don'?t) (?:respond|answer|reply|call back|pick up|return)"
    r"|\bnot (?:returning|answering)\b"
    r"|\bstopped (?:responding|answering|replying)\b|\bwent dark\b"
    r"|\b(?:has ?n'?t|has not|have ?n'?t|never|not) (?:picked up|returned|called back|gotten back)"
    r"|\bzero (?:response|reply|replies|contact)\b"
    r"|\bnothing (?:back|in (?:a |[0-9]+ |two |three |four |five |six )?(?:days?|weeks?|months?))\b"
    r"|\bnunca (?:me )?(?:contest|respond)\w*|\bno (?:me )?(?:contesta|responde)\w*"
    r"|\b(?:haven'?t|have not|never|not) heard (?:a peep|back|anything|a (?:single )?word)\b|\bnot a peep\b"
    r"|\bignored (?:[0-9]+|all|my|every|multiple|several|a (?:dozen|handful of)) (?:of my )?(?:calls|texts|emails"
    r"|messages)\b"
    r"|\b(?:called|texted|emailed) (?:him |her |them )?(?:[0-9]+ ?x\b|(?:[0-9]+|two|three|four|five|six|seven|eight"
    r"|nine|ten|several"
    r"|multiple) (?:times|x)\b)|\bdone chasing\b|\bni (?:el buzon )?contesta\b|\b(?:[0-9]+|varias|muchas"
    r"|tantas) veces y nada\b"
    r"|\b(?:escrito|llamado|textead[oa]|mandado mensajes)(?: y (?:escrito|llamado|textead[oa]|mandado mensajes))+\b"
    r"|\b(?:isn'?t|is not|not|never) (?:answering|responding|replying|picking up)\b"
    r"|\b(?:calling|texting|emailing)(?:[ ,/]+(?:and )?(?:calling|texting|emailing)){1,}\b"
    r"|\b(?:texts?|calls?|emails?)(?:[ ,/]+(?:and )?(?:texts?|calls?|emails?)){1,}\b"
    r"|\b(?:can'?t|cannot|couldn'?t|unable to) get (?:a ?hold of|through to)\b|\bvoice ?mail (?:is )?full\b"
    r"|\b(?:called|texted|emailed)(?:[ ,/]+(?:and )?(?:called|texted|emailed)){1,}\b")


def _resume(message: Message, clause: Clause) -> Intent:
    """Resume, unless the clause names a date ("back on Dec 3"): that is a plan, left to the operator; or the
    agent is back from lunch, not from an absence ("back from a showing", "back to you soon")."""
    day = dates.parse_until(clause.text, message.today)
    planned = day is not None and day > message.today and not RESUME_ASKED.search(message.text)  # "desde hoy 22/11"
    if planned or (SHORT_ABSENCE.search(clause.text) and not RESUME_ASKED.search(message.text)):
        return Unknown("unrecognised")  # not "I'm back to work, send me referrals": the ask says which back
    return Resume()


# "back in the office as of tomorrow ... turn my referrals back on": asked for now, whatever the date
RESUME_ASKED = re.compile(r"\bturn .{0,30}back on\b|\bresume\b|\bsend(?:ing)? (?:me )?(?:leads|referrals)\b"
                          r"|\bstart sending (?:them|me|leads|referrals)\b|\bready for (?:new )?(?:leads|referrals)\b"
                          r"|\bmand(?:ar|en)(?:me)? (?:los )?referidos\b"
                          r"|\bready for more\b|\b(?:start|resume) routing\b"
                          r"|\bun-?pause\b(?: me| my (?:account|referrals|leads))?"
                          r"(?! (?:then|that day|on|when|once|after)\b)"
                          r"|\b(?:nvm|never ?mind|cancel|forget|scratch|undo)(?: on| about)? (?:the|my) pause\b"
                          r"|\b(?:cancelen|cancela|cancele|olviden|quiten) (?:la|mi) pausa\b|\bsigan mand"
                          r"|\breactivate (?:my |the )?(?:referrals|leads|account)\b")


CAPACITY_OFF = re.compile(r"\b(?:off|none|no limit|unlimited|sin limite|sin maximo)\b|^(?:no|sin) ")
CAPACITY_COUNT = re.compile(r"(?<![0-9#$])([0-9]{1,2})(?![0-9])")
CAPACITY_PER = re.compile(r"\b(?:a|per|each|/|por|cada|x) ?(?:week|wk|semana)\b|^max(?:imum|imo)? [0-9]{1,2}$")


def _capacity(message: Message, clause: Clause) -> Intent:
    """"MAX 2 A WEEK" (or a bare "MAX 2"); "MAX OFF" lifts it. Anything else ("max 2 a month") is asked about."""
    if CAPACITY_OFF.search(clause.text):
        return Capacity(None)
    count = CAPACITY_COUNT.search(clause.text)
    if count is None or not CAPACITY_PER.search(clause.text) or int(count.group(1)) < 1:
        return Unknown("unrecognised")
    return Capacity(int(count.group(1)))


def _award(message: Message, clause: Clause) -> Intent:
    """The receiver by number ("award 2", "escojo a la agente 3") or by place ("the first agent on the list"); the
    one named after a second thought when there is one ("Dáselo al segundo agente\nno, mejor al primero")."""
    text = _strip_ref(clause.text)
    thought = SECOND_THOUGHT.search(message.text)
    said_again = _strip_ref(message.text[thought.end():]) if thought else ""
    if AWARD_CHOICE.search(said_again) or ORDINAL_CHOICE.search(said_again):
        text = said_again
    elif (again := CHOICE_SAID_AGAIN.match(said_again.lstrip(" ,.!:-\n"))) and again["number"]:
        return Award(ref=_ref(message), choice=int(again["number"]))  # "award 4410 al 3... no espera, al 1"
    meant = MEANT_CHOICE.search(text)
    if meant:  # "oops meant 2 not 3 for 4417, sorry!!"
        return Award(ref=_ref(message), choice=int(meant.group(1)))
    choice = AWARD_CHOICE.search(text)
    ordinal = ORDINAL_CHOICE.search(text)
    if choice:
        return Award(ref=_ref(message), choice=int(choice.group(1)))
    if ordinal:
        return Award(ref=_ref(message), choice=ORDINALS[ordinal.group(1) or ordinal.group(2)])
    numbered = NUMBERED_CHOICE.search(text)  # "Go with Ken (#1)"
    if numbered:
        return Award(ref=_ref(message), choice=int(numbered.group(1)))
    named = next((pick for pick in NAMED_PICK.finditer(message.raw) if _normalise(pick["name"]) in text), None)
    if named and named["name"].lower().split()[0] not in NOT_A_NAME:
        # "... cambié de opinión: mejor al primero, Laura Pérez ... asignen la 6150 a Laura": the name the ask gives
        return Award(ref=_only_code(message), choice=Award.BY_NAME, name=named["name"])
    ordinal = ORDINAL_CHOICE.search(message.text)  # "the 2nd one had the best vibe, give it to them"
    if ordinal:
        return Award(ref=_ref(message), choice=ORDINALS[ordinal.group(1) or ordinal.group(2)])
    numbered = NUMBERED_CHOICE.search(_strip_ref(message.text))  # "Pick Tom Reyes (number 1)", "la número 2"
    if numbered:
        return Award(ref=_ref(message), choice=int(numbered.group(1)))
    named = NAMED_PICK.search(message.raw)  # "Give it to Dana Whitfield": the handler finds her on the list
    if named and named["name"].lower().split()[0] not in NOT_A_NAME:
        return Award(ref=_only_code(message), choice=Award.BY_NAME, name=named["name"])
    if FIRST_TO_ANSWER.search(message.text):  # "go w whoever answered first": the list is in the order they answered
        return Award(ref=_ref(message), choice=1)
    described = DESCRIBED_PICK.search(message.text) or DESCRIBED_BY_A_WORD.search(message.text)
    if described:  # "The one from Compass pls": no name the list has, so the handler asks for the number
        return Award(ref=_only_code(message), choice=Award.BY_NAME, name=described["who"])
    return Unknown("unrecognised")


FIRST_TO_ANSWER = re.compile(r"\bwho(?:ever)? (?:answered|responded|replied|raised (?:their|a) hand|said yes)"
                             r" first\b|\b(?:al|la) primer[oa] que (?:contesto|respondio)\b")
# A receiver described, not named: "the one from Compass", "the lady who speaks Spanish", "la agente de Hialeah"
DESCRIBED_PICK = re.compile(r"(?P<who>\b(?:the|whoever|a la|al|la|el) (?:one|agent|lady|guy|woman|man|realtor|gal"
                            r"|agente"
                            r"|senora|sra|muchacha|chica|[a-z]+ (?:agent|one|lady|guy|realtor))"
                            r" (?:from|in|at|with|who|que|de|near|closest)\b"
                            r"(?:[^.,!?]{0,40}?(?= it is\b)|[^.,!?]{0,40})"
                            r"|\bwhoever (?:speaks|knows|lives|works|has|is|does)\b[^.,!?]{0,40})")  # "whoever speaks"


# "Award the Coronado agent 🏖️": described by one word
DESCRIBED_BY_A_WORD = re.compile(r"\b(?:award|go with|going with|give it to|let'?s do) (?P<who>the (?:[a-z/&-]+ ){1,3}"
                                 r"(?:agent|realtor|lady|guy|one))\b")
MEANT_CHOICE = re.compile(r"\bmeant (?:agent |#|number )?([1-9]) not (?:agent |#|number )?[1-9]\b")


# Read by `_check_command` and `_guard`: a resume or a call still to come, an outcome asked about, a loss signed
RESUME_LATER = re.compile(r"\b(?:will|i'?ll|gonna|going to) (?:turn|switch) (?:[a-z]+ ){0,2}back on (?:then|after|when"
                          r"|once)\b|\bback to normal (?:after|from|on|once|when)\b")
MAYBE_LATER = re.compile(r"(?:i )?(?:might|may|will probably|'ll probably) need (?:you|someone|somebody) to\b")
COUNT_AS_ASKED = re.compile(r"\b(?:does|would|should|do|will) (?:that|this|it) count as\b|\bbefore i (?:reply|answer"
                            r"|respond)\b[^.!?]*\?")
NO_SALE_SAID = re.compile(rf"\b(?:{NO_SALE_WORDS})\b")
NO_SALE_ON_THIS_ONE = re.compile(rf"\bso,? (?:{NO_SALE_WORDS}) (?:on|for) (?:this|that|the) (?:one|referral|lead)\b")
NO_SALE_CONCLUDED = re.compile(rf"(?:so |which means |meaning |asi que )?(?:{NO_SALE_WORDS})\b")


def _no_sale_signed(message: Message, key: str) -> bool:
    """A loss told with its code and said in the keyword's words ("Bad news on 3418, the seller went FSBO and sold to
    his neighbor's cousin, so no sale on that one"): whoever else is in the story, the outcome is ours; so when the
    conclusion names this referral ("... as of now he's FSBO, so no sale on this one")."""
    return key == "no_sale" and bool(NO_SALE_SAID.search(message.text)) and (
        bool(_typed_codes(message.text)) or bool(NO_SALE_ON_THIS_ONE.search(message.text)))


# A receiver named as the list names them, capitalised as names are: "Let's go with Priya Nair."
NAMED_PICK = re.compile(
    r"(?i:give (?:it |this one |the referral |the lead )?to|go(?:ing)? with|award (?:it |(?:referral )?#? ?[0-9]{3,8}"
    r" (?:and #? ?"
    r"[0-9]{3,8} )?)?(?:to|a)|pick|choose"
    r"|asign(?:en|e|a|ar)(?:le|se)?(?:lo|la)? (?:la |el )?(?:referencia |referido )?(?:#? ?[0-9]{3,8} )?a"
    r"|que se (?:lo|la) den a|(?<=[0-9] )[-=]+>|give #? ?[0-9]{3,8} to|[Ii] want|asigno (?:el |la )?(?:referido "
    r"|referencia )?(?:#? ?[0-9]{3,8} )?a"  # "5129 -> Marisol Ortega", "I want Jen Olsen instead of Mark"
    r"|d[aá]s[eé]l[oa] a|d[eé]ns[eé]l[oa] a|send (?:it|this one|the referral) to)"  # "Dáselo a Carlos Ruiz", "you
    # can send it to Maria"
    r"\s+(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+(?: [A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+)?)(?![\w'’-])")  # "a María Fernández"


BUILDERS: dict[str, Callable[[Message, Clause], Intent]] = {
    "fail": _fail,
    "invalid": _invalid,
    "no_sale": lambda message, clause: Report(Outcome.NO_SALE, ref=_ref(message)),
    "sold": _sold,
    "in_progress": lambda message, clause: Report(Outcome.IN_PROGRESS, ref=_ref(message)),
    "resume": _resume,
    "pause": lambda message, clause: Pause(until=_pause_until(message)),
    "status": lambda message, clause: Status(ref=_only_code(message)),
    "help": lambda message, clause: Help(),
    "agree": lambda message, clause: Agree(ref=_ref(message)),
    "award": _award,
    "capacity": _capacity,
    "invoice": lambda message, clause: InvoiceRequest(ref=_ref(message)),
    "connect": lambda message, clause: ConnectRequest(ref=_ref(message)),
    "call": lambda message, clause: CallRequest(ref=_ref(message)),
    "decline": lambda message, clause: Decline(ref=_only_code(message)),
    "claim": lambda message, clause: Claim(ref=_ref(message)),
}
COMMAND_PATTERNS = tuple((key, re.compile("|".join(patterns))) for key, patterns in phrases.COMMANDS)  # for --explain
PHRASE_BOOK = gates.PhraseBook(phrases.COMMANDS)
