#!/usr/bin/env python3
"""Builds testdata/sample, the quick-start image: a tiny OCI layout made from the files under
sample-src/rootfs (hand-written for gate; the dpkg stanzas follow the format of a real
Debian 12 /var/lib/dpkg/status). Deterministic: same files, same digests."""
import gzip, hashlib, io, json, os, shutil, sys, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sample-src", "rootfs")
OUT = os.path.join(HERE, "sample")
TAG = "1.0.0"


def layer_bytes():
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(SRC):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                full = os.path.join(dirpath, name)
                info = tar.gettarinfo(full, arcname=os.path.relpath(full, SRC))
                info.uid = info.gid = 0
                info.uname = info.gname = "root"
                info.mtime = 0
                info.mode = 0o755 if info.isdir() else 0o644
                if info.isfile():
                    with open(full, "rb") as f:
                        tar.addfile(info, f)
                elif name in dirnames:
                    tar.addfile(info)
    diff = raw.getvalue()
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, mode="wb", mtime=0, compresslevel=6) as gz:
        gz.write(diff)
    return diff, compressed.getvalue()


def write_blob(data):
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(OUT, "blobs", "sha256", digest)
    with open(path, "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "blobs", "sha256"))
    diff, gz = layer_bytes()
    layer = write_blob(gz)
    config = {
        "created": "2026-01-01T00:00:00Z",
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "User": "10001",
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/sh"],
            "WorkingDir": "/",
            "Labels": {
                "org.opencontainers.image.source": "https://example.com/gate/sample",
                "org.opencontainers.image.revision": "0000000000000000000000000000000000000001",
            },
        },
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(diff).hexdigest()]},
        "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "make-sample.py"}],
    }
    config_desc = write_blob(json.dumps(config, separators=(",", ":"), sort_keys=True).encode())
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config_desc},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", **layer}],
    }
    manifest_desc = write_blob(json.dumps(manifest, separators=(",", ":")).encode())
    index = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest_desc,
            "annotations": {"org.opencontainers.image.ref.name": TAG},
        }],
    }
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, separators=(",", ":"))
    with open(os.path.join(OUT, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    print("wrote", OUT, manifest_desc["digest"])


if __name__ == "__main__":
    sys.exit(main())
