"""spaCy pipelines per locale, built once per process.

English: a blank pipeline, lowercase lemmas from ``spacy-lookups-data`` computed once
per lexeme, and rule-based sentence boundaries. Chinese: jieba word segmentation
(with the brand's own names and listed terms added to its dictionary) inside a
blank Chinese pipeline. A trained pipeline such as ``en_core_web_sm`` replaces the
blank one when it is installed and named in the config (``spacy_models``); nothing
is ever downloaded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LOCALES = ("en", "zh")
# What rules read of a token besides its text, lemma and sentence: keep_lexeme_attrs.
_RULE_ATTRS = ("LOWER", "NORM", "IS_ALPHA", "IS_PUNCT", "IS_SPACE", "IS_UPPER", "LIKE_NUM")
_BATCH = 256
_NAME_FREQ = 1_000_000  # high enough that jieba always cuts a name out whole


def base_locale(locale: str | None) -> str:
    """``zh-CN`` -> ``zh``; anything not Chinese is linted as English."""
    return "zh" if locale and locale.lower().startswith("zh") else "en"


class Pipelines:
    """Lazily built pipelines, one per locale.

    jieba learns ``words`` (listed terms) as ordinary dictionary words, so context
    still decides (最佳化 stays one word), and ``names`` (brand, product and
    competitor names) as proper nouns that are always cut out whole (环宇科技园区 ->
    环宇科技 / 园区).
    """

    def __init__(
        self,
        words: Iterable[str] = (),
        models: dict[str, str] | None = None,
        names: Iterable[str] = (),
    ) -> None:
        self._words = tuple(dict.fromkeys(w for w in words if w))
        self._names = tuple(dict.fromkeys(n for n in names if n))
        self._models = dict(models or {})
        self._nlp: dict[str, Language] = {}

    def get(self, locale: str) -> Language:
        locale = base_locale(locale)
        nlp = self._nlp.get(locale)
        if nlp is None:
            nlp = self._nlp[locale] = self._build(locale)
        return nlp

    def learn(self, words: Iterable[str]) -> None:
        """Teach jieba more dictionary words (a rule's lexicon), before or after the
        Chinese pipeline is built."""
        new = [w for w in words if w and not w.isascii() and w not in self._words]
        self._words += tuple(dict.fromkeys(new))
        nlp = self._nlp.get("zh")
        if nlp is not None and isinstance(nlp.tokenizer, JiebaTokenizer):
            nlp.tokenizer.learn(new)

    @staticmethod
    def is_word(lower: str) -> bool:
        """True when ``lower`` is a known English word form (from the lemma tables)."""
        return lower in _lemma_table() or lower in lemma_forms()

    def lemma_attr(self, locale: str) -> str:
        """The token attribute to compare lemmas by: NORM where the lookup lemmas are
        the words' NORMs (the tokenizer sets them, without the pipeline's components),
        else LEMMA."""
        return "NORM" if self.get(locale).has_pipe("brandlint_lemmas") else "LEMMA"

    def pipe(self, texts: Iterable[str], locale: str, *, sentences: bool = True) -> Iterator[Doc]:
        """Docs for ``texts``, batched through ``nlp.pipe``; without ``sentences`` the
        sentence splitter is skipped (no rule asked for sentence boundaries)."""
        nlp = self.get(locale)
        disable = [] if sentences else [n for n in ("sentencizer",) if nlp.has_pipe(n)]
        return nlp.pipe(texts, batch_size=_BATCH, disable=disable)

    def _build(self, locale: str) -> Language:
        from .lazy_spacy import import_spacy

        spacy = import_spacy()
        _register_components()
        model = self._models.get(locale)
        if model and installed(model):
            nlp = spacy.load(model)
            if locale == "en" and "lemmatizer" not in nlp.pipe_names:
                use_lookup_lemmas(nlp)
        elif locale == "zh":
            nlp = spacy.blank("zh")
            nlp.tokenizer = JiebaTokenizer(nlp.vocab, self._words, self._names)
        else:
            nlp = _blank_english()
            keep_lexeme_attrs(nlp, _RULE_ATTRS)
            use_lookup_lemmas(nlp, exceptions=False)
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer")
        return nlp


def installed(package: str) -> bool:
    """Whether a Python distribution (a trained spaCy pipeline) is installed, found
    without importing it or spaCy."""
    from importlib import metadata

    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


class JiebaTokenizer:
    """A spaCy tokenizer over a private ``jieba.Tokenizer`` (the global one is left alone).

    Lemmas are the lowercased words, so lemma and exact matching agree in Chinese.
    """

    def __init__(self, vocab, words: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.vocab = vocab
        self._jieba = jieba.Tokenizer()
        freq, total = _jieba_dictionary()
        self._jieba.FREQ, self._jieba.total = dict(freq), total  # learn() adds to the copy
        self._jieba.initialized = True
        self.learn(words)
        for name in names:
            if not name.isascii():
                self._jieba.add_word(name, freq=_NAME_FREQ)

    def learn(self, words: Iterable[str]) -> None:
        """Add ordinary dictionary words (context still decides the cut)."""
        for word in words:
            if not word.isascii():
                self._jieba.add_word(word)

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        for word, _start, _end in self._jieba.tokenize(text, HMM=True):
            if word[0] == " " and words and not spaces[-1]:
                spaces[-1] = True
                word = word[1:]
                if not word:
                    continue
            words.append(word)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces, lemmas=[w.lower() for w in words])


@functools.cache
def _jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary (word frequencies and their total), read once per
    process however many pipelines are built (a private tokenizer would read it again)."""
    import jieba

    base = jieba.Tokenizer()
    base.initialize()
    return base.FREQ, base.total


def _register_components() -> None:
    from spacy.language import Language

    if "brandlint_lemmas" not in Language.factories:
        Language.factory("brandlint_lemmas", func=lambda nlp, name: copy_norms_to_lemmas)


def keep_lexeme_attrs(nlp: Language, names: Iterable[str]) -> None:
    """Compute only the lexeme attributes ``names`` for new words. spaCy computes
    every attribute of a word it has not seen in Python (shape, prefix, suffix, URL
    and e-mail likeness…), a fifth of tokenising a corpus of short texts; a blank
    pipeline has no model that reads the others, and brandlint's rules don't."""
    from spacy.attrs import IDS

    keep = {IDS[name] for name in names}
    getters = nlp.vocab.lex_attr_getters
    for attr in [a for a in getters if a not in keep]:
        del getters[attr]


def _blank_english() -> Language:
    """``spacy.blank("en")`` whose tokenizer exceptions carry lemmas as their NORMs from
    the start: setting ``tokenizer.rules`` afterwards loads all 1,300 of them again."""
    from spacy.lang.en import English

    rules = _lemma_rules(English.Defaults.tokenizer_exceptions)
    defaults = type("Defaults", (English.Defaults,), {"tokenizer_exceptions": rules})
    return type("English", (English,), {"Defaults": defaults})()


def use_lookup_lemmas(nlp: Language, *, exceptions: bool = True) -> None:
    """Give every English word its lowercase lookup lemma as its NORM, computed once
    when the vocabulary first sees the word (spaCy's lexeme attribute getters), so no
    per-token Python runs; the ``brandlint_lemmas`` component then copies NORM to
    LEMMA for the whole doc in one array operation. ``exceptions``: map the
    tokenizer's exceptions too (not needed when they were built mapped)."""
    from spacy.attrs import NORM

    nlp.vocab.lex_attr_getters[NORM] = _lemma
    for lexeme in nlp.vocab:  # words the blank pipeline created before the getter
        lexeme.norm_ = _lemma(lexeme.orth_)
    if exceptions:
        nlp.tokenizer.rules = _lemma_rules(nlp.tokenizer.rules)
    nlp.add_pipe("brandlint_lemmas")


def _lemma(text: str) -> str:
    lower = text.lower()
    return _lemma_table().get(lower, lower)


def _lemma_rules(rules: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Tokenizer exceptions with lemmas as NORMs: "'re" -> norm "are" -> lemma "be"."""
    from spacy.attrs import NORM

    return {
        text: [{**t, NORM: _lemma(t[NORM])} if NORM in t else t for t in tokens]
        for text, tokens in rules.items()
    }


def copy_norms_to_lemmas(doc: Doc) -> Doc:
    """``token.lemma_ = token.norm_`` for every token, vectorised."""
    if len(doc):
        from spacy.attrs import LEMMA, NORM

        doc.from_array([LEMMA], doc.to_array([NORM]).reshape(-1, 1))
    return doc


@functools.cache
def _lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lemma table (inflected form -> lemma), loaded once."""
    return lookups_table("en_lemma_lookup")


def lookups_table(name: str) -> dict:
    """A table of spacy-lookups-data (``en_lemma_lookup``…), read straight from the
    package's gzipped JSON: spaCy's ``load_lookups`` goes through its registry and
    takes about a second; this takes a few milliseconds."""
    import gzip
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        raise RuntimeError("spacy-lookups-data is not installed; reinstall brandlint")
    path = Path(spec.origin).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def lemma_forms() -> frozenset[str]:
    """Every lemma in the English table: the base forms, which it has no keys for."""
    return frozenset(_lemma_table().values())
