import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.sbomin.CycloneDxInput;
import java.nio.file.Path;

/**
 * In-process matching time: opens the database and scans the SBOM several times in one JVM,
 * printing the first (cold) run and the best of the warm runs. Run as a single-file program:
 * java -cp "gate.jar:lib/*" ScanBench.java DB SBOM
 */
public class ScanBench {
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        CycloneDxInput input = CycloneDxInput.read(Path.of(args[1]));
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 6; run++) {
            long start = System.nanoTime();
            ScanResult result;
            try (Scanner scanner = Scanner.open(db)) {
                result = scanner.scan(input.packages(), input.os());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (run == 0) {
                System.out.printf("in-process cold: %d ms, %d packages, %d findings%n", millis, result.packagesScanned(),
                        result.findings().size());
            } else {
                best = Math.min(best, millis);
            }
        }
        System.out.printf("in-process warm (best of 5): %d ms%n", best);
    }
}
