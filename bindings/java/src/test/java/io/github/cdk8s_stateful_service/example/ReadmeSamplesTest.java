package io.github.cdk8s_stateful_service.example;

import static io.github.cdk8s_stateful_service.example.Outputs.assertSameBytes;
import static io.github.cdk8s_stateful_service.example.Outputs.filesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeSamplesTest {
    private static final Path REPO_ROOT = Paths.get(System.getProperty("stateful-service.repo-root"));

    /** Each Java block of the README under a sample marker repeats its file, which Maven compiles. */
    @Test
    void eachJavaSampleIsACompiledFile() throws IOException {
        final String readme =
                new String(Files.readAllBytes(REPO_ROOT.resolve("bindings/java/README.md")), StandardCharsets.UTF_8);
        final Matcher m = Pattern.compile("<!-- sample: (\\S+) -->\\n\\n```java\\n(.*?)```\\n", Pattern.DOTALL)
                .matcher(readme);
        int samples = 0;
        while (m.find()) {
            samples++;
            final String file = new String(Files.readAllBytes(REPO_ROOT.resolve(m.group(1))), StandardCharsets.UTF_8);
            assertEquals(file, m.group(2), "the README's block for " + m.group(1));
        }
        assertTrue(samples > 0, "no sample block in the README");
        assertEquals(samples, readme.split("```java\\n", -1).length - 1, "a Java block without a sample marker");
    }

    /**
     * The smallest chart in Java ({@code com.example.cache.Main}) writes what the README's
     * TypeScript smallest chart ({@code docs/samples/smallest-chart.ts}) writes, byte for byte.
     * Both run at test time: the TypeScript sample from the repository's sources, from its root,
     * into the folder CDK8S_OUTDIR names; the Java program as the README says, in a folder of its
     * own, where it writes dist/cache.k8s.yaml. It runs in a JVM of its own, as a user's would:
     * jsii starts one Node.js process per JVM.
     */
    @Test
    void theSmallestChartWritesWhatTheTypeScriptSampleWrites(@TempDir final Path temp)
            throws IOException, InterruptedException {
        final Path typescript = temp.resolve("typescript");
        final ProcessBuilder sample = new ProcessBuilder("node", "tools/run-ts.js", "docs/samples/smallest-chart.ts")
                .directory(REPO_ROOT.toFile());
        sample.environment().put("CDK8S_OUTDIR", typescript.toString());
        run(sample, temp.resolve("typescript.log"));

        final Path folder = Files.createDirectory(temp.resolve("java"));
        final ProcessBuilder program = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        // jsii-runtime's temp folder where the tests' is (target/, by the pom:
                        // run-tests.js removes what it leaves there).
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        com.example.cache.Main.class.getName())
                .directory(folder.toFile());
        program.environment().remove("CDK8S_OUTDIR");
        run(program, temp.resolve("java.log"));

        assertEquals(List.of("cache.k8s.yaml"), filesIn(typescript), "what the TypeScript sample wrote");
        assertEquals(List.of("dist"), filesIn(folder), "what Main wrote in its folder");
        assertEquals(List.of("cache.k8s.yaml"), filesIn(folder.resolve("dist")), "what Main wrote in dist/");
        assertSameBytes(typescript.resolve("cache.k8s.yaml"), folder.resolve("dist/cache.k8s.yaml"));
    }

    /** Runs a program to its end (two minutes at the most); fails, with its output, unless it exits 0. */
    private static void run(final ProcessBuilder program, final Path log) throws IOException, InterruptedException {
        final Process process =
                program.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        final String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        assertTrue(ended, () -> program.command() + " did not end within two minutes:\n" + output);
        assertEquals(0, process.exitValue(), () -> program.command() + " failed:\n" + output);
    }
}
