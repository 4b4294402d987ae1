# Verifies a DSSE envelope written by gate with Python's cryptography package, rebuilding the
# pre-authentication encoding (PAE) here rather than trusting gate's.
# usage: python3 verify-dsse.py PUBLIC_KEY.pem ENVELOPE.json
# Prints the statement's predicateType and first subject digest; exits non-zero when the signature fails.
import base64
import json
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

key = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
envelope = json.load(open(sys.argv[2]))
body = base64.b64decode(envelope['payload'])
payload_type = envelope['payloadType'].encode()
pae = b'DSSEv1 %d %s %d %s' % (len(payload_type), payload_type, len(body), body)
key.verify(base64.b64decode(envelope['signatures'][0]['sig']), pae, ec.ECDSA(hashes.SHA256()))
statement = json.loads(body)
print(statement['predicateType'], statement['subject'][0]['digest']['sha256'])
