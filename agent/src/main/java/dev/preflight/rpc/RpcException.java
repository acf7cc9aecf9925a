package dev.preflight.rpc;

import dev.preflight.command.ExitCode;

/** An rpc failure with the exit code it stands for. */
final class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exit;

    RpcException(ExitCode exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    ExitCode exit() {
        return exit;
    }

    /** 3: the target cannot be reached, or refused the credentials. */
    static RpcException unreachable(String message, Throwable cause) {
        return new RpcException(ExitCode.UNREACHABLE, message, cause);
    }

    /** 2: the target rejected the call (no such operation, bad arguments). */
    static RpcException rejected(String message) {
        return new RpcException(ExitCode.USAGE, message, null);
    }

    /** 1: the call failed in the target. */
    static RpcException failed(String message, Throwable cause) {
        return new RpcException(ExitCode.FAILED, message, cause);
    }
}
