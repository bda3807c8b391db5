#!/usr/bin/env python3
"""Prints N random events of a dkg N-Triples output with their sentence, for
reading them by hand against the text (issue 3's 50-event check).

usage: sample_events.py OUTPUT.nt [N [SEED]]
  dkg extract -f ntriples -o corpus.nt ../shared/corpus/
  python3 tests/eval/sample_events.py corpus.nt 50 2026
"""
import collections
import random
import re
import sys

TERM = re.compile(r'(<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z-]+)?|_:\S+)')


def local(iri):
    return re.split(r"[#/]", iri.strip("<>"))[-1]


def text(term):
    m = re.match(r'"((?:[^"\\]|\\.)*)"', term)
    if not m:
        return local(term)
    s = m.group(1)
    s = re.sub(r"\\U([0-9A-Fa-f]{8})", lambda x: chr(int(x.group(1), 16)), s)
    s = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda x: chr(int(x.group(1), 16)), s)
    return s.replace('\\"', '"').replace("\\n", " ").replace("\\\\", "\\")


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2026
    nodes = collections.defaultdict(lambda: collections.defaultdict(list))
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = TERM.findall(line)
            if len(t) >= 3 and t[2] not in nodes[t[0]][local(t[1])]:
                nodes[t[0]][local(t[1])].append(t[2])

    def actors(ids):
        return "; ".join("%s [%s]" % (text(nodes[a]["label"][0]) if nodes[a]["label"] else local(a),
                                      ",".join(text(c) for c in nodes[a]["actorCode"]))
                         for a in ids) or "-"

    events = sorted(s for s in nodes if nodes[s]["cameoCode"])
    random.seed(seed)
    for i, e in enumerate(random.sample(events, min(n, len(events))), 1):
        d = nodes[e]
        first = lambda k: text(d[k][0]) if d[k] else ""
        print("%d. CAMEO %s %s (%s, %s) action \"%s\"%s" % (
            i, first("cameoCode"), first("ploverType"), first("polarity"), first("modality"),
            first("actionText"), ' object "%s"' % first("objectText") if d["objectText"] else ""))
        print("   source: %s\n   target: %s" % (actors(d["sourceActor"]), actors(d["targetActor"])))
        m = d["hasMention"][0] if d["hasMention"] else None
        if m and nodes[m]["sentenceText"]:
            print("   sentence: %s" % text(nodes[m]["sentenceText"][0]))


if __name__ == "__main__":
    main()
