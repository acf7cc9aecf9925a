package dev.preflight.rpc;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link RpcClient} over a JMX connection (a pid's local connector, or a JMX service URL). */
final class JmxClient implements RpcClient {

    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    private final String target;
    private final Map<String, MBeanOperationInfo[]> operationsByBean = new HashMap<>();

    JmxClient(JMXConnector connector, String target) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
        this.target = target;
    }

    @Override
    public Object invoke(String mbean, String operation, List<?> arguments) {
        ObjectName name = name(mbean);
        try {
            MBeanOperationInfo[] operations = operationsByBean.get(mbean);
            if (operations == null) {
                // Once per bean: a job is polled several times a second.
                operations = connection.getMBeanInfo(name).getOperations();
                operationsByBean.put(mbean, operations);
            }
            MBeanOperationInfo info = Arrays.stream(operations)
                    .filter(op -> op.getName().equals(operation) && op.getSignature().length == arguments.size())
                    .findFirst()
                    .orElseThrow(() -> RpcException.rejected(target + " has no operation " + operation + " with "
                            + arguments.size() + " argument(s) on " + mbean + " (an older Preflight there?)"));
            String[] signature = Arrays.stream(info.getSignature()).map(p -> p.getType()).toArray(String[]::new);
            Object[] values = new Object[signature.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = convert(arguments.get(i), signature[i], info.getSignature()[i].getName());
            }
            return plain(connection.invoke(name, operation, values, signature));
        } catch (JMException | IOException | RuntimeException e) {
            throw translate(mbean, operation, e);
        }
    }

    /** Whether {@code mbean} is registered on the target. */
    boolean isRegistered(String mbean) {
        try {
            return connection.isRegistered(name(mbean));
        } catch (IOException e) {
            throw translate(mbean, "isRegistered", e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // The target went away; nothing left to close.
        }
    }

    private RuntimeException translate(String mbean, String member, Exception e) {
        if (e instanceof RpcException rpc) {
            return rpc;
        }
        if (e instanceof InstanceNotFoundException) {
            return RpcException.rejected(target + " has no MBean " + mbean + ": is Preflight's agent loaded there"
                    + " (an older version has no " + mbean + ")?");
        }
        if (e instanceof IOException || e instanceof SecurityException) {
            return RpcException.unreachable(target + " did not answer " + member + ": " + e.getMessage(), e);
        }
        Throwable cause = e instanceof MBeanException || e instanceof RuntimeMBeanException ? e.getCause() : e;
        if (cause instanceof IllegalArgumentException || e instanceof javax.management.ReflectionException) {
            return RpcException.rejected(cause.getMessage());
        }
        return RpcException.failed(member + " failed on " + target + ": "
                + (cause != null ? cause.getMessage() : e.getMessage()), e);
    }

    private static Object convert(Object argument, String type, String parameter) {
        if (argument instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        String text = String.valueOf(argument);
        try {
            return switch (type) {
                case "int", "java.lang.Integer" -> Integer.parseInt(text);
                case "long", "java.lang.Long" -> Long.parseLong(text);
                case "boolean", "java.lang.Boolean" -> Boolean.parseBoolean(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw RpcException.rejected(parameter + " takes a whole number, got '" + text + "'");
        }
    }

    /** Open data as plain Java: composites as maps, arrays and tables as lists. */
    static Object plain(Object value) {
        if (value instanceof CompositeData composite) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : composite.getCompositeType().keySet()) {
                map.put(key, plain(composite.get(key)));
            }
            return map;
        }
        if (value instanceof TabularData table) {
            List<Object> rows = new ArrayList<>();
            table.values().forEach(row -> rows.add(plain(row)));
            return rows;
        }
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(plain(Array.get(value, i)));
            }
            return list;
        }
        return value;
    }

    private static ObjectName name(String mbean) {
        try {
            return new ObjectName(mbean);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(mbean, e);
        }
    }
}
