/**
 * The commands, declared once for every surface: {@link dev.preflight.command.Commands} holds each verb with its
 * options, repo policy ({@link dev.preflight.command.RepoPolicy}), operation, text and JSON renderings and exit code
 * ({@link dev.preflight.command.ExitCode}); {@link dev.preflight.command.CommandLine} reads arguments against them,
 * {@link dev.preflight.command.Execution} checks then runs them over a {@link dev.preflight.command.Workspace}, and
 * {@link dev.preflight.command.Help} prints help and README's tables from them. The CLI and eval
 * ({@link dev.preflight.command.Console}), rpc and the MBeans are thin adapters over this package.
 */
package dev.preflight.command;
