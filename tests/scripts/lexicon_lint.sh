#!/bin/sh
# Lint the default lexicon (extractor/lexicon/*.tsv) against extractor/lexicon/FORMAT.md.
# Usage: lexicon_lint.sh DKG_BINARY SOURCE_DIR SHARED_DIR   (only SOURCE_DIR is used)
# Prints counts; with SHARED_DIR/eval/plover-gsr-dev.jsonl present also the gold-actor coverage.
SRC="${2:-.}"
SHARED="${3:-$SRC/../shared}"
exec python3 - "$SRC" "$SHARED" <<'PY'
import glob, json, os, re, sys, unicodedata
from collections import defaultdict
src, shared = sys.argv[1], sys.argv[2]
KEYS = {
    'country': ({'code', 'id', 'label'}, {'qid', 'iso2'}),
    'adjective': ({'code'}, set()),
    'capital': ({'code', 'place'}, set()),
    'org': ({'code', 'id', 'label'}, {'country', 'kind', 'qid'}),
    'person': ({'id', 'label', 'country'}, {'code', 'role', 'from', 'to', 'qid'}),
    'sector': ({'sector'}, set()),
    'title': ({'sector', 'role'}, set()),
    'place': ({'id', 'label', 'country'}, {'geonames', 'lat', 'lon', 'type'}),
    'verb': ({'cameo', 'lemma'}, {'target', 'comp', 'voice', 'require'}),
    'noun': ({'cameo', 'lemma'}, {'target', 'light', 'require'}),
    'block': (set(), set()),
}
GENERAL = {'case'}           # FORMAT.md: case=exact|any on any entry
SECTORS = set('GOV MIL COP REB OPP LEG JUD MED REF CVL BUS IGO NGO ELI SPY EDU HLH LAB AGR'.split())
ACTOR = {'country', 'adjective', 'capital', 'org', 'person', 'place'}
errors = []
def err(f, n, msg):
    errors.append('%s:%d: %s' % (os.path.basename(f), n, msg))
def valid_date(d):
    m = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2})', d)
    if not m:
        return False
    import datetime
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False
files = sorted(glob.glob(os.path.join(src, 'extractor', 'lexicon', '*.tsv')))
entries = []
for f in files:
    seen = set()
    with open(f, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if line != line.rstrip():
                err(f, n, 'trailing whitespace')
            if not line.strip() or line.startswith('#'):
                continue
            if line in seen:
                err(f, n, 'duplicate line')
            seen.add(line)
            parts = line.split('\t')
            kind = parts[0]
            if kind not in KEYS:
                err(f, n, 'unknown kind %r' % kind); continue
            if len(parts) < 2:
                err(f, n, 'no forms'); continue
            forms = parts[1].split('|')
            if any(not x.strip() or x != x.strip() for x in forms):
                err(f, n, 'empty form or form with outer spaces')
            kv = {}
            for p in parts[2:]:
                if '=' not in p:
                    err(f, n, 'field without =: %r' % p); continue
                k, v = p.split('=', 1)
                if k in kv:
                    err(f, n, 'repeated key %s' % k)
                kv[k] = v
            req, opt = KEYS[kind]
            for k in req - set(kv):
                err(f, n, 'missing key %s' % k)
            for k in set(kv) - req - opt - GENERAL:
                err(f, n, 'unknown key %s' % k)
            for k, v in kv.items():
                if v == '' and k not in ('to', 'from'):
                    err(f, n, 'empty value for %s' % k)
            if kv.get('case', 'any') not in ('exact', 'any'):
                err(f, n, 'bad case')
            entries.append((f, n, kind, forms, kv))
iso3 = {kv['code'] for f, n, k, fo, kv in entries if k == 'country'}
places = {kv['id'] for f, n, k, fo, kv in entries if k == 'place'}
ids = defaultdict(dict)
for f, n, kind, forms, kv in entries:
    if kind in ('country', 'adjective', 'capital') and kv.get('code') not in iso3:
        err(f, n, 'code %s is not a country in countries.tsv' % kv.get('code'))
    if kind in ('person', 'place') and kv.get('country') not in iso3:
        err(f, n, 'country %s unknown' % kv.get('country'))
    if kind == 'org' and kv.get('country') and kv['country'] not in iso3:
        err(f, n, 'country %s unknown' % kv['country'])
    if kind == 'org' and kv.get('kind', 'organization') not in ('organization', 'group'):
        err(f, n, 'bad org kind')
    if kind == 'place' and kv.get('type', 'city') not in ('city', 'region'):
        err(f, n, 'bad place type')
    if kind == 'place':
        for k in ('lat', 'lon'):
            if k in kv:
                try:
                    float(kv[k])
                except ValueError:
                    err(f, n, 'bad %s' % k)
    if kind == 'capital' and kv.get('place') not in places:
        err(f, n, 'capital refers to unknown place %s' % kv.get('place'))
    if kind in ('sector', 'title') and kv.get('sector') not in SECTORS:
        err(f, n, 'bad sector %s' % kv.get('sector'))
    if kind == 'person':
        for k in ('from', 'to'):
            if kv.get(k) and not valid_date(kv[k]):
                err(f, n, 'bad date %s=%s' % (k, kv[k]))
        if kv.get('from') and kv.get('to') and kv['from'] > kv['to']:
            err(f, n, 'from after to')
        if kv.get('code') and not re.fullmatch(r'[A-Z]{3,12}', kv['code']):
            err(f, n, 'bad code')
    if kind == 'org' and not re.fullmatch(r'[A-Z]{3,12}', kv.get('code', '')):
        err(f, n, 'bad org code')
    if 'id' in kv:
        # same id = same entity: label (and code/country) must agree; persons may have many offices
        sig = (kv.get('label'), kv.get('code') if kind != 'person' else kv.get('country'))
        prev = ids[kind].get(kv['id'])
        if prev and prev[0] != sig:
            err(f, n, 'id %s reused for a different %s (first at %s)' % (kv['id'], kind, prev[1]))
        elif not prev:
            ids[kind][kv['id']] = (sig, '%s:%d' % (os.path.basename(f), n))
def cnt(k):
    return sum(1 for e in entries if e[2] == k)
nforms = sum(len(e[3]) for e in entries)
print('lexicon: %d files, %d entries, %d forms' % (len(files), len(entries), nforms))
print('countries %d (ids %d), adjectives %d, capitals %d, orgs %d (ids %d), people %d, offices %d, places %d, sectors %d, titles %d, blocks %d'
      % (cnt('country'), len(ids['country']), cnt('adjective'), cnt('capital'), cnt('org'), len(ids['org']),
         len(ids['person']), cnt('person'), cnt('place'), cnt('sector'), cnt('title'), cnt('block')))
if nforms > 60000:
    errors.append('too many forms: %d > 60000' % nforms)
# coverage of gold actor texts (informational)
gold = os.path.join(shared, 'eval', 'plover-gsr-dev.jsonl')
if os.path.exists(gold):
    def fold(s):
        s = unicodedata.normalize('NFKD', unicodedata.normalize('NFKC', s))
        return ''.join(c for c in s if not unicodedata.combining(c)).casefold()
    def toks(s):
        return re.findall(r"(?:\w\.){2,}|'s|[\w][\w-]*|[^\w\s]", fold(s))
    fs = set()
    for f, n, kind, forms, kv in entries:
        if kind in ACTOR:
            for x in forms:
                fs.add(tuple(toks(x)))
    maxlen = max(len(x) for x in fs)
    tot = hit = 0
    miss = []
    with open(gold, encoding='utf-8') as fh:
        for line in fh:
            d = json.loads(line)
            for side in ('source', 'target'):
                for a in d['gold'].get(side) or []:
                    if not a.get('text', '').strip() or not a.get('code'):
                        continue
                    t = toks(a['text'])
                    tot += 1
                    ok = any(tuple(t[i:i + L]) in fs for L in range(1, maxlen + 1) for i in range(len(t) - L + 1))
                    hit += ok
                    if not ok:
                        miss.append(a['text'])
    print('gold actor coverage: %d/%d = %.1f%%' % (hit, tot, 100.0 * hit / max(tot, 1)))
    if miss:
        print('unmatched: ' + '; '.join(sorted(set(miss))))
for e in errors[:200]:
    print('ERROR ' + e, file=sys.stderr)
if errors:
    print('%d errors' % len(errors), file=sys.stderr)
    sys.exit(1)
PY
