package dev.gate.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds gate's commands and mixins for picocli: a class with a constructor taking an {@link Environment} gets the
 * run's environment, any other class is picocli's default factory's to build.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Environment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = type.getDeclaredConstructor(Environment.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
        constructor.setAccessible(true);
        return constructor.newInstance(environment);
    }
}
