#!/usr/bin/env python3
"""Writes a policy input document with N SBOM components and M vulnerabilities (synthetic, deterministic)."""
import json, random, sys

components, vulns = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(7)
sev = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"]
doc = {
    "image": {"ref": "registry.example.com/payments/api:v1.2.3", "registry": "registry.example.com",
              "repository": "payments/api", "namespace": "payments", "name": "api", "tag": "v1.2.3",
              "digest": "sha256:" + "1" * 64, "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {"user": "10001", "labels": {"org.opencontainers.image.source": "https://example.com/api",
                                                     "org.opencontainers.image.revision": "4f2c1d0"}}},
    "sbom": {"format": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "name": f"pkg{i}", "version": f"1.{i % 50}.{i % 7}",
         "purl": f"pkg:deb/debian/pkg{i}@1.{i % 50}.{i % 7}?arch=amd64&distro=debian-12",
         "ecosystem": "deb", "licenses": [rnd.choice(["MIT", "Apache-2.0", "GPL-2.0-only", "BSD-3-Clause"])]}
        for i in range(components)]},
    "vulnerabilities": [
        {"id": f"CVE-2026-{10000 + i}", "aliases": [], "severity": rnd.choice(sev),
         "cvss": {"version": "3.1", "score": 5.0, "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N"},
         "package": {"name": f"pkg{i}", "version": "1.0.0", "purl": f"pkg:deb/debian/pkg{i}@1.0.0", "ecosystem": "deb"},
         "fixedVersions": [], "fixAvailable": False, "fixPublished": None, "summary": "synthetic"}
        for i in range(vulns)],
    "context": {"time": "2026-06-30T00:00:00Z", "gate": {"version": "bench"}, "params": {}},
}
json.dump(doc, sys.stdout)
