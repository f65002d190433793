"""Analyzers that index in one loop what Whoosh's filter chain would.

Whoosh runs every word of every field through a chain of generators (tokenizer, lower case,
stop words, stemmer, accent folding): a third of the rebuild's main process at 630-word pages.
`Analysis` wraps such a chain; when indexing it yields the same (word, position) tokens from a
single loop, and everything else (queries, highlighting, character offsets) goes through the
chain itself. tests/backends/whoosh/test_analysis.py checks the two agree, for English and for
the analysis of every other language (search/analysis.py), whose words the writer gives Whoosh
made here (`words`).
"""
from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)

from searchapp.search.analysis import TextMap


class Analysis(Analyzer):
    """A Whoosh analyzer chain (a RegexTokenizer and the filters above) with a fast path for indexing."""

    def __init__(self, chain: CompositeAnalyzer) -> None:
        self.chain = chain
        self.steps = steps_of(chain)

    def __getstate__(self) -> dict:
        return {"chain": self.chain}  # the steps hold functions: rebuilt on loading

    def __setstate__(self, state: dict) -> None:
        self.chain = state["chain"]
        self.steps = steps_of(self.chain)

    def __eq__(self, other) -> bool:
        return isinstance(other, Analysis) and self.chain == other.chain

    def __call__(self, value, mode: str = "", chars: bool = False, tokenize: bool = True, start_pos: int = 0,
                 removestops: bool = True, **kwargs):
        if (mode == "index" and self.steps is not None and isinstance(value, str) and not chars and tokenize
                and not start_pos and removestops):
            return self.index(value)
        return self.chain(value, mode=mode, chars=chars, tokenize=tokenize, start_pos=start_pos,
                          removestops=removestops, **kwargs)

    def index(self, value: str):
        """The tokens the chain makes when indexing: text, and positions renumbered over the
        words stop words leave, as StopFilter does (the first kept word keeps its place)."""
        expression, filters = self.steps
        token = Token(positions=True, boosts=True, mode="index")
        token.boost, token.stopped = 1.0, False
        pos = None
        for n, match in enumerate(expression.finditer(value)):
            text = match.group(0)
            for step in filters:
                text = step(text)
                if text is None:
                    break
            else:
                pos = n if pos is None else pos + 1
                token.text, token.pos = text, pos
                yield token


    def words(self, value: str) -> list[str]:
        """The words the chain indexes for value, in order."""
        if self.steps is None:
            return [token.text for token in self.chain(value, mode="index")]
        return [token.text for token in self.index(value)]


def steps_of(chain: CompositeAnalyzer):
    """(tokenizer expression, [text -> text or None]) for a chain of known parts; None otherwise."""
    items = list(chain.items) if isinstance(chain, CompositeAnalyzer) else [chain]
    tokenizer, filters = items[0], items[1:]
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    steps = []
    for item in filters:
        if type(item) is LowercaseFilter:
            steps.append(str.lower)
        elif type(item) is StopFilter and item.renumber:
            steps.append(stop_step(item.stops, item.min, item.max))
        elif type(item) is StemFilter and not item.lang and item.cachesize:
            steps.append(stem_step(item.stemfn, item.ignore))
        elif type(item) is CharsetFilter:
            steps.append(fold_step(item.charmap))
        elif type(item) is TextMap:
            steps.append(item.function)
        else:
            return None
    return tokenizer.expression, steps


def stop_step(stops, shortest: int, longest: int | None):
    def stop(text: str) -> str | None:
        if len(text) < shortest or (longest is not None and len(text) > longest) or text in stops:
            return None
        return text
    return stop


def stem_step(stemfn, ignore):
    cached = lru_cache(maxsize=100_000)(stemfn)

    def stem(text: str) -> str:
        return text if text in ignore else cached(text)
    return stem


def fold_step(charmap):
    def fold(text: str) -> str:
        # ASCII lower case maps to itself in Whoosh's accent map: most words need no lookup.
        return text if text.isascii() and text.islower() else text.translate(charmap)
    return fold
