/**
 * Analysis of an image: its platform images ({@link dev.gate.pipeline.analysis.PlatformImage}), the SBOM and the scan of
 * each ({@link dev.gate.pipeline.analysis.Cataloging}), with the indexes that name Java archives and the time each step
 * takes. The tool's version, which every SBOM and record gate writes names, lives here because the SBOM is the first.
 */
package dev.gate.pipeline.analysis;
