"""Checks for cited.bib against the witness and inventory.tsv.
Run with a Python that has pybtex (e.g. /work/main/.venv/bin/python)."""
import pathlib, sys
from pybtex.database import parse_file
HERE = pathlib.Path(__file__).resolve().parent.parent
W = pathlib.Path('/work/main/source/witness/000_e8ae33c1e403aa22.txt').read_text(encoding='utf-8')
db = parse_file(str(HERE / 'cited.bib'))
bad = 0
for k, e in db.entries.items():
    f = e.fields
    for fld in ('titlekorean', 'titlekoreanvariants'):
        if fld in f:
            for s in f[fld].split(';'):
                s = s.strip()
                if s and s not in W:
                    print(f'{k}: {fld} not in witness: {s}'); bad += 1
    if 'note-verification' not in f:
        print(f'{k}: no note-verification'); bad += 1
inv = [l.rstrip('\n').split('\t') for l in open(HERE / 'inventory.tsv', encoding='utf-8')][1:]
used = {k.strip() for r in inv for k in r[5].split(';') if k.strip()}
print('keys missing from bib:', sorted(used - set(db.entries)))
print('bib entries not used:', sorted(set(db.entries) - used))
sys.exit(1 if bad or (used - set(db.entries)) else 0)
