"""The spaCy entity model, run faster with the same results.

On one core the model's time goes to matrix products, which spaCy's BLIS wheel runs with its
generic kernel on CPUs it does not recognise (this sandbox's AMD EPYC), and to the recogniser's
word-by-word decisions, whose compiled loop takes and releases Python's lock some two hundred
times a word (spaCy 3.8's wheels are compiled with profiling hooks on Python 3.11). So the
model's network multiplies with numpy's BLAS, and the decisions are taken here:

spaCy's recogniser (a greedy BILUO transition system) scores each word from three rows of
precomputed features: the word's, and, only while an entity is open, the entity's first word's
and the previous word's; padding otherwise. Outside entities a word's scores therefore depend on
that word alone, so they are computed for all words at once; inside an entity, one word at a time.
Every sum is taken in spaCy's order and the last product with BLIS itself (the same kernel, row
by row alike), so the scores are the same floats and the entities the same; tests compare the two
on varied texts, and any other model or pipeline is run by spaCy as it stands.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy


class Entity(NamedTuple):
    label: str
    start: int  # characters, in the text read
    end: int
    text: str


def multiply_with_numpy(nlp) -> None:
    """Run the model's matrix products on numpy's BLAS, one thread a process (a loader worker has one
    core), not on BLIS: 1.3 times faster a model call here, the same entities found."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        for node in component.model.walk() if hasattr(component, "model") else ():
            node.ops = ops
    threadpool_limits(1, user_api="blas")


def entities(nlp, text: str) -> list[Entity]:
    """The model's entities in the text, as spaCy finds them."""
    recogniser = decodable(nlp)
    if recogniser is None:
        return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in nlp(text).ents]
    doc = nlp.make_doc(text)
    return [Entity(label, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), doc[start:end].text)
            for label, start, end in decode(recogniser, doc)]


class Moves(NamedTuple):
    """Where each kind of move sits among the recogniser's classes: B-, I-, L-, U- per label, then O."""
    labels: list[str]
    begin: numpy.ndarray
    inside: numpy.ndarray
    last: numpy.ndarray
    unit: numpy.ndarray
    out: int


def decodable(nlp):
    """spaCy's entity recogniser when it is the whole pipeline and of the shape decoded here; else None."""
    from spacy.pipeline import EntityRecognizer

    if getattr(nlp, "pipe_names", None) != ["ner"]:
        return None
    recogniser = nlp.get_pipe("ner")
    if not isinstance(recogniser, EntityRecognizer) or recogniser.cfg.get("beam_width") != 1:
        return None
    model = recogniser.model
    if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes") or "listener" in model.layers[0].name:
        return None
    lower = model.get_ref("lower")
    if lower.get_dim("nF") != 3 or lower.get_dim("nP") != 2 or moves(recogniser) is None:
        return None
    return recogniser


def moves(recogniser) -> Moves | None:
    """The recogniser's moves by kind, or None if they are not the BILUO moves decoded here."""
    names = [recogniser.moves.get_class_name(i) for i in range(recogniser.moves.n_moves)]
    labels = [name[2:] for name in names if name.startswith("B-")]
    where = {name: i for i, name in enumerate(names)}
    expected = {f"{kind}-{label}" for kind in "BILU" for label in labels} | {"O", "U-"}
    if set(names) != expected or len(names) != len(expected):
        return None
    begin, inside, last, unit = (numpy.array([where[f"{kind}-{label}"] for label in labels]) for kind in "BILU")
    return Moves(labels, begin, inside, last, unit, where["O"])


def decode(recogniser, doc) -> list[tuple[str, int, int]]:
    """The recogniser's greedy decisions over the doc: (label, first token, end token) of each entity."""
    from blis.py import gemm

    if not len(doc):
        return []
    kinds = moves(recogniser)
    assert kinds is not None
    model = recogniser.model
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    vectors = model.layers[0].predict([doc])
    features = lower.predict(vectors)  # (1 + tokens, 3 features, hidden, pieces); row 0 is the padding
    bias, weights, score_bias = lower.get_param("b"), upper.get_param("W"), upper.get_param("b")

    def scores(hidden_in: numpy.ndarray) -> numpy.ndarray:
        """Maxout, then the output layer, as spaCy's parser computes them (BLIS, then the bias)."""
        unmaxed = hidden_in + bias
        hidden = numpy.where(unmaxed[..., 1] > unmaxed[..., 0], unmaxed[..., 1], unmaxed[..., 0])
        result = gemm(numpy.ascontiguousarray(hidden.reshape(-1, hidden.shape[-1])), weights, trans2=True)
        result += score_bias
        return result

    count = len(doc)
    space, sentence_start = doc.to_array(["IS_SPACE", "SENT_START"]).T.astype(bool)
    # Outside entities: the word's own features, then the padding of the other two.
    outside = scores(numpy.zeros_like(features[1:, 0]) + features[1:, 0] + features[0, 1] + features[0, 2])
    may_begin = ~space.copy()
    may_begin[-1] = False  # the last word cannot begin an entity
    may_begin[:-1] &= ~sentence_start[1:]  # nor one before a sentence starts
    masked = numpy.full_like(outside, -numpy.inf)
    masked[:, kinds.out] = outside[:, kinds.out]
    masked[numpy.ix_(~space, kinds.unit)] = outside[numpy.ix_(~space, kinds.unit)]
    masked[numpy.ix_(may_begin, kinds.begin)] = outside[numpy.ix_(may_begin, kinds.begin)]
    choice = masked.argmax(axis=1)  # the first best, as spaCy's argmax
    begins = {int(move): n for n, move in enumerate(kinds.begin)}
    units = {int(move): n for n, move in enumerate(kinds.unit)}
    found, token = [], 0
    while token < count:
        move = int(choice[token])
        if move in units:
            found.append((kinds.labels[units[move]], token, token + 1))
        elif move in begins:
            label, start = begins[move], token
            while True:  # inside the entity: the word's, the first word's and the previous word's features
                token += 1
                row = scores(numpy.zeros_like(features[0, 0]) + features[1 + token, 0] + features[1 + start, 1]
                             + features[token, 2])[0]
                may_go_on = token + 1 < count and not sentence_start[token + 1]
                inside, last = row[kinds.inside[label]], row[kinds.last[label]]
                if not may_go_on or last > inside:
                    break
            found.append((kinds.labels[label], start, token + 1))
        token += 1
    return found
