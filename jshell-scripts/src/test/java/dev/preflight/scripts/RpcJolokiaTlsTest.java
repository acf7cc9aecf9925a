package dev.preflight.scripts;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jolokia beyond loopback: https with the operator's certificate (made here by {@code keytool}, as an operator
 * would), plain http refused unless asked for by name, and {@code bin/preflight rpc} verifying the server's
 * certificate: a self-signed one only when named with {@code --trust}.
 */
class RpcJolokiaTlsTest {

    private static final String PASSWORD = "s3cret-Pw";
    private static final String STORE_PASSWORD = "store-Pw-1";

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    private static Path keystore;
    private static Path certificate;
    private static RpcApp app;
    private static String jolokia;

    @BeforeAll
    static void startAppWithHttpsJolokiaOnEveryInterface() throws Exception {
        keystore = dir.resolve("jolokia.p12");
        certificate = dir.resolve("jolokia.pem");
        run("keytool", "-genkeypair", "-alias", "jolokia", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=preflight-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        run("keytool", "-exportcert", "-rfc", "-alias", "jolokia", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", certificate.toString());
        int port = RpcApp.freePort();
        jolokia = "https://127.0.0.1:" + port + "/jolokia";
        app = RpcApp.start(null, List.of(), settings("a")
                + ",jolokia.port=" + port + ",jolokia.host=0.0.0.0,jolokia.user=ops,jolokia.password=" + PASSWORD
                + ",jolokia.keystore=" + keystore + ",jolokia.keystore-password=" + STORE_PASSWORD);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rpcTrustsTheSelfSignedCertificateOnlyWhenNamed() {
        assertTrue(app.stderr().contains("Jolokia on https://0.0.0.0:"), app::stderr);

        Launcher.Result untrusted = rpc(jolokia, "status").run();
        assertEquals(3, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.stderr().contains("cannot reach Jolokia at " + jolokia)
                && untrusted.stderr().contains("with --trust FILE"), untrusted::toString);

        Launcher.Result pem = rpc(jolokia, "status", "--trust", certificate.toString()).run();
        assertEquals(0, pem.exitCode(), pem::toString);
        assertTrue(pem.stdout().matches("(?s).*up +1 +create_a.*"), pem::toString);

        Launcher.Result store = rpc(jolokia, "status", "--trust=" + keystore)
                .env("PREFLIGHT_RPC_TRUST_PASSWORD", STORE_PASSWORD).run();
        assertEquals(0, store.exitCode(), store::toString);

        for (Launcher.Result r : List.of(untrusted, pem, store)) {
            assertFalse((r.stdout() + r.stderr()).contains(PASSWORD), r::toString);
            assertFalse((r.stdout() + r.stderr()).contains(STORE_PASSWORD), r::toString);
        }
        assertFalse(app.stderr().contains(STORE_PASSWORD), app::stderr);
    }

    @Test
    void plainHttpToTheHttpsPortGetsNoAnswer() {
        Launcher.Result r = rpc(jolokia.replace("https://", "http://"), "status").run();
        assertEquals(3, r.exitCode(), r::toString);
    }

    @Test
    void aTrustFileThatIsNoCertificateIsAUsageError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "not a certificate");
        Launcher.Result r = rpc(jolokia, "status", "--trust", junk.toString()).run();
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("cannot read the certificates to trust from " + junk), r::toString);
    }

    @Test
    void plainHttpOffLoopbackIsRefusedUnlessAskedForByName() throws Exception {
        int port = RpcApp.freePort();
        String common = settings("b") + ",jolokia.port=" + port
                + ",jolokia.host=0.0.0.0,jolokia.user=ops,jolokia.password=" + PASSWORD;
        ChildProcess.Result refused = ChildProcess.of(ChildProcess.java(), "-javaagent:" + Launcher.AGENT_JAR + "="
                + common, "-cp", RpcApp.testClasses().toString(), RpcIdleApp.class.getName()).run();
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("over plain http") && refused.stderr().contains("jolokia.plain-http=true"),
                refused::toString);
        assertFalse(refused.stderr().contains(PASSWORD), refused::toString);

        try (RpcApp plain = RpcApp.start(null, List.of(), common + ",jolokia.plain-http=true")) {
            Launcher.Result r = rpc("http://127.0.0.1:" + port + "/jolokia", "status").run();
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(plain.stderr().contains("Jolokia on http://0.0.0.0:" + port), plain::stderr);
        }
    }

    @Test
    void pemCertificateAndKeyServeHttpsToo() throws Exception {
        Path key = dir.resolve("jolokia-key.pem");
        run("openssl", "pkcs12", "-in", keystore.toString(), "-nocerts", "-nodes", "-passin",
                "pass:" + STORE_PASSWORD, "-out", dir.resolve("key-with-bags.pem").toString());
        // openssl writes "Bag Attributes" before the key; the PEM key file holds only the PKCS#8 block.
        String bags = Files.readString(dir.resolve("key-with-bags.pem"));
        Files.writeString(key, bags.substring(bags.indexOf("-----BEGIN PRIVATE KEY-----")));
        int port = RpcApp.freePort();
        try (RpcApp pem = RpcApp.start(null, List.of(), settings("c")
                + ",jolokia.port=" + port + ",jolokia.host=0.0.0.0,jolokia.user=ops,jolokia.password=" + PASSWORD
                + ",jolokia.cert=" + certificate + ",jolokia.key=" + key)) {
            Launcher.Result r = rpc("https://127.0.0.1:" + port + "/jolokia", "status", "--trust",
                    certificate.toString()).run();
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(pem.stderr().contains("Jolokia on https://0.0.0.0:" + port), pem::stderr);
        }
    }

    private static Launcher rpc(String target, String operation, String... options) {
        List<String> args = new ArrayList<>(List.of("rpc", target, "--user", "ops", operation));
        args.addAll(List.of(options));
        return Launcher.command(args.toArray(String[]::new)).env("PREFLIGHT_RPC_PASSWORD", PASSWORD);
    }

    /** The database settings of one app: a folder of one migration and a history table of its own. */
    private static String settings(String name) {
        Path folder = RpcApp.migrations(dir.resolve(name), "1_create_" + name + ".sql",
                "create table " + name + " (id int);", "drop table " + name + ";");
        return "url=" + db.url() + ",locations=" + folder + ",table=history_" + name;
    }

    private static void run(String... command) {
        ChildProcess.Result r = ChildProcess.of(command).run();
        assertEquals(0, r.exitCode(), r::toString);
    }
}
