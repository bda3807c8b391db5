#!/usr/bin/env python3
"""Generates a synthetic dkg graph of a given size (N-Triples) for benchmarks.

The shape follows dkg's output contract: events with CAMEO/PLOVER codes,
Goldstein value, quad class, source and target actors, place, date,
polarity, modality and one mention each; mentions in articles; actors with
labels, actor and country codes; places with country codes. Deterministic:
the same arguments give byte-identical output.

usage: gen_graph.py [--triples N] [--seed S] [-o FILE]
"""
import argparse
import random
import sys

DIP = "https://w3id.org/dkg/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
DCT = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/dkg/id/"

# (cameo code, plover type, class, goldstein, quad class)
TYPES = [
    ("036", "CONSULT", "ExpressIntentToMeet", "4.0", 1),
    ("040", "CONSULT", "Consult", "1.0", 1),
    ("042", "CONSULT", "MakeVisit", "1.9", 1),
    ("051", "COOPERATE", "PraiseOrEndorse", "3.4", 1),
    ("057", "AGREE", "SignFormalAgreement", "8.0", 1),
    ("061", "COOPERATE", "CooperateEconomically", "6.4", 2),
    ("070", "AID", "ProvideAid", "7.0", 2),
    ("111", "DISAPPROVE", "Criticize", "-2.0", 3),
    ("112", "DISAPPROVE", "Accuse", "-2.0", 3),
    ("130", "THREATEN", "Threaten", "-4.4", 3),
    ("138", "THREATEN", "ThreatenMilitaryForce", "-7.0", 3),
    ("163", "SANCTION", "ImposeEmbargo", "-8.0", 3),
    ("190", "FIGHT", "UseConventionalMilitaryForce", "-10.0", 4),
    ("195", "FIGHT", "EmployAerialWeapons", "-10.0", 4),
    ("010", "CONSULT", "MakeStatement", "0.0", 0),
]
MODALITIES = ["Asserted"] * 8 + ["Intended", "Conditional", "Possible", "Threatened"]


def iri(local):
    return "<" + ID + local + ">"


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(s, dt):
    return lit(s) + "^^<" + XSD + dt + ">"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    n = 0

    def t(s, p, o):
        nonlocal n
        out.write(f"{s} <{p}> {o} .\n")
        n += 1

    countries = sorted(set("%c%c%c" % (65 + i % 26, 65 + (i * 7) % 26, 65 + (i * 11) % 26)
                           for i in range(150)))
    actors = []
    for i in range(2000):
        cc = countries[i % len(countries)]
        a_iri = iri("actor-%05d" % i)
        t(a_iri, RDF + "type", "<" + DIP + "Actor>")
        t(a_iri, RDFS + "label", lit("Actor %d of %s" % (i, cc)) + "@en")
        t(a_iri, DIP + "actorCode", lit(cc + ("GOV", "MIL", "BUS", "CVL")[i % 4]))
        t(a_iri, DIP + "countryCode", lit(cc))
        actors.append(a_iri)
    places = []
    for i in range(500):
        p_iri = iri("place-%04d" % i)
        t(p_iri, RDF + "type", "<" + DIP + "Place>")
        t(p_iri, RDFS + "label", lit("Place %d" % i) + "@en")
        t(p_iri, DIP + "countryCode", lit(countries[i % len(countries)]))
        places.append(p_iri)
    ev = 0
    doc = None
    # Zipf-like skew: a few actors are in most events, as in real news.
    weights = [1.0 / (k + 1) for k in range(len(actors))]
    while n < a.triples:
        if ev % 5 == 0:
            doc = iri("doc-%06d" % (ev // 5))
            year = 2000 + rnd.randrange(25)
            month = 1 + rnd.randrange(12)
            day = 1 + rnd.randrange(28)
            date = "%04d-%02d-%02d" % (year, month, day)
            t(doc, RDF + "type", "<" + DIP + "Article>")
            t(doc, DCT + "identifier", lit("corpus/%06d.txt" % (ev // 5)))
            t(doc, DCT + "title", lit("Synthetic article %d" % (ev // 5)))
            t(doc, DCT + "date", typed(date, "date"))
            t(doc, DCT + "source", "<https://news.example.org/%06d>" % (ev // 5))
        code, plover, cls, gold, quad = TYPES[rnd.randrange(len(TYPES))]
        e = iri("event-%08x" % ev)
        src, tgt = rnd.choices(actors, weights, k=2)
        t(e, RDF + "type", "<" + DIP + "Event>")
        t(e, RDF + "type", "<" + DIP + cls + ">")
        t(e, DIP + "cameoCode", lit(code))
        t(e, DIP + "ploverType", lit(plover))
        t(e, DIP + "goldstein", typed(gold, "decimal"))
        t(e, DIP + "quadClass", typed(str(quad), "integer"))
        t(e, DIP + "sourceActor", src)
        if src != tgt:
            t(e, DIP + "targetActor", tgt)
        t(e, DIP + "actionText", lit(cls.lower()))
        t(e, DIP + "objectText", lit("object %d" % rnd.randrange(1000)))
        t(e, SEM + "hasPlace", places[rnd.randrange(len(places))])
        t(e, SEM + "hasTimeStamp", typed(date, "date"))
        t(e, DIP + "polarity", "<" + DIP + ("Negated" if rnd.random() < 0.05 else "Affirmative") + ">")
        t(e, DIP + "modality", "<" + DIP + MODALITIES[rnd.randrange(len(MODALITIES))] + ">")
        m = iri("mention-%08x" % ev)
        t(e, DIP + "hasMention", m)
        t(m, RDF + "type", "<" + DIP + "Mention>")
        t(m, DIP + "inDocument", doc)
        t(m, DIP + "sentenceText", lit("Sentence %d says that one actor did %s to another." % (ev, cls)))
        start = rnd.randrange(5000)
        t(m, DIP + "charStart", typed(str(start), "integer"))
        t(m, DIP + "charEnd", typed(str(start + 40 + rnd.randrange(200)), "integer"))
        t(m, DIP + "confidence", typed("0.%d" % (5 + rnd.randrange(5)), "decimal"))
        ev += 1
    if out is not sys.stdout:
        out.close()
    print("%d triples, %d events" % (n, ev), file=sys.stderr)


if __name__ == "__main__":
    main()
