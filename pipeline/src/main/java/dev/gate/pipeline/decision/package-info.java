/**
 * The decision: the policies (Rego or an OPA wasm bundle) and data loaded once and evaluated over an input document, and
 * the decision record the gate signs with its verdict.
 */
package dev.gate.pipeline.decision;
