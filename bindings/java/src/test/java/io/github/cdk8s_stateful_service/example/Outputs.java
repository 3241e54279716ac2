package io.github.cdk8s_stateful_service.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the tests share to hold a Java program's output to what TypeScript writes. */
final class Outputs {
    private Outputs() {}

    /** The names of the files in {@code dir}, sorted. */
    static List<String> filesIn(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** {@code actual} holds the bytes of {@code expected}: compared as text first, for a readable difference. */
    static void assertSameBytes(final Path expected, final Path actual) throws IOException {
        final byte[] want = Files.readAllBytes(expected);
        final byte[] got = Files.readAllBytes(actual);
        assertEquals(new String(want, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8),
                () -> actual + " differs from " + expected);
        assertArrayEquals(want, got, () -> actual + " differs from " + expected);
    }
}
