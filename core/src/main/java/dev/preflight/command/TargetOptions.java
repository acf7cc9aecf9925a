package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.MigrationStatus;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.Version;

import java.util.List;

/**
 * {@code --step N} and {@code --to V} read into a {@link Target}, and checked against the repo before anything runs.
 *
 * <pre>{@code
 * Target target = TargetOptions.of(CommandLine.parse("rollback", "--step", "1"), true);   // Target.step(1)
 * }</pre>
 */
public final class TargetOptions {

    private static final Version ZERO = Version.parse("0");

    private TargetOptions() {
    }

    /** The target of the command line; none is every pending one, or a usage error for a rollback. */
    public static Target of(CommandLine line, boolean rollback) {
        var step = line.value(Option.STEP.name());
        var to = line.value(Option.TO.name());
        if (step.isPresent() && to.isPresent()) {
            throw new ConfigException("give either --step or --to, not both");
        }
        if (step.isPresent()) {
            try {
                return Target.step(Integer.parseInt(step.get().strip()));
            } catch (NumberFormatException e) {
                throw new ConfigException("--step takes a whole number, got '" + step.get() + "'");
            }
        }
        if (to.isPresent()) {
            return Target.to(to.get());
        }
        if (rollback) {
            throw new ConfigException(line.command() + " needs --step N or --to V: rolling back is always explicit");
        }
        return Target.all();
    }

    /**
     * As {@link #of}, and a {@code --to} version must be one the repo knows (from its files or its history) for
     * {@code kind}, or 0 for a rollback: refused now rather than by a job that fails later.
     */
    static Target checked(Scope scope, Kind kind, boolean rollback) {
        Target target = of(scope.line(), rollback);
        if (target.version() == null) {
            return target;
        }
        Version wanted = Version.parse(target.version());
        if (rollback && wanted.equals(ZERO)) {
            return target;
        }
        StatusReport status = scope.preflight().status();
        List<String> versions = status.migrations().stream()
                .filter(m -> m.version() != null && (kind == Kind.DATA ? m.kind() == Kind.DATA : m.kind() != Kind.DATA))
                .map(MigrationStatus::version).distinct().toList();
        if (versions.stream().noneMatch(v -> Version.parse(v).equals(wanted))) {
            throw new ConfigException("no " + kind.code() + " migration of repo " + scope.repo() + " has version "
                    + target.version() + "; its versions are " + (versions.isEmpty() ? "none" : String.join(", ", versions))
                    + (rollback ? "; --to 0 reverts every one" : "") + " (see status)");
        }
        return target;
    }
}
