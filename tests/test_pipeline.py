"""The blank English pipeline: lookup lemmas, and only the word attributes rules read."""

from __future__ import annotations

from spacy.attrs import IDS

from brandlint.nlp.pipeline import _RULE_ATTRS, Pipelines


def test_words_get_lookup_lemmas_and_the_attributes_rules_read():
    doc = Pipelines().get("en")("We guaranteed 20 WORLD-CLASS launches, twice.")
    tokens = {t.text: t for t in doc}
    assert tokens["guaranteed"].lemma_ == "guarantee"
    assert tokens["launches"].lemma_ == "launch"
    assert tokens["20"].like_num and tokens["twice"].is_alpha
    assert tokens["WORLD"].is_upper and tokens[","].is_punct
    assert [s.text for s in doc.sents] == ["We guaranteed 20 WORLD-CLASS launches, twice."]


def test_new_words_compute_no_attribute_rules_do_not_read():
    nlp = Pipelines().get("en")
    assert set(nlp.vocab.lex_attr_getters) == {IDS[name] for name in _RULE_ATTRS}
    assert nlp("Zyxwv qqq")[0].shape_ == ""  # spaCy would compute "Xxxxx"
