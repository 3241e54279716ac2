// Command coredns is CoreDNS with only the plugins the test cluster's DNS needs: the
// kubernetes plugin (cluster.local records from the API server), bind, errors, log and
// ready. CoreDNS's documented way to choose plugins at compile time is this file: a main
// that sets dnsserver.Directives and imports the plugins. The stock build compiles every
// plugin (cloud DNS providers among them), which only costs build time here.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

func init() {
	// The order in which CoreDNS runs them, as in its own plugin.cfg.
	dnsserver.Directives = []string{"bind", "ready", "log", "errors", "kubernetes"}
}

func main() {
	coremain.Run()
}
