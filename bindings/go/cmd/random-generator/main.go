// Command random-generator writes the book's example (package randomgenerator) into
// $CDK8S_OUTDIR, else dist/ (of the current directory), as random-generator.k8s.yaml:
//
//	go run ./cmd/random-generator
package main

import (
	"os"

	"github.com/aws/jsii-runtime-go"

	"github.com/cdk8s-stateful-service/cdk8s-stateful-service/bindings/go/randomgenerator"
)

func main() {
	// Stops the Node.js process that runs the library.
	defer jsii.Close()
	outdir := os.Getenv("CDK8S_OUTDIR")
	if outdir == "" {
		outdir = "dist"
	}
	randomgenerator.NewApp(outdir).Synth()
}
