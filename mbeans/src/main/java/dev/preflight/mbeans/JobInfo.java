package dev.preflight.mbeans;

import java.beans.ConstructorProperties;

/**
 * A job as JMX open data: what {@code JobsMXBean} lists. Times are ISO-8601 UTC, null until they happen;
 * {@code state} is one of {@code queued}, {@code running}, {@code succeeded}, {@code failed}; {@code command} the
 * command line it runs ({@code migrate --step 1}). {@code log} holds the job's lines (migrations started and
 * finished, task and backfill progress, the outcome), oldest first, the last {@value #LOG_LINES} of them. Once it
 * ended, {@code exitCode}, {@code text} and {@code json} are what the CLI would have printed and exited with.
 */
public final class JobInfo {

    /** How many log lines a job keeps. */
    public static final int LOG_LINES = 500;

    private final String id;
    private final String command;
    private final String repo;
    private final String state;
    private final int done;
    private final int total;
    private final String current;
    private final String started;
    private final String finished;
    private final String error;
    private final String[] log;
    private final long logTotal;
    private final Integer exitCode;
    private final String text;
    private final String json;

    @ConstructorProperties({"id", "command", "repo", "state", "done", "total", "current", "started", "finished",
            "error", "log", "logTotal", "exitCode", "text", "json"})
    public JobInfo(String id, String command, String repo, String state, int done, int total, String current,
                   String started, String finished, String error, String[] log, long logTotal, Integer exitCode,
                   String text, String json) {
        this.log = log == null ? new String[0] : log.clone();
        this.logTotal = logTotal;
        this.id = id;
        this.command = command;
        this.repo = repo;
        this.state = state;
        this.done = done;
        this.total = total;
        this.current = current;
        this.started = started;
        this.finished = finished;
        this.error = error;
        this.exitCode = exitCode;
        this.text = text;
        this.json = json;
    }

    public String getId() {
        return id;
    }

    /** The command line it runs, e.g. {@code migrate --step 1} or {@code task analyze last=3}. */
    public String getCommand() {
        return command;
    }

    public String getRepo() {
        return repo;
    }

    public String getState() {
        return state;
    }

    /** Migrations finished so far. */
    public int getDone() {
        return done;
    }

    /** Migrations the operation will apply or revert (0 until the engine knows). */
    public int getTotal() {
        return total;
    }

    /** The migration running now ({@code id name}), or null. */
    public String getCurrent() {
        return current;
    }

    public String getStarted() {
        return started;
    }

    public String getFinished() {
        return finished;
    }

    /** Why the job failed, or null. */
    public String getError() {
        return error;
    }

    /** The job's lines, oldest first (the last {@value #LOG_LINES}). */
    public String[] getLog() {
        return log.clone();
    }

    /**
     * How many lines the job has logged in all, including those that fell off {@link #getLog()}: its first line is
     * line number {@code logTotal - log.length + 1}, so a client polling {@code job(id)} prints only new ones.
     */
    public long getLogTotal() {
        return logTotal;
    }

    /** The exit code of its command once it ended (0 ok, 1 failed, ...), else null. */
    public Integer getExitCode() {
        return exitCode;
    }

    /** What the CLI prints for its command, once it ended; else null. */
    public String getText() {
        return text;
    }

    /** The same as JSON, one object per line (an error as {@code {"error": ...}}), once it ended; else null. */
    public String getJson() {
        return json;
    }
}
