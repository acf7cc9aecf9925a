/**
 * What the agent jar's PostgreSQL driver (and Jolokia) get in place of {@code java.util.logging}: the shade plugin
 * rewrites their references to {@code java.util.logging.Logger}, {@code Level} and {@code LogRecord} to these
 * classes (agent/pom.xml), so that nothing in the agent ever creates the JVM's {@code LogManager}. The JDK creates
 * it once, on first use, from the {@code java.util.logging.manager} property: had the agent used it before the
 * application set that property (Quarkus does it in the first line of its main), the application's logging would
 * be broken for the life of the JVM. Records go to Preflight's own logging instead ({@link dev.preflight.logging.jul.Logger}).
 *
 * <p>Only the members the agent jar's classes call exist here; the agent jar test checks that every call has its
 * member.
 */
package dev.preflight.logging.jul;
