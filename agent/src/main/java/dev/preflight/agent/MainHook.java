package dev.preflight.agent;

import dev.preflight.ConfigException;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Installs the hook: Byte Buddy advice at the top of the entry point's method that calls
 * {@link StartupHook#beforeMain(Class)}, so start-up runs on the application's thread, with its class loader,
 * before the first line of its own code.
 *
 * <p>A plain {@link ClassFileTransformer} picks the one class by name and only then hands it to Byte Buddy, instead
 * of Byte Buddy's {@code AgentBuilder}: the builder's own set-up in {@code premain} added about 0.3 s to every
 * start (measured with {@code scripts/bench-agent-startup}), for a job that is one name comparison per loaded class.
 *
 * <pre>{@code
 * Runnable unhook = MainHook.install(instrumentation, EntryPoint.resolve(...));
 * }</pre>
 */
final class MainHook implements ClassFileTransformer {

    private final EntryPoint entry;
    private final String internalName;

    private MainHook(EntryPoint entry) {
        this.entry = entry;
        this.internalName = entry.className().replace('.', '/');
    }

    /**
     * @return removes the transformer again; called once the hook has fired, so that the rest of the application's
     *         class loading does not pass through it
     */
    static Runnable install(Instrumentation instrumentation, EntryPoint entry) {
        MainHook hook = new MainHook(entry);
        instrumentation.addTransformer(hook, false);
        return () -> instrumentation.removeTransformer(hook);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        // Every class the JVM loads passes here until the hook fires: a string comparison is all it may cost, and
        // Byte Buddy is only loaded for the one class that is hooked.
        if (!internalName.equals(className) || classBeingRedefined != null) {
            return null;
        }
        try {
            return advise(loader, classfileBuffer);
        } catch (RuntimeException | LinkageError e) {
            // An exception thrown from a transformer is swallowed by the JVM: report it ourselves, or the application
            // would start unmigrated.
            StartupHook.hookFailed(e);
            return null;
        }
    }

    private byte[] advise(ClassLoader loader, byte[] classfile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(entry.className(), classfile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(entry.className()).resolve();
        if (type.getDeclaredMethods().filter(named(entry.method()).and(not(isAbstract()))).isEmpty()) {
            throw new ConfigException(entry.className() + " has no method " + entry.method()
                    + " with a body to run migrations before; set hook=Class#method to the application's entry point");
        }
        return new ByteBuddy(ClassFileVersion.ofThisVm())
                .with(TypeValidation.DISABLED)
                .redefine(type, locator)
                .visit(Advice.to(BeforeMain.class).on(named(entry.method()).and(not(isAbstract()))))
                .make(pool)
                .getBytes();
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
}
