package dev.preflight.mbeans;

/**
 * The jobs started through the repository and task MBeans, as {@code dev.preflight:type=Jobs}. Jobs run one at a
 * time on one background thread, in the order they were asked for. The bean emits a notification when a job starts
 * ({@value #STARTED}), after each migration ({@value #MIGRATION}), for each progress or log line of a task or a
 * backfill ({@value #PROGRESS}, at most about one a second for progress), and when it ends ({@value #SUCCEEDED} or
 * {@value #FAILED}); the user data is the job id. Each job's lines are also in its {@link JobInfo#getLog() log}.
 */
public interface JobsMXBean {

    String STARTED = "dev.preflight.job.started";
    String MIGRATION = "dev.preflight.job.migration";
    String PROGRESS = "dev.preflight.job.progress";
    String SUCCEEDED = "dev.preflight.job.succeeded";
    String FAILED = "dev.preflight.job.failed";

    @Description("The recent jobs, oldest first")
    JobInfo[] getJobs();

    @ReadOnly
    @Description("One job by id; an unknown id is an error naming the ids there are")
    JobInfo job(String id);
}
