package io.github.cdk8s_stateful_service.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
}
