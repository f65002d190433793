"""The chrome around a realistic article: head, menus, banners, ads, related lists, comments, footers, scripts.

What a saved news page is made of besides its article, measured on real pages (bench/realistic.py
--compare prints it): about 40% of the bytes are attributes (class names, tracking data, image
srcsets), a fifth or more inline scripts (some pages carry hundreds of kB of state and bundles),
a few have large inline styles; 300-1,100 elements, most of them the <div>s, <a>s and <li>s of
navigation, link lists and footers, nested about 11 <div>s deep. One Site holds a template's
habits (how it names classes, which blocks it has, how heavy its scripts are).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from random import Random

from bench.realistic_text import SECTIONS, Writer
from bench.synthetic import Cast, capital, slugify

SCRIPT_WORDS = [
    "window",
    "document",
    "dataLayer",
    "googletag",
    "cmd",
    "push",
    "setTargeting",
    "addEventListener",
    "querySelector",
    "getAttribute",
    "setAttribute",
    "classList",
    "contains",
    "remove",
    "appendChild",
    "createElement",
    "length",
    "prototype",
    "call",
    "apply",
    "bind",
    "then",
    "catch",
    "resolve",
    "reject",
    "config",
    "options",
    "props",
    "state",
    "value",
    "key",
    "index",
    "items",
    "render",
    "update",
    "mount",
    "hydrate",
    "module",
    "exports",
    "require",
    "default",
    "name",
    "type",
    "id",
    "src",
    "href",
    "width",
    "height",
    "consent",
    "tracking",
    "analytics",
    "pageview",
    "event",
    "category",
    "label",
    "timestamp",
    "session",
    "user",
    "visitor",
    "cookie",
    "localStorage",
    "sessionStorage",
    "JSON",
    "parse",
    "stringify",
    "Math",
    "floor",
    "random",
    "round",
    "Date",
    "now",
    "location",
]
CSS_PROPERTIES = [
    "display:flex",
    "display:block",
    "display:none",
    "position:relative",
    "position:absolute",
    "margin:0 auto",
    "padding:{n}px {m}px",
    "color:#{hex}",
    "background:#{hex}",
    "font-size:{n}px",
    "line-height:1.{m}",
    "font-weight:{w}",
    "border-bottom:1px solid #{hex}",
    "width:{p}%",
    "max-width:{n}0px",
    "z-index:{n}",
    "grid-template-columns:repeat({m},1fr)",
    "gap:{n}px",
    "transition:opacity .{m}s ease",
    "text-transform:uppercase",
    "letter-spacing:.0{m}em",
]
FOOTER_HEADS = ["News", "Sections", "Services", "About us", "Follow us", "Subscriptions", "Legal", "Partners"]
SERVICE_LINKS = [
    "Contact us",
    "Advertise",
    "Careers",
    "Terms of use",
    "Privacy policy",
    "Cookie settings",
    "Accessibility",
    "Newsletters",
    "Podcasts",
    "Archive",
    "Corrections",
    "Sitemap",
    "RSS feeds",
    "Help",
    "Subscribe",
    "Gift subscriptions",
    "E-paper",
    "Puzzles",
    "Events",
    "Store",
]
ICONS = ["facebook", "twitter", "whatsapp", "linkedin", "email", "print", "comment", "search", "menu", "close"]


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    domain: str
    template: str  # next, wordpress, portal, magazine, legacy
    weight: int
    utc_offset: int
    nav_links: int  # median links in the menus
    script_kb: float  # median inline script
    style_kb: float  # inline style
    comments: bool
    wrappers: int  # layout <div>s around the article


SITES = (
    Site("The Capital Herald", "capitalherald.example", "next", 14, -5, 90, 22, 1, False, 7),
    Site("Northbridge Daily", "northbridgedaily.example", "portal", 12, 1, 150, 18, 0.5, False, 8),
    Site("Atlantic Dispatch", "atlanticdispatch.example", "magazine", 10, 0, 80, 14, 40, False, 8),
    Site("Pacific Ledger", "pacificledger.example", "next", 9, -8, 70, 45, 1, False, 9),
    Site("Harbourview Gazette", "harbourviewgazette.example", "wordpress", 10, 0, 80, 12, 2, True, 8),
    Site("The Evening Clarion", "eveningclarion.example", "legacy", 9, 0, 120, 10, 0, True, 10),
    Site("Riverside Echo", "riversideecho.example", "wordpress", 8, 0, 55, 8, 70, True, 7),
    Site("Gulf Courier", "gulfcourier.example", "portal", 10, 4, 180, 28, 1, False, 9),
    Site("Meridian Times", "meridiantimes.example", "magazine", 9, 1, 100, 70, 3, False, 8),
    Site("Plainsfield Online", "plainsfield.example", "legacy", 9, -6, 90, 15, 0, True, 11),
)


def hexes(rng: Random, digits: int) -> str:
    return f"{rng.getrandbits(4 * digits):0{digits}x}"


def class_name(rng: Random, site: Site, role: str) -> str:
    """A class attribute the way the site's framework writes them."""
    if site.template == "next":
        return f"css-{hexes(rng, 7)} e{hexes(rng, 4)}{rng.randrange(10)}"
    if site.template == "wordpress":
        return f"wp-block-{role} {role}-{rng.randrange(1, 9)} has-{rng.choice(('small', 'medium', 'large'))}-font-size"
    if site.template == "magazine":
        variant, utility = rng.choice(("primary", "compact", "wide", "dark")), rng.choice(("mb", "pt", "px"))
        return f"c-{role} c-{role}--{variant} u-{utility}-{rng.randrange(6)}"
    if site.template == "portal":
        return f"{role} {role}__item {role}__item--{rng.choice(('top', 'sub', 'promo'))} js-{role}-{rng.randrange(40)}"
    return f"{role}{rng.choice(('', 'Box', 'Container', 'Wrap'))}"


def script_code(rng: Random, size: int) -> str:
    """Minified-looking JavaScript of about `size` characters."""
    parts, total = [], 0
    while total < size:
        a, b, c = rng.choice(SCRIPT_WORDS), rng.choice(SCRIPT_WORDS), rng.choice(SCRIPT_WORDS)
        name = f"{rng.choice('abcdefghnorstu')}{rng.choice('eintrao')}{rng.randrange(100)}"
        part = (
            f'function {name}(e,t){{var n=e.{a}||{{}};if(!n["{b}"])return t({rng.randrange(10**4)});'
            f'n.{c}=[{rng.randrange(999)},{rng.randrange(999)},"{hexes(rng, 8)}"];return e.{b}(n)}}'
        )
        if rng.random() < 0.3:
            part += f'{a}.{c}("{b}-{hexes(rng, 6)}",function(e){{return {name}(e,{rng.randrange(50)})}});'
        parts.append(part)
        total += len(part)
    return "".join(parts)


def style_code(rng: Random, size: int) -> str:
    """A stylesheet of about `size` characters."""
    parts, total = [], 0
    while total < size:
        props = ";".join(
            rng.choice(CSS_PROPERTIES).format(
                n=rng.randrange(1, 48),
                m=rng.randrange(1, 9),
                hex=hexes(rng, 6),
                w=rng.choice((400, 600, 700)),
                p=rng.randrange(10, 100),
            )
            for _ in range(rng.randint(2, 6))
        )
        rule = (
            f".{rng.choice(SCRIPT_WORDS).lower()}-{hexes(rng, 5)}{rng.choice(('', ' a', ':hover', '>li'))}{{{props}}}"
        )
        if rng.random() < 0.08:
            rule = f"@media (min-width:{rng.choice((600, 768, 1024, 1280))}px){{{rule}}}"
        parts.append(rule)
        total += len(rule)
    return "".join(parts)


@cache
def site_bundles(site: Site, seed: int) -> tuple[str, ...]:
    """The inline scripts a site ships on every page (one of them each page's own size)."""
    rng = Random(f"{seed}:bundles:{site.domain}")
    return tuple(script_code(rng, int(site.script_kb * 1024 * share)) for share in (0.05, 0.1, 0.15, 0.3, 0.6))


@cache
def site_style(site: Site, seed: int) -> str:
    return style_code(Random(f"{seed}:style:{site.domain}"), int(site.style_kb * 1024))


def link(site: Site, rng: Random, path: str, label: str, role: str) -> str:
    return (
        f'<a href="https://www.{site.domain}/{path}?int_source={role}&amp;int_medium=web" '
        f'class="{class_name(rng, site, role)}" data-link-name="{role} | {slugify(label, 4)} | {rng.randrange(60)}" '
        f'data-component="{role}-{hexes(rng, 6)}">{escape(label)}</a>'
    )


def image(site: Site, rng: Random, slug: str, alt: str, role: str) -> str:
    base = f"https://cdn.{site.domain}/images/{hexes(rng, 12)}/{slug}"
    sizes = ",".join(f"{base}-{w}.jpg?quality=80&amp;auto=webp {w}w" for w in (320, 640, 960, 1280, 1920))
    return (
        f'<img src="{base}-960.jpg" srcset="{sizes}" sizes="(max-width: 768px) 100vw, 60vw" alt="{escape(alt)}"'
        f' width="960" height="540" loading="lazy" class="{class_name(rng, site, role)}">'
    )


def icon(name: str) -> str:
    return f'<svg class="icon icon-{name}" aria-hidden="true"><use href="#icon-{name}"></use></svg>'


def head(site: Site, story, rng: Random, url: str, iso: str, seed: int, script_budget: int, small_scripts: int) -> str:
    e, title = escape, story.headline
    image_url = f"https://cdn.{site.domain}/images/{hexes(rng, 12)}/{slugify(title)}-1200.jpg"
    metas = [
        ("name", "viewport", "width=device-width, initial-scale=1"),
        ("name", "description", story.standfirst),
        ("name", "robots", "index, follow, max-image-preview:large"),
        ("property", "og:site_name", site.name),
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", story.standfirst),
        ("property", "og:url", url),
        ("property", "og:image", image_url),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "630"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:site", f"@{site.domain.split('.')[0]}"),
        ("name", "twitter:title", title),
        ("name", "twitter:image", image_url),
        ("property", "article:published_time", iso),
        ("property", "article:modified_time", iso),
        ("property", "article:section", capital(story.section)),
        ("name", "author", story.author),
        ("name", "keywords", ", ".join(SECTIONS[story.section].split()[:8])),
    ]
    metas += [
        ("property", "article:tag", word) for word in rng.sample(SECTIONS[story.section].split(), rng.randint(0, 8))
    ]
    metas += [
        ("name", f"{rng.choice(('parsely', 'sailthru', 'cxense', 'msapplication'))}-{word.lower()}", hexes(rng, 10))
        for word in rng.sample(SCRIPT_WORDS, rng.randint(2, 14))
    ]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{e(title)} | {e(site.name)}</title>\n",
    ]
    parts += [f'<meta {kind}="{key}" content="{e(value)}">\n' for kind, key, value in metas]
    parts.append(f'<link rel="canonical" href="{url}">\n<link rel="amphtml" href="{url}/amp">\n')
    parts += [
        f'<link rel="preconnect" href="https://{host}.{site.domain}">\n'
        for host in ("cdn", "static", "ads", "api")[: rng.randint(1, 4)]
    ]
    parts += [
        f'<link rel="icon" sizes="{n}x{n}" href="/favicon-{n}.png">\n' for n in (16, 32, 96, 192)[: rng.randint(1, 4)]
    ]
    parts += [
        f'<link rel="stylesheet" href="https://static.{site.domain}/css/{name}.{hexes(rng, 8)}.css">\n'
        for name in ("main", "article", "vendor", "print")[: rng.randint(1, 4)]
    ]
    if site.template != "legacy":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "description": story.standfirst,
            "datePublished": iso,
            "dateModified": iso,
            "articleSection": capital(story.section),
            "author": [
                {
                    "@type": "Person",
                    "name": story.author,
                    "url": f"https://www.{site.domain}/by/{slugify(story.author)}",
                }
            ],
            "image": {"@type": "ImageObject", "url": image_url, "width": 1200, "height": 630},
            "publisher": {
                "@type": "Organization",
                "name": site.name,
                "logo": {"@type": "ImageObject", "url": f"https://www.{site.domain}/logo.png"},
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        }
        parts.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n')
    style = site_style(site, seed)
    if style:
        parts.append(f"<style>{style}{style_code(rng, rng.randint(200, 2000))}</style>\n")
    bundles = site_bundles(site, seed)
    chosen = [bundle for bundle in bundles if rng.random() < 0.6] or [bundles[0]]
    parts += [f"<script>{bundle}</script>\n" for bundle in chosen]
    spent = sum(map(len, chosen))
    if script_budget > spent:
        parts.append(f"<script>{script_code(rng, script_budget - spent)}</script>\n")
    for _ in range(small_scripts):
        config = {rng.choice(SCRIPT_WORDS): hexes(rng, rng.randint(4, 16)) for _ in range(rng.randint(2, 12))}
        parts.append(f"<script>window.{rng.choice(SCRIPT_WORDS)}_{hexes(rng, 3)}={json.dumps(config)};</script>\n")
    parts += [
        f'<script async src="https://{host}/{hexes(rng, 6)}.js"></script>\n'
        for host in rng.sample(
            [
                "www.googletagmanager.com/gtag",
                "securepubads.g.doubleclick.net/tag",
                "cdn.cookielaw.org/consent",
                "static.chartbeat.com/js",
                "c.amazon-adsystem.com/aax2",
                "sb.scorecardresearch.com/beacon",
                "connect.facebook.net/en_US",
                "cdn.parsely.com/keys",
                "platform.twitter.com/widgets",
                "cdn.taboola.com/libtrc",
            ],
            rng.randint(3, 10),
        )
    ]
    return "".join(parts) + "</head>\n"


def menu(site: Site, writer: Writer, rng: Random, count: int) -> str:
    """A mega-menu: sections, each with its sub-links (sections, places, topics)."""
    parts, made = [f'<nav class="{class_name(rng, site, "nav")}" aria-label="Main"><ul>'], 0
    sections = [*SECTIONS, "opinion", "video", "podcasts", "obituaries", "weather", "travel", "food", "money"]
    while made < count:
        section = rng.choice(sections)
        parts.append(
            f'<li class="{class_name(rng, site, "menu")}">{link(site, rng, section, capital(section), "nav")}'
            f'<div class="{class_name(rng, site, "dropdown")}"><ul>'
        )
        for _ in range(rng.randint(4, 14)):
            label = capital(
                rng.choice((rng.choice(writer.places)[0], rng.choice(SECTIONS[rng.choice(list(SECTIONS))].split())))
            )
            anchor = link(site, rng, f"{section}/{slugify(label)}", label, "subnav")
            parts.append(f"<li>{anchor}</li>" if site.template in ("portal", "wordpress") else anchor)
            made += 1
        parts.append("</ul></div></li>")
    return "".join(parts) + "</ul></nav>\n"


def teaser_list(site: Site, rng: Random, title: str, headlines: list[str], role: str, images: bool) -> str:
    items = []
    for number, headline in enumerate(headlines):
        picture = image(site, rng, slugify(headline), "", "thumb") if images and number < 6 else ""
        items.append(
            f'<li class="{class_name(rng, site, role)}"><div class="{class_name(rng, site, "card")}">'
            f'<div class="{class_name(rng, site, "card-media")}">{picture}</div>'
            f'<div class="{class_name(rng, site, "card-text")}"><div class="kicker"><span>'
            f'{escape(capital(rng.choice(list(SECTIONS))))}</span></div><div class="title">'
            f"{link(site, rng, f'news/{slugify(headline)}-{rng.randrange(10**7)}', headline, role)}</div>"
            f"</div></div></li>"
        )
    return (
        f'<section class="{class_name(rng, site, role)}"><h2>{escape(title)}</h2><ul>{"".join(items)}</ul></section>\n'
    )


def ad_slot(site: Site, rng: Random) -> str:
    slot = f"div-gpt-ad-{rng.randrange(10**12)}-{rng.randrange(9)}"
    return (
        f'<div class="ad ad-slot {class_name(rng, site, "ad")}" id="{slot}" data-ad-unit="/{rng.randrange(10**8)}/'
        f'{site.domain.split(".")[0]}/article" data-sizes="[[300,250],[728,90],[970,250]]"><div class="ad-label">'
        f'Advertisement</div><script>googletag.cmd.push(function(){{googletag.display("{slot}")}});</script></div>\n'
    )


def comments(site: Site, writer: Writer, story, rng: Random, count: int) -> str:
    items = []
    for _ in range(count):
        name = writer.name(rng)
        text = writer.clause(rng, story.section, Cast(story.people, story.places, introduced=True))
        items.append(
            f'<li class="comment"><div class="comment-body"><div class="comment-author vcard">'
            f'<img class="avatar" src="https://secure.gravatar.com/avatar/{hexes(rng, 32)}?s=48" alt="">'
            f'<cite class="fn">{escape(name)}</cite></div><div class="comment-meta"><a href="#comment-'
            f'{rng.randrange(10**6)}">{rng.randint(1, 23)} hours ago</a></div><p>{escape(capital(text))}.</p>'
            f'<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></div></li>'
        )
    return (
        f'<section id="comments" class="comments-area"><h3 class="comments-title">{count} comments</h3>'
        f'<ol class="comment-list">{"".join(items)}</ol></section>\n'
    )


def footer(site: Site, rng: Random, count: int, year: int) -> str:
    columns, made = [], 0
    while made < count:
        labels = rng.sample(SERVICE_LINKS, rng.randint(5, 12))
        columns.append(
            f'<div class="{class_name(rng, site, "footer-col")}"><h4>{rng.choice(FOOTER_HEADS)}</h4><ul>'
            + "".join(f"<li>{link(site, rng, slugify(label), label, 'footer')}</li>" for label in labels)
            + "</ul></div>"
        )
        made += len(labels)
    social = "".join(
        f'<a href="https://www.{name}.com/{site.domain.split(".")[0]}" aria-label="{name}">{icon(name)}</a>'
        for name in ICONS[: rng.randint(3, 6)]
    )
    return (
        f'<footer class="{class_name(rng, site, "footer")}"><div class="footer-inner">{"".join(columns)}'
        f'<div class="social">{social}</div><p class="copyright">&copy; {year} {escape(site.name)}. '
        "All rights reserved.</p></div></footer>\n"
    )


def sprite(rng: Random) -> str:
    symbols = "".join(
        f'<symbol id="icon-{name}" viewBox="0 0 24 24"><path d="M{rng.randrange(24)} {rng.randrange(24)}'
        f'c{rng.random():.3f} {rng.random():.3f} {rng.random():.3f} {rng.random():.3f}z"></path></symbol>'
        for name in ICONS
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}</svg>\n'
