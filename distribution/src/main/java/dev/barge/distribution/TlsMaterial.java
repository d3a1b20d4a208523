package dev.barge.distribution;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for one registry host: trusts the JDK's CAs, the system bundle
 * ({@code /etc/ssl/certs/ca-certificates.crt}) and every {@code *.crt} in the host's
 * {@code certs.d} directory; presents {@code client.cert} + {@code client.key} (PKCS#8 PEM)
 * when both are there, as Docker does.
 */
final class TlsMaterial {
    private static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    private TlsMaterial() {}

    static SSLContext sslContext(Path hostDir) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = addJdkDefaults(trust);
            n = addPem(trust, SYSTEM_BUNDLE, n);
            List<Path> crts = list(hostDir, "*.crt");
            for (Path crt : crts) {
                n = addPem(trust, crt, n);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            Path cert = hostDir.resolve("client.cert");
            Path key = hostDir.resolve("client.key");
            if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", privateKey(key), new char[0], certificates(cert).toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw BargeException.invalid("cannot set up TLS from %s: %s", hostDir, e.getMessage());
        }
    }

    /** TLS that trusts any certificate: only for registries the admin listed as insecure (and loopback). */
    static SSLContext unverified() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new TrustingAnything()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw BargeException.internal("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate and skips host name checks, as Go's InsecureSkipVerify. */
    private static final class TrustingAnything extends javax.net.ssl.X509ExtendedTrustManager {
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) { }
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) { }
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
        @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }

    private static int addJdkDefaults(KeyStore into) throws IOException, GeneralSecurityException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (!Files.isRegularFile(cacerts)) {
            return 0;
        }
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(cacerts)) {
            jdk.load(in, null);
        }
        int n = 0;
        for (Enumeration<String> aliases = jdk.aliases(); aliases.hasMoreElements(); ) {
            Certificate c = jdk.getCertificate(aliases.nextElement());
            if (c != null) {
                into.setCertificateEntry("jdk-" + n++, c);
            }
        }
        return n;
    }

    private static int addPem(KeyStore into, Path file, int n) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            return n;
        }
        for (Certificate c : certificates(file)) {
            into.setCertificateEntry("ca-" + n++, c);
        }
        return n;
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (!text.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(pem + ": only PKCS#8 keys (BEGIN PRIVATE KEY) are supported;"
                    + " convert with: openssl pkcs8 -topk8 -nocrypt -in client.key");
        }
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": unsupported private key");
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
