"""Relevance feedback on every engine: a long query of words joined by OR ranked also by the
words of its best first results (search/feedback.py says how and why).

It costs a first search for the best DOCUMENTS stories, their text analysed, and the document
frequencies of the heaviest of their words; then the search runs with the added words, which
only rank (the matches, counts and facets are the query's). Engines that rank by neither query
boosts nor optional words (Engine.ranks_with_boosts) skip it, as does any other order than
relevance.
"""
from __future__ import annotations

from searchapp.backends.base import Engine
from searchapp.models import SearchRequest
from searchapp.search import feedback
from searchapp.search import query as q
from searchapp.search.analysis import words


def with_feedback(engine: Engine, request: SearchRequest, query: q.Query) -> q.Query:
    """The query the engine ranks with: expanded by relevance feedback when it is a long query of
    words joined by OR ranked by relevance, else the query itself."""
    if request.order != "relevance" or not engine.ranks_with_boosts:
        return query
    readings = feedback.query_words(query)
    if readings is None:
        return query
    found = engine.find(request, query, 0, feedback.DOCUMENTS)
    model = feedback.relevance_model([(match.score, article_words(match.fields)) for match in found.matches])
    if not model:
        return query
    chosen = feedback.chosen_words(model, engine.content_frequencies, engine.count())
    return feedback.expanded(query, feedback.added_weights(readings, chosen))


def article_words(fields: dict) -> list[str]:
    """An article's indexed words as the content field holds them (headline, header, text,
    captions) in its language."""
    text = "\n".join([fields.get("title", ""), fields.get("header", ""), fields.get("body", ""),
                      fields.get("captions", "")])
    return words("text", text, fields.get("language", ""))
