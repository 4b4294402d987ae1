# Production gate: an image reaches a production registry only when every rule below holds.
#
# Input: the document described by docs/policy-input.schema.json.
# Data (--data FILE, JSON or YAML), all optional:
#   gate.allowed_registries  hosts (or host:port) images may be pushed to; empty or absent denies all
#   gate.denied_licenses     licence ids that may not ship (e.g. AGPL-3.0-only)
#   gate.exceptions          repository -> rule names exempted for it, e.g. {"payments/api": ["root"]}
# Parameters (--param k=v):
#   high_fix_max_days        how long a HIGH vulnerability may stay unpatched once its fix exists (default 30)
#   waiver_warn_days         warn this many days before a waiver (--waivers) expires (default 14)
#   new_findings_only        "true": hold only findings the --baseline image did not have against the image
# Waivers (--waivers FILE): a finding with an unexpired waiver is not held against the image; a rule waived whole is
# exempted (an unscanned push needs a waiver for rule unscanned); expired waivers and those about to expire are warned about. VEX (--vex FILE): a finding a statement calls
# not_affected or fixed is not held against the image either.
package gate.prod

import rego.v1

required_labels := {"org.opencontainers.image.source", "org.opencontainers.image.revision"}

default allowed_registries := []

allowed_registries := data.gate.allowed_registries

default denied_licenses := []

denied_licenses := data.gate.denied_licenses

default high_fix_max_days := 30

default waiver_warn_days := 14

waiver_warn_days := to_number(input.context.params.waiver_warn_days)

high_fix_max_days := to_number(input.context.params.high_fix_max_days)

image := input.image

registry_host := split(image.registry, ":")[0]

registry_allowed if image.registry in allowed_registries

registry_allowed if registry_host in allowed_registries

# METADATA
# title: Allowed registries
# description: Images are pushed only to the registries listed in data.gate.allowed_registries.
# custom:
#   severity: HIGH
deny_registry contains msg if {
	not registry_allowed
	msg := sprintf("registry %q is not one of the allowed registries %v", [image.registry, allowed_registries])
}

# METADATA
# title: Reference naming
# description: A reference is lowercase registry/namespace/repository:tag, with a namespace.
# custom:
#   severity: MEDIUM
deny_naming contains msg if {
	not regex.match(`^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._-]+(/[a-z0-9._-]+)+:[a-z0-9._+-]+$`, image.ref)
	msg := sprintf("reference %q must be lowercase registry/namespace/repository:tag", [image.ref])
}

# METADATA
# scope: document
# title: Semantic version tags
# description: Images are tagged with a semantic version (vMAJOR.MINOR.PATCH), never pushed untagged.
# related_resources:
# - ref: https://semver.org
# custom:
#   severity: MEDIUM
deny_semver contains msg if {
	is_string(image.tag)
	image.tag != "latest"
	not semver.is_valid(trim_prefix(image.tag, "v"))
	msg := sprintf("tag %q is not a semantic version (vMAJOR.MINOR.PATCH)", [image.tag])
}

deny_semver contains "image must be pushed with a tag" if not is_string(object.get(image, "tag", null))

# METADATA
# title: No latest tag
# description: The floating tag latest says nothing about what runs; tag releases by version.
# custom:
#   severity: MEDIUM
deny_latest contains "tag \"latest\" is not allowed: use a semantic version" if image.tag == "latest"

# METADATA
# title: Scanned for vulnerabilities
# description: >-
#   A push with --no-scan says nothing about vulnerabilities, which is not the same as having none.
#   A rule waiver (rule: unscanned, with a reason, an approver and an expiry) lets one through.
# custom:
#   severity: HIGH
deny_unscanned contains "the image was not scanned for vulnerabilities (--no-scan): scan it, or waive rule unscanned" if {
	input.scan.skipped
}

# Findings no unexpired waiver covers, no VEX statement (--vex) calls not_affected or fixed, and (with
# new_findings_only) the --baseline image did not have already.
open_vulnerabilities contains vuln if {
	some vuln in input.vulnerabilities
	not vuln.waiver
	not vex_settled(vuln)
	held_against_release(vuln)
}

vex_settled(vuln) if vuln.vex.status in {"not_affected", "fixed"}

# With --baseline, each finding says whether the baseline image had it already (new: false); with the parameter
# new_findings_only those are not held against the release.
held_against_release(vuln) if {
	is_object(vuln)
	object.get(input.context.params, "new_findings_only", "false") != "true"
}

held_against_release(vuln) if object.get(vuln, "new", true) == true

# METADATA
# title: No fixable critical vulnerabilities
# description: A CRITICAL vulnerability with a released fix blocks the push unless waived or settled by VEX.
# custom:
#   severity: CRITICAL
deny_critical contains msg if {
	some vuln in open_vulnerabilities
	vuln.severity == "CRITICAL"
	vuln.fixAvailable
	msg := sprintf("%s (CRITICAL) in %s %s is fixed in %s", [vuln.id, vuln.package.name, vuln.package.version, concat(", ", vuln.fixedVersions)])
}

# METADATA
# title: HIGH vulnerabilities patched in time
# description: A HIGH vulnerability may stay unpatched for high_fix_max_days after its fix is published.
# custom:
#   severity: HIGH
deny_stale_high contains msg if {
	some vuln in open_vulnerabilities
	vuln.severity == "HIGH"
	vuln.fixAvailable
	age_days := days_since(vuln.fixPublished)
	age_days > high_fix_max_days
	msg := sprintf("%s (HIGH) in %s %s has had a fix for %d days (limit %d)", [vuln.id, vuln.package.name, vuln.package.version, age_days, high_fix_max_days])
}

days_since(timestamp) := floor((time.parse_rfc3339_ns(input.context.time) - time.parse_rfc3339_ns(timestamp)) / (24 * 3600 * 1000000000))

root_users := {"", "root", "0"}

runs_as_root if object.get(image, ["config", "user"], "") in root_users

runs_as_root if {
	some prefix in ["root:", "0:"]
	startswith(image.config.user, prefix)
}

# METADATA
# title: Non-root user
# description: The image's configuration sets USER to a user other than root.
# custom:
#   severity: HIGH
deny_root contains "image runs as root: set USER to a non-root user" if runs_as_root

# METADATA
# title: Provenance labels
# description: The OCI source and revision labels say where the image was built from.
# related_resources:
# - ref: https://github.com/opencontainers/image-spec/blob/main/annotations.md
# custom:
#   severity: LOW
deny_labels contains msg if {
	labels := object.get(image, ["config", "labels"], {})
	some label in required_labels
	not labels[label]
	msg := sprintf("label %q is required", [label])
}

# METADATA
# title: Denied licences
# description: No component is licensed under a licence listed in data.gate.denied_licenses.
# custom:
#   severity: HIGH
deny_license contains msg if {
	some component in input.sbom.components
	some license in component.licenses
	license in denied_licenses
	msg := sprintf("%s %s is licensed %s, which is denied", [component.name, component.version, license])
}

exception contains [rule] if {
	some rule in data.gate.exceptions[image.repository]
}

exception contains [rule] if {
	some rule in input.waivers.rules
}

# METADATA
# title: Expired waivers
# description: A waiver past its expiry covers nothing; renew or remove it.
# custom:
#   severity: LOW
warn_waiver_expired contains msg if {
	some waiver in input.waivers.expired
	msg := sprintf("waiver for %s (approved by %s) expired on %s: it covers nothing now", [object.get(waiver, "id", object.get(waiver, "rule", "?")), waiver.approver, waiver.expires])
}

# METADATA
# title: Waivers about to expire
# description: A waiver expires within waiver_warn_days.
# custom:
#   severity: LOW
warn_waiver_expiring contains msg if {
	some waiver in input.waivers.applied
	days_left := floor((time.parse_ns("2006-01-02", waiver.expires) - time.parse_rfc3339_ns(input.context.time)) / (24 * 3600 * 1000000000))
	days_left < waiver_warn_days
	msg := sprintf("waiver for %s (approved by %s) expires on %s, in %d days", [object.get(waiver, "id", object.get(waiver, "rule", "?")), waiver.approver, waiver.expires, days_left])
}
