package dev.preflight.logging.jul;

/** One record built by hand before it is logged ({@link Logger#log(LogRecord)}), as pgjdbc does for a few messages. */
public class LogRecord {

    private final Level level;
    private final String message;
    private String loggerName;
    private Object[] parameters;
    private Throwable thrown;

    public LogRecord(Level level, String message) {
        this.level = level;
        this.message = message;
    }

    public Level getLevel() {
        return level;
    }

    public String getMessage() {
        return message;
    }

    public String getLoggerName() {
        return loggerName;
    }

    public void setLoggerName(String name) {
        loggerName = name;
    }

    public Object[] getParameters() {
        return parameters;
    }

    public void setParameters(Object[] parameters) {
        this.parameters = parameters;
    }

    public Throwable getThrown() {
        return thrown;
    }

    public void setThrown(Throwable thrown) {
        this.thrown = thrown;
    }
}
