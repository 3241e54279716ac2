// Pod scheduling and identity, and the StatefulSet's own fields. See test/fixtures/api-rules/harness.ts.
import { podsCases } from './fixtures/api-rules/cases/pods';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(podsCases);
