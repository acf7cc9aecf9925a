package dev.preflight.agent;

import dev.preflight.ConfigException;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Installs the hook: a call to {@link StartupHook#beforeMain(Class)} at the top of the entry point's method
 * (written with the ASM bundled in Byte Buddy), so start-up runs on the application's thread, with its class
 * loader, before the first line of its own code.
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

    private static final String STARTUP_HOOK = StartupHook.class.getName().replace('.', '/');

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
        // ASM is only loaded for the one class that is hooked.
        if (!internalName.equals(className) || classBeingRedefined != null) {
            return null;
        }
        try {
            return advise(classfileBuffer);
        } catch (RuntimeException | LinkageError e) {
            // An exception thrown from a transformer is swallowed by the JVM: report it ourselves, or the application
            // would start unmigrated.
            StartupHook.hookFailed(e);
            return null;
        }
    }

    /**
     * Adds {@code StartupHook.beforeMain(<this class>)} as the first instruction of the entry method(s), with
     * the ASM that Byte Buddy bundles: one read and one write of the class, no type resolution or advice
     * weaving, which measurably cost more start-up time than the rest of a no-op run.
     */
    private byte[] advise(byte[] classfile) {
        ClassReader reader = new ClassReader(classfile);
        // Frames stay valid: the call only uses the operand stack before the method's first instruction.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] hooked = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals(entry.method()) || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                hooked[0] = true;
                return new MethodVisitor(Opcodes.ASM9, next) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        super.visitLdcInsn(Type.getObjectType(internalName));
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, STARTUP_HOOK, "beforeMain",
                                "(Ljava/lang/Class;)V", false);
                    }
                };
            }
        }, 0);
        if (!hooked[0]) {
            throw new ConfigException(entry.className() + " has no method " + entry.method()
                    + " with a body to run migrations before; set hook=Class#method to the application's entry point");
        }
        return writer.toByteArray();
    }
}
