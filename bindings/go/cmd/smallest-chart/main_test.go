package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/cdk8s-stateful-service/cdk8s-stateful-service/bindings/go/internal/outputs"
)

// The repository's root, where the TypeScript sample runs.
var root = filepath.Join("..", "..", "..", "..")

// With RUN_SMALLEST_CHART set, the test binary is the program: see TestSmallestChart.
func TestMain(m *testing.M) {
	if os.Getenv("RUN_SMALLEST_CHART") == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	// Stops the Node.js process that this process, too, started (and removes its files).
	jsii.Close()
	os.Exit(code)
}

// The program writes what the README's TypeScript smallest chart
// (docs/samples/smallest-chart.ts) writes, byte for byte: both run at test time, each
// into a temporary folder of its own, and each folder must hold cache.k8s.yaml alone.
func TestSmallestChart(t *testing.T) {
	// The TypeScript sample, from the repository's sources, as `npm run synth` runs the app.
	typescript := t.TempDir()
	sample := exec.Command("node", "tools/run-ts.js", "docs/samples/smallest-chart.ts")
	sample.Dir = root
	sample.Env = append(os.Environ(), "CDK8S_OUTDIR="+typescript)
	if out, err := sample.CombinedOutput(); err != nil {
		t.Fatalf("the TypeScript sample failed: %v\n%s", err, out)
	}

	// The program runs as a process of its own: jsii-runtime-go starts Node.js when the
	// packages are initialized, before any test, with the environment of that moment, so
	// CDK8S_OUTDIR (read by cdk8s's App) must be set when the process starts.
	outdir := t.TempDir()
	run := exec.Command(os.Args[0], "-test.run=^$")
	run.Env = append(os.Environ(), "RUN_SMALLEST_CHART=1", "CDK8S_OUTDIR="+outdir)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("the program failed: %v\n%s", err, out)
	}

	for _, wrote := range []struct{ who, dir string }{{"the TypeScript sample", typescript}, {"main", outdir}} {
		names, err := outputs.FileNames(wrote.dir)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(names, " ") != "cache.k8s.yaml" {
			t.Fatalf("%s wrote %v, want only cache.k8s.yaml", wrote.who, names)
		}
	}
	want, err := os.ReadFile(filepath.Join(typescript, "cache.k8s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(outdir, "cache.k8s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := outputs.FirstDifference(string(want), string(got)); diff != "" {
		t.Fatalf("main's cache.k8s.yaml differs from the TypeScript sample's: %s", diff)
	}
}

// README.md shows the program as it is.
func TestReadmeShowsTheProgram(t *testing.T) {
	source, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+string(source)+"```\n") {
		t.Errorf("README.md does not show cmd/smallest-chart/main.go as it is")
	}
}
