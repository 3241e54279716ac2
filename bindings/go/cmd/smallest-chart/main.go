// Command smallest-chart is the smallest chart of the project's README, in Go: it writes
// cache.k8s.yaml into $CDK8S_OUTDIR, else dist/.
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"

	ss "github.com/cdk8s-stateful-service/cdk8s-stateful-service-go/cdk8sstatefulservice"
)

func main() {
	defer jsii.Close() // stops the Node.js process that runs the library
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("cache"), nil)
	ss.NewStatefulService(chart, jsii.String("cache"), &ss.StatefulServiceProps{
		Name:     jsii.String("cache"),
		Replicas: jsii.Number(3),
		Container: &ss.ContainerProps{
			Image: jsii.String("example/cache:2.4.1"),
			Ports: &[]*ss.ContainerPort{{Name: jsii.String("http"), Number: jsii.Number(8080)}},
		},
		Storage: &[]ss.Storage{ss.Storage_Dynamic(&ss.ClaimOptions{
			Size:      cdk8s.Size_Gibibytes(jsii.Number(1)),
			MountPath: jsii.String("/data"),
		})},
	})
	app.Synth()
}
