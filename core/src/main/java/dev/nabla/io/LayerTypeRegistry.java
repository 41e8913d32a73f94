package dev.nabla.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registered layer types, by name, alias and class: an immutable snapshot, so that
 * {@link LayerSpecs} reads it from any thread while a registration makes the next one
 * ({@link #with}). Names are compared ignoring case and underscores ({@code BatchNorm2d},
 * {@code batch_norm2d}), so no two types may share a name in that sense.
 */
final class LayerTypeRegistry {

    private static final String TYPE_NAME = "[A-Za-z][A-Za-z0-9_]*";

    private final List<LayerType<?>> types;
    private final int builtIn;
    private final Map<String, LayerType<?>> byName;
    private final Map<String, LayerType.Alias> aliases;
    private final Map<Class<?>, LayerType<?>> byClass;

    private LayerTypeRegistry(List<LayerType<?>> types, int builtIn, Map<String, LayerType<?>> byName,
            Map<String, LayerType.Alias> aliases, Map<Class<?>, LayerType<?>> byClass) {
        this.types = Collections.unmodifiableList(types);
        this.builtIn = builtIn;
        this.byName = Collections.unmodifiableMap(byName);
        this.aliases = Collections.unmodifiableMap(aliases);
        this.byClass = Collections.unmodifiableMap(byClass);
    }

    /** The registry of the built-in types. */
    static LayerTypeRegistry builtIn(List<LayerType<?>> builtInTypes) {
        LayerTypeRegistry registry = new LayerTypeRegistry(new ArrayList<>(), 0, new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>());
        for (LayerType<?> type : builtInTypes) {
            registry = registry.with(type, true);
        }
        return registry;
    }

    /**
     * This registry and {@code type}, which is built in only while no user type has been added.
     *
     * @throws IllegalArgumentException when the class is registered already or a name or alias
     *     is invalid or taken, saying by which type
     */
    LayerTypeRegistry with(LayerType<?> type, boolean isBuiltIn) {
        String where = "LayerSpecs.register(" + type.layerClass().getName() + "): ";
        LayerType<?> sameClass = byClass.get(type.layerClass());
        if (sameClass != null) {
            throw new IllegalArgumentException(where + "the class is registered already, as the layer type '"
                    + sameClass.name() + "'; register each class once (in a static initializer, say)");
        }
        Map<String, LayerType<?>> names = new LinkedHashMap<>(byName);
        Map<String, LayerType.Alias> aliasNames = new LinkedHashMap<>(aliases);
        claim(names, type.name(), type, where);
        for (LayerType.Alias alias : type.aliases()) {
            // An alias may differ from the type's own name by case only (Keras's LeakyReLU): listed, not needed.
            if (!normalized(alias.name()).equals(normalized(type.name()))) {
                claim(names, alias.name(), type, where);
                aliasNames.put(normalized(alias.name()), alias);
            }
        }
        List<LayerType<?>> all = new ArrayList<>(types);
        all.add(type);
        Map<Class<?>, LayerType<?>> classes = new LinkedHashMap<>(byClass);
        classes.put(type.layerClass(), type);
        int builtInCount = isBuiltIn && builtIn == types.size() ? builtIn + 1 : builtIn;
        return new LayerTypeRegistry(all, builtInCount, names, aliasNames, classes);
    }

    private static void claim(Map<String, LayerType<?>> names, String name, LayerType<?> type, String where) {
        if (name == null || !name.matches(TYPE_NAME)) {
            throw new IllegalArgumentException(where + "'" + name + "' cannot name a layer type; use letters, digits"
                    + " and underscores, starting with a letter" + (name != null && name.isEmpty()
                    ? " (an anonymous class has no name: give one with LayerType.named)" : ""));
        }
        LayerType<?> holder = names.putIfAbsent(normalized(name), type);
        if (holder != null) {
            throw new IllegalArgumentException(where + "the layer type name '" + name + "' is taken by " + holder
                    + " (names are compared ignoring case and underscores); give the type another name with"
                    + " LayerType.named(...)");
        }
    }

    /** Every type, the built-in ones first, then the others in the order of registration. */
    List<LayerType<?>> types() {
        return types;
    }

    /** Whether {@code type} is one of Nabla's own. */
    boolean isBuiltIn(LayerType<?> type) {
        int index = types.indexOf(type);
        return index >= 0 && index < builtIn;
    }

    /** The type known by a name or alias, in any case and with or without underscores; null for none. */
    LayerType<?> named(String name) {
        return byName.get(normalized(name));
    }

    /** The alias a name is, or null when it is a type's own name or unknown. */
    LayerType.Alias alias(String name) {
        return aliases.get(normalized(name));
    }

    /** The type of exactly this class, or null. */
    LayerType<?> ofClass(Class<?> layerClass) {
        return byClass.get(layerClass);
    }

    /** {@code BatchNorm2d}, {@code batch_norm2d} and {@code batchnorm2d} name the same type. */
    static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
