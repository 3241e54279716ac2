module github.com/cdk8s-stateful-service/cdk8s-stateful-service/bindings/go

go 1.25.0

require (
	github.com/aws/constructs-go/constructs/v10 v10.8.1
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-stateful-service/cdk8s-stateful-service-go/cdk8sstatefulservice v0.3.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.106
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// Neither module below comes from the Go module proxy; run-tests.js builds both with
// jsii-pacmak 1.140.0 (README.md, "What the proxy refused, and why the local build exists").
//
// cdk8s-core-go is jsii-pacmak's Go output of the npm package cdk8s; proxy.golang.org
// answers 403 "This module version is not available" for v2.70.106 (and for @v/list),
// so it is built from node_modules/cdk8s, into the output folder cdk8s's own jsii
// configuration names (jsii.outdir "dist"), where jsii-pacmak finds it when it builds
// this library's Go package.
replace github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => ../../node_modules/cdk8s/dist/go/cdk8s

// This library's Go package is not published yet: `npm run package -- --targets go`.
replace github.com/cdk8s-stateful-service/cdk8s-stateful-service-go/cdk8sstatefulservice => ../../lib/pacmak/go/cdk8sstatefulservice
