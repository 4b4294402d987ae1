package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoEncodings;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * crypto.x509.parse_certificates: PEM text, or base64 of PEM or of concatenated DER, to objects with the field names
 * Go's x509.Certificate marshals to JSON (Subject.CommonName, DNSNames, NotAfter ...). Byte fields are base64.
 */
final class X509Certificates {
    private static final String NAME = "crypto.x509.parse_certificates";
    private static final String[][] NAME_FIELDS = {
        {"C", "Country"},
        {"O", "Organization"},
        {"OU", "OrganizationalUnit"},
        {"L", "Locality"},
        {"ST", "Province"},
        {"STREET", "StreetAddress"},
        {"2.5.4.17", "PostalCode"},
    };

    private X509Certificates() {}

    static Value parse(String input) {
        List<X509Certificate> certs = read(NAME, input);
        List<Value> out = new ArrayList<>();
        for (X509Certificate c : certs) out.add(describe(c));
        return ArrayValue.of(out);
    }

    /** PEM text, or base64 of PEM or of concatenated DER, as OPA's getX509CertsFromString reads it. */
    static List<X509Certificate> read(String name, String input) {
        byte[] data;
        if (input.startsWith("-----BEGIN")) {
            data = input.getBytes(StandardCharsets.UTF_8);
        } else {
            data = Values.guard(name, () -> GoEncodings.base64Decode(input));
        }
        Collection<? extends java.security.cert.Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(data));
        } catch (CertificateException e) {
            throw BuiltinException.builtin(name, "x509: malformed certificate");
        }
        if (certs.isEmpty()) throw BuiltinException.builtin(name, "x509: malformed certificate");
        List<X509Certificate> out = new ArrayList<>();
        for (java.security.cert.Certificate c : certs) out.add((X509Certificate) c);
        return out;
    }

    /**
     * crypto.x509.parse_and_verify_certificates: the first certificate is the trusted root, the last the leaf, the
     * others intermediates; [true, the chain from leaf to root] when the leaf verifies at the query's time, else [false, []].
     */
    static Value parseAndVerify(BuiltinContext ctx, String name, String input) {
        return parseAndVerify(name, input, java.util.Date.from(ctx.now()), null, List.of("1.3.6.1.5.5.7.3.1"));
    }

    /** The options object: DNSName, CurrentTime (Unix ns), KeyUsages (Go names), MaxConstraintComparisons (accepted). */
    static Value parseAndVerifyWithOptions(BuiltinContext ctx, String name, String input, ObjectValue options) {
        java.util.Date at = java.util.Date.from(ctx.now());
        String dnsName = null;
        List<String> usages = List.of("1.3.6.1.5.5.7.3.1");
        for (Map.Entry<Value, Value> e : options.entries().entrySet()) {
            String key =
                    e.getKey() instanceof StringValue s ? s.value() : e.getKey().toJson();
            Value v = e.getValue();
            switch (key) {
                case "DNSName" -> dnsName = Operands.string(name, List.of(v), 1);
                case "CurrentTime" -> {
                    java.math.BigInteger ns = Values.bigInteger(name, List.of(v), 1);
                    at = new java.util.Date(
                            ns.divide(java.math.BigInteger.valueOf(1_000_000)).longValue());
                }
                case "KeyUsages" -> {
                    usages = new ArrayList<>();
                    for (String usage : Values.stringElements(name, List.of(v), 1)) {
                        String oid = X509Chains.usageOid(usage);
                        if (oid == null) throw BuiltinException.builtin(name, "invalid entry for KeyUsages: " + usage);
                        usages.add(oid);
                    }
                }
                case "MaxConstraintComparisons" -> Values.bigInteger(name, List.of(v), 1);
                default -> throw BuiltinException.builtin(name, "invalid key option: " + key);
            }
        }
        return parseAndVerify(name, input, at, dnsName, usages);
    }

    private static Value parseAndVerify(
            String name, String input, java.util.Date at, String dnsName, List<String> usages) {
        Value invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        List<X509Certificate> certs;
        try {
            certs = read(name, input);
        } catch (BuiltinException e) {
            return invalid;
        }
        List<X509Certificate> chain = X509Chains.verify(certs, at, dnsName, usages);
        if (chain == null) return invalid;
        List<Value> out = new ArrayList<>();
        for (X509Certificate c : chain) out.add(describe(c));
        return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(out));
    }

    private static Value describe(X509Certificate c) {
        Map<String, Value> m = new LinkedHashMap<>();
        try {
            m.put("Raw", bytes(c.getEncoded()));
            m.put("RawTBSCertificate", bytes(c.getTBSCertificate()));
        } catch (CertificateException e) {
            throw BuiltinException.builtin(NAME, "x509: malformed certificate");
        }
        m.put("RawSubjectPublicKeyInfo", bytes(c.getPublicKey().getEncoded()));
        m.put("RawSubject", bytes(c.getSubjectX500Principal().getEncoded()));
        m.put("RawIssuer", bytes(c.getIssuerX500Principal().getEncoded()));
        m.put("Signature", bytes(c.getSignature()));
        m.put("Version", NumberValue.of(c.getVersion()));
        m.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
        m.put("Issuer", name(c.getIssuerX500Principal()));
        m.put("Subject", name(c.getSubjectX500Principal()));
        m.put("NotBefore", time(c.getNotBefore()));
        m.put("NotAfter", time(c.getNotAfter()));
        m.put("KeyUsage", NumberValue.of(keyUsage(c.getKeyUsage())));
        boolean basic = c.getExtensionValue("2.5.29.19") != null;
        int pathLen = c.getBasicConstraints();
        m.put("BasicConstraintsValid", BooleanValue.of(basic));
        m.put("IsCA", BooleanValue.of(pathLen >= 0));
        m.put("MaxPathLen", NumberValue.of(pathLen == Integer.MAX_VALUE || pathLen < 0 ? -1 : pathLen));
        m.put("MaxPathLenZero", BooleanValue.of(pathLen == 0));
        addSubjectAlternativeNames(c, m);
        return ObjectValue.ofStrings(m);
    }

    static Value bytes(byte[] b) {
        return b == null ? NullValue.NULL : StringValue.of(Base64.getEncoder().encodeToString(b));
    }

    private static Value time(java.util.Date d) {
        return StringValue.of(DateTimeFormatter.ISO_INSTANT.format(d.toInstant().atOffset(ZoneOffset.UTC)));
    }

    /** Go numbers KeyUsage bits from the least significant: digitalSignature is 1, contentCommitment 2 ... */
    private static long keyUsage(boolean[] bits) {
        long usage = 0;
        if (bits != null) {
            for (int i = 0; i < bits.length; i++) if (bits[i]) usage |= 1L << i;
        }
        return usage;
    }

    static Value name(X500Principal principal) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String commonName = "", serial = "";
        List<Value> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
                String type = rdn.getType().toUpperCase();
                String value = String.valueOf(rdn.getValue());
                if (type.equals("CN")) commonName = value;
                else if (type.equals("2.5.4.5")) serial = value;
                for (String[] field : NAME_FIELDS) {
                    if (field[0].equals(type))
                        fields.computeIfAbsent(field[1], k -> new ArrayList<>()).add(value);
                }
                names.add(ObjectValue.ofStrings(Map.of("Type", oid(type), "Value", StringValue.of(value))));
            }
        } catch (InvalidNameException e) {
            throw BuiltinException.builtin(NAME, "x509: malformed name");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (String[] field : NAME_FIELDS) {
            List<String> values = fields.get(field[1]);
            out.put(field[1], values == null ? NullValue.NULL : Values.strings(values));
        }
        out.put("SerialNumber", StringValue.of(serial));
        out.put("CommonName", StringValue.of(commonName));
        out.put("Names", ArrayValue.of(names));
        out.put("ExtraNames", NullValue.NULL);
        return ObjectValue.ofStrings(out);
    }

    private static Value oid(String type) {
        String dotted = switch (type) {
            case "CN" -> "2.5.4.3";
            case "C" -> "2.5.4.6";
            case "L" -> "2.5.4.7";
            case "ST" -> "2.5.4.8";
            case "STREET" -> "2.5.4.9";
            case "O" -> "2.5.4.10";
            case "OU" -> "2.5.4.11";
            case "DC" -> "0.9.2342.19200300.100.1.25";
            case "UID" -> "0.9.2342.19200300.100.1.1";
            default -> type;
        };
        List<Value> parts = new ArrayList<>();
        for (String p : dotted.split("\\.")) {
            try {
                parts.add(NumberValue.of(Long.parseLong(p)));
            } catch (NumberFormatException e) {
                return StringValue.of(type);
            }
        }
        return ArrayValue.of(parts);
    }

    /** SAN general names: 1 rfc822, 2 dNSName, 6 URI, 7 IP address. */
    private static void addSubjectAlternativeNames(X509Certificate c, Map<String, Value> m) {
        List<String> dns = new ArrayList<>(),
                emails = new ArrayList<>(),
                ips = new ArrayList<>(),
                uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object value = san.get(1);
                    switch ((Integer) san.get(0)) {
                        case 1 -> emails.add(String.valueOf(value));
                        case 2 -> dns.add(String.valueOf(value));
                        case 6 -> uris.add(String.valueOf(value));
                        case 7 -> ips.add(String.valueOf(value));
                        default -> {}
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw BuiltinException.builtin(NAME, "x509: malformed subject alternative names");
        }
        m.put("DNSNames", dns.isEmpty() ? NullValue.NULL : Values.strings(dns));
        m.put("EmailAddresses", emails.isEmpty() ? NullValue.NULL : Values.strings(emails));
        m.put("IPAddresses", ips.isEmpty() ? NullValue.NULL : Values.strings(ips));
        m.put("URIs", uris.isEmpty() ? NullValue.NULL : Values.strings(uris));
        // OPA adds the URIs as plain strings too (Go's own URIs are URL structures).
        m.put("URIStrings", uris.isEmpty() ? NullValue.NULL : Values.strings(uris));
    }
}
