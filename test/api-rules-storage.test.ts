// Pod volumes and mounts, PersistentVolumes, claims and their binding. See test/fixtures/api-rules/harness.ts.
import { storageCases } from './fixtures/api-rules/cases/storage';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(storageCases);
