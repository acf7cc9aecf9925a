/**
 * Tasks: {@link dev.preflight.task.TaskCatalog} finds the built-in tasks and the application's
 * {@link dev.preflight.Task} services, {@link dev.preflight.task.TaskRunner} checks the arguments and runs one
 * with its {@link dev.preflight.TaskContext} (the repo's pool, a log and a progress reporter bound to the
 * operation's listener). Built-in: {@link dev.preflight.task.AnalyzeTask}.
 */
package dev.preflight.task;
