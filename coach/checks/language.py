"""The language a message is written in, when the user allowed one other than English.

The request's reading keeps a language asked for in so many words ("in Spanish"); a user may also only allow one
("spanish is fine", "French or English, either works"). A message is taken as written in such a language when its
own function words say so (most of its small words are that language's, few are English) and the user's words name
the language. Then capital letters mark its nouns and greetings, not names, and its goal words are that language's:
the checks that read English words leave it alone, and numbers, dates, links and addresses are still checked.
"""

from __future__ import annotations

from coach.core.text import STOPWORDS, fold, words

# Each language's names (as a user writes them, folded) and its commonest small words (folded: "más" is "mas").
_LANGUAGES: dict[str, tuple[str, str]] = {
    "Spanish": ("spanish espanol castellano",
                "el la los las del de que y en por para con una un su sus es soy estoy lo como pero muy mi mis tu "
                "tus te nos al se este esta ya porque sobre tambien hasta donde cuando sin mucho gracias hola "
                "enhorabuena felicidades"),
    "French": ("french francais",
               "le la les des du de un une et est en que qui pour pas dans ce il elle nous vous je sur avec au aux "
               "mais ou sont son sa ses mon ma mes ton ta votre vos tres merci bien bonjour salut felicitations"),
    "German": ("german deutsch",
               "der die das und ist ich du sie wir ihr nicht ein eine einen mit fur auf den dem des zu von im bei "
               "auch wie noch nach oder aber wenn dass hast habe bin sind dich dir mich mir uns danke hallo "
               "gluckwunsch"),
    "Portuguese": ("portuguese portugues",
                   "o os a as do da dos das de que e em um uma para com nao no na nos nas se por pela pelo mais "
                   "como mas foi ao ele ela seu sua ou ser sou muito eu voce obrigado obrigada tambem ola parabens"),
    "Italian": ("italian italiano",
                "il lo la gli le di che e un una per non in sono mi ho con ti ci ma come questo io tu se della del "
                "al da anche sei siamo grazie ciao congratulazioni"),
    "Dutch": ("dutch nederlands",
              "de het een en van ik je dat is niet op te zijn er maar met voor wat hij zij we jij ook bij om naar "
              "uit dan bedankt hoi gefeliciteerd"),
}
NAMES = {language: frozenset(names.split()) for language, (names, _) in _LANGUAGES.items()}
SMALL_WORDS = {language: frozenset(small.split()) for language, (_, small) in _LANGUAGES.items()}


def looks_written_in(text: str) -> str:
    """The language other than English whose small words make up the message (at least three of them, and more
    than three times the English ones it does not share: "a" and "no" are both English and Portuguese), or ''."""
    tokens = words(text)
    best, score = "", 0
    for language, small in SMALL_WORDS.items():
        own = sum(1 for t in tokens if t in small)
        english = sum(1 for t in tokens if t in STOPWORDS and t not in small)
        if own >= 3 and own > 3 * english and own > score:
            best, score = language, own
    return best


def allowed_language(text: str, reading_language: str, request: str) -> str:
    """The language the message is written in when the user asked for it or allowed it: the one the reading
    keeps, else the one the message is written in when the user's words name it; '' for English."""
    if reading_language:
        return reading_language
    language = looks_written_in(text)
    return language if language and NAMES[language] & set(words(fold(request))) else ""
