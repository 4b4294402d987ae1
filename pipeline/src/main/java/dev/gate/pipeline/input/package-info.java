/**
 * The policy input document (docs/policy-input.schema.json) and its sections: {@code input.image} from the manifest and
 * config, {@code input.sbom} from the CycloneDX document, the findings of every platform image, the CI context and the
 * parameters. Built alike at a push and, from attestations, at a re-check.
 */
package dev.gate.pipeline.input;
