/**
 * The policy re-check from attestations ({@code gate verify --policy}, and per tag in {@code gate audit}): the input
 * document rebuilt from what a registry holds and the verified SBOM, vulnerability and decision attestations, and
 * evaluated with today's policies.
 */
package dev.gate.pipeline.recheck;
