package dev.nabla.io;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's configuration record read as arguments and written back ({@link LayerType#ofRecord}):
 * each component is an argument named in snake_case ({@code inFeatures} is {@code in_features}).
 * The record's public static {@code of} method takes the required components, the first ones in
 * order, and gives every other component its default, so the defaults live in the record alone.
 * A null component is one not given (a size taken from the input) and is left out when written.
 *
 * @param <C> the record class
 */
final class RecordArguments<C extends Record> {

    private final Class<C> type;
    private final RecordComponent[] components;
    private final List<String> names;
    private final List<ComponentForm> forms;
    private final Method of;
    private final Constructor<C> canonical;

    private RecordArguments(Class<C> type, RecordComponent[] components, Method of, Constructor<C> canonical) {
        this.type = type;
        this.components = components;
        this.of = of;
        this.canonical = canonical;
        this.names = Arrays.stream(components).map(c -> LayerTypeDescription.snakeCase(c.getName())).toList();
        this.forms = Arrays.stream(components).map(c -> ComponentForm.of(type, c)).toList();
    }

    /**
     * The arguments of a record class.
     *
     * @throws IllegalArgumentException when the class is not a public record, or has no public
     *     static {@code of} method whose parameters are its first components' types
     */
    static <C extends Record> RecordArguments<C> of(Class<C> type) {
        String where = type.getName() + ": ";
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(where + "a layer's configuration must be a public record");
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Method of = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals("of")
                        && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type
                        && m.getParameterCount() <= types.length
                        && Arrays.equals(m.getParameterTypes(), Arrays.copyOf(types, m.getParameterCount())))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(where + "a configuration record needs a"
                        + " public static method of(...) that takes its required components, the first ones in"
                        + " order, and gives the others their defaults"));
        try {
            return new RecordArguments<>(type, components, of, type.getConstructor(types));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(where + "the record's canonical constructor must be public", e);
        }
    }

    /** The declared arguments, in the components' order. */
    List<Arguments.Declared> declared() {
        List<Arguments.Declared> out = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            out.addAll(forms.get(i).declared(names.get(i)));
        }
        return out;
    }

    /**
     * The record the arguments describe: its required components read, the others given or
     * left at what {@code of} gives them (noted as their defaults for descriptions).
     */
    C read(Arguments arguments) {
        int required = of.getParameterCount();
        Object[] values = new Object[components.length];
        for (int i = 0; i < required; i++) {
            values[i] = forms.get(i).read(arguments, names.get(i), true, null);
        }
        C defaults = invoke(of, null, Arrays.copyOf(values, required));
        for (int i = required; i < components.length; i++) {
            Object fallback = component(defaults, i);
            values[i] = forms.get(i).read(arguments, names.get(i), false, fallback);
            Map<String, Object> written = forms.get(i).write(names.get(i), fallback);
            for (Arguments.Declared d : forms.get(i).declared(names.get(i))) {
                if (arguments.declares(d.name()) && !arguments.has(d.name())) {
                    arguments.noteFallback(d.name(), written.get(d.name()));
                }
            }
            List<String> choices = forms.get(i).choices();
            if (!choices.isEmpty()) {
                arguments.noteChoices(names.get(i), choices);
            }
        }
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + ": cannot make the configuration", e);
        }
    }

    /** The record as arguments, every component but those that are null. */
    Map<String, Object> write(C config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            out.putAll(forms.get(i).write(names.get(i), component(config, i)));
        }
        return out;
    }

    private Object component(C config, int index) {
        return invoke(components[index].getAccessor(), config);
    }

    @SuppressWarnings("unchecked")
    private <T> T invoke(Method method, Object target, Object... arguments) {
        try {
            return (T) method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + ": cannot call " + method.getName(), e);
        }
    }

    /** The exception the record threw (a value it refuses), as it was. */
    private static RuntimeException rethrown(InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getCause());
    }
}
