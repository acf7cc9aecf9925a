package dev.preflight.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the database URLs Preflight accepts and hides their passwords when one is shown.
 *
 * <pre>{@code
 * DatabaseUrls.mask("jdbc:postgresql://db/app?user=app&password=s3cret"); // "...&password=*****"
 * DatabaseUrls.mask("postgres://app:s3cret@db:5432/app");                  // "postgres://app:*****@db:5432/app"
 * }</pre>
 *
 * <p>A {@code postgres://} or {@code postgresql://} URL (Heroku, Render, Fly, docker-compose write them,
 * usually as {@code DATABASE_URL}) becomes {@code jdbc:postgresql://host:port/db?params} with its user and
 * password taken out and URL-decoded; a {@code jdbc:} URL is kept exactly as given.
 */
public final class DatabaseUrls {

    static final String ALLOWED = "expected jdbc:postgresql://host:port/database"
            + " or postgres://user:password@host:port/database";

    /** Any query parameter whose name ends in "password": pgjdbc also has sslpassword. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;][a-z_]*password=)[^&;#]*");

    private DatabaseUrls() {
    }

    /** A URL read by {@link #parse}: the JDBC URL and the credentials that were inside it, if any. */
    record Parsed(String jdbcUrl, String user, String password) {

        @Override
        public String toString() {
            return mask(jdbcUrl);
        }
    }

    /** @throws InvalidValueException saying what is allowed; its message never holds the URL */
    static Parsed parse(String url) {
        String scheme = url.toLowerCase(Locale.ROOT);
        if (scheme.startsWith("jdbc:")) {
            // Kept as is: pgjdbc reads user=/password= parameters itself, and wrappers such as
            // jdbc:tc:postgresql: or jdbc:p6spy:postgresql: must reach their driver untouched.
            return new Parsed(url, null, null);
        }
        int rest = restOfPostgresUrl(url);
        if (rest < 0) {
            throw new InvalidValueException(ALLOWED);
        }
        String afterScheme = url.substring(rest);
        int at = userInfoEnd(afterScheme);
        String hostAndPath = afterScheme.substring(at + 1);
        if (hostAndPath.isEmpty() || hostAndPath.startsWith("/") || hostAndPath.startsWith("?")) {
            throw new InvalidValueException("no host; " + ALLOWED);
        }
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = afterScheme.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return new Parsed("jdbc:postgresql://" + hostAndPath, emptyToNull(user), emptyToNull(password));
    }

    /**
     * {@code url} with every password replaced by {@code *****}: the one in {@code user:password@} and every
     * {@code password=} (or {@code sslpassword=}) parameter. Use it for anything that prints a URL.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = url;
        int slashes = masked.indexOf("://");
        if (slashes >= 0) {
            String afterScheme = masked.substring(slashes + 3);
            int at = userInfoEnd(afterScheme);
            int colon = afterScheme.indexOf(':');
            if (at >= 0 && colon >= 0 && colon < at) {
                masked = masked.substring(0, slashes + 3) + afterScheme.substring(0, colon + 1) + "*****"
                        + afterScheme.substring(at);
            }
        }
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1*****");
    }

    private static int restOfPostgresUrl(String url) {
        for (String scheme : new String[] {"postgres://", "postgresql://"}) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return scheme.length();
            }
        }
        return -1;
    }

    /**
     * Index of the {@code @} ending {@code user:password}, or -1. The last {@code @} before the query wins,
     * so a password whose {@code @} or {@code /} was not encoded still splits where the user meant.
     */
    private static int userInfoEnd(String afterScheme) {
        int query = afterScheme.indexOf('?');
        return (query < 0 ? afterScheme : afterScheme.substring(0, query)).lastIndexOf('@');
    }

    /** Percent-decoding as RFC 3986 means it: unlike URLDecoder, a {@code +} stays a plus sign. */
    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            if (encoded.charAt(i) != '%') {
                int codePoint = encoded.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
                continue;
            }
            int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
            if (low < 0) {
                throw new InvalidValueException(
                        "bad %-encoding in the user or password; encode special characters, e.g. @ as %40, % as %25");
            }
            bytes.write(high * 16 + low);
            i += 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidValueException("the %-encoded user or password is not UTF-8");
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
