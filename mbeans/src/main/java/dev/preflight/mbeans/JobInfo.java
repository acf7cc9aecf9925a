package dev.preflight.mbeans;

import java.beans.ConstructorProperties;

/**
 * A job as JMX open data: what {@code JobsMXBean} lists. Times are ISO-8601 UTC, null until they happen;
 * {@code state} is one of {@code queued}, {@code running}, {@code succeeded}, {@code failed}. {@code log} holds
 * the job's lines (migrations started and finished, task and backfill progress, the outcome), oldest first, the
 * last {@value #LOG_LINES} of them.
 */
public final class JobInfo {

    /** How many log lines a job keeps. */
    public static final int LOG_LINES = 500;

    private final String id;
    private final String operation;
    private final String repo;
    private final String state;
    private final int done;
    private final int total;
    private final String current;
    private final String started;
    private final String finished;
    private final String error;
    private final String[] log;

    /** A job without log lines. */
    public JobInfo(String id, String operation, String repo, String state, int done, int total, String current,
                   String started, String finished, String error) {
        this(id, operation, repo, state, done, total, current, started, finished, error, new String[0]);
    }

    @ConstructorProperties({"id", "operation", "repo", "state", "done", "total", "current", "started", "finished",
            "error", "log"})
    public JobInfo(String id, String operation, String repo, String state, int done, int total, String current,
                   String started, String finished, String error, String[] log) {
        this.log = log == null ? new String[0] : log.clone();
        this.id = id;
        this.operation = operation;
        this.repo = repo;
        this.state = state;
        this.done = done;
        this.total = total;
        this.current = current;
        this.started = started;
        this.finished = finished;
        this.error = error;
    }

    public String getId() {
        return id;
    }

    public String getOperation() {
        return operation;
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
}
