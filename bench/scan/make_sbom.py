#!/usr/bin/env python3
"""Writes a CycloneDX SBOM of N distinct packages drawn from the bulk OSV zips, so that many of
them sit on advisory bounds: each component takes a package an advisory names and one of the
versions its events name (introduced, fixed or last_affected). Deterministic for a given input."""
import json
import sys
import zipfile

bulk, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
purl_type = {"Go": "golang", "PyPI": "pypi", "crates.io": "cargo", "AlmaLinux:9": "rpm"}
zips = ["Go.zip", "PyPI.zip", "crates.io.zip", "AlmaLinux-9.zip"]
per_zip = count // len(zips)
components, seen = [], set()
for name in zips:
    taken = 0
    with zipfile.ZipFile(f"{bulk}/{name}") as z:
        for entry in sorted(z.namelist()):
            if taken >= per_zip:
                break
            record = json.loads(z.read(entry))
            for affected in record.get("affected", []):
                pkg = affected.get("package", {})
                kind = purl_type.get(pkg.get("ecosystem"))
                if not kind:
                    continue
                versions = [v for r in affected.get("ranges", []) if r.get("type") != "GIT"
                            for e in r.get("events", []) for v in e.values() if v != "0"]
                if not versions:
                    continue
                version = versions[taken % len(versions)]
                key = (kind, pkg["name"])  # one version per package, as in a real image
                if key in seen:
                    continue
                seen.add(key)
                pname = pkg["name"]
                if kind == "golang":
                    purl = f"pkg:golang/{pname}@v{version}"
                elif kind == "rpm":
                    purl = f"pkg:rpm/almalinux/{pname}@{version}?distro=almalinux-9"
                else:
                    purl = f"pkg:{kind}/{pname}@{version}"
                components.append({"bom-ref": f"c{len(components)}", "type": "library", "name": pname,
                                   "version": version, "purl": purl})
                taken += 1
                break
components.insert(0, {"type": "operating-system", "name": "almalinux", "version": "9.4"})
with open(out, "w") as f:
    json.dump({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": components}, f)
print(f"{len(components) - 1} components -> {out}", file=sys.stderr)
