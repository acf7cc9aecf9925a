package dev.preflight.command;

/** Where a command was typed: what help shows as the command prefix, and where an error's hint points to. */
public enum Surface {

    CLI("java -jar preflight-agent.jar"),
    EVAL("bin/preflight eval"),
    RPC("bin/preflight rpc <target>");

    private final String prefix;

    Surface(String prefix) {
        this.prefix = prefix;
    }

    /** What a user types before the command. */
    public String prefix() {
        return prefix;
    }

    /** One line under a usage error. */
    public String hint() {
        return "Run `" + (this == RPC ? "bin/preflight rpc" : prefix) + " help` for the commands and options.";
    }
}
