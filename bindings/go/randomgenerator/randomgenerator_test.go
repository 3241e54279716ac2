package randomgenerator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"

	ss "github.com/cdk8s-stateful-service/cdk8s-stateful-service-go/cdk8sstatefulservice"

	"github.com/cdk8s-stateful-service/cdk8s-stateful-service/bindings/go/internal/outputs"
)

// The repository's committed manifests, which `npm run synth` writes from TypeScript
// (src/charts/app.ts); test/dist.test.ts keeps them fresh.
var distYaml = filepath.Join("..", "..", "..", "dist", "random-generator.k8s.yaml")

func TestMain(m *testing.M) {
	code := m.Run()
	// Stops the Node.js process that runs the library.
	jsii.Close()
	os.Exit(code)
}

// The Go app writes, byte for byte, the manifests the TypeScript app writes, and nothing
// else (no construct-metadata.json). Most optional fields of the Go structs are left
// unset, enums among them (their zero value ""), so this also shows that unset fields
// reach the construct as absent props: its unknown-prop check would refuse anything else.
func TestSynthWritesTheRepositorysManifests(t *testing.T) {
	want, err := os.ReadFile(distYaml)
	if err != nil {
		t.Fatal(err)
	}
	outdir := t.TempDir()
	NewApp(outdir).Synth()

	names, err := outputs.FileNames(outdir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, " ") != "random-generator.k8s.yaml" {
		t.Fatalf("synth wrote %v, want only random-generator.k8s.yaml", names)
	}
	got, err := os.ReadFile(filepath.Join(outdir, "random-generator.k8s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := outputs.FirstDifference(string(want), string(got)); diff != "" {
		t.Fatalf("the Go app's manifests differ from %s: %s", distYaml, diff)
	}
}

// SynthYaml, the in-memory form, gives the same bytes.
func TestSynthYamlGivesTheSameBytes(t *testing.T) {
	want, err := os.ReadFile(distYaml)
	if err != nil {
		t.Fatal(err)
	}
	got := *NewApp(t.TempDir()).SynthYaml()
	if diff := outputs.FirstDifference(string(want), got); diff != "" {
		t.Fatalf("SynthYaml differs from %s: %s", distYaml, diff)
	}
}

// A bad value for a camelCase prop: the construct collects its problems as the
// construct's validation, so NewStatefulService returns and Synth panics with the
// JavaScript error. The message names the prop as TypeScript spells it, 'serviceName',
// not as the Go field, ServiceName.
func TestBadServiceNamePanicsAtSynthWithTheTypeScriptPropName(t *testing.T) {
	props := Props()
	props.ServiceName = jsii.String("1rg")
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(t.TempDir()), RecordConstructMetadata: jsii.Bool(false)})
	chart := cdk8s.NewChart(app, jsii.String("random-generator"), &cdk8s.ChartProps{Namespace: jsii.String("default")})
	ss.NewStatefulService(chart, jsii.String("rg"), props)

	message := panicMessage(func() { app.Synth() })
	want := "Error: Validation failed with the following errors:\n" +
		"  [random-generator/rg] 'serviceName' must be a Service name: a DNS-1035 label (lowercase letters, " +
		"digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters), got \"1rg\""
	if message != want {
		t.Fatalf("Synth panicked with\n%q\nwant\n%q", message, want)
	}
	if strings.Contains(message, "ServiceName") {
		t.Fatalf("the message names the Go field: %q", message)
	}
}

// A required field left nil is refused by jsii-runtime-go itself, before anything reaches
// JavaScript, when the struct is passed: the message names the Go field (and the field's
// type, not the struct's).
func TestMissingRequiredFieldPanicsInTheGoRuntimeWithTheGoFieldName(t *testing.T) {
	props := Props()
	props.Name = nil
	chart := cdk8s.NewChart(cdk8s.NewApp(nil), jsii.String("c"), nil)
	message := panicMessage(func() { ss.NewStatefulService(chart, jsii.String("rg"), props) })
	if want := "Field *string.Name is required, but has nil value"; message != want {
		t.Fatalf("NewStatefulService panicked with %q, want %q", message, want)
	}
}

// An enum value the library does not have is refused by the jsii kernel when the props
// cross into JavaScript: the message names the prop as TypeScript spells it.
func TestUnknownEnumValuePanicsAtConstructionWithTheTypeScriptPropName(t *testing.T) {
	props := Props()
	props.PodManagementPolicy = ss.PodManagementPolicy("Sometimes")
	chart := cdk8s.NewChart(cdk8s.NewApp(nil), jsii.String("c"), nil)
	message := panicMessage(func() { ss.NewStatefulService(chart, jsii.String("rg"), props) })
	for _, part := range []string{
		"Passed to parameter props of new cdk8s-stateful-service.StatefulService: Unable to deserialize value as cdk8s-stateful-service.StatefulServiceProps",
		"Key 'podManagementPolicy': Unable to deserialize value as cdk8s-stateful-service.PodManagementPolicy | undefined",
		"No such enum member: 'Sometimes'",
	} {
		if !strings.Contains(message, part) {
			t.Fatalf("NewStatefulService panicked with\n%s\nwhich lacks %q", message, part)
		}
	}
}

// The container's env is a map, which jsii-runtime-go sends with its keys sorted
// (encoding/json): the variables come out sorted by name, except that one another refers to
// as $(NAME) comes first (the kubelet expands references to earlier variables only), so a
// reference works whatever the names.
func TestEnvIsSortedByNameWithReferencesFirst(t *testing.T) {
	props := Props()
	props.Container.Env = &map[string]ss.EnvValue{
		"URL":       ss.EnvValue_Literal(jsii.String("http://$(ZONE_HOST):8080")),
		"ZONE_HOST": ss.EnvValue_Literal(jsii.String("localhost")),
		"A":         ss.EnvValue_Literal(jsii.String("a")),
	}
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(t.TempDir()), RecordConstructMetadata: jsii.Bool(false)})
	chart := cdk8s.NewChart(app, jsii.String("c"), &cdk8s.ChartProps{Namespace: jsii.String("default")})
	ss.NewStatefulService(chart, jsii.String("rg"), props)
	yaml := *app.SynthYaml()
	a, host, url := strings.Index(yaml, "- name: A\n"), strings.Index(yaml, "- name: ZONE_HOST\n"), strings.Index(yaml, "- name: URL\n")
	if a < 0 || !(a < host && host < url) {
		t.Fatalf("env not A, ZONE_HOST, URL (A %d, ZONE_HOST %d, URL %d) in\n%s", a, host, url, yaml)
	}
}

// panicMessage runs f and returns the message it panicked with ("" if it did not).
func panicMessage(f func()) (message string) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case error:
			message = r.Error()
		default:
			message = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
