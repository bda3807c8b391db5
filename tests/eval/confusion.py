#!/usr/bin/env python3
"""Confusion table by PLOVER type and the list of misses, for make eval.
usage: confusion.py GOLD.jsonl PRED.jsonl [N_MISSES]"""
import json
import sys
from collections import Counter, defaultdict

LEGACY = {"JAP": "JPN", "ITL": "ITA", "UK": "GBR", "ROM": "ROU"}


def norm(code):
    code = (code or "").strip().upper()
    return LEGACY.get(code, LEGACY.get(code[:3], code[:3])) if code else ""


def main():
    gold_path, pred_path = sys.argv[1], sys.argv[2]
    nmiss = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    pred = defaultdict(list)
    for line in open(pred_path, encoding="utf-8"):
        r = json.loads(line)
        pred[r["id"]].extend(r.get("events", []))
    table = defaultdict(Counter)
    types = set()
    misses = []
    for g in gold:
        gt = g["gold"]["plover"].upper()
        types.add(gt)
        evs = pred.get(g["id"], [])
        ptypes = {(e.get("plover") or "-").upper() for e in evs} or {"(none)"}
        if gt in ptypes:
            table[gt][gt] += 1
        else:
            for p in ptypes:
                table[gt][p] += 1
                types.add(p)
        gsrc = {norm(a["code"]) for a in g["gold"]["source"]} - {""}
        ok = any((e.get("plover") or "").upper() == gt and
                 (not gsrc or {norm(c) for c in e.get("source", [])} & gsrc) for e in evs)
        if not ok:
            got = "; ".join("%s %s>%s" % (e.get("plover"), ",".join(e.get("source", [])),
                                          ",".join(e.get("target", []))) for e in evs) or "(none)"
            misses.append("%s  gold %s %s  got %s\n    %s" % (
                g["id"], gt, ",".join(sorted(gsrc)), got, g["text"][:160]))
    cols = sorted(types - {"(none)"}) + ["(none)"]
    rows = sorted(t for t in types if t != "(none)" and t in table)
    short = {c: c[:5] for c in cols}
    print("\nConfusion (rows gold, columns predicted; a sentence counts once per predicted type)")
    print("%-10s" % "" + "".join("%6s" % short[c] for c in cols))
    for r in rows:
        print("%-10s" % r[:10] + "".join("%6s" % (table[r][c] or ".") for c in cols))
    print("\nMisses at type+source: %d of %d (first %d)" % (len(misses), len(gold), min(nmiss, len(misses))))
    for m in misses[:nmiss]:
        print(m)


if __name__ == "__main__":
    main()
