import { isDnsLabel, isDnsSubdomain, isQualifiedName, isServiceName } from '../../k8s-syntax';
import { Ctx, isObject, show } from './context';
import { checkLabels, qualifiedNameRule } from './labels';

const CLUSTER_SCOPED = new Set([
  'PersistentVolume',
  'Namespace',
  'StorageClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

/** `must be a DNS label, got "x" (what a DNS label is)`: the messages for the name formats. */
export const mustBe = {
  label: (v: unknown) =>
    `must be a DNS label, got ${show(v)} (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)`,
  subdomain: (v: unknown) =>
    `must be a DNS subdomain, got ${show(v)} (at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit)`,
};

// The StatefulSet controller labels every pod `controller-revision-hash: <name>-<hash>`, a
// label value of at most 63 characters; the hash takes up to 10 (kubernetes#64023).
const MAX_STATEFULSET_NAME = 52;
// batch validation.go: ValidateCronJob (its Jobs get an 11-character suffix).
const MAX_CRONJOB_NAME = 52;
// rbac validation.go: ValidateRBACName is path.IsValidPathSegmentName, so that
// `system:aggregated-metrics-reader` is a valid ClusterRole name.
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
/** IsValidPathSegmentName: not `.` or `..`, no `/` or `%`. */
export const isPathSegmentName = (v: unknown): v is string =>
  typeof v === 'string' && v !== '.' && v !== '..' && !/[/%]/.test(v);
// objectmeta.go: TotalAnnotationSizeLimitB.
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

// Each kind's nameFn in ValidateObjectMeta: validation.go ValidateServiceName (DNS-1035),
// ValidateNamespaceName (DNS label), apps validation.go ValidateStatefulSetName (DNS label
// since 1.27), NameIsDNSSubdomain for the rest.
function checkName(ctx: Ctx, kind: unknown, name: unknown): void {
  if (name === undefined) return; // the schema check owns required fields (and generateName)
  if (kind === 'Service') {
    // RelaxedServiceNameValidation (beta, on from 1.36): a DNS label, which may start with a digit.
    if (ctx.target.minor >= 36 ? !isDnsLabel(name) : !isServiceName(name)) {
      ctx.report(
        'metadata.name',
        ctx.target.minor >= 36
          ? `a Service name ${mustBe.label(name)}`
          : `a Service name must be a DNS-1035 label (at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit), got ${show(name)}`,
        'name',
      );
    }
  } else if (kind === 'Namespace' || kind === 'StatefulSet') {
    if (!isDnsLabel(name)) ctx.report('metadata.name', `a ${kind} name ${mustBe.label(name)}`, 'name');
    else if (kind === 'StatefulSet' && name.length > MAX_STATEFULSET_NAME) {
      ctx.report(
        'metadata.name',
        `a StatefulSet name must be a DNS label of at most ${MAX_STATEFULSET_NAME} characters to run: its pods are labelled controller-revision-hash=<name>-<hash of up to 10 characters>, which must fit in 63, got ${show(name)} (${name.length} characters); the API server accepts the set, then rejects every pod`,
        'statefulset-name-length',
      );
    }
  } else if (RBAC_KINDS.has(kind as string)) {
    if (!isPathSegmentName(name) || name === '') {
      ctx.report(
        'metadata.name',
        `a ${String(kind)} name must be a path segment (not "." or "..", without "/" or "%"), got ${show(name)}`,
        'name',
      );
    }
  } else if (!isDnsSubdomain(name)) {
    ctx.report('metadata.name', mustBe.subdomain(name), 'name');
  } else if (kind === 'CronJob' && name.length > MAX_CRONJOB_NAME) {
    ctx.report(
      'metadata.name',
      `a CronJob name must be at most ${MAX_CRONJOB_NAME} characters, got ${show(name)}`,
      'name',
    );
  }
}

// objectmeta.go: ValidateAnnotations (keys are qualified names once lowercased) and
// ValidateAnnotationsSize.
function checkAnnotations(ctx: Ctx, path: string, annotations: unknown): void {
  if (!isObject(annotations)) return;
  let bytes = 0;
  for (const [k, v] of Object.entries(annotations)) {
    if (!isQualifiedName(k.toLowerCase())) {
      ctx.report(path, `invalid annotation key ${show(k)} (${qualifiedNameRule}; case does not matter)`, 'annotations');
    }
    bytes += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : String(v));
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    ctx.report(
      path,
      `annotations take ${bytes} bytes (keys and values); at most ${MAX_ANNOTATIONS_BYTES} (256 KiB) are allowed`,
      'annotations',
    );
  }
}

/** The labels and annotations of an embedded template (pod template, claim template). */
// validation.go: ValidateTemplateObjectMeta, ValidatePodTemplateSpec (labels, annotations).
export function checkTemplateMeta(ctx: Ctx, path: string, meta: unknown): void {
  if (!isObject(meta)) return;
  checkLabels(ctx, `${path}.labels`, meta.labels);
  checkAnnotations(ctx, `${path}.annotations`, meta.annotations);
}

/** The metadata of a top-level object. */
// objectmeta.go: ValidateObjectMetaAccessor.
export function checkObjectMeta(ctx: Ctx, kind: unknown, meta: unknown): void {
  if (!isObject(meta)) return;
  checkName(ctx, kind, meta.name);
  if (typeof kind === 'string' && CLUSTER_SCOPED.has(kind)) {
    if (meta.namespace !== undefined) {
      // kubectl and the API server accept it and drop it.
      ctx.report(
        'metadata.namespace',
        `a ${kind} is cluster-scoped: its namespace ${show(meta.namespace)} is ignored`,
        'namespace',
        'warning',
      );
    }
  } else if (meta.namespace !== undefined && !isDnsLabel(meta.namespace)) {
    ctx.report('metadata.namespace', mustBe.label(meta.namespace), 'namespace');
  }
  checkTemplateMeta(ctx, 'metadata', meta);
}
