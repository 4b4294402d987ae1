#!/usr/bin/env python3
"""Compares two CycloneDX JSON SBOMs (gate's and trivy's) on (purl type, name, version).

Usage: compare.py GATE.cdx.json TRIVY.cdx.json   Exit 1 when the package sets differ."""
import json
import sys


def packages(path):
    found = set()
    for c in json.load(open(path)).get('components', []):
        purl = c.get('purl')
        if not purl:
            continue
        kind = purl[4:].split('/', 1)[0]
        name = c['name'] if not c.get('group') or kind == 'golang' else c['group'] + '/' + c['name']
        found.add((kind, name, c.get('version', '')))
    return found


gate, trivy = packages(sys.argv[1]), packages(sys.argv[2])
print(f"gate: {len(gate)} packages, trivy: {len(trivy)} packages, common: {len(gate & trivy)}")
for label, diff in (("only gate", gate - trivy), ("only trivy", trivy - gate)):
    for p in sorted(diff):
        print(f"  {label}: {p[0]} {p[1]} {p[2]}")
sys.exit(0 if gate == trivy else 1)
