package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

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

// The program runs and writes the chart; README.md shows it as it is.
func TestSmallestChart(t *testing.T) {
	// It runs as a process of its own: jsii-runtime-go starts Node.js when the packages are
	// initialized, before any test, with the environment of that moment, so CDK8S_OUTDIR
	// (read by cdk8s's App) must be set when the process starts.
	outdir := t.TempDir()
	run := exec.Command(os.Args[0], "-test.run=^$")
	run.Env = append(os.Environ(), "RUN_SMALLEST_CHART=1", "CDK8S_OUTDIR="+outdir)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("the program failed: %v\n%s", err, out)
	}

	entries, err := os.ReadDir(outdir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "cache.k8s.yaml" {
		t.Fatalf("main wrote %v, want only cache.k8s.yaml", entries)
	}
	yaml, err := os.ReadFile(filepath.Join(outdir, "cache.k8s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{
		"kind: StatefulSet\nmetadata:",
		"  name: cache\n",
		"  replicas: 3\n",
		"image: example/cache:2.4.1\n",
		"            - mountPath: /data\n              name: data\n",
		"            storage: 1Gi\n",
		"  name: cache-client\n",
		"kind: PodDisruptionBudget\n",
	} {
		if !strings.Contains(string(yaml), part) {
			t.Errorf("cache.k8s.yaml lacks %q", part)
		}
	}

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
