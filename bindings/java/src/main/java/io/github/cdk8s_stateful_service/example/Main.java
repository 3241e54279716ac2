package io.github.cdk8s_stateful_service.example;

import org.cdk8s.App;
import org.cdk8s.AppProps;

/**
 * The app, as src/charts/app.ts makes the TypeScript one: the book's example chart
 * {@code random-generator}, synthesized into {@code <outdir>/random-generator.k8s.yaml}.
 */
public final class Main {
    private Main() {
    }

    /**
     * The app with the book's example chart.
     *
     * @param outdir where {@code synth()} writes the manifest
     */
    public static App buildApp(final String outdir) {
        // No construct-metadata.json next to the manifest: `kubectl apply -f dist/` would try
        // to apply it.
        final App app = new App(AppProps.builder().outdir(outdir).recordConstructMetadata(false).build());
        new RandomGeneratorChart(app, "random-generator");
        return app;
    }

    /** {@code java ... Main [outdir]}: writes the manifest into outdir (default: dist). */
    public static void main(final String[] args) {
        buildApp(args.length > 0 ? args[0] : "dist").synth();
    }
}
