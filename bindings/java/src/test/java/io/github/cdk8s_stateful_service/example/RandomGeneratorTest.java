package io.github.cdk8s_stateful_service.example;

import static io.github.cdk8s_stateful_service.example.Outputs.assertSameBytes;
import static io.github.cdk8s_stateful_service.example.Outputs.filesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk8s_stateful_service.ClaimOptions;
import io.github.cdk8s_stateful_service.ContainerPort;
import io.github.cdk8s_stateful_service.ContainerProps;
import io.github.cdk8s_stateful_service.StatefulService;
import io.github.cdk8s_stateful_service.Storage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomGeneratorTest {
    /** The repository's root (set by the pom): the manifest is read from there, not copied. */
    private static final Path REPO_ROOT = Paths.get(System.getProperty("stateful-service.repo-root"));

    /** The jar on the test's class path that holds {@code type}. */
    private static Path jarOf(final Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void runsTheJarsBuiltHereNotStaleCopies() throws IOException, URISyntaxException {
        // Maven copies a release version from a file repository into its local repository once,
        // and never again: after a rebuild it would run the old jar (run-tests.js drops such
        // copies; this test fails when one is used anyway).
        final String version = System.getProperty("stateful-service.version");
        assertSameJar(
                REPO_ROOT.resolve("lib/pacmak/java/io/github/cdk8s-stateful-service/cdk8s-stateful-service/"
                        + version + "/cdk8s-stateful-service-" + version + ".jar"),
                jarOf(StatefulService.class));
        final String cdk8s = System.getProperty("cdk8s.version");
        assertSameJar(
                REPO_ROOT.resolve("node_modules/cdk8s/dist/java/org/cdk8s/cdk8s/" + cdk8s + "/cdk8s-" + cdk8s + ".jar"),
                jarOf(App.class));
    }

    @Test
    void jsiiTempFolderIsOutsideTheRepository() throws IOException {
        // jsii's Node.js process loads each package by name from its temp folder (TMPDIR). Inside
        // this repository, Node.js resolves the name cdk8s-stateful-service to the repository
        // itself (package.json, a package importing itself) and would run lib/, not the jar's copy.
        final Path nodeTemp = Paths.get(System.getenv().getOrDefault("TMPDIR", "/tmp")).toRealPath();
        assertFalse(nodeTemp.startsWith(REPO_ROOT.toRealPath()),
                () -> "TMPDIR " + nodeTemp + " is inside the repository: point it elsewhere");
    }

    private static void assertSameJar(final Path built, final Path used) throws IOException {
        assertEquals(-1L, Files.mismatch(built, used),
                () -> used + " is not " + built + ": npm run test:java drops such a stale copy");
    }

    @Test
    void synthesizesTheCommittedManifestByteForByte(@TempDir final Path outdir) throws IOException {
        final Path expected = REPO_ROOT.resolve("dist/random-generator.k8s.yaml");

        final App app = Main.buildApp(outdir.toString());
        app.synth();

        // One file, as `cdk8s synth` writes for the TypeScript app: no construct-metadata.json.
        assertEquals(List.of("random-generator.k8s.yaml"), filesIn(outdir));
        assertSameBytes(expected, outdir.resolve("random-generator.k8s.yaml"));
        // synthYaml() gives the same text, without a file.
        assertEquals(new String(Files.readAllBytes(expected), StandardCharsets.UTF_8), app.synthYaml());
    }

    @Test
    void aBadServiceNameIsRefusedUnderItsCamelCaseName(@TempDir final Path outdir) throws IOException {
        final App app = new App(AppProps.builder().outdir(outdir.toString()).recordConstructMetadata(false).build());
        final Chart chart = new Chart(app, "bad");
        // Java's builder method is serviceName, as the TypeScript prop is.
        StatefulService.Builder.create(chart, "rg")
                .name("rg")
                .serviceName("1rg")
                .container(ContainerProps.builder()
                        .image("k8spatterns/random-generator:1.0")
                        .ports(List.of(ContainerPort.builder().name("http").number(8080).build()))
                        .build())
                .storage(List.of(Storage.dynamic(ClaimOptions.builder()
                        .size(Size.mebibytes(10))
                        .mountPath("/opt/logs")
                        .build())))
                .build();

        final RuntimeException error = assertThrows(RuntimeException.class, app::synth);

        // The construct names the prop as TypeScript spells it: 'serviceName' (the Java builder
        // method has the same name; a misspelt one would not compile). jsii throws a plain
        // RuntimeException whose message is the JavaScript error's ("Error: " and its
        // message), then the same error again as @jsii/kernel.RuntimeError, with its
        // JavaScript stack (paths that vary).
        assertEquals(RuntimeException.class, error.getClass());
        final String problems = "Validation failed with the following errors:\n"
                + "  [bad/rg] 'serviceName' must be a Service name: a DNS-1035 label (lowercase letters,"
                + " digits and '-', starting with a letter, ending with a letter or digit, at most 63"
                + " characters), got \"1rg\"";
        final String message = error.getMessage();
        final String expectedStart =
                "Error: " + problems + "\n@jsii/kernel.RuntimeError: Error: " + problems + "\n    at ";
        assertTrue(message.startsWith(expectedStart), () -> "the message was:\n" + message);
        // Nothing is written when a prop is refused.
        assertEquals(List.of(), filesIn(outdir));
    }
}
