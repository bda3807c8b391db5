#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/NAME/ for the libFuzzer targets.

Seeds are small: the project's own examples and test fixtures, plus hand-made
inputs that aim at the edges (invalid UTF-8, NUL bytes, deep nesting, entity
tricks, RDF injection, truncation). Crashing inputs found by fuzzing are kept
by hand as crash-*.* files and are not touched by this script.
usage: python3 fuzz/gen_corpus.py   (from anywhere; rewrites gen-* files only)
"""
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "corpus")


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def examples():
    d = os.path.join(ROOT, "examples")
    return [read("examples/" + n) for n in sorted(os.listdir(d)) if n.endswith(".txt")]


SENTENCES = [
    b"Russia threatened Ukraine on Monday.",
    b"President Dmitry Medvedev said last week that Moscow would deploy missiles in Kaliningrad.",
    b"The U.S. and China held talks in Geneva on 14 November 2008.",
    b"Iran did not accuse Israel of an attack, officials said.",
    b"Germany could impose sanctions on Belarus only if talks fail.",
    b"The E.U. urged Iran to stop enrichment; Iran's foreign minister refused.",
    b"Japan will give aid to Mozambique next month.",
    b"He threatened them. She condemned it. They met.",
]

EDGE_TEXT = [
    b"",
    b"\n",
    b"\x00",
    b"Russia\x00threatened Ukraine.",
    b"\xff\xfe\xfd Russia threatened \xc3\x28 Ukraine \xe2\x82 on Monday.",
    b"\xef\xbb\xbfBOM first: France met Germany.",
    b"\xed\xa0\x80 surrogate; \xf4\x90\x80\x80 beyond U+10FFFF; \xc0\xaf overlong.",
    b'Russia threatened "> . <http://evil/x> <http://evil/y> "x" . Ukraine.',
    b"Russia threatened Ukraine > and <Poland> with \\u0000 \\\" escapes.",
    b"NICE, France \xe2\x80\x94 Russia threatened Ukraine.",
    b"WASHINGTON (Reuters) - The State Department said on Friday it would send an envoy.",
    b"A" * 5000 + b".",
    b"Russia " * 600 + b"threatened Ukraine.",
    b"...........................!!!!!!!!!!!!!!!???????",
    b"Mr. U.S. U.N. E.U. St. Louis e.g. i.e. a.b.c.d.e.f.g.h.",
    b"Russia's Russia's 's 's ' ' Russia'",
    b"last week next month yesterday on Monday in 2008 in spring 31 February 2010 2008-13-45",
    b"\t\r\n\v\f \xc2\xa0\xe2\x80\x83\xe3\x80\x80",
    b"\x1f\x8b\x08\x00garbage that looks like gzip",
    b"Credit: Photo\nAdvertisement\nContinue reading the main story\n",
    b"Russia threatened Ukraine, and Russia threatened Ukraine, and " * 40,
    "Erdoğan met Lula in São Paulo; Анкара и Москва; 北京.".encode(),
]


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "gen-" + name), "wb") as f:
        f.write(data)


def clear(target):
    d = os.path.join(OUT, target)
    if os.path.isdir(d):
        for n in os.listdir(d):
            if n.startswith("gen-"):
                os.unlink(os.path.join(d, n))


def text_corpus():
    i = 0
    for t in examples() + SENTENCES + EDGE_TEXT:
        write("text", "%02d.txt" % i, t)
        i += 1
    write("text", "%02d.txt.gz" % i, gzip.compress(SENTENCES[1], mtime=0))
    write("text", "headline.txt", b"Headline without a stop\n\n" + b"\n\n".join(SENTENCES))
    write("text", "longlines.txt", b"\n".join(s * 3 for s in SENTENCES))


def extract_corpus():
    i = 0
    for t in examples() + SENTENCES + EDGE_TEXT:
        write("extract", "%02d" % i, bytes([i % 32]) + t)
        i += 1


HTML = [
    b"",
    b"<html>",
    b"<p>Russia threatened Ukraine.</p>",
    b"<html><head><title>T &amp; x</title><meta charset='utf-8'></head><body><article><p>"
    + SENTENCES[1] + b"</p><p>" + SENTENCES[2] + b"</p></article></body></html>",
    b"<html><body>" + b"<div>" * 400 + b"Russia threatened Ukraine." + b"</div>" * 400 + b"</body></html>",
    b"<html><body>" + b"<b><i>" * 300 + b"Text",
    b"<p>&#0; &#xD800; &#x110000; &#99999999999; &amp &lt;script&gt; &nbsp;&hellip;&notanentity;</p>",
    b"<p>\xff\xfe bad \xc3 utf8 \x00 nul</p>",
    b"<meta charset=iso-8859-1><p>Caf\xe9 talks in Z\xfcrich.</p>",
    b'<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02","articleBody":"Russia threatened Ukraine."}</script>',
    b'<script type="application/ld+json">{"@type":[{"x":' * 50 + b"</script>",
    b"<!-- unterminated comment <p>hidden</p>",
    b"<![CDATA[ x ]]><?php echo 1; ?><!DOCTYPE x [<!ENTITY a 'b'>]><p>&a;</p>",
    b"<p title='\"> . <http://evil/x>'>Names <with> > brackets and \"quotes\" met.</p>",
    b"<table><tr><td>Russia<td>threatened<tr><td>Ukraine</table>",
    b"<pre>  GENEVA \xe2\x80\x94 The ministers met.  </pre><br/><br><hr>",
    b"<html><head><link rel=canonical href='javascript:alert(1)'><meta property='article:published_time' content='99999-99-99'></head></html>",
]


def html_corpus():
    i = 0
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/fixtures/ingest"))):
        if name.endswith(".html"):
            write("html", "%02d.html" % i, read("tests/fixtures/ingest/" + name))
            i += 1
    for h in HTML:
        write("html", "%02d.html" % i, h)
        i += 1


XML = [
    b"",
    b"<",
    b"<?xml version='1.0'?>",
    b"<nitf><body><body.content><p>" + SENTENCES[0] + b"</p></body.content></body></nitf>",
    b"<nitf><body><body.content><p>Truncated",
    b"<?xml version='1.0' encoding='ISO-8859-1'?><nitf><head><title>Caf\xe9</title></head><body><body.content><p>Z\xfcrich</p></body.content></body></nitf>",
    b"<?xml version='1.0' encoding='UTF-16'?><nitf/>",
    b"\xfe\xff\x00<\x00n\x00i\x00t\x00f\x00/\x00>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><nitf><body><body.content><p>&c;</p></body.content></body></nitf>",
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><rss><channel><item><title>&e;</title><description>&e;</description></item></channel></rss>",
    b"<!DOCTYPE x [<!ENTITY % p SYSTEM 'http://127.0.0.1/x.dtd'> %p;]><nitf/>",
    b"<!DOCTYPE x SYSTEM 'http://127.0.0.1/x.dtd'><nitf/>",
    b"<rss version='2.0'><channel><item><title>T</title><description><![CDATA[<p>" + SENTENCES[1] + b"</p><div>" * 100 + b"]]></description><pubDate>Tue, 05 Mar 2019 14:00:00 +0000</pubDate></item></channel></rss>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title type='html'>&lt;b&gt;x&lt;/b&gt;</title><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>" + SENTENCES[2] + b"</p></div></content><updated>2019-03-05T00:00:00Z</updated><link href='http://x/\"> . <http://evil/x>'/></entry></feed>",
    b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'><item rdf:about='x'><title>T</title><description>" + SENTENCES[3] + b"</description></item></rdf:RDF>",
    b"<nitf>" + b"<x>" * 600 + b"</x>" * 600 + b"</nitf>",
    b"<rss><channel>" + b"<item><title>a</title><description>Russia threatened Ukraine.</description></item>" * 30 + b"</channel></rss>",
    b"<nitf><head><docdata><date.issue norm='2008'/><doc-id id-string=''/></docdata></head><body><body.head><dateline>NICE</dateline></body.head><body.content><p>x\x00y</p></body.content></body></nitf>",
]


def xml_corpus():
    i = 0
    fixtures = os.path.join(ROOT, "tests/fixtures/ingest")
    for name in sorted(os.listdir(fixtures)):
        if name.endswith((".xml", ".rss", ".rdf", ".atom")):
            write("xml", "%02d.xml" % i, read("tests/fixtures/ingest/" + name))
            i += 1
    for x in XML:
        write("xml", "%02d.xml" % i, x)
        i += 1


def jsonl_corpus():
    lines = read("examples/articles.jsonl").splitlines()
    i = 0
    for ln in lines[:4]:
        write("jsonl", "%02d.jsonl" % i, ln + b"\n")
        i += 1
    write("jsonl", "%02d.jsonl" % i, read("tests/fixtures/ingest/docs.jsonl"))
    i += 1
    edge = [
        b"",
        b"\n\n\n",
        b"{}",
        b"[]\n1\n\"x\"\nnull\n",
        b'{"text": null}',
        b'{"text": 5, "id": {"a": 1}}',
        b'{"id": 7, "text": "Russia threatened Ukraine.", "date": "yesterday"}',
        b'{"id": "a", "text": "Russia threatened Ukraine.", "date": "2008-02-30T99:99"}',
        b'{"text": "a\\u0000b Russia threatened Ukraine."}',
        b'{"text": "\\ud800 lone surrogate \\udc00"}',
        b'{"text": "raw \xff\xfe bytes"}',
        b'{"text": "x", "text": "duplicate key"}',
        b'{"id": "\\"> . <http://evil/x>", "url": "http://a b>c", "title": "<t>", "text": "Russia threatened Ukraine."}',
        b"[" * 3000 + b"]" * 3000,
        b'{"text": "' + b"a" * 10000 + b'"}',
        b'{"text": "good one."}\n{"broken\n{"text": "good two."}\n',
        b'{"text": "no newline at end"}',
        b'{"text": "crlf"}\r\n{"text": "crlf2"}\r\n',
        b'\xef\xbb\xbf{"text": "BOM"}',
        b'{"text": "' + SENTENCES[1] + b" " + SENTENCES[5] + b'", "date": "2008-11-14"}',
    ]
    for e in edge:
        write("jsonl", "%02d.jsonl" % i, e)
        i += 1


LEX = [
    b"",
    b"# comment only\n",
    b"country\tRuritania|Ruritanian Republic\tcode=RUR\tid=rur\tlabel=Ruritania\n",
    b"person\tDmitry Medvedev|Medvedev\tid=dmitry-medvedev\tlabel=Dmitry Medvedev\tcountry=RUS\tcode=RUSGOV\trole=president\tfrom=2008-05-07\tto=2012-05-07\n",
    b"verb\tthreaten|threatens|threatened|threatening\tcameo=138\tlemma=threaten\ttarget=obj\tcomp=to\n",
    b"noun\ttalks\tcameo=040\tlemma=talks\ttarget=with\tlight=hold,held\n",
    b"place\tKaliningrad\tid=kaliningrad-rus\tlabel=Kaliningrad\tcountry=RUS\tgeonames=554234\tlat=54.7\tlon=20.5\n",
    b"capital\tMoscow\tcode=RUS\tplace=moscow-rus\n",
    b"adjective\tRussian|Russians\tcode=RUS\n",
    b"org\tUN|U.N.\tcode=IGOUNO\tid=un\tlabel=United Nations\tcase=exact\n",
    b"sector\tofficials|troops\tsector=GOV\n",
    b"title\tpresident\tsector=GOV\trole=president\n",
    b"block\tNew Mexico\n",
    b"country\tX\n",
    b"verb\tx\tcameo=999\tlemma=x\n",
    b"verb\tx\tcameo=138\tlemma=x\tbogus=1\n",
    b"unknownkind\tx\tcode=AAA\n",
    b"person\t|||\tid=\tlabel=\tcountry=\n",
    b"place\tX\tid=x\tlabel=X\tcountry=RUS\tlat=nan\tlon=1e999\n",
    b"person\tA\tid=a\tlabel=A\tcountry=RUS\tfrom=2020-99-99\tto=x\n",
    b"country\tA\x00B\tcode=AAA\tid=a\tlabel=A\n",
    b"country\t\xff\xfe\tcode=AAA\tid=a\tlabel=\xc3\n",
    b"country\tA\tcode=AAA\tid=a>b c\tlabel=A \"> . <http://evil/x>\n",
    b"verb\t" + b"a " * 300 + b"\tcameo=138\tlemma=a\n",
    b"verb\tthreaten\tcameo=138\tlemma=threaten\ttarget=with,against,to,on,for,from,of,at,in,none,obj\tcomp=that\tvoice=active\n",
    b"country\tA\tcode=AAA\tid=a\tlabel=A\r\nadjective\tA\tcode=AAA\r\n",
    b"\t\t\t\n\t\n",
    b"country\tA\tcode=AAA\tid=a\tlabel=A\tcode=BBB\n",
    b"country\tRussia\tcode=RUS\tid=rus\tlabel=Russia\ncountry\tUkraine\tcode=UKR\tid=ukr\tlabel=Ukraine\n"
    b"verb\tthreatened\tcameo=138\tlemma=threaten\n",
]


def lexicon_corpus():
    i = 0
    for x in LEX:
        write("lexicon", "%02d.tsv" % i, x)
        i += 1
    # a slice of each real lexicon file
    d = os.path.join(ROOT, "extractor/lexicon")
    for name in sorted(os.listdir(d)):
        if name.endswith(".tsv"):
            with open(os.path.join(d, name), "rb") as f:
                lines = [ln for ln in f.read().splitlines(True) if not ln.startswith(b"#")]
            write("lexicon", "%02d.tsv" % i, b"".join(lines[:12]))
            i += 1


def main():
    for t in ("text", "extract", "html", "xml", "jsonl", "lexicon"):
        clear(t)
    text_corpus()
    extract_corpus()
    html_corpus()
    xml_corpus()
    jsonl_corpus()
    lexicon_corpus()
    for t in sorted(os.listdir(OUT)):
        print("%s: %d files" % (t, len(os.listdir(os.path.join(OUT, t)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
