package dev.preflight.scripts;

/**
 * The running application of the rpc tests: prints {@link #MARKER} once {@code main} runs (with the agent, after its
 * start-up), then runs until its standard input closes. It has no database code: what the tests check is that rpc
 * alone reaches its JVM.
 */
public final class RpcIdleApp {

    static final String MARKER = "RPC APP STARTED";

    private RpcIdleApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(MARKER);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the test closes stdin.
        }
    }
}
