// Services, CIDRs, PodDisruptionBudgets, ConfigMaps and NetworkPolicies. See test/fixtures/api-rules/harness.ts.
import { servicesCases } from './fixtures/api-rules/cases/services';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(servicesCases);
