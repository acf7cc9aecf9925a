package dev.preflight.mbeans;

import java.beans.ConstructorProperties;

/**
 * What a command printed, as JMX open data: {@code text} (what the CLI prints), {@code json} (one JSON object per
 * line, as with {@code --json}), {@code exitCode} (the CLI's), {@code error} (the message when it failed, else
 * null) and {@code jobId} (when it was queued as a job; its output is then in the job).
 */
public final class CommandOutput {

    private final String text;
    private final String json;
    private final int exitCode;
    private final String error;
    private final String jobId;

    @ConstructorProperties({"text", "json", "exitCode", "error", "jobId"})
    public CommandOutput(String text, String json, int exitCode, String error, String jobId) {
        this.text = text;
        this.json = json;
        this.exitCode = exitCode;
        this.error = error;
        this.jobId = jobId;
    }

    public String getText() {
        return text;
    }

    public String getJson() {
        return json;
    }

    public int getExitCode() {
        return exitCode;
    }

    public String getError() {
        return error;
    }

    public String getJobId() {
        return jobId;
    }
}
