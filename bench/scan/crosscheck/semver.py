"""Cross-check of gate's SEMVER-range matching (Go modules, crates.io) against an independent OSV
evaluation done with node-semver (npm package `semver`, in NODE_DIR/node_modules): random packages
from the bulk zips at versions on and around their advisory bounds, pseudo-versions included.
Usage: crosscheck/semver.py ECOSYSTEM ZIP PURL_TYPE GATE_JAR DB SHARED NODE_DIR
e.g.   crosscheck/semver.py Go Go.zip golang cli/target/gate.jar osv.db ../shared /tmp/semver"""
import json, zipfile, random, subprocess, re, sys, os
random.seed(2)
eco, zname, ptype, jar, db, shared, node_dir = sys.argv[1:8]
z = zipfile.ZipFile(f'{shared}/osv-bulk/{zname}')
by_name = {}
for n in z.namelist():
    r = json.loads(z.read(n))
    if r.get('withdrawn'): continue
    for a in r.get('affected', []):
        p = a.get('package', {})
        if p.get('ecosystem') == eco:
            by_name.setdefault(p['name'], []).append({'id': r['id'], 'ranges': a.get('ranges', []), 'versions': a.get('versions', [])})
names = sorted(by_name); random.shuffle(names)
tasks = []
for name in names[:600]:
    bounds = sorted({v for a in by_name[name] for rg in a['ranges'] if rg['type'] != 'GIT' for e in rg['events'] for v in e.values() if v != '0'})
    if not bounds: continue
    b = random.choice(bounds)
    cand = [b]
    m = re.match(r'^(\d+)\.(\d+)\.(\d+)$', b)
    if m:
        x, y, zz = map(int, m.groups())
        cand += [f'{x}.{y}.{max(zz-1,0)}', f'{x}.{y}.{zz+1}', f'{x}.{y}.{zz}-rc.1', f'{x}.{y}.{zz}-0.20200101000000-abcdefabcdef']
    tasks.append({'name': name, 'version': random.choice(cand), 'records': by_name[name]})
json.dump(tasks, open('/tmp/xtasks.json', 'w'))
exp = json.loads(subprocess.run(['node', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'semver_eval.js')], capture_output=True, text=True, cwd=node_dir, env=dict(os.environ, NODE_PATH=os.path.join(node_dir, 'node_modules'))).stdout)
expected = {(t['name'], t['version'], i) for t, ids in zip(tasks, exp) for i in ids}
def purl(n, v):
    if ptype == 'golang': return f'pkg:golang/{n}@v{v}'
    return f'pkg:{ptype}/{n}@{v}'
bom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"bom-ref": f"c{i}", "name": t['name'], "purl": purl(t['name'], t['version'])} for i, t in enumerate(tasks)]}
json.dump(bom, open('/tmp/xgobom.json', 'w'))
res = subprocess.run(['java', '-jar', jar, 'scan', '--sbom', '/tmp/xgobom.json', '--db', db, '--format', 'json', '--quiet'], capture_output=True, text=True)
out = json.loads(res.stdout)
cover = set(); got = []
for f in out['vulnerabilities']:
    ids = [f['id']] + f['aliases']
    v = f['package']['version'][1:] if ptype == 'golang' else f['package']['version']
    got.append((f['package']['name'] if ptype != 'golang' else None, v, ids))
# golang names: purl splits namespace/name; compare by version+id only per component index is complex; use (version, id)
covered = {(v, i) for _, v, ids in got for i in ids}
missing = [e for e in expected if (e[1], e[2]) not in covered]
expv = {(e[1], e[2]) for e in expected}
extra = [g for g in got if not any((g[1], i) in expv for i in g[2])]
print(eco, 'tasks', len(tasks), 'expected', len(expected), 'findings', len(got), 'missing', len(missing), 'extra', len(extra))
print(missing[:5]); print(extra[:5])
