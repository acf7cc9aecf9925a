// Preflight's jshell prelude, loaded by `bin/preflight eval` before every script.
//   eval       the launcher's arguments (--repo, --step, --to, --json, --url=..., the script's own words), the
//              configuration read as the CLI reads it, and eval.run(() -> ...) which returns the CLI's exit code
//   preflight  the repository's Preflight (--repo NAME or the default one); connections open on first use (at
//              most 2). Null for a command (jsh/command.jsh), or when the arguments or the configuration are
//              wrong: eval.run(...) then reports why.
//   args       the arguments, as given
import dev.preflight.*;
import dev.preflight.eval.Eval;
import java.util.*;

Eval eval = Eval.fromSystemProperties();
List<String> args = eval.args();
Preflight preflight = eval.preflight();
