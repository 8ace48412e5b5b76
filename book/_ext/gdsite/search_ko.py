"""Korean search for Sphinx: find 경사 inside 경사하강법은; in both languages, find ∇ as nabla.

Sphinx has no Korean search language; the default one indexes ``경사하강법은`` as one word, so a
search for ``경사`` finds nothing (it matches only whole index words, or substrings of 3+ letters).
Korean glues particles (조사) to words and builds terms by compounding, so this language indexes,
for every word containing Hangul, the word and each of its prefixes of two letters or more, after
removing one trailing particle. The query side (JavaScript) removes the same particles.
"""

from __future__ import annotations

import json
import re

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

#: Particles removed from the end of a word (longest first), if at least two letters remain.
PARTICLES = (
    "에서는", "으로는", "에서", "으로", "에게", "까지", "부터", "처럼", "보다", "이나", "이라",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만",
)  # fmt: skip
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def strip_particle(word: str) -> str:
    """``word`` without one trailing particle (``경사하강법은`` → ``경사하강법``)."""
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2 and _HANGUL.search(word[-len(p) - 1]):
            return word[: -len(p)]
    return word


def hangul_prefixes(word: str) -> list[str]:
    """Every prefix of at least two letters, shortest first, the word itself last."""
    return [word[:k] for k in range(2, len(word) + 1)] if _HANGUL.search(word) else [word]


_JS_PARTICLES = "[" + ", ".join(f'"{p}"' for p in PARTICLES) + "]"

#: Math symbols a reader may type, as the words the index holds for them (it indexes a formula's
#: LaTeX source: ``\nabla f`` gives ``nabla``).
MATH_WORDS = {"∇": "nabla", "∂": "partial", "η": "eta", "λ": "lambda", "κ": "kappa"}

#: Symbols' names as a Korean reader types them (나블라 for ∇), as the same index words.
SPOKEN_WORDS = {"나블라": "nabla", "에타": "eta", "람다": "lambda", "카파": "kappa"}

#: The query splitter of both languages: Sphinx's own, after turning math symbols and their
#: Korean names into the words the index holds for them.
JS_SPLITTER = (
    "var splitQuery = function (query) {\n"
    f"  var words = {json.dumps(MATH_WORDS, ensure_ascii=False)};\n"
    f"  var spoken = {json.dumps(SPOKEN_WORDS, ensure_ascii=False)};\n"
    "  Object.keys(words).forEach(function (s) {\n"
    "    query = query.split(s).join(' ' + words[s] + ' ');\n"
    "  });\n"
    "  return query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)"
    ".filter(function (t) { return t; })"
    ".map(function (t) { return spoken[t] || t; });\n"
    "};\n"
)


class SearchKorean(SearchLanguage):
    """The ``ko`` search language: particle stripping plus prefix indexing."""

    lang = "ko"
    language_name = "Korean"
    js_splitter_code = JS_SPLITTER
    js_stemmer_code = (
        "var Stemmer = function() {\n"
        f"  var particles = {_JS_PARTICLES};\n"
        "  var hangul = /[\\uac00-\\ud7a3]/;\n"
        "  this.stemWord = function(w) {\n"
        "    for (var i = 0; i < particles.length; i++) {\n"
        "      var p = particles[i];\n"
        "      if (w.endsWith(p) && w.length - p.length >= 2 &&\n"
        "          hangul.test(w.charAt(w.length - p.length - 1))) {\n"
        "        return w.slice(0, w.length - p.length);\n"
        "      }\n"
        "    }\n"
        "    return w;\n"
        "  };\n"
        "};\n"
    )

    def split(self, input: str) -> list[str]:
        """Words, and for Hangul words their particle-free prefixes too."""
        out: list[str] = []
        for word in self._word_re.findall(input):
            out.append(word)
            if _HANGUL.search(word):
                out.extend(hangul_prefixes(strip_particle(word))[:-1])
        return out

    def stem(self, word: str) -> str:
        """Remove one trailing particle (the JavaScript stemmer does the same to queries)."""
        return strip_particle(word.lower())

    def word_filter(self, word: str) -> bool:
        """Index words of two letters or more."""
        return len(word) >= 2


class SearchEnglishMath(SearchEnglish):
    """Sphinx's English search, whose queries also find formulas by their symbols (∇ → nabla)."""

    js_splitter_code = JS_SPLITTER


def setup(app: Sphinx) -> None:
    """Register the ``ko`` search language and English with math symbols."""
    app.add_search_language(SearchKorean)
    app.add_search_language(SearchEnglishMath)
