// Containers: names, images, ports, env, resources, probes, hooks, security. See test/fixtures/api-rules/harness.ts.
import { containersCases } from './fixtures/api-rules/cases/containers';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(containersCases);
