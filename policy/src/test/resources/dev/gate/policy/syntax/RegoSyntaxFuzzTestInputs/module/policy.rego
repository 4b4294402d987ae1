package gate.fuzz

import rego.v1

default allow := false

deny contains msg if {
	some layer in input.image.layers
	layer.size > 100 * 1024 * 1024
	msg := sprintf("layer %s is %d bytes", [layer.digest, layer.size])
}

warn_tag contains {"msg": "no tag", "ref": input.image.ref} if not input.image.tag

allow if {
	count(deny) == 0
	every v in input.vulnerabilities { v.severity != "CRITICAL" }
}

exception contains ["tag"] if data.waivers[input.image.repository]

f(x) := y if { y := x + 1 } else := 0

s := {x | x := [1, 2.5e3, "a\u00e9\n", `raw`, null, true][_]}
o := {k: v | some k, v in {"a": 1}}
t := $"interpolated {input.image.name} string"
