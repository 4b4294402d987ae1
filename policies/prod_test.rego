package gate.prod_test

import rego.v1

import data.gate.prod

compliant := {
	"image": {
		"ref": "registry.example.com/payments/api:v1.2.3",
		"registry": "registry.example.com",
		"repository": "payments/api",
		"namespace": "payments",
		"name": "api",
		"tag": "v1.2.3",
		"digest": "sha256:0000000000000000000000000000000000000000000000000000000000000001",
		"mediaType": "application/vnd.oci.image.manifest.v1+json",
		"config": {
			"user": "10001",
			"labels": {
				"org.opencontainers.image.source": "https://example.com/payments/api",
				"org.opencontainers.image.revision": "4f2c1d0",
			},
		},
	},
	"sbom": {"format": "CycloneDX", "specVersion": "1.6", "components": [{
		"type": "library", "name": "openssl", "version": "3.0.15-1~deb12u1",
		"purl": "pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
		"ecosystem": "deb", "licenses": ["Apache-2.0"],
	}]},
	"vulnerabilities": [],
	"context": {"time": "2026-06-30T00:00:00Z", "params": {}},
}

org_data := {"gate": {
	"allowed_registries": ["registry.example.com", "localhost"],
	"denied_licenses": ["AGPL-3.0-only"],
}}

with_image(patch) := object.union(compliant, {"image": object.union(compliant.image, patch)})

test_compliant_image_passes if {
	count(prod.deny_registry) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_naming) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_semver) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_latest) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_critical) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_stale_high) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_root) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_labels) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
	count(prod.deny_license) == 0 with input as compliant with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
}

test_registry_outside_allow_list_denied if {
	doc := with_image({"registry": "evil.example.org", "ref": "evil.example.org/payments/api:v1.2.3"})
	count(prod.deny_registry) == 1 with input as doc with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
}

test_registry_with_port_matches_host if {
	doc := with_image({"registry": "localhost:5000", "ref": "localhost:5000/payments/api:v1.2.3"})
	count(prod.deny_registry) == 0 with input as doc with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
}

test_no_allow_list_denies if {
	count(prod.deny_registry) == 1 with input as compliant with data.gate.allowed_registries as []
}

test_repository_without_namespace_denied if {
	doc := with_image({"ref": "registry.example.com/api:v1.2.3", "repository": "api", "namespace": ""})
	count(prod.deny_naming) == 1 with input as doc with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
}

test_latest_denied if {
	doc := with_image({"tag": "latest", "ref": "registry.example.com/payments/api:latest"})
	prod.deny_latest == {"tag \"latest\" is not allowed: use a semantic version"} with input as doc
	count(prod.deny_semver) == 0 with input as doc
}

test_non_semver_tag_denied if {
	doc := with_image({"tag": "nightly", "ref": "registry.example.com/payments/api:nightly"})
	prod.deny_semver == {"tag \"nightly\" is not a semantic version (vMAJOR.MINOR.PATCH)"} with input as doc
}

test_semver_without_v_prefix_allowed if {
	doc := with_image({"tag": "1.2.3-rc.1", "ref": "registry.example.com/payments/api:1.2.3-rc.1"})
	count(prod.deny_semver) == 0 with input as doc
}

test_missing_tag_denied if {
	doc := with_image({"tag": null})
	prod.deny_semver == {"image must be pushed with a tag"} with input as doc
}

# Without the key at all: OPA evaluates a call's reference operands before `not`, so `not is_string(image.tag)` would be undefined.
test_absent_tag_denied if {
	doc := json.remove(compliant, ["image/tag"])
	prod.deny_semver == {"image must be pushed with a tag"} with input as doc
}

test_root_user_denied if {
	some user in ["", "root", "0", "root:root", "0:0"]
	doc := with_image({"config": object.union(compliant.image.config, {"user": user})})
	count(prod.deny_root) == 1 with input as doc
}

test_missing_user_is_root if {
	doc := json.remove(compliant, ["image/config/user"])
	count(prod.deny_root) == 1 with input as doc
}

test_missing_labels_denied if {
	doc := json.remove(compliant, ["image/config/labels/org.opencontainers.image.revision"])
	prod.deny_labels == {"label \"org.opencontainers.image.revision\" is required"} with input as doc
}

critical_fixed := {
	"id": "DEBIAN-CVE-2022-0778", "severity": "CRITICAL", "fixAvailable": true,
	"fixedVersions": ["1.1.1k-1+deb11u2"], "fixPublished": "2022-03-15T00:00:00Z",
	"package": {"name": "openssl", "version": "1.1.1k-1+deb11u1"},
}

test_fixable_critical_denied if {
	doc := object.union(compliant, {"vulnerabilities": [critical_fixed]})
	prod.deny_critical == {"DEBIAN-CVE-2022-0778 (CRITICAL) in openssl 1.1.1k-1+deb11u1 is fixed in 1.1.1k-1+deb11u2"} with input as doc
}

test_unfixed_critical_allowed if {
	vuln := object.union(critical_fixed, {"fixAvailable": false, "fixedVersions": []})
	doc := object.union(compliant, {"vulnerabilities": [vuln]})
	count(prod.deny_critical) == 0 with input as doc
}

test_high_with_old_fix_denied if {
	vuln := object.union(critical_fixed, {"severity": "HIGH", "fixPublished": "2026-05-01T00:00:00Z"})
	doc := object.union(compliant, {"vulnerabilities": [vuln]})
	count(prod.deny_stale_high) == 1 with input as doc
}

test_high_with_recent_fix_allowed if {
	vuln := object.union(critical_fixed, {"severity": "HIGH", "fixPublished": "2026-06-20T00:00:00Z"})
	doc := object.union(compliant, {"vulnerabilities": [vuln]})
	count(prod.deny_stale_high) == 0 with input as doc
}

test_high_fix_age_is_a_parameter if {
	vuln := object.union(critical_fixed, {"severity": "HIGH", "fixPublished": "2026-06-20T00:00:00Z"})
	doc := object.union(compliant, {"vulnerabilities": [vuln], "context": {"time": "2026-06-30T00:00:00Z", "params": {"high_fix_max_days": "5"}}})
	count(prod.deny_stale_high) == 1 with input as doc
}

test_denied_license if {
	component := object.union(compliant.sbom.components[0], {"licenses": ["AGPL-3.0-only"]})
	doc := object.union(compliant, {"sbom": object.union(compliant.sbom, {"components": [component]})})
	count(prod.deny_license) == 1 with input as doc with data.gate.allowed_registries as org_data.gate.allowed_registries with data.gate.denied_licenses as org_data.gate.denied_licenses
}

test_exception_from_data if {
	exceptions := {"gate": {"exceptions": {"payments/api": ["root", "labels"]}}}
	prod.exception == {["root"], ["labels"]} with input as compliant with data.gate.exceptions as exceptions.gate.exceptions
}

waiver := {"id": "CVE-2022-0778", "reason": "not reachable", "approver": "sec@example.com", "expires": "2026-07-31", "file": "w.yaml"}

test_waived_critical_allowed if {
	vuln := object.union(critical_fixed, {"waiver": waiver})
	doc := object.union(compliant, {"vulnerabilities": [vuln], "waivers": {"applied": [object.union(waiver, {"findings": 1})], "expired": [], "rules": []}})
	count(prod.deny_critical) == 0 with input as doc
	count(prod.warn_waiver_expiring) == 0 with input as doc
}

test_waiver_about_to_expire_warned if {
	soon := object.union(waiver, {"expires": "2026-07-05", "findings": 1})
	doc := object.union(compliant, {"waivers": {"applied": [soon], "expired": [], "rules": []}})
	prod.warn_waiver_expiring == {"waiver for CVE-2022-0778 (approved by sec@example.com) expires on 2026-07-05, in 5 days"} with input as doc
}

test_expired_waiver_warned if {
	doc := object.union(compliant, {"waivers": {"applied": [], "expired": [object.union(waiver, {"expires": "2026-06-01"})], "rules": []}})
	count(prod.warn_waiver_expired) == 1 with input as doc
}

test_rule_waiver_exempts_the_rule if {
	doc := object.union(compliant, {"waivers": {"applied": [], "expired": [], "rules": ["root"]}})
	["root"] in prod.exception with input as doc
}

test_vex_not_affected_critical_allowed if {
	vuln := object.union(critical_fixed, {"vex": {"status": "not_affected", "justification": "vulnerable_code_not_in_execute_path", "document": "v.json"}})
	doc := object.union(compliant, {"vulnerabilities": [vuln]})
	count(prod.deny_critical) == 0 with input as doc
}

test_vex_affected_critical_still_denied if {
	vuln := object.union(critical_fixed, {"vex": {"status": "affected", "justification": null, "document": "v.json"}})
	doc := object.union(compliant, {"vulnerabilities": [vuln]})
	count(prod.deny_critical) == 1 with input as doc
}

test_unscanned_push_denied if {
	doc := object.union(compliant, {"scan": {"skipped": true}})
	count(prod.deny_unscanned) == 1 with input as doc
}

test_scanned_push_not_denied_as_unscanned if {
	doc := object.union(compliant, {"scan": {"skipped": false}})
	count(prod.deny_unscanned) == 0 with input as doc
}

test_unscanned_rule_waiver_exempts_it if {
	doc := object.union(compliant, {"scan": {"skipped": true}, "waivers": {"applied": [], "expired": [], "rules": ["unscanned"]}})
	["unscanned"] in prod.exception with input as doc
}

critical_known := object.union(critical_fixed, {"new": false})

test_known_critical_denied_unless_new_findings_only if {
	doc := object.union(compliant, {"vulnerabilities": [critical_known]})
	count(prod.deny_critical) == 1 with input as doc
	only_new := object.union(doc, {"context": {"time": compliant.context.time, "params": {"new_findings_only": "true"}}})
	count(prod.deny_critical) == 0 with input as only_new
}

test_new_critical_denied_with_new_findings_only if {
	vuln := object.union(critical_fixed, {"new": true})
	doc := object.union(compliant, {"vulnerabilities": [vuln], "context": {"time": compliant.context.time, "params": {"new_findings_only": "true"}}})
	count(prod.deny_critical) == 1 with input as doc
}
