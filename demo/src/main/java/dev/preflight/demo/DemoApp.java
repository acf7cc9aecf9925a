package dev.preflight.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo: a todo service on the JDK's HttpServer with its own HikariCP pool. It knows nothing of
 * Preflight; started with the agent, its schema is migrated before this {@code main} runs.
 *
 * <pre>
 * GET  /todos              the todos as JSON
 * POST /todos  (body)      add one; the body is its title
 * POST /todos/1/done       mark todo 1 done
 * </pre>
 *
 * Database: {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db}); port: {@code DEMO_PORT} (8080);
 * address: {@code DEMO_HOST} (127.0.0.1; {@code 0.0.0.0} in a container).
 */
public final class DemoApp {

    private static final Pattern DONE = Pattern.compile("/todos/(\\d+)/done");

    private DemoApp() {
    }

    public static void main(String[] args) throws IOException {
        HikariDataSource pool = new HikariDataSource(poolConfig(System.getenv("DATABASE_URL")));
        int port = Integer.parseInt(System.getenv().getOrDefault("DEMO_PORT", "8080"));
        String host = System.getenv().getOrDefault("DEMO_HOST", "127.0.0.1");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/todos", exchange -> handle(exchange, pool));
        server.createContext("/", exchange -> respond(exchange, 200, "text/plain",
                "Preflight demo: GET /todos, POST /todos with a title as the body\n"));
        server.start();
        System.out.println("demo: serving http://" + host + ":" + port + "/todos");
    }

    static HikariConfig poolConfig(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw new IllegalStateException("set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/preflight_demo");
        }
        URI uri = URI.create(databaseUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            config.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                config.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
        config.setMaximumPoolSize(4);
        config.setPoolName("demo");
        return config;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void handle(HttpExchange exchange, HikariDataSource pool) throws IOException {
        try (Connection c = pool.getConnection()) {
            Matcher done = DONE.matcher(exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("POST") && done.matches()) {
                try (PreparedStatement update = c.prepareStatement("update todo set done = true where id = ?")) {
                    update.setLong(1, Long.parseLong(done.group(1)));
                    boolean found = update.executeUpdate() > 0;
                    respond(exchange, found ? 200 : 404, "text/plain", found ? "done\n" : "no such todo\n");
                }
                return;
            }
            if (exchange.getRequestMethod().equals("POST")) {
                String title = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
                try (PreparedStatement insert = c.prepareStatement("insert into todo (title) values (?)")) {
                    insert.setString(1, title);
                    insert.executeUpdate();
                }
                respond(exchange, 201, "text/plain", "added\n");
                return;
            }
            StringBuilder json = new StringBuilder("[");
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select id, title, done from todo order by id")) {
                while (rs.next()) {
                    json.append(json.length() > 1 ? "," : "").append("{\"id\":").append(rs.getLong(1))
                            .append(",\"title\":\"").append(rs.getString(2).replace("\\", "\\\\").replace("\"", "\\\""))
                            .append("\",\"done\":").append(rs.getBoolean(3)).append('}');
                }
            }
            respond(exchange, 200, "application/json", json.append("]\n").toString());
        } catch (SQLException e) {
            respond(exchange, 500, "text/plain", "database error: " + e.getMessage() + "\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
