// Package randomgenerator is the book's example (Kubernetes Patterns, "Stateful Service")
// in Go: the random-generator service as StatefulSet rg with two replicas, each writing
// its log to its own volume, on a single-node minikube. It is the chart of
// src/charts/random-generator-chart.ts and the app of src/charts/app.ts, and writes the
// same manifests as the repository's dist/random-generator.k8s.yaml.
package randomgenerator

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"

	ss "github.com/cdk8s-stateful-service/cdk8s-stateful-service-go/cdk8sstatefulservice"
)

// Chart is the book's example chart and the StatefulService in it.
type Chart struct {
	cdk8s.Chart
	Service ss.StatefulService
}

// NewChart makes the chart in scope. Its namespace is "default" unless props name
// another: the namespace the pre-bound volumes' claimRefs name, so that
// `kubectl apply -f` puts the claims where the volumes expect them.
func NewChart(scope constructs.Construct, id string, props *cdk8s.ChartProps) *Chart {
	chartProps := cdk8s.ChartProps{}
	if props != nil {
		chartProps = *props
	}
	if chartProps.Namespace == nil {
		chartProps.Namespace = jsii.String("default")
	}
	chart := cdk8s.NewChart(scope, jsii.String(id), &chartProps)
	service := ss.NewStatefulService(chart, jsii.String("rg"), Props())
	return &Chart{Chart: chart, Service: service}
}

// Props are the example's StatefulService props.
func Props() *ss.StatefulServiceProps {
	return &ss.StatefulServiceProps{
		Name:        jsii.String("rg"),
		ServiceName: jsii.String("random-generator"),
		Replicas:    jsii.Number(2),
		Container: &ss.ContainerProps{
			Image: jsii.String("k8spatterns/random-generator:1.0"),
			Ports: &[]*ss.ContainerPort{{Name: jsii.String("http"), Number: jsii.Number(8080)}},
			Env: &map[string]ss.EnvValue{
				"LOG_FILE": ss.EnvValue_Literal(jsii.String("/opt/logs/random.log")),
			},
		},
		Storage: &[]ss.Storage{
			ss.Storage_HostPath(&ss.HostPathStorageProps{
				Name:      jsii.String("logs"),
				Size:      cdk8s.Size_Mebibytes(jsii.Number(10)),
				MountPath: jsii.String("/opt/logs"),
				// minikube's default class: the class the book's volumes and claims share.
				StorageClassName: jsii.String("standard"),
				// Three volumes for two replicas, so that the walkthrough's scale-up to 3 finds one.
				Count:      jsii.Number(3),
				VolumeName: jsii.String("log-{ordinal+1}"),
				Path:       jsii.String("/tmp/example/{ordinal+1}"),
			}),
		},
		ExternalAccess: ss.ExternalAccess_NodePort(&ss.NodePortAccessOptions{
			Name: jsii.String("random-generator-np"),
		}),
		Acknowledgements: &[]*ss.Acknowledgement{
			{
				Rule:   ss.PolicyRule_HOST_PATH,
				Reason: jsii.String("the book example runs on single-node minikube, where a hostPath volume is a directory of the one node"),
			},
			{
				Rule:   ss.PolicyRule_NODE_PORT,
				Reason: jsii.String("the book example is reached from outside minikube through `minikube service random-generator-np`"),
			},
		},
	}
}

// NewApp is the minikube app of src/charts/app.ts: the example chart
// "random-generator", synthesized into outdir/random-generator.k8s.yaml. No
// construct-metadata.json is written next to the manifests (`kubectl apply -f outdir/`
// would try to apply it).
func NewApp(outdir string) cdk8s.App {
	app := cdk8s.NewApp(&cdk8s.AppProps{
		Outdir:                  jsii.String(outdir),
		RecordConstructMetadata: jsii.Bool(false),
	})
	NewChart(app, "random-generator", nil)
	return app
}
