"""Replies in Spanish for agents whose `language` is `es`, each within one SMS segment (plain ASCII, GSM-7).

The English texts stay the source (`bot.replies`): each entry here calls the English reply function with
marker values, so its pattern follows the English wording wherever it changes, and gives the Spanish text
with the same values. `translate` is applied to the answer the pipeline sends back; a reply with no Spanish
entry yet goes out in English rather than not at all.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot import replies
from bot.model import BotConfig, ClaimOutcome

CODE, PROGRAM, SUPPORT, LABEL = "QQCODEQQ", "QQPROGRAMQQ", "QQSUPPORTQQ", "QQLABELQQ"
MARKERS = {CODE: "code", PROGRAM: "program", SUPPORT: "support", LABEL: "label"}
CONFIG = BotConfig(program_name=PROGRAM, support_contact=SUPPORT)
MONTHS = dict(zip(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                  ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]))
REPORT_WORDS = {"SOLD": "VENDIDO", "NO SALE": "SIN VENTA", "IN PROGRESS": "EN PROCESO", "INVALID": "INVALIDO",
                "FAILED": "FALLIDO"}
VERBS = {"YES": "SI", "CALL": "LLAMAME", "NO": "NO"}

# (the English reply with markers, the Spanish text with the same names in braces)
ENTRIES: tuple[tuple[Callable[[], str], str], ...] = (
    (lambda: replies.for_claim(ClaimOutcome.WON, CODE),
     "#{code} es tuyo! Los datos del cliente van por email. Responde VENDIDO, SIN VENTA o EN PROCESO "
     "para informarnos."),
    (lambda: replies.for_claim(ClaimOutcome.ALREADY_YOURS, CODE),
     "#{code} ya es tuyo; te enviamos los datos del cliente por email."),
    (lambda: replies.for_claim(ClaimOutcome.TAKEN, CODE),
     "Lo siento, otro agente ya reclamo #{code}. Te enviaremos el proximo."),
    (lambda: replies.for_claim(ClaimOutcome.EXPIRED, CODE), "Lo siento, #{code} ya vencio y no se puede reclamar."),
    (lambda: replies.for_claim(ClaimOutcome.WITHDRAWN, CODE),
     "Lo siento, la red retiro #{code} y ya no esta disponible."),
    (lambda: replies.for_claim(ClaimOutcome.NOT_OFFERED, CODE),
     "#{code} no es una de tus ofertas. Responde ESTADO para ver tus ofertas abiertas."),
    (lambda: replies.confirm_claim(CODE), "Reclamar #{code}? Responde SI para confirmar."),
    (lambda: replies.confirm_buy(CODE), "Comprar #{code}? Responde SI para confirmar y te enviaremos la factura."),
    (lambda: replies.declined(CODE), "Entendido, pasaste #{code}. Te enviaremos el proximo."),
    (lambda: replies.no_open_offer(), "No tienes ofertas de referidos abiertas. Te escribiremos cuando llegue una."),
    (lambda: replies.unknown_code(CODE), "No encontramos el referido #{code} entre tus ofertas. Responde ESTADO."),
    (lambda: replies.help_text(CONFIG),
     "{program}: referidos para agentes. Responde SI para reclamar, NO para pasar, PAUSA, STOP para baja. "
     "Ayuda: {support}"),
    (lambda: replies.stopped(CONFIG),
     "Te diste de baja de los mensajes de {program}; las ofertas llegaran por email. Responde START para volver."),
    (lambda: replies.started(CONFIG),
     "Volviste a los mensajes de {program}. Responde AYUDA, o STOP para darte de baja."),
    (lambda: replies.not_understood(),
     "Perdon, no entendimos. Responde SI para reclamar, NO para pasar, o AYUDA. Una persona leera tu mensaje."),
    (lambda: replies.forwarded_to_team(), "Gracias, pasamos tu mensaje al equipo."),
    (lambda: replies.noted(CODE, LABEL), "Anotado en #{code} ({label}). Gracias por avisar!"),
    (lambda: replies.kept_as_note(CODE, LABEL),
     "#{code} ya esta {label} y no puede retroceder; guardamos tu mensaje."),
    (lambda: replies.ask_invalid_reason(CODE),
     "Por que #{code} es invalido? Responde p. ej. INVALIDO {code} numero falso."),
    (lambda: replies.fail_reasons(CODE),
     "Un referido solo puede fallar si no es buen candidato o no responde en 30+ dias. "
     "Responde FAIL {code} no responde."),
    (lambda: replies.ask_sale_amount(CODE),
     "Felicidades! Cual fue el precio de venta de #{code}? Responde p. ej. VENDIDO {code} $450,000."),
    (lambda: replies.nothing_to_report(), "No tienes referidos pendientes de actualizar. Gracias!"),
    (lambda: replies.paused(None), "Pausado: sin ofertas nuevas hasta que respondas REANUDAR."),
    (lambda: replies.resumed(), "Bienvenido de vuelta! Las ofertas de referidos estan activas otra vez."),
    (lambda: replies.capacity_off(),
     "Listo: sin maximo semanal. Las ofertas llegan cuando un referido coincide contigo."),
    (lambda: replies.calling(CODE), "Te estamos llamando por #{code}. Escucha la grabacion y marca 1 para reclamarlo."),
    (lambda: replies.award_which(CODE), "Que agente recibe #{code}? Responde AWARD {code} y su numero en la lista."),
    (lambda: replies.nothing_to_award(), "No tienes referidos con agentes interesados esperando tu eleccion."),
)
# Replies whose values are not plain strings: read with their own pattern.
WHICH = re.compile(r"You have (?P<count>\d+) open offers: (?P<listed>.+)\. Reply (?P<verb>\S+) with the number, "
                   r"e\.g\. \S+ (?P<first>\S+)\.\Z")
STATUS = re.compile(r"Your open offers: (?P<listed>.+)\. Reply YES with a number to claim\.\Z")
PAUSED_UNTIL = re.compile(r"Paused until (?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2}): .*\Z")
REPORT_ECHO = re.compile(r"Marked #(?P<code>\S+) (?P<words>SOLD|NO SALE|IN PROGRESS|INVALID|FAILED)(?P<rest>.*)"
                         r"\. Thanks for the update!\Z", re.S)
OOO_OFFER = re.compile(r"Got your out-of-office until (?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2})\. .*\Z")
PAUSE_PASSED = re.compile(r"(?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2}) has already passed, .*\Z")
LOST_RACE = re.compile(r"Sorry, #(?P<code>\S+) was already claimed (?P<claimed>\d+) (?P<cu>s|min|h|days) after it "
                       r"went out; your answer came at (?P<answered>\d+) (?P<au>s|min|h|days)\. "
                       r"We'll send you the next one\.\Z")
UNITS = {"s": "s", "min": "min", "h": "h", "days": "dias"}
CAPACITY_SET = re.compile(r"Got it: at most (?P<n>\d+) referrals a week\. .*\Z")
STILL_OPEN = re.compile(r"(?P<note>No new offers: .+?) Still open: (?P<listed>[^.]+)\.\Z")
NO_OFFERS = (
    (re.compile(r"No new offers: you're paused\. .*\Z"),
     "Sin ofertas nuevas: estas en pausa. Responde REANUDAR para recibirlas otra vez."),
    (re.compile(r"No new offers: you're away until (?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2})\. .*\Z"),
     "Sin ofertas nuevas: estas fuera hasta el {day} {month}. Responde REANUDAR para recibirlas antes."),
    (re.compile(r"No new offers: you've won (?P<won>\d+) in 7 days, your max of (?P<max>\d+)\. .*\Z"),
     "Sin ofertas nuevas: ganaste {won} en 7 dias, tu maximo es {max}. Responde SIN MAXIMO para quitarlo."),
    (re.compile(r"No new offers: they're on hold \((?P<why>.+)\)\. Reply HELP for help\.\Z"),
     "Sin ofertas nuevas: estan en espera ({why}). Responde AYUDA si necesitas ayuda."),
)
SOLD_FEE_ECHO = re.compile(r"SOLD #(?P<code>\S+) (?P<amount>\S+) recorded: fee (?P<fee>.+)\. Thanks for the update!\Z")


def translate(text: str | None, language: str) -> str | None:
    """`text` in the agent's language: Spanish when there is an entry for it, else as it was."""
    if text is None or language != "es":
        return text
    for pattern, spanish in _table():
        match = pattern.fullmatch(text)
        if match:
            return spanish.format(**match.groupdict())
    return _special(text) or text


def _special(text: str) -> str | None:
    if match := WHICH.fullmatch(text):
        verb = VERBS.get(match["verb"], match["verb"])
        return (f"Tienes {match['count']} ofertas abiertas: {match['listed']}. Responde {verb} con el numero, "
                f"p. ej. {verb} {match['first']}.")
    if match := STATUS.fullmatch(text):
        return f"Tus ofertas abiertas: {match['listed']}. Responde SI con un numero para reclamar."
    if match := PAUSED_UNTIL.fullmatch(text):
        when = f"{match['day']} {MONTHS.get(match['month'], match['month'])}"
        return f"Pausado hasta el {when}: sin ofertas nuevas hasta entonces. Responde REANUDAR para volver antes."
    if match := OOO_OFFER.fullmatch(text):
        when = f"{match['day']} {MONTHS.get(match['month'], match['month'])}"
        return (f"Recibimos tu aviso de ausencia hasta el {when}. "
                "Responde PAUSA para no recibir referidos hasta entonces.")
    if match := PAUSE_PASSED.fullmatch(text):
        when = f"{match['day']} {MONTHS.get(match['month'], match['month'])}"
        return f"El {when} ya paso: no pausamos nada. Hasta cuando? Responde p. ej. PAUSA HASTA y una fecha futura."
    if match := REPORT_ECHO.fullmatch(text):
        return f"Marcamos #{match['code']} {REPORT_WORDS[match['words']]}{match['rest']}. Gracias por avisar!"
    if match := LOST_RACE.fullmatch(text):
        claimed, answered = f"{match['claimed']} {UNITS[match['cu']]}", f"{match['answered']} {UNITS[match['au']]}"
        return (f"Lo siento, #{match['code']} ya fue reclamado {claimed} despues de salir; tu respuesta llego a los "
                f"{answered}. Te enviaremos el proximo.")
    if match := CAPACITY_SET.fullmatch(text):
        n = match["n"]
        return (f"Listo: como maximo {n} referidos por semana. Las ofertas se pausan al ganar {n} en 7 dias. "
                "Responde SIN MAXIMO para quitarlo.")
    if match := STILL_OPEN.fullmatch(text):
        return f"{_no_offers(match['note']) or match['note']} Siguen abiertas: {match['listed']}."
    if note := _no_offers(text):
        return note
    if match := SOLD_FEE_ECHO.fullmatch(text):
        fee = match["fee"].replace(" of ", " de ").replace("flat per sale", "fija por venta")
        return f"VENDIDO #{match['code']} {match['amount']} registrado: comision {fee}. Gracias por avisar!"
    return None


def _no_offers(text: str) -> str | None:
    for pattern, spanish in NO_OFFERS:
        if match := pattern.fullmatch(text):
            values = match.groupdict()
            if "month" in values:
                values["month"] = MONTHS.get(values["month"], values["month"])
            return spanish.format(**values)
    return None


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(english()), spanish) for english, spanish in ENTRIES)


def _pattern(english: str) -> re.Pattern[str]:
    """The English text as a pattern, each marker a named group (a repeated marker matches the same text)."""
    seen: set[str] = set()

    def group(match: re.Match[str]) -> str:
        name = MARKERS[match.group()]
        if name in seen:
            return f"(?P={name})"
        seen.add(name)
        return f"(?P<{name}>.+?)"

    return re.compile(re.sub("|".join(MARKERS), group, re.escape(english)) + r"\Z", re.S)
