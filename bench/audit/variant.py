#!/usr/bin/env python3
"""variant.py SRC DEST N: writes DEST, an OCI layout of SRC's image (tag 1.0.0) whose config carries the label
bench.variant=N, so each N is a distinct image (its own config and manifest digests) over the same layers."""
import hashlib, json, os, shutil, sys

src, dest, n = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(dest, ignore_errors=True)
shutil.copytree(src, dest)
blobs = os.path.join(dest, "blobs", "sha256")

def read(digest):
    with open(os.path.join(blobs, digest.split(":")[1]), "rb") as f:
        return f.read()

def write(data):
    hexdigest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, hexdigest), "wb") as f:
        f.write(data)
    return "sha256:" + hexdigest

with open(os.path.join(dest, "index.json")) as f:
    index = json.load(f)
entry = index["manifests"][0]
manifest = json.loads(read(entry["digest"]))
config = json.loads(read(manifest["config"]["digest"]))
config.setdefault("config", {}).setdefault("Labels", {})["bench.variant"] = n
config_bytes = json.dumps(config, separators=(",", ":")).encode()
manifest["config"]["digest"] = write(config_bytes)
manifest["config"]["size"] = len(config_bytes)
manifest_bytes = json.dumps(manifest, separators=(",", ":")).encode()
entry["digest"] = write(manifest_bytes)
entry["size"] = len(manifest_bytes)
with open(os.path.join(dest, "index.json"), "w") as f:
    json.dump(index, f, separators=(",", ":"))
print(entry["digest"])
