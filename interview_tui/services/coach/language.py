"""Which language an answer is written in: a small stop-word detector, no dependency.

Function words give a language away within a sentence or two: an English answer is full
of "the", "and", "I", "was"; a Spanish one of "el", "que", "y", "en". Words shared with
English are left out of the other lists, so English text never scores for them.
"""

from __future__ import annotations

import re
import unicodedata

_STOPWORDS: dict[str, str] = {
    "English": "the and i to of in was my we it that is for on with as at this but they be "
    "have so our had were what when which would there their from been an are did how then "
    "them me he she not or by about if just also could all after because you".replace("  ", " "),
    "Spanish": "el la los las del que y en un una por con para es lo como más pero sus le ya "
    "fue este porque esta entre cuando muy sin sobre también hasta hay donde quien desde todo "
    "nos durante todos uno les ni otros ese eso ellos esto antes algunos qué unos yo otro otras "
    "otra él tanto esa estos mucho nada muchos cual poco ella estar estas algo nosotros mis tú "
    "equipo trabajo hice logré tenía era fue",
    "French": "le les des du une et est que qui dans pour pas sur au avec ce il je nous vous "
    "mais ou son sa ses leur été était j'ai c'est ne plus par cette aux ont avait fait très "
    "équipe travail nos notre",
    "German": "der die das und ist nicht ich wir sie es ein eine zu den mit auf für von dem "
    "des im sich auch war wurde haben hat bei aus nach wie oder aber wenn noch nur habe unser "
    "unsere meine mein einen einem dass team arbeit",
    "Portuguese": "os das dos uma não com mais como mas foi ao ele ela na eu nós você isso "
    "está muito também já quando tinha era equipe trabalho fiz meu minha nosso nossa para",
    "Italian": "il lo gli della delle che è per non con sono ho del nel questo ma come anche "
    "più io abbiamo era stato mio mia nostro nostra lavoro squadra fatto molto",
    "Dutch": "het een van ik je dat niet op te zijn met voor er maar wij ze hij heb ook "
    "naar bij hebben werd mijn onze ons werk",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_ENGLISH = _SETS["English"]
_SETS = {
    lang: (words if lang == "English" else words - _ENGLISH) for lang, words in _SETS.items()
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_SCRIPTS = {
    "CYRILLIC": "Russian or another Cyrillic-script language",
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "DEVANAGARI": "Hindi or another Devanagari-script language",
    "GREEK": "Greek",
    "THAI": "Thai",
}
MIN_WORDS = 6  # fewer words than this give too little to go on


def _script_language(text: str) -> str | None:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        if ord(ch) < 0x250:
            continue  # Latin, with accents
        name = unicodedata.name(ch, "")
        for script in _SCRIPTS:
            if name.startswith(script):
                counts[script] = counts.get(script, 0) + 1
                break
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return _SCRIPTS[script] if count >= 0.4 * len(letters) else None


def detect_language(text: str) -> str:
    """The language ``text`` is written in ("English", "Spanish", ...), or "English" when
    there is too little text to tell."""
    by_script = _script_language(text)
    if by_script:
        return by_script
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return "English"
    hits = {lang: sum(w in stop for w in words) for lang, stop in _SETS.items()}
    best = max(hits, key=lambda lang: (hits[lang], lang == "English"))
    if best != "English" and hits[best] >= max(2, 0.12 * len(words), 1.5 * hits["English"]):
        return best
    return "English"
