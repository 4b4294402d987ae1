#!/usr/bin/env python3
"""Cross-check of gate's AlmaLinux matching against an independent OSV evaluation that orders
versions with rpm's own rpm.vercmp (rpm's Lua interpreter, `rpm --eval`): random AlmaLinux 9
packages from the bulk zip at versions on and around their advisory bounds, epochs included.
Usage: crosscheck/rpm.py GATE_JAR DB SHARED   (needs the `rpm` command)"""
import functools, json, os, random, re, subprocess, sys, tempfile, zipfile

jar, db, shared = sys.argv[1:4]
random.seed(4)
z = zipfile.ZipFile(f'{shared}/osv-bulk/AlmaLinux-9.zip')
by_name = {}
for n in z.namelist():
    r = json.loads(z.read(n))
    if r.get('withdrawn'):
        continue
    for a in r.get('affected', []):
        p = a.get('package', {})
        if p.get('ecosystem') == 'AlmaLinux:9':
            by_name.setdefault(p['name'], []).append({'id': r['id'], 'ranges': a.get('ranges', []), 'versions': a.get('versions', [])})

def bump(v, d):
    m = re.match(r'^(.*\D)(\d+)$', v)
    return f'{m.group(1)}{max(int(m.group(2)) + d, 0)}' if m else v

names = sorted(by_name); random.shuffle(names)
tasks = []
for name in names[:500]:
    bounds = sorted({v for a in by_name[name] for rg in a['ranges'] for e in rg['events'] for v in e.values() if v != '0'})
    if bounds:
        b = random.choice(bounds)
        tasks.append((name, random.choice([b, bump(b, -1), bump(b, 1)])))

pairs = set()
for name, v in tasks:
    for a in by_name[name]:
        for rg in a['ranges']:
            vals = [x for e in rg['events'] for x in e.values() if x != '0']
            pairs.update((v, x) for x in vals)
            pairs.update((x, y) for x in vals for y in vals)
pairs = sorted(pairs)
with tempfile.NamedTemporaryFile('w', suffix='.lua', delete=False) as lua:
    lua.write('\n'.join('print(rpm.vercmp("%s","%s") .. " ")' % p for p in pairs))
out = subprocess.run(['rpm', '--eval', "%{lua: dofile('" + lua.name + "')}"], capture_output=True, text=True).stdout.split()
os.unlink(lua.name)
cmp = {p: int(r) for p, r in zip(pairs, out)}

def affected(entry, v):
    if v in entry['versions']:
        return True
    for rg in entry['ranges']:
        evs = [next(iter(e.items())) for e in rg['events']]
        key = functools.cmp_to_key(lambda a, b: -1 if a[1] == '0' else 1 if b[1] == '0' else cmp[(a[1], b[1])])
        vul = False
        for k, x in sorted(evs, key=key):
            c = 1 if x == '0' else cmp[(v, x)]
            if k == 'introduced' and c >= 0: vul = True
            elif k == 'fixed' and c >= 0: vul = False
            elif k == 'last_affected' and c > 0: vul = False
        if vul:
            return True
    return False

expected = {(n, v, a['id']) for n, v in tasks for a in by_name[n] if affected(a, v)}
def purl(n, v):
    epoch, _, rest = v.rpartition(':')
    return f'pkg:rpm/almalinux/{n}@{rest}?arch=x86_64' + (f'&epoch={epoch}' if epoch else '') + '&distro=almalinux-9.4'
bom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "operating-system", "name": "almalinux", "version": "9.4"}]
       + [{"bom-ref": f"c{i}", "name": n, "purl": purl(n, v)} for i, (n, v) in enumerate(tasks)]}
with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
    json.dump(bom, f)
res = json.loads(subprocess.run(['java', '-jar', jar, 'scan', '--sbom', f.name, '--db', db, '--format', 'json', '--quiet'],
                                capture_output=True, text=True).stdout)
os.unlink(f.name)
got = [(x['package']['name'], x['package']['version'], [x['id']] + x['aliases']) for x in res['vulnerabilities']]
covered = {(n, v, i) for n, v, ids in got for i in ids}
missing = [e for e in expected if e not in covered]
extra = [g for g in got if not any((g[0], g[1], i) in expected for i in g[2])]
print('AlmaLinux:9 packages', len(tasks), 'expected', len(expected), 'findings', len(got), 'missing', len(missing), 'extra', len(extra))
print(missing[:5]); print(extra[:5])
