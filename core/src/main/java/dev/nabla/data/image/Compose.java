package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Transforms applied one after the other, all drawing from the same generator
 * (torchvision's {@code Compose}).
 *
 * <pre>{@code
 * Transform train = new Compose(new RandomCrop(32, 32, 4), new HorizontalFlip(0.5),
 *         new ColorJitter(0.2, 0.2, 0.2), new Normalize(mean, std), new RandomErasing());
 * }</pre>
 */
public record Compose(List<Transform> transforms) implements Transform {

    public Compose {
        transforms = List.copyOf(transforms);
    }

    public Compose(Transform... transforms) {
        this(List.of(transforms));
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Tensor result = image;
        for (Transform transform : transforms) {
            result = transform.apply(result, generator);
        }
        return result;
    }
}
