import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.SeverityScore;
import dev.gate.scan.severity.SeverityRater;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;

/** Scores CVSS v4.0 vectors (one a line on stdin) through gate's SeverityRater: "SCORE VECTOR". */
public class GateScores {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String vector = in.readLine(); vector != null; vector = in.readLine()) {
            Affected affected = new Affected("crates.io", "x", null, List.of(), List.of(), List.of(), null, null);
            OsvRecord record = new OsvRecord("X", "2024-01-01T00:00:00Z", null, null, List.of(), List.of(), null,
                    List.of(new SeverityScore("CVSS_V4", vector)), null, List.of(affected));
            System.out.printf("%.1f %s%n", SeverityRater.rate(record, affected).score(), vector);
        }
    }
}
