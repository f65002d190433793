"""A small archive in several languages, written for these tests: the same stories told in
English, French, Arabic, Spanish and German, an article in a language whoosh.lang does not know
(Polish) and one whose language is unknown (read as English)."""
from __future__ import annotations

from datetime import datetime

from searchapp.models import Article

ENGLISH = [
    Article(id="en-talks", path="", title="Ceasefire talks on Idlib resume in Geneva", language="en",
            source="Wire", date=datetime(2018, 9, 3),
            body="Negotiations on a ceasefire in Idlib resumed in Geneva on Monday.\n\n"
                 "The Syrian regime and the opposition sent delegations to the talks, which diplomats "
                 "described as the last chance before an offensive on the province."),
    Article(id="en-floods", path="", title="Floods force thousands from their homes", language="en",
            source="Wire", date=datetime(2018, 10, 2),
            body="Heavy rain caused floods across the region, and thousands of families left their homes "
                 "for shelters run by volunteers.\n\nThe negotiation of emergency aid began at once."),
    Article(id="en-election", path="", title="Election campaign opens with a debate", language="",
            source="Herald", date=datetime(2018, 11, 5),
            body="The election campaign opened with a televised debate between the candidates, who argued "
                 "about taxes, schools and the regime of pensions."),
]

FRENCH = [
    Article(id="fr-talks", path="", title="Reprise des négociations sur Idleb à Genève", language="fr",
            source="Le Quotidien", date=datetime(2018, 9, 3),
            body="La négociation d'un cessez-le-feu à Idleb a repris lundi à Genève.\n\n"
                 "Le régime syrien et l'opposition ont envoyé des délégations, et les diplomates parlent de "
                 "la dernière chance avant une offensive sur la province."),
    Article(id="fr-floods", path="", title="Les inondations chassent des milliers de familles", language="fr",
            source="Le Quotidien", date=datetime(2018, 10, 2),
            body="De fortes pluies ont provoqué des inondations dans toute la région.\n\n"
                 "Des milliers de familles syriennes ont quitté leurs maisons pour des abris tenus par des "
                 "bénévoles."),
]

ARABIC = [
    Article(id="ar-talks", path="", title="استئناف المفاوضات حول إدلب في جنيف", language="ar",
            source="الخبر", date=datetime(2018, 9, 3),
            body="استؤنفت المفاوضات بشأن وقف إطلاق النار في إدلب يوم الإثنين في جنيف.\n\n"
                 "وأرسل النظام السوري والمعارضة وفودا إلى المحادثات."),
    Article(id="ar-floods", path="", title="الفيضانات تجبر آلاف العائلات على مغادرة منازلها", language="ar",
            source="الخبر", date=datetime(2018, 10, 2),
            body="تسببت الأمطار الغزيرة في فيضانات في المنطقة، وغادرت آلاف العائلات منازلها.\n\n"
                 "وبدأت مُفاوَضةٌ مع المنظمات لتقديم المساعدات."),
]

SPANISH = [
    Article(id="es-talks", path="", title="Se reanudan las negociaciones sobre Idlib", language="es",
            source="El Diario", date=datetime(2018, 9, 4),
            body="Las negociaciones para un alto el fuego en Idlib se reanudaron en Ginebra. El régimen sirio "
                 "y la oposición enviaron delegaciones."),
]

GERMAN = [
    Article(id="de-talks", path="", title="Verhandlungen über Idlib in Genf", language="de-DE",
            source="Die Zeitung", date=datetime(2018, 9, 4),
            body="Die Verhandlungen über eine Waffenruhe in Idlib wurden in Genf wieder aufgenommen. Das "
                 "syrische Regime und die Opposition schickten Delegationen."),
]

POLISH = [
    Article(id="pl-talks", path="", title="Rozmowy pokojowe w Genewie", language="pl",
            source="Gazeta", date=datetime(2018, 9, 5),
            body="Rozmowy pokojowe w sprawie Idlibu wznowiono w Genewie. Delegacje przyjechały rano."),
]

MIXED = ENGLISH + FRENCH + ARABIC + SPANISH + GERMAN + POLISH
