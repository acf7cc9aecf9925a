package dev.preflight.rpc;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The certificates rpc trusts for an https Jolokia: the JDK's default trust store unless {@code --trust FILE} names
 * others, so a self-signed certificate is accepted only when the operator points at it. The file is a PEM
 * certificate (or chain, or CA bundle) or a keystore (PKCS12 or JKS) whose certificates are trusted; a keystore's
 * password, if it has one, comes from {@code PREFLIGHT_RPC_TRUST_PASSWORD}. The host name is verified as usual.
 *
 * <pre>{@code
 * SSLContext tls = Trust.of(Path.of("jolokia.pem"), null);   // trusts exactly the certificates in jolokia.pem
 * }</pre>
 */
final class Trust {

    private Trust() {
    }

    /** An SSL context trusting exactly the certificates of {@code file}. */
    static SSLContext of(Path file, String password) {
        try {
            KeyStore trusted = isPem(file) ? fromPem(file) : KeyStore.getInstance(file.toFile(),
                    password == null ? new char[0] : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw RpcException.rejected("cannot read the certificates to trust from " + file + " (--trust): "
                    + Targets.rootMessage(e) + ". Give a PEM certificate or a PKCS12/JKS keystore (its password in"
                    + " PREFLIGHT_RPC_TRUST_PASSWORD)");
        }
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII).contains("-----BEGIN");
        }
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in it");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + i++, certificate);
        }
        return store;
    }
}
