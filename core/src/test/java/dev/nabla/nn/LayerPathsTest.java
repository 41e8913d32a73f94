package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LayerPathsTest {

    @Test
    void findsALayerByItsDottedPathOrSaysWhereThePathStops() {
        Dense inner = Dense.linear(2, 2);
        Sequential model = new Sequential(new Sequential(new Relu(), inner).named("body"), Dense.linear(2, 1));
        assertSame(inner, LayerPaths.find(model, "body.1"));
        assertSame(model.children().get("body"), LayerPaths.find(model, "body"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerPaths.find(model, "body.2.weight"));
        assertEquals("Sequential: no layer 'body.2.weight': Sequential.body has no child '2'; its children are [0, 1]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerPaths.find(model, "body."));
    }
}
