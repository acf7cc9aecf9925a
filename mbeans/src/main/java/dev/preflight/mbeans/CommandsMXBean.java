package dev.preflight.mbeans;

/**
 * Every command of the CLI, as {@code dev.preflight:type=Commands}, for rpc, Jolokia and scripts: the arguments are
 * those of the command line ({@code ["migrate", "--step", "1"]}, {@code ["validate", "--repo", "audit"]}), checked
 * and run by the same command layer, so the output is the CLI's. A command's error is part of its output (exit
 * code and message), never an exception.
 *
 * <pre>
 * curl -d '{"type":"exec","mbean":"dev.preflight:type=Commands","operation":"query","arguments":[["validate"]]}' $J
 * </pre>
 */
public interface CommandsMXBean {

    @ReadOnly
    @Description("Runs a command that changes nothing (status, validate, lint, tasks, jobs, help) and returns its"
            + " output: text, json (one object per line), exitCode, error")
    CommandOutput query(String[] args);

    @Description("Checks a command and queues it as a job, e.g. [migrate, --step, 1]; returns the job id, or the"
            + " output of the error that refused it (nothing was queued then)")
    CommandOutput submit(String[] args);
}
