package dev.preflight.rpc;

/** An rpc failure with the exit code it stands for (see {@link PreflightRpc}). */
final class RpcException extends RuntimeException {

    private final int exitCode;

    RpcException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    RpcException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** 3: the target cannot be reached, or refused the credentials. */
    static RpcException unreachable(String message, Throwable cause) {
        return new RpcException(PreflightRpc.UNREACHABLE, message, cause);
    }

    /** 2: the target rejected the call (no such operation, bad arguments). */
    static RpcException rejected(String message) {
        return new RpcException(PreflightRpc.USAGE, message);
    }
}
