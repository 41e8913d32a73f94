package dev.nabla.nn;

import dev.nabla.tensor.Shape;

/**
 * Which layer classes size themselves from their first input: those that override
 * {@link Layer#build(Shape)}, themselves or through a superclass. The answer is looked up once
 * per class, so a new layer learns whether it starts built without a reflective call of its own.
 */
final class LazySizing {

    private static final ClassValue<Boolean> OVERRIDES_BUILD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Layer.class; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("build", Shape.class);
                    return true;
                } catch (NoSuchMethodException e) {
                    // not declared here: look in the superclass
                }
            }
            return false;
        }
    };

    private LazySizing() {
    }

    /** Whether layers of this class are built only once {@link Layer#build(Shape)} has run. */
    static boolean declaredBy(Class<? extends Layer> type) {
        return OVERRIDES_BUILD.get(type);
    }
}
