#!/usr/bin/env python3
"""Reads dkg's N-Triples output and prints predictions JSON Lines exactly as
shared/tools/rdf2pred.py does ({"id", "events": [{"plover", "cameo", "source",
"target"}]}; an actor's codes are its dip:countryCode values, else its
dip:actorCode values), without going through roqet, whose joins are quadratic
on outputs of this size.
usage: nt2pred.py OUTPUT.nt [INPUT.jsonl]"""
import json
import re
import sys
from collections import defaultdict

DIP = "https://w3id.org/dkg/ontology#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LINE = re.compile(r'^<([^>]*)> <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?) \.$')


def unescape(lit):
    body = lit[1:lit.rindex('"')]
    return json.loads('"' + body.replace('\\U', '\\\\U') + '"') if "\\" in body else body


def main(path, ids_file=None):
    spo = defaultdict(lambda: defaultdict(list))
    events = []
    for line in open(path, encoding="utf-8"):
        m = LINE.match(line.strip())
        if not m:
            continue
        s, p, o = m.group(1), m.group(2), m.group(3)
        val = o[1:-1] if o.startswith("<") else unescape(o)
        if val not in spo[s][p]:
            spo[s][p].append(val)
        if p == RDF_TYPE and val == DIP + "Event":
            events.append(s)
    out = defaultdict(dict)
    for e in dict.fromkeys(events):
        props = spo[e]
        for m in props.get(DIP + "hasMention", []):
            for d in spo[m].get(DIP + "inDocument", []):
                for ident in spo[d].get(DCT + "identifier", []):
                    ev = out[ident].setdefault(e, {
                        "plover": (props.get(DIP + "ploverType") or [""])[0],
                        "cameo": (props.get(DIP + "cameoCode") or [""])[0],
                        "source": set(), "target": set()})
                    for role, pred in (("source", "sourceActor"), ("target", "targetActor")):
                        for a in props.get(DIP + pred, []):
                            codes = spo[a].get(DIP + "countryCode") or spo[a].get(DIP + "actorCode") or []
                            ev[role].update(codes)
    ids = [json.loads(l)["id"] for l in open(ids_file, encoding="utf-8")] if ids_file else sorted(out)
    for i in ids:
        evs = [{"plover": e["plover"], "cameo": e["cameo"], "source": sorted(e["source"]),
                "target": sorted(e["target"])} for e in out.get(i, {}).values()]
        print(json.dumps({"id": i, "events": evs}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
