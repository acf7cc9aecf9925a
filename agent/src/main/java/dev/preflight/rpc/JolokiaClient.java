package dev.preflight.rpc;

import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@link RpcClient} over Jolokia's HTTP protocol (POST of one JSON request), with the JDK's {@link HttpClient} and
 * Jolokia's own JSON classes (already in the agent jar). Basic auth when a user is given; the password is only
 * ever put in the header.
 */
final class JolokiaClient implements RpcClient {

    private final HttpClient http;
    private final URI endpoint;
    private final String user;
    private final String authorization;

    /**
     * @param endpoint the Jolokia URL without user info; {@code user} null for none
     * @param tls      the certificates to trust for https; null = the JDK's default trust store
     */
    JolokiaClient(URI endpoint, String user, String password, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
        this.endpoint = endpoint;
        this.user = user;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object invoke(String mbean, String operation, List<?> arguments) {
        JSONObject request = new JSONObject();
        request.put("type", "exec");
        request.put("mbean", mbean);
        request.put("operation", operation);
        JSONArray values = new JSONArray();
        // A list is one String[] argument: a JSON array inside the arguments.
        arguments.forEach(a -> values.add(a instanceof List<?> list ? new JSONArray(list) : a));
        request.put("arguments", values);
        return send(request, operation);
    }

    private static boolean isUntrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private Object send(JSONObject request, String member) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJSONString()));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw RpcException.unreachable("cannot reach Jolokia at " + endpoint + ": " + Targets.rootMessage(e)
                    + (isUntrustedCertificate(e) ? ". Its certificate is not one this JDK trusts: name it (or its CA)"
                    + " with --trust FILE" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcException.unreachable("interrupted while calling " + endpoint, e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403 && response.body().isBlank()) {
            throw RpcException.unreachable("Jolokia at " + endpoint + " refused the credentials (HTTP "
                    + response.statusCode() + "): " + (user == null
                    ? "it needs a user: give --user NAME and the password in PREFLIGHT_RPC_PASSWORD"
                    : "check the user (" + user + ") and the password (PREFLIGHT_RPC_PASSWORD, or the URL's"
                    + " user:password@)"), null);
        }
        Object parsed;
        try {
            parsed = new JSONParser().parse(response.body());
        } catch (ParseException | IOException | RuntimeException e) {
            throw RpcException.unreachable(endpoint + " did not answer as Jolokia does (HTTP " + response.statusCode()
                    + "): is this a Jolokia URL, e.g. http://127.0.0.1:8778/jolokia?", e);
        }
        if (!(parsed instanceof Map<?, ?> answer)) {
            throw RpcException.unreachable(endpoint + " answered something other than a Jolokia response", null);
        }
        int status = answer.get("status") instanceof Number n ? n.intValue() : response.statusCode();
        if (status == 200) {
            return answer.get("value");
        }
        String type = String.valueOf(answer.get("error_type"));
        String error = message(String.valueOf(answer.get("error")), type);
        if (status == 404) {
            throw RpcException.rejected("Jolokia at " + endpoint + " has no " + request.get("mbean")
                    + (type.contains("InstanceNotFound") ? ": is Preflight's agent loaded there (an older version has"
                    + " no " + request.get("mbean") + ")?" : ": " + error));
        }
        if (status == 403) {
            throw RpcException.rejected("Jolokia at " + endpoint + " does not allow " + member + " (HTTP 403"
                    + ", read-only?): " + error);
        }
        if (status == 400 || type.endsWith("IllegalArgumentException") || type.endsWith("ReflectionException")) {
            throw RpcException.rejected(error);
        }
        throw RpcException.failed(member + " failed: " + error, null);
    }

    /** Jolokia writes errors as {@code type : message}; the message alone reads better. */
    private static String message(String error, String type) {
        String prefix = type + " : ";
        return error.startsWith(prefix) ? error.substring(prefix.length()) : error;
    }

    @Override
    public void close() {
        // HttpClient holds no connection that needs closing on Java 17.
    }
}
