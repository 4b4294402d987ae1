"""Cross-check of gate's PyPI matching against an independent OSV evaluation written here on top of
pypa's `packaging` (the reference PEP 440 implementation): 600 random PyPI packages from the bulk
zip, each at a version on, just below or just above one of its advisory bounds.
Usage: crosscheck/pypi.py GATE_JAR DB SHARED   (DB imported from SHARED/osv-bulk)"""
import json, zipfile, random, subprocess, sys, re
jar, db, shared = sys.argv[1], sys.argv[2], sys.argv[3]
from packaging.version import Version, InvalidVersion
from packaging.utils import canonicalize_name
random.seed(1)
z = zipfile.ZipFile(f'{shared}/osv-bulk/PyPI.zip')
recs = [json.loads(z.read(n)) for n in z.namelist()]
recs = [r for r in recs if not r.get('withdrawn')]
by_name = {}
for r in recs:
    for a in r.get('affected', []):
        p = a.get('package', {})
        if p.get('ecosystem') == 'PyPI':
            by_name.setdefault(canonicalize_name(p['name']), []).append((r, a))
def V(s):
    try: return Version(s)
    except InvalidVersion: return None
def affected(a, v):
    vv = V(v)
    if v in a.get('versions', []): return True
    if vv is None: return False
    for rg in a.get('ranges', []):
        if rg['type'] == 'GIT': continue
        evs = []
        for e in rg['events']:
            k, val = next(iter(e.items()))
            if k == 'introduced' and val == '0': evs.append((None, k, val)); continue
            ev = V(val)
            if ev is None: evs = None; break
            evs.append((ev, k, val))
        if evs is None: continue
        evs.sort(key=lambda t: (t[0] is not None, t[0] or Version('0')))
        vul = False
        for ev, k, val in evs:
            if k == 'introduced' and (ev is None or vv >= ev): vul = True
            elif k == 'fixed' and ev is not None and vv >= ev: vul = False
            elif k == 'last_affected' and ev is not None and vv > ev: vul = False
            elif k == 'limit' and ev is not None and vv >= ev: vul = False
        if vul: return True
    return False
# pick packages and boundary versions
names = sorted(by_name)
random.shuffle(names)
comps = []
for name in names[:700]:
    bounds = set()
    for r, a in by_name[name]:
        for rg in a.get('ranges', []):
            for e in rg['events']:
                for k, val in e.items():
                    if val != '0': bounds.add(val)
    bounds = sorted(bounds)
    if not bounds: continue
    b = random.choice(bounds)
    cand = [b]
    m = re.match(r'^(\d+)\.(\d+)(?:\.(\d+))?$', b)
    if m:
        parts = [int(x) for x in m.groups() if x is not None]
        lower = parts[:]; lower[-1] = max(0, lower[-1]-1)
        higher = parts[:]; higher[-1] += 1
        cand += ['.'.join(map(str, lower)), '.'.join(map(str, higher)), b + 'rc1', b + '.post1']
    v = random.choice(cand)
    comps.append((name, v))
bom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
    {"bom-ref": f"c{i}", "name": n, "version": v, "purl": f"pkg:pypi/{n}@{v}"} for i, (n, v) in enumerate(comps)]}
json.dump(bom, open('/tmp/xbom.json', 'w'))
expected = set()
for n, v in comps:
    for r, a in by_name[n]:
        if affected(a, v): expected.add((n, v, r['id']))
out = json.loads(subprocess.run(['java', '-jar', jar, 'scan', '--sbom', '/tmp/xbom.json',
                                 '--db', db, '--format', 'json', '--quiet'], capture_output=True, text=True).stdout)
got = set()
for f in out['vulnerabilities']:
    ids = [f['id']] + f['aliases']
    got.add((f['package']['name'], f['package']['version'], tuple(ids)))
# compare: each expected (n,v,id) must be covered by a finding whose id/aliases include id
cover = {}
for n, v, ids in got:
    for i in ids: cover[(n, v, i)] = True
missing = [e for e in expected if e not in cover]
extra = [g for g in got if not any((g[0], g[1], i) in expected for i in g[2])]
print('components', len(comps), 'expected', len(expected), 'findings', len(got), 'missing', len(missing), 'extra', len(extra))
print(missing[:10]); print(extra[:10])
