/**
 * What marks the findings of an input document after the scan: VEX statements (files, registry artifacts, signed
 * attestations) that a finding does not affect the image, time-boxed waivers, and a baseline image whose findings are
 * not new.
 */
package dev.gate.pipeline.findings;
