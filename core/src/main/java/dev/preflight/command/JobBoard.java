package dev.preflight.command;

import java.util.List;

/** The jobs of a running application (the MBeans' job queue), as the {@code jobs} command lists them. */
public interface JobBoard {

    /** The recent jobs, oldest first. */
    List<JobSummary> jobs();
}
