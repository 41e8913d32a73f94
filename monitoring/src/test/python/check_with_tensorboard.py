"""Reads a run written by Nabla's TensorBoard callback with TensorBoard's own loader.

    pip install tensorboard
    python3 check_with_tensorboard.py RUN_DIRECTORY

Prints, for train/ and validation/, the tags TensorBoard's EventAccumulator finds (scalars,
histograms, images, tensors: text and hparams) with their steps and first values; exits
non-zero when the basic tags are missing. docs/monitoring.md records one run of it.
"""
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.plugins.hparams import plugin_data_pb2


def load(directory):
    accumulator = EventAccumulator(directory, size_guidance={"scalars": 0, "histograms": 0, "images": 0,
                                                            "tensors": 0})
    accumulator.Reload()
    return accumulator


def main(run):
    train = load(run + "/train")
    validation = load(run + "/validation")
    for name, accumulator in (("train", train), ("validation", validation)):
        tags = accumulator.Tags()
        print(f"{name}: scalars {len(tags['scalars'])}, histograms {len(tags['histograms'])},"
              f" images {len(tags['images'])}, tensors {len(tags['tensors'])}")
        for tag in sorted(tags["scalars"]):
            if tag.startswith("epoch_") or tag in ("batch_loss", "gradient_norm"):
                events = accumulator.Scalars(tag)
                print(f"  scalar {tag}: steps {[e.step for e in events][:6]} values"
                      f" {[round(e.value, 4) for e in events][:6]}")
        for tag in sorted(tags["histograms"])[:2]:
            histogram = accumulator.Histograms(tag)[-1]
            print(f"  histogram {tag}: step {histogram.step}, {int(histogram.histogram_value.num)} values"
                  f" in [{histogram.histogram_value.min:.4f}, {histogram.histogram_value.max:.4f}]")
        for tag in tags["images"]:
            image = accumulator.Images(tag)[-1]
            print(f"  image {tag}: step {image.step}, {image.width}x{image.height}")
        for tag in tags["tensors"]:
            tensor = accumulator.Tensors(tag)[0]
            print(f"  tensor {tag}: plugin {accumulator.SummaryMetadata(tag).plugin_data.plugin_name},"
                  f" {len(tensor.tensor_proto.string_val[0]) if tensor.tensor_proto.string_val else 0} bytes of text")
    session = load(run)
    for tag in session.Tags()["tensors"]:
        data = plugin_data_pb2.HParamsPluginData.FromString(session.SummaryMetadata(tag).plugin_data.content)
        print(f"run: {tag}: {data.WhichOneof('data')}", dict(sorted(
            (k, v.WhichOneof('kind')) for k, v in data.session_start_info.hparams.items())) if
            data.HasField("session_start_info") else "")
    assert "epoch_loss" in train.Tags()["scalars"] and "epoch_loss" in validation.Tags()["scalars"]
    assert train.Tags()["histograms"], "no histogram"
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
