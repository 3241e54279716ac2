// The kinds around the workloads: RBAC, Ingress, autoscaling, batch, Secrets, classes and
// quotas. See test/fixtures/api-rules/harness.ts.
import { kindsCases } from './fixtures/api-rules/cases/kinds';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(kindsCases);
