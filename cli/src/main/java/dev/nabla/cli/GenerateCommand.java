package dev.nabla.cli;

import dev.nabla.cli.experiment.LanguageModelFiles;
import dev.nabla.data.text.TextCodec;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Generation;
import dev.nabla.nn.GenerationOptions;
import dev.nabla.nn.LanguageModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla generate MODEL --prompt TEXT --tokens N}: text from a language model, continuing a prompt. */
@Command(name = "generate", description = "Continue a prompt with text from a language model file (trained on a"
        + " data.corpus file, or saved from Java with its tokenizer): the prompt, then the new text.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A model file (.nabla) of a language model with its tokenizer.")
    private Path file;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    private String prompt;

    @Option(names = "--tokens", defaultValue = "200", paramLabel = "N",
            description = "The most new tokens (characters for a character model; default: ${DEFAULT-VALUE}).")
    private int tokens;

    @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T",
            description = "Sharpen (below 1) or flatten (above 1) the probabilities; 0 takes the most likely token"
                    + " every time (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
            description = "Draw from the K most likely tokens only; 0 for all (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P",
            description = "Draw from the fewest most likely tokens whose probability reaches P (nucleus sampling);"
                    + " 1 for all (default: ${DEFAULT-VALUE}).")
    private double topP;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the draws: the same seed gives the same text (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--stop", paramLabel = "TEXT",
            description = "End once the new text holds TEXT (kept); repeat for several.")
    private List<String> stops = new ArrayList<>();

    @Option(names = "--no-cache", description = "Rerun the whole context for every token instead of keeping each"
            + " attention layer's keys and values (slower; the same text).")
    private boolean noCache;

    @Override
    public Integer call() throws IOException {
        GenerationOptions options;
        try {
            options = GenerationOptions.sampling(temperature).maxNewTokens(tokens).topK(topK).topP(topP).seed(seed)
                    .useCache(!noCache);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("generation: ", ""), e);
        }
        if (prompt.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--prompt must hold at least one character");
        }
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        LanguageModel found = LanguageModelFiles.languageModel(loaded.model(), file);
        TextCodec codec = LanguageModelFiles.tokenizer(loaded.trainingState(), file);
        LanguageModel model = LanguageModelFiles.limitedTo(found, codec.vocabularySize());
        int[] promptIds = codec.encode(prompt);
        List<Integer> generated = new ArrayList<>();
        String[] text = {""};
        Generation.generate(model, promptIds, options, token -> {
            generated.add(token);
            text[0] = codec.decode(generated.stream().mapToInt(Integer::intValue).toArray());
            return stops.stream().noneMatch(text[0]::contains);
        });
        String continuation = text[0];
        for (String stop : stops) {
            int at = continuation.indexOf(stop);
            if (at >= 0) {
                continuation = continuation.substring(0, at + stop.length());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(prompt + continuation);
        out.flush();
        return 0;
    }
}
