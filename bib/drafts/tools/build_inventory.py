import csv, json, pathlib, sys
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from inventory_data import ROWS
W = pathlib.Path('/work/main/source/witness/000_e8ae33c1e403aa22.txt').read_text(encoding='utf-8').split('\n')
TXT = pathlib.Path('/work/main/source/text')
linemap = {int(k): v for k, v in json.load(open(pathlib.Path(__file__).parent / 'linemap.json')).items()}
errors = []
out = []
for (line, kind, anchor, attr, key, loc, notes, aline) in ROWS:
    part = linemap.get(line)
    wl = W[line - 1]
    if part is None:
        errors.append(f'L{line}: not mapped'); continue
    if anchor not in wl:
        errors.append(f'L{line}: anchor not in witness line: {anchor}')
    ptxt = (TXT / f'{part}.rst').read_text(encoding='utf-8')
    n = ptxt.count(anchor)
    if n != 1:
        errors.append(f'L{line}: anchor occurs {n}x in {part}: {anchor}')
    if aline:
        if linemap.get(aline) != part:
            errors.append(f'L{line}: attribution line {aline} in other part')
        a_text = W[aline - 1].strip()
        if attr is None:
            attr = a_text
        elif attr not in a_text:
            errors.append(f'L{line}: attribution not on L{aline}')
    else:
        if attr not in wl:
            errors.append(f'L{line}: attribution not in line: {attr}')
    if loc:
        src = W[(aline or line) - 1]
        # locator must be verbatim in the witness (attribution line or quote line)
        if loc not in src and loc not in wl:
            errors.append(f'L{line}: locator not verbatim: {loc}')
    out.append([line, part, kind, anchor, attr, key, loc, notes])
if errors:
    print('\n'.join(errors)); sys.exit(1)
out.sort(key=lambda r: r[0])
dst = pathlib.Path(__file__).parent.parent / 'inventory.tsv'
with open(dst, 'w', encoding='utf-8', newline='') as f:
    f.write('\t'.join(['witness_line', 'part', 'kind', 'anchor', 'attribution', 'bib_key', 'locator', 'notes']) + '\n')
    for r in out:
        cells = [str(c) for c in r]
        assert not any(('\t' in c or '\n' in c) for c in cells), r
        f.write('\t'.join(cells) + '\n')
print('rows', len(out))
from collections import Counter
print(Counter(r[2] for r in out))
print('no key:', sum(1 for r in out if not r[5]))
