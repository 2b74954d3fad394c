"""Developer aid: fill empty msgstr entries of a .po file from a JSON dict {msgid: German}.

Usage: python .ci/fill_po.py path/to/django.po translations.json
Only single-line msgids are handled; plural entries take a list of two strings.
"""

import json
import re
import sys
from pathlib import Path

po_path, json_path = sys.argv[1], sys.argv[2]
translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
text = Path(po_path).read_text(encoding="utf-8")


def quote(value):
    return json.dumps(value, ensure_ascii=False)


def singular(match):
    msgid = json.loads(match.group(1))
    if msgid in translations and isinstance(translations[msgid], str):
        return f"msgid {match.group(1)}\nmsgstr {quote(translations[msgid])}"
    return match.group(0)


def plural(match):
    msgid = json.loads(match.group(1))
    if msgid in translations:
        one, many = translations[msgid]
        return f"msgid {match.group(1)}\nmsgid_plural {match.group(2)}\nmsgstr[0] {quote(one)}\nmsgstr[1] {quote(many)}"
    return match.group(0)


text = re.sub(r'(?<!#, fuzzy\n)^msgid ("(?:[^"\\]|\\.)+")\nmsgstr ""$', singular, text, flags=re.M)
text = re.sub(
    r'^msgid ("(?:[^"\\]|\\.)+")\nmsgid_plural ("(?:[^"\\]|\\.)+")\nmsgstr\[0\] ""\nmsgstr\[1\] ""$',
    plural,
    text,
    flags=re.M,
)
PLURAL = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
text = text.replace('"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', PLURAL)
text = text.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
Path(po_path).write_text(text, encoding="utf-8")
missing = re.findall(r'^msgid ("(?:[^"\\]|\\.)+")\nmsgstr ""$', text, flags=re.M)
print(f"{len(missing)} untranslated", *missing[:20], sep="\n  ")
