package dev.preflight.agent;

import dev.preflight.ConfigException;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Installs the hook: Byte Buddy advice at the top of the entry point's method that calls
 * {@link StartupHook#beforeMain(Class)}, so start-up runs on the application's thread, with its class loader,
 * before the first line of its own code.
 *
 * <pre>{@code
 * Runnable unhook = MainHook.install(instrumentation, EntryPoint.resolve(...));
 * }</pre>
 */
final class MainHook {

    private MainHook() {
    }

    /**
     * @return removes the transformer again; called once the hook has fired, so that the rest of the application's
     *         class loading does not pass through it
     */
    static Runnable install(Instrumentation instrumentation, EntryPoint entry) {
        ResettableClassFileTransformer transformer = new AgentBuilder.Default()
                // Advice is inlined into the existing method: no new members, so no class format changes needed.
                .disableClassFormatChanges()
                // Every class the JVM loads passes here until the hook fires; a name check is all they should cost.
                .ignore(not(named(entry.className())))
                .with(new Problems(entry))
                .type(named(entry.className()))
                .transform((builder, type, loader, module, domain) -> {
                    if (type.getDeclaredMethods().filter(named(entry.method()).and(not(isAbstract()))).isEmpty()) {
                        throw new ConfigException(entry.className() + " has no method " + entry.method()
                                + " with a body to run migrations before; set hook=Class#method to the application's"
                                + " entry point");
                    }
                    return builder.visit(Advice.to(BeforeMain.class).on(named(entry.method()).and(not(isAbstract()))));
                })
                .installOn(instrumentation);
        return () -> instrumentation.removeTransformer(transformer);
    }

    /** The advice; its code is copied into the hooked method, so it may only use what that class can see. */
    static final class BeforeMain {

        private BeforeMain() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin Class<?> hooked) {
            StartupHook.beforeMain(hooked);
        }
    }

    /** Reports a failed transformation of the entry point instead of letting the application start unmigrated. */
    private static final class Problems extends AgentBuilder.Listener.Adapter {

        private final EntryPoint entry;

        Problems(EntryPoint entry) {
            this.entry = entry;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            if (entry.className().equals(typeName)) {
                StartupHook.hookFailed(throwable);
            }
        }
    }
}
