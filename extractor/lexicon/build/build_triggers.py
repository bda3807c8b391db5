#!/usr/bin/env python3
"""Build extractor/lexicon/triggers.tsv from the hand-written triggers.src.

Usage: build_triggers.py [SRC [OUT]]    (defaults: triggers.src next to this
script, ../triggers.tsv).  `--check` compares instead of writing and exits 1
when the output is stale.  Python 3 standard library only.

Source format (one entry a line, `#` starts a comment line):

    @root 13 THREATEN                 a root heading, copied as a comment
    CODE KIND LEMMA... [key=value]...

CODE is the CAMEO code, KIND `v` (verb) or `n` (noun). LEMMA is one or more
words; everything up to the first `key=value` token. Keys: target, comp,
voice, light, require (written to the output), lemma (override the lemma written),
also (extra literal forms, `|`-separated, `_` for a space).

Inside LEMMA:
  (a|b|)      alternatives, expanded; the empty alternative drops the slot.
              The written lemma takes the FIRST alternative of each group.
  word*       the word that inflects (default: the first word for verbs, the
              last word for nouns).
  word+       double the final consonant (commit -> committed, committing).
  word-       never double (auto-doubling applies to one-syllable CVC verbs).
  word{k=v;...}  explicit inflections, comma-separated alternatives:
              verbs: s= ed= en= ing=   nouns: pl=    word{-} = no plural.

Verbs produce base, -s, past, past participle and -ing forms; nouns the
singular and plural. `light=` lists surface forms (at most 6, the extractor's limit).
`forms=` keeps only some verb slots (base,s,ed,en,ing) when the base is mostly a noun.
Verbs without `obj` in their target get voice=active (no passive reading).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# base: (past, past participle); alternatives separated by ','
IRREGULAR = {
    'arise': ('arose', 'arisen'), 'be': ('was,were', 'been'),
    'bear': ('bore', 'borne'), 'beat': ('beat', 'beaten'),
    'begin': ('began', 'begun'), 'bid': ('bid', 'bid'),
    'bind': ('bound', 'bound'), 'bite': ('bit', 'bitten'),
    'blow': ('blew', 'blown'), 'break': ('broke', 'broken'),
    'bring': ('brought', 'brought'), 'broadcast': ('broadcast', 'broadcast'),
    'build': ('built', 'built'), 'burn': ('burned,burnt', 'burned,burnt'),
    'buy': ('bought', 'bought'), 'cast': ('cast', 'cast'),
    'catch': ('caught', 'caught'), 'choose': ('chose', 'chosen'),
    'come': ('came', 'come'), 'cut': ('cut', 'cut'),
    'deal': ('dealt', 'dealt'), 'do': ('did', 'done'),
    'draw': ('drew', 'drawn'), 'drive': ('drove', 'driven'),
    'fall': ('fell', 'fallen'), 'feed': ('fed', 'fed'),
    'feel': ('felt', 'felt'), 'fight': ('fought', 'fought'),
    'find': ('found', 'found'), 'flee': ('fled', 'fled'),
    'fly': ('flew', 'flown'), 'forbid': ('forbade', 'forbidden'),
    'forgive': ('forgave', 'forgiven'), 'freeze': ('froze', 'frozen'),
    'get': ('got', 'got,gotten'), 'give': ('gave', 'given'),
    'go': ('went', 'gone'), 'grow': ('grew', 'grown'),
    'hang': ('hanged,hung', 'hanged,hung'), 'have': ('had', 'had'),
    'hear': ('heard', 'heard'), 'hide': ('hid', 'hidden'),
    'hit': ('hit', 'hit'), 'hold': ('held', 'held'),
    'keep': ('kept', 'kept'), 'know': ('knew', 'known'),
    'lay': ('laid', 'laid'), 'lead': ('led', 'led'),
    'leave': ('left', 'left'), 'lend': ('lent', 'lent'),
    'let': ('let', 'let'), 'lose': ('lost', 'lost'),
    'make': ('made', 'made'), 'meet': ('met', 'met'),
    'pay': ('paid', 'paid'), 'put': ('put', 'put'),
    'quit': ('quit', 'quit'), 'rid': ('rid', 'rid'),
    'rise': ('rose', 'risen'), 'run': ('ran', 'run'),
    'say': ('said', 'said'), 'see': ('saw', 'seen'),
    'seek': ('sought', 'sought'), 'sell': ('sold', 'sold'),
    'send': ('sent', 'sent'), 'set': ('set', 'set'),
    'shake': ('shook', 'shaken'), 'shed': ('shed', 'shed'),
    'shoot': ('shot', 'shot'), 'show': ('showed', 'shown,showed'),
    'shut': ('shut', 'shut'), 'sit': ('sat', 'sat'),
    'slay': ('slew', 'slain'), 'speak': ('spoke', 'spoken'),
    'spend': ('spent', 'spent'), 'split': ('split', 'split'),
    'spread': ('spread', 'spread'), 'stand': ('stood', 'stood'),
    'steal': ('stole', 'stolen'), 'strike': ('struck', 'struck'),
    'strive': ('strove,strived', 'striven,strived'),
    'swear': ('swore', 'sworn'), 'sweep': ('swept', 'swept'),
    'take': ('took', 'taken'), 'teach': ('taught', 'taught'),
    'tear': ('tore', 'torn'), 'tell': ('told', 'told'),
    'think': ('thought', 'thought'), 'throw': ('threw', 'thrown'),
    'understand': ('understood', 'understood'), 'wage': None,
    'win': ('won', 'won'), 'withstand': ('withstood', 'withstood'),
    'write': ('wrote', 'written'),
}
IRREGULAR = {k: v for k, v in IRREGULAR.items() if v}
# prefixes that keep an irregular verb irregular (withdraw, uphold, retake)
PREFIXES = ('with', 'up', 'under', 'over', 're', 'out', 'fore', 'mis', 'be')
VOWELS = set('aeiou')

ALLOWED_KEYS = {'target', 'comp', 'voice', 'light', 'lemma', 'also', 'forms', 'require'}
SLOTS = ('base', 's', 'ed', 'en', 'ing')
TARGETS = {'obj', 'with', 'against', 'to', 'on', 'for', 'from', 'of', 'at',
           'in', 'none', 'into', 'over', 'between', 'toward', 'towards', 'by',
           'upon'}
COMPS = {'to', 'that', 'ing', 'np'}


class SrcError(Exception):
    pass


def syllables(w):
    return len(re.findall(r'[aeiou]+|y(?![aeiou])', w[1:])) + (1 if w[0] in VOWELS else 0)


def auto_double(w):
    """One-syllable consonant-vowel-consonant verbs double: ban, stop, plan."""
    if len(w) < 3 or w[-1] in 'wxy' or w[-1] in VOWELS:
        return False
    if w[-2] not in VOWELS or w[-3] in VOWELS:
        return False
    if w[-3:-1] == 'qu':
        return False
    return syllables(w) == 1


ALWAYS_DOUBLE = {'begin', 'quit', 'forbid', 'forget', 'upset'}


def irregular_base(w):
    if w in IRREGULAR:
        return w
    for p in PREFIXES:
        if w.startswith(p) and w[len(p):] in IRREGULAR and len(w) > len(p) + 1:
            return w[len(p):]
    return w


def irregular(w):
    if w in IRREGULAR:
        return IRREGULAR[w]
    for p in PREFIXES:
        if w.startswith(p) and w[len(p):] in IRREGULAR and len(w) > len(p) + 1:
            past, pp = IRREGULAR[w[len(p):]]
            return (','.join(p + x for x in past.split(',')),
                    ','.join(p + x for x in pp.split(',')))
    return None


def inflect_verb(w, double=None, over=None):
    """Return dict s, ed, en, ing -> list of forms."""
    over = over or {}
    if double is None:
        base = irregular_base(w)
        double = auto_double(w) or auto_double(base) or base in ALWAYS_DOUBLE
    # third person
    if re.search(r'(s|x|z|ch|sh|o)$', w):
        s = w + 'es'
    elif re.search(r'[^aeiou]y$', w):
        s = w[:-1] + 'ies'
    else:
        s = w + 's'
    # past
    irr = irregular(w)
    if double:
        ed = w + w[-1] + 'ed'
    elif w.endswith('e'):
        ed = w + 'd'
    elif re.search(r'[^aeiou]y$', w):
        ed = w[:-1] + 'ied'
    else:
        ed = w + 'ed'
    past = irr[0].split(',') if irr else [ed]
    pp = irr[1].split(',') if irr else [ed]
    # -ing
    if w.endswith('ie'):
        ing = w[:-2] + 'ying'
    elif double:
        ing = w + w[-1] + 'ing'
    elif w.endswith('e') and not re.search(r'(ee|ye|oe)$', w) and w != 'be':
        ing = w[:-1] + 'ing'
    else:
        ing = w + 'ing'
    forms = {'s': [s], 'ed': past, 'en': pp, 'ing': [ing]}
    for k, v in over.items():
        if k not in forms:
            raise SrcError('unknown verb inflection key %r' % k)
        forms[k] = v
    return forms


def verb_forms(w, double=None, over=None, keep=SLOTS):
    f = inflect_verb(w, double, over)
    f['base'] = [w]
    out = []
    for k in SLOTS:
        if k in keep:
            out += f[k]
    return out


def pluralize(w, over=None):
    if over is not None:
        if over == '-':
            return [w]
        return [w] + over
    if re.search(r'(s|x|z|ch|sh)$', w):
        return [w, w + 'es']
    if re.search(r'[^aeiou]y$', w):
        return [w, w[:-1] + 'ies']
    return [w, w + 's']


def dedupe(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def split_lemma_tokens(text):
    """Split the lemma part into slots: plain word tokens and (a|b) groups.
    Returns list of lists of alternatives (each alternative a string)."""
    slots, i = [], 0
    text = text.strip()
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] == '(':
            j = text.find(')', i)
            if j < 0:
                raise SrcError('unclosed (')
            alts = [a.strip() for a in text[i + 1:j].split('|')]
            slots.append(alts)
            i = j + 1
            continue
        j = i
        depth = 0
        while j < len(text) and (depth or not text[j].isspace()):
            if text[j] == '{':
                depth += 1
            elif text[j] == '}':
                depth -= 1
            j += 1
        slots.append([text[i:j]])
        i = j
    return slots


WORD_RE = re.compile(r"^([a-z0-9][a-z0-9'\-]*|'s)(\*)?([+\-])?(\{[^}]*\})?(\*)?$")


def parse_word(tok):
    m = WORD_RE.match(tok)
    if not m:
        raise SrcError('bad word %r' % tok)
    word, star1, dbl, brace, star2 = m.groups()
    over = None
    if brace:
        body = brace[1:-1].strip()
        if body == '-':
            over = '-'
        else:
            over = {}
            for part in body.split(';'):
                if not part.strip():
                    continue
                if '=' not in part:
                    raise SrcError('bad inflection override %r' % part)
                k, v = part.split('=', 1)
                over[k.strip()] = [x.strip() for x in v.split(',') if x.strip()]
    double = {'+': True, '-': False}.get(dbl)
    return word, bool(star1 or star2), double, over


def expand(slots, kind, keep=SLOTS):
    """Yield (lemma_words, all_forms) for the entry."""
    # each alternative may hold several words; parse them
    parsed = []
    for alts in slots:
        pa = []
        for a in alts:
            pa.append([parse_word(t) for t in a.split()] if a else [])
        parsed.append(pa)
    # find the inflecting word: the starred one, else first (verb) / last (noun)
    star = [(si, ai, wi) for si, pa in enumerate(parsed) for ai, alt in enumerate(pa)
            for wi, w in enumerate(alt) if w[1]]
    forms = []
    lemma = []

    def combos(si):
        if si == len(parsed):
            yield []
            return
        for alt in parsed[si]:
            for rest in combos(si + 1):
                yield alt + rest

    for words in combos(0):
        if not words:
            continue
        idx = None
        for i, w in enumerate(words):
            if w[1]:
                idx = i
        if idx is None:
            idx = 0 if kind == 'v' else len(words) - 1
        plain = [w[0] for w in words]
        word, _, double, over = words[idx]
        if kind == 'v':
            if over == '-':
                variants = [word]
            else:
                variants = verb_forms(word, double, over, keep)
        else:
            variants = pluralize(word, over if over is not None else None) \
                if not isinstance(over, dict) else [word] + over.get('pl', [])
        for v in variants:
            forms.append(' '.join(plain[:idx] + [v] + plain[idx + 1:]))
    for pa in parsed:
        lemma += [w[0] for w in pa[0]]
    return ' '.join(lemma), dedupe(forms)


def parse_line(line, lineno):
    toks = line.split()
    if len(toks) < 3:
        raise SrcError('need CODE KIND LEMMA')
    code, kind = toks[0], toks[1]
    if not re.fullmatch(r'\d{2,4}', code) or not (1 <= int(code[:2]) <= 20):
        raise SrcError('bad CAMEO code %r' % code)
    if kind not in ('v', 'n'):
        raise SrcError('kind must be v or n, not %r' % kind)
    rest = line.split(None, 2)[2]
    # keys: trailing tokens of the form key=value (outside parentheses)
    m = re.search(r'(\s+[a-z]+=\S+)+\s*$', ' ' + rest)
    keys = {}
    lemma_text = rest
    if m:
        keypart = (' ' + rest)[m.start():]
        lemma_text = (' ' + rest)[:m.start()]
        for kv in keypart.split():
            k, v = kv.split('=', 1)
            if k not in ALLOWED_KEYS:
                raise SrcError('unknown key %r' % k)
            keys[k] = v
    keep = SLOTS
    if 'forms' in keys:
        keep = tuple(keys.pop('forms').split(','))
        for k in keep:
            if k not in SLOTS:
                raise SrcError('forms= takes %s, not %r' % (','.join(SLOTS), k))
        if kind != 'v':
            raise SrcError('forms= only for verbs')
    slots = split_lemma_tokens(lemma_text)
    lemma, forms = expand(slots, kind, keep)
    if 'lemma' in keys:
        lemma = keys.pop('lemma').replace('_', ' ')
    if 'also' in keys:
        forms = dedupe(forms + [f.replace('_', ' ') for f in keys.pop('also').split('|')])
    if 'target' in keys:
        # the loader knows no `between`; the extractor reads "between X and Y" as a
        # with-target of nouns, so write `with`
        keys['target'] = ','.join(dedupe(['with' if t == 'between' else t
                                          for t in keys['target'].split(',')]))
        for t in keys['target'].split(','):
            if t not in TARGETS:
                raise SrcError('unknown target %r' % t)
    elif kind == 'v':
        keys['target'] = 'obj'
    if 'comp' in keys and keys['comp'] not in COMPS:
        raise SrcError('unknown comp %r' % keys['comp'])
    if 'voice' in keys and keys['voice'] != 'active':
        raise SrcError('voice must be active')
    if kind == 'v' and 'obj' not in keys['target'].split(','):
        keys.setdefault('voice', 'active')
    if 'light' in keys:
        if kind != 'n':
            raise SrcError('light only for nouns')
        # the extractor keeps at most 6 governing verbs: list surface forms
        lv = dedupe(keys['light'].split(','))
        if len(lv) > 6:
            raise SrcError('light= takes at most 6 forms (the extractor keeps 6)')
        keys['light'] = ','.join(lv)
    return {'code': code, 'kind': 'verb' if kind == 'v' else 'noun',
            'lemma': lemma, 'forms': forms, 'keys': keys, 'line': lineno}


def build(src_path):
    roots, entries, errors = {}, [], []
    with open(src_path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            line = raw.split(' #', 1)[0].rstrip() if not raw.lstrip().startswith('#') else ''
            if not line.strip():
                continue
            if line.startswith('@root'):
                parts = line.split(None, 2)
                roots[parts[1]] = parts[2] if len(parts) > 2 else ''
                continue
            try:
                entries.append(parse_line(line, n))
            except SrcError as e:
                errors.append('%s:%d: %s' % (src_path, n, e))
    if errors:
        raise SystemExit('\n'.join(errors))
    # duplicates: a form belongs to one entry of its kind. The same code again is
    # dropped with a warning; another code is an error (the loader would keep both
    # senses and the extractor read only the first). A noun form that is also a verb
    # form is never read as a noun: warn.
    seen = {}
    warnings = []
    for e in entries:
        keep = []
        for fm in e['forms']:
            k = (e['kind'], fm)
            if k in seen and seen[k]['code'] != e['code']:
                errors.append('%s:%d: %s %r is also in line %d (%s)' % (
                    src_path, e['line'], e['kind'], fm, seen[k]['line'], seen[k]['code']))
            elif k in seen:
                warnings.append('%s:%d: %s %r duplicated from line %d, dropped' % (
                    src_path, e['line'], e['kind'], fm, seen[k]['line']))
            else:
                seen[k] = e
                keep.append(fm)
        e['forms'] = keep
    for e in entries:
        if e['kind'] == 'noun':
            for fm in e['forms']:
                if ('verb', fm) in seen:
                    warnings.append('%s:%d: noun %r is read as the verb of line %d' % (
                        src_path, e['line'], fm, seen[('verb', fm)]['line']))
    if errors:
        raise SystemExit('\n'.join(errors))
    entries = [e for e in entries if e['forms']]
    entries.sort(key=lambda e: (e['code'], e['kind'], e['lemma']))
    out = ['# triggers.tsv: event trigger verbs and nouns with their CAMEO codes.',
           '# generated by build/build_triggers.py from triggers.src; edit the source.',
           '# format: FORMAT.md (kinds verb and noun).']
    cur = None
    for e in entries:
        root = e['code'][:2]
        if root != cur:
            cur = root
            out.append('')
            out.append('# %s %s' % (root, roots.get(root, '')))
        fields = [e['kind'], '|'.join(e['forms']), 'cameo=' + e['code'], 'lemma=' + e['lemma']]
        for k in ('target', 'comp', 'voice', 'light', 'require'):
            if k in e['keys']:
                fields.append('%s=%s' % (k, e['keys'][k]))
        out.append('\t'.join(fields))
    return '\n'.join(out) + '\n', warnings, entries


def main(argv):
    check = '--check' in argv
    argv = [a for a in argv if a != '--check']
    quiet = '-q' in argv
    argv = [a for a in argv if a != '-q']
    src = argv[0] if argv else os.path.join(HERE, 'triggers.src')
    dst = argv[1] if len(argv) > 1 else os.path.join(HERE, '..', 'triggers.tsv')
    text, warnings, entries = build(src)
    if not quiet:
        for w in warnings:
            print('warning: ' + w, file=sys.stderr)
    if check:
        try:
            with open(dst, encoding='utf-8') as f:
                old = f.read()
        except OSError:
            old = None
        if old != text:
            print('%s is stale: run %s' % (dst, sys.argv[0]), file=sys.stderr)
            return 1
        return 0
    with open(dst, 'w', encoding='utf-8') as f:
        f.write(text)
    nforms = sum(len(e['forms']) for e in entries)
    print('%s: %d entries, %d forms' % (dst, len(entries), nforms))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
