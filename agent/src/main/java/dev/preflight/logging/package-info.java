/**
 * The agent jar's logging, in one place: the stderr logger every entry point sets up first ({@link
 * dev.preflight.logging.AgentLogging}, for the agent, the CLI, eval and rpc alike), the relocated SLF4J provider
 * whose loggers move to the application's own binding once the hook has found it ({@link
 * dev.preflight.logging.BridgeServiceProvider}, {@link dev.preflight.logging.HostLogging}), the lines held until the
 * application's logging is ready ({@link dev.preflight.logging.HeldLines}), and, under {@code jul}, what the agent's
 * libraries get in place of {@code java.util.logging}. Nothing here depends on the agent package.
 *
 * <pre>{@code
 * AgentLogging.configure();                           // first thing in premain or a main of the agent jar
 * HostLogging.attach(hookedClass.getClassLoader());   // in the hook, before start-up runs
 * }</pre>
 */
package dev.preflight.logging;
