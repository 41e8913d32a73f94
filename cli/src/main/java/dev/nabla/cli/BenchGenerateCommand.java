package dev.nabla.cli;

import dev.nabla.cli.bench.GenerationBench;
import dev.nabla.nn.TransformerLanguageModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla bench generate}: a GPT-style model's generation speed with and without its key/value cache. */
@Command(name = "generate", description = {
        "Greedy generation of one sequence by a GPT-style TransformerLanguageModel with random weights, with the"
                + " key/value cache and without (rerunning the context for every token): new tokens per second,"
                + " prompt included, the median of the runs after warm-up runs:",
        "generate model=gpt layers=4 d_model=128 heads=4 vocabulary=96 context=256 prompt=16 tokens=128 threads=1"
                + " cached_tokens_per_s=900 uncached_tokens_per_s=80",
        "bench/torch_generate.py measures the same model in PyTorch."})
final class BenchGenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchCommand.Threads threads;

    @Option(names = "--layers", defaultValue = "4", description = "Blocks (default: ${DEFAULT-VALUE}).")
    private int layers;

    @Option(names = "--d-model", defaultValue = "128", description = "Width (default: ${DEFAULT-VALUE}).")
    private int dModel;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    private int heads;

    @Option(names = "--vocabulary", defaultValue = "96", description = "Token ids (default: ${DEFAULT-VALUE}).")
    private int vocabulary;

    @Option(names = "--context", defaultValue = "256", description = "Context length (default: ${DEFAULT-VALUE}).")
    private int context;

    @Option(names = "--prompt", defaultValue = "16", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    private int prompt;

    @Option(names = "--tokens", defaultValue = "128", description = "New tokens per run (default: ${DEFAULT-VALUE}).")
    private int tokens;

    @Option(names = "--warmup", defaultValue = "10",
            description = "Untimed runs per mode first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per mode (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Override
    public Integer call() {
        int used = threads.use(spec);
        GenerationBench bench;
        try {
            bench = new GenerationBench(TransformerLanguageModel.Config.of(vocabulary, context, dModel, heads, layers),
                    prompt, tokens, warmup, runs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        GenerationBench.Result result = bench.run(1);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "generate model=gpt layers=%d d_model=%d heads=%d vocabulary=%d context=%d prompt=%d"
                        + " tokens=%d threads=%d cached_tokens_per_s=%.0f uncached_tokens_per_s=%.0f%n", layers, dModel,
                heads, vocabulary, context, prompt, tokens, used, result.cachedTokensPerSecond(),
                result.uncachedTokensPerSecond());
        out.flush();
        return 0;
    }
}
