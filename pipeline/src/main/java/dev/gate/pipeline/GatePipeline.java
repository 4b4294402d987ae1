package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.store.VerifiedStore;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.Transports;
import dev.gate.pipeline.analysis.Cataloging;
import dev.gate.pipeline.analysis.ImageFacts;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.pipeline.analysis.StepTimes;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.findings.AttestedVex;
import dev.gate.pipeline.findings.Baseline;
import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.findings.Waivers;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.input.ImageSection;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.pipeline.input.PlatformFindings;
import dev.gate.pipeline.publish.Destination;
import dev.gate.pipeline.publish.Published;
import dev.gate.pipeline.publish.Publisher;
import dev.gate.pipeline.publish.VulnerabilityPredicate;
import dev.gate.policy.decision.Decision;
import dev.gate.scan.db.DatabaseAge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code gate push --policy}: resolve, SBOM, scan, decide, and only when allowed publish to every
 * destination (signature, attestations, SBOM referrer, tag last). Denied runs send nothing.
 */
public final class GatePipeline {

    private final PipelineSettings settings;
    private final UnaryOperator<String> environment;
    /** Read at the start of a run when --baseline names an image; null otherwise. */
    private Baseline baseline;

    public GatePipeline(PipelineSettings settings, UnaryOperator<String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    public GateRun run(PushListener listener) {
        StepTimes times = new StepTimes();
        Destination main = Destination.parse(settings.destination(), settings.registries(), settings.publishedAs());
        List<Destination> destinations = new ArrayList<>();
        destinations.add(main);
        settings.also().forEach(a -> destinations.add(Destination.parse(a, settings.registries())));
        // Policies load before the image is read: a broken policy fails in a second, not after a scan. They compile
        // while the advisory database is opened (its first connection loads SQLite's native library) on this thread.
        PolicyGate gate = null;
        if (settings.sbomOnly()) {
            checkDatabaseAndBaseline();
        } else {
            gate = BesideSteps.run(
                    () -> PolicyGate.load(
                            settings.policies(), settings.data(), settings.namespace(), settings.regoVersion()),
                    this::checkDatabaseAndBaseline);
        }
        try (ImageSource source = Transports.source(settings.source(), settings.registries());
                VerifiedStore store = VerifiedStore.open()) {
            Gathered gathered = gather(source, store, main.name(), times);
            ObjectNode input = gathered.input();
            Artifact artifact = gathered.artifact();
            Verdict verdict = gate == null ? Verdict.NOT_EVALUATED : verdict(gate, gathered, times);
            List<Published> published = new ArrayList<>();
            if (verdict.allowed() && !settings.dryRun()) {
                List<Publisher.Subject> subjects = subjects(
                        artifact, gathered.facts(), verdict.record(), gathered.scanStart(), gathered.scanEnd());
                Publisher publisher = new Publisher(settings.signing(), times);
                for (Destination d : destinations) {
                    published.add(publisher.publish(d, artifact, subjects, listener));
                }
            }
            return new GateRun(
                    source.describe(),
                    main.name(),
                    artifact.descriptor().digest().toString(),
                    artifact.descriptor().mediaType(),
                    gathered.facts(),
                    input,
                    verdict.decision(),
                    verdict.allowed(),
                    settings.dryRun(),
                    settings.signing().name(),
                    published,
                    times.ordered());
        }
    }

    private void checkDatabaseAndBaseline() {
        if (settings.database() != null && !settings.sbomOnly()) {
            // Before anything is read: "no known vulnerabilities" must be said with current advisories.
            DatabaseAge.check(settings.database(), settings.databaseMaxAge(), Instant.now());
        }
        if (settings.baseline() != null) {
            baseline = Baseline.read(baselineRequest(), settings.registries());
        }
    }

    /** The decision, whether it lets the image through, and its record for the decision attestation. */
    record Verdict(Decision decision, boolean allowed, JsonNode record) {
        static final Verdict NOT_EVALUATED = new Verdict(null, true, null);
    }

    private Verdict verdict(PolicyGate gate, Gathered gathered, StepTimes times) {
        Decision[] decided = new Decision[1];
        times.time("policy", () -> decided[0] = gate.decide(gathered.input()));
        boolean allowed = decided[0].allowed(settings.failOnWarn());
        JsonNode record = new DecisionRecord(
                        allowed,
                        settings.failOnWarn(),
                        gate.namespace(),
                        gate.policyFiles(),
                        gate.dataFiles(),
                        gate.engineInfo(),
                        settings.config(),
                        InputDocument.digest(gathered.input()),
                        decided[0],
                        gathered.time(),
                        settings.policyOrigins())
                .predicate(gathered.input());
        return new Verdict(decided[0], allowed, record);
    }

    /** Steps 1 to 4 up to the decision: what was read and learned, and the input document built from it. */
    public record Gathered(
            Artifact artifact,
            List<ImageFacts> facts,
            ObjectNode input,
            Instant time,
            Instant scanStart,
            Instant scanEnd) {}

    /**
     * What is cataloged here is what gets published: a source that may serve other bytes on a second read is read
     * once, through the store, and pushed from there.
     */
    public Gathered gather(ImageSource source, VerifiedStore store, ImageName name, StepTimes times) {
        Artifact[] resolved = new Artifact[1];
        times.time("resolve", () -> resolved[0] = source.resolve());
        Artifact artifact = source.rereadsAlike() ? resolved[0] : store.hold(resolved[0]);
        List<PlatformImage> images = PlatformImage.of(artifact);
        Instant scanStart = Instant.now();
        List<ImageFacts> facts = Cataloging.run(
                images,
                name.ref(),
                settings.sbomOnly() ? null : settings.database(),
                settings.catalogTimeout(),
                settings.java(),
                times);
        Instant scanEnd = Instant.now();
        boolean scanned = facts.stream().allMatch(f -> f.scanReport() != null);
        ObjectNode input = InputDocument.build(
                ImageSection.of(name, artifact, images),
                facts.stream().map(ImageFacts::sbom).toList(),
                scanned
                        ? facts.stream()
                                .map(f -> PlatformFindings.of(f.scanReport(), f.image()))
                                .toList()
                        : null,
                settings.signing().describe(),
                scanEnd,
                settings.params(),
                environment);
        VexStatements.apply(
                input,
                settings.vexKeys() == null
                        ? settings.vex()
                        : settings.vex()
                                .and(AttestedVex.ofSource(
                                        settings.source(), artifact, settings.vexKeys(), settings.registries())));
        Waivers.apply(input, settings.waivers(), java.time.LocalDate.ofInstant(scanEnd, java.time.ZoneOffset.UTC));
        if (baseline != null) {
            baseline.apply(input);
        }
        return new Gathered(artifact, facts, input, scanEnd, scanStart, scanEnd);
    }

    /** The baseline's findings are trusted when they verify with the key given for them, else with the signing key. */
    private Baseline.Request baselineRequest() {
        Baseline.Request asked = settings.baseline();
        if (asked.key() != null) {
            return asked;
        }
        if (settings.signing().key() == null) {
            throw GateException.input("--baseline " + asked.reference()
                    + ": give --baseline-key FILE (the key that signed the baseline's "
                    + "attestations); without --key there is no signing key to verify them with");
        }
        return new Baseline.Request(asked.reference(), settings.signing().key().publicKey());
    }

    /** Each platform image carries its own SBOM and scan; an index carries the decision and its signature. */
    private static List<Publisher.Subject> subjects(
            Artifact artifact, List<ImageFacts> facts, JsonNode decision, Instant scanStart, Instant scanEnd) {
        List<Publisher.Subject> subjects = new ArrayList<>();
        for (ImageFacts f : facts) {
            JsonNode vulns =
                    f.scanReport() == null ? null : VulnerabilityPredicate.of(f.scanReport(), scanStart, scanEnd);
            subjects.add(new Publisher.Subject(f.image().descriptor(), f.sbom(), f.sbomJson(), vulns, decision));
        }
        if (artifact instanceof Artifact.Multi) {
            subjects.add(new Publisher.Subject(artifact.descriptor(), null, null, null, decision));
        }
        return subjects;
    }
}
