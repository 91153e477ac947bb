import pathlib, re, json
W = pathlib.Path('/work/main/source/witness/000_e8ae33c1e403aa22.txt').read_text(encoding='utf-8').split('\n')
parts = sorted(pathlib.Path('/work/main/source/text').glob('*.rst'))
ptext = {p.stem: p.read_text(encoding='utf-8') for p in parts}
def norm(l):
    l = l.strip()
    l = re.sub(r'^\.\. attribution::\s*', '', l)
    return l
plines = {k: [norm(x) for x in v.split('\n')] for k, v in ptext.items()}
out = {}
for i, line in enumerate(W, 1):
    if i < 11 or i > 339 or not line.strip():
        continue
    s = line.strip()
    hits = [k for k, ls in plines.items() if s in ls]
    out[i] = hits
bad = {i: h for i, h in out.items() if len(h) != 1}
print('unmapped/ambiguous:', bad)
json.dump({i: h[0] if h else None for i, h in out.items()}, open('linemap.json', 'w'), ensure_ascii=False, indent=0)
