package gate.baseline_test

import rego.v1

import data.gate.baseline

image := {
	"ref": "registry.example.com/payments/api:latest",
	"registry": "registry.example.com",
	"repository": "payments/api",
	"namespace": "payments",
	"name": "api",
	"tag": "latest",
	"config": {"user": "root", "labels": {}},
}

doc := {
	"image": image,
	"sbom": {"components": []},
	"vulnerabilities": [],
	"context": {"time": "2026-06-30T00:00:00Z", "params": {}},
}

test_violations_are_warnings if {
	count(baseline.warn_latest) == 1 with input as doc
	count(baseline.warn_root) == 1 with input as doc
	count(baseline.warn_labels) == 2 with input as doc
	# An empty allow list, whatever organisation data is loaded beside the policies (opa test loads the data files it finds).
	count(baseline.warn_registry) == 1 with input as doc with data.gate.allowed_registries as []
}

test_baseline_has_no_deny_rules if {
	denials := {name | some name, _ in baseline; startswith(name, "deny")}
	count(denials) == 0 with input as doc
}
