# shellcheck shell=bash
# Facts read from the synthesized manifests, so the end-to-end run checks the objects in
# the given directory instead of names copied into the script.
#
# The manifests are YAML; bash cannot parse it, so a few lines of Node.js do, with the
# `yaml` package the project already depends on (resolved from E2E_REPO_ROOT, default the
# current directory). Node is there wherever `npm run synth` made the manifests.

# manifest_facts DIR: one line per fact, space-separated, names never contain spaces:
#   volume <name> <hostPath> <claimRef namespace or -> <claimRef name or ->
#   statefulset <name> <serviceName> <replicas> <first claim template> <namespace or -> <uid or -> <gid or ->
#   selector <key=value,key=value>                      (the StatefulSet's matchLabels)
#   logfile <LOG_FILE of the first container or -> <mountPath of the claim template's volume or ->
#   service <name> <type or ClusterIP> <clusterIP or -> <first port name or -> <first port>
#   namespace <name or ->                                (once per distinct metadata.namespace)
manifest_facts() {
  node -e "$_E2E_MANIFEST_JS" facts "$1"
}

# manifest_split DIR OUTDIR: writes the objects into files named after the book's steps,
# in the book's order, so each step can be applied and checked on its own:
#   0-namespace.yaml (Namespace objects: applied, never deleted by the run),
#   0-other.yaml (ServiceAccount, ConfigMap, ... whatever pods may need first), 1-volumes.yaml,
#   2-headless-service.yaml, 3-statefulset.yaml, 4-external-service.yaml, 5-disruption-budget.yaml.
# Files with no object are not written. Prints the written file names, in order.
manifest_split() {
  node -e "$_E2E_MANIFEST_JS" split "$1" "$2"
}

# The script shared by both functions. Kept in one string so the helpers stay a sourced
# shell file (the e2e script's only dependency is this directory and node_modules).
_E2E_MANIFEST_JS='
const fs = require("fs");
const path = require("path");
const root = process.env.E2E_REPO_ROOT || process.cwd();
const YAML = require(require.resolve("yaml", { paths: [root] }));
const [mode, dir, outDir] = process.argv.slice(1);
const fail = (message) => { process.stderr.write("FAIL: " + message + "\n"); process.exit(1); };
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail("manifests directory \x27" + dir + "\x27 does not exist (run npm run synth, or pass --manifests DIR)");
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) fail("no .yaml file in \x27" + dir + "\x27 (run npm run synth first)");
const objects = [];
for (const file of files) {
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"))) {
    if (doc.errors.length > 0) fail(file + ": " + doc.errors[0].message);
    const object = doc.toJS();
    if (object && object.kind) objects.push(object);
  }
}
const dash = (value) => (value === undefined || value === null || value === "" ? "-" : String(value));
const isHeadless = (o) => o.kind === "Service" && o.spec && o.spec.clusterIP === "None";
if (mode === "facts") {
  const lines = [];
  const namespaces = new Set();
  for (const o of objects) {
    if (o.kind !== "PersistentVolume" && o.kind !== "Namespace") namespaces.add(dash(o.metadata && o.metadata.namespace));
    if (o.kind === "PersistentVolume" && o.spec.hostPath) {
      const ref = o.spec.claimRef || {};
      lines.push(["volume", o.metadata.name, o.spec.hostPath.path, dash(ref.namespace), dash(ref.name)].join(" "));
    }
    if (o.kind === "StatefulSet") {
      const pod = o.spec.template.spec || {};
      const container = (pod.containers || [])[0] || {};
      const own = container.securityContext || {};
      const shared = pod.securityContext || {};
      const uid = own.runAsUser !== undefined ? own.runAsUser : shared.runAsUser;
      const gid = own.runAsGroup !== undefined ? own.runAsGroup : shared.runAsGroup;
      const template = ((o.spec.volumeClaimTemplates || [])[0] || { metadata: {} }).metadata.name;
      lines.push(["statefulset", o.metadata.name, o.spec.serviceName, dash(o.spec.replicas === undefined ? 1 : o.spec.replicas), dash(template), dash(o.metadata.namespace), dash(uid), dash(gid)].join(" "));
      const labels = (o.spec.selector && o.spec.selector.matchLabels) || {};
      lines.push("selector " + Object.keys(labels).map((k) => k + "=" + labels[k]).join(","));
      const logFile = (container.env || []).find((e) => e.name === "LOG_FILE");
      const mount = (container.volumeMounts || []).find((m) => m.name === template);
      lines.push(["logfile", dash(logFile && logFile.value), dash(mount && mount.mountPath)].join(" "));
    }
    if (o.kind === "Service") {
      const port = (o.spec.ports || [])[0] || {};
      lines.push(["service", o.metadata.name, o.spec.type || "ClusterIP", dash(o.spec.clusterIP), dash(port.name), dash(port.port)].join(" "));
    }
  }
  for (const ns of namespaces) lines.push("namespace " + ns);
  process.stdout.write(lines.join("\n") + "\n");
} else if (mode === "split") {
  if (!outDir) fail("manifest_split: no output directory given");
  const step = (o) => {
    if (o.kind === "Namespace") return "0-namespace";
    if (o.kind === "PersistentVolume") return "1-volumes";
    if (isHeadless(o)) return "2-headless-service";
    if (o.kind === "StatefulSet") return "3-statefulset";
    if (o.kind === "Service") return "4-external-service";
    if (o.kind === "PodDisruptionBudget") return "5-disruption-budget";
    return "0-other";
  };
  const groups = new Map();
  for (const o of objects) {
    const name = step(o);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(o);
  }
  for (const name of [...groups.keys()].sort()) {
    const file = path.join(outDir, name + ".yaml");
    fs.writeFileSync(file, groups.get(name).map((o) => YAML.stringify(o)).join("---\n"));
    process.stdout.write(file + "\n");
  }
} else {
  fail("unknown mode \x27" + mode + "\x27");
}
'
