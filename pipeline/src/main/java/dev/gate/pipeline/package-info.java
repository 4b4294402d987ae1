/**
 * gate as a library: {@link dev.gate.pipeline.Gate#push} sets up the run {@code gate push --policy} makes, and
 * {@link dev.gate.pipeline.GatePipeline} runs it step by step, each step from the package that holds it: the image
 * read and analysed ({@code analysis}), its policy input document built ({@code input}) and its findings marked by VEX,
 * waivers and a baseline ({@code findings}), the policies' decision and its record ({@code decision}), and, when allowed,
 * publishing with signatures and attestations, tag last ({@code publish}). What was signed is read back by the policy
 * re-check ({@code recheck}, {@code gate verify --policy}) and the audit of a registry ({@code audit}) through the verified
 * attestations ({@code attestation}); {@code bundle} holds signed policy bundles, {@code report} the run's reports.
 */
package dev.gate.pipeline;
