package dev.preflight.mbeans.internal;

import dev.preflight.MigrationListener;
import dev.preflight.command.Execution;
import dev.preflight.command.JobBoard;
import dev.preflight.command.JobSummary;
import dev.preflight.command.Output;
import dev.preflight.mbeans.JobInfo;
import dev.preflight.mbeans.JobsMXBean;
import dev.preflight.progress.ProgressLines;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the MBeans' long operations (migrations, tasks) one at a time on one daemon thread, so an operator's clicks
 * queue up instead of racing each other for the migration lock; keeps the last {@value #KEPT} jobs for the
 * {@code Jobs} bean and the {@code jobs} command. It is also the {@link MigrationListener} of every repository it
 * serves: progress goes to the running job's counters and log, and out as notifications. A job is a command already
 * checked ({@link Execution.Plan}); its output (text, JSON, exit code) is kept with it.
 */
public final class Jobs extends NotificationBroadcasterSupport implements JobsMXBean, JobBoard, MigrationListener {

    private static final int KEPT = 100;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "preflight-jobs");
        // Never keep the application's JVM alive for a queued job.
        t.setDaemon(true);
        return t;
    });
    private final Deque<Job> jobs = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    // Set on the job thread; read by listener calls, which may come from a task's own threads.
    private volatile Job running;

    public Jobs() {
        super(new MBeanNotificationInfo(new String[] {STARTED, MIGRATION, PROGRESS, SUCCEEDED, FAILED},
                Notification.class.getName(),
                "A job started, finished a migration, reported progress, succeeded or failed"));
    }

    /** Queues {@code plan} and returns the job's id at once. */
    public String submit(Execution.Plan plan) {
        Job job = new Job(Long.toString(ids.incrementAndGet()), String.join(",", plan.repos()),
                plan.line().describe());
        synchronized (jobs) {
            jobs.addLast(job);
            while (jobs.size() > KEPT) {
                jobs.removeFirst();
            }
        }
        executor.execute(() -> run(job, plan));
        return job.id;
    }

    private void run(Job job, Execution.Plan plan) {
        running = job;
        job.start();
        send(STARTED, job, operation(job) + " started");
        try {
            Output output = plan.run();
            job.log(output.summary());
            job.end(output);
            if (output.failure() == null && output.exit().code() == 0) {
                send(SUCCEEDED, job, output.summary());
            } else {
                send(FAILED, job, operation(job) + " " + output.summary());
            }
        } finally {
            running = null;
        }
    }

    @Override
    public void started(String repo, String operation, int total) {
        Job job = running;
        if (job != null) {
            job.total(total);
            job.log(operation + " " + repo + ": " + total + " migration(s) to run");
        }
    }

    @Override
    public void migrationStarted(String repo, String operation, int index, int total, String id, String name) {
        Job job = running;
        if (job != null) {
            job.current(id + " " + name);
            job.log("[" + index + "/" + total + "] " + id + " " + name + " ...");
        }
    }

    @Override
    public void migrationFinished(String repo, String operation, int index, int total, String id, String name,
                                  long millis) {
        Job job = running;
        if (job != null) {
            job.done(index, total);
            job.log("[" + index + "/" + total + "] " + id + " " + name + " done in " + millis + " ms");
            send(MIGRATION, job, operation + " " + repo + ": " + index + "/" + total + " " + id + " " + name
                    + " in " + millis + " ms");
        }
    }

    @Override
    public void progress(String repo, String operation, long done, long total, String message) {
        Job job = running;
        if (job != null) {
            String line = ProgressLines.format(done, total, message);
            job.log(line);
            send(PROGRESS, job, operation + " " + repo + ": " + line);
        }
    }

    @Override
    public JobInfo[] getJobs() {
        synchronized (jobs) {
            return jobs.stream().map(Job::info).toArray(JobInfo[]::new);
        }
    }

    @Override
    public JobInfo job(String id) {
        synchronized (jobs) {
            return jobs.stream().filter(j -> j.id.equals(id.strip())).map(Job::info).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no job " + id + (jobs.isEmpty()
                            ? ": there are no jobs yet" : "; the jobs are " + String.join(", ",
                            jobs.stream().map(j -> j.id).toList()) + " (the last " + KEPT + " are kept)")));
        }
    }

    @Override
    public List<JobSummary> jobs() {
        synchronized (jobs) {
            return jobs.stream().map(Job::summary).toList();
        }
    }

    /** Stops taking jobs; a running one finishes (the JVM does not wait for it). */
    public void shutdown() {
        executor.shutdown();
    }

    private static String operation(Job job) {
        return "job " + job.id + " (" + job.operation + " " + job.repo + ")";
    }

    private void send(String type, Job job, String message) {
        Notification n = new Notification(type, ObjectNames.JOBS, sequence.incrementAndGet(), message);
        n.setUserData(job.id);
        sendNotification(n);
    }

    /** A job's mutable state; read through {@link #info()} snapshots. */
    private static final class Job {
        final String id;
        final String repo;
        final String operation;
        private String state = "queued";
        private int done;
        private int total;
        private String current;
        private Instant started;
        private Instant finished;
        private String error;
        private final Deque<String> log = new ArrayDeque<>();
        private long logTotal;
        private Output output;

        Job(String id, String repo, String operation) {
            this.id = id;
            this.repo = repo;
            this.operation = operation;
        }

        synchronized void start() {
            state = "running";
            started = Instant.now();
        }

        synchronized void total(int total) {
            this.total = total;
        }

        synchronized void current(String current) {
            this.current = current;
        }

        synchronized void done(int done, int total) {
            this.done = done;
            this.total = total;
        }

        synchronized void log(String line) {
            log.addLast(line);
            logTotal++;
            while (log.size() > JobInfo.LOG_LINES) {
                log.removeFirst();
            }
        }

        /** Succeeded when its command exited 0, else failed (with the message of what stopped it, if anything). */
        synchronized void end(Output output) {
            this.output = output;
            boolean ok = output.failure() == null && output.exit().code() == 0;
            state = ok ? "succeeded" : "failed";
            error = output.failure() == null ? null : output.failure().message();
            if (ok) {
                current = null;
            }
            finished = Instant.now();
        }

        synchronized JobInfo info() {
            return new JobInfo(id, operation, repo, state, done, total, current, time(started), time(finished), error,
                    log.toArray(String[]::new), logTotal, output == null ? null : output.exit().code(),
                    output == null ? null : output.text(), output == null ? null : output.json());
        }

        synchronized JobSummary summary() {
            return new JobSummary(id, operation, repo, state, done, total, time(started), time(finished),
                    output == null ? null : output.exit().code(), error);
        }

        private static String time(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
